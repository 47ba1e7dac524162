"""The client and the sync engine against the real back office (uvicorn over HTTPS on loopback),
signed in with an emulated CPS, storing into a real SQLite file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from hostile import HostileServer, Request
from signing import card_signer

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from desktop_app.threads import SyncThread
from sync.backoffice.local import LocalBackoffice
from sync.client import BackofficeClient, tls_context
from sync.engine import DOMAINS, SyncEngine
from sync.errors import Offline, ProtocolError, ServerUnavailable, SessionExpired
from sync.patients import PatientSituations
from sync.store import Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=120, months=6) as running:
        yield running


def client_for(backoffice, **kwargs) -> BackofficeClient:
    return BackofficeClient(backoffice.url, ca_file=backoffice.ca_certificate, workstation="poste-test",
                            sleep=lambda seconds: None, **kwargs)


def server_count(backoffice, sql: str, *args) -> int:
    with sqlite3.connect(backoffice.db_path) as db:
        return db.execute(sql, args).fetchone()[0]


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live WAL database (its last commits may still be in the -wal file)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def gp_payments(backoffice) -> int:
    return server_count(backoffice, "SELECT count(*) FROM payments p JOIN professionals d ON d.id = "
                                    "p.professional_id WHERE d.am_number = '751123456'")


def test_first_then_incremental_sync(tmp_path, backoffice, pki_dir):
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    report = SyncEngine(client, store, page_size=25).sync_once()
    assert report.ok, report.errors
    assert report.applied["payments"] == gp_payments(backoffice) > 50  # several pages
    assert len(store.search_payments(limit=100000)) == gp_payments(backoffice)
    name = store.search_payments(limit=1, patient=None)[0]
    again = SyncEngine(client, store).sync_once()
    assert {domain: again.applied[domain] for domain in ("payments", "rejects", "orders", "messages")} == \
        {"payments": 0, "rejects": 0, "orders": 0, "messages": 0}
    if name.patient_name:
        assert store.search_payments(patient=name.patient_name.split()[0], limit=100000)


def test_the_card_session_is_renewed_by_the_card_not_a_pin(tmp_path, backoffice, pki_dir):
    now = [time.time()]
    client = client_for(backoffice, clock=lambda: now[0])
    signer = card_signer(pki_dir)
    client.sign_in_with_card(signer)
    assert len(signer.calls) == 1
    now[0] += 9.5 * 60  # within a minute of the proof being due: the next request proves presence
    client.payments_page(None, 1)
    assert len(signer.calls) == 2
    client.sign_out()
    with pytest.raises(SessionExpired):
        client.payments_page(None, 1)


def test_a_card_session_due_is_renewed_once_for_all_the_fetchers(tmp_path, backoffice, pki_dir):
    """The fetchers all find the session due at once: one renewal, one signature, never two at a time."""
    now = [time.time()]
    client = client_for(backoffice, clock=lambda: now[0])
    signer, signing, most = card_signer(pki_dir), [0], [0]
    guard = threading.Lock()

    def sign(challenge: bytes) -> tuple[bytes, bytes]:
        with guard:
            signing[0] += 1
            most[0] = max(most[0], signing[0])
        try:
            return signer(challenge)
        finally:
            with guard:
                signing[0] -= 1

    client.sign_in_with_card(sign)
    # the client renews a minute before the proof is due: exactly then, so that the renewal (its due
    # time later than the sign-in's) makes the session no longer due for the other threads
    now[0] = client.grant.expires_at.timestamp() - 60
    report = SyncEngine(client, Store.open(tmp_path / "store.sqlite", VAULT), fetchers=3).sync_once()
    assert report.ok, report.errors
    assert len(signer.calls) == 2 and most[0] == 1  # the sign-in and one renewal


def eventually(condition, within: float = 120.0) -> None:
    """Wait until ``condition()`` holds, failing the test after ``within`` seconds."""
    deadline, pause = time.monotonic() + within, threading.Event()
    while not condition():
        assert time.monotonic() < deadline, f"not true after {within} s"
        pause.wait(0.05)


def test_a_slow_domain_does_not_hold_the_others_back(tmp_path, backoffice, pki_dir):
    """The back office's /v1/messages (through a proxy in front of it) answers only once every other
    domain is in the store: they are fetched and applied without waiting for it."""
    held, release = threading.Event(), threading.Event()

    def answer(request):
        if request.method == "GET" and request.path == "/v1/messages":
            held.set()
            release.wait(300)
        return None  # to the real back office

    path = tmp_path / "store.sqlite"
    others = [domain.name for domain in DOMAINS if domain.name != "messages"]
    upstream = httpx.Client(base_url=backoffice.url, verify=tls_context(backoffice.ca_certificate))
    with upstream, HostileServer(answer, upstream) as server:
        client = BackofficeClient(server.url, sleep=lambda seconds: None)
        client.sign_in_with_card(card_signer(pki_dir))
        store, reports = Store.open(path, VAULT), []
        reader = Store.open(path, VAULT)  # the screens' view of the same file
        engine = SyncEngine(client, store, page_size=25)
        thread = threading.Thread(target=lambda: reports.append(engine.sync_once()))
        thread.start()
        try:
            eventually(lambda: held.is_set() and all(reader.as_of(name) for name in others) and
                       len(reader.search_payments(limit=10**6)) == gp_payments(backoffice))
            assert reader.as_of("messages") is None and thread.is_alive() and not reports  # still waiting
        finally:
            release.set()
            thread.join(120)
    (report,) = reports
    assert report.ok, report.errors
    assert report.applied["messages"] == len(reader.threads()) > 0 and reader.as_of("messages")


def test_offline_edits_are_pushed_once_when_the_server_returns(tmp_path, backoffice, pki_dir):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    item = store.enqueue("form_order", {"lines": [{"form": "feuille-soins-medecin", "quantity": 100}]})
    offline = BackofficeClient("https://127.0.0.1:9", ca_file=backoffice.ca_certificate, sleep=lambda s: None)
    offline._token = "x"  # as if signed in before the network went down
    report = SyncEngine(offline, store).sync_once()
    assert isinstance(report.errors["outbox"], Offline) and store.pending() == [item]
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    # a crash after the POST and before the item was marked: the same client id is sent again
    client.post("/v1/forms/orders", {"client_id": item.client_id, **item.payload})
    report = SyncEngine(client, store).sync_once()
    assert report.sent == 1 and store.pending() == []
    assert server_count(backoffice, "SELECT count(*) FROM form_orders WHERE client_id = ?", item.client_id) == 1


def test_an_item_that_never_left_may_still_be_revised(tmp_path, backoffice):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    item = store.enqueue("form_order", {"lines": [{"form": "feuille-soins-medecin", "quantity": 100}]})
    refused = BackofficeClient("https://127.0.0.1:9", ca_file=backoffice.ca_certificate, sleep=lambda s: None)
    refused._token = "x"
    report = SyncEngine(refused, store).sync_once()
    assert not report.errors["outbox"].may_have_arrived  # no connection: the order never left
    assert store.revise_pending(item, {"lines": [{"form": "feuille-soins-medecin", "quantity": 150}]})

    report = SyncEngine(refused, store).sync_once()  # tried again: still revisable, then sent as revised
    assert store.revise_pending(item, {"lines": [{"form": "feuille-soins-medecin", "quantity": 200}]})
    assert [i.payload["lines"][0]["quantity"] for i in store.pending()] == [200]


def test_an_account_blocked_by_the_fund_ends_the_session_and_the_loop(tmp_path, pki_dir):
    """The back office ends a blocked account's sessions and answers 403 account-blocked from then on: the
    client takes it as the session's end (the window locks), not as a domain refused pass after pass."""
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as running:
        client = client_for(running)
        client.sign_in_with_card(card_signer(pki_dir))
        engine = SyncEngine(client, Store.open(tmp_path / "store.sqlite", VAULT))
        assert engine.sync_once().ok
        subprocess.run([sys.executable, "-m", "sync.backoffice.cli", "block", "--db", str(running.db_path),
                        "--national-id", STOCK_CARDS["cps"].holder.national_id], check=True, capture_output=True)
        report = engine.sync_once()
        assert report.errors and all(isinstance(error, SessionExpired) for error in report.errors.values())
        assert {error.problem.slug for error in report.errors.values()} == {"account-blocked"}
        ended = threading.Thread(target=engine.run, kwargs={"interval": 3600})
        ended.start()
        ended.join(30)
        assert not ended.is_alive()  # run() returned: the app signs in again (or not) and starts a new engine


