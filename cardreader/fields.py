"""Reading the values of a card's TLV templates: UTF-8 text and YYYYMMDD dates, checked."""

from __future__ import annotations

from . import tlv
from .errors import MalformedData

__all__ = ["template", "text_field", "date_field", "format_date"]


def template(data: bytes, tag: int, what: str) -> dict[int, bytes]:
    """The primitive children of the first ``tag`` template in ``data``."""
    element = tlv.find(tlv.decode(data), tag)
    if element is None or not element.constructed:
        raise MalformedData(f"{what}: template {tag:02X} missing")
    return tlv.children_map(element)


def text_field(
    fields: dict[int, bytes], tag: int, what: str, *, required: bool = True
) -> str | None:
    raw = fields.get(tag)
    if raw is None:
        if required:
            raise MalformedData(f"{what} (tag {tag:02X}) missing")
        return None
    try:
        return raw.decode("utf-8").strip("\x00 ")
    except UnicodeDecodeError:
        raise MalformedData(f"{what} (tag {tag:02X}) is not UTF-8 text") from None


def format_date(raw: str, what: str) -> str:
    """``YYYYMMDD`` to ``YYYY-MM-DD``, keeping a ``00`` month or day as given."""
    if len(raw) != 8 or not (raw.isascii() and raw.isdigit()):
        raise MalformedData(f"{what}: {raw!r} is not a YYYYMMDD date")
    month, day = int(raw[4:6]), int(raw[6:8])
    if month > 12 or day > 31:
        raise MalformedData(f"{what}: {raw!r} is not a date")
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def date_field(fields: dict[int, bytes], tag: int, what: str, *, required: bool = True) -> str | None:
    text = text_field(fields, tag, what, required=required)
    if not text:
        if required:
            raise MalformedData(f"{what} (tag {tag:02X}) is empty")
        return None
    return format_date(text, what)
