"""Reader and card presence as events, from one thread of its own over ``SCardGetStatusChange``.

Rules of this module:

- The callback runs on the monitor's thread, one event at a time, in order. It must not block for
  long (a Qt bridge re-emits the event as a signal and returns); if it raises, the exception is
  logged and the monitor goes on.
- The events describe changes of one picture (readers, and the card in each): at start the monitor
  reports every reader (READER_ADDED) and every card already present (CARD_INSERTED); a reader that
  goes away first loses its card (CARD_REMOVED, then READER_REMOVED). When pcscd stops, SERVICE_LOST
  comes first, then the removals of everything it knew; when pcscd is back, SERVICE_BACK, then the
  readers and cards present again. A monitor started while pcscd is down begins with SERVICE_LOST.
- ``stop()`` cancels the blocking wait from the calling thread (``SCardCancel``, the one PC/SC call
  that may cross threads) and returns in milliseconds, not after the wait's timeout.
- pyscard releases the GIL while it waits in ``SCardGetStatusChange``: the monitor's thread never
  holds up the others (tested in tests/integration/test_monitor.py).
- No singleton: every monitor has its own context and thread.

How fast a pulled card is seen is pcscd's business: it polls readers that cannot signal a card
themselves (vpcd among them) every 400 ms.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from smartcard import scard

from . import pcsc_codes as pcsc
from .atr import AtrInfo, classify

__all__ = ["EventKind", "ReaderEvent", "ReaderMonitor", "PNP_NOTIFICATION"]

PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
"""The pseudo-reader whose state changes when a reader is plugged in or out (PC/SC part 5)."""


class EventKind(enum.Enum):
    READER_ADDED = "reader added"
    READER_REMOVED = "reader removed"
    CARD_INSERTED = "card inserted"
    CARD_REMOVED = "card removed"
    SERVICE_LOST = "service lost"
    SERVICE_BACK = "service back"


@dataclass(frozen=True)
class ReaderEvent:
    """``atr`` and ``card`` are set for CARD_INSERTED only (``atr`` is empty for a mute card)."""

    kind: EventKind
    reader: str = ""
    atr: bytes = b""
    card: AtrInfo | None = None


_EXPECTED = {pcsc.OK, pcsc.TIMEOUT, pcsc.NO_READERS} | pcsc.READER_GONE
_GONE = scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE | scard.SCARD_STATE_IGNORE


class _ServiceLost(Exception):
    def __init__(self, hresult: int, call: str) -> None:
        super().__init__(f"{call}: PC/SC {pcsc.code(hresult):#010x}")
        self.hresult = hresult
        self.call = call


class _Stopped(Exception):
    pass


class ReaderMonitor:
    """Calls ``callback(ReaderEvent)`` on its own thread for every reader and card change.

    ``poll`` (seconds) bounds each wait: a reader plugged in while the list was being read is
    seen at the next wait at the latest (pcsc-lite counts readers when a wait begins). ``retry``
    is the first delay between attempts to reach a stopped pcscd; it doubles up to ``max_retry``.
    """

    def __init__(
        self,
        callback: Callable[[ReaderEvent], None],
        *,
        logger: logging.Logger | None = None,
        poll: float = 2.0,
        retry: float = 0.05,
        max_retry: float = 1.0,
    ) -> None:
        self._callback = callback
        self._log = logger or logging.getLogger(__name__)
        self._poll_ms = max(1, int(poll * 1000))
        self._retry, self._max_retry = retry, max_retry
        self._stopping = threading.Event()
        self._context_lock = threading.Lock()  # guards _context between the thread and stop()
        self._context: int | None = None
        self._thread: threading.Thread | None = None
        # the picture: reader -> ATR of its card (None: empty), and the last state pcscd gave
        self._cards: dict[str, bytes | None] = {}
        self._states: dict[str, int] = {}
        self._service_up: bool | None = None
        self._use_pnp = True

    # -- public -----------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("the reader monitor is already running")
        self._stopping.clear()
        self._cards.clear()
        self._states.clear()
        self._service_up = None
        self._thread = threading.Thread(target=self._run, name="cardreader-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop the thread and wait for it; False if it did not end within ``timeout``.

        Called from the monitor's own thread (from the callback), it only asks the thread to end.
        """
        thread = self._thread
        self._stopping.set()
        if thread is None or thread is threading.current_thread():
            return True
        # Cancel until the thread has left: a cancel that lands just before the thread enters a
        # wait is lost (pcsc-lite only cancels a wait in progress).
        deadline = time.monotonic() + timeout
        while thread.is_alive() and (left := deadline - time.monotonic()) > 0:
            self._cancel()
            thread.join(min(0.02, left))
        if thread.is_alive():
            self._log.warning("the reader monitor did not stop within %.1f s", timeout)
            return False
        self._thread = None
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> ReaderMonitor:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- the thread -------------------------------------------------------------------------------

    def _cancel(self) -> None:
        with self._context_lock:
            if self._context is not None:
                scard.SCardCancel(self._context)

    def _emit(self, kind: EventKind, reader: str = "", atr: bytes = b"") -> None:
        event = ReaderEvent(
            kind, reader, atr, classify(atr) if kind is EventKind.CARD_INSERTED else None
        )
        self._log.debug("%s %s %s", kind.value, reader, atr.hex(" ").upper())
        try:
            self._callback(event)
        except Exception:
            self._log.exception("the reader event callback failed on %s %s", kind.value, reader)

    def _run(self) -> None:
        delay = self._retry
        try:
            while not self._stopping.is_set():
                watching_since = None
                try:
                    context = self._establish()
                    if context is None:
                        self._service_lost(None)
                    else:
                        if self._service_up is False:
                            self._log.info("the smart-card service is back")
                            self._emit(EventKind.SERVICE_BACK)
                        self._service_up = True
                        watching_since = time.monotonic()
                        self._watch(context)
                except _ServiceLost as lost:
                    self._service_lost(lost)
                finally:
                    self._release()
                # Back off between attempts; a watch that ran a while starts the backoff afresh
                # (one that fails at once, pcscd answering nonsense, must not spin).
                if watching_since is not None and time.monotonic() - watching_since > 5.0:
                    delay = self._retry
                if self._stopping.wait(delay):
                    break
                delay = min(delay * 2, self._max_retry)
        except _Stopped:
            pass
        except Exception:  # a bug here must be seen, not end the thread silently
            self._log.exception("the reader monitor failed")
        finally:
            self._release()

    def _establish(self) -> int | None:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if pcsc.code(hresult) != pcsc.OK:
            return None
        with self._context_lock:
            self._context = context
        if self._stopping.is_set():  # stop() may have found no context to cancel
            raise _Stopped()
        return context

    def _release(self) -> None:
        with self._context_lock:
            context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def _service_lost(self, lost: _ServiceLost | None) -> None:
        if self._service_up is False:
            return
        if lost is None:
            self._log.warning("the smart-card service (pcscd) is not available; retrying")
        else:
            self._log.warning("lost the smart-card service (%s); retrying", lost)
        self._service_up = False
        self._emit(EventKind.SERVICE_LOST)
        for reader in list(self._cards):
            self._drop_reader(reader)

    def _drop_reader(self, reader: str) -> None:
        if self._cards.pop(reader, None) is not None:
            self._emit(EventKind.CARD_REMOVED, reader)
        self._states.pop(reader, None)
        self._emit(EventKind.READER_REMOVED, reader)

    def _check(self, context: int, hresult: int, call: str) -> int:
        """``hresult``'s code when the watch can go on; raises when it must end."""
        code = pcsc.code(hresult)
        if self._stopping.is_set() or code == pcsc.CANCELLED:
            raise _Stopped()
        if code in _EXPECTED:
            return code
        if code not in pcsc.SERVICE_GONE:
            # A dying pcscd may answer a wait with other codes (1.9.9: SCARD_W_SECURITY_VIOLATION
            # at times): ask it whether it is there before telling anyone it is gone.
            probe, _ = scard.SCardListReaders(context, [])
            if pcsc.code(probe) in (pcsc.OK, pcsc.NO_READERS):
                self._log.warning("%s answered PC/SC %#010x; going on", call, code)
                if self._stopping.wait(self._retry):  # no busy loop on a code that repeats
                    raise _Stopped()
                return pcsc.TIMEOUT
        raise _ServiceLost(hresult, call)

    def _sync_readers(self, context: int) -> bool:
        """Compare pcscd's reader list with the picture, report readers gone and new; any?"""
        hresult, readers = scard.SCardListReaders(context, [])
        code = self._check(context, hresult, "SCardListReaders")
        if code not in (pcsc.OK, pcsc.NO_READERS):
            return False  # keep the picture; the next round asks again
        current = list(readers) if code == pcsc.OK else []
        gone = [r for r in self._cards if r not in current]
        new = [r for r in current if r not in self._cards]
        for reader in gone:
            self._drop_reader(reader)
        for reader in new:
            self._cards[reader] = None
            self._states[reader] = scard.SCARD_STATE_UNAWARE  # the next wait returns at once
            self._emit(EventKind.READER_ADDED, reader)
        return bool(gone or new)

    def _watch(self, context: int) -> None:
        pnp_state = scard.SCARD_STATE_UNAWARE
        self._sync_readers(context)
        while True:
            watched = [(reader, self._states[reader]) for reader in self._cards]
            if self._use_pnp:
                watched.append((PNP_NOTIFICATION, pnp_state))
            if not watched:  # no reader and no hot-plug notification: look again later
                if self._stopping.wait(self._poll_ms / 1000):
                    raise _Stopped()
                self._sync_readers(context)
                continue
            hresult, states = scard.SCardGetStatusChange(context, self._poll_ms, watched)
            code = self._check(context, hresult, "SCardGetStatusChange")
            if code in pcsc.READER_GONE:
                # a reader went away before the wait began, or this PC/SC has no PnP reader
                if not self._sync_readers(context):
                    if self._use_pnp:
                        self._log.info("no PnP notification in this PC/SC: polling for readers")
                        self._use_pnp = False
                    elif self._stopping.wait(self._poll_ms / 1000):
                        raise _Stopped()
                continue
            if code == pcsc.OK:
                for reader, state, atr in states:
                    if reader == PNP_NOTIFICATION:
                        pnp_state = state & ~scard.SCARD_STATE_CHANGED
                    elif reader in self._cards:
                        self._update(reader, state, bytes(atr))
            # a timeout, a reader state change or a PnP notification: in every case the reader
            # list may have changed (one plugged in just before the wait would not wake it)
            self._sync_readers(context)

    def _update(self, reader: str, state: int, atr: bytes) -> None:
        before_state = self._states.get(reader, scard.SCARD_STATE_UNAWARE)
        self._states[reader] = state & ~scard.SCARD_STATE_CHANGED
        if state & _GONE and not state & scard.SCARD_STATE_PRESENT:
            return  # the reader is going away: _sync_readers reports it
        had = self._cards.get(reader)
        present = bool(state & scard.SCARD_STATE_PRESENT)
        # pcsc-lite counts insertions and removals in the high 16 bits: a card pulled and
        # another put in between two waits shows as the same "present" with another count
        swapped = (
            had is not None
            and present
            and before_state != scard.SCARD_STATE_UNAWARE
            and ((state >> 16) != (before_state >> 16) or atr != had)
        )
        if had is not None and (not present or swapped):
            self._cards[reader] = None
            self._emit(EventKind.CARD_REMOVED, reader)
            had = None
        if had is None and present:
            self._cards[reader] = atr
            self._emit(EventKind.CARD_INSERTED, reader, atr)
