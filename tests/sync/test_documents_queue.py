"""The SCOR queue against the real back office: scans kept sealed and content-addressed, uploaded in
resumable chunks, each accepted exactly once on the server whatever interrupts the upload."""

from __future__ import annotations

import hashlib
import random
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from awaiting_invoices import awaiting_invoice
from scan_pdf import A4, scan
from test_engine import card_signer, client_for

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.ids import nir_key
from sync.backoffice.local import LocalBackoffice
from sync.backoffice.sqlite import DocumentStore, open_database
from sync.client import BackofficeClient, tls_context
from sync.documents import MISSING_FILE, DocumentQueue
from sync.engine import SyncEngine
from sync.errors import Offline
from sync.protocol.documents import DocumentDeclaration
from sync.store import MIGRATIONS, Store
from sync.vault import Vault

KEY = bytes(range(32))
VAULT = Vault(KEY)
TRIALS = 10


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=20, months=1) as running:
        yield running


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


@pytest.fixture
def queue(tmp_path, store):
    return DocumentQueue(tmp_path / "scans", store, VAULT)


def awaiting(backoffice) -> dict:
    """An invoice of the stock practice awaiting its document on ``backoffice``: what an upload needs."""
    return awaiting_invoice(backoffice.db_path, 1)


def invoice(number: int | None = None) -> dict:
    """An invoice for the queue alone (the back office awaits no document for it)."""
    base = "1850575112" + f"{secrets.randbelow(1000):03d}"
    return {"batch": "012", "number": f"{number if number is not None else secrets.randbelow(10**9):09d}",
            "nir": base + f"{nir_key(base):02d}", "date": "2026-03-02"}


def later() -> datetime:
    """A moment past any backoff of a first failure."""
    return datetime.now(timezone.utc) + timedelta(hours=2)


def server_rows(backoffice, document_id: str) -> list[tuple[str, str | None]]:
    with sqlite3.connect(backoffice.db_path) as db:
        return db.execute("SELECT status, reason FROM documents WHERE client_id = ?", (document_id,)).fetchall()


def signed_in(backoffice, pki_dir, **kwargs) -> BackofficeClient:
    client = client_for(backoffice, **kwargs)
    client.sign_in_with_card(card_signer(pki_dir))
    return client


def test_a_queued_scan_is_uploaded_by_the_engine_and_accepted(queue, store, backoffice, pki_dir, tmp_path):
    document = queue.add(scan(padding=600_000), pages=1, invoice=awaiting(backoffice))
    assert [d.id for d in queue.documents("ready")] == [document.id]
    report = SyncEngine(signed_in(backoffice, pki_dir), store, documents=queue).sync_once()
    assert report.ok, report.errors
    assert report.uploaded == 1
    done = queue.get(document.id)
    assert (done.status, done.reason, done.ack["status"]) == ("accepted", None, "accepted")
    assert done.sent_at is not None and done.invoice["nir"] == document.invoice["nir"]
    assert server_rows(backoffice, document.id) == [("accepted", None)]


def test_offline_the_scan_stays_queued_and_the_error_is_reported_as_documents(queue, store, backoffice):
    document = queue.add(scan(), pages=1, invoice=invoice())
    offline = BackofficeClient("https://127.0.0.1:9", ca_file=backoffice.ca_certificate, sleep=lambda s: None)
    offline._token = "x"  # as if signed in before the network went down
    report = SyncEngine(offline, store, documents=queue).sync_once()
    assert isinstance(report.errors["documents"], Offline) and report.uploaded == 0
    assert queue.get(document.id).status == "ready"


def test_a_150_dpi_scan_is_rejected_with_the_servers_reason(queue, backoffice, pki_dir):
    document = queue.add(scan(dpi=150), pages=1, invoice=awaiting(backoffice))
    assert queue.upload_pending(signed_in(backoffice, pki_dir)) == 1
    rejected = queue.get(document.id)
    assert rejected.status == "rejected"
    assert rejected.reason == "Le scan de la page 1 est à 150 ppp : 200 ppp au moins sont exigés."
    assert queue.documents("rejected") == [rejected]


