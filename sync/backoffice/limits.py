"""Request body limits, by route, enforced before a body is read whole.

Without them a client — signed in or not — could make the server hold any body in memory: FastAPI
reads a JSON body whole before validating it. :class:`BodyLimitMiddleware` sits in front of the app:
a ``Content-Length`` above the route's limit is answered 413 at once, without reading a byte of the
body; a body without one (chunked) or longer than it declared is counted as it streams, and cut with
a 413 as soon as it passes the limit. The limits are settings (:class:`~.config.BackofficeConfig`):
JSON bodies are small, a document chunk is the upload chunk size plus slack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import Problem

__all__ = ["DEFAULT_CONTENT_LIMIT", "DEFAULT_JSON_LIMIT", "BodyLimitMiddleware", "BodyLimits"]

DEFAULT_JSON_LIMIT = 64 * 1024
DEFAULT_CONTENT_LIMIT = 512 * 1024  # the client sends 256 KiB chunks (sync/documents.py): twice that

_CONTENT_PATH = re.compile(r"/v1/documents/[^/]+/content")


@dataclass(frozen=True)
class BodyLimits:
    json: int = DEFAULT_JSON_LIMIT  # every body but a document's content
    content: int = DEFAULT_CONTENT_LIMIT  # PUT /v1/documents/{id}/content: one chunk

    def __post_init__(self) -> None:
        if self.json < 1024 or self.content < 1024:
            raise ValueError("a body limit below 1 KiB would refuse the protocol's own requests")

    def for_request(self, method: str, path: str) -> int:
        return self.content if method == "PUT" and _CONTENT_PATH.fullmatch(path) else self.json


def _too_large(limit: int) -> Problem:
    return Problem(413, "body-too-large", "Request body too large",
                   f"Le corps de la requête dépasse la taille permise ici ({limit} octets) : il n'a pas été lu.")


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class BodyLimitMiddleware:
    """ASGI middleware answering 413 problem+json to a body above its route's limit (see the module)."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app, self.limits = app, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_request(scope["method"], scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _too_large(limit).response()(scope, receive, send)
            return
        await _Guard(self.app, limit).run(scope, receive, send)


class _Guard:
    """One request: counts its body as the app reads it; past the limit, the app is told the client
    left (it stops reading) and whatever it answers is replaced by the 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit
        self.received, self.exceeded, self.started = 0, False, False

    async def run(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counted() -> Message:
            if self.exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    self.exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if self.exceeded:
                return
            self.started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except ClientDisconnect:
            if not self.exceeded:
                raise
        if self.exceeded and not self.started:
            await _too_large(self.limit).response()(scope, receive, send)