def test_maintenance_opens_the_circuit_until_the_announced_time(tmp_path, pki_dir):
    faults = tmp_path / "faults.toml"
    start = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 10))
    end = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 3600))
    faults.write_text(f'maintenance = [{{start = "{start}", end = "{end}"}}]\n')
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1, extra_args=("--faults", str(faults))) as running:
        sent = []
        transport = httpx.HTTPTransport(verify=False)

        class Counting(httpx.BaseTransport):
            def handle_request(self, request):
                sent.append(request.url.path)
                return transport.handle_request(request)

        client = BackofficeClient(running.url, transport=Counting(), sleep=lambda s: None)
        with pytest.raises(ServerUnavailable) as first:
            client.sign_in_with_card(card_signer(pki_dir))
        assert first.value.until is not None
        with pytest.raises(ServerUnavailable):
            client.sign_in_with_card(card_signer(pki_dir))
        assert len(sent) == 1  # the second call did not reach the server


def test_random_failures_converge_to_the_clean_store(tmp_path, backoffice, pki_dir):
    faults = tmp_path / "faults.toml"
    faults.write_text("fail_share = 0.3\nseed = 4\n")
    clean = Store.open(tmp_path / "clean.sqlite", VAULT)
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    assert SyncEngine(client, clean, page_size=100).sync_once().ok
    flaky_office = LocalBackoffice(tmp_path / "flaky", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                                   seeded=False, extra_args=("--faults", str(faults)))
    flaky_office.workdir.mkdir()
    copy_database(backoffice.db_path, flaky_office.db_path)
    with flaky_office:
        flaky = client_for(flaky_office, max_attempts=8)
        for _ in range(10):
            try:
                flaky.sign_in_with_card(card_signer(pki_dir))
                break
            except ServerUnavailable:
                continue
        store = Store.open(tmp_path / "flaky.sqlite", VAULT)
        engine = SyncEngine(flaky, store, page_size=100)
        for _ in range(20):
            if engine.sync_once().ok:
                break
    rows = lambda s: [(p.id, p.amount_cents, p.patient_nir) for p in s.search_payments(limit=100000)]  # noqa: E731
    assert rows(store) == rows(clean)


