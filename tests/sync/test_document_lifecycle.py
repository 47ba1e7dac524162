"""The SCOR queue's lifecycle on a real store (and the real back office where the server answers):
drafts, the link and its checks, the wait for the batch's ARL, the backoff and the fall back to paper
with an injected clock, the resend of a rejected document, retention and its audit, the proof."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
from capture_samples import Plain, awaited
from scan_pdf import scan
from test_document_ingest import backoffice_with
from test_documents_queue import awaiting, invoice, server_rows, signed_in

from sync.client import BackofficeClient
from sync.documents import LONGEST_DELAY, PAPER_AFTER, DocumentQueue, Documents, LinkError, StateError, add_months
from sync.errors import Offline, Problem, Rejected
from sync.protocol.documents import DocumentState
from sync.store import MIGRATIONS, Store
from sync.vault import Vault

VAULT = Vault(bytes(range(32)))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    with backoffice_with(tmp_path_factory.mktemp("bo"), pki_dir) as running:
        yield running


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


@pytest.fixture
def queue(tmp_path, store):
    return DocumentQueue(tmp_path / "scans", store, VAULT, rng=random.Random(1))


def offline() -> BackofficeClient:
    client = BackofficeClient("https://127.0.0.1:9", sleep=lambda s: None)
    client._token = "x"  # signed in before the network went down
    return client


def draft(queue: DocumentQueue, marker: str = "a", **kwargs) -> str:
    return queue.add_draft(scan(marker=marker), 1, flags=[{"nearly-white"}], source_name="SCN_0001.pdf",
                           **kwargs).id


def test_a_draft_is_edited_linked_made_ready_and_taken_back(queue, store, tmp_path):
    document_id = draft(queue)
    made = queue.get(document_id)
    assert (made.status, made.invoice, made.flags, made.source_name) == \
        ("draft", None, (frozenset({"nearly-white"}),), "SCN_0001.pdf")
    with pytest.raises(LinkError) as missing:
        queue.mark_ready(document_id)
    assert missing.value.code == "incomplete"
    replaced = queue.replace_content(document_id, Plain(scan(marker="b", pages=2), 2, (frozenset(), frozenset())))
    assert (replaced.pages, replaced.flags) == (2, (frozenset(), frozenset()))
    assert [p.name for p in (tmp_path / "scans").iterdir()] == [replaced.sha256]  # the old file went
    chosen = awaited(store, invoice())
    linked = queue.link(document_id, {**chosen, "nir": chosen["nir"][:5] + " " + chosen["nir"][5:]})
    assert " " not in linked.invoice["nir"]
    assert queue.mark_ready(document_id).status == "ready"
    with pytest.raises(StateError):
        queue.replace_content(document_id, Plain(scan(marker="c"), 1, (frozenset(),)))
    assert queue.back_to_draft(document_id).status == "draft"
    queue.delete_draft(document_id)
    with pytest.raises(KeyError):
        queue.get(document_id)
    assert list((tmp_path / "scans").iterdir()) == []
    assert [e.event for e in queue.audit(document_id)] == ["draft", "content", "linked", "ready", "draft", "deleted"]


def test_a_link_must_be_well_formed_and_one_of_the_invoices_waiting(tmp_path, store):
    good = awaited(store, invoice(7))
    awaited(store, {**good, "number": "000000008"}, justified=True)
    queue = DocumentQueue(tmp_path / "scans", store, VAULT)
    document_id = draft(queue)
    wrong_key = f"{(int(good['nir'][13:]) + 1) % 100:02d}"
    cases = {"invalid-nir": {**good, "nir": good["nir"][:13] + wrong_key},
             "invalid-invoice": {**good, "batch": "12"},
             "not-awaiting": {**good, "number": "000000009"},
             "nir-mismatch": {**good, "nir": "269054958815780"},  # another patient's (valid) NIR
             "already-justified": {**good, "number": "000000008"}}
    for code, wrong in cases.items():
        with pytest.raises(LinkError) as refused:
            queue.link(document_id, wrong)
        assert refused.value.code == code
    assert queue.get(document_id).invoice is None  # nothing stored by a refused link
    assert queue.link(document_id, good).invoice["number"] == good["number"]
    assert queue.mark_ready(document_id).status == "ready"


def test_a_document_waits_for_its_batchs_arl_then_is_sent(queue, store, backoffice, pki_dir):
    chosen = awaiting(backoffice)  # positive on the server; this workstation has not heard yet
    awaited(store, chosen, arl="pending", server_id=9001)
    document = queue.add(scan(), pages=1, invoice=chosen)
    assert queue.upload_pending(offline(), now=T0) == 0  # no request at all: it would be Offline
    assert (queue.get(document.id).status, queue.get(document.id).attempts) == ("waiting_arl", 0)
    awaited(store, chosen, arl="negative", reason="Lot rejeté : FSE en double.", server_id=9001)
    queue.upload_pending(offline(), now=T0)
    assert (queue.get(document.id).status, queue.get(document.id).reason) == \
        ("waiting_arl", "Lot rejeté : FSE en double.")
    awaited(store, chosen, server_id=9001)
    assert queue.upload_pending(signed_in(backoffice, pki_dir), now=T0) == 1
    assert queue.get(document.id).status == "accepted"
    assert server_rows(backoffice, document.id) == [("accepted", None)]
    events = [e.event for e in queue.audit(document.id)]
    assert events == ["ready", "waiting_arl", "waiting_arl", "sending", "sent", "accepted"]


class NotAcknowledged:
    """A client whose declarations the server answers ``409 batch-not-acknowledged`` (w11-bo's check)."""

    def declare_document(self, declaration):
        raise Rejected(Problem(409, "https://backoffice.example/problems/batch-not-acknowledged",
                               "Le lot 012 n'a pas encore d'accusé de réception positif."))


def test_the_servers_batch_not_acknowledged_keeps_it_waiting_without_a_failure(queue):
    document = queue.add(scan(), pages=1, invoice=invoice())
    assert queue.upload_pending(NotAcknowledged(), now=T0) == 0
    waiting = queue.get(document.id)
    assert (waiting.status, waiting.attempts, waiting.next_attempt_at) == ("waiting_arl", 0, None)
    assert queue.back_to_draft(document.id).status == "draft"  # the server does not hold it: editable


def test_failures_back_off_then_after_5_days_the_document_goes_on_paper(queue):
    document = queue.add(scan(), pages=1, invoice=invoice())
    now, delays = T0, []
    while queue.get(document.id).status != "paper":
        before = queue.get(document.id)
        if before.next_attempt_at is not None:
            assert queue.upload_pending(offline(), now=before.next_attempt_at - timedelta(seconds=1)) == 0
            now = before.next_attempt_at  # nothing tried before its time (else Offline)
        with pytest.raises(Offline):
            queue.upload_pending(offline(), now=now)
        after = queue.get(document.id)
        if after.status != "paper":
            delays.append((after.next_attempt_at - now).total_seconds())
            assert after.attempts == before.attempts + 1 and after.first_failure_at == T0
    base = [min(LONGEST_DELAY, 30 * 2 ** n) for n in range(len(delays))]
    assert all(b / 2 <= d <= b for d, b in zip(delays, base, strict=True)), delays
    assert delays[-1] > 1700 and len(set(delays)) == len(delays)  # capped at an hour, jittered
    paper = queue.get(document.id)
    assert now - T0 >= PAPER_AFTER and now - T0 < PAPER_AFTER + timedelta(hours=1)
    assert "5 jours" in paper.reason and "papier" in paper.reason and "injoignable" in paper.reason
    assert queue.upload_pending(offline(), now=now + timedelta(days=1)) == 0  # no longer tried
    assert queue.audit(document.id)[-1].event == "paper"


def test_a_rejected_document_is_sent_again_as_a_new_document(queue, store, backoffice, pki_dir):
    first = queue.add(scan(dpi=150), pages=1, invoice=awaited(store, awaiting(backoffice)))
    client = signed_in(backoffice, pki_dir)
    assert queue.upload_pending(client, now=T0) == 1
    assert queue.get(first.id).status == "rejected"
    copy = queue.resend(first.id)
    assert (copy.status, copy.replaces, copy.invoice, copy.sha256) == ("draft", first.id, first.invoice, first.sha256)
    with pytest.raises(StateError):
        queue.resend(copy.id)
    fixed = queue.replace_content(copy.id, Plain(scan(dpi=300), 1, (frozenset(),)))
    queue.mark_ready(fixed.id)
    assert queue.upload_pending(client, now=T0) == 1
    assert queue.get(fixed.id).status == "accepted" and queue.get(first.id).status == "rejected"
    proof = queue.proof(first.invoice["number"])
    assert [d.id for d in proof] == [fixed.id, first.id]  # newest first
    assert proof[0].ack["status"] == "accepted"
    assert server_rows(backoffice, fixed.id) == [("accepted", None)]


def accepted_on(queue: DocumentQueue, store: Store, when: datetime, **kwargs) -> str:
    document_id = draft(queue, marker=when.isoformat(), **kwargs)
    queue.link(document_id, awaited(store, invoice()))
    queue.mark_ready(document_id)
    Documents(store.database, VAULT).set_status(document_id, "accepted", None, {"id": document_id,
                                                "status": "accepted", "reason": None}, at=when)
    return document_id


def test_documents_are_purged_33_calendar_months_after_acceptance(queue, store, tmp_path):
    accepted = datetime(2024, 1, 31, 10, 0, tzinfo=UTC)
    assert add_months(accepted, 33) == datetime(2026, 10, 31, 10, 0, tzinfo=UTC)
    assert add_months(datetime(2024, 5, 31, tzinfo=UTC), 1).day == 30
    old = accepted_on(queue, store, accepted, origin_key="k1")
    recent = accepted_on(queue, store, accepted + timedelta(days=1), origin_key="k2")
    nir = queue.get(old).invoice["nir"]
    discarded: list[str] = []
    assert queue.purge_expired(accepted.replace(year=2026, month=10, day=30), discarded.append) == 0
    assert queue.purge_expired(datetime(2026, 10, 31, 10, 0, tzinfo=UTC), discarded.append) == 1
    assert discarded == ["k1"]
    purged = queue.get(old)
    assert (purged.status, purged.invoice["nir"], purged.flags, purged.source_name) == ("purged", "", (), None)
    assert purged.invoice["number"] and purged.ack["status"] == "accepted"  # the proof stays
    assert [p.name for p in (tmp_path / "scans").iterdir()] == [queue.get(recent).sha256]
    assert queue.proof(purged.invoice["number"])[0].status == "purged"
    assert queue.purge_expired(datetime(2026, 11, 1, 10, 0, tzinfo=UTC), discarded.append) == 1
    with sqlite3.connect(tmp_path / "store.sqlite") as raw:
        audit = raw.execute("SELECT at, document_id, event, detail FROM document_audit").fetchall()
        assert raw.execute("SELECT count(*) FROM documents WHERE invoice_nir IS NOT NULL").fetchone()[0] == 0
    assert ("purged" in {e for _, _, e, _ in audit}) and not any(nir in str(row) for row in audit)
    assert not any("SCN_0001" in str(row) for row in audit)  # nor a file name (it may name the patient)


def test_identical_scans_share_one_file_until_the_last_one_is_purged(queue, store, tmp_path):
    when = datetime(2023, 1, 2, tzinfo=UTC)
    pdf = scan(marker="same")
    ids = []
    for _ in range(2):
        document = queue.add_draft(pdf, 1)
        queue.link(document.id, awaited(store, invoice()))
        queue.mark_ready(document.id)
        ids.append(document.id)
    rows = Documents(store.database, VAULT)
    rows.set_status(ids[0], "accepted", at=when)
    assert queue.purge_expired(datetime(2026, 1, 1, tzinfo=UTC)) == 1
    assert queue.read(queue.get(ids[1])) == pdf  # still needed by the other
    rows.set_status(ids[1], "accepted", at=when)
    assert queue.purge_expired(datetime(2026, 1, 1, tzinfo=UTC)) == 1
    assert list((tmp_path / "scans").iterdir()) == []


def test_progress_counts_what_waits_and_what_the_server_holds(queue):
    ready = queue.add(scan(padding=10_000), pages=1, invoice=invoice())
    draft(queue)
    assert queue.progress() == (0, ready.size)
    queue._held[ready.id] = 1000  # as an upload under way last heard
    assert queue.progress() == (1000, ready.size)


def test_a_011_store_is_upgraded_queued_ready_uploading_sending(tmp_path):
    path = tmp_path / "store.sqlite"
    old = Store.open(path, VAULT, migrations=MIGRATIONS[:11])
    with old.database.transaction() as tx:
        for document_id, status in (("q", "queued"), ("u", "uploading"), ("a", "accepted")):
            tx.execute("INSERT INTO documents (id, sha256, size, pages, invoice_batch, invoice_number, invoice_date, "
                       "invoice_nir, status, created_at, sent_at) VALUES (?, ?, 1, 1, '012', '000000001', "
                       "'2026-03-02', ?, ?, '2026-03-02T10:00:00+00:00', ?)",
                       (document_id, document_id * 64, VAULT.seal_text(invoice()["nir"], f"documents/{document_id}"),
                        status, "2026-03-03T10:00:00+00:00" if status == "accepted" else None))
    old.close()
    upgraded = Store.open(path, VAULT)
    rows = Documents(upgraded.database, VAULT)
    assert [(rows.get(i).status, rows.get(i).attempts) for i in "qua"] == [("ready", 0), ("sending", 0),
                                                                          ("accepted", 0)]
    assert rows.get("a").accepted_at == datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    assert rows.get("q").invoice["date"] == date(2026, 3, 2).isoformat()
    upgraded.close()


def test_an_answer_lost_in_a_crash_is_finished_by_the_next_declaration(queue):
    document = queue.add(scan(), pages=1, invoice=invoice())

    class Finished:
        def declare_document(self, declaration):
            return DocumentState(id=declaration.id, status="accepted", reason=None)

    assert queue.upload_pending(Finished(), now=T0) == 1
    assert queue.get(document.id).status == "accepted" and queue.get(document.id).accepted_at == T0
