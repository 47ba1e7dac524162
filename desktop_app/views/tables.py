"""The sections' tables: one look for every list (rows selected whole, no grid, sortable headers) and a
delegate that shows a row's state (new, urgent, treated…) from a model role, since a style sheet
cannot select on an item's data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

__all__ = ["RowState", "StateDelegate", "data_table"]

@dataclass(frozen=True)
class RowState:
    """How a state shows: its colour (#rrggbb), weight and slant, in ``columns`` only (None: the whole row)."""

    colour: str | None = None
    bold: bool = False
    italic: bool = False
    columns: frozenset[int] | None = None


class StateDelegate(QStyledItemDelegate):
    """Paints each cell with the colour and weight of its row's state (the model's ``role``)."""

    def __init__(self, role: int, states: Mapping[str, RowState], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role, self._states = role, dict(states)

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        look = self._states.get(index.data(self._role))
        if look is None or (look.columns is not None and index.column() not in look.columns):
            return
        font = QFont(option.font)
        font.setBold(look.bold)
        font.setItalic(look.italic)
        option.font = font
        if look.colour and not option.state & QStyle.StateFlag.State_Selected:
            option.palette.setColor(option.palette.ColorRole.Text, QColor(look.colour))


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
