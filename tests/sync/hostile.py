"""A real HTTP server on loopback that answers like a broken or hostile back office.

Each test gives it one function, ``answer(request) -> Reply | None``. When it answers None the
request goes to ``upstream`` (the real back office) when one is given, else a password sign-in gets
a grant valid for an hour and anything else a 404. Every request is recorded. Bodies are sent as
they are given: whole, as a lazy stream of chunks (a page of a million items costs the server no
memory), or trickled one byte every ``trickle`` seconds; a ``raw`` reply is the whole answer, status
line and headers included, so that those can be trickled too.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import httpx

from sync.client import BackofficeClient


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between two bytes of the body; 0 sends it at once
    raw: bytes = b""  # when given, the whole answer as it goes on the wire (status and headers ignored)

    @classmethod
    def json(cls, value: object, status: int = 200, **headers: str) -> Reply:
        return cls(status, json.dumps(value).encode(), {"Content-Type": "application/json", **headers})


def grant() -> Reply:
    expires = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    return Reply.json({"token": "t", "expires_at": expires, "kind": "password", "scopes": ["payments"]})


def payment(number: int) -> dict:
    return {"id": number, "seq": number, "professional": "751123456", "paid_on": "2026-03-02",
            "kind": "on_call", "label": "Astreinte", "amount_cents": 15000, "payer": "CPAM de Paris"}


def payments_page(items: int, *, next_cursor: str | None = "c1", has_more: bool = False) -> Iterator[bytes]:
    """A payments page of ``items`` items, made lazily in chunks of about 64 KiB."""
    yield b'{"items": ['
    batch: list[str] = []
    for number in range(1, items + 1):
        batch.append(json.dumps(payment(number)))
        if len(batch) == 256:
            yield (", ".join(batch) + ("" if number == items else ", ")).encode()
            batch = []
    if batch:
        yield ", ".join(batch).encode()
    yield f'], "next_cursor": {json.dumps(next_cursor)}, "has_more": {json.dumps(has_more)}}}'.encode()


class HostileServer:
    """``with HostileServer(answer) as server:`` serves on ``server.url`` until the block ends."""

    def __init__(self, answer: Callable[[Request], Reply | None], upstream: httpx.Client | None = None) -> None:
        self.requests: list[Request] = []
        self._answer, self._upstream = answer, upstream
        self._closing = threading.Event()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, name="hostile-server", daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # ends any trickle at once
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    def count(self, path: str) -> int:
        return sum(1 for request in self.requests if request.path == path)

    def client(self, **settings) -> BackofficeClient:
        """A client signed in with a password, which never really sleeps between retries."""
        client = BackofficeClient(self.url, sleep=lambda seconds: None, **settings)
        client.sign_in_with_password("751123456", "Tilleul2026")
        return client

    def _reply(self, request: Request, headers: dict[str, str]) -> Reply:
        self.requests.append(request)
        reply = self._answer(request)
        if reply is not None:
            return reply
        if self._upstream is not None:
            return self._forward(request, headers)
        if request.path == "/v1/auth/password":
            return grant()
        return Reply.json({"type": "about:blank", "detail": "rien ici"}, 404)

    def _forward(self, request: Request, headers: dict[str, str]) -> Reply:
        kept = {k: v for k, v in headers.items() if k.lower() in ("authorization", "content-type", "content-range")}
        answer = self._upstream.request(request.method, request.path, params=request.query, content=request.body,
                                        headers=kept)
        passed = {k: v for k, v in answer.headers.items()
                  if k.lower() not in ("content-length", "content-encoding", "transfer-encoding", "connection")}
        return Reply(answer.status_code, answer.content, passed)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _serve(self) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                query = {k: v[-1] for k, v in parse_qs(url.query).items()}
                reply = server._reply(Request(self.command, url.path, query, body), dict(self.headers))
                if reply.raw:
                    self.close_connection = True
                    return self._trickle([reply.raw], reply.trickle)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if isinstance(reply.body, bytes):
                    self.send_header("Content-Length", str(len(reply.body)))
                else:
                    self.send_header("Connection", "close")  # a stream: its end is the connection's
                    self.close_connection = True
                self.end_headers()
                if self.command != "HEAD":
                    self._trickle([reply.body] if isinstance(reply.body, bytes) else reply.body, reply.trickle)

            def _trickle(self, chunks: Iterable[bytes], pause: float) -> None:
                try:
                    for chunk in chunks:
                        if not pause:
                            self.wfile.write(chunk)
                            continue
                        for index in range(len(chunk)):
                            self.wfile.write(chunk[index:index + 1])
                            self.wfile.flush()
                            if server._closing.wait(pause):
                                return
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up: its right

            do_GET = do_POST = do_PUT = do_PATCH = do_HEAD = _serve

        return Handler
