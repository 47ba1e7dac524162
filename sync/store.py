"""The local store: Cabinet's offline copy of the back office, one SQLite file per professional and
workstation, the single source of truth for the screens.

Health data never reaches the disk in clear: a payment's patient (NIR and name) is sealed by the
:class:`~sync.vault.Vault` with ``payments/<id>`` as associated data, and found again through keyed
search tokens (the whole NIR; each word of the name). Amounts, dates, invoice and batch numbers stay
in clear, indexed, as they identify no one without the patient.

The store's folder is its owner's only (0700) and its files too (0600, the ``-wal`` and ``-shm`` files
inheriting the database's mode); deleted rows are overwritten with zeros (``secure_delete``).

Every pull is applied with its cursor in one transaction (stage → apply → mark, Mozilla sync15 style):
a crash leaves either the old page and the old cursor or the new page and the new cursor, so a page
is never skipped and re-applying one is harmless (rows are upserted by server id). What the user does
offline goes to the outbox, in order, each item with a client id the server uses to apply it once;
once sent, only its outcome is kept (sent with the server's id, or refused with the reason), sealed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import platformdirs

from sync.errors import Problem
from sync.protocol import PatientSituation, Payment, Reject
from sync.protocol.search import name_words
from sync.store_services import ServicesStore, migrate_services
from sync.vault import Vault, private_file, private_folder

__all__ = ["Store", "PaymentRecord", "RejectRecord", "OutboxItem", "RefusedItem", "MIGRATIONS",
           "default_store_path"]

Migration = Callable[[sqlite3.Connection, Vault], None]  # in the migration's transaction, with the data key


def _001_payments_cursors_outbox(db: sqlite3.Connection, _vault: Vault) -> None:
    for statement in (
        """CREATE TABLE payments (
            id INTEGER PRIMARY KEY,            -- the server's id
            seq INTEGER NOT NULL,
            paid_on TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
            amount_cents INTEGER NOT NULL, payer TEXT NOT NULL,
            invoice_number TEXT, batch_number TEXT,
            patient BLOB,                      -- sealed {"nir", "name"}, associated data payments/<id>
            patient_nir_token TEXT)            -- search token of the NIR's 13 characters""",
        "CREATE INDEX payments_by_date ON payments(paid_on)",
        "CREATE INDEX payments_by_invoice ON payments(invoice_number)",
        "CREATE INDEX payments_by_batch ON payments(batch_number)",
        "CREATE INDEX payments_by_nir ON payments(patient_nir_token)",
        "CREATE TABLE payment_terms (payment_id INTEGER NOT NULL, token TEXT NOT NULL)",
        "CREATE INDEX payment_terms_by_token ON payment_terms(token, payment_id)",
        "CREATE INDEX payment_terms_by_payment ON payment_terms(payment_id)",
        """CREATE TABLE cursors (
            domain TEXT PRIMARY KEY, cursor TEXT, as_of TEXT NOT NULL)""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, payload TEXT NOT NULL,
            created_at TEXT NOT NULL, sent_at TEXT, result TEXT)""",
    ):
        db.execute(statement)


def _002_rejects(db: sqlite3.Connection, _vault: Vault) -> None:
    db.execute("""CREATE TABLE rejects (
        id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, status TEXT NOT NULL,
        rejected_on TEXT NOT NULL, batch_number TEXT, invoice_number TEXT, act_date TEXT,
        act_code TEXT, amount_cents INTEGER, reject_code TEXT, label TEXT,
        patient BLOB)                          -- sealed {"nir", "birth_date"}, rejects/<id>""")
    db.execute("CREATE INDEX rejects_by_status ON rejects(status, rejected_on)")


def _004_patient_situations(db: sqlite3.Connection, _vault: Vault) -> None:
    db.execute("""CREATE TABLE patient_situations (
        nir_token TEXT PRIMARY KEY,            -- search token of the NIR's 13 characters
        situation BLOB NOT NULL,               -- sealed PatientSituation, patient_situations/<token>
        as_of TEXT NOT NULL)""")