def test_a_garbage_answer_is_a_protocol_error_and_writes_nothing(tmp_path):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/auth/password":
            return httpx.Response(200, json={"token": "t", "expires_at": "2030-01-01T00:00:00Z",
                                             "kind": "password", "scopes": ["payments"]})
        return httpx.Response(200, content=b'{"items": [{"id": 1, "seq": "not a number"}]')

    client = BackofficeClient("http://backoffice.test", transport=httpx.MockTransport(handler))
    client.sign_in_with_password("751123456", "Tilleul2026")
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    report = SyncEngine(client, store).sync_once()
    assert isinstance(report.errors["payments"], ProtocolError)
    assert store.search_payments() == [] and store.cursor("payments") is None


def test_run_stops_promptly(tmp_path, backoffice, pki_dir):
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    reports = []
    engine = SyncEngine(client, Store.open(tmp_path / "s.sqlite", VAULT), on_report=reports.append)
    thread = threading.Thread(target=engine.run, kwargs={"interval": 3600})
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not reports and time.monotonic() < deadline:
            thread.join(0.05)
    finally:
        engine.stop()
        thread.join(5)
    assert reports and not thread.is_alive()


def test_after_a_maintenance_window_the_engine_catches_up_by_itself(tmp_path, backoffice, pki_dir):
    """Signed in before the window; during it every domain reports the announced end; the running
    engine waits that long, then converges to the same store as a clean sync."""
    clean = Store.open(tmp_path / "clean.sqlite", VAULT)
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    assert SyncEngine(client, clean).sync_once().ok

    faults = tmp_path / "faults.toml"
    office = LocalBackoffice(tmp_path / "maint", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                             seeded=False, extra_args=("--faults", str(faults)))
    office.workdir.mkdir()
    copy_database(backoffice.db_path, office.db_path)
    # The window must still be open when the server has started and the engine asks: on a loaded
    # machine (load 8 on 2 cores) the start alone took up to 8 s.
    start = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 1))
    end = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 20))
    faults.write_text(f'maintenance = [{{start = "{start}", end = "{end}"}}]\n')
    with office:
        maintained = BackofficeClient(office.url, ca_file=office.ca_certificate)
        maintained._token = client._token  # the session opened before the window (same database)
        maintained._expires_at = client._expires_at
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        reports = []
        done = threading.Event()

        def on_report(report):
            reports.append(report)
            if report.ok:
                done.set()

        engine = SyncEngine(maintained, store, on_report=on_report)
        thread = threading.Thread(target=engine.run, kwargs={"interval": 3600})
        thread.start()
        try:
            assert done.wait(60), [r.errors for r in reports]
        finally:
            engine.stop()
            thread.join(5)
    assert isinstance(reports[0].errors["payments"], ServerUnavailable) and reports[0].errors["payments"].until
    rows = lambda s: [(p.id, p.amount_cents) for p in s.search_payments(limit=100000)]  # noqa: E731
    assert rows(store) == rows(clean)


