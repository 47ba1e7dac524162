"""The capture's work off the GUI thread: the watched folder polled every 2 s while a session with the
``documents`` scope is open, files imported by the dialog or dropped on the page, the retention's purge
once per session, and the scanner.

:class:`CaptureWorker` owns one :class:`sync.capture.ingest.Ingest` per session, made on the pool at the
first poll (it loads the capture pipeline, and the scan folder's journal may be on a slow share). The
ingest is not thread-safe: every call to it holds one lock, and a poll is not asked while one runs.
Outcomes come back as signals on the GUI thread, tagged with the session they belong to: a lock (stop)
drops the ones still under way.

:class:`ScanJob` runs :func:`sync.capture.scanner.scan` on a thread of its own (a feeder batch takes
minutes: not the pool's), pages arriving one by one as ``page`` signals; the batch then becomes one draft.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from .ops import OpRunner

if TYPE_CHECKING:
    from sync.capture.ingest import Ingest, IngestReport

    from sync.documents import DocumentQueue

__all__ = ["POLL_INTERVAL_MS", "CaptureWorker", "Polled", "ScanJob", "TakenToday"]

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 2000
RETRY_FACTOR = 10  # a failed poll is tried again after so many intervals


@dataclass(frozen=True)
class Polled:
    """One poll's outcome: the ingest's report, and whether the scan folder could be read."""

    report: IngestReport
    folder_present: bool


class CaptureWorker(QObject):
    """``polled(Polled)`` after each poll, ``imported(IngestReport)`` after an import, ``purged(count)``
    after the retention's purge; ``failed(error)`` when an import failed, ``poll_failed(error,
    retrying)`` when a poll did (see :meth:`_poll_failed`)."""

    polled = Signal(object)
    imported = Signal(object)
    failed = Signal(object)  # an import's error, or the ingest's that could not be made
    poll_failed = Signal(object, bool)  # a poll's error; whether it is tried again
    purged = Signal(int)  # how many documents the retention's purge ended

    def __init__(self, ops: OpRunner, *, interval_ms: int = POLL_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._interval = interval_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)  # the next poll is counted from the end of the last
        self._timer.timeout.connect(self.poll)
        self._lock = threading.Lock()
        self._make: Callable[[], Ingest] | None = None
        self._ingest: Ingest | None = None
        self._folder: Path | None = None
        self._generation = 0
        self._polling = False

    @property
    def running(self) -> bool:
        return self._make is not None

    def start(self, make_ingest: Callable[[], Ingest], folder: Path | None) -> None:
        """Poll through the ingest ``make_ingest()`` gives (called on the pool, once); ``folder``: the
        watched folder (None: imports only, nothing polled)."""
        self.stop()
        self._make, self._folder = make_ingest, folder
        if folder is not None:
            self._timer.start(0)

    def stop(self) -> None:
        """The session locked: no more polls, outcomes under way dropped, the ingest dropped."""
        self._generation += 1
        self._timer.stop()
        self._make, self._ingest, self._folder, self._polling = None, None, None, False

    def _held(self, work: Callable[[Ingest], Any]) -> Callable[[], Any]:
        """``work(ingest)`` under the lock, the ingest made first if need be (on the pool)."""
        make = self._make

        def run() -> Any:
            with self._lock:
                if self._ingest is None and make is not None:
                    self._ingest = make()
                assert self._ingest is not None
                return work(self._ingest)

        return run

    def _tagged(self, slot: Callable[[Any], None]) -> Callable[[Any], None]:
        generation = self._generation

        def deliver(result: Any) -> None:
            if generation == self._generation:
                slot(result)

        return deliver

    def poll(self) -> None:
        """Ask a poll now (on the pool), unless one runs."""
        if self._make is None or self._polling or self._folder is None:
            return
        self._polling = True
        folder = self._folder

        def work(ingest: Ingest) -> Polled:
            report = ingest.poll()
            return Polled(report, folder.is_dir())

        self._ops.run_op(self._held(work), self._tagged(self._polled), self._tagged(self._poll_failed))

    def _polled(self, polled: Polled) -> None:
        self._polling = False
        self.polled.emit(polled)
        if self._make is not None:
            self._timer.start(self._interval)

    def _poll_failed(self, error: BaseException) -> None:
        """A poll failed: tried again after :data:`RETRY_FACTOR` intervals once the ingest is made (a
        database busy, a file system error); when the ingest could not be made at all (a journal that
        cannot be read, no capture pipeline), polling stops until the next session."""
        self._polling = False
        retrying = self._ingest is not None and self._make is not None
        if retrying:
            log.warning("a poll of the scan folder failed: tried again later", exc_info=error)
            self._timer.start(self._interval * RETRY_FACTOR)
        else:
            self._timer.stop()
            log.error("the capture of scans stopped", exc_info=error)
        self.poll_failed.emit(error, retrying)

    def purge_expired(self) -> None:
        """The retention's purge (33 months after acceptance: the sealed scan, its data and the archived
        original), on the pool; asked once per session, its failure only logged."""
        if self._make is None:
            return
        self._ops.run_op(self._held(lambda ingest: ingest.purge_expired()), self._tagged(self.purged.emit),
                         lambda error: log.warning("the purge of expired documents failed", exc_info=error))

    def import_files(self, paths: Sequence[str]) -> None:
        """Import ``paths`` (dialog or drag and drop): the originals stay where they are."""
        if self._make is None:
            return
        files = [Path(path) for path in paths]
        self._ops.run_op(self._held(lambda ingest: ingest.import_files(files)), self._tagged(self.imported.emit),
                         self._tagged(self.failed.emit))


class TakenToday:
    """How many files the watched folder gave today (this session's polls; a new day starts at 0)."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._count = 0

    def add(self, today: date, files: int) -> int:
        if today != self._day:
            self._day, self._count = today, 0
        self._count += files
        return self._count

    def count(self, today: date) -> int:
        return self._count if today == self._day else 0


class ScanJob(QObject):
    """One scanner batch on its own thread: ``page(count)`` as each page arrives, then the queue's new
    draft (or the error) through ``finished``; :meth:`cancel` stops the feeder after the current page,
    :meth:`abandon` too and drops the pages (a lock)."""

    page = Signal(int)

    def __init__(self, ops: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._cancelled = threading.Event()
        self._abandoned = threading.Event()

    def start(self, settings: dict, queue: DocumentQueue, finished: Callable[[Any], None],
              failed: Callable[[BaseException], None]) -> None:
        """Scan with the dialog's ``settings`` (device, resolution, mode, source) into ``queue``; ``finished``
        gets the draft (None when no page came), ``failed`` the error, both on the GUI thread."""
        outcome: Future[Any] = Future()

        def run() -> None:
            try:
                outcome.set_result(self._scan(settings, queue))
            except BaseException as error:  # noqa: BLE001 (handed to the GUI thread whole)
                outcome.set_exception(error)

        self._ops.deliver(outcome, finished, failed)
        threading.Thread(target=run, name="cabinet-scan", daemon=True).start()

    def cancel(self) -> None:
        """Stop after the current page; the pages scanned make the draft."""
        self._cancelled.set()

    def abandon(self) -> None:
        """The session locked: stop after the current page and keep nothing."""
        self._abandoned.set()
        self._cancelled.set()

    def _scan(self, settings: dict, queue: DocumentQueue) -> Any:
        from sync.capture.normalise import normalise_images
        from sync.capture.scanner import ScanSettings, scan

        images: list[Any] = []

        def on_page(index: int, image: Any) -> None:
            images.append(image)
            self.page.emit(len(images))

        scan(ScanSettings(**settings), on_page, self._cancelled.is_set)
        if not images or self._abandoned.is_set():
            return None
        normalised = normalise_images(images)
        return queue.add_draft(normalised.pdf, normalised.pages, flags=normalised.flags)
