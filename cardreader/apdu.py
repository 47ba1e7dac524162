"""The APDU core: command builders, status words, response chaining. No I/O of its own.

``transceive`` is the one place that talks to a :class:`~cardreader.transport.Transport`: it turns
``61 xx`` (more data) into GET RESPONSE and ``6C xx`` (wrong Le) into a resend, for any command, so
the card profiles never see either. ``check`` turns a status word into the typed error of
:mod:`cardreader.errors`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .errors import (
    CardProtocolError,
    CommandRejected,
    FileMissing,
    InvalidPinFormat,
    PinBlocked,
    PinNeeded,
    PinWrong,
    StatusWordError,
)
from .transport import Transport

__all__ = [
    "SW",
    "Command",
    "Response",
    "transceive",
    "check",
    "read_file",
    "select_aid",
    "select_mf",
    "select_path",
    "read_binary",
    "read_binary_sfi",
    "verify",
    "verify_template",
    "verify_state",
    "PIN_DIGITS",
    "PIN_BLOCK_SIZE",
    "get_pin_counter",
    "reset_retry_counter",
    "Key",
    "mse_set",
    "internal_authenticate",
    "pso_compute_signature",
    "get_response",
    "digest_info_sha256",
]

PIN_DIGITS = 4
PIN_BLOCK_SIZE = 8  # VERIFY's data: the PIN's ASCII digits, padded with FF (CARDS.md)

_MAX_CHAIN = 64  # GET RESPONSE rounds before a card is deemed to answer forever
MAX_FILE_SIZE = 0x7FFF  # the largest offset READ BINARY can address in P1-P2


class SW(enum.IntEnum):
    OK = 0x9000
    END_OF_FILE_WARNING = 0x6282
    WRONG_LENGTH = 0x6700
    SECURITY_NOT_SATISFIED = 0x6982
    PIN_BLOCKED = 0x6983
    CONDITIONS_NOT_SATISFIED = 0x6985
    NO_CURRENT_EF = 0x6986
    WRONG_DATA = 0x6A80
    FILE_NOT_FOUND = 0x6A82
    WRONG_P1P2 = 0x6A86
    DATA_NOT_FOUND = 0x6A88
    OFFSET_PAST_END = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00


_REJECTED = {SW.WRONG_LENGTH, SW.WRONG_P1P2, SW.INS_NOT_SUPPORTED, SW.CLA_NOT_SUPPORTED}


@dataclass(frozen=True)
class Command:
    """A short ISO 7816-4 command; ``le`` None means no Le byte, 0 means "up to 256"."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def to_bytes(self) -> bytes:
        if len(self.data) > 255:
            raise ValueError("short APDU data is at most 255 bytes")
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le & 0xFF])
        return out

    def with_le(self, le: int) -> Command:
        return Command(self.cla, self.ins, self.p1, self.p2, self.data, le)


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW.OK


def get_response(le: int) -> Command:
    return Command(0x00, 0xC0, 0x00, 0x00, le=le)


def transceive(transport: Transport, command: Command) -> Response:
    """Send ``command`` and follow ``61 xx`` / ``6C xx`` until the card gives a final answer."""
    raw = command.to_bytes()
    collected = b""
    for _ in range(_MAX_CHAIN):
        data, sw = transport.transmit(raw)
        sw1, sw2 = sw >> 8, sw & 0xFF
        if sw1 == 0x6C:
            raw = command.with_le(sw2).to_bytes()
            continue
        if sw1 == 0x61:
            collected += data
            raw = get_response(sw2).to_bytes()
            continue
        return Response(collected + data, sw)
    raise CardProtocolError("the card keeps asking for GET RESPONSE / a new Le")


def check(response: Response, context: str = "") -> bytes:
    """The response data when the status word is 90 00; otherwise the matching typed error."""
    sw = response.sw
    if sw == SW.OK:
        return response.data
    if sw & 0xFFF0 == 0x63C0:
        raise PinWrong(sw & 0x0F)
    if sw == SW.PIN_BLOCKED:
        raise PinBlocked()
    if sw == SW.SECURITY_NOT_SATISFIED:
        raise PinNeeded()
    if sw == SW.FILE_NOT_FOUND:
        raise FileMissing(context or "file")
    if sw in _REJECTED:
        raise CommandRejected(sw, context)
    raise StatusWordError(sw, context)


# --- Builders ------------------------------------------------------------------------------------


def select_aid(aid: bytes) -> Command:
    return Command(0x00, 0xA4, 0x04, 0x00, aid)


