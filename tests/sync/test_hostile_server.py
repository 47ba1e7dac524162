"""The client and the engine against a misbehaving back office (a real HTTP server on loopback, see
``hostile.py``): every answer ends in a result or a :mod:`sync.errors` error, in bounded time and
requests, with nothing of a refused answer written; the engine's loop outlives all of them."""

from __future__ import annotations

import itertools
import json
import threading
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from hostile import HostileServer, Reply, payment, payments_page
from scan_pdf import scan
from test_documents_queue import awaiting, invoice
from test_engine import card_signer, client_for, server_count

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.client import MAX_RETRY_AFTER, BackofficeClient, tls_context
from sync.documents import DocumentQueue
from sync.engine import SyncEngine
from sync.errors import ProtocolError, Rejected, ServerUnavailable, SyncError
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
MAINTENANCE = "https://backoffice.example/problems/maintenance"


def finishes(work: Callable[[], object], within: float = 60.0) -> object:
    """``work()``'s result (or its exception, returned), failing the test if it is still running
    after ``within`` seconds: the bug these tests guard against is a loop that never ends."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # noqa: BLE001 - handed to the test, which checks its type
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(within)
    assert not thread.is_alive(), f"still running after {within} s"
    return outcome[0]


# -- 14: loops and hangs ---------------------------------------------------------------------------

@pytest.mark.parametrize("cursors, requests", [
    (["same"], 2),  # the second page names the cursor it was asked with
    (["a", "b"], 3),  # two cursors in turn
], ids=["same-cursor", "two-cursors-in-turn"])
def test_a_cursor_that_does_not_move_on_is_a_protocol_error(tmp_path, cursors, requests):
    turn = itertools.cycle(cursors)

    def answer(request):
        if request.path == "/v1/payments":
            return Reply(body=b"".join(payments_page(1, next_cursor=next(turn), has_more=True)))

    with HostileServer(answer) as server:
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        report = finishes(SyncEngine(server.client(), store).sync_once)
        assert isinstance(report.errors["payments"], ProtocolError), report.errors["payments"]
        assert server.count("/v1/payments") == requests
        assert store.cursor("payments") == cursors[-1]  # the pages that moved on were kept, not the refused one


def test_more_with_an_empty_page_is_a_protocol_error_and_writes_nothing(tmp_path):
    fresh = itertools.count(1)

    def answer(request):
        if request.path == "/v1/payments":
            return Reply(body=b"".join(payments_page(0, next_cursor=f"c{next(fresh)}", has_more=True)))

    with HostileServer(answer) as server:
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        report = finishes(SyncEngine(server.client(), store).sync_once)
        assert isinstance(report.errors["payments"], ProtocolError)
        assert server.count("/v1/payments") == 1 and store.cursor("payments") is None


def document_server(head: str, puts: list[str]) -> Callable:
    """SCOR reception that answers ``head`` to HEAD and the ``puts`` offsets in turn to the chunks."""
    turn = itertools.cycle(puts)

    def answer(request):
        if request.path == "/v1/documents":
            return Reply.json({"id": json.loads(request.body)["id"], "status": "uploading", "reason": None})
        if request.path.endswith("/content"):
            return Reply(headers={"Upload-Offset": head if request.method == "HEAD" else next(turn)})
    return answer


@pytest.mark.parametrize("head, puts, sent", [
    ("0", ["2000", "1000"], 2),  # flips between two values: goes back on the second chunk
    ("1000", ["1000"], 1),  # does not move
    ("-1", ["1000"], 0),
    ("999999999", ["1000"], 0),  # beyond the document's size
], ids=["flipping", "stuck", "negative", "beyond-size"])
def test_an_upload_offset_that_goes_back_or_out_of_range_is_a_protocol_error(tmp_path, head, puts, sent):
    with HostileServer(document_server(head, puts)) as server:
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        queue = DocumentQueue(tmp_path / "scans", store, VAULT, chunk_size=1000)
        document = queue.add(scan(padding=5000), pages=1, invoice=invoice())
        outcome = finishes(lambda: queue.upload_pending(server.client()))
        assert isinstance(outcome, ProtocolError), outcome
        assert sum(request.method == "PUT" for request in server.requests) == sent
        assert queue.get(document.id).status in ("ready", "sending")  # kept, to resume later


def trickled_headers(page: bytes) -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"a" * 2000 +
            b"\r\nContent-Length: " + str(len(page)).encode() + b"\r\n\r\n" + page)


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_trickled_answer_ends_at_the_request_deadline(where):
    """One byte every 0.1 s, under the 0.5 s timeout between bytes: without a total deadline the
    answer would take minutes (the headers alone, 2 KB, more than 3)."""
    page = b"".join(payments_page(3))

    def answer(request):
        if request.path == "/v1/payments":
            return Reply(body=page, trickle=0.1) if where == "body" else Reply(raw=trickled_headers(page), trickle=0.1)

    with HostileServer(answer) as server:
        client = server.client(timeout=0.5)  # the deadline: 4 × 0.5 s = 2 s
        started = time.monotonic()
        outcome = finishes(lambda: client.payments_page(None, 500))
        elapsed = time.monotonic() - started
        assert isinstance(outcome, ProtocolError) and "2 s" in str(outcome), outcome
        assert server.count("/v1/payments") == 1  # not sent again
        assert elapsed < 20  # 2 s and a generous margin for a loaded machine; unbounded before


# -- 16: Retry-After -------------------------------------------------------------------------------

@pytest.mark.parametrize("header, at_most", [
    ("1e20", MAX_RETRY_AFTER), ("inf", MAX_RETRY_AFTER), (str(10 * 365 * 86400), MAX_RETRY_AFTER),
    ("Fri, 31 Dec 9999 23:59:59 GMT", MAX_RETRY_AFTER), ("-5", 0.0), ("nan", 1.0), ("soon", 1.0),
    ("Mon, 01 Jan 2001 00:00:00 GMT", 0.0), ("120", 120.0),
])
def test_a_maintenance_retry_after_is_obeyed_up_to_the_cap(header, at_most):
    def answer(request):
        if request.path == "/v1/payments":
            return Reply.json({"type": MAINTENANCE, "detail": "Maintenance."}, 503, **{"Retry-After": header})

    with HostileServer(answer) as server:
        client = server.client()
        before = datetime.now(UTC)
        with pytest.raises(ServerUnavailable) as unavailable:
            client.payments_page(None, 10)
        waited = (unavailable.value.until - before).total_seconds()
        assert 0 <= waited <= at_most + 5
        if at_most == MAX_RETRY_AFTER:
            assert waited >= MAX_RETRY_AFTER - 5


@pytest.mark.parametrize("header", ["1e20", "inf", "nan", "-1", str(10 * 365 * 86400)])
def test_an_overload_retry_after_never_makes_a_sleep_longer_than_max_wait(header):
    def answer(request):
        if request.path == "/v1/payments":
            return Reply.json({"type": "about:blank", "detail": "Surcharge."}, 429, **{"Retry-After": header})

    with HostileServer(answer) as server:
        slept: list[float] = []
        client = server.client()
        client._sleep = slept.append
        with pytest.raises(ServerUnavailable):
            client.payments_page(None, 10)
        assert len(slept) == 4 and all(0 <= seconds <= 30 for seconds in slept), slept


# -- 17: pages and answers larger than asked -------------------------------------------------------

def test_a_page_with_more_items_than_asked_is_refused_and_nothing_is_written(tmp_path):
    def answer(request):
        if request.path == "/v1/payments":
            return Reply(body=b"".join(payments_page(int(request.query["limit"]) + 1)))

    with HostileServer(answer) as server:
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        report = SyncEngine(server.client(), store, page_size=500).sync_once()
        assert isinstance(report.errors["payments"], ProtocolError) and "501 items for 500" in str(
            report.errors["payments"])
        assert store.search_payments() == [] and store.cursor("payments") is None


def test_a_page_of_a_million_items_is_refused_with_bounded_memory(tmp_path):
    """About 200 MB of JSON for 500 items asked: refused once 16 MiB are read, never parsed."""
    def answer(request):
        if request.path == "/v1/payments":
            return Reply(body=payments_page(1_000_000))

    with HostileServer(answer) as server:
        client = server.client()
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        tracemalloc.start()
        try:
            report = SyncEngine(client, store).sync_once()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert isinstance(report.errors["payments"], ProtocolError) and "longer than" in str(report.errors["payments"])
        assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB"
        assert store.search_payments() == [] and store.cursor("payments") is None


def test_a_session_grant_without_a_time_zone_is_a_protocol_error():
    def answer(request):
        if request.path == "/v1/auth/password":
            return Reply.json({"token": "t", "expires_at": "2030-01-01T00:00:00", "kind": "password",
                               "scopes": ["payments"]})

    with HostileServer(answer) as server, pytest.raises(ProtocolError):
        server.client()


# -- 15: the engine's loop outlives every hostile answer, then converges ----------------------------

@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=20, months=2) as running:
        yield running


def maintenance(retry_after: str) -> Reply:
    return Reply.json({"type": MAINTENANCE, "detail": "Maintenance."}, 503, **{"Retry-After": retry_after})


def is_payments(request) -> bool:
    return request.method == "GET" and request.path == "/v1/payments"


def same_cursor(request) -> Reply:
    return Reply(body=b"".join(payments_page(1, next_cursor=request.query.get("cursor"), has_more=True)))


def flipping_offsets() -> Callable:
    turn = itertools.cycle(["2000", "1000"])
    return lambda request: Reply(headers={"Upload-Offset": "0" if request.method == "HEAD" else next(turn)})


# One pass each, in this order: {report key: (which requests, the hostile reply (or a function of the
# request that makes it), the error expected under that key)}. Every other request reaches the real
# back office.
PASSES = [
    {"outbox": (lambda r: r.method == "POST" and r.path == "/v1/forms/orders", Reply.json([1, 2, 3]), ProtocolError),
     "documents": (lambda r: r.path.endswith("/content"), flipping_offsets(), ProtocolError)},
    {"outbox": (lambda r: r.method == "POST" and r.path == "/v1/forms/orders", Reply.json([["a", "b"]]),
                ProtocolError)},
    *({"payments": (is_payments, maintenance(value), ServerUnavailable)}
      for value in ("1e20", "inf", "nan", "-1", str(10 * 365 * 86400), "Fri, 31 Dec 9999 23:59:59 GMT")),
    {"payments": (is_payments, Reply.json({"detail": "x"}, 503, **{"Retry-After": "1e20"}), ServerUnavailable)},
    {"payments": (is_payments, same_cursor, ProtocolError)},
    {"payments": (is_payments, lambda r: Reply(body=b"".join(payments_page(int(r.query["limit"]) + 1))),
                  ProtocolError)},
    {"payments": (is_payments, Reply(body=payments_page(100_000)), ProtocolError)},  # ~20 MB, over the 1 MiB set
    {"payments": (is_payments, Reply(body=b"".join(payments_page(2)), trickle=0.05), ProtocolError)},
    {"payments": (is_payments, Reply(body=b"[" * 100_000), ProtocolError)},
    {"payments": (is_payments, Reply(body=b"\xff\xfe\x00garbage"), ProtocolError)},
    {"payments": (is_payments, Reply(body=b"not gzip", headers={"Content-Encoding": "gzip"}), ProtocolError)},
    {"payments": (is_payments, Reply(302, headers={"Location": "http://elsewhere.example/"}), ProtocolError)},
    {"payments": (is_payments, Reply(418, b"\xff teapot"), Rejected)},
    {"payments": (is_payments, Reply.json({"type": ["x"], "detail": {"a": 1}}, 422), Rejected)},
    {"payments": (is_payments, Reply.json({"items": [payment(1) | {"id": 10**30}], "next_cursor": "x",
                                           "has_more": False}), ProtocolError)},
    {"me": (lambda r: r.path == "/v1/me", Reply(body=b'{"a": ' * 50_000), ProtocolError)},
]


def test_the_engine_outlives_every_hostile_answer_then_converges(tmp_path, backoffice, pki_dir):
    clean = Store.open(tmp_path / "clean.sqlite", VAULT)
    direct = client_for(backoffice)
    direct.sign_in_with_card(card_signer(pki_dir))
    assert SyncEngine(direct, clean).sync_once().ok

    current: list[dict] = [PASSES[0]]

    def answer(request):
        for matches, reply, _ in current[0].values():
            if matches(request):
                return reply(request) if callable(reply) else reply
        return None

    upstream = httpx.Client(base_url=backoffice.url, verify=tls_context(backoffice.ca_certificate))
    with upstream, HostileServer(answer, upstream) as server:
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        queue = DocumentQueue(tmp_path / "scans", store, VAULT, chunk_size=1000, first_delay=0.0)  # no backoff
        document = queue.add(scan(padding=5000), pages=1, invoice=awaiting(backoffice))
        order = store.enqueue("form_order", {"lines": [{"form": "feuille-soins-medecin", "quantity": 100}]})
        hostile = BackofficeClient(server.url, timeout=1.0, max_retry_after=1.0, max_answer_bytes=2**20,
                                   sleep=lambda s: None)
        hostile.sign_in_with_card(card_signer(pki_dir))  # through the proxy, to the real back office
        reports, converged = [], threading.Event()

        def on_report(report):
            reports.append(report)
            current[0] = PASSES[len(reports)] if len(reports) < len(PASSES) else {}
            if len(reports) > len(PASSES) and report.ok:
                converged.set()

        engine = SyncEngine(hostile, store, on_report=on_report, documents=queue)
        thread = threading.Thread(target=engine.run, kwargs={"interval": 0.05})
        thread.start()
        try:
            assert converged.wait(180), [r.errors for r in reports[len(PASSES):]]
        finally:
            engine.stop()
            thread.join(30)
    assert not thread.is_alive()
    for number, (expected, report) in enumerate(zip(PASSES, reports, strict=False)):
        for key, (_, _, error) in expected.items():
            assert isinstance(report.errors.get(key), error), (number, key, report.errors.get(key))
        assert all(isinstance(e, SyncError) for e in report.errors.values())
    rows = lambda s: [(p.id, p.amount_cents, p.patient_nir) for p in s.search_payments(limit=100000)]  # noqa: E731
    assert rows(store) == rows(clean)
    assert store.pending() == [] and queue.get(document.id).status == "accepted"
    assert server_count(backoffice, "SELECT count(*) FROM form_orders WHERE client_id = ?", order.client_id) == 1
