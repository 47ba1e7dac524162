"""Answers of the read routes: opaque cursors over the global change sequence, pages in ``seq`` order,
and an ``ETag`` on every read with 304 to a matching ``If-None-Match``.

A page asks the storage for ``limit + 1`` rows after the cursor's ``seq``: the extra row only says that
there is more. The next cursor names the last item's ``seq``; an empty page keeps the cursor it was
given, so a client polling for changes never loses its place.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Query, Request, Response
from pydantic import BaseModel

from .problems import Problem

__all__ = ["PAGE_RESPONSES", "MAX_SEQ", "Cursor", "Limit", "encode_cursor", "decode_cursor", "cacheable",
           "cursor_page", "empty_page"]

PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not modified: the page is the one named by If-None-Match."}}
MAX_SEQ = 2**63 - 1  # SQLite's INTEGER is a signed 64-bit: a larger cursor cannot be compared, only refused

Cursor = Annotated[str | None, Query(max_length=200, description="Opaque; from the previous page's next_cursor.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]

T = TypeVar("T")


class _Item(Protocol):
    seq: int


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"v": 1, "seq": seq}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The ``seq`` a cursor names; 400 problem+json for anything that is not a cursor this office gave."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        seq = data["seq"]
        if data.get("v") != 1 or not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_SEQ:
            raise ValueError(cursor)
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise Problem(400, "invalid-cursor", "Invalid cursor",
                      "Ce curseur de synchronisation n'est pas valide : reprenez la synchronisation "
                      "depuis le début (sans curseur).") from None
    return seq


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


def cacheable(request: Request, model: BaseModel) -> Response:
    """``model`` as JSON with its ETag, or 304 when the client already holds it."""
    body = model.model_dump_json().encode()
    etag = _etag(body)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type="application/json", headers=headers)


def cursor_page(request: Request, page: type[BaseModel], rows: Sequence[T], *, limit: int, after: int,
                cursor: str | None, items: Callable[[Sequence[T]], Sequence[_Item]]) -> Response:
    """The page of ``rows`` (up to ``limit + 1``, in ``seq`` order, after the cursor's ``after``), its items
    made by ``items``, with its next cursor and ETag."""
    made = items(rows[:limit])
    if made:
        next_cursor: str | None = encode_cursor(made[-1].seq)
    else:
        next_cursor = encode_cursor(after) if cursor else None
    return cacheable(request, page(items=made, next_cursor=next_cursor, has_more=len(rows) > limit))


def empty_page(request: Request, page: type[BaseModel], cursor: str | None) -> Response:
    """The page of a session that may see nobody's rows: nothing, the cursor kept."""
    return cacheable(request, page(items=[], next_cursor=cursor or None, has_more=False))