def select_mf() -> Command:
    return Command(0x00, 0xA4, 0x00, 0x00, b"\x3f\x00")


def select_path(path: bytes) -> Command:
    """Select by path from the MF (path without 3F00), no answer data (P2 = 0C)."""
    return Command(0x00, 0xA4, 0x08, 0x0C, path)


def read_binary(offset: int, le: int = 0) -> Command:
    if not 0 <= offset <= MAX_FILE_SIZE:
        raise ValueError("READ BINARY offset out of range")
    return Command(0x00, 0xB0, offset >> 8, offset & 0xFF, le=le)


def read_binary_sfi(sfi: int, offset: int = 0, le: int = 0) -> Command:
    """READ BINARY of the file with short id ``sfi``, which becomes the current file."""
    return Command(0x00, 0xB0, 0x80 | (sfi & 0x1F), offset & 0xFF, le=le)


def _pin_block(pin: str, length: int) -> bytes:
    return pin.encode("ascii").ljust(length, b"\xff")


def _check_digits(value: str, count: int, what: str) -> None:
    if len(value) != count or not value.isascii() or not value.isdigit():
        raise InvalidPinFormat(f"the {what} must be {count} digits")


def verify(pin: str) -> Command:
    _check_digits(pin, PIN_DIGITS, "PIN")
    return Command(0x00, 0x20, 0x00, 0x81, _pin_block(pin, PIN_BLOCK_SIZE))


def verify_template() -> Command:
    """VERIFY with a PIN block of padding only: a PIN-pad reader writes the typed digits into it."""
    return Command(0x00, 0x20, 0x00, 0x81, _pin_block("", PIN_BLOCK_SIZE))


def verify_state() -> Command:
    """VERIFY with no data: asks whether the PIN was verified, and the tries left if not."""
    return Command(0x00, 0x20, 0x00, 0x81)


def get_pin_counter() -> Command:
    """GET DATA of the PIN's retry counter (IAS-ECC), readable without the PIN."""
    return Command(0x00, 0xCB, 0x3F, 0xFF, bytes.fromhex("4D087006BF810102A080"), le=0)


def reset_retry_counter(puk: str, new_pin: str) -> Command:
    _check_digits(puk, 8, "PUK")
    _check_digits(new_pin, PIN_DIGITS, "PIN")
    return Command(0x00, 0x2C, 0x00, 0x81, puk.encode("ascii") + _pin_block(new_pin, PIN_BLOCK_SIZE))


class Key(enum.IntEnum):
    """Key references of MSE SET (CARDS.md): the template tag in P2 and the key id."""

    AUTHENTICATION = 0x82
    SIGNATURE = 0x81


def mse_set(key: Key) -> Command:
    template = 0xA4 if key is Key.AUTHENTICATION else 0xB6
    return Command(0x00, 0x22, 0x41, template, bytes([0x80, 0x01, 0x02, 0x84, 0x01, key]))


_SHA256_DIGEST_INFO_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def digest_info_sha256(digest: bytes) -> bytes:
    if len(digest) != 32:
        raise ValueError("a SHA-256 digest is 32 bytes")
    return _SHA256_DIGEST_INFO_PREFIX + digest


def internal_authenticate(digest_info: bytes) -> Command:
    return Command(0x00, 0x88, 0x00, 0x00, digest_info, le=0)


def pso_compute_signature(digest_info: bytes) -> Command:
    return Command(0x00, 0x2A, 0x9E, 0x9A, digest_info, le=0)


# --- Reading a whole file ------------------------------------------------------------------------

_END_OF_DATA = {SW.OFFSET_PAST_END, SW.END_OF_FILE_WARNING}
_NO_MORE = _END_OF_DATA | {SW.WRONG_P1P2, SW.NO_CURRENT_EF}


def read_file(transport: Transport, first: Command, context: str) -> bytes:
    """Read the current file from ``first`` (a READ BINARY at offset 0) until it ends.

    A short answer, ``6B 00`` or ``62 82`` ends the file; so does a refusal to continue past the
    first 256 bytes (a file read by short id, on a card that only knows that form).
    """
    content = b""
    command = first
    while True:
        response = transceive(transport, command)
        if response.sw in _END_OF_DATA or (content and response.sw in _NO_MORE):
            return content + response.data
        chunk = check(response, context)
        content += chunk
        if len(chunk) < 256:
            return content
        if len(content) > MAX_FILE_SIZE:
            raise CardProtocolError(f"{context}: the file does not end")
        command = read_binary(len(content))
