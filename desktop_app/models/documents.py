"""The SCOR queue as a table: a short list (a practice's scans waiting or sent in the last months), read
whole on the pool (:func:`~desktop_app.document_rows.document_rows`) and handed to :meth:`set_rows`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..document_rows import DocumentRow, percent_sent
from ..formatting import french_date, french_day, french_time, spaced_nir
from ..status import local_now

__all__ = ["DocumentsModel", "reason_words", "short_moment", "state_words"]

_TONES = {"failed": QColor("#b3261e"), "rejected": QColor("#b3261e"), "accepted": QColor("#2e7d4f"),
          "sending": QColor("#1f5f8b"), "ready": QColor("#a35f00")}
Index = QModelIndex | QPersistentModelIndex


translate = QCoreApplication.translate  # the name lupdate looks for


def short_moment(stamp: datetime, now: datetime) -> str:
    """``02/12 at 3 h 55``: a table's cell, where "today at" would take the reason's room."""
    local = stamp.astimezone(now.tzinfo)
    return translate("Freshness", "%1 at %2").replace("%1", french_day(local.date(), now.date())) \
        .replace("%2", french_time(local))


def state_words(row: DocumentRow) -> str:
    """"Sending — 45 %", "Accepted"…"""
    if row.status == "sending":
        percent = percent_sent(row)
        if percent is None:
            return translate("DocumentsModel", "Sending")
        return translate("DocumentsModel", "Sending — %1 %").replace("%1", str(percent))
    words = {"ready": translate("DocumentsModel", "Waiting to be sent"),
             "accepted": translate("DocumentsModel", "Accepted"),
             "rejected": translate("DocumentsModel", "Refused"),
             "failed": translate("DocumentsModel", "Cannot be sent")}
    return words.get(row.status, row.status)


def reason_words(row: DocumentRow) -> str:
    """Why a scan was refused (the fund's French reason, as it is) or could not be sent (its code in words)."""
    if row.status == "failed" and row.reason:
        from ..messages import reason_text

        try:
            return reason_text(row.reason)
        except ValueError:  # a code of a newer version
            return row.reason
    if row.status == "rejected":
        return row.reason or translate("DocumentsModel", "Refused by the health insurance, without a reason given.")
    return ""


class DocumentsModel(QAbstractTableModel):
    """Columns: state, invoice (batch / number), patient's NIR, care date, added, answered (accepted or
    refused), reason."""

    def __init__(self, clock: Callable[[], datetime] = local_now, parent=None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[DocumentRow] = []
        self._now = clock()
        self._titles = (translate("DocumentsModel", "State"), translate("DocumentsModel", "Batch / invoice"),
                        translate("DocumentsModel", "Patient's NIR"), translate("DocumentsModel", "Care date"),
                        translate("DocumentsModel", "Added"), translate("DocumentsModel", "Answered"),
                        translate("DocumentsModel", "Reason"))

    def set_rows(self, rows: Sequence[DocumentRow]) -> None:
        self.beginResetModel()
        self._rows, self._now = list(rows), self._clock()
        self.endResetModel()

    def row_at(self, row: int) -> DocumentRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def _text(self, row: DocumentRow, column: int) -> str:
        if column == 0:
            return state_words(row)
        if column == 1:
            return f"{row.batch} / {row.number}"
        if column == 2:
            return spaced_nir(row.nir)
        if column == 3:
            return french_date(row.care_date)
        if column == 4:
            return short_moment(row.created_at, self._now)
        if column == 5:
            return short_moment(row.sent_at, self._now) if row.sent_at else ""
        return reason_words(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._titles):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 6):
            return reason_words(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return _TONES.get(row.status)
        if role == Qt.ItemDataRole.UserRole:
            return row.status
        return None
