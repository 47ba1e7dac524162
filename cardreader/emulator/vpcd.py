"""Emulated cards behind vsmartcard-vpcd's virtual readers, so pcscd (and Cabinet) see real readers.

vpcd listens on TCP (35963 for the first slot, 35964 for the second) and the card side connects:
being connected is being inserted, closing the connection is pulling the card. Every message, both
ways, is a 2-byte big-endian length then the payload; from the reader a 1-byte payload is a control
code, anything longer a command APDU (CARDS.md, "The vpcd bridge").
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from .base import CardEmulator
from .profiles import card_from_spec

__all__ = ["VPCD_PORT", "VpcdBridge", "VirtualReader", "run_emulator"]

log = logging.getLogger(__name__)

VPCD_PORT = 35963
_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0x00, 0x01, 0x02, 0x04
_RETRY_PAUSE = 0.1  # between connection attempts while vpcd is not listening yet
_JOIN_TIMEOUT = 5.0
_RECONNECT_TIMEOUT = 1.0  # run_emulator checks its stop event at least this often while waiting
_WATCH_PERIOD = 0.2  # how often run_emulator notices a dropped connection


# vpcd writes the length and the payload of a message separately: with delayed ACKs on this side,
# Nagle's algorithm on its side holds the payload back ~40 ms per APDU. Quick ACKs remove the wait.
_QUICKACK = getattr(socket, "TCP_QUICKACK", None)


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    """``size`` bytes, or None when the peer closed the connection first."""
    data = b""
    while len(data) < size:
        if _QUICKACK is not None:  # re-armed before each read: Linux drops it after a while
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _receive(sock: socket.socket) -> bytes | None:
    header = _receive_exactly(sock, 2)
    if header is None:
        return None
    return _receive_exactly(sock, int.from_bytes(header, "big"))


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(len(payload).to_bytes(2, "big") + payload)


class VpcdBridge:
    """Serves ``card`` to the vpcd reader at ``host:port`` from its own daemon thread.

    ``pull_after=N`` closes the connection on receiving the N-th command APDU, without answering
    it: a card pulled in the middle of an exchange. ``on_disconnect`` is called (on the bridge's
    thread) when the reader side closes the connection or fails, not on :meth:`stop`.
    """

    def __init__(
        self,
        card: CardEmulator,
        host: str = "127.0.0.1",
        port: int = VPCD_PORT,
        *,
        pull_after: int | None = None,
        on_disconnect: Callable[[], None] | None = None,
    ) -> None:
        self.card = card
        self.host = host
        self.port = port
        self.pull_after = pull_after
        self.on_disconnect = on_disconnect
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._connected = False
        self._apdu_count = 0

    @property
    def connected(self) -> bool:
        """True while the card is in the reader."""
        return self._connected

    @property
    def apdu_count(self) -> int:
        """Command APDUs received so far (control codes not counted)."""
        return self._apdu_count

    def start(self, timeout: float = 10.0) -> None:
        """Connect to vpcd, retrying while nothing listens yet, and serve the card.

        Raises ConnectionError when vpcd does not accept the connection within ``timeout`` seconds.
        """
        if self._thread is not None:
            raise RuntimeError("a VpcdBridge is started once; make a new one to insert again")
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=max(timeout, 0.1))
                break
            except OSError as error:
                if time.monotonic() >= deadline:
                    raise ConnectionError(
                        f"no vpcd reader listening on {self.host}:{self.port} after {timeout:g} s"
                        " (is pcscd running with the vsmartcard-vpcd driver?)"
                    ) from error
                if self._stopping.wait(_RETRY_PAUSE):
                    raise ConnectionError("the bridge was stopped before vpcd answered") from error
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # one small message at a time
        self._sock = sock
        self._connected = True
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), name=f"vpcd-bridge-{self.port}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Pull the card: close the connection and wait for the bridge's thread to end."""
        self._stopping.set()
        if self._sock is not None:
            with contextlib.suppress(OSError):  # already closed by the bridge's thread
                self._sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in recv
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(_JOIN_TIMEOUT)

    def _serve(self, sock: socket.socket) -> None:
        try:
            pulled = self._exchange(sock)
        except OSError:
            pulled = False
        finally:
            self._connected = False
            sock.close()
            self.card.reset()  # out of the reader: the power is gone
        if not pulled and not self._stopping.is_set():
            log.info("the reader side closed the vpcd connection on port %d", self.port)
            if self.on_disconnect is not None:
                self.on_disconnect()

    def _exchange(self, sock: socket.socket) -> bool:
        """Answer the reader until it leaves (False) or the card is pulled (True)."""
        while True:
            payload = _receive(sock)
            if payload is None:
                return False
            if len(payload) == 1:
                answer = self._control(payload[0])
            elif payload:
                self._apdu_count += 1
                if self.pull_after is not None and self._apdu_count >= self.pull_after:
                    log.info("pulling the card on command APDU %d", self._apdu_count)
                    return True
                answer = self.card.process(payload)
            else:
                answer = None
            if answer is not None:
                _send(sock, answer)

    def _control(self, code: int) -> bytes | None:
        if code == _GET_ATR:
            return self.card.atr
        if code in (_POWER_OFF, _POWER_ON, _RESET):
            self.card.reset()
        else:
            log.warning("unknown vpcd control code %02X ignored", code)
        return None


