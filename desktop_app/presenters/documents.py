"""Documents' presenter: the session's SCOR queue read on the pool, again after each pass that ended
uploads, and every second while the page is shown with a scan waiting or being sent (the upload's
progress moves between passes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer

from ..document_rows import DocumentRow
from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SectionPresenter, SyncPass
from ..sections import Section
from ..status import local_now
from ..views.documents import DocumentsView

__all__ = ["DocumentsPresenter", "PROGRESS_INTERVAL_MS"]

PROGRESS_INTERVAL_MS = 1000
_PENDING = ("ready", "waiting_arl", "sending", "sent")


class DocumentsPresenter(SectionPresenter):
    section = Section.DOCUMENTS
    domains = frozenset({"documents"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = DocumentsView(clock)
        window.shell.set_page(Section.DOCUMENTS, self.view)
        self._passed_at: datetime | None = None  # the last pass's end: the queue's state is as of then
        self._progress = QTimer(self)
        self._progress.setSingleShot(True)
        self._progress.setInterval(PROGRESS_INTERVAL_MS)
        self._progress.timeout.connect(self._poll)

    def synced(self, sync_pass: SyncPass) -> None:
        self._passed_at = self.clock()
        super().synced(sync_pass)

    def reload(self) -> None:
        self.refresh_freshness()
        session = self.session
        queue = session.documents if session is not None else None
        if queue is None:
            self.view.set_rows(())
            return

        def read() -> list[DocumentRow]:
            from ..document_rows import document_rows  # opens sealed rows (sync.*): on the pool

            return document_rows(queue)

        self.run(read, self._show)

    def _show(self, rows: list[DocumentRow]) -> None:
        self.view.set_rows(rows)
        if any(row.status in _PENDING for row in rows):
            self._progress.start()

    def _poll(self) -> None:
        if self.session is not None and self.view.isVisible():
            self.reload()
        elif self.session is not None:  # not shown: look again later, without reading
            self._progress.start()

    def refresh_freshness(self) -> None:
        if self.session is not None:
            self.view.set_freshness(self.sync_state(self._passed_at))

    def forget(self) -> None:
        self._progress.stop()
        self._passed_at = None
        self.view.clear()
