"""Documents: the scanned care sheets (SCOR) kept on this workstation until the health insurance has
accepted them — what waits, what is being sent and how far, what was refused and why, what was
accepted and when. Capturing scans is not here yet: the page only shows the queue (no I/O, no signal)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel

from ..document_rows import DocumentRow
from ..models.documents import DocumentsModel, reason_words
from ..sections import Section
from ..status import local_now
from .common import role_label, show_line
from .section_page import SectionPage
from .shell import section_title
from .tables import data_table

__all__ = ["DocumentsView"]

_REASON_COLUMN = 6


class DocumentsView(SectionPage):
    def __init__(self, clock: Callable[[], datetime] = local_now, parent=None) -> None:
        super().__init__(section_title(Section.DOCUMENTS.value), clock, parent)
        self.setObjectName("documentsPage")
        self.model = DocumentsModel(clock, self)
        intro = QLabel(self.tr("Scanned care sheets are kept on this workstation, encrypted, until the health "
                               "insurance has accepted them. They are sent in the background, even after a "
                               "restart."), objectName="pageIntro", wordWrap=True)
        self.summary = QLabel(objectName="documentsSummary", wordWrap=True)
        self.empty = QLabel(self.tr("No scanned document on this workstation yet."), objectName="pageIntro")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # the table's room, at its top
        self.table = data_table("documentsTable", self.tr("Scanned documents"), sortable=False)
        self.table.setModel(self.model)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the fund's reason is a sentence: read whole under the table (and in the state's tooltip), not cut
        # to what a column leaves
        self.table.setColumnHidden(_REASON_COLUMN, True)
        self.body.addWidget(intro)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.empty, 1)
        self.detail = role_label(role="error")
        self.detail.setObjectName("documentDetail")
        self.detail.setAccessibleName(self.tr("Reason of the selected document"))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._show_detail(current.row()))
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.detail)
        self.set_rows(())

    def set_rows(self, rows: Sequence[DocumentRow]) -> None:
        """The queue as it stands (:func:`~desktop_app.document_rows.document_rows`)."""
        current = self.model.row_at(self.table.currentIndex().row()).id if self.table.currentIndex().isValid() else None
        self.model.set_rows(rows)
        ids = [row.id for row in rows]
        # the same document stays selected; else the first whose reason is to read, so that it is read whole
        chosen = ids.index(current) if current in ids else next(
            (i for i, row in enumerate(rows) if row.status in ("failed", "rejected")), -1)
        if chosen >= 0:
            self.table.selectRow(chosen)
        self._show_detail(chosen)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.summary.setText(self._summary(rows))
        self.summary.setVisible(bool(rows))

    def _show_detail(self, row: int) -> None:
        """The selected document's reason, whole (the table's cell is cut to its width)."""
        if not 0 <= row < self.model.rowCount():
            show_line(self.detail, None)
            return
        document = self.model.row_at(row)
        reason = reason_words(document)
        text = self.tr("Invoice %1 of batch %2: %3").replace("%1", document.number).replace("%2", document.batch) \
            .replace("%3", reason)
        show_line(self.detail, text if reason else None)

    def _summary(self, rows: Sequence[DocumentRow]) -> str:
        waiting = sum(1 for row in rows if row.status in ("ready", "waiting_arl", "sending", "sent"))
        wrong = sum(1 for row in rows if row.status in ("failed", "rejected"))
        accepted = sum(1 for row in rows if row.status == "accepted")
        parts = []
        if waiting:
            parts.append(self.tr("%n to send", "", waiting))
        if wrong:
            parts.append(self.tr("%n refused or not sendable: see the reason", "", wrong))
        if accepted:
            parts.append(self.tr("%n accepted", "", accepted))
        return " · ".join(parts)

    def clear(self) -> None:
        """The session locked: nothing of it stays."""
        self.set_rows(())
        self.set_freshness(None)
