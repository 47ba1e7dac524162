"""Documents' presenter: the capture window of the session's SCOR queue.

- The queue and the quarantine are read on the pool at the session's opening, after each pass that
  changed documents, after each action, and every second while the page is shown with a document on
  its way (the upload's progress moves between passes).
- While the session (which has the ``documents`` scope, or the section would not open) is open, the
  watched scan folder is polled every 2 s on the pool (:class:`~desktop_app.capture.CaptureWorker`);
  files imported by the dialog or dropped on the page go through the same ingest.
- The actions on the selection (ready, send again, delete a draft, the proof of sending) run on the
  pool; marking a document ready asks the engine's next pass at once. The link entry, the pages and the
  scanner are dialogs (:mod:`~desktop_app.presenters.document_flows`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from ..capture import POLL_INTERVAL_MS, CaptureWorker, Polled, TakenToday
from ..document_rows import DocumentRow, Proof
from ..main_window import MainWindow
from ..ops import OpRunner
from ..quarantine_list import Quarantined, quarantined
from ..section_presenter import SectionPresenter, SectionSession, SyncPass
from ..sections import Section
from ..settings import Settings, user_config_path
from ..status import local_now
from ..views.documents import DocumentsView
from ..views.quarantine import refusal_words
from .document_flows import LinkFlow, PagesFlow, ScanFlow, action_error_text

if TYPE_CHECKING:
    from sync.capture.ingest import Ingest, IngestReport

__all__ = ["PROGRESS_INTERVAL_MS", "DocumentsPresenter"]

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_MS = 1000
_MOVING = ("ready", "sending")  # the engine moves them within a pass: followed every second


class DocumentsPresenter(SectionPresenter):
    """``loaded``: the page shows the queue as just read (tests wait on it)."""

    section = Section.DOCUMENTS
    domains = frozenset({"documents", "awaiting"})  # awaiting: the patients' names, the batches' ARL
    loaded = Signal()

    def __init__(self, window: MainWindow, ops: OpRunner, settings: Settings | None = None, *,
                 clock: Callable[[], datetime] = local_now, poll_ms: int = POLL_INTERVAL_MS) -> None:
        super().__init__(window, ops, clock)
        self.settings = settings or Settings()
        self.view = DocumentsView(clock)
        window.shell.set_page(Section.DOCUMENTS, self.view)
        self._passed_at: datetime | None = None  # the last pass's end: the queue's state is as of then
        self._progress = QTimer(self)
        self._progress.setSingleShot(True)
        self._progress.setInterval(PROGRESS_INTERVAL_MS)
        self._progress.timeout.connect(self._poll)
        self.capture = CaptureWorker(ops, interval_ms=poll_ms, parent=self)
        self.capture.polled.connect(self._polled)
        self.capture.imported.connect(self._imported)
        self.capture.failed.connect(self._capture_failed)
        self.capture.poll_failed.connect(self._poll_failed)
        self.capture.purged.connect(lambda count: self.reload() if count else None)
        self._taken = TakenToday()
        self._to_select: list[str] = []  # new drafts to select once read (an import's, a poll's)
        self.links, self.pages, self.scans = LinkFlow(self, self), PagesFlow(self, self), ScanFlow(self, self)
        view = self.view
        view.files_chosen.connect(self.capture.import_files)
        view.scan_requested.connect(self.scans.open)
        view.open_requested.connect(self.pages.open)
        view.link_requested.connect(self.links.open)
        view.ready_requested.connect(self._ready)
        view.resend_requested.connect(self._resend)
        view.delete_requested.connect(self._delete)
        view.proof_requested.connect(self._proof)
        view.open_quarantine_requested.connect(self._open_quarantine)

    # -- the session -------------------------------------------------------------------------------

    def open(self, session: SectionSession) -> None:
        super().open(session)
        queue, settings = session.documents, self.settings
        folder = settings.scan_folder
        self._show_watch(0)
        if queue is None:
            return

        def make_ingest() -> Ingest:  # on the pool: it loads the capture pipeline
            from sync.capture.ingest import Ingest
            from sync.capture.watch import ScanFolder

            watched = ScanFolder(folder, settings.scan_archive_dir, settings.scan_journal) if folder else None
            return Ingest(queue, watched, settings.quarantine_dir)

        self.capture.start(make_ingest, folder)
        self.capture.purge_expired()

    def synced(self, sync_pass: SyncPass) -> None:
        self._passed_at = self.clock()
        super().synced(sync_pass)

    def reload(self) -> None:
        self.refresh_freshness()
        session = self.session
        queue = session.documents if session is not None else None
        quarantine = self.settings.quarantine_dir
        if session is None or queue is None:
            self.view.set_rows(())
            return

        def read() -> tuple[list[DocumentRow], list[Quarantined]]:
            from ..document_rows import document_rows  # opens sealed rows (sync.*): on the pool

            return document_rows(queue, session.store), quarantined(quarantine)

        self.run(read, self._show)

    def _show(self, read: tuple[list[DocumentRow], list[Quarantined]]) -> None:
        rows, aside = read
        self.view.set_rows(rows)
        if self._to_select:
            self.view.select_ids(self._to_select)
            self._to_select = []
        self.view.set_quarantine(aside, str(self.settings.quarantine_dir))
        if any(row.status in _MOVING for row in rows):
            self._progress.start()
        self.loaded.emit()

    def _poll(self) -> None:
        if self.session is not None and self.view.isVisible():
            self.reload()
        elif self.session is not None:  # not shown: look again later, without reading
            self._progress.start()

    def refresh_freshness(self) -> None:
        if self.session is not None:
            self.view.set_freshness(self.sync_state(self._passed_at))

    def forget(self) -> None:
        self.capture.stop()
        self.scans.close()
        self.links.close()
        self.pages.close()
        self._progress.stop()
        self._passed_at = None
        self._taken = TakenToday()
        self._to_select = []
        self.view.clear()

    # -- capture -----------------------------------------------------------------------------------

    def _show_watch(self, taken: int, problem: str | None = None) -> None:
        folder = self.settings.scan_folder
        self.view.set_watch(str(folder) if folder else None, taken, configure_in=str(user_config_path()),
                            problem=problem)

    def _polled(self, polled: Polled) -> None:
        report, today = polled.report, self.clock().date()
        taken = len(report.added) + len(report.quarantined)
        count = self._taken.add(today, taken) if taken else self._taken.count(today)
        self._show_watch(count, None if polled.folder_present else self.tr(
            "The folder cannot be reached (a network share not connected?): it is looked at again every 2 seconds."))
        if report.added and not self.view.selected_ids():  # not taken from under the secretary's selection
            self._to_select = list(report.added)
        if taken:
            self.reload()

    def _imported(self, report: IngestReport) -> None:
        self.view.set_capture_outcome(self.import_text(report))
        self._to_select = list(report.added)
        self.reload()

    def import_text(self, report: IngestReport) -> str:
        """What an import did, file by file where one was not taken (imported files stay where they are:
        a refused one is not put in quarantine, its reason is said here)."""
        lines = []
        if report.added:
            lines.append(self.tr("%n document(s) added as draft(s): link each one to its invoice.", "",
                                 len(report.added)))
        for name, code in report.quarantined:
            lines.append(self.tr("« %1 » not taken: %2").replace("%1", name).replace("%2", refusal_words(code)))
        if report.known:
            lines.append(self.tr("%n file(s) already in the list.", "", len(report.known)))
        for name, _ in report.unreadable:
            lines.append(self.tr("« %1 » cannot be read: check that it is still there.").replace("%1", name))
        return "\n".join(lines) or self.tr("No file to import.")

    def _unavailable(self, error: BaseException) -> bool:
        """Say it when the ingest cannot be made at all (True): no capture pipeline, or the scan folder's
        journal cannot be read."""
        if isinstance(error, ImportError):  # a build without the capture pipeline
            self.view.set_capture_outcome(self.tr("Importing files is not available on this workstation."))
            self.view.import_button.setEnabled(False)
            return True
        from sync.capture.watch import JournalError  # loaded already: the ingest was being made

        if isinstance(error, JournalError):
            self._show_watch(0, self.tr("The watched folder's journal cannot be read: the folder is not watched "
                                        "until it is repaired (see Diagnostics)."))
            return True
        return False

    def _capture_failed(self, error: BaseException) -> None:
        if not self._unavailable(error):
            self.view.set_capture_outcome(action_error_text(error, self.tr("The files could not be imported.")))

    def _poll_failed(self, error: BaseException, retrying: bool) -> None:
        if not self._unavailable(error):
            taken = self._taken.count(self.clock().date())
            self._show_watch(taken, self.tr("The watched folder could not be read: it is tried again in a moment.")
                             if retrying else self.tr("The watched folder is no longer watched: lock and sign in "
                                                      "again to start again."))

    # -- actions on the selection ------------------------------------------------------------------

    def queue_action(self, work: Callable[[Any], Any], failure: str, done: Callable[[Any], None] | None = None,
                     *, send: bool = False) -> None:
        """``work(queue)`` on the pool, then the queue read again (and the engine's pass at once when
        ``send``); a failure said with ``failure`` under the table."""
        session = self.session
        if session is None or session.documents is None:
            return
        queue = session.documents

        def finished(result: Any) -> None:
            self.view.set_capture_outcome(None)
            if done is not None:
                done(result)
            self.reload()
            if send:
                session.sync_now()

        def failed(error: BaseException) -> None:
            self.view.set_capture_outcome(action_error_text(error, failure))
            self.reload()

        self.run(lambda: work(queue), finished, failed)

    def _ready(self, ids: Sequence[str]) -> None:
        self.queue_action(lambda queue: [queue.mark_ready(i) for i in ids],
                          self.tr("The document could not be marked ready: check its invoice."), send=True)

    def _resend(self, document_id: str) -> None:
        def copied(copy: Any) -> None:  # the new draft selected, to fix its pages or link next
            self._to_select = [copy.id]

        self.queue_action(lambda queue: queue.resend(document_id), self.tr("The document could not be copied."),
                          copied)

    def _delete(self, ids: Sequence[str]) -> None:
        self.queue_action(lambda queue: [queue.delete_draft(i) for i in ids],
                          self.tr("The draft could not be deleted."))

    def _proof(self, number: str) -> None:
        def found(proofs: list[Proof]) -> None:
            self.view.set_proof(number, proofs)

        def work(queue: Any) -> list[Proof]:
            from ..document_rows import proof_rows

            return proof_rows(queue, number)

        session = self.session
        if session is not None and session.documents is not None:
            queue = session.documents
            self.run(lambda: work(queue), found)

    def _open_quarantine(self) -> None:
        folder = self.settings.quarantine_dir

        def made() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            return folder

        self.run(made, lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
