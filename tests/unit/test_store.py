"""The local store on real SQLite files: migrations, atomic pages, search over sealed data, outbox."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from datetime import date, datetime, timezone

import pytest
import sqlite_utils

from sync.errors import Problem
from sync.protocol import AldRenewal, Payment, Reject
from sync.store import MIGRATIONS, Store, default_store_path
from sync.vault import Vault, VaultError

VAULT = Vault(bytes(range(32)))
AS_OF = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)


def payment(i: int, **changes) -> Payment:
    fields = dict(id=i, seq=i, professional="810003456786", paid_on=date(2026, 1 + i % 12, 1 + i % 28),
                  kind="tiers_payant", label="Tiers payant", amount_cents=2650, payer="CPAM de Paris",
                  patient_nir="285037511504263", patient_name="BÉRARD Éloïse",
                  invoice_number=f"{i:09d}", batch_number=f"{i % 7:03d}")
    fields.update(changes)
    return Payment(**fields)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite", VAULT)
    yield opened
    opened.close()


def test_an_older_schema_is_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Store.open(path, VAULT, migrations=MIGRATIONS[:1])
    old.apply_payments([payment(1)], "c1", AS_OF)
    old.close()
    upgraded = Store.open(path, VAULT)
    assert [p.id for p in upgraded.search_payments()] == [1]
    assert upgraded.cursor("payments") == "c1" and upgraded.rejects() == []
    names = [n for n, in sqlite3.connect(path).execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_a_002_store_is_upgraded_to_the_services_tables_and_keeps_its_outbox(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Store.open(path, VAULT, migrations=MIGRATIONS[:2])
    old.apply_payments([payment(1)], "c1", AS_OF)
    old.close()
    with sqlite3.connect(path) as raw:  # an item queued by the 002 code: its payload in clear JSON
        raw.execute("INSERT INTO outbox (client_id, kind, payload, created_at) VALUES "
                    "('legacy-1', 'form_order', '{\"lines\": []}', '2026-11-01T00:00:00+00:00')")
    upgraded = Store.open(path, VAULT)
    assert [(i.client_id, i.payload) for i in upgraded.pending()] == [("legacy-1", {"lines": []})]
    assert upgraded.me() is None and upgraded.threads() == [] and upgraded.ald_renewals() == []
    assert upgraded.replace_ald_renewals([ald("285037511504263")], AS_OF) == 1
    assert [p.id for p in upgraded.search_payments()] == [1] and upgraded.as_of("ald") == AS_OF


def ald(nir: str) -> AldRenewal:
    return AldRenewal(nir=nir, last_name="BÉRARD", first_name="Éloïse", birth_date="1985-03-00", ald_number=8,
                      label="Diabète", start_date=date(2021, 1, 1), end_date=date(2026, 12, 20), days_left=22)


def test_the_ald_window_is_replaced_whole_or_not_at_all(store):
    store.replace_ald_renewals([ald("285037511504263"), ald("172082A00402796")], AS_OF)

    def broken():
        yield ald("185037511504299")
        raise ConnectionError("the answer was cut")

    with pytest.raises(ConnectionError):
        store.replace_ald_renewals(broken(), AS_OF)
    assert [a.nir for a in store.ald_renewals()] == ["285037511504263", "172082A00402796"]
    store.replace_ald_renewals([ald("185037511504299")], AS_OF)
    assert [a.nir for a in store.ald_renewals()] == ["185037511504299"]


def test_search_by_date_patient_nir_invoice_and_batch(store):
    store.apply_payments([payment(i) for i in range(1, 40)] +
                         [payment(40, patient_nir="172082A00402796", patient_name="PAOLI Jean-Noël"),
                          payment(41, kind="lump_sum", label="Forfait médecin traitant", patient_nir=None,
                                  patient_name=None, invoice_number=None, batch_number=None)], "c", AS_OF)
    assert len(store.search_payments(limit=1000)) == 41
    march = store.search_payments(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    assert march and all(p.paid_on.month == 3 for p in march)
    assert [p.id for p in store.search_payments(patient="jean-noël paoli")] == [40]
    assert [p.id for p in store.search_payments(patient="paoli")] == [40]
    assert [p.id for p in store.search_payments(patient="1 72 08 2A 004 027 96")] == [40]
    assert [p.id for p in store.search_payments(patient="172082A004027")] == [40]
    assert [p.id for p in store.search_payments(invoice="12")] == [12]
    assert {p.id for p in store.search_payments(batch="3", limit=100)} == {i for i in range(1, 40) if i % 7 == 3}
    (found,) = store.search_payments(invoice="000000012")
    assert (found.patient_name, found.patient_nir) == ("BÉRARD Éloïse", "285037511504263")
    assert store.as_of("payments") == AS_OF


def test_a_page_is_applied_with_its_cursor_or_not_at_all(store):
    store.apply_payments([payment(1)], "c1", AS_OF)

    def broken_page():
        yield payment(2)
        raise ConnectionError("the answer was cut")

    with pytest.raises(ConnectionError):
        store.apply_payments(broken_page(), "c2", AS_OF)
    assert [p.id for p in store.search_payments()] == [1] and store.cursor("payments") == "c1"
    store.apply_payments([payment(1, amount_cents=100), payment(2)], "c2", AS_OF)  # re-applied: upsert
    assert sorted((p.id, p.amount_cents) for p in store.search_payments()) == [(1, 100), (2, 2650)]


def test_health_data_is_unreadable_on_disk_and_without_the_key(tmp_path, store):
    store.apply_payments([payment(1)], "c1", AS_OF)
    store.apply_rejects([Reject(id=5, seq=6, professional="810003456786", rejected_on=date(2026, 2, 3),
                                batch_number="042", invoice_number="000000077", nir="285037511504263",
                                birth_date="1985-03-00", act_date=date(2026, 1, 30), act_code="G",
                                amount_cents=2650, reject_code="B2-123", label="NIR inconnu", status="open")],
                        "r1", AS_OF)
    store.enqueue("message_reply", {"thread_id": 3, "body": "Mme BÉRARD conteste le rejet"})
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    for secret in ("285037511504263", "BÉRARD", "Éloïse", "1985-03-00", "conteste"):
        assert secret.encode() not in raw
    stranger = Store.open(tmp_path / "store.sqlite", Vault(bytes(32)))
    with pytest.raises(VaultError):
        stranger.search_payments()
    reopened = Store.open(tmp_path / "store.sqlite", VAULT)
    (reject,) = reopened.rejects(status="open")
    assert (reject.nir, reject.birth_date, reject.invoice_number) == ("285037511504263", "1985-03-00", "000000077")
    assert reopened.rejects(status="corrected") == []


def test_the_outbox_keeps_order_and_each_item_is_marked_once(tmp_path, store):
    first = store.enqueue("form_order", {"lines": [{"form": "feuille-soins", "quantity": 100}]})
    second = store.enqueue("message", {"subject": "Rejet", "body": "Bonjour"})
    assert [i.client_id for i in store.pending()] == [first.client_id, second.client_id]
    store.mark_sent(first, {"id": 7})
    store.mark_sent(first, {"id": 8})  # a second acknowledgement changes nothing
    assert [i.kind for i in store.pending()] == ["message"]
    store.close()
    assert [i.client_id for i in Store.open(tmp_path / "store.sqlite", VAULT).pending()] == [second.client_id]


def test_default_path_is_per_professional_and_workstation():
    path = default_store_path("810003456786", "poste/accueil 1")
    assert path.name == "810003456786@poste_accueil_1.sqlite" and "cabinet" in str(path)


def test_an_offline_order_can_be_changed_or_withdrawn_until_its_sending_begins(store):
    order = store.enqueue("form_order", {"lines": [{"form": "arret-travail", "quantity": 50}]})
    other = store.enqueue("form_order", {"lines": [{"form": "arret-travail", "quantity": 100}]})
    assert store.revise_pending(order, {"lines": [{"form": "arret-travail", "quantity": 200}]})
    assert [i.payload["lines"][0]["quantity"] for i in store.pending()] == [200, 100]
    assert store.revise_pending(other, None)
    assert [i.client_id for i in store.pending()] == [order.client_id]
    store.mark_attempt(order)  # the engine began sending it: the server may hold it as it was
    assert not store.revise_pending(order, {"lines": []}) and not store.revise_pending(order, None)
    assert store.pending()[0].payload["lines"][0]["quantity"] == 200


def leaked(path, secrets: list[str]) -> list[str]:
    """The secrets found in any file of the store as it is on disk (database, -wal, -shm), in UTF-8 or
    as ``json.dumps`` writes them (``\u00c9``)."""
    data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    return [s for s in secrets if s.encode() in data or json.dumps(s)[1:-1].encode() in data]


def test_a_006_store_keeps_only_the_sealed_outcome_of_what_it_sent(tmp_path):
    """The 006 code kept the server's whole answer in clear: for a message, the whole thread."""
    path = tmp_path / "old.sqlite"
    old = Store.open(path, VAULT, migrations=MIGRATIONS[:6])
    message = old.enqueue("message", {"subject": "Mme BÉRARD", "reason": "billing", "body": "Bonjour"})
    change = old.enqueue("order_change", {"order_id": 9, "lines": []})
    old.close()
    thread = {"id": 41, "subject": "Rejet — Mme BÉRARD Éloïse", "messages": [
        {"id": n, "body": f"Mme BÉRARD Éloïse, NIR 285037511504263, message {n}. " + "Suivi. " * 120}
        for n in range(3)]}  # larger than a page: it spills into overflow pages
    with sqlite3.connect(path) as db:  # what the 006 code wrote, and an item queued by the 002 code
        db.execute("UPDATE outbox SET sent_at = '2026-11-02', result = ? WHERE client_id = ?",
                   (json.dumps(thread), message.client_id))
        db.execute("UPDATE outbox SET sent_at = '2026-11-02', result = ? WHERE client_id = ?",
                   (json.dumps({"rejected": "Cette commande est déjà expédiée.", "type": "x/order-dispatched"}),
                    change.client_id))
        db.execute("INSERT INTO outbox (client_id, kind, payload, created_at) VALUES ('legacy-1', 'message_reply', "
                   "'{\"thread_id\": 41, \"body\": \"Mme PAOLI rappellera\"}', '2026-11-01T00:00:00+00:00')")
    secrets = ["285037511504263", "BÉRARD", "Suivi.", "PAOLI"]
    assert leaked(path, secrets) == secrets  # the leak the upgrade must remove

    upgraded = Store.open(path, VAULT)
    assert [(r.item.client_id, r.reason, r.type) for r in upgraded.refused()] == \
        [(change.client_id, "Cette commande est déjà expédiée.", "x/order-dispatched")]
    assert [(i.client_id, i.payload) for i in upgraded.pending()] == \
        [("legacy-1", {"thread_id": 41, "body": "Mme PAOLI rappellera"})]
    outcome, result = upgraded.database.connection.execute("SELECT outcome, result FROM outbox WHERE client_id = ?",
                                                           (message.client_id,)).fetchone()
    assert (outcome, json.loads(VAULT.open_text(result, f"outbox/{message.client_id}/result"))) == ("sent", {"id": 41})
    assert leaked(path, secrets) == []  # nor in the WAL, nor in free pages
    upgraded.close()
    assert leaked(path, secrets) == []