def _005_documents(db: sqlite3.Connection, _vault: Vault) -> None:
    """The SCOR queue (:mod:`sync.documents`): one row per justifying document, its id chosen here
    before the first request so that a retried upload never makes a second document on the server.
    The scan itself is a sealed file named by its SHA-256; the NIR is sealed, associated data
    ``documents/<id>``."""
    db.execute("""CREATE TABLE documents (
        id TEXT PRIMARY KEY,                   -- client-chosen (uuid4), the server's document id
        sha256 TEXT NOT NULL,                  -- of the plaintext PDF: the file's name
        size INTEGER NOT NULL, pages INTEGER NOT NULL,
        invoice_batch TEXT NOT NULL, invoice_number TEXT NOT NULL, invoice_date TEXT NOT NULL,
        invoice_nir BLOB NOT NULL,             -- sealed, documents/<id>
        status TEXT NOT NULL CHECK (status IN ('queued', 'uploading', 'accepted', 'rejected', 'failed')),
        reason TEXT,                           -- French: the server's, or why it cannot be sent
        ack TEXT,                              -- the server's last answer (JSON)
        created_at TEXT NOT NULL, sent_at TEXT)""")
    db.execute("CREATE INDEX documents_by_status ON documents(status, created_at)")
    db.execute("CREATE INDEX documents_by_sha256 ON documents(sha256)")


def _006_outbox_attempts(db: sqlite3.Connection, _vault: Vault) -> None:
    """When an item's first sending began: an action the server may hold can no longer be revised."""
    db.execute("ALTER TABLE outbox ADD COLUMN attempted_at TEXT")


def _kept_answer(answer: dict[str, Any]) -> dict[str, int | None]:
    """What is kept of the back office's answer to a sent item: the id of what it made or changed. The
    rest (for a message, the whole thread: subject, every message, patients' names) is the store's to
    pull into its own sealed table, never to keep here."""
    server_id = answer.get("id")
    return {"id": server_id if isinstance(server_id, int) else None}


def _sealed_result(vault: Vault, client_id: str, kept: dict) -> bytes:
    return vault.seal_text(json.dumps(kept), f"outbox/{client_id}/result")


def _007_outbox_outcomes_sealed(db: sqlite3.Connection, vault: Vault) -> None:
    """Items sent by older versions kept the server's whole answer in clear, and items queued before 003
    their payload: keep only the outcome (sent with the server's id, refused with the reason), sealed,
    and seal those payloads. ``secure_delete`` zeroes the old bytes; ``open`` then empties the WAL."""
    db.execute("ALTER TABLE outbox ADD COLUMN outcome TEXT CHECK (outcome IN ('sent', 'refused'))")
    for row in db.execute("SELECT id, client_id, payload, result FROM outbox").fetchall():
        if isinstance(row["payload"], str):
            db.execute("UPDATE outbox SET payload = ? WHERE id = ?",
                       (vault.seal_text(row["payload"], f"outbox/{row['client_id']}"), row["id"]))
        if row["result"] is None:
            continue
        answer = json.loads(row["result"])
        if "rejected" in answer:
            outcome, kept = "refused", {"reason": answer["rejected"], "type": answer["type"]}
        else:
            outcome, kept = "sent", _kept_answer(answer)
        db.execute("UPDATE outbox SET outcome = ?, result = ? WHERE id = ?",
                   (outcome, _sealed_result(vault, row["client_id"], kept), row["id"]))


def _name_terms(vault: Vault, payment_id: int, name: str | None) -> list[tuple[int, str]]:
    """The search tokens of a patient's name: one per folded word, as the back office matches them."""
    return [(payment_id, vault.search_token(word)) for word in set(name_words(name or ""))]


def _008_payment_terms_refolded(db: sqlite3.Connection, vault: Vault) -> None:
    """Older versions split names on spaces only (« Lefèvre-Dupré » was one word, « Lecœur » kept its
    ligature): every payment's tokens are made again from its sealed name with the shared folding."""
    db.execute("DELETE FROM payment_terms")
    for row in db.execute("SELECT id, patient FROM payments WHERE patient IS NOT NULL").fetchall():
        patient = json.loads(vault.open(row["patient"], f"payments/{row['id']}".encode()))
        db.executemany("INSERT INTO payment_terms VALUES (?, ?)", _name_terms(vault, row["id"], patient["name"]))


def _009_document_reason_codes(db: sqlite3.Connection, _vault: Vault) -> None:
    """Older versions stored a French sentence as the reason of a document whose scan file is gone: keep
    its code (``sync.errors.Reason.SCAN_FILE_MISSING``) instead, which the window puts in words. The
    server's own reasons stay as they are."""
    sentence = ("Le fichier du scan est introuvable sur ce poste : il ne peut pas être envoyé. "
                "Scannez de nouveau la feuille de soins et ajoutez-la à l'envoi.")
    db.execute("UPDATE documents SET reason = 'scan-file-missing' WHERE status = 'failed' AND reason = ?",
               (sentence,))


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("001_payments_cursors_outbox", _001_payments_cursors_outbox),
    ("002_rejects", _002_rejects),
    ("003_services", migrate_services),
    ("004_patient_situations", _004_patient_situations),
    ("005_documents", _005_documents),
    ("006_outbox_attempts", _006_outbox_attempts),
    ("007_outbox_outcomes_sealed", _007_outbox_outcomes_sealed),
    ("008_payment_terms_refolded", _008_payment_terms_refolded),
    ("009_document_reason_codes", _009_document_reason_codes),
)


