"""The SCOR queue as a table: a short list (a practice's scans waiting or sent in the last months), read
whole on the pool (:func:`~desktop_app.document_rows.document_rows`) and handed to :meth:`set_rows`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from ..document_rows import DocumentRow, percent_sent
from ..formatting import french_day, french_time, spaced_nir
from ..status import local_now

__all__ = ["COLUMNS", "DocumentsModel", "flag_words", "flags_text", "reason_words", "short_moment", "state_words"]

_WARNING, _GOOD, _MOVING, _CALM = QColor("#b3261e"), QColor("#2e7d4f"), QColor("#1f5f8b"), QColor("#a35f00")
_TONES = {"failed": _WARNING, "rejected": _WARNING, "paper": _WARNING, "accepted": _GOOD, "sending": _MOVING,
          "sent": _MOVING, "ready": _MOVING, "waiting_arl": _CALM, "draft": _CALM}
Index = QModelIndex | QPersistentModelIndex

translate = QCoreApplication.translate  # the name lupdate looks for

# column names, in order (the view finds its columns by them)
COLUMNS = ("document", "patient", "invoice", "pages", "checks", "added", "state")
_TITLES = (QT_TRANSLATE_NOOP("DocumentsModel", "Document"), QT_TRANSLATE_NOOP("DocumentsModel", "Patient"),
           QT_TRANSLATE_NOOP("DocumentsModel", "Batch / invoice"), QT_TRANSLATE_NOOP("DocumentsModel", "Pages"),
           QT_TRANSLATE_NOOP("DocumentsModel", "Checks"), QT_TRANSLATE_NOOP("DocumentsModel", "Added"),
           QT_TRANSLATE_NOOP("DocumentsModel", "State"))
_FLAGS = {"NEARLY_WHITE": QT_TRANSLATE_NOOP("DocumentsModel", "nearly white"),
          "NEARLY_BLACK": QT_TRANSLATE_NOOP("DocumentsModel", "nearly black"),
          "LOW_CONTRAST": QT_TRANSLATE_NOOP("DocumentsModel", "low contrast"),
          "CUT_OR_SHIFTED": QT_TRANSLATE_NOOP("DocumentsModel", "cut or shifted")}


def short_moment(stamp: datetime, now: datetime) -> str:
    """``02/12 at 3 h 55``: a table's cell, where "today at" would take the reason's room."""
    local = stamp.astimezone(now.tzinfo)
    return translate("Freshness", "%1 at %2").replace("%1", french_day(local.date(), now.date())) \
        .replace("%2", french_time(local))


def reason_words(row: DocumentRow) -> str:
    """Why a document was refused (the fund's French reason, as it is), is to be sent on paper, or cannot
    be sent (a client's reason code, in words)."""
    if row.status == "rejected" and not row.reason:
        return translate("DocumentsModel", "Refused by the health insurance, without a reason given.")
    if row.status not in ("failed", "rejected", "paper") or not row.reason:
        return ""
    from ..messages import reason_text

    try:
        return reason_text(row.reason)
    except (ValueError, KeyError):  # the fund's sentence, or a code of a newer version
        return row.reason


def state_words(row: DocumentRow) -> str:
    """"Draft", "Sending 45 %", "Refused: <the fund's reason>"..."""
    if row.status == "sending":
        percent = percent_sent(row)
        if percent is None:
            return translate("DocumentsModel", "Sending")
        return translate("DocumentsModel", "Sending %1 %").replace("%1", str(percent))
    if row.status == "rejected":
        return translate("DocumentsModel", "Refused: %1").replace("%1", reason_words(row))
    if row.status == "paper":
        reason = reason_words(row)
        return translate("DocumentsModel", "To send on paper: %1").replace("%1", reason) if reason \
            else translate("DocumentsModel", "To send on paper")
    words = {"draft": translate("DocumentsModel", "Draft"),
             "ready": translate("DocumentsModel", "Ready"),
             "waiting_arl": translate("DocumentsModel", "Waiting for the batch's acknowledgement"),
             "sent": translate("DocumentsModel", "Sent"),
             "accepted": translate("DocumentsModel", "Accepted"),
             "failed": translate("DocumentsModel", "File lost"),
             "purged": translate("DocumentsModel", "Purged")}
    return words.get(row.status, row.status)


def flag_words(flag: str) -> str:
    """A quality flag's name (``NEARLY_WHITE``) in words."""
    return translate("DocumentsModel", _FLAGS[flag]) if flag in _FLAGS else flag.lower().replace("_", " ")


def flags_text(row: DocumentRow) -> tuple[str, str]:
    """The checks' cell and its tooltip: the one flagged page and why, or how many pages to check (each
    page's reasons in the tooltip); empty when every page passed."""
    flagged = [(page, sorted(flags)) for page, flags in enumerate(row.flags, 1) if flags]
    if not flagged:
        return "", ""
    lines = [translate("DocumentsModel", "Page %1: %2").replace("%1", str(page))
             .replace("%2", ", ".join(flag_words(flag) for flag in flags)) for page, flags in flagged]
    count = len(flagged)  # a plain name: lupdate misses a numerus call whose count is an expression
    cell = lines[0] if count == 1 else translate("DocumentsModel", "%n page(s) to check", None, count)
    return cell, "\n".join(lines)


class DocumentsModel(QAbstractTableModel):
    """Columns (:data:`COLUMNS`): document (its file's name), patient, batch / invoice, pages, quality
    checks, added, state (with the fund's reason)."""

    def __init__(self, clock: Callable[[], datetime] = local_now, parent=None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[DocumentRow] = []
        self._now = clock()

    def set_rows(self, rows: Sequence[DocumentRow]) -> None:
        self.beginResetModel()
        self._rows, self._now = list(rows), self._clock()
        self.endResetModel()

    def row_at(self, row: int) -> DocumentRow:
        return self._rows[row]

    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return translate("DocumentsModel", _TITLES[section])
        return None

    def _text(self, row: DocumentRow, column: str) -> str:
        if column == "document":
            return row.source_name or translate("DocumentsModel", "Scanned here")
        if column == "patient":
            if row.patient_name:
                return row.patient_name
            return spaced_nir(row.nir) if row.nir else ""
        if column == "invoice":
            return f"{row.batch} / {row.number}" if row.linked else translate("DocumentsModel", "To link")
        if column == "pages":
            return str(row.pages)
        if column == "checks":
            return flags_text(row)[0]
        if column == "added":
            return short_moment(row.created_at, self._now)
        return state_words(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(COLUMNS):
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "state":
                return reason_words(row) or None
            if column == "checks":
                return flags_text(row)[1] or None
            if column == "document":
                return row.source_name
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "state":
                return _TONES.get(row.status)
            if column == "checks" and any(row.flags):
                return _CALM
            if column == "invoice" and not row.linked:
                return _CALM
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "pages":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.status
        return None
