"""Documents: the scanned care sheets (SCOR) kept on this workstation until the health insurance has
accepted them — what waits, what is being sent and how far, what was refused and why, what was
accepted and when. Capturing scans is not here yet: the page only shows the queue (no I/O, no signal)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

from ..document_rows import DocumentRow
from ..models.documents import DocumentsModel
from ..sections import Section
from ..status import local_now
from .section_page import SectionPage
from .shell import section_title

__all__ = ["DocumentsView"]

_REASON_COLUMN = 6


class DocumentsView(SectionPage):
    def __init__(self, clock: Callable[[], datetime] = local_now, parent=None) -> None:  # noqa: ANN001
        super().__init__(section_title(Section.DOCUMENTS.value), clock, parent)
        self.setObjectName("documentsPage")
        self.model = DocumentsModel(clock, self)
        intro = QLabel(self.tr("Scanned care sheets are kept on this workstation, encrypted, until the health "
                               "insurance has accepted them. They are sent in the background, even after a "
                               "restart."), objectName="pageIntro", wordWrap=True)
        self.summary = QLabel(objectName="documentsSummary", wordWrap=True)
        self.empty = QLabel(self.tr("No scanned document on this workstation yet."), objectName="pageIntro")
        self.table = QTableView(objectName="documentsTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Scanned documents"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # the fund's reason, whole, on as many lines as it takes
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.body.addWidget(intro)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.table, 1)
        self.set_rows(())

    def set_rows(self, rows: Sequence[DocumentRow]) -> None:
        """The queue as it stands (:func:`~desktop_app.document_rows.document_rows`)."""
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.summary.setText(self._summary(rows))
        self.summary.setVisible(bool(rows))

    def _summary(self, rows: Sequence[DocumentRow]) -> str:
        waiting = sum(1 for row in rows if row.status in ("queued", "uploading"))
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
