"""The ALD renewals due within 3 months as a table: a short list (the back office's window), read whole
on the pool and shown soonest first, each with what the médecin traitant has to do and by when
(DOMAIN.md: tell him at M-3 which of his patients' ALD need an argued renewal).

"In N days" is counted from today's date, not from the day of the last sync: offline, the days still
go down.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..formatting import french_date, spaced_nir

if TYPE_CHECKING:
    from sync.protocol import AldRenewal

__all__ = ["URGENT_DAYS", "AldModel", "ald_todo", "days_left_text"]

URGENT_DAYS = 30  # within a month: shown as urgent
translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex


def days_left_text(days: int) -> str:
    """"today", "tomorrow", "in 12 days", "ended 3 days ago"."""
    if days == 0:
        return translate("AldModel", "today")
    if days == 1:
        return translate("AldModel", "tomorrow")
    if days < 0:
        return translate("AldModel", "ended %n day(s) ago", None, -days)
    return translate("AldModel", "in %n day(s)", None, days)


def ald_todo(renewal: AldRenewal, today: date) -> str:
    """What to do for this renewal, and by when."""
    end = f"{renewal.end_date:%d/%m/%Y}"
    if renewal.end_date < today:
        return translate("AldModel", "Ended on %1: send the renewal protocole de soins without delay, the "
                                   "patient pays the co-payment meanwhile.").replace("%1", end)
    return translate("AldModel", "Write the protocole de soins for the argued renewal before %1.").replace("%1", end)


class AldModel(QAbstractTableModel):
    """The renewals given by :meth:`set_renewals`, soonest end first, counted from ``today``."""

    STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "urgent", "ended" or None: the row's style state

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AldRenewal] = []
        self._today = date.min
        self._titles = [translate("AldModel", "Ends on"), translate("AldModel", "Patient"), translate("AldModel", "ALD"),
                        translate("AldModel", "To do")]

    def set_renewals(self, renewals: Sequence[AldRenewal], today: date) -> None:
        self.beginResetModel()
        self._rows = sorted(renewals, key=lambda r: (r.end_date, r.last_name, r.first_name, r.ald_number))
        self._today = today
        self.endResetModel()

    def clear(self) -> None:
        self.set_renewals((), date.min)

    def renewal(self, row: int) -> AldRenewal:
        return self._rows[row]

    def days_left(self, row: int) -> int:
        return (self._rows[row].end_date - self._today).days

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        renewal, column = self._rows[index.row()], index.column()
        if role == self.STATE_ROLE:  # the date's look says how soon
            days = self.days_left(index.row())
            return "ended" if days < 0 else "urgent" if days <= URGENT_DAYS else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 3):
            return self._text(renewal, column, index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(renewal, column, index.row())
        return None

    def _text(self, renewal: AldRenewal, column: int, row: int) -> str:
        """Two lines in the first two columns: what is read first, then what makes it precise."""
        if column == 0:
            return f"{renewal.end_date:%d/%m/%Y}\n{days_left_text(self.days_left(row))}"
        if column == 1:
            born = translate("AldModel", "born %1").replace("%1", french_date(renewal.birth_date))
            return f"{renewal.last_name.upper()} {renewal.first_name}\n{spaced_nir(renewal.nir)} · {born}"
        if column == 2:
            return translate("AldModel", "ALD %1 — %2").replace("%1", str(renewal.ald_number)).replace("%2", renewal.label)
        return ald_todo(renewal, self._today)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
