"""The sections' tables: one look for every list (rows selected whole, no grid, sortable headers) and a
delegate that shows a row's state (new, urgent, treated…) from a model role, since a style sheet
cannot select on an item's data."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

__all__ = ["RowState", "StateDelegate", "data_table"]

RowState = tuple[str | None, bool, bool]  # colour (#rrggbb or None), bold, italic


class StateDelegate(QStyledItemDelegate):
    """Paints each cell with the colour and weight of its row's state (the model's ``role``)."""

    def __init__(self, role: int, states: Mapping[str, RowState], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role, self._states = role, dict(states)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        look = self._states.get(index.data(self._role))
        if look is None:
            return
        colour, bold, italic = look
        font = QFont(option.font)
        font.setBold(bold)
        font.setItalic(italic)
        option.font = font
        if colour and not option.state & QStyleOptionViewItem.StateFlag.State_Selected:
            option.palette.setColor(option.palette.ColorRole.Text, QColor(colour))


def data_table(object_name: str, accessible_name: str, *, sortable: bool = True) -> QTableView:
    """A read-only table of whole rows, one selected at a time, its last column stretched."""
    table = QTableView(objectName=object_name)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSortingEnabled(sortable)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(30)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
