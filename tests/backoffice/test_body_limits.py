"""Request body limits against the real server (uvicorn in its own process, on loopback): a huge body to
``/v1/auth/card``, before any sign-in, is refused 413 without being read whole, and five at once leave
the server's memory where it was."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sync.backoffice.limits import DEFAULT_CONTENT_LIMIT, DEFAULT_JSON_LIMIT, BodyLimits
from sync.backoffice.local import LocalBackoffice
from sync.documents import CHUNK_SIZE

HUGE = 200 * 1024 * 1024
BLOCK = b"A" * (64 * 1024)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LocalBackoffice(tmp_path_factory.mktemp("limits"), tls=False, seeded=False) as running:
        yield running


def huge_body(size: int = HUGE) -> Iterator[bytes]:
    """A JSON-looking body of ``size`` bytes, made as it is sent (the test holds none of it)."""
    yield b'{"certificate": "'
    for _ in range(size // len(BLOCK)):
        yield BLOCK


def kib(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of a process, in KiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE).group(1))


def assert_too_large(response: httpx.Response, limit: int = DEFAULT_JSON_LIMIT) -> None:
    assert response.status_code == 413, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("/body-too-large") and f"({limit} octets)" in body["detail"]


def raw_request(server: LocalBackoffice, head: str, body: Iterator[bytes]) -> tuple[bytes, int]:
    """Send ``head`` then ``body`` on a bare socket until the server stops taking it; its answer and
    how many body bytes went out."""
    port = int(server.url.rsplit(":", 1)[1])
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(head.encode())
        try:
            for block in body:
                connection.sendall(block)
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        try:
            while piece := connection.recv(65536):
                answer += piece
        except ConnectionResetError:
            pass
    return answer, sent


def test_a_declared_length_above_the_limit_is_refused_before_a_byte_is_read(server):
    answer, _ = raw_request(server, "POST /v1/auth/card HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    f"Content-Length: {HUGE}\r\n\r\n", iter(()))
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ") and b"application/problem+json" in head
    assert json.loads(body)["type"].endswith("/body-too-large")


def test_a_chunked_body_without_length_is_cut_at_the_limit(server):
    with httpx.Client(timeout=60) as client:
        response = client.post(server.url + "/v1/auth/card", content=huge_body(),
                               headers={"Content-Type": "application/json"})
    assert_too_large(response)


def test_a_body_longer_than_its_length_says_is_not_read_past_it(server):
    """A small Content-Length followed by 200 MB: the server reads what was declared (a bad sign-in), then
    takes the rest for a next request it refuses, and closes: it never holds the 200 MB."""
    before = kib(server.process.pid, "VmRSS")
    answer, sent = raw_request(server, "POST /v1/auth/card HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                       "Content-Length: 100\r\n\r\n", huge_body())
    assert answer.startswith(b"HTTP/1.1 4") and b"application/problem+json" in answer
    assert sent < HUGE  # the server closed the connection before taking it all
    assert kib(server.process.pid, "VmRSS") - before < 50 * 1024


def test_five_parallel_huge_bodies_leave_the_memory_flat(server, capsys):
    """Before the limit, five 200 MB bodies took the server to 1.7 GB; now its peak RSS barely moves."""
    pid = server.process.pid
    with httpx.Client() as warm:
        warm.get(server.url + "/v1/auth/challenge")
    peak_before = kib(pid, "VmHWM")
    answers: list[httpx.Response | Exception] = []

    def send(declared: bool) -> None:
        headers = {"Content-Type": "application/json"} | ({"Content-Length": str(HUGE + 17)} if declared else {})
        try:
            with httpx.Client(timeout=120) as client:
                answers.append(client.post(server.url + "/v1/auth/card", content=huge_body(), headers=headers))
        except httpx.HTTPError as error:
            answers.append(error)

    threads = [threading.Thread(target=send, args=(i % 2 == 0,)) for i in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    growth = kib(pid, "VmHWM") - peak_before
    with capsys.disabled():
        print(f"\n5 parallel 200 MB bodies: server peak RSS {peak_before / 1024:.1f} MiB -> "
              f"{kib(pid, 'VmHWM') / 1024:.1f} MiB (+{growth / 1024:.1f} MiB)")
    assert len(answers) == 5
    for answer in answers:
        assert isinstance(answer, httpx.Response), answer
        assert_too_large(answer)
    assert growth < 64 * 1024  # KiB: five bodies read whole would be 1,000 MiB


def test_a_document_chunk_is_bounded_by_the_content_limit_not_the_json_one(server):
    assert CHUNK_SIZE < DEFAULT_CONTENT_LIMIT  # the client's chunks fit, with room to spare
    limits = BodyLimits()
    assert limits.for_request("PUT", "/v1/documents/abc/content") == DEFAULT_CONTENT_LIMIT
    assert limits.for_request("POST", "/v1/documents") == limits.for_request("PUT", "/v1/x/content") == \
        DEFAULT_JSON_LIMIT
    with httpx.Client(timeout=60) as client:
        url = server.url + "/v1/documents/doc-1/content"
        headers = {"Content-Range": f"bytes 0-{CHUNK_SIZE - 1}/{CHUNK_SIZE}", "Authorization": "Bearer x"}
        assert client.put(url, content=b"x" * CHUNK_SIZE, headers=headers).status_code == 401  # through to the app
        too_big = DEFAULT_CONTENT_LIMIT + 1
        headers["Content-Range"] = f"bytes 0-{too_big - 1}/{too_big}"
        assert_too_large(client.put(url, content=b"x" * too_big, headers=headers), DEFAULT_CONTENT_LIMIT)
