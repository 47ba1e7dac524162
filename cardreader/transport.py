"""How the card layer reaches a card: a one-method ``Transport``, and its PC/SC implementation.

The profiles (``cps``, ``vitale``) only see :class:`Transport`, so they run the same over a real
reader, a private pcscd with virtual readers, or an emulator called in-process.

:class:`PcscTransport`, :func:`list_readers` and :func:`reader_states` are, with
:mod:`cardreader.monitor`, the only code that calls pyscard (its low-level ``smartcard.scard``,
whose calls return PC/SC status codes instead of raising). Every PC/SC failure leaves this module
as a :mod:`cardreader.errors` exception (:func:`pcsc_error`).

A reader with a keypad (PC/SC part 10 secure PIN entry) is reached through :class:`PinPad` as well:
:class:`PcscTransport` finds its functions with ``SCardControl(CM_IOCTL_GET_FEATURE_REQUEST)``
(:func:`parse_features`) and hands it a PIN_VERIFY_STRUCTURE (built by :mod:`cardreader.pinpad`).

Logging: the traffic goes to the ``cardreader.transport.apdu`` logger. At DEBUG, each command (the
body of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER is never logged: it holds PINs) and
each answer's status word and length. The answer's bytes (names, NIRs...) only at :data:`TRACE`
(level 5), which must be asked for explicitly. A PIN typed on a PIN pad never reaches this module.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, runtime_checkable

from smartcard import scard

from . import pcsc_codes as pcsc
from .errors import (
    CardError,
    CardProtocolError,
    CardRemoved,
    NoCard,
    ReaderGone,
    ServiceUnavailable,
)

__all__ = [
    "Transport",
    "PinPad",
    "PcscTransport",
    "FEATURE_VERIFY_PIN_DIRECT",
    "GET_FEATURE_REQUEST",
    "parse_features",
    "list_readers",
    "reader_states",
    "wait_for_card",
    "pcsc_error",
    "TRACE",
    "TRAFFIC_LOGGER",
]

log = logging.getLogger(__name__)
TRAFFIC_LOGGER = "cardreader.transport.apdu"
traffic = logging.getLogger(TRAFFIC_LOGGER)
TRACE = 5  # below DEBUG: answer bytes, which hold personal data
logging.addLevelName(TRACE, "TRACE")

# instructions whose command data is a PIN or PUK: VERIFY (20, 21), CHANGE REFERENCE DATA (24, 25),
# RESET RETRY COUNTER (2C, 2D)
_SECRET_INS = frozenset({0x20, 0x21, 0x24, 0x25, 0x2C, 0x2D})


class Transport(Protocol):
    """Sends one raw command APDU and returns the response data and status word.

    No chaining here (``apdu.transceive`` does 61xx/6Cxx); errors are :mod:`cardreader.errors`
    (card removed, reader gone, service unavailable), never pyscard's own exceptions.
    """

    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...


FEATURE_VERIFY_PIN_DIRECT = 0x06
"""PC/SC part 10 feature: the reader reads the PIN on its keypad and sends the VERIFY itself."""
GET_FEATURE_REQUEST = scard.SCARD_CTL_CODE(3400)
"""CM_IOCTL_GET_FEATURE_REQUEST: the reader lists its part 10 features (the platform's control code)."""


@runtime_checkable
class PinPad(Protocol):
    """What a reader with a keypad adds to a :class:`Transport` (PC/SC part 10 secure PIN entry).

    ``pinpad_features`` is the set of the reader's part 10 feature tags, empty for a reader without
    any. ``verify_pin_direct`` hands the reader a PIN_VERIFY_STRUCTURE (:mod:`cardreader.pinpad`):
    the reader reads the PIN on its keypad, writes it into the VERIFY command of the structure, sends
    that to the card and answers the card's response, or its own status word (64 00 timeout, 64 01
    cancelled...). The PIN never reaches this computer. Errors as for ``transmit``.
    """

    def pinpad_features(self) -> frozenset[int]: ...

    def verify_pin_direct(self, structure: bytes) -> tuple[bytes, int]: ...


def parse_features(answer: bytes) -> dict[int, int]:
    """The answer of GET_FEATURE_REQUEST: each feature's tag and the control code that calls it.

    One TLV per feature: the tag, the length (always 4), the control code big-endian (part 10, 2.2).
    """
    items = [answer[offset : offset + 6] for offset in range(0, len(answer), 6)]
    if any(len(item) != 6 or item[1] != 4 for item in items):
        raise CardProtocolError(f"the reader's list of features is malformed: {answer.hex(' ').upper()}")
    return {item[0]: int.from_bytes(item[2:], "big") for item in items}


# -- PC/SC status codes -> cardreader.errors ------------------------------------------------------


_SERVICE = pcsc.SERVICE_GONE | {pcsc.NO_READERS}
# Anything else from an exchange (SCARD_E_NOT_TRANSACTED, SCARD_E_COMM_DATA_LOST, and whatever a
# dying pcscd answers: 1.9.9 sometimes gives SCARD_W_SECURITY_VIOLATION) is unclear: the transport
# asks pcscd whether it is still there and whether the card is (PcscTransport._failed).
_KNOWN = _SERVICE | pcsc.CARD_GONE | pcsc.READER_GONE | pcsc.CARD_MUTE | {pcsc.SHARING}


def _message(hresult: int) -> str:
    try:
        text = scard.SCardGetErrorMessage(hresult)
    except Exception:  # pyscard raises for codes it does not know
        text = "unknown error"
    return f"{text.rstrip('.')} (PC/SC {pcsc.code(hresult):#010x})"


def pcsc_error(hresult: int, reader: str = "", *, connecting: bool = False) -> CardError:
    """The :mod:`cardreader.errors` exception for a PC/SC status code (not raised: returned)."""
    code = pcsc.code(hresult)
    if code in _SERVICE:
        if code == pcsc.NO_READERS and reader:
            return ReaderGone(reader)
        return ServiceUnavailable(
            f"the smart-card service (pcscd) is not available: {_message(hresult)}"
        )
    if code in pcsc.CARD_GONE:
        return NoCard(reader) if connecting else CardRemoved(reader)
    if code in pcsc.READER_GONE:
        return ReaderGone(reader)
    if code in pcsc.CARD_MUTE:
        return CardProtocolError(
            f"the card in {reader or 'the reader'} does not answer: {_message(hresult)}"
        )
    if code == pcsc.SHARING:
        return CardError(f"another program holds the card in {reader} for itself")
    return CardError(f"smart-card error on {reader or 'PC/SC'}: {_message(hresult)}")


# -- helpers that need no connection -------------------------------------------------------------


class _Context:
    """One PC/SC context for the duration of a ``with`` block."""

    def __enter__(self) -> int:
        hresult, self.handle = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if pcsc.code(hresult) != pcsc.OK:
            raise pcsc_error(hresult)
        return self.handle

    def __exit__(self, *exc_info: object) -> None:
        scard.SCardReleaseContext(self.handle)


def _list(context: int) -> list[str]:
    hresult, readers = scard.SCardListReaders(context, [])
    if pcsc.code(hresult) == pcsc.NO_READERS:
        return []
    if pcsc.code(hresult) != pcsc.OK:
        raise pcsc_error(hresult)
    return list(readers)


def list_readers() -> list[str]:
    """The PC/SC readers' names; ServiceUnavailable when pcscd is not there."""
    with _Context() as context:
        return _list(context)


def reader_states() -> list[tuple[str, bytes | None]]:
    """Each reader with the ATR of its card, None when it is empty (ATR ``b""``: a mute card)."""
    with _Context() as context:
        for _ in range(3):  # a reader may vanish between the two calls: ask again
            readers = _list(context)
            if not readers:
                return []
            hresult, states = scard.SCardGetStatusChange(
                context, 0, [(reader, scard.SCARD_STATE_UNAWARE) for reader in readers]
            )
            if pcsc.code(hresult) in pcsc.READER_GONE:
                continue
            if pcsc.code(hresult) != pcsc.OK:
                raise pcsc_error(hresult)
            return [
                (reader, bytes(atr) if state & scard.SCARD_STATE_PRESENT else None)
                for reader, state, atr in states
            ]
        raise ServiceUnavailable("the list of readers keeps changing")


# -- the transport ---------------------------------------------------------------------------------


def _describe_command(apdu: bytes) -> str:
    if len(apdu) > 5 and apdu[1] in _SECRET_INS:
        return f"{apdu[:5].hex(' ').upper()} <{len(apdu) - 5} bytes not logged>"
    return apdu.hex(" ").upper()


class PcscTransport:
    """A shared-mode connection (T=0 or T=1) to the card in ``reader``; a :class:`PinPad` too, whose
    features are empty when the reader has no keypad.

    Raises NoCard (empty reader), ReaderGone, ServiceUnavailable when connecting; ``transmit``
    raises CardRemoved when the card was pulled (also in the middle of the exchange) or reset.
    One thread at a time: the transport is owned by the thread that does the card's I/O.
    """

    removal_grace = 1.0
    """After a failed or empty exchange, how long to wait for pcscd to notice a pulled card (it
    polls the reader several times a second) before blaming the card instead."""

    def __init__(self, reader: str) -> None:
        self.reader = reader
        self._context: int | None = None
        self._card: int | None = None
        self._features: dict[int, int] | None = None
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if pcsc.code(hresult) != pcsc.OK:
            raise pcsc_error(hresult, reader)
        self._context = context
        try:
            hresult, card, protocol = scard.SCardConnect(
                context,
                reader,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            if pcsc.code(hresult) != pcsc.OK:
                raise pcsc_error(hresult, reader, connecting=True)
            self._card, self._protocol = card, protocol
            hresult, _, _, _, atr = scard.SCardStatus(card)
            if pcsc.code(hresult) != pcsc.OK:
                raise pcsc_error(hresult, reader, connecting=True)
            self.atr = bytes(atr)
        except BaseException:
            self.close()
            raise
        log.debug(
            "connected to %s (T=%d), ATR %s", reader, protocol >> 1, self.atr.hex(" ").upper()
        )

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        if self._card is None:
            raise CardError(f"the connection to {self.reader} is closed")
        traffic.debug("%s > %s", self.reader, _describe_command(apdu))
        hresult, response = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        if pcsc.code(hresult) != pcsc.OK:
            raise self._failed(pcsc_error(hresult, self.reader), pcsc.code(hresult) not in _KNOWN)
        if len(response) < 2:
            raise self._failed(
                CardProtocolError(
                    f"the card in {self.reader} answered {len(response)} byte(s), no status word"
                ),
                True,
            )
        data, sw = bytes(response[:-2]), (response[-2] << 8) | response[-1]
        traffic.debug("%s < %04X (%d bytes)", self.reader, sw, len(data))
        if traffic.isEnabledFor(TRACE):
            traffic.log(TRACE, "%s < %s", self.reader, bytes(response).hex(" ").upper())
        return data, sw

    def pinpad_features(self) -> frozenset[int]:
        """The reader's PC/SC part 10 features; empty when it has none (no PIN pad)."""
        return frozenset(self._feature_codes())

    def verify_pin_direct(self, structure: bytes) -> tuple[bytes, int]:
        """Blocks until the person has typed the PIN on the reader (or Cancel, or its timeout)."""
        code = self._feature_codes().get(FEATURE_VERIFY_PIN_DIRECT)
        if code is None:
            raise CardError(f"{self.reader} has no PIN pad (no FEATURE_VERIFY_PIN_DIRECT)")
        traffic.debug("%s > VERIFY_PIN_DIRECT: the PIN is typed on the reader", self.reader)
        hresult, answer = self._control(code, structure)
        if hresult != pcsc.OK:
            raise self._failed(pcsc_error(hresult, self.reader), hresult not in _KNOWN)
        if len(answer) < 2:
            raise self._failed(
                CardProtocolError(
                    f"{self.reader} answered secure PIN entry with {len(answer)} byte(s), no status word"
                ),
                True,
            )
        data, sw = answer[:-2], int.from_bytes(answer[-2:], "big")
        traffic.debug("%s < %04X (%d bytes)", self.reader, sw, len(data))
        return data, sw

    def _feature_codes(self) -> dict[int, int]:
        """Feature tag -> control code, asked of the reader once per connection."""
        if self._features is None:
            hresult, answer = self._control(GET_FEATURE_REQUEST, b"")
            if hresult in pcsc.UNSUPPORTED:
                self._features = {}
            elif hresult != pcsc.OK:
                raise self._failed(pcsc_error(hresult, self.reader), hresult not in _KNOWN)
            else:
                self._features = parse_features(answer)
            log.debug(
                "%s: PC/SC part 10 features %s", self.reader,
                " ".join(f"{tag:02X}={code:#010x}" for tag, code in self._features.items()) or "none",
            )
        return self._features

    def _control(self, code: int, data: bytes) -> tuple[int, bytes]:
        """SCardControl: the PC/SC result (unsigned) and the reader's answer."""
        if self._card is None:
            raise CardError(f"the connection to {self.reader} is closed")
        hresult, answer = scard.SCardControl(self._card, code, list(data))
        return pcsc.code(hresult), bytes(answer)

    def _failed(self, error: CardError, unclear: bool) -> CardError:
        """``error``; when ``unclear``, what the failure turns out to be: pcscd gone, card gone."""
        if unclear:
            cause = error
            if not self._service_alive():
                error = ServiceUnavailable(f"the smart-card service (pcscd) went away: {cause}")
            elif self._card_gone():
                error = CardRemoved(self.reader)
            if error is not cause:
                traffic.debug("%s ! %s, seen as: %s", self.reader, cause, error)
        traffic.debug("%s ! %s", self.reader, error)
        return error

    def _service_alive(self) -> bool:
        assert self._context is not None
        hresult, _ = scard.SCardListReaders(self._context, [])
        return pcsc.code(hresult) not in pcsc.SERVICE_GONE

    def _card_gone(self) -> bool:
        """Whether the card was pulled or swapped, waiting up to ``removal_grace`` for pcscd."""
        assert self._context is not None and self._card is not None
        hresult, *_ = scard.SCardStatus(self._card)
        if pcsc.code(hresult) != pcsc.OK:
            return pcsc.code(hresult) in pcsc.CARD_GONE
        known = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + self.removal_grace
        while True:
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            hresult, states = scard.SCardGetStatusChange(
                self._context, remaining, [(self.reader, known)]
            )
            if pcsc.code(hresult) != pcsc.OK:
                # timeout: still there; anything else: a reader or service failure, reported as
                # the transmit failure it caused
                return False
            state = states[0][1]
            if not state & scard.SCARD_STATE_PRESENT:
                return True
            if known != scard.SCARD_STATE_UNAWARE and (state >> 16) != (known >> 16):
                return True  # the event counter moved: pulled and put back
            hresult, *_ = scard.SCardStatus(self._card)
            if pcsc.code(hresult) != pcsc.OK:
                return pcsc.code(hresult) in pcsc.CARD_GONE
            if remaining == 0:
                return False
            known = state & ~scard.SCARD_STATE_CHANGED

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the card for the ``with`` block only (PC/SC transaction): another program sharing the
        reader (the billing software) cannot slip its commands between a SELECT and its READ BINARY,
        and has the card back at the end. Raises CardRemoved when the card was pulled or reset since
        this connection was made (what it knew, a verified PIN included, is gone).
        """
        if self._card is None:
            raise CardError(f"the connection to {self.reader} is closed")
        hresult = scard.SCardBeginTransaction(self._card)
        if pcsc.code(hresult) != pcsc.OK:
            raise self._failed(pcsc_error(hresult, self.reader), pcsc.code(hresult) not in _KNOWN)
        try:
            yield
        finally:
            if self._card is not None:  # not closed within the block
                scard.SCardEndTransaction(self._card, scard.SCARD_LEAVE_CARD)

    def close(self, *, reset: bool = False) -> None:
        """Disconnect. Idempotent.

        The card is left as it is (another program may be using it), PIN verified included; but pcscd
        powers a card down about a second after its last connection closes, which drops the verified
        PIN too: a connection kept open keeps it. ``reset=True`` resets the card instead, which drops
        the verified PIN at once (signing out).
        """
        if self._card is not None:
            disposition = scard.SCARD_RESET_CARD if reset else scard.SCARD_LEAVE_CARD
            scard.SCardDisconnect(self._card, disposition)
            self._card = None
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PcscTransport {self.reader!r} {'open' if self._card is not None else 'closed'}>"


def wait_for_card(reader: str, present: bool = True, timeout: float = 5.0) -> bytes | None:
    """Block until ``reader`` holds a card (its ATR) or is empty (None), as pcscd sees it.

    pcscd polls some readers (vpcd: every 400 ms), so a card just inserted is not visible at once.
    Raises TimeoutError after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    with _Context() as context:
        state = scard.SCARD_STATE_UNAWARE  # the first call answers at once
        while True:
            wait_ms = (
                0
                if state == scard.SCARD_STATE_UNAWARE
                else int((deadline - time.monotonic()) * 1000)
            )
            hresult, states = scard.SCardGetStatusChange(
                context, max(wait_ms, 0), [(reader, state)]
            )
            if pcsc.code(hresult) == pcsc.TIMEOUT:
                raise TimeoutError(
                    f"{reader}: still {'empty' if present else 'holding a card'} after {timeout} s"
                )
            if pcsc.code(hresult) != pcsc.OK:
                raise pcsc_error(hresult, reader)
            _, state, atr = states[0]
            if bool(state & scard.SCARD_STATE_PRESENT) == present:
                return bytes(atr) if present else None
            state &= ~scard.SCARD_STATE_CHANGED
