"""Secure PIN entry on a PIN-pad reader (PC/SC part 10, CCID): what the reader is asked, and what its
answer means. No I/O of its own.

The card profile gives its VERIFY command with a PIN block of padding only and says how the PIN goes
into it (:class:`PinFormat`); :func:`verify_structure` wraps both in a PIN_VERIFY_STRUCTURE. The
reader reads the digits on its keypad, writes them into the block, sends the command to the card,
and answers the card's response or a status word of its own, which :func:`check` tells apart:
``64 00`` nothing typed in time, ``64 01`` Cancel pressed, ``64 03`` a PIN of the wrong length.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import TypeGuard

from .apdu import Command, Response
from .apdu import check as check_card
from .errors import InvalidPinFormat, PinEntryCancelled, PinEntryTimeout
from .transport import FEATURE_VERIFY_PIN_DIRECT, PinPad, Transport

__all__ = ["LANG_FRENCH", "PinFormat", "verify_structure", "check", "available", "verify"]

LANG_FRENCH = 0x040C  # wLangId of the reader's own messages ("Saisir le code")

# PIN_VERIFY_STRUCTURE (PC/SC part 10 v2.02.09, 2.5.2; multi-byte fields little-endian): bTimerOut,
# bTimerOut2, bmFormatString, bmPINBlockString, bmPINLengthFormat, wPINMaxExtraDigit,
# bEntryValidationCondition, bNumberMessage, wLangId, bMsgIndex, bTeoPrologue[3], ulDataLength;
# then abData, the command APDU.
_HEADER = struct.Struct("<BBBBBHBBHB3sI")

_UNITS_BYTES = 0x80  # bmFormatString bit 7: the PIN position counts bytes, not bits
_ASCII = 0x02  # bmFormatString bits 1-0 (bit 2 clear: left-justified)
_VALIDATION_KEY = 0x02  # bEntryValidationCondition: entry ends when the person presses OK
_ONE_MESSAGE = 0x01  # bNumberMessage: the reader shows its "enter PIN" prompt (bMsgIndex 0)

_TIMEOUT = 0x6400
_CANCELLED = 0x6401
_WRONG_LENGTH = 0x6403


@dataclass(frozen=True)
class PinFormat:
    """How a card wants the PIN in its VERIFY data: ASCII digits, left-justified, from byte ``offset``
    of a block of ``block_size`` bytes whose padding the command already holds; no length field."""

    min_digits: int
    max_digits: int
    block_size: int
    offset: int = 0


def verify_structure(
    command: Command, pin: PinFormat, *, timeout: int, lang_id: int = LANG_FRENCH
) -> bytes:
    """The PIN_VERIFY_STRUCTURE asking the reader for the PIN and to send ``command`` with it.

    ``timeout`` in seconds, for the whole entry and again after each key (0: the reader's own).
    Raises ValueError when ``pin`` does not fit in the command or in the structure's fields.
    """
    if not 0 <= timeout <= 0xFF:
        raise ValueError("the PIN-pad timeout is 0 to 255 seconds")
    if not (0 <= pin.offset <= 0x0F and 0 < pin.block_size <= 0x0F):
        raise ValueError("a PIN block is at most 15 bytes, from an offset of at most 15")
    if pin.offset + pin.block_size > len(command.data):
        raise ValueError("the PIN block does not fit in the command's data")
    if not 0 < pin.min_digits <= pin.max_digits <= pin.block_size:
        raise ValueError("the PIN's length does not fit its block")
    apdu = command.to_bytes()
    header = _HEADER.pack(
        timeout,
        timeout,
        _UNITS_BYTES | pin.offset << 3 | _ASCII,
        pin.block_size,  # bits 7-4: no PIN length field
        0x00,  # bmPINLengthFormat: no PIN length field
        pin.min_digits << 8 | pin.max_digits,
        _VALIDATION_KEY,
        _ONE_MESSAGE,
        lang_id,
        0x00,
        bytes(3),  # bTeoPrologue: the reader fills it in for T=1
        len(apdu),
    )
    return header + apdu


def check(response: Response, context: str = "") -> bytes:
    """The card's data when the PIN was accepted; the reader's own refusals, then the card's, as the
    typed errors of :mod:`cardreader.errors`."""
    if response.sw == _TIMEOUT:
        raise PinEntryTimeout()
    if response.sw == _CANCELLED:
        raise PinEntryCancelled()
    if response.sw == _WRONG_LENGTH:
        raise InvalidPinFormat("the PIN typed on the reader does not have the expected length")
    return check_card(response, context)


def available(transport: Transport) -> TypeGuard[PinPad]:
    """Whether the reader behind ``transport`` reads the PIN on its own keypad."""
    return isinstance(transport, PinPad) and FEATURE_VERIFY_PIN_DIRECT in transport.pinpad_features()


def verify(reader: PinPad, command: Command, pin: PinFormat, *, timeout: int, context: str) -> bytes:
    """Have the PIN typed on ``reader`` and sent in ``command``; blocks until the reader answers."""
    data, sw = reader.verify_pin_direct(verify_structure(command, pin, timeout=timeout))
    return check(Response(data, sw), context)