def test_a_patient_situation_is_read_live_and_kept_for_offline_use(tmp_path, backoffice, pki_dir):
    with sqlite3.connect(backoffice.db_path) as server:
        nir, treating = server.execute(
            "SELECT p.nir, d.am_number = '751123456' FROM patients p LEFT JOIN professionals d "
            "ON d.id = p.treating_doctor_id WHERE p.practice_id = 1 ORDER BY p.id LIMIT 1").fetchone()
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    live = PatientSituations(client, store).lookup(nir)
    assert live.live and live.situation.nir == nir and live.situation.treating_doctor.is_you == bool(treating)

    offline = BackofficeClient("https://127.0.0.1:9", ca_file=backoffice.ca_certificate, sleep=lambda s: None)
    offline._token = "x"
    spaced = f"{nir[:1]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    cached = PatientSituations(offline, store).lookup(spaced)
    assert not cached.live and cached.situation == live.situation and cached.read_at == live.read_at
    store.close()
    assert nir.encode() not in b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    with pytest.raises(Offline):  # never read before: nothing to show offline
        PatientSituations(offline, Store.open(tmp_path / "other.sqlite", VAULT)).lookup(nir)


def test_a_wake_starts_the_next_pass_at_once_and_wakes_during_a_pass_make_one_more(tmp_path, backoffice, pki_dir):
    """With an hour between passes, a wake brings the next one at once; three wakes while a pass runs
    (sent from its report, which the pass delivers before it ends) make one more pass, not three."""
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    passes = [threading.Event() for _ in range(4)]
    reports = []

    def on_report(report):
        reports.append(report)
        passes[len(reports) - 1].set()
        if len(reports) == 2:
            for _ in range(3):
                engine.wake()

    engine = SyncEngine(client, Store.open(tmp_path / "s.sqlite", VAULT), on_report=on_report)
    thread = threading.Thread(target=engine.run, kwargs={"interval": 3600})
    thread.start()
    try:
        assert passes[0].wait(60)
        engine.wake()
        assert passes[1].wait(60) and passes[2].wait(60)
    finally:  # a fourth pass would start right after the third's report, before this stop
        engine.stop()
        thread.join(30)
    assert not thread.is_alive() and len(reports) == 3 and all(report.ok for report in reports)


def test_a_secretary_s_sync_thread_asks_only_what_was_delegated(tmp_path, backoffice, pki_dir):
    """The CPE card delegated only ``payments``: its grant says so, the sync thread's engine asks that
    domain alone (the back office, behind a recording proxy, sees no other) and its report is clean;
    "sync now" makes the next pass at once."""
    secretary = STOCK_CARDS["cpe"].holder.national_id
    with sqlite3.connect(backoffice.db_path) as db:
        delegated = db.execute("SELECT rowid, scopes FROM delegations WHERE delegate_national_id = ?",
                               (secretary,)).fetchall()
        assert delegated and all("payments" in scopes.split() for _, scopes in delegated)
        db.execute("UPDATE delegations SET scopes = 'payments' WHERE delegate_national_id = ?", (secretary,))
    asked: list[Request] = []

    def answer(request: Request):
        asked.append(request)
        return None  # to the real back office

    upstream = httpx.Client(base_url=backoffice.url, verify=tls_context(backoffice.ca_certificate))
    try:
        with upstream, HostileServer(answer, upstream) as server:
            client = BackofficeClient(server.url, sleep=lambda seconds: None)
            assert client.sign_in_with_card(card_signer(pki_dir, "cpe")).scopes == ["payments"]
            reports, passes = [], [threading.Event(), threading.Event()]

            def on_report(report):
                reports.append(report)
                passes[min(len(reports), 2) - 1].set()

            sync = SyncThread(client, Store.open(tmp_path / "store.sqlite", VAULT), on_report=on_report,
                              interval=3600)
            sync.start()
            try:
                assert passes[0].wait(60)
                sync.sync_now()
                assert passes[1].wait(60)
            finally:
                sync.stop()
                assert sync.join(30)
    finally:
        with sqlite3.connect(backoffice.db_path) as db:
            db.executemany("UPDATE delegations SET scopes = ? WHERE rowid = ?",
                           [(scopes, rowid) for rowid, scopes in delegated])
    first = reports[0]
    assert first.ok, first.errors
    assert set(first.applied) == {"payments"} and first.applied["payments"] > 0
    data = {request.path for request in asked if not request.path.startswith("/v1/auth/")}
    assert data == {"/v1/payments"}, data