def test_what_is_sent_or_refused_keeps_only_its_outcome_sealed(store, tmp_path):
    message = store.enqueue("message", {"subject": "Rejet", "reason": "billing", "body": "Bonjour"})
    change = store.enqueue("order_change", {"order_id": 9, "lines": []})
    store.mark_sent(message, {"id": 41, "subject": "Mme BÉRARD", "messages": [{"body": "NIR 285037511504263"}]})
    store.mark_refused(change, Problem(409, "x/order-dispatched", "Commande expédiée pour Mme PAOLI."))
    assert [(r.item.client_id, r.reason, r.type) for r in store.refused()] == \
        [(change.client_id, "Commande expédiée pour Mme PAOLI.", "x/order-dispatched")]
    assert store.pending() == []
    assert leaked(tmp_path / "store.sqlite", ["BÉRARD", "285037511504263", "PAOLI"]) == []


def test_an_older_store_left_readable_is_made_private_at_open(tmp_path):
    folder = tmp_path / "stores"
    first = Store.open(folder / "store.sqlite", VAULT)
    first.enqueue("message", {"subject": "Rejet", "reason": "billing", "body": "Bonjour"})  # -wal, -shm
    files = sorted(folder.iterdir())
    assert [p.name for p in files] == ["store.sqlite", "store.sqlite-shm", "store.sqlite-wal"]
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o600"} and folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o755)  # as an older version, or a copy, left them
    for p in files:
        p.chmod(0o644)
    second = Store.open(folder / "store.sqlite", VAULT)
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {p.name: "0o600" for p in files}
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    second.close()
    first.close()


