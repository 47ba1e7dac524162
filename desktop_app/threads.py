"""The window's own threads besides the GUI's: the card thread and the sync thread. No Qt here.

The rules, as Electrum keeps them for hardware wallets (``run_in_hwd_thread``):

- One thread owns the card readers. Every card exchange runs on it, one at a time, in the order
  asked (:func:`assert_runs_in_card_thread` checks it), so two exchanges never interleave on a card.
- The GUI thread submits and gets a :class:`~concurrent.futures.Future`, which it never waits on
  (:mod:`desktop_app.ops` brings the outcome back to it). Other threads, such as the sync engine's when
  the card must prove it is still there, may wait, with a timeout: :meth:`CardThread.call`.
- One thread runs the open session's sync engine (:class:`SyncThread`); its reports go to a callback
  on that thread, which the Qt side turns into a signal.
- Only frozen values cross threads: strings, bytes, frozen dataclasses.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # the sync package loads httpx, pydantic and cryptography: only once a session opens
    from sync.client import BackofficeClient
    from sync.documents import DocumentQueue
    from sync.engine import SyncReport
    from sync.store import Store

__all__ = ["CardThread", "CardThreadTimeout", "assert_runs_in_card_thread", "SyncThread"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class CardThreadTimeout(TimeoutError):
    """The card thread did not give the result in time: a slow or stuck card, or a long queue."""


class _CardWorker(threading.Thread):
    """The class of card threads: how :func:`assert_runs_in_card_thread` knows one."""


def assert_runs_in_card_thread() -> None:
    """Raise unless called on a card thread: every function that talks to a card starts with it."""
    if not isinstance(threading.current_thread(), _CardWorker):
        raise RuntimeError(f"card I/O must run on the card thread, not on {threading.current_thread().name}")


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", repr(fn))


class CardThread:
    """The one thread that talks to the card readers: jobs run one at a time, in the order submitted."""

    def __init__(self, name: str = "cabinet-card") -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = (
            queue.SimpleQueue())
        self._lock = threading.Lock()  # a job is never queued after the end marker
        self._stopped = False
        self._thread = _CardWorker(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def is_current(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        """Queue ``fn(*args)``; its result or exception comes in the Future. From any thread."""
        future: Future[T] = Future()
        with self._lock:
            if self._stopped:
                raise RuntimeError("the card thread is stopped")
            self._jobs.put((future, fn, args))
        return future

    def call(self, fn: Callable[..., T], /, *args: Any, timeout: float) -> T:
        """Run ``fn(*args)`` on the card thread and wait for its result, at most ``timeout`` seconds.

        For threads that may wait (the sync engine's), never the GUI thread. On the card thread itself
        ``fn`` runs at once (waiting on its own queue would never end). After a timeout, the job is
        dropped if it has not started; one under way ends by itself and its result is lost.
        """
        if self.is_current():
            return fn(*args)
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("the GUI thread never waits on a card: submit() and take the Future's outcome")
        future = self.submit(fn, *args)
        try:
            return future.result(timeout)
        except TimeoutError:
            if future.done():  # fn's own TimeoutError
                raise
            future.cancel()
            raise CardThreadTimeout(f"{_name(fn)} got no result from the card thread within {timeout:g} s") from None

    def stop(self, timeout: float | None = 10.0) -> bool:
        """Refuse new jobs, let the queued ones run, end the thread; whether it ended within ``timeout``."""
        with self._lock:
            if not self._stopped:
                self._stopped = True
                self._jobs.put(None)
        if self.is_current():
            return False
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._run(*job)
            del job  # nothing of a job is kept while waiting for the next

    @staticmethod
    def _run(future: Future[Any], fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            result = fn(*args)
        except BaseException as error:  # the Future carries it, as concurrent.futures' workers do
            future.set_exception(error)
        else:
            future.set_result(result)


class SyncThread:
    """Runs the open session's :class:`~sync.engine.SyncEngine` on its own thread, which is the store's
    writer. Reports reach ``on_report`` on that thread until :meth:`stop` (a new report each pass, which
    the engine no longer touches once given); ``on_ended`` is called there
    once the loop is over, with the exception that ended it (a card error when the card could not
    re-prove its presence: the session is lost) or None (stopped, or the session expired: the last
    report says so). The engine asks only the domains the client's session grant gives scopes for."""

    def __init__(self, client: BackofficeClient, store: Store, *, on_report: Callable[[SyncReport], None],
                 on_ended: Callable[[BaseException | None], None] | None = None, interval: float = 60.0,
                 documents: DocumentQueue | None = None, name: str = "cabinet-sync") -> None:
        self._on_report, self._on_ended = on_report, on_ended or (lambda error: None)
        # imported here, when a session opens: the engine (httpx, the protocol's models) is not needed
        # before the lock screen shows
        from sync.engine import SyncEngine

        self._interval, self._stopping = interval, threading.Event()
        scopes = frozenset(client.grant.scopes) if client.grant is not None else None
        self.engine = SyncEngine(client, store, on_report=self._report, documents=documents, scopes=scopes)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask the engine to stop, without waiting: no report is delivered from now on; the pass under
        way ends at its next step (a request under way ends by its deadline)."""
        self._stopping.set()
        self.engine.stop()

    def sync_now(self) -> None:
        """The "sync now" action, or the network back: the next pass starts at once (after the one
        under way, if any). From any thread, the GUI's included: it never waits."""
        self.engine.wake()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end (not on the GUI thread); whether it did within ``timeout``."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _report(self, report: SyncReport) -> None:
        if not self._stopping.is_set():
            self._on_report(report)

    def _run(self) -> None:
        error: BaseException | None = None
        try:
            self.engine.run(self._interval)
        except Exception as failure:  # the card pulled before a renewal, or a fault: the loop is over
            log.warning("the sync loop ended: %s", failure)
            error = failure
        self._on_ended(error)
