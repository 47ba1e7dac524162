"""What the window asks of the cards, run on the card thread (:mod:`desktop_app.threads`). No Qt here.

Each operation works in one PC/SC transaction over a shared-mode connection: the billing software
that shares the reader may use the card between two operations, never in the middle of one, and
Cabinet never holds the card for itself. This is the one module of the window that opens card
connections.

Why one connection stays open once the PIN is verified: pcscd powers a card down about a second after
its last connection closes, and the card forgets its verified PIN with the power. So from a right PIN
until the card is pulled or the session ends (:meth:`CardOps.release`), the card thread keeps that
connection, the session's *link*, and every operation on that reader goes through it. The link also
ties the session to that very card: once the card is pulled, swapped or reset by another program, the
next operation on the link fails with CardRemoved and the link is dropped. The client's renewals sign
through it (:meth:`CardOps.signer`), with no PIN and no dialog.

The PIN and the PUK are sent only by :meth:`CardOps.verify_pin` and :meth:`CardOps.unblock_pin`, once,
with what the person just typed, and only to the card they were typed for (its serial): never retried.
On a PIN-pad reader (PC/SC part 10, told by the card's summary) :meth:`CardOps.verify_pin_on_pinpad`
has the reader ask the PIN on its keypad instead: the PIN goes from there to the card, never through
this computer, and the card thread waits on the reader meanwhile (up to ``cps.PIN_PAD_TIMEOUT``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

from cardreader import cps, pinpad
from cardreader.apdu import Key
from cardreader.atr import AtrInfo
from cardreader.errors import CardError, CardRemoved, PinBlocked, PinWrong, ReaderGone, ServiceUnavailable
from cardreader.reading import CardReading, read_card
from cardreader.transport import PcscTransport, Transport, reader_states

from .formatting import civility
from .session import CardKind, CardSummary
from .threads import CardThread, assert_runs_in_card_thread

if TYPE_CHECKING:  # sync.client loads httpx and pydantic: not before the lock screen shows
    from sync.client import CardSigner

__all__ = ["CardOps", "Connection", "Connector", "SIGN_TIMEOUT", "pcsc_reader_states"]

T = TypeVar("T")

SIGN_TIMEOUT = 15.0  # seconds a renewal waits for the card's signature (the client renews a minute ahead)

_GONE = (CardRemoved, ReaderGone, ServiceUnavailable)  # the link's card, or the way to it, is gone


class Connection(Transport, Protocol):
    """What the operations need of a connection to a reader's card: :class:`PcscTransport`'s own (a
    :class:`~cardreader.transport.PinPad` too where the reader may have a keypad)."""

    reader: str

    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self, *, reset: bool = False) -> None: ...


Connector = Callable[[str], Connection]
"""Opens a connection to the card in a reader (shared mode), by the reader's name."""


class _OtherCard(CardRemoved):
    """The card a PIN or PUK was typed for is gone; another one is there, whose link (if any) stays."""


def _summary(reader: str, card: cps.ProfessionalCard, today: date, *, pin_pad: bool) -> CardSummary:
    holder = card.holder
    valid_until = date.fromisoformat(card.valid_until)
    return CardSummary(
        reader=reader, serial=card.serial, kind=CardKind.of(holder.card_type),
        display_name=" ".join(p for p in (civility(holder.civility), holder.first_name, holder.last_name) if p),
        national_id=holder.national_id, valid_until=valid_until, expired=today > valid_until,
        tries_left=card.pin.tries_left, pin_verified=card.pin.verified, pin_pad=pin_pad)


