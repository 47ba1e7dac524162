"""From the copier's scan folder (or an import) to "accepted" against the real back office on loopback:
the ingest glue, kill -9 at random moments during capture and upload, a back office failing 30% of
requests, and a maintenance window."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import img2pdf
import pytest
from capture_samples import awaited, plain_normalise, sheet
from test_documents_queue import awaiting, server_rows
from test_engine import card_signer, client_for

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.capture.files import inspect_file
from sync.capture.ingest import Ingest
from sync.capture.quarantine import REASON_SUFFIX
from sync.capture.watch import ScanFolder, content_key
from sync.documents import DocumentQueue
from sync.errors import ServerUnavailable, SyncError
from sync.store import Store
from sync.vault import Vault, write_private

VAULT = Vault(bytes(range(32)))
KILLS = 50
HERE = Path(__file__).parent


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def backoffice_with(workdir: Path, pki_dir: Path, faults: str | None = None) -> LocalBackoffice:
    card_from_spec("cps", pki_dir)
    extra: tuple[str, ...] = ()
    if faults is not None:
        (workdir / "faults.toml").parent.mkdir(parents=True, exist_ok=True)
        (workdir / "faults.toml").write_text(faults)
        extra = ("--faults", str(workdir / "faults.toml"))
    return LocalBackoffice(workdir, trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,), patients=20,
                           months=1, extra_args=extra)


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    with backoffice_with(tmp_path_factory.mktemp("bo"), pki_dir) as running:
        yield running


def signed_in(backoffice, pki_dir, **kwargs):
    """A client signed in with the card, however many attempts a failing back office takes."""
    for _ in range(30):
        client = client_for(backoffice, **kwargs)
        try:
            client.sign_in_with_card(card_signer(pki_dir))
            return client
        except SyncError:
            continue
    raise AssertionError("could not sign in")


def server_object(backoffice, sha256: str) -> bytes:
    return (backoffice.workdir / "documents" / "objects" / sha256[:2] / sha256).read_bytes()


def ingest_in(tmp_path: Path, store: Store, clock: Clock | None = None) -> tuple[Ingest, DocumentQueue]:
    queue = DocumentQueue(tmp_path / "sealed", store, VAULT)
    folder = ScanFolder(tmp_path / "in", tmp_path / "archive", tmp_path / "journal.json", settle_seconds=3.0,
                        clock=clock or Clock())
    return Ingest(queue, folder, tmp_path / "quarantine", normaliser=plain_normalise, inspector=inspect_file), queue


def test_the_scan_folder_becomes_drafts_refused_files_go_to_quarantine(tmp_path):
    (tmp_path / "in").mkdir()
    jpeg, png = sheet(1), sheet(2, "PNG")
    (tmp_path / "in" / "SCN_0001.jpg").write_bytes(jpeg)
    (tmp_path / "in" / "SCN_0002.png").write_bytes(png)
    (tmp_path / "in" / "notes.txt").write_bytes(b"not a scan at all")
    store, clock = Store.open(tmp_path / "store.sqlite", VAULT), Clock()
    ingest, queue = ingest_in(tmp_path, store, clock)
    assert ingest.poll().added == []  # not settled yet
    clock.now += 3
    report = ingest.poll()
    assert len(report.added) == 2 and report.quarantined == [("notes.txt", "not-a-scan")]
    drafts = {d.source_name: d for d in queue.documents("draft")}
    assert sorted(drafts) == ["SCN_0001.jpg", "SCN_0002.png"]
    assert jpeg in queue.read(drafts["SCN_0001.jpg"])  # embedded as it was
    assert drafts["SCN_0001.jpg"].origin_key == content_key(tmp_path / "archive" / "SCN_0001.jpg")
    assert list((tmp_path / "in").iterdir()) == []
    assert (tmp_path / "quarantine" / "notes.txt").read_bytes() == b"not a scan at all"
    assert "reason: not-a-scan" in (tmp_path / "quarantine" / ("notes.txt" + REASON_SUFFIX)).read_text()
    # the same sheet again (a copier's second copy, same name): taken once
    (tmp_path / "in" / "SCN_0001.jpg").write_bytes(jpeg)
    clock.now += 3
    ingest.poll()
    clock.now += 3
    assert ingest.poll().added == [] and len(queue.documents()) == 2
    # an import of a file already sealed is known; a new one is a draft and stays where it is
    elsewhere = tmp_path / "desk"
    elsewhere.mkdir()
    (elsewhere / "copie.jpg").write_bytes(jpeg)
    (elsewhere / "autre.jpg").write_bytes(sheet(3))
    (elsewhere / "vide.pdf").write_bytes(b"")
    report = ingest.import_files([elsewhere / "copie.jpg", elsewhere / "autre.jpg", elsewhere / "vide.pdf"])
    assert (report.known, len(report.added), report.quarantined) == (["copie.jpg"], 1, [("vide.pdf", "empty")])
    assert sorted(p.name for p in elsewhere.iterdir()) == ["autre.jpg", "copie.jpg", "vide.pdf"]
    store.close()


def test_by_default_the_pipelines_bounded_inspection_and_normaliser_make_the_draft(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.png").write_bytes(sheet(7, "PNG", blank=True))
    store, clock = Store.open(tmp_path / "store.sqlite", VAULT), Clock()
    queue = DocumentQueue(tmp_path / "sealed", store, VAULT)
    ingest = Ingest(queue, ScanFolder(tmp_path / "in", tmp_path / "archive", tmp_path / "journal.json",
                                      settle_seconds=3.0, clock=clock), tmp_path / "quarantine")
    ingest.poll()
    clock.now += 3
    [document_id] = ingest.poll().added
    document = queue.get(document_id)
    assert (document.pages, document.flags) == (1, (frozenset({"nearly-white"}),))  # the page's flag, kept
    assert queue.read(document).startswith(b"%PDF")
    store.close()


def test_a_file_the_normaliser_cannot_take_goes_to_quarantine_and_an_unreadable_one_waits(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tiny.jpg").write_bytes(sheet(6))
    store, clock = Store.open(tmp_path / "store.sqlite", VAULT), Clock()
    ingest, queue = ingest_in(tmp_path, store, clock)

    def refuses(path, inspection):
        raise ValueError("smaller than A5")

    ingest._normalise = refuses
    ingest.poll()
    clock.now += 3
    assert ingest.poll().quarantined == [("tiny.jpg", "corrupt")]
    assert "not normalised: smaller than A5" in (tmp_path / "quarantine" / ("tiny.jpg" + REASON_SUFFIX)).read_text()
    report = ingest.import_files([tmp_path / "nowhere.jpg"])
    assert [name for name, _ in report.unreadable] == ["nowhere.jpg"] and queue.documents() == []
    store.close()


def test_an_archiving_that_fails_does_not_stop_the_poll_and_is_finished_later(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    for n in range(2):
        (tmp_path / "in" / f"SCN_{n}.jpg").write_bytes(sheet(10 + n))
    store, clock = Store.open(tmp_path / "store.sqlite", VAULT), Clock()
    ingest, queue = ingest_in(tmp_path, store, clock)
    place = ScanFolder._place
    monkeypatch.setattr(ScanFolder, "_place", lambda self, source, target: (_ for _ in ()).throw(OSError("share gone")))
    ingest.poll()
    clock.now += 3
    assert len(ingest.poll().added) == 2  # both sealed, though neither could be archived
    monkeypatch.setattr(ScanFolder, "_place", place)
    clock.now += 3
    assert ingest.poll().added == []
    assert list((tmp_path / "in").iterdir()) == [] and len(list((tmp_path / "archive").iterdir())) == 2
    assert len(queue.documents()) == 2
    store.close()


def test_a_capture_cut_between_sealing_and_archiving_is_not_sealed_twice(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "SCN_0001.jpg").write_bytes(sheet(4))
    store, clock = Store.open(tmp_path / "store.sqlite", VAULT), Clock()
    ingest, queue = ingest_in(tmp_path, store, clock)
    ingest._folder.done = lambda arrival, name: (_ for _ in ()).throw(KeyboardInterrupt)  # killed right there
    ingest.poll()
    clock.now += 3
    with pytest.raises(KeyboardInterrupt):
        ingest.poll()
    assert len(queue.documents("draft")) == 1
    again, queue = ingest_in(tmp_path, store, clock)  # the restart
    again.poll()
    clock.now += 3
    report = again.poll()
    assert (report.added, report.known) == ([], ["SCN_0001.jpg"])
    assert len(queue.documents()) == 1 and [p.name for p in (tmp_path / "archive").iterdir()] == ["SCN_0001.jpg"]
    store.close()


def test_the_retention_purge_deletes_the_archived_original(tmp_path, backoffice, pki_dir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "SCN_0001.jpg").write_bytes(sheet(5))
    store, clock = Store.open(tmp_path / "store.sqlite", VAULT), Clock()
    ingest, queue = ingest_in(tmp_path, store, clock)
    ingest.poll()
    clock.now += 3
    [document_id] = ingest.poll().added
    queue.link(document_id, awaited(store, awaiting(backoffice)))
    queue.mark_ready(document_id)
    accepted_at = datetime.now(UTC)
    assert queue.upload_pending(signed_in(backoffice, pki_dir), now=accepted_at) == 1
    assert queue.get(document_id).status == "accepted"
    assert ingest.purge_expired(accepted_at + timedelta(days=30 * 33 - 10)) == 0
    assert (tmp_path / "archive" / "SCN_0001.jpg").exists()
    assert ingest.purge_expired(accepted_at + timedelta(days=31 * 33)) == 1
    assert list((tmp_path / "archive").iterdir()) == [] and list((tmp_path / "sealed").iterdir()) == []
    assert queue.get(document_id).status == "purged"
    # the journal still knows the content: the same file dropped again is not taken again
    (tmp_path / "in" / "SCN_0001.jpg").write_bytes(sheet(5))
    clock.now += 3
    ingest.poll()
    clock.now += 3
    assert ingest.poll().added == []
    store.close()


# -- kill -9 during capture and upload --------------------------------------------------------------

_WORKER = r"""
import json, sys
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, sys.argv[5])
from capture_samples import plain_normalise
from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.transport import EmulatorTransport
from sync.capture.files import inspect_file
from sync.capture.ingest import Ingest
from sync.capture.watch import ScanFolder
from sync.client import BackofficeClient
from sync.documents import DocumentQueue
from sync.store import Store
from sync.vault import Vault

