"""BER-TLV as the cards use it: multi-byte tags, short and long lengths, nested templates.

Pure functions, shared by the readers (``decode``) and the emulators (``encode``). Anything that does
not parse raises :class:`MalformedData`, never ``IndexError`` or ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import MalformedData

__all__ = ["Tlv", "decode", "encode", "find", "find_all", "children_map"]

_MAX_DEPTH = 16


@dataclass(frozen=True)
class Tlv:
    """One element; ``children`` is set for constructed tags (bit 6 of the first tag byte)."""

    tag: int
    value: bytes
    children: tuple[Tlv, ...] = ()

    @property
    def constructed(self) -> bool:
        return _is_constructed(self.tag)


def _is_constructed(tag: int) -> bool:
    first = tag
    while first > 0xFF:
        first >>= 8
    return bool(first & 0x20)


def _read_tag(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise MalformedData("TLV: tag expected, data ended")
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:
        for _ in range(3):
            if pos >= len(data):
                raise MalformedData("TLV: multi-byte tag cut short")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            if not byte & 0x80:
                break
        else:
            raise MalformedData("TLV: tag longer than 4 bytes")
    return tag, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise MalformedData("TLV: length expected, data ended")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 3:
        raise MalformedData(f"TLV: unsupported length form {first:02X}")
    if pos + count > len(data):
        raise MalformedData("TLV: long length cut short")
    return int.from_bytes(data[pos : pos + count], "big"), pos + count


def _decode(data: bytes, depth: int) -> Iterator[Tlv]:
    if depth > _MAX_DEPTH:
        raise MalformedData("TLV: nesting too deep")
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF):  # padding between elements (ISO 7816-4 5.2.2.1)
            pos += 1
            continue
        tag, pos = _read_tag(data, pos)
        length, pos = _read_length(data, pos)
        if pos + length > len(data):
            raise MalformedData(f"TLV: tag {tag:X} announces {length} bytes, {len(data) - pos} left")
        value = bytes(data[pos : pos + length])
        pos += length
        children = tuple(_decode(value, depth + 1)) if _is_constructed(tag) else ()
        yield Tlv(tag, value, children)


def decode(data: bytes) -> list[Tlv]:
    """Every top-level element of ``data``, constructed ones parsed recursively."""
    return list(_decode(bytes(data), 0))


def _encode_tag(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def _encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    body = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes | Iterable[bytes]) -> bytes:
    """One element; ``value`` may be the already-encoded children of a constructed tag."""
    body = value if isinstance(value, (bytes, bytearray)) else b"".join(value)
    return _encode_tag(tag) + _encode_length(len(body)) + bytes(body)


def find_all(elements: Iterable[Tlv], tag: int) -> Iterator[Tlv]:
    """Every element with ``tag``, searched depth first through constructed ones."""
    for element in elements:
        if element.tag == tag:
            yield element
        if element.children:
            yield from find_all(element.children, tag)


def find(elements: Iterable[Tlv], tag: int) -> Tlv | None:
    return next(find_all(elements, tag), None)


def children_map(element: Tlv) -> dict[int, bytes]:
    """The primitive children of a template by tag (the first one wins on repeats)."""
    result: dict[int, bytes] = {}
    for child in element.children:
        result.setdefault(child.tag, child.value)
    return result