def default_store_path(national_id: str, workstation: str) -> Path:
    """Where a professional's store lives on this workstation (the platform's user data folder)."""
    safe = re.sub(r"[^A-Za-z0-9_.@-]", "_", f"{national_id}@{workstation}")
    return Path(platformdirs.user_data_dir("cabinet", appauthor=False)) / "stores" / f"{safe}.sqlite"


@dataclass(frozen=True)
class PaymentRecord:
    id: int
    paid_on: date
    kind: str
    label: str
    amount_cents: int
    payer: str
    invoice_number: str | None
    batch_number: str | None
    patient_nir: str | None
    patient_name: str | None


@dataclass(frozen=True)
class RejectRecord:
    id: int
    status: str
    rejected_on: date
    batch_number: str | None
    invoice_number: str | None
    act_date: str | None
    act_code: str | None
    amount_cents: int | None
    reject_code: str | None
    label: str | None
    nir: str
    birth_date: str


@dataclass(frozen=True)
class OutboxItem:
    id: int
    client_id: str
    kind: str
    payload: dict


@dataclass(frozen=True)
class RefusedItem:
    """An offline action the back office refused for good, with its French reason for the user."""

    item: OutboxItem
    reason: str
    type: str


_NIR = re.compile(r"[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?", re.IGNORECASE)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Store(ServicesStore):
    """Open with :meth:`open`; an instance is used by one thread at a time (the engine's, or the GUI's)."""

    def __init__(self, connection: sqlite3.Connection, vault: Vault) -> None:
        self._db, self._vault = connection, vault

    @classmethod
    def open(cls, path: Path, vault: Vault, migrations: tuple[tuple[str, Migration], ...] = MIGRATIONS
             ) -> Store:
        """The store at ``path``, created or upgraded by the migrations it has not seen yet. Its folder
        and files are made private (0700, 0600), also when an older version left them readable."""
        private_folder(path.parent)
        private_file(path)  # made here, not by SQLite (0644): its -wal and -shm files take its mode
        for companion in ("-wal", "-shm", "-journal"):
            if (existing := path.with_name(path.name + companion)).exists():
                private_file(existing)
        connection = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # what the user was told is saved stays saved
        connection.execute("PRAGMA secure_delete=ON")  # a replaced or deleted value does not linger in free space
        if cls._migrate(connection, vault, migrations):
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no page from before the upgrade stays in the WAL
        return cls(connection, vault)

    @staticmethod
    def _migrate(connection: sqlite3.Connection, vault: Vault, migrations: tuple[tuple[str, Migration], ...]
                 ) -> bool:
        """Apply each migration not applied yet in its own transaction; whether any was."""
        connection.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {name for name, in connection.execute("SELECT name FROM _migrations")}
        todo = [(name, migrate) for name, migrate in migrations if name not in done]
        for name, migrate in todo:
            connection.execute("BEGIN IMMEDIATE")
            try:
                migrate(connection, vault)
                connection.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        return bool(todo)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- cursors -----------------------------------------------------------------------------------

    def cursor(self, domain: str) -> str | None:
        row = self._db.execute("SELECT cursor FROM cursors WHERE domain = ?", (domain,)).fetchone()
        return row["cursor"] if row else None

    def as_of(self, domain: str) -> datetime | None:
        """When ``domain`` was last brought up to date with the back office (UTC)."""
        row = self._db.execute("SELECT as_of FROM cursors WHERE domain = ?", (domain,)).fetchone()
        return datetime.fromisoformat(row["as_of"]) if row else None

    @staticmethod
    def _mark(db: sqlite3.Connection, domain: str, cursor: str | None, as_of: datetime) -> None:
        db.execute("INSERT INTO cursors VALUES (?, ?, ?) ON CONFLICT(domain) DO UPDATE SET "
                   "cursor = excluded.cursor, as_of = excluded.as_of", (domain, cursor, as_of.isoformat()))

    # -- payments ----------------------------------------------------------------------------------

    def apply_payments(self, page: Iterable[Payment], next_cursor: str | None, as_of: datetime) -> int:
        """Upsert a page of payments and move the cursor past it, atomically; returns the count."""
        count = 0
        with self._transaction() as db:
            for payment in page:
                patient = nir_token = None
                if payment.patient_nir or payment.patient_name:
                    patient = self._vault.seal(
                        json.dumps({"nir": payment.patient_nir, "name": payment.patient_name}).encode(),
                        f"payments/{payment.id}".encode())
                    nir_token = self._vault.search_token(payment.patient_nir[:13]) if payment.patient_nir else None
                db.execute(
                    "INSERT OR REPLACE INTO payments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (payment.id, payment.seq, payment.paid_on.isoformat(), payment.kind, payment.label,
                     payment.amount_cents, payment.payer, payment.invoice_number, payment.batch_number,
                     patient, nir_token))
                db.execute("DELETE FROM payment_terms WHERE payment_id = ?", (payment.id,))
                db.executemany("INSERT INTO payment_terms VALUES (?, ?)",
                               _name_terms(self._vault, payment.id, payment.patient_name))
                count += 1
            self._mark(db, "payments", next_cursor, as_of)
        return count

    def search_payments(self, *, date_from: date | None = None, date_to: date | None = None,
                        patient: str | None = None, invoice: str | None = None, batch: str | None = None,
                        limit: int = 200, offset: int = 0) -> list[PaymentRecord]:
        """Newest first. ``patient`` is a NIR (13 or 15 digits) or whole words of the name, any order,
        folded as the back office folds them (:mod:`sync.protocol.search`): the same payments offline."""
        where, args = [], []
        if date_from:
            where.append("paid_on >= ?")
            args.append(date_from.isoformat())
        if date_to:
            where.append("paid_on <= ?")
            args.append(date_to.isoformat())
        if invoice:
            where.append("invoice_number = ?")
            args.append(invoice.strip().zfill(9))
        if batch:
            where.append("batch_number = ?")
            args.append(batch.strip().zfill(3))
        if patient:
            compact = patient.replace(" ", "")
            if _NIR.fullmatch(compact):
                where.append("patient_nir_token = ?")  # the key is derived from the 13 characters
                args.append(self._vault.search_token(compact[:13]))
            else:
                for word in name_words(patient):
                    where.append("id IN (SELECT payment_id FROM payment_terms WHERE token = ?)")
                    args.append(self._vault.search_token(word))
        sql = "SELECT * FROM payments" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY paid_on DESC, id DESC LIMIT ? OFFSET ?"
        return [self._payment(row) for row in self._db.execute(sql, (*args, limit, offset))]

    def _payment(self, row: sqlite3.Row) -> PaymentRecord:
        patient = {"nir": None, "name": None}
        if row["patient"] is not None:
            patient = json.loads(self._vault.open(row["patient"], f"payments/{row['id']}".encode()))
        return PaymentRecord(row["id"], date.fromisoformat(row["paid_on"]), row["kind"], row["label"],
                             row["amount_cents"], row["payer"], row["invoice_number"], row["batch_number"],
                             patient["nir"], patient["name"])

    # -- rejects ----------------------------------------------------------------------------------

    def apply_rejects(self, page: Iterable[Reject], next_cursor: str | None, as_of: datetime) -> int:
        """Upsert a page of rejected invoices and move the cursor past it, atomically."""
        count = 0
        with self._transaction() as db:
            for reject in page:
                patient = self._vault.seal(json.dumps({"nir": reject.nir, "birth_date": reject.birth_date}).encode(),
                                           f"rejects/{reject.id}".encode())
                db.execute("INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (reject.id, reject.seq, reject.status, reject.rejected_on.isoformat(),
                            reject.batch_number, reject.invoice_number, reject.act_date.isoformat(),
                            reject.act_code, reject.amount_cents, reject.reject_code, reject.label, patient))
                count += 1
            self._mark(db, "rejects", next_cursor, as_of)
        return count

    def rejects(self, status: str | None = None) -> list[RejectRecord]:
        """Rejected invoices, newest first; ``status`` "open" for those still to correct."""
        sql, args = "SELECT * FROM rejects", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        records = []
        for row in self._db.execute(sql + " ORDER BY rejected_on DESC, id DESC", args):
            patient = json.loads(self._vault.open(row["patient"], f"rejects/{row['id']}".encode()))
            records.append(RejectRecord(row["id"], row["status"], date.fromisoformat(row["rejected_on"]),
                                        row["batch_number"], row["invoice_number"], row["act_date"],
                                        row["act_code"], row["amount_cents"], row["reject_code"], row["label"],
                                        patient["nir"], patient["birth_date"]))
        return records

    # -- patients' situations ----------------------------------------------------------------------

    def save_patient_situation(self, situation: PatientSituation, as_of: datetime) -> None:
        """Keep the last situation read for this patient (rights, médecin traitant), sealed."""
        token = self._vault.search_token(situation.nir.replace(" ", "")[:13])
        sealed = self._vault.seal(situation.model_dump_json().encode(), f"patient_situations/{token}".encode())
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO patient_situations VALUES (?, ?, ?)",
                       (token, sealed, as_of.isoformat()))

    def patient_situation(self, nir: str) -> tuple[PatientSituation, datetime] | None:
        """The last situation read for the patient with this NIR, and when it was read."""
        token = self._vault.search_token(nir.replace(" ", "")[:13])
        row = self._db.execute("SELECT * FROM patient_situations WHERE nir_token = ?", (token,)).fetchone()
        if row is None:
            return None
        data = self._vault.open(row["situation"], f"patient_situations/{token}".encode())
        return PatientSituation.model_validate_json(data), datetime.fromisoformat(row["as_of"])

    # -- outbox ------------------------------------------------------------------------------------

    def enqueue(self, kind: str, payload: dict) -> OutboxItem:
        """Keep an offline action until the back office took it; saved once this returns. The payload
        is sealed (a message body, a patient's name in it never reaches the disk in clear)."""
        client_id = str(uuid.uuid4())
        sealed = self._vault.seal_text(json.dumps(payload), f"outbox/{client_id}")
        with self._transaction() as db:
            item_id = db.execute("INSERT INTO outbox (client_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
                                 (client_id, kind, sealed, _now())).lastrowid
        return OutboxItem(item_id, client_id, kind, payload)

    def _item(self, row: sqlite3.Row) -> OutboxItem:
        payload = self._vault.open_text(row["payload"], f"outbox/{row['client_id']}")
        return OutboxItem(row["id"], row["client_id"], row["kind"], json.loads(payload))

    def pending(self) -> list[OutboxItem]:
        """What the back office has not acknowledged yet, oldest first."""
        return [self._item(r) for r in self._db.execute("SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id")]

    def mark_attempt(self, item: OutboxItem) -> None:
        """Recorded before an item is first sent: from then on the server may hold it as it was."""
        with self._transaction() as db:
            db.execute("UPDATE outbox SET attempted_at = coalesce(attempted_at, ?) WHERE id = ?", (_now(), item.id))

    def revise_pending(self, item: OutboxItem, payload: dict | None) -> bool:
        """Change (``payload``) or withdraw (None) an offline action the back office has not seen yet,
        such as an order placed and changed before the network came back. False once a sending
        began: the change must then go to the back office as an action of its own."""
        with self._transaction() as db:
            if payload is None:
                changed = db.execute("DELETE FROM outbox WHERE id = ? AND sent_at IS NULL AND attempted_at IS NULL",
                                     (item.id,)).rowcount
            else:
                sealed = self._vault.seal_text(json.dumps(payload), f"outbox/{item.client_id}")
                changed = db.execute("UPDATE outbox SET payload = ? WHERE id = ? AND sent_at IS NULL "
                                     "AND attempted_at IS NULL", (sealed, item.id)).rowcount
        return changed == 1

    def mark_sent(self, item: OutboxItem, answer: dict[str, Any]) -> None:
        """Acknowledged with ``answer``, of which only the id of what it made or changed is kept, sealed."""
        self._conclude(item, "sent", _kept_answer(answer))

    def mark_refused(self, item: OutboxItem, problem: Problem) -> None:
        """Refused for good (an order changed after dispatch): its French reason is kept, sealed."""
        self._conclude(item, "refused", {"reason": problem.detail, "type": problem.type})

    def _conclude(self, item: OutboxItem, outcome: str, kept: dict) -> None:
        with self._transaction() as db:
            db.execute("UPDATE outbox SET sent_at = ?, outcome = ?, result = ? WHERE id = ? AND sent_at IS NULL",
                       (_now(), outcome, _sealed_result(self._vault, item.client_id, kept), item.id))

    def refused(self) -> list[RefusedItem]:
        """What the back office refused, oldest first, so the screens can tell the user why."""
        refused = []
        for row in self._db.execute("SELECT * FROM outbox WHERE outcome = 'refused' ORDER BY id"):
            kept = json.loads(self._vault.open_text(row["result"], f"outbox/{row['client_id']}/result"))
            refused.append(RefusedItem(self._item(row), kept["reason"], kept["type"]))
        return refused