url, ca, pki, folder = sys.argv[1:5]
folder = Path(folder)
card = EmulatorTransport(card_from_spec("cps", Path(pki)))
cps.select_application(card)
cps.verify_pin(card, "1234")
certificate = cps.read_certificate(card, Key.AUTHENTICATION)
client = BackofficeClient(url, ca_file=Path(ca), sleep=lambda s: None)
client.sign_in_with_card(lambda challenge: (certificate, cps.authenticate(card, challenge)))
vault = Vault(bytes(range(32)))
store = Store.open(folder / "store.sqlite", vault)
queue = DocumentQueue(folder / "sealed", store, vault, chunk_size=32 * 1024, first_delay=0.0)
scans = ScanFolder(folder / "in", folder / "archive", folder / "journal.json", settle_seconds=0.0)
ingest = Ingest(queue, scans, folder / "quarantine", normaliser=plain_normalise, inspector=inspect_file)


def told(name, method):
    def call(*args, **kwargs):
        answer = method(*args, **kwargs)
        print(name, flush=True)  # so that the test kills after a chosen number of steps, whatever the speed
        return answer
    return call


queue.add_draft = told("sealed", queue.add_draft)
scans.done = told("archived", scans.done)
client.put_document_chunk = told("chunk", client.put_document_chunk)
client.complete_document = told("completed", client.complete_document)


