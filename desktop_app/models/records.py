"""A table model over a short list read whole (a history of orders, the threads with the fund): the
records are read on the pool by the presenter and handed over at once; the columns are the lazy
model's (:class:`~desktop_app.models.lazy.Column`), so both kinds of list are written alike."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from .lazy import Column, column_header, row_flags

__all__ = ["RecordsModel"]

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel, Generic[R]):
    """Rows of records in the order given; ``key(record)`` finds a row again after the list is replaced
    (a selection survives a sync)."""

    RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
    STATE_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[Column[R]], key: Callable[[R], Hashable],
                 parent: QObject | None = None, *, marked: Mapping[str, str] | None = None) -> None:
        """``marked``: a column's ``role`` value → the colour its cell is written in, bold (an answered
        thread, a refused order)."""
        super().__init__(parent)
        self._columns, self._key = tuple(columns), key
        self._marked = {state: QColor(color) for state, color in (marked or {}).items()}
        self._records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, key: Hashable) -> int | None:
        """The row of the record with ``key``, None if it is not listed."""
        return next((row for row, record in enumerate(self._records) if self._key(record) == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        column, record = self._columns[index.column()], self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(record) if column.tooltip else None
        if role == self.RECORD_ROLE:
            return record
        state = column.role(record) if column.role else None
        if role == self.STATE_ROLE:
            return state
        if state in self._marked:
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._marked[state]
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self._columns, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return row_flags(index)