def test_names_are_searched_by_every_word_folded_as_the_back_office_does(store):
    names = {1: "LEFÈVRE-DUPRÉ Marie-Hélène", 2: "D’ALMEIDA José", 3: "N'DIAYE Aïssatou", 4: "LECŒUR Noé",
             5: "MARTIN Jean", 6: "MARTINEZ Jeanne", 7: "LE GOFF Anaël"}
    store.apply_payments([payment(i, patient_name=name) for i, name in names.items()], "c", AS_OF)

    def found(query: str) -> list[int]:
        return sorted(p.id for p in store.search_payments(patient=query))

    assert found("Lefevre") == found("dupré") == found("lefèvre-dupré marie") == found("HELENE") == [1]
    assert found("d'almeida") == found("Almeida") == found("josé d’almeida") == [2]
    assert found("diaye") == found("N’Diaye") == [3] and found("ndiaye") == []
    assert found("lecoeur") == found("Lecœur noe") == found("LECOEUR") == [4]
    assert found("martin") == [5] and found("jean") == [5] and found("jeanne martinez") == [6]
    assert found("le goff") == found("goff anael") == [7]


def test_a_007_store_finds_compound_names_after_the_upgrade(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Store.open(path, VAULT, migrations=MIGRATIONS[:7])
    old.apply_payments([payment(1, patient_name="LEFÈVRE-DUPRÉ Marie-Hélène"), payment(2, patient_name="LECŒUR Noé"),
                        payment(3, patient_name=None, patient_nir=None)], "c1", AS_OF)
    with old.transaction() as tx:  # the tokens the 007 code made: words split on spaces only
        tx.execute("DELETE FROM payment_terms")
        tx.executemany("INSERT INTO payment_terms (payment_id, token) VALUES (?, ?)",
                       [(i, VAULT.search_token(word)) for i, name in ((1, "LEFÈVRE-DUPRÉ Marie-Hélène"),
                                                                     (2, "LECŒUR Noé")) for word in name.split()])
    assert old.search_payments(patient="Lefevre") == old.search_payments(patient="dupre") == []
    old.close()
    upgraded = Store.open(path, VAULT)
    assert [p.id for p in upgraded.search_payments(patient="Lefevre")] == [1]
    assert [p.id for p in upgraded.search_payments(patient="hélène dupre")] == [1]
    assert [p.id for p in upgraded.search_payments(patient="lecoeur")] == [2]
    assert upgraded.database.connection.execute("SELECT count(*) FROM payment_terms").fetchone()[0] == 4 + 2
    upgraded.close()


def test_a_write_joins_the_callers_transaction_and_none_starts_inside_a_snapshot(store):
    with store.transaction():  # both or neither
        first = store.enqueue("form_order", {"lines": []})
        store.mark_attempt(first)
    with pytest.raises(ConnectionError), store.transaction():
        store.enqueue("form_order", {"lines": []})
        raise ConnectionError("the user's action was cut")
    assert store.pending() == [first] and not store.revise_pending(first, None)
    with store.snapshot(), pytest.raises(sqlite3.ProgrammingError):
        store.enqueue("form_order", {"lines": []})
    assert store.pending() == [first]


def test_every_thread_has_its_own_connection_and_close_ends_them_all(store):
    connections, errors = [store.database.connection], []

    def read() -> None:
        connections.append(store.database.connection)
        store.pending()

    def read_after_close() -> None:
        try:
            store.pending()
        except sqlite3.ProgrammingError as error:
            errors.append(error)

    for work in (read, read_after_close):
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        if work is read:
            store.close()
    assert connections[0] is not connections[1] and len(errors) == 1
    with pytest.raises(sqlite3.ProgrammingError):
        store.pending()
    with pytest.raises(sqlite3.ProgrammingError):
        connections[1].execute("SELECT 1")  # closed by the owner's thread


QUERY_DURING_CLOSE = """
import sys, threading, time
from pathlib import Path
from sync.database import Database

database = Database(Path(sys.argv[1]))
counted, errors = [], []

def count() -> None:
    try:
        while True:
            counted.append(database.connection.execute(
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000) "
                "SELECT count(*) FROM c").fetchone()[0])
    except Exception as error:
        errors.append(type(error).__name__)

thread = threading.Thread(target=count)
thread.start()
while not counted:
    time.sleep(0.01)
database.close()
thread.join()
print(errors)
"""


def test_closing_while_another_thread_queries_waits_for_its_query(tmp_path):
    """The window locks (and closes the store) while a section's query runs on the pool: closing the
    connection beneath it crashed the process. In a child, so that a crash fails this test only."""
    done = subprocess.run([sys.executable, "-c", QUERY_DURING_CLOSE, str(tmp_path / "store.db")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['ProgrammingError']"


def test_every_write_names_its_columns_so_a_table_rebuilt_in_another_order_keeps_its_values(tmp_path):
    """A later migration may add a column or rebuild a table in another order (sqlite-utils' transform):
    a positional INSERT would then put values in each other's place, a named one cannot."""
    def rebuilt(db: sqlite3.Connection, _vault: Vault) -> None:
        tables = sqlite_utils.Database(db, execute_plugins=False)
        for name in ("payments", "payment_terms", "rejects", "cursors", "outbox", "me", "events"):
            tables[name].add_column("note", str)
            tables[name].transform(column_order=("note", *reversed(list(tables[name].columns_dict))))

    path = tmp_path / "store.sqlite"
    store = Store.open(path, VAULT, migrations=(*MIGRATIONS, ("999_rebuilt_in_another_order", rebuilt)))
    assert list(sqlite_utils.Database(path)["payments"].columns_dict)[:3] == ["note", "patient_nir_token", "patient"]
    store.apply_payments([payment(1)], "c1", AS_OF)
    store.apply_rejects([Reject(id=5, seq=6, professional="810003456786", rejected_on=date(2026, 2, 3),
                                batch_number="042", invoice_number="000000077", nir="285037511504263",
                                birth_date="1985-03-00", act_date=date(2026, 1, 30), act_code="G",
                                amount_cents=2650, reject_code="B2-123", label="NIR inconnu", status="open")],
                        "r1", AS_OF)
    item = store.enqueue("message", {"subject": "Rejet", "body": "Bonjour"})
    (found,) = store.search_payments(patient="éloïse bérard")
    assert (found.id, found.paid_on, found.kind, found.amount_cents, found.payer, found.invoice_number,
            found.batch_number, found.patient_nir) == (1, date(2026, 2, 2), "tiers_payant", 2650, "CPAM de Paris",
                                                       "000000001", "001", "285037511504263")
    (reject,) = store.rejects()
    assert (reject.status, reject.rejected_on, reject.act_date, reject.reject_code, reject.nir) == \
        ("open", date(2026, 2, 3), "2026-01-30", "B2-123", "285037511504263")
    assert (store.cursor("payments"), store.as_of("rejects"), store.pending()) == ("c1", AS_OF, [item])
    store.close()


def test_the_actions_shown_are_the_pending_the_refused_until_dismissed_and_the_recently_sent(store):
    placed = store.enqueue("form_order", {"lines": [{"form": "feuille-soins", "quantity": 100}]})
    refused = store.enqueue("order_change", {"order_id": 9, "lines": []})
    sent = store.enqueue("order_cancel", {"order_id": 3})
    store.enqueue("message", {"subject": "Rejet", "body": "Bonjour"})  # another kind: not asked for
    store.mark_refused(refused, Problem(status=409, type="order-dispatched",
                                        detail="La commande est déjà partie."))
    store.mark_sent(sent, {"id": 3, "status": "cancelled"})
    kinds = ("form_order", "order_change", "order_cancel")
    shown = [(a.item.client_id, a.state, a.reason, a.result) for a in store.outbox.actions(kinds)]
    assert shown == [(placed.client_id, "pending", None, None),
                     (refused.client_id, "refused", "La commande est déjà partie.", None)]
    recent = store.outbox.actions(kinds, since=datetime(2000, 1, 1, tzinfo=timezone.utc))
    assert [(a.state, a.result) for a in recent][-1] == ("sent", {"id": 3})
    assert not store.outbox.dismiss(placed.id)  # still to send: withdrawn, not dismissed
    assert store.outbox.dismiss(refused.id)
    assert [a.state for a in store.outbox.actions(kinds)] == ["pending"]