def test_a_refused_declaration_is_kept_rejected_with_the_servers_reason(queue, backoffice, pki_dir):
    wrong_key = {**invoice(), "nir": "185057511212300"}  # the key of this NIR is not 00
    document = queue.add(scan(), pages=1, invoice=wrong_key)
    assert queue.upload_pending(signed_in(backoffice, pki_dir)) == 1
    refused = queue.get(document.id)
    assert refused.status == "rejected" and refused.reason and refused.ack["type"].endswith("invalid-nir")
    assert server_rows(backoffice, document.id) == []


def test_identical_scans_are_stored_once_sealed_without_plaintext(queue, tmp_path):
    pdf = scan(marker="MARQUEUR-EN-CLAIR-4242")
    first = queue.add(pdf, pages=1, invoice=invoice(1))
    second = queue.add(pdf, pages=1, invoice=invoice(2))
    assert first.id != second.id and first.sha256 == second.sha256
    files = list((tmp_path / "scans").iterdir())
    assert [f.name for f in files] == [first.sha256]
    raw = files[0].read_bytes()
    assert b"MARQUEUR-EN-CLAIR" not in raw and b"%PDF" not in raw
    assert queue.read(first) == queue.read(second) == pdf
    with sqlite3.connect(tmp_path / "store.sqlite") as db:  # the NIR is sealed in the row too
        assert first.invoice["nir"].encode() not in b"".join(
            bytes(v) for v, in db.execute("SELECT invoice_nir FROM documents"))


def test_leftovers_are_reconciled_on_open(tmp_path):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    queue = DocumentQueue(tmp_path / "scans", store, VAULT)
    kept = queue.add(scan(marker="a"), pages=1, invoice=invoice())
    lost = queue.add(scan(marker="b"), pages=1, invoice=invoice())
    (tmp_path / "scans" / lost.sha256).unlink()  # the file of a row is gone
    (tmp_path / "scans" / ("0" * 64)).write_bytes(b"sealed, but its row never committed")
    (tmp_path / "scans" / ("1" * 64 + ".tmp-abcd")).write_bytes(b"half written")
    again = DocumentQueue(tmp_path / "scans", store, VAULT)
    assert sorted(p.name for p in (tmp_path / "scans").iterdir()) == [kept.sha256]
    assert again.get(lost.id).status == "failed" and again.get(lost.id).reason == MISSING_FILE
    assert again.get(kept.id).status == "ready"
    store.close()


def test_a_008_store_keeps_the_code_of_a_lost_scan_instead_of_a_french_sentence(tmp_path):
    path = tmp_path / "store.sqlite"
    old = Store.open(path, VAULT, migrations=MIGRATIONS[:8])
    with old.database.transaction() as tx:  # rows as version 008 wrote them
        for document_id in ("lost", "refused"):
            tx.execute("INSERT INTO documents (id, sha256, size, pages, invoice_batch, invoice_number, invoice_date, "
                       "invoice_nir, status, created_at) VALUES (?, ?, 1, 1, '012', '000000001', '2026-03-02', ?, "
                       "'queued', '2026-03-02T10:00:00+00:00')",
                       (document_id, "0" * 64, VAULT.seal_text(invoice()["nir"], f"documents/{document_id}")))
    old.close()
    lost, refused = SimpleNamespace(id="lost"), SimpleNamespace(id="refused")
    said_by_008 = ("Le fichier du scan est introuvable sur ce poste : il ne peut pas être envoyé. "
                   "Scannez de nouveau la feuille de soins et ajoutez-la à l'envoi.")
    servers = "Le scan de la page 1 est à 150 ppp : 200 ppp au moins sont exigés."
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("UPDATE documents SET status = 'failed', reason = ? WHERE id = ?", (said_by_008, lost.id))
        raw.execute("UPDATE documents SET status = 'rejected', reason = ? WHERE id = ?", (servers, refused.id))
    raw.close()
    upgraded = Store.open(path, VAULT)
    again = DocumentQueue(tmp_path / "scans", upgraded, VAULT)
    assert again.get(lost.id).reason == MISSING_FILE == "scan-file-missing"
    assert again.get(refused.id).reason == servers  # the server's voice stays
    upgraded.close()