invoices = json.loads((folder / "invoices.json").read_text())  # the test's: file name -> invoice


def pull_awaiting():  # the invoices awaiting their document, as the engine's domain pulls them
    cursor = store.cursor("awaiting")
    while True:
        page = client.awaiting_invoices(cursor)
        store.awaiting.apply(page.items, page.next_cursor, datetime.now(timezone.utc))
        cursor = page.next_cursor
        if not page.has_more:
            return


print("started", flush=True)
for _ in range(200):
    pull_awaiting()
    ingest.poll()
    for draft in queue.documents("draft"):
        queue.link(draft.id, invoices[draft.source_name])
        queue.mark_ready(draft.id)
        print("ready", flush=True)
    queue.upload_pending(client, now=datetime.now(timezone.utc))
    if not any((folder / "in").iterdir()) and not any(queue.documents(s) for s in ("draft", "ready", "sending", "sent")):
        sys.exit(0)
sys.exit(3)
"""


def _run(backoffice, pki_dir, folder: Path, kill_after: tuple[int, float] | None,
         phases: Counter[str] | None = None) -> int | None:
    """Run the worker; with ``kill_after=(steps, seconds)`` kill -9 it that long after its ``steps``-th
    step (a draft sealed, an original archived, a document made ready, a chunk or a completion
    received): None when killed, else its exit status. ``phases`` counts the last step before each kill."""
    child = subprocess.Popen([sys.executable, "-c", _WORKER, backoffice.url, str(backoffice.ca_certificate),
                              str(pki_dir), str(folder), str(HERE)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return child.wait(timeout=300)
    assert child.stdout.readline() == b"started\n"
    steps, delay = kill_after
    last = "started"
    for _ in range(steps):
        if not (line := child.stdout.readline()):  # it ended first
            return child.wait(timeout=300)
        last = line.decode().strip()
    try:
        return child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if phases is not None:
            phases[last] += 1
        return None


def test_kill_9_during_capture_and_upload_loses_nothing_and_sends_nothing_twice(tmp_path, backoffice, pki_dir):
    rng = random.Random(20261202)
    (tmp_path / "in").mkdir()
    originals: dict[str, bytes] = {}  # every file put in the scan folder, by its key
    junk: list[str] = []
    linked: dict[str, dict] = {}  # the invoice each sheet is linked to
    with sqlite3.connect(backoffice.db_path) as db:
        before = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    kills = trials = 0
    phases: Counter[str] = Counter()
    while kills < KILLS:
        trials += 1
        assert trials <= 2 * KILLS, f"only {kills} kills in {trials} trials"
        for n in range(2):
            data = sheet(trials * 10 + n, "JPEG" if n == 0 else "PNG")
            name = f"SCN_{trials:03d}_{n}.{'jpg' if n == 0 else 'png'}"
            (tmp_path / "in" / name).write_bytes(data)
            originals[content_key(tmp_path / "in" / name)] = data
            linked[name] = awaiting(backoffice)
        write_private(tmp_path / "invoices.json", json.dumps(linked).encode())
        if trials % 10 == 0:
            (tmp_path / "in" / f"junk_{trials}.pdf").write_bytes(f"%PDF-1.4 truncated {trials}".encode())
            junk.append(f"junk_{trials}.pdf")
        kills += _run(backoffice, pki_dir, tmp_path, (rng.randint(0, 30), rng.uniform(0.0, 0.03)), phases) is None
    assert all(phases[step] >= 2 for step in ("started", "sealed", "archived", "ready", "chunk")), phases
    assert _run(backoffice, pki_dir, tmp_path, kill_after=None) == 0  # the restart after the last kill

    store = Store.open(tmp_path / "store.sqlite", VAULT)
    queue = DocumentQueue(tmp_path / "sealed", store, VAULT)
    documents = queue.documents()
    assert {d.status for d in documents} == {"accepted"}
    assert sorted(d.origin_key for d in documents) == sorted(originals)  # each original sealed exactly once
    assert list((tmp_path / "in").iterdir()) == []  # none left behind
    archived = {content_key(p): p.read_bytes() for p in (tmp_path / "archive").iterdir()}
    assert archived == originals  # no original lost, each kept as it was
    quarantined = {p.name for p in (tmp_path / "quarantine").iterdir() if not p.name.endswith(REASON_SUFFIX)}
    assert set(junk) <= quarantined  # a kill mid-quarantine may leave a second copy there, never none
    for document in documents:
        sealed = queue.read(document)
        assert hashlib.sha256(sealed).hexdigest() == document.sha256
        assert server_rows(backoffice, document.id) == [("accepted", None)], document.id
        assert server_object(backoffice, document.sha256) == sealed  # byte-identical to what was sealed
        assert originals[document.origin_key] in sealed or document.source_name.endswith(".png")
        assert document.invoice == linked[document.source_name]
    with sqlite3.connect(backoffice.db_path) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] - before == len(documents)
    assert len(list((tmp_path / "sealed").iterdir())) == len(documents)  # no leftovers
    with sqlite3.connect(tmp_path / "store.sqlite") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"{kills} kills in {trials} trials, {len(documents)} documents; last step before a kill: {dict(phases)}")
    store.close()


# -- an unstable back office --------------------------------------------------------------------------

def upload_until_accepted(queue: DocumentQueue, client, ids: list[str], *, wait: float = 0.0,
                          rounds: int = 400) -> int:
    """Passes with an injected clock moved past each backoff (and ``wait`` real seconds between two,
    for a maintenance window to end); how many passes failed."""
    now, failed = datetime.now(UTC), 0
    for _ in range(rounds):
        if all(queue.get(i).status == "accepted" for i in ids):
            return failed
        try:
            queue.upload_pending(client, now=now)
        except SyncError:
            failed += 1
            time.sleep(wait)
        now += timedelta(hours=1)
    raise AssertionError([queue.get(i).status for i in ids])


def test_upload_through_a_back_office_failing_30_percent_of_requests(tmp_path, pki_dir):
    with backoffice_with(tmp_path / "bo", pki_dir, "fail_share = 0.3\nseed = 11\n") as failing:
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        queue = DocumentQueue(tmp_path / "sealed", store, VAULT, chunk_size=32 * 1024)
        ids = [queue.add(sheet_pdf(n), pages=1, invoice=awaiting(failing)).id for n in range(8)]
        client = signed_in(failing, pki_dir, max_attempts=2)  # so that failures reach the queue too
        failed = upload_until_accepted(queue, client, ids)
        assert failed > 0, "the faults must have reached the queue"
        assert any(e.event == "sending" for i in ids for e in queue.audit(i))
        for document_id in ids:
            document = queue.get(document_id)
            assert server_rows(failing, document_id) == [("accepted", None)]
            assert server_object(failing, document.sha256) == queue.read(document)
        store.close()


def test_upload_through_a_maintenance_window(tmp_path, pki_dir):
    start = datetime.now(UTC) + timedelta(seconds=10)  # the back office starts and signs in first
    end = start + timedelta(seconds=4)
    with backoffice_with(tmp_path / "bo", pki_dir,
                         f'maintenance = [{{start = "{start.isoformat()}", end = "{end.isoformat()}"}}]\n') as bo:
        client = signed_in(bo, pki_dir)
        store = Store.open(tmp_path / "store.sqlite", VAULT)
        queue = DocumentQueue(tmp_path / "sealed", store, VAULT)
        document = queue.add(sheet_pdf(1), pages=1, invoice=awaiting(bo))
        assert datetime.now(UTC) < start, "the machine is too slow for this window"
        time.sleep((start - datetime.now(UTC)).total_seconds() + 0.2)  # the window opens
        with pytest.raises(ServerUnavailable) as announced:
            queue.upload_pending(client, now=start)
        assert announced.value.until is not None and announced.value.until >= end - timedelta(seconds=1)
        waiting = queue.get(document.id)
        assert (waiting.status, waiting.attempts) == ("sending", 1)
        assert upload_until_accepted(queue, client, [document.id], wait=0.5) > 0  # failed until the end
        assert datetime.now(UTC) >= end - timedelta(seconds=1)
        assert server_rows(bo, document.id) == [("accepted", None)]
        store.close()


def sheet_pdf(seed: int) -> bytes:
    return img2pdf.convert(sheet(seed))
