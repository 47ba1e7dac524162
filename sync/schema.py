"""The local store's schema: every migration, in order, under the name it was released with, and the
runner that applies those a store has not seen yet (an older store upgrades itself at open).

A released migration is never edited: a change is a new one appended to :data:`MIGRATIONS`. Each
runs in its own transaction with the data key, since an upgrade may have to seal what an older
version kept in clear. The few helpers below say how a value is stored (a payment's name tokens, an
outbox item's sealed outcome): the migrations and the repositories share them, so both write the same.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any

from sync.protocol.search import name_words
from sync.vault import Vault

__all__ = ["MIGRATIONS", "Migration", "insert", "kept_answer", "migrate", "name_tokens", "sealed_result"]

Migration = Callable[[sqlite3.Connection, Vault], None]  # in the migration's transaction, with the data key


def insert(db: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]], *, replace: bool = False) -> int:
    """Insert ``rows`` (all with the same keys) into ``table`` by column name, so that a column added or
    moved later never shifts a value into the wrong place; ``replace`` upserts by primary key. The count.

    Not sqlite-utils' ``insert_all``, which writes the same named statement but made the large practice's
    first sync about 30% slower in ``make bench``; sqlite-utils serves the migration tests instead."""
    rows = list(rows)
    if rows:
        columns = list(rows[0])
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        db.executemany(f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
                       rows)
    return len(rows)


def name_tokens(vault: Vault, name: str | None) -> tuple[str, ...]:
    """The ``payment_terms`` tokens of a patient's name: one search token per folded word, as the back
    office matches them."""
    return tuple(vault.search_token(word) for word in set(name_words(name or "")))


def kept_answer(answer: dict[str, Any]) -> dict[str, int | None]:
    """What is kept of the back office's answer to a sent item: the id of what it made or changed. The
    rest (for a message, the whole thread: subject, every message, patients' names) is the store's to
    pull into its own sealed table, never to keep here."""
    server_id = answer.get("id")
    return {"id": server_id if isinstance(server_id, int) else None}


def sealed_result(vault: Vault, client_id: str, kept: dict) -> bytes:
    """An outbox item's outcome as stored: sealed, associated data ``outbox/<client id>/result``."""
    return vault.seal_text(json.dumps(kept), f"outbox/{client_id}/result")


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


def _003_services(db: sqlite3.Connection, _vault: Vault) -> None:
    """One table per remaining domain (:mod:`sync.store_services`)."""
    for statement in (
        "CREATE TABLE me (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, bank_account BLOB)",
        """CREATE TABLE ald_renewals (
            id INTEGER PRIMARY KEY, ald_number INTEGER NOT NULL, label TEXT NOT NULL,
            start_date TEXT NOT NULL, end_date TEXT NOT NULL, days_left INTEGER NOT NULL,
            patient BLOB NOT NULL)             -- sealed {nir, last_name, first_name, birth_date}""",
        "CREATE INDEX ald_by_end ON ald_renewals(end_date)",
        "CREATE TABLE form_catalog (id TEXT PRIMARY KEY, position INTEGER NOT NULL, data TEXT NOT NULL)",
        """CREATE TABLE form_orders (
            id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, client_id TEXT NOT NULL, status TEXT NOT NULL,
            placed_at TEXT NOT NULL, data TEXT NOT NULL)   -- the whole FormOrder, no patient in it""",
        "CREATE INDEX orders_by_status ON form_orders(status, placed_at)",
        """CREATE TABLE message_threads (
            id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, client_id TEXT NOT NULL, status TEXT NOT NULL,
            reason TEXT NOT NULL, reason_label TEXT NOT NULL, answer_due_on TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            content BLOB NOT NULL)             -- sealed {subject, messages}""",
        "CREATE INDEX threads_by_update ON message_threads(updated_at)",
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
            professional TEXT NOT NULL, summary BLOB NOT NULL)   -- sealed""",
        "CREATE INDEX events_by_at ON events(at)",
        "CREATE TABLE activity (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL)",
    ):
        db.execute(statement)


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
            outcome, kept = "sent", kept_answer(answer)
        db.execute("UPDATE outbox SET outcome = ?, result = ? WHERE id = ?",
                   (outcome, sealed_result(vault, row["client_id"], kept), row["id"]))


def _008_payment_terms_refolded(db: sqlite3.Connection, vault: Vault) -> None:
    """Older versions split names on spaces only (« Lefèvre-Dupré » was one word, « Lecœur » kept its
    ligature): every payment's tokens are made again from its sealed name with the shared folding."""
    db.execute("DELETE FROM payment_terms")
    for row in db.execute("SELECT id, patient FROM payments WHERE patient IS NOT NULL").fetchall():
        patient = json.loads(vault.open(row["patient"], f"payments/{row['id']}".encode()))
        insert(db, "payment_terms", [{"payment_id": row["id"], "token": token}
                                     for token in name_tokens(vault, patient["name"])])


def _009_document_reason_codes(db: sqlite3.Connection, _vault: Vault) -> None:
    """Older versions stored a French sentence as the reason of a document whose scan file is gone: keep
    its code (``sync.errors.Reason.SCAN_FILE_MISSING``) instead, which the window puts in words. The
    server's own reasons stay as they are."""
    sentence = ("Le fichier du scan est introuvable sur ce poste : il ne peut pas être envoyé. "
                "Scannez de nouveau la feuille de soins et ajoutez-la à l'envoi.")
    db.execute("UPDATE documents SET reason = 'scan-file-missing' WHERE status = 'failed' AND reason = ?",
               (sentence,))


def _010_outbox_dismissed(db: sqlite3.Connection, _vault: Vault) -> None:
    """A refused action's reason stays shown until the user has read it and dismissed it."""
    db.execute("ALTER TABLE outbox ADD COLUMN dismissed_at TEXT")


def _011_marks(db: sqlite3.Connection, _vault: Vault) -> None:
    """Named marks the window keeps on this workstation: the newest reject the user has seen, the last
    event notified (a number each, no health data)."""
    db.execute("CREATE TABLE marks (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")


def _012_awaiting_invoices(db: sqlite3.Connection, _vault: Vault) -> None:
    """The practice's degraded invoices awaiting their SCOR document (:mod:`sync.awaiting`), with their
    batch's ARL: the patient (NIR, name) sealed, associated data ``awaiting/<id>``, found through keyed
    tokens (each word of the name; each start of the NIR from 3 to 13 characters, so that a NIR typed
    partly finds it); batch, number, care date and amount in clear."""
    for statement in (
        """CREATE TABLE awaiting_invoices (
            id INTEGER PRIMARY KEY,            -- the server's id
            seq INTEGER NOT NULL,
            batch TEXT NOT NULL, number TEXT NOT NULL,
            care_date TEXT NOT NULL, amount_cents INTEGER NOT NULL,
            arl TEXT NOT NULL, arl_at TEXT, arl_reason TEXT,
            justified INTEGER NOT NULL,
            patient BLOB NOT NULL)             -- sealed {"nir", "name"}, awaiting/<id>""",
        "CREATE INDEX awaiting_by_invoice ON awaiting_invoices(batch, number)",
        "CREATE INDEX awaiting_by_date ON awaiting_invoices(justified, care_date)",
        "CREATE TABLE awaiting_terms (invoice_id INTEGER NOT NULL, token TEXT NOT NULL)",
        "CREATE INDEX awaiting_terms_by_token ON awaiting_terms(token, invoice_id)",
        "CREATE INDEX awaiting_terms_by_invoice ON awaiting_terms(invoice_id)",
    ):
        db.execute(statement)


def _013_document_lifecycle(db: sqlite3.Connection, _vault: Vault) -> None:
    """The SCOR queue's whole lifecycle (:mod:`sync.documents`): drafts without an invoice yet, the wait
    for the batch's acknowledgement (ARL), retries with backoff and the fall back to paper, retention
    and its audit log. SQLite cannot relax ``NOT NULL`` nor a ``CHECK``: the table is made again, with
    ``queued`` now ``ready`` and ``uploading`` now ``sending``."""
    db.execute("""CREATE TABLE documents_013 (
        id TEXT PRIMARY KEY,                   -- client-chosen (uuid4), the server's document id
        sha256 TEXT NOT NULL,                  -- of the plaintext PDF: the file's name
        size INTEGER NOT NULL, pages INTEGER NOT NULL,
        invoice_batch TEXT, invoice_number TEXT, invoice_date TEXT,   -- NULL: a draft not linked yet
        invoice_nir BLOB,                      -- sealed, documents/<id>; NULL unlinked or purged
        status TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'waiting_arl', 'sending', 'sent', 'accepted',
                                               'rejected', 'paper', 'failed', 'purged')),
        reason TEXT,                           -- the server's (French), a client code, or why on paper
        ack TEXT,                              -- the server's last answer (JSON)
        created_at TEXT NOT NULL, sent_at TEXT,
        flags TEXT,                            -- JSON: per page, the quality flags' codes
        source_name TEXT,                      -- the file it came from (its name may name the patient)
        origin_key TEXT,                       -- the scan folder's key of that file: taken once
        attempts INTEGER NOT NULL DEFAULT 0, first_failure_at TEXT, next_attempt_at TEXT,
        accepted_at TEXT, purged_at TEXT,
        replaces TEXT)                         -- the rejected document this one is sent again for""")
    db.execute("""INSERT INTO documents_013 (id, sha256, size, pages, invoice_batch, invoice_number, invoice_date,
                      invoice_nir, status, reason, ack, created_at, sent_at, accepted_at)
                  SELECT id, sha256, size, pages, invoice_batch, invoice_number, invoice_date, invoice_nir,
                         CASE status WHEN 'queued' THEN 'ready' WHEN 'uploading' THEN 'sending' ELSE status END,
                         reason, ack, created_at, sent_at, CASE status WHEN 'accepted' THEN sent_at END
                  FROM documents""")
    db.execute("DROP TABLE documents")
    db.execute("ALTER TABLE documents_013 RENAME TO documents")
    db.execute("CREATE INDEX documents_by_status ON documents(status, created_at)")
    db.execute("CREATE INDEX documents_by_sha256 ON documents(sha256)")
    db.execute("CREATE INDEX documents_by_invoice ON documents(invoice_number)")
    db.execute("CREATE INDEX documents_by_origin ON documents(origin_key)")
    db.execute("""CREATE TABLE document_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, document_id TEXT NOT NULL, event TEXT NOT NULL,
        detail TEXT)                           -- codes, batch and invoice numbers: never a NIR nor a name""")
    db.execute("CREATE INDEX document_audit_by_document ON document_audit(document_id, id)")


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("001_payments_cursors_outbox", _001_payments_cursors_outbox),
    ("002_rejects", _002_rejects),
    ("003_services", _003_services),
    ("004_patient_situations", _004_patient_situations),
    ("005_documents", _005_documents),
    ("006_outbox_attempts", _006_outbox_attempts),
    ("007_outbox_outcomes_sealed", _007_outbox_outcomes_sealed),
    ("008_payment_terms_refolded", _008_payment_terms_refolded),
    ("009_document_reason_codes", _009_document_reason_codes),
    ("010_outbox_dismissed", _010_outbox_dismissed),
    ("011_marks", _011_marks),
    ("012_awaiting_invoices", _012_awaiting_invoices),
    ("013_document_lifecycle", _013_document_lifecycle),
)


def migrate(db: sqlite3.Connection, vault: Vault, migrations: tuple[tuple[str, Migration], ...] = MIGRATIONS
            ) -> list[str]:
    """Apply, in order, each migration ``db`` has not recorded yet, each in its own transaction; the
    names applied. ``db`` is in autocommit mode (``isolation_level=None``)."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {name for name, in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, step in migrations:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            step(db, vault)
            insert(db, "_migrations", [{"name": name, "applied_at": datetime.now(timezone.utc).isoformat()}])
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        applied.append(name)
    return applied