def test_a_scan_folder_left_readable_is_made_private_on_open(queue, store, tmp_path):
    folder = tmp_path / "scans"
    kept = queue.add(scan(marker="a"), pages=1, invoice=invoice())
    folder.chmod(0o755)  # as an older version, or a restored copy, left them
    (folder / kept.sha256).chmod(0o644)
    DocumentQueue(folder, store, VAULT)
    assert (oct(folder.stat().st_mode & 0o777), oct((folder / kept.sha256).stat().st_mode & 0o777)) == \
        ("0o700", "0o600")


class _CutAfter(httpx.HTTPTransport):
    """The network goes down after ``puts`` chunk uploads (every later request fails)."""

    def __init__(self, puts: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.puts, self.sent = puts, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            if self.sent >= self.puts:
                raise httpx.ConnectError("network down")
            self.sent += 1
        return super().handle_request(request)


def test_an_interrupted_upload_resumes_from_the_servers_offset(tmp_path, backoffice, pki_dir):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    queue = DocumentQueue(tmp_path / "scans", store, VAULT, chunk_size=64 * 1024)
    document = queue.add(scan(padding=500_000), pages=1, invoice=awaiting(backoffice))
    assert queue.held_bytes(document.id) is None  # no upload yet: no progress to show
    cut = _CutAfter(3, verify=tls_context(backoffice.ca_certificate))
    with pytest.raises(Offline):
        queue.upload_pending(signed_in(backoffice, pki_dir, transport=cut))
    assert queue.get(document.id).status == "sending"
    assert 0 < queue.held_bytes(document.id) < document.size  # the progress the window shows
    client = signed_in(backoffice, pki_dir, transport=(counting := _CutAfter(10**6, verify=tls_context(
        backoffice.ca_certificate))))
    assert client.document_offset(document.id) == 3 * 64 * 1024
    assert queue.upload_pending(client) == 0  # backing off
    assert queue.upload_pending(client, now=later()) == 1
    chunks = -(-document.size // (64 * 1024))
    assert counting.sent == chunks - 3  # only what the server did not hold
    assert queue.get(document.id).status == "accepted" and queue.held_bytes(document.id) == document.size
    assert server_rows(backoffice, document.id) == [("accepted", None)]
    store.close()


_UPLOADER = r"""
import sys
from pathlib import Path
from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from sync.client import BackofficeClient
from sync.documents import DocumentQueue
from sync.store import MIGRATIONS, Store
from sync.vault import Vault

url, ca, pki, folder = sys.argv[1:5]
card = EmulatorTransport(card_from_spec("cps", Path(pki)))
cps.select_application(card)
cps.verify_pin(card, "1234")
certificate = cps.read_certificate(card, Key.AUTHENTICATION)
client = BackofficeClient(url, ca_file=Path(ca))
client.sign_in_with_card(lambda challenge: (certificate, cps.authenticate(card, challenge)))
vault = Vault(bytes(range(32)))
queue = DocumentQueue(Path(folder) / "scans", Store.open(Path(folder) / "store.sqlite", vault), vault,
                      chunk_size=128 * 1024)
send_chunk = client.put_document_chunk


def send_and_tell(*args, **kwargs):
    answer = send_chunk(*args, **kwargs)
    print("chunk", flush=True)  # so the test can kill after a chosen number of chunks, whatever the machine's speed
    return answer


client.put_document_chunk = send_and_tell
print("uploading", flush=True)
queue.upload_pending(client)
sys.exit(0 if not queue.documents("ready") + queue.documents("sending") else 3)
"""


def _run(backoffice, pki_dir, folder: Path, kill_after: tuple[int, float] | None) -> int | None:
    """Run the uploader; with ``kill_after=(chunks, seconds)``, kill -9 it that long after its ``chunks``-th
    chunk was received (None when killed, else its exit status). Counting chunks, not seconds since start,
    makes the kills fall mid-upload on a fast machine and on a loaded one alike."""
    child = subprocess.Popen([sys.executable, "-c", _UPLOADER, backoffice.url, str(backoffice.ca_certificate),
                              str(pki_dir), str(folder)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return child.wait(timeout=300)
    assert child.stdout.readline() == b"uploading\n"
    chunks, delay = kill_after
    for _ in range(chunks):
        if child.stdout.readline() != b"chunk\n":  # it ended first
            return child.wait(timeout=300)
    try:
        return child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        return None


def test_kill_9_while_uploading_loses_nothing_and_sends_nothing_twice(tmp_path, backoffice, pki_dir):
    rng = random.Random(20261128)
    ids: list[str] = []
    killed = midway = 0
    for trial in range(TRIALS):
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        queue = DocumentQueue(tmp_path / "scans", store, VAULT)
        ids += [queue.add(scan(marker=f"essai {trial}.{n}", padding=1_000_000), pages=1,
                          invoice=awaiting(backoffice)).id
                for n in range(3)]
        store.close()
        killed += _run(backoffice, pki_dir, tmp_path, kill_after=(rng.randint(1, 20), rng.uniform(0.0, 0.05))) is None
        with sqlite3.connect(backoffice.db_path) as db:  # killed with a document half received?
            midway += db.execute("SELECT count(*) FROM documents WHERE received BETWEEN 1 AND size - 1 "
                                 f"AND client_id IN ({','.join('?' * len(ids))})", ids).fetchone()[0] > 0
    assert killed >= TRIALS // 2, "most trials must really be killed mid-upload"
    assert midway >= 2, "some kills must fall between two chunks of a document"
    assert _run(backoffice, pki_dir, tmp_path, kill_after=None) == 0  # the restart after the last crash

    for document_id in ids:
        assert server_rows(backoffice, document_id) == [("accepted", None)], document_id
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    queue = DocumentQueue(tmp_path / "scans", store, VAULT)
    assert sorted(d.id for d in queue.documents("accepted")) == sorted(ids) == sorted(d.id for d in queue.documents())
    assert len(list((tmp_path / "scans").iterdir())) == len(ids)  # every scan kept, no leftovers
    with sqlite3.connect(tmp_path / "store.sqlite") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_an_upload_the_server_expired_is_declared_again_and_sent_whole(tmp_path, backoffice, pki_dir):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    queue = DocumentQueue(tmp_path / "scans", store, VAULT, chunk_size=64 * 1024)
    document = queue.add(scan(padding=300_000), pages=1, invoice=awaiting(backoffice))
    with pytest.raises(Offline):
        queue.upload_pending(signed_in(backoffice, pki_dir, transport=_CutAfter(
            2, verify=tls_context(backoffice.ca_certificate))))
    assert queue.get(document.id).status == "sending"
    # two days without news of it: the back office's own purge, on its files, with its clock moved on
    two_days_on = time.time() + 48 * 3600 + 60
    server = DocumentStore(open_database(backoffice.db_path), backoffice.workdir / "documents", lambda: two_days_on)
    server.purge_expired()
    assert server_rows(backoffice, document.id) == []
    client = signed_in(backoffice, pki_dir, transport=(counting := _CutAfter(10**6, verify=tls_context(
        backoffice.ca_certificate))))
    assert queue.upload_pending(client, now=later()) == 1
    assert counting.sent == -(-document.size // (64 * 1024))  # every chunk again, from byte 0
    assert queue.get(document.id).status == "accepted"
    assert server_rows(backoffice, document.id) == [("accepted", None)]
    store.close()


def test_past_the_practices_cap_a_scan_stays_queued_until_there_is_room(tmp_path, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,), patients=20,
                         months=1, extra_args=("--unfinished-uploads", "1")) as capped:
        client = signed_in(capped, pki_dir)
        # another workstation of the practice has an upload under way
        other = scan(A4, 300)
        busy = DocumentDeclaration(id="other-workstation", sha256=hashlib.sha256(other).hexdigest(), size=len(other),
                                   pages=1, invoice=awaiting(capped))
        client.declare_document(busy)
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        queue = DocumentQueue(tmp_path / "scans", store, VAULT)
        document = queue.add(scan(), pages=1, invoice=awaiting(capped))
        assert queue.upload_pending(client) == 0
        waiting = queue.get(document.id)
        assert (waiting.status, waiting.reason) == ("ready", None)  # not refused: it waits
        client.put_document_chunk(busy.id, other, 0, len(other))
        assert client.complete_document(busy.id).status == "accepted"
        assert queue.upload_pending(client) == 1
        assert queue.get(document.id).status == "accepted"
        store.close()