class CardOps:
    """The card operations; each method but :meth:`signer` runs on the card thread only (submit it there:
    ``thread.submit(ops.read_summary, reader)``), and raises the card layer's errors."""

    def __init__(self, thread: CardThread, *, today: Callable[[], date] = date.today,
                 connect: Connector | None = None) -> None:
        """``connect``: how a reader's card is reached (:class:`PcscTransport` unless given: a test puts an
        emulated PIN-pad reader in front of it)."""
        self._thread, self._today = thread, today
        self._connect: Connector = connect or PcscTransport
        self._links: dict[str, Connection] = {}  # reader -> the session's link; card thread only

    def read_summary(self, reader: str) -> CardSummary:
        """The card's holder and PIN counter, and whether its reader has a PIN pad (asked of the reader
        once per connection)."""
        return self._run(reader, lambda transport: _summary(reader, cps.read_identity(transport), self._today(),
                                                            pin_pad=pinpad.available(transport)))

    def verify_pin(self, reader: str, pin: str, serial: str) -> CardSummary:
        """Present ``pin`` once to the card ``serial`` in ``reader`` (CardRemoved if another card is there:
        it gets no PIN); the card's summary after it. PinWrong (``tries_left``, at least 1), PinBlocked
        (this try was the last, or the card was blocked already) or InvalidPinFormat otherwise. A right
        PIN makes the connection the session's link."""
        return self._run(reader, partial(self._send_to, serial=serial, send=partial(cps.verify_pin, pin=pin)),
                         keep=True)

    def verify_pin_on_pinpad(self, reader: str, serial: str) -> CardSummary:
        """Have the PIN typed on the keypad of ``reader`` for the card ``serial``, once: blocks the card
        thread until the reader answers. As :meth:`verify_pin`, and PinEntryCancelled (Cancel pressed on
        the reader), PinEntryTimeout, InvalidPinFormat (too few digits typed); a CardError for a reader
        without a PIN pad."""
        return self._run(reader, partial(self._send_to, serial=serial, send=_on_pinpad), keep=True)

    def unblock_pin(self, reader: str, puk: str, new_pin: str, serial: str) -> CardSummary:
        """RESET RETRY COUNTER with ``puk`` on the card ``serial``: unblocked with ``new_pin`` (not verified)."""
        return self._run(reader, partial(self._send_to, serial=serial,
                                         send=partial(cps.unblock_pin, puk=puk, new_pin=new_pin)))

    def read_card(self, reader: str, atr: AtrInfo) -> CardReading:
        """Whatever card is in ``reader``, read whole without a PIN; errors are kept in the reading."""
        try:
            return self._run(reader, lambda transport: read_card(transport, reader, atr))
        except CardError as error:  # no connection: the reading says why
            return CardReading(reader, atr, error=error)

    def authenticate(self, reader: str, challenge: bytes) -> tuple[bytes, bytes]:
        """The authentication certificate and the signature of ``challenge``, by the session's card: with
        no link (the card pulled, swapped, reset or released), CardRemoved."""
        assert_runs_in_card_thread()
        if reader not in self._links:
            raise CardRemoved(reader)
        return self._run(reader, lambda transport: _proof(transport, challenge))

    def signer(self, reader: str, *, timeout: float = SIGN_TIMEOUT) -> CardSigner:
        """The ``card_signer`` of :meth:`sync.client.BackofficeClient.sign_in_with_card`: it signs on the
        card thread through the session's link, waiting at most ``timeout`` seconds (CardThreadTimeout),
        from any thread but the GUI's. Once the card is pulled, it raises CardRemoved."""

        def sign(challenge: bytes) -> tuple[bytes, bytes]:
            return self._thread.call(self.authenticate, reader, challenge, timeout=timeout)

        return sign

    def release(self, reader: str, *, reset: bool = False) -> None:
        """Close the session's link to ``reader`` (card pulled, session over); ``reset`` makes the card
        forget its verified PIN at once, for a card left in the reader."""
        assert_runs_in_card_thread()
        link = self._links.pop(reader, None)
        if link is not None:
            link.close(reset=reset)

    def release_all(self) -> None:
        """Close every link: the application ends."""
        for reader in list(self._links):
            self.release(reader)

    def _run(self, reader: str, operation: Callable[[Connection], T], *, keep: bool = False) -> T:
        """``operation`` in one transaction, on the link to ``reader`` or on a connection of its own,
        closed after it unless ``keep`` makes it the link."""
        assert_runs_in_card_thread()
        link = self._links.get(reader)
        transport = link if link is not None else self._connect(reader)
        try:
            with transport.transaction():
                result = operation(transport)
        except BaseException as error:
            if transport is not link or (isinstance(error, _GONE) and not isinstance(error, _OtherCard)):
                if link is not None:
                    del self._links[reader]
                transport.close()
            raise
        if transport is not link:
            if keep:
                self._links[reader] = transport
            else:
                transport.close()
        return result

    def _send_to(self, transport: Connection, serial: str, send: Callable[[Connection], None]) -> CardSummary:
        """``send`` a PIN or PUK to the card ``serial`` only; its summary after. The wrong try that leaves
        none (63 C0) is PinBlocked, as the next one would say (69 83)."""
        card = cps.read_identity(transport)
        if card.serial != serial:
            raise _OtherCard(transport.reader)
        try:
            send(transport)
        except PinWrong as wrong:
            if wrong.tries_left == 0:
                raise PinBlocked() from wrong
            raise
        return _summary(transport.reader, replace(card, pin=cps.pin_status(transport)), self._today(),
                        pin_pad=pinpad.available(transport))


def _on_pinpad(transport: Connection) -> None:
    if not pinpad.available(transport):
        raise CardError(f"{transport.reader} has no PIN pad")
    cps.verify_pin_on_pinpad(transport)


def _proof(transport: Connection, challenge: bytes) -> tuple[bytes, bytes]:
    cps.select_application(transport)  # the billing software may have selected another one meanwhile
    return cps.read_certificate(transport, Key.AUTHENTICATION), cps.authenticate(transport, challenge)


def pcsc_reader_states() -> list[tuple[str, bytes | None]]:
    """pcscd's readers with the ATR of each card, for Diagnostics: a PC/SC context of its own, no card
    connection, so any thread but the GUI's (ServiceUnavailable when pcscd is not there)."""
    return reader_states()
