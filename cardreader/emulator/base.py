"""What every emulated card shares: short-APDU parsing, status words, Le handling and chaining.

A card answers every byte string it is given, as a real card would: ``process`` never raises, and a
command it cannot parse or does not know gets the ISO 7816-4 status word for it. The two optional
behaviours (``chaining`` and ``strict_le``) live here so that every card type can exercise the
reader's 61xx / 6Cxx handling (CARDS.md, "Transport").
"""

from __future__ import annotations

import enum
import logging
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date

from .. import tlv

__all__ = [
    "SW",
    "CommandApdu",
    "Reply",
    "CardEmulator",
    "parse_command",
    "read_slice",
    "status",
    "text_tlv",
    "date_tlv",
]

log = logging.getLogger(__name__)

MAX_SHORT_NE = 256  # Le byte 00 in a short APDU


class SW(enum.IntEnum):
    """The status words the emulators answer (CARDS.md, "Transport")."""

    OK = 0x9000
    MORE_DATA = 0x6100  # | bytes still available
    WRONG_LE = 0x6C00  # | the exact Le to re-send with
    WRONG_PIN = 0x63C0  # | tries left
    WRONG_LENGTH = 0x6700
    SECURITY_NOT_SATISFIED = 0x6982
    PIN_BLOCKED = 0x6983
    CONDITIONS_NOT_SATISFIED = 0x6985
    NO_CURRENT_EF = 0x6986
    WRONG_DATA = 0x6A80
    NOT_FOUND = 0x6A82
    WRONG_P1P2 = 0x6A86
    DATA_NOT_FOUND = 0x6A88
    OFFSET_PAST_END = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    UNKNOWN_ERROR = 0x6F00


@dataclass(frozen=True)
class CommandApdu:
    """A parsed short command; ``le`` is the raw Le byte (0 means 256), None when absent."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    @property
    def p1p2(self) -> int:
        return (self.p1 << 8) | self.p2

    @property
    def ne(self) -> int | None:
        """How many bytes the reader accepts back (None: no Le field)."""
        if self.le is None:
            return None
        return self.le or MAX_SHORT_NE

    @property
    def header(self) -> str:
        """CLA INS P1 P2 only: what may be logged (the body of a VERIFY is a PIN)."""
        return bytes([self.cla, self.ins, self.p1, self.p2]).hex(" ").upper()


@dataclass(frozen=True)
class Reply:
    data: bytes
    sw: int

    def encode(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")


def status(sw: int) -> Reply:
    return Reply(b"", sw)


def text_tlv(tag: int, value: str) -> bytes:
    """A primitive element holding UTF-8 text, as every value of the cards' files is."""
    return tlv.encode(tag, value.encode("utf-8"))


def date_tlv(tag: int, day: date) -> bytes:
    """A date as the cards write it: ``YYYYMMDD`` text."""
    return text_tlv(tag, day.strftime("%Y%m%d"))


def parse_command(raw: bytes) -> CommandApdu | None:
    """The four short-APDU cases of ISO 7816-4; None when the lengths do not add up."""
    if len(raw) < 4:
        return None
    cla, ins, p1, p2 = raw[:4]
    body = raw[4:]
    if not body:
        return CommandApdu(cla, ins, p1, p2)
    if len(body) == 1:
        return CommandApdu(cla, ins, p1, p2, le=body[0])
    lc = body[0]
    if lc == 0:  # extended length: no card of CARDS.md uses it
        return None
    if len(body) == 1 + lc:
        return CommandApdu(cla, ins, p1, p2, data=bytes(body[1:]))
    if len(body) == 2 + lc:
        return CommandApdu(cla, ins, p1, p2, data=bytes(body[1:-1]), le=body[-1])
    return None


