"""Background operations whose outcome lands on the GUI thread, in the manner of Anki's ``QueryOp``.

The work runs on a small pool (or on the card thread: :meth:`OpRunner.deliver` takes any Future); its
``on_success(result)`` or ``on_failure(error)`` is then called on the GUI thread, always later through
the event loop (never inside the call that started it), so a slot never waits on I/O and no widget
is touched from another thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

__all__ = ["OpRunner", "WORKERS"]

log = logging.getLogger(__name__)

T = TypeVar("T")

WORKERS = 3  # sign-in, a patient lookup and a document preview at once; more would only queue on the disk

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class OpRunner(QObject):
    """Made on the GUI thread, which receives every outcome; one per application."""

    _done = Signal(object, object, object)  # the Future, on_success, on_failure

    def __init__(self, parent: QObject | None = None, *, workers: int = WORKERS) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="cabinet-op")
        self._closed = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run_op(self, work: Callable[[], T], on_success: Callable[[T], None],
               on_failure: Failure | None = None) -> Future[T]:
        """Run ``work()`` on the pool; its outcome goes to ``on_success`` or ``on_failure`` on the GUI thread."""
        future = self._pool.submit(work)
        self.deliver(future, on_success, on_failure)
        return future

    def deliver(self, future: Future[T], on_success: Callable[[T], None], on_failure: Failure | None = None) -> None:
        """Once ``future`` is done, on whatever thread, call ``on_success(result)`` or ``on_failure(error)``
        on the GUI thread; nothing when it was cancelled. A failure with no ``on_failure`` is logged."""
        future.add_done_callback(lambda done: self._emit(done, on_success, on_failure))

    def _emit(self, future: Future[Any], on_success: Success, on_failure: Failure | None) -> None:
        """On the thread that finished ``future``: an operation under way when the application ended
        finds the runner gone (shut down, or its QObject deleted with the window): its outcome is dropped."""
        if self._closed:
            return
        try:
            self._done.emit(future, on_success, on_failure)
        except RuntimeError:  # the C++ object went with the application
            log.debug("outcome of a background operation dropped: the application has ended")

    def shutdown(self) -> None:
        """Drop the operations not started; those under way end, their outcome no longer delivered."""
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _deliver(self, future: Future[Any], on_success: Success, on_failure: Failure | None) -> None:
        if self._closed or future.cancelled():
            return
        error = future.exception()
        if error is None:
            on_success(future.result())
        elif on_failure is not None:
            on_failure(error)
        else:
            log.error("background operation failed", exc_info=error)