class VirtualReader:
    """A dual-slot reader made of vpcd readers: slot ``i`` is vpcd's port ``ports[i]``.

    What the demo's card panel and the integration tests insert cards into and pull them from.
    """

    def __init__(self, ports: Sequence[int], host: str = "127.0.0.1") -> None:
        self.ports = tuple(ports)
        self.host = host
        self._bridges: dict[int, VpcdBridge] = {}
        self._lock = threading.Lock()

    def insert(
        self, slot: int, card: CardEmulator, *, timeout: float = 10.0, **bridge_kwargs: Any
    ) -> VpcdBridge:
        """Put ``card`` in ``slot``, pulling whatever was there; ``bridge_kwargs`` go to the bridge
        (``pull_after``, ``on_disconnect``)."""
        if not 0 <= slot < len(self.ports):
            raise ValueError(f"no slot {slot}: this reader has {len(self.ports)}")
        with self._lock:
            self._pull(slot)
            bridge = VpcdBridge(card, self.host, self.ports[slot], **bridge_kwargs)
            bridge.start(timeout)
            self._bridges[slot] = bridge
        return bridge

    def pull(self, slot: int) -> None:
        with self._lock:
            self._pull(slot)

    def card_in(self, slot: int) -> CardEmulator | None:
        """The card in ``slot``, or None when it is empty (or its card was pulled by the bridge)."""
        bridge = self._bridges.get(slot)
        return bridge.card if bridge is not None and bridge.connected else None

    def close(self) -> None:
        """Pull every card."""
        with self._lock:
            for slot in list(self._bridges):
                self._pull(slot)

    def _pull(self, slot: int) -> None:
        bridge = self._bridges.pop(slot, None)
        if bridge is not None:
            bridge.stop()

    def __enter__(self) -> VirtualReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def run_emulator(
    spec: str, port: int, host: str, pki_dir: Path, stop_event: threading.Event
) -> int:
    """``cabinet-card emulate``: serve the card ``spec`` names on vpcd's ``port`` until
    ``stop_event`` is set, connecting again whenever the connection drops (pcscd restarted).

    Raises ValueError for an unknown spec (see :func:`~.profiles.card_from_spec`); returns 0.
    """
    card = card_from_spec(spec, pki_dir)
    log.info("emulating %s on vpcd %s:%d", spec, host, port)
    waiting = False
    while not stop_event.is_set():
        bridge = VpcdBridge(card, host, port)
        try:
            bridge.start(timeout=_RECONNECT_TIMEOUT)
        except ConnectionError:
            if not waiting:
                log.warning("waiting for vpcd on %s:%d (is pcscd running?)", host, port)
                waiting = True
            continue
        waiting = False
        log.info("card %s inserted in the vpcd reader on port %d", spec, port)
        try:
            while bridge.connected and not stop_event.wait(_WATCH_PERIOD):
                pass
        finally:  # also on KeyboardInterrupt: the card leaves the reader cleanly
            bridge.stop()
    log.info("emulator for %s stopped", spec)
    return 0
