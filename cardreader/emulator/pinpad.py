"""A PIN-pad reader in front of an emulated card, with a keypad that a test types on (PC/SC part 10).

vsmartcard-vpcd has no PIN pad: its ``IFDHControl`` answers "not supported", so pcscd gives every
``SCardControl`` on a vpcd reader ``SCARD_E_UNSUPPORTED_FEATURE``. The PIN pad is emulated at the
transport instead. :class:`PinPadReader` passes the ordinary APDUs on to the card (in-process, or
through pcscd to the vpcd slot that holds it) and answers secure PIN entry as a CCID reader's
firmware does: it parses the PIN_VERIFY_STRUCTURE field by field and refuses a malformed one, waits
for the keypad, writes the digits into the command as the structure's format says, and sends the
command to the card itself. The PIN never passes through the transport.

The layout is read here from the specification (PC/SC part 10 v2.02.09, 2.5.2; CCID 1.1, 6.1.11),
not from :mod:`cardreader.pinpad`, so that the two implementations check each other.
"""

from __future__ import annotations

import threading
from collections import deque
from contextlib import AbstractContextManager
from dataclasses import dataclass

from ..errors import CardError
from ..transport import FEATURE_VERIFY_PIN_DIRECT, PcscTransport, Transport
from .base import CardEmulator
from .transport import EmulatorTransport

__all__ = ["Keypad", "PinPadReader", "PcscPinPadReader", "PinPrompt"]

_HEADER_SIZE = 19  # the structure's fields before abData
_TIMEOUT = b"\x64\x00"
_CANCELLED = b"\x64\x01"
_WRONG_LENGTH = b"\x64\x03"