def read_slice(content: bytes, offset: int, command: CommandApdu) -> Reply:
    """READ BINARY of ``content`` at ``offset``: up to Ne bytes, a short answer at the end."""
    ne = command.ne
    if ne is None or command.data:
        return status(SW.WRONG_LENGTH)
    if offset > len(content) or (offset == len(content) and offset > 0):
        return status(SW.OFFSET_PAST_END)
    return Reply(content[offset : offset + ne], SW.OK)


class CardEmulator(ABC):
    """A card answering raw command APDUs; subclasses implement ``_handle`` for CLA 00 commands.

    ``chaining``: answers longer than that many bytes come as ``61 xx`` and are fetched with GET
    RESPONSE, in chunks of at most that size. ``strict_le``: a Le other than 00 that is not the
    exact length of the answer gets ``6C xx``, as T=0 cards do.
    """

    atr: bytes

    def __init__(self, *, chaining: int | None = None, strict_le: bool = False) -> None:
        if chaining is not None and not 1 <= chaining <= MAX_SHORT_NE:
            raise ValueError(f"chaining must be between 1 and {MAX_SHORT_NE} bytes")
        self.chaining = chaining
        self.strict_le = strict_le
        self._pending: Reply | None = None
        self._lock = threading.Lock()  # the bridge thread and an in-process caller may share a card

    def reset(self) -> None:
        """Power cycle: the PIN-verified state, security environment and selection are lost."""
        with self._lock:
            self._pending = None
            self._power_on()

    def process(self, apdu: bytes) -> bytes:
        """The response APDU (data + SW1 SW2) to ``apdu``; never raises."""
        with self._lock:
            try:
                return self._process(bytes(apdu)).encode()
            except Exception:  # a bug here must look like a confused card, not kill the reader
                log.exception("emulator failed on a command; answering 6F 00")
                return status(SW.UNKNOWN_ERROR).encode()

    @abstractmethod
    def _power_on(self) -> None:
        """Set the volatile state as after power-on."""

    @abstractmethod
    def _handle(self, command: CommandApdu) -> Reply:
        """Answer a CLA 00 command other than GET RESPONSE; the base fits the data to Le and
        chains it."""

    def _process(self, raw: bytes) -> Reply:
        pending, self._pending = self._pending, None  # any other command drops what was left
        if len(raw) < 4:
            return status(SW.WRONG_LENGTH)
        if raw[0] != 0x00:
            return status(SW.CLA_NOT_SUPPORTED)
        command = parse_command(raw)
        if command is None:
            return status(SW.WRONG_LENGTH)
        if command.ins == 0xC0:
            return self._get_response(command, pending)
        reply = self._handle(command)
        log.debug("%s -> %04X (%d bytes)", command.header, reply.sw, len(reply.data))
        return self._deliver(self._fit_le(command, reply))

    def _fit_le(self, command: CommandApdu, reply: Reply) -> Reply:
        if not reply.data or command.le is None:
            return reply
        if self.strict_le and command.le != 0 and command.le != len(reply.data):
            return status(SW.WRONG_LE | (len(reply.data) & 0xFF))
        return Reply(reply.data[: command.ne], reply.sw)

    def _deliver(self, reply: Reply) -> Reply:
        if self.chaining is None or len(reply.data) <= self.chaining:
            return reply
        self._pending = reply
        return self._more_data(len(reply.data))

    def _more_data(self, available: int) -> Reply:
        chunk = min(available, self.chaining or MAX_SHORT_NE)
        return status(SW.MORE_DATA | (chunk & 0xFF))

    def _get_response(self, command: CommandApdu, pending: Reply | None) -> Reply:
        if command.p1p2 != 0:
            return status(SW.WRONG_P1P2)
        if command.ne is None or command.data:
            return status(SW.WRONG_LENGTH)
        if pending is None:
            return status(SW.CONDITIONS_NOT_SATISFIED)
        chunk, rest = pending.data[: command.ne], pending.data[command.ne :]
        if not rest:
            return Reply(chunk, pending.sw)
        self._pending = Reply(rest, pending.sw)
        return Reply(chunk, self._more_data(len(rest)).sw)
