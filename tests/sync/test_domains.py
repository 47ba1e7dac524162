"""Every domain and every outbox kind against the real back office, signed in with an emulated CPS:
a first sync fills each table as the server has it, offline actions are applied once, a change to a
dispatched order is refused with the server's French reason, and nothing readable reaches the disk."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta

import pytest
from awaiting_invoices import awaiting_invoice
from scan_pdf import A5, scan

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from sync.backoffice.local import LocalBackoffice
from sync.backoffice.sqlite import open_database
from sync.backoffice.sqlite.awaiting import SqliteAwaiting
from sync.engine import SyncEngine
from sync.protocol import LoginList
from sync.protocol.documents import DocumentDeclaration
from sync.store import Store

from test_engine import VAULT, card_signer, client_for

GP = "SELECT id FROM professionals WHERE am_number = '751123456'"
LINES = [{"form": "feuille-soins-medecin", "quantity": 100}]


@pytest.fixture(scope="module")
def office(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=80, months=4) as running:
        yield running


@pytest.fixture
def client(office, pki_dir):
    signed_in = client_for(office)
    signed_in.sign_in_with_card(card_signer(pki_dir))
    yield signed_in
    signed_in.close()


def server(office, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(office.db_path) as db:
        return db.execute(sql, args).fetchall()


def test_a_first_sync_fills_every_domain_and_keeps_it_sealed(tmp_path, office, client):
    end = (date.today() + timedelta(days=30)).isoformat()  # one ALD surely in the 90-day window
    server(office, "INSERT INTO ald (practice_id, professional_id, patient_nir, ald_number, label, start_date, "
                   f"end_date) SELECT practice_id, id, (SELECT nir FROM patients p WHERE p.practice_id = d.practice_id "
                   f"LIMIT 1), 8, 'Diabète de type 1 et diabète de type 2', '2021-01-01', ? FROM professionals d "
                   f"WHERE id = ({GP})", end)
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    report = SyncEngine(client, store, page_size=10).sync_once()
    assert report.ok, report.errors
    (orders,), = server(office, f"SELECT count(*) FROM form_orders WHERE professional_id = ({GP})")
    (threads,), = server(office, f"SELECT count(*) FROM message_threads WHERE professional_id = ({GP})")
    (events,), = server(office, f"SELECT count(*) FROM events WHERE professional_id = ({GP})")
    (last_name, iban), = server(office, f"SELECT last_name, iban_masked FROM professionals WHERE id = ({GP})")
    assert len(store.form_orders()) == report.applied["orders"] == orders
    assert len(store.threads()) == report.applied["messages"] == threads > 0
    assert len(store.events(limit=10**6)) == report.applied["events"] == events > 0
    ald = client.ald_renewals().items
    assert store.ald_renewals() == sorted(ald, key=lambda a: a.end_date) and ald
    assert len(store.form_catalog()) == len(client.forms_catalog().items) > 0
    me = store.me()
    assert me is not None and (me.last_name, me.bank_account) == (last_name, iban)
    assert store.activity() is not None and store.activity().months
    assert all(store.as_of(d) for d in ("me", "ald", "forms", "orders", "messages", "events", "activity"))
    secrets = [a.nir for a in ald] + [a.last_name for a in ald] + [iban] + \
        [m.body for t in store.threads() for m in t.messages] + [t.subject for t in store.threads()]
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    leaked = [s for s in secrets if s and s.encode() in raw]
    assert not leaked


def _order_of(store: Store, client_id: str):
    return next(o for o in store.form_orders() if o.client_id == client_id)


def test_an_offline_change_after_dispatch_is_refused_with_the_reason(tmp_path, office, client):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    placed = store.enqueue("form_order", {"lines": LINES})
    assert SyncEngine(client, store).sync_once().ok
    order = _order_of(store, placed.client_id)
    change = store.enqueue("order_change", {"order_id": order.id, "lines": [{"form": LINES[0]["form"],
                                                                              "quantity": 200}]})
    # an hour later, the back office has dispatched it: the offline change comes too late
    server(office, "UPDATE form_orders SET placed_at = placed_at - 7200 WHERE id = ?", order.id)
    report = SyncEngine(client, store).sync_once()
    assert report.ok, report.errors
    (refused,) = store.refused()
    assert refused.item.client_id == change.client_id and refused.type.endswith("order-dispatched")
    assert refused.reason == "Cette commande est déjà expédiée : elle ne peut plus être modifiée."
    assert store.pending() == [] and _order_of(store, placed.client_id).status == "dispatched"
    assert server(office, "SELECT quantity FROM form_order_lines WHERE order_id = ?", order.id) == [(100,)]


def test_each_outbox_kind_is_applied_once(tmp_path, office, client):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    placed = store.enqueue("form_order", {"lines": LINES})
    thread = store.enqueue("message", {"subject": "Rejet B2", "reason": "billing", "body": "Pouvez-vous vérifier ?"})
    assert SyncEngine(client, store).sync_once().ok
    order = _order_of(store, placed.client_id)
    thread_id = next(t.id for t in store.threads() if t.client_id == thread.client_id)
    store.enqueue("order_change", {"order_id": order.id, "lines": [{"form": LINES[0]["form"], "quantity": 200}]})
    reply = store.enqueue("message_reply", {"thread_id": thread_id, "body": "Je joins la facture corrigée."})
    store.enqueue("delegations", {"items": [{"delegate_national_id": "3ABCD1234", "scopes": ["forms"]}]})
    # a crash after the reply reached the server and before it was marked: sent again, applied once
    client.post(f"/v1/messages/{thread_id}", {"client_id": reply.client_id, "body": "Je joins la facture corrigée."})
    report = SyncEngine(client, store).sync_once()
    assert report.ok and report.sent == 3, report.errors
    assert server(office, "SELECT quantity FROM form_order_lines WHERE order_id = ?", order.id) == [(200,)]
    assert server(office, "SELECT count(*) FROM messages WHERE client_id = ?", reply.client_id) == [(1,)]
    assert server(office, f"SELECT delegate_national_id, scopes FROM delegations WHERE titular_id = ({GP})") == \
        [("3ABCD1234", "forms")]
    store.enqueue("order_cancel", {"order_id": order.id})
    assert SyncEngine(client, store).sync_once().ok
    assert _order_of(store, placed.client_id).status == "cancelled"
    assert store.refused() == [] and store.pending() == []


def test_a_reject_marked_treated_on_one_workstation_is_treated_on_the_other_after_its_sync(tmp_path, office, client):
    with sqlite3.connect(office.db_path) as db:  # a new reject, as the fund's processing makes one
        (seq,), = db.execute("UPDATE change_seq SET value = value + 1 RETURNING value").fetchall()
        reject_id = db.execute(
            "INSERT INTO rejects (professional_id, practice_id, rejected_on, batch_number, invoice_number, nir, "
            "birth_date, act_date, act_code, amount_cents, reject_code, label_fr, status, seq) SELECT id, "
            "practice_id, '2026-11-20', '042', '000000077', (SELECT nir FROM patients p WHERE p.practice_id = "
            "d.practice_id LIMIT 1), '1985-03-14', '2026-11-18', 'G', 3000, 'A081', 'Droits fermés.', 'open', ? "
            f"FROM professionals d WHERE id = ({GP})", (seq,)).lastrowid
    desk, other = (Store.open(tmp_path / f"{name}.sqlite", VAULT) for name in ("desk", "other"))
    for store in (desk, other):
        assert SyncEngine(client, store).sync_once().ok
        assert reject_id in store.rejected_invoices.ids("open")
    desk.enqueue("reject_treated", {"reject_id": reject_id})
    desk.enqueue("reject_treated", {"reject_id": reject_id})  # twice by mistake: the same as once
    report = SyncEngine(client, desk).sync_once()
    assert report.ok and report.sent == 2 and desk.refused() == [], report.errors
    assert server(office, f"SELECT status, treated_by = ({GP}) FROM rejects WHERE id = ?",
                  reject_id) == [("corrected", 1)]
    assert SyncEngine(client, other).sync_once().ok
    assert other.rejected_invoices.by_ids([reject_id])[reject_id].status == "corrected"
    assert reject_id not in other.rejected_invoices.ids("open")


def test_not_me_is_reported_once_and_ends_the_session(tmp_path, office, client):
    """Last in the module: the report flags the account and ends its sessions."""
    login = client.get("/v1/auth/logins", LoginList).items[-1]
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    store.enqueue("not_me", {"login_id": login.id})
    report = SyncEngine(client, store).sync_once()
    assert report.sent == 1 and store.pending() == [] and store.refused() == []
    assert server(office, "SELECT not_me_at IS NOT NULL FROM logins WHERE id = ?", login.id) == [(1,)]


def test_an_outbox_item_this_version_cannot_send_is_refused_and_the_others_go(tmp_path, office, client):
    """An item of a kind or a payload shape this version does not know (left by another version) is kept
    refused with a reason code, never sent; the items after it are sent and the pass ends normally."""
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    unknown = store.enqueue("form_return", {"lines": LINES})
    misshapen = store.enqueue("form_order", {"lines": LINES, "colour": "blue"})
    placed = store.enqueue("form_order", {"lines": LINES})
    report = SyncEngine(client, store).sync_once()
    assert report.ok, report.errors
    assert report.sent == 1 and store.pending() == []
    refused = {item.item.client_id: item.type for item in store.refused()}
    assert refused == {unknown.client_id: "outbox-item-unsendable", misshapen.client_id: "outbox-item-unsendable"}
    assert _order_of(store, placed.client_id) is not None
    assert server(office, "SELECT count(*) FROM form_orders WHERE client_id IN (?, ?)",
                  unknown.client_id, misshapen.client_id) == [(0,)]


def test_the_awaiting_invoices_are_pulled_sealed_and_follow_the_arl_and_the_justification(tmp_path, office, client):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    report = SyncEngine(client, store, page_size=3).sync_once()
    assert report.ok, report.errors
    (practice,), = server(office, f"SELECT practice_id FROM professionals WHERE id = ({GP})")
    expected = server(office, "SELECT d.batch, d.number, d.nir, d.patient_name, d.care_date, d.amount_cents, b.arl, "
                              "b.arl_reason FROM degraded_invoices d JOIN batches b ON b.id = d.batch_id WHERE "
                              "d.practice_id = ? AND d.justified_by IS NULL ORDER BY d.care_date DESC, d.id DESC",
                      practice)
    assert report.applied["awaiting"] == len(expected) >= 4 and store.as_of("awaiting")
    assert [(r.batch, r.number, r.nir, r.patient_name, r.care_date.isoformat(), r.amount_cents, r.arl, r.arl_reason)
            for r in store.awaiting.suggestions(limit=1000)] == expected
    assert SyncEngine(client, store).sync_once().applied["awaiting"] == 0

    # the fund refuses a batch: its invoices come again, with the ARL and its reason
    batch = expected[0][0]
    SqliteAwaiting(open_database(office.db_path), lambda: 0.0).set_batch_arl(practice, batch, "negative",
                                                                             "Lot illisible.")
    moved = len([row for row in expected if row[0] == batch])
    assert SyncEngine(client, store).sync_once().applied["awaiting"] == moved
    assert store.awaiting.arl(batch) == ("negative", "Lot illisible.")

    # a document accepted for an invoice: it comes again justified and leaves the suggestions
    invoice = awaiting_invoice(office.db_path, practice)
    content = scan(A5, 200)
    declared = DocumentDeclaration.model_validate({"id": "awaiting-sync-1", "sha256": hashlib.sha256(content).hexdigest(),
                                                   "size": len(content), "pages": 1, "invoice": invoice})
    client.declare_document(declared)
    client.put_document_chunk(declared.id, content, 0, len(content))
    assert client.complete_document(declared.id).status == "accepted"
    assert SyncEngine(client, store).sync_once().applied["awaiting"] >= 1
    found = store.awaiting.find(invoice["batch"], invoice["number"])
    assert found is not None and found.justified and found.nir == invoice["nir"]
    assert (invoice["batch"], invoice["number"]) not in {(r.batch, r.number)
                                                         for r in store.awaiting.suggestions(limit=1000)}
    secrets = [row[2] for row in expected] + [word for row in expected for word in row[3].split() if len(word) > 3]
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    assert not [s for s in secrets if s.encode() in raw]