class Keypad:
    """What the person does at the reader's next PIN prompts, in order: :meth:`type` digits then OK,
    or :meth:`cancel`. With nothing queued the reader waits ``patience`` seconds for an entry (a
    test may type from another thread once :meth:`wait_until_prompted` returns), then times out, as when
    the person walks away. The reader's own timeout is not waited for.
    """

    def __init__(self, patience: float = 0.0) -> None:
        self.patience = patience
        self.prompts = 0  # how many times a reader has asked for the PIN
        self._entries: deque[str | None] = deque()  # digits, or None for Cancel
        self._changed = threading.Condition()

    def type(self, digits: str) -> None:
        if not (digits.isascii() and digits.isdigit()):
            raise ValueError("a PIN pad has digit keys only")
        self._queue(digits)

    def cancel(self) -> None:
        self._queue(None)

    def wait_until_prompted(self, prompts: int = 1, timeout: float = 5.0) -> bool:
        """Whether a reader has asked for the PIN ``prompts`` times within ``timeout`` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: self.prompts >= prompts, timeout)

    def next_entry(self) -> tuple[bool, str | None]:
        """The reader's side: (False, None) when nothing came in time, else (True, the digits or
        None for Cancel)."""
        with self._changed:
            self.prompts += 1
            self._changed.notify_all()
            self._changed.wait_for(lambda: self._entries, self.patience)
            if not self._entries:
                return False, None
            return True, self._entries.popleft()

    def _queue(self, entry: str | None) -> None:
        with self._changed:
            self._entries.append(entry)
            self._changed.notify_all()


@dataclass(frozen=True)
class PinPrompt:
    """What the reader was asked, as the person at the reader would notice it."""

    timeout: int  # bTimerOut, seconds (0: the reader's own)
    timeout_after_key: int  # bTimerOut2
    min_digits: int
    max_digits: int
    validation: int  # bEntryValidationCondition: 1 max digits typed, 2 OK key, 4 timeout
    lang_id: int
    command: bytes  # the command template, as received


@dataclass(frozen=True)
class _Format:
    """bmFormatString, bmPINBlockString and bmPINLengthFormat, decoded."""

    pin_bit: int  # where the PIN block starts in the command data, in bits
    right_justified: bool
    kind: int  # 0 binary, 1 BCD, 2 ASCII
    block_bits: int
    length_bits: int  # size of the PIN length field, 0 when there is none
    length_bit: int  # where the length field starts in the command data, in bits

    @property
    def digit_bits(self) -> int:
        return 8 if self.kind == 2 else 4


def _refuse(reason: str) -> CardError:
    return CardError(f"the PIN-pad reader refused the PIN_VERIFY_STRUCTURE: {reason}")


def _decode_format(structure: bytes) -> _Format:
    format_string, block_string, length_format = structure[2], structure[3], structure[4]
    kind = format_string & 0x03
    if kind == 0x03:
        raise _refuse("bmFormatString names an RFU PIN type")
    position = (format_string >> 3) & 0x0F
    length_position = length_format & 0x0F
    return _Format(
        pin_bit=position * (8 if format_string & 0x80 else 1),
        right_justified=bool(format_string & 0x04),
        kind=kind,
        block_bits=(block_string & 0x0F) * 8,
        length_bits=block_string >> 4,
        length_bit=length_position * (8 if length_format & 0x10 else 1),
    )


def _parse(structure: bytes) -> tuple[PinPrompt, _Format]:
    if len(structure) < _HEADER_SIZE + 5:
        raise _refuse(f"{len(structure)} bytes")
    data_length = int.from_bytes(structure[15:19], "little")
    command = structure[_HEADER_SIZE:]
    if data_length != len(command):
        raise _refuse(f"ulDataLength {data_length} for {len(command)} bytes of abData")
    if command[4] == 0 or len(command) not in (5 + command[4], 6 + command[4]):
        raise _refuse("abData is not a short command APDU with data")
    extra_digits = int.from_bytes(structure[5:7], "little")
    prompt = PinPrompt(
        timeout=structure[0],
        timeout_after_key=structure[1],
        min_digits=extra_digits >> 8,
        max_digits=extra_digits & 0xFF,
        validation=structure[7],
        lang_id=int.from_bytes(structure[9:11], "little"),
        command=command,
    )
    if not 0 < prompt.validation <= 0x07:
        raise _refuse(f"bEntryValidationCondition {prompt.validation:#04x}")
    if structure[8] not in (0x00, 0x01, 0xFF) or structure[11] != 0x00:
        raise _refuse("a message this reader does not have (bNumberMessage, bMsgIndex)")
    found = _decode_format(structure)
    data_bits = command[4] * 8
    if not 0 < prompt.min_digits <= prompt.max_digits:
        raise _refuse(f"wPINMaxExtraDigit {extra_digits:#06x}")
    if found.block_bits == 0 or found.pin_bit + found.block_bits > data_bits:
        raise _refuse("the PIN block lies outside the command data")
    if prompt.max_digits * found.digit_bits > found.block_bits:
        raise _refuse("the longest PIN does not fit in its block")
    if found.length_bits and found.length_bit + found.length_bits > data_bits:
        raise _refuse("the PIN length field lies outside the command data")
    return prompt, found


def _write(data: int, total_bits: int, at: int, width: int, value: int) -> int:
    """``data`` (a big-endian bit string of ``total_bits``) with ``value`` in bits [at, at + width)."""
    shift = total_bits - at - width
    mask = ((1 << width) - 1) << shift
    return (data & ~mask) | (value << shift)


def _insert(command: bytes, found: _Format, digits: str) -> bytes:
    """``command`` with the PIN written into its data, as the reader does before sending it."""
    header, data, le = command[:5], command[5 : 5 + command[4]], command[5 + command[4] :]
    bits = len(data) * 8
    value = int.from_bytes(data, "big")
    pin_bits = len(digits) * found.digit_bits
    at = found.pin_bit + (found.block_bits - pin_bits if found.right_justified else 0)
    for digit in digits:
        code = ord(digit) if found.kind == 2 else int(digit)
        value = _write(value, bits, at, found.digit_bits, code)
        at += found.digit_bits
    if found.length_bits:
        value = _write(value, bits, found.length_bit, found.length_bits, len(digits))
    return header + value.to_bytes(len(data), "big") + le


class PinPadReader:
    """A reader with a keypad holding ``card``: a Transport and a :class:`~cardreader.transport.PinPad`.

    ``transport`` carries the ordinary APDUs to the card: in-process by default, or a PcscTransport
    to the vpcd slot that holds ``card``. Secure PIN entry goes from the keypad to ``card`` directly.
    ``prompts`` lists what the reader was asked, in order.
    """

    def __init__(
        self, card: CardEmulator, keypad: Keypad, transport: Transport | None = None
    ) -> None:
        self.card = card
        self.keypad = keypad
        self.transport = transport if transport is not None else EmulatorTransport(card)
        self.prompts: list[PinPrompt] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        return self.transport.transmit(apdu)

    def pinpad_features(self) -> frozenset[int]:
        return frozenset({FEATURE_VERIFY_PIN_DIRECT})

    def verify_pin_direct(self, structure: bytes) -> tuple[bytes, int]:
        prompt, found = _parse(bytes(structure))
        self.prompts.append(prompt)
        answer = self._enter(prompt, found)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def _enter(self, prompt: PinPrompt, found: _Format) -> bytes:
        came, digits = self.keypad.next_entry()
        if not came:
            return _TIMEOUT
        if digits is None:
            return _CANCELLED
        if not prompt.min_digits <= len(digits) <= prompt.max_digits:
            return _WRONG_LENGTH
        return self.card.process(_insert(prompt.command, found, digits))


class PcscPinPadReader(PinPadReader):
    """A PIN-pad reader in front of the vpcd slot that holds ``card``, reached through ``transport``: a
    connection as :class:`~cardreader.transport.PcscTransport` is one (its reader's name, transactions,
    close), with a keypad. What the window's card operations open when a test gives them this reader."""

    def __init__(self, card: CardEmulator, keypad: Keypad, transport: PcscTransport) -> None:
        super().__init__(card, keypad, transport)
        self.pcsc = transport
        self.reader = transport.reader

    def transaction(self) -> AbstractContextManager[None]:
        return self.pcsc.transaction()

    def close(self, *, reset: bool = False) -> None:
        self.pcsc.close(reset=reset)
