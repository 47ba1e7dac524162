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

One repository per concept, each writing by column name: :class:`Payments`, :class:`Rejects`,
:class:`PatientSituations`, :class:`Outbox` here, the back office's other domains in
:mod:`sync.store_services` (:class:`~sync.store_services.Feeds`, :class:`~sync.store_services.Pictures`),
the degraded invoices awaiting their document in :mod:`sync.awaiting` (``store.awaiting``),
the SCOR queue's rows in :mod:`sync.documents`. They share a :class:`~sync.database.Database` (one
connection per thread) and the schema of :mod:`sync.schema`; :class:`Store` opens the file and holds them.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal

import platformdirs

from sync.awaiting import AwaitingInvoices
from sync.database import Cursors, Database
from sync.errors import Problem
from sync.protocol import PatientSituation, Payment, Reject
from sync.protocol.search import fold, name_words
from sync.schema import MIGRATIONS, Migration, insert, kept_answer, migrate, name_tokens, sealed_result
from sync.store_services import Feeds, Pictures
from sync.vault import Vault, private_file, private_folder

__all__ = [
    "MIGRATIONS",
    "PAYMENT_ORDERS",
    "Marks",
    "Outbox",
    "OutboxAction",
    "OutboxItem",
    "PatientSituations",
    "PaymentFilter",
    "PaymentRecord",
    "PaymentTotals",
    "Payments",
    "RefusedItem",
    "RejectRecord",
    "RejectSort",
    "Rejects",
    "Store",
    "default_store_path",
]


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
class PaymentFilter:
    """Which payments a list shows: paid between ``date_from`` and ``date_to`` (inclusive), of ``patient``
    (a NIR, 13 or 15 characters, spaces allowed, or whole words of the name), with this invoice or batch
    number (leading zeros optional), of this ``kind``; None or empty: any."""

    date_from: date | None = None
    date_to: date | None = None
    patient: str | None = None
    invoice: str | None = None
    batch: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class PaymentTotals:
    """The payments a filter selects: how many, their sum, and both per kind (kind → (count, cents))."""

    count: int
    amount_cents: int
    by_kind: dict[str, tuple[int, int]]


# The orders of Payments.select (besides "patient", which opens the rows) and their column.
_ORDER_COLUMNS = {"date": "paid_on", "amount": "amount_cents", "kind": "kind", "invoice": "invoice_number",
                  "batch": "batch_number", "payer": "payer"}
PAYMENT_ORDERS = (*_ORDER_COLUMNS, "patient")


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
class OutboxAction:
    """An action of the user as the screens show it: waiting to be sent (``pending``), taken (``sent``,
    ``result`` holding the id of what the back office made or changed), or ``refused`` with ``reason``."""

    item: OutboxItem
    state: str  # pending, sent, refused
    created_at: datetime
    reason: str | None = None
    result: dict | None = None


@dataclass(frozen=True)
class RefusedItem:
    """An offline action the back office refused for good, with its French reason for the user."""

    item: OutboxItem
    reason: str
    type: str


_TOKENS_CACHED = 32_768  # patients whose search tokens are kept while the store is open

_NIR = re.compile(r"[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?", re.IGNORECASE)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Payments:
    """The payments received, sealed patient and keyed search tokens (the whole NIR, each word of the name)."""

    def __init__(self, database: Database, vault: Vault, cursors: Cursors) -> None:
        self._database, self._vault, self._cursors = database, vault, cursors
        # A practice's payments name a few thousand patients many times over: their tokens are made
        # once per patient, not once per payment (a group practice's first sync: 150,000 payments).
        self._tokens = functools.lru_cache(maxsize=_TOKENS_CACHED)(self._patient_tokens)

    def apply(self, page: Iterable[Payment], next_cursor: str | None, as_of: datetime) -> int:
        """Upsert a page of payments and move the cursor past it, atomically; returns the count."""
        with self._database.transaction() as tx:
            rows, terms = [], []
            for payment in page:
                nir_token, word_tokens = self._tokens(payment.patient_nir, payment.patient_name)
                rows.append(self._row(payment, nir_token))
                terms += [{"payment_id": payment.id, "token": token} for token in word_tokens]
            known = [(payment_id,) for (payment_id,) in tx.execute(  # only these have terms to replace
                "SELECT id FROM payments WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([row["id"] for row in rows]),))]
            tx.executemany("DELETE FROM payment_terms WHERE payment_id = ?", known)
            insert(tx, "payments", rows, replace=True)
            insert(tx, "payment_terms", terms)
            self._cursors.mark(tx, "payments", next_cursor, as_of)
        return len(rows)

    def _patient_tokens(self, nir: str | None, name: str | None) -> tuple[str | None, tuple[str, ...]]:
        """The search tokens of a payment's patient: his NIR's (its 13 characters) and his name's words'."""
        return (self._vault.search_token(nir[:13]) if nir else None), name_tokens(self._vault, name)

    def _row(self, payment: Payment, nir_token: str | None) -> dict[str, Any]:
        patient = None
        if payment.patient_nir or payment.patient_name:
            patient = self._vault.seal(json.dumps({"nir": payment.patient_nir, "name": payment.patient_name}).encode(),
                                       f"payments/{payment.id}".encode())
        return {"id": payment.id, "seq": payment.seq, "paid_on": payment.paid_on.isoformat(), "kind": payment.kind,
                "label": payment.label, "amount_cents": payment.amount_cents, "payer": payment.payer,
                "invoice_number": payment.invoice_number, "batch_number": payment.batch_number,
                "patient": patient, "patient_nir_token": nir_token}

    def search(self, *, date_from: date | None = None, date_to: date | None = None, patient: str | None = None,
               invoice: str | None = None, batch: str | None = None, kind: str | None = None, limit: int = 200,
               offset: int = 0) -> list[PaymentRecord]:
        """Newest first. ``patient`` is a NIR (13 or 15 digits) or whole words of the name, any order,
        folded as the back office folds them (:mod:`sync.protocol.search`): the same payments offline."""
        where, args = self._where(PaymentFilter(date_from, date_to, patient, invoice, batch, kind))
        sql = f"SELECT * FROM payments{where} ORDER BY paid_on DESC, id DESC LIMIT ? OFFSET ?"
        return [self._record(row) for row in self._database.connection.execute(sql, (*args, limit, offset))]

    def select(self, where: PaymentFilter, order: str = "date", descending: bool = True,
               kinds: Sequence[str] = ()) -> list[int]:
        """The ids of the payments ``where`` selects, sorted by ``order`` (one of :data:`PAYMENT_ORDERS`;
        ties newest first), without opening any: what a lazy list needs before it paints. ``kinds``
        ranks the kinds for the "kind" order (the user's words for them sort differently from the codes).

        "patient" is the one order the clear columns cannot give: every selected payment's patient is
        opened (one decryption each: 0.7–0.9 s for the 30,000 payments of the benchmark's large practice),
        so call it off the GUI thread."""
        clause, args = self._where(where)
        direction = "DESC" if descending else "ASC"
        if order == "patient":
            return self._by_patient(clause, args, descending)
        if order == "kind" and kinds:
            rank = "CASE kind " + " ".join("WHEN ? THEN ?" for _ in kinds) + f" ELSE {len(kinds)} END"
            column, args = rank, [*args, *(value for i, kind in enumerate(kinds) for value in (kind, i))]
        else:
            column = _ORDER_COLUMNS[order]
        sql = (f"SELECT id FROM payments{clause} ORDER BY {column} {direction}, paid_on {direction}, "
               f"id {direction}")
        cursor = self._database.connection.cursor()
        cursor.row_factory = None  # plain tuples: half the time of sqlite3.Row over 30,000 ids
        return [row[0] for row in cursor.execute(sql, args)]

    def _by_patient(self, clause: str, args: list[Any], descending: bool) -> list[int]:
        """Sorted by the patient's folded name, payments without a patient last either way."""
        keyed = []
        for row in self._database.connection.execute(f"SELECT id, paid_on, patient FROM payments{clause}", args):
            name = self._patient(row)["name"]
            keyed.append(((name is None) != descending, fold(name or ""), row["paid_on"], row["id"]))
        keyed.sort(reverse=descending)
        return [key[-1] for key in keyed]

    def totals(self, where: PaymentFilter) -> PaymentTotals:
        """How many payments ``where`` selects and their sum, in all and per kind, counted by SQLite."""
        clause, args = self._where(where)
        sql = f"SELECT kind, count(*), sum(amount_cents) FROM payments{clause} GROUP BY kind"
        by_kind = {kind: (count, cents) for kind, count, cents in self._database.connection.execute(sql, args)}
        return PaymentTotals(sum(c for c, _ in by_kind.values()), sum(s for _, s in by_kind.values()), by_kind)

    def records(self, ids: Iterable[int]) -> dict[int, PaymentRecord]:
        """The payments of ``ids`` by id, each patient opened: only these (an id deleted since is left out)."""
        rows = self._database.connection.execute(
            "SELECT * FROM payments WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
        return {row["id"]: self._record(row) for row in rows}

    def _where(self, where: PaymentFilter) -> tuple[str, list[Any]]:
        """The WHERE clause (with its leading space, or nothing) and its arguments for ``where``."""
        conditions, args = [], []
        if where.date_from:
            conditions.append("paid_on >= ?")
            args.append(where.date_from.isoformat())
        if where.date_to:
            conditions.append("paid_on <= ?")
            args.append(where.date_to.isoformat())
        if where.invoice:
            conditions.append("invoice_number = ?")
            args.append(where.invoice.strip().zfill(9))
        if where.batch:
            conditions.append("batch_number = ?")
            args.append(where.batch.strip().zfill(3))
        if where.kind:
            conditions.append("kind = ?")
            args.append(where.kind)
        if where.patient:
            compact = where.patient.replace(" ", "")
            if _NIR.fullmatch(compact):
                conditions.append("patient_nir_token = ?")  # the key is derived from the 13 characters
                args.append(self._vault.search_token(compact[:13]))
            else:
                for word in name_words(where.patient):
                    conditions.append("id IN (SELECT payment_id FROM payment_terms WHERE token = ?)")
                    args.append(self._vault.search_token(word))
        return (" WHERE " + " AND ".join(conditions) if conditions else ""), args

    def count(self) -> int:
        return self._database.connection.execute("SELECT count(*) FROM payments").fetchone()[0]

    def _patient(self, row: sqlite3.Row) -> dict[str, str | None]:
        if row["patient"] is None:
            return {"nir": None, "name": None}
        return json.loads(self._vault.open(row["patient"], f"payments/{row['id']}".encode()))

    def _record(self, row: sqlite3.Row) -> PaymentRecord:
        patient = self._patient(row)
        return PaymentRecord(row["id"], date.fromisoformat(row["paid_on"]), row["kind"], row["label"],
                             row["amount_cents"], row["payer"], row["invoice_number"], row["batch_number"],
                             patient["nir"], patient["name"])


RejectSort = Literal["rejected_on", "act_date", "amount", "invoice", "batch", "code"]
_REJECT_SORTS: dict[str, str] = {"rejected_on": "rejected_on", "act_date": "act_date", "amount": "amount_cents",
                                 "invoice": "invoice_number", "batch": "batch_number", "code": "reject_code"}


class Rejects:
    """The rejected invoices, the patient (NIR, birth date) sealed."""

    def __init__(self, database: Database, vault: Vault, cursors: Cursors) -> None:
        self._database, self._vault, self._cursors = database, vault, cursors

    def apply(self, page: Iterable[Reject], next_cursor: str | None, as_of: datetime) -> int:
        """Upsert a page of rejected invoices and move the cursor past it, atomically."""
        with self._database.transaction() as tx:
            count = insert(tx, "rejects", (self._row(reject) for reject in page), replace=True)
            self._cursors.mark(tx, "rejects", next_cursor, as_of)
        return count

    def _row(self, reject: Reject) -> dict[str, Any]:
        patient = self._vault.seal(json.dumps({"nir": reject.nir, "birth_date": reject.birth_date}).encode(),
                                   f"rejects/{reject.id}".encode())
        return {"id": reject.id, "seq": reject.seq, "status": reject.status,
                "rejected_on": reject.rejected_on.isoformat(), "batch_number": reject.batch_number,
                "invoice_number": reject.invoice_number, "act_date": reject.act_date.isoformat(),
                "act_code": reject.act_code, "amount_cents": reject.amount_cents, "reject_code": reject.reject_code,
                "label": reject.label, "patient": patient}

    def search(self, status: str | None = None) -> list[RejectRecord]:
        """Rejected invoices, newest first; ``status`` "open" for those still to correct."""
        sql, args = "SELECT * FROM rejects", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        return [self._record(row)
                for row in self._database.connection.execute(sql + " ORDER BY rejected_on DESC, id DESC", args)]

    def ids(self, status: str | None = None, sort: RejectSort = "rejected_on", descending: bool = True) -> list[int]:
        """The ids of the rejected invoices (``status`` "open": those still to correct) in the order asked,
        read from the clear columns: nothing is opened."""
        column = _REJECT_SORTS[sort]
        direction = "DESC" if descending else "ASC"
        sql, args = "SELECT id FROM rejects", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        sql += f" ORDER BY {column} {direction}, id {direction}"
        return [row_id for row_id, in self._database.connection.execute(sql, args)]

    def by_ids(self, ids: Iterable[int]) -> dict[int, RejectRecord]:
        """The records of ``ids``, opened one by one; an id not in the store is left out."""
        rows = self._database.connection.execute("SELECT * FROM rejects WHERE id IN (SELECT value FROM json_each(?))",
                                                 (json.dumps(list(ids)),))
        return {row["id"]: self._record(row) for row in rows}

    def newest_id(self) -> int:
        """The highest reject id in the store (0 when none): the back office numbers new rejects upwards."""
        return self._database.connection.execute("SELECT coalesce(max(id), 0) FROM rejects").fetchone()[0]

    def _record(self, row: sqlite3.Row) -> RejectRecord:
        patient = json.loads(self._vault.open(row["patient"], f"rejects/{row['id']}".encode()))
        return RejectRecord(row["id"], row["status"], date.fromisoformat(row["rejected_on"]), row["batch_number"],
                            row["invoice_number"], row["act_date"], row["act_code"], row["amount_cents"],
                            row["reject_code"], row["label"], patient["nir"], patient["birth_date"])


class PatientSituations:
    """The last situation read live for each patient (rights, médecin traitant), sealed, by NIR token."""

    def __init__(self, database: Database, vault: Vault) -> None:
        self._database, self._vault = database, vault

    def save(self, situation: PatientSituation, as_of: datetime) -> None:
        """Keep the last situation read for this patient, sealed."""
        token = self._vault.search_token(situation.nir.replace(" ", "")[:13])
        sealed = self._vault.seal(situation.model_dump_json().encode(), f"patient_situations/{token}".encode())
        with self._database.transaction() as tx:
            insert(tx, "patient_situations", [{"nir_token": token, "situation": sealed, "as_of": as_of.isoformat()}],
                   replace=True)

    def get(self, nir: str) -> tuple[PatientSituation, datetime] | None:
        """The last situation read for the patient with this NIR, and when it was read."""
        token = self._vault.search_token(nir.replace(" ", "")[:13])
        row = self._database.connection.execute("SELECT * FROM patient_situations WHERE nir_token = ?",
                                                (token,)).fetchone()
        if row is None:
            return None
        data = self._vault.open(row["situation"], f"patient_situations/{token}".encode())
        return PatientSituation.model_validate_json(data), datetime.fromisoformat(row["as_of"])

    def all(self) -> list[PatientSituation]:
        """Every situation kept (opens them all: for what must know every patient named, a support
        archive's redaction)."""
        return [PatientSituation.model_validate_json(self._vault.open(row["situation"],
                                                                      f"patient_situations/{row['nir_token']}".encode()))
                for row in self._database.connection.execute("SELECT nir_token, situation FROM patient_situations")]


class Outbox:
    """What the user did offline, in order, until the back office took it; then only its outcome, sealed."""

    def __init__(self, database: Database, vault: Vault) -> None:
        self._database, self._vault = database, vault

    def enqueue(self, kind: str, payload: dict) -> OutboxItem:
        """Keep an offline action until the back office took it; saved once this returns. The payload
        is sealed (a message body, a patient's name in it never reaches the disk in clear)."""
        client_id = str(uuid.uuid4())
        row = {"client_id": client_id, "kind": kind, "created_at": _now(),
               "payload": self._vault.seal_text(json.dumps(payload), f"outbox/{client_id}")}
        with self._database.transaction() as tx:
            insert(tx, "outbox", [row])
            item_id = tx.execute("SELECT last_insert_rowid()").fetchone()[0]
        return OutboxItem(item_id, client_id, kind, payload)

    def _item(self, row: sqlite3.Row) -> OutboxItem:
        payload = self._vault.open_text(row["payload"], f"outbox/{row['client_id']}")
        return OutboxItem(row["id"], row["client_id"], row["kind"], json.loads(payload))

    def pending(self) -> list[OutboxItem]:
        """What the back office has not acknowledged yet, oldest first."""
        return [self._item(r) for r in
                self._database.connection.execute("SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id")]

    def mark_attempt(self, item: OutboxItem) -> None:
        """Recorded before an item is first sent: from then on the server may hold it as it was."""
        with self._database.transaction() as tx:
            tx.execute("UPDATE outbox SET attempted_at = coalesce(attempted_at, ?) WHERE id = ?", (_now(), item.id))

    def forget_attempt(self, item: OutboxItem) -> None:
        """The sending never reached the back office (no connection was made): the item is as if never
        sent, and may be revised again."""
        with self._database.transaction() as tx:
            tx.execute("UPDATE outbox SET attempted_at = NULL WHERE id = ? AND sent_at IS NULL", (item.id,))

    def revise(self, item: OutboxItem, payload: dict | None) -> bool:
        """Change (``payload``) or withdraw (None) an offline action the back office has not seen yet,
        such as an order placed and changed before the network came back. False once a sending
        began: the change must then go to the back office as an action of its own."""
        with self._database.transaction() as tx:
            if payload is None:
                changed = tx.execute("DELETE FROM outbox WHERE id = ? AND sent_at IS NULL AND attempted_at IS NULL",
                                     (item.id,)).rowcount
            else:
                sealed = self._vault.seal_text(json.dumps(payload), f"outbox/{item.client_id}")
                changed = tx.execute("UPDATE outbox SET payload = ? WHERE id = ? AND sent_at IS NULL "
                                     "AND attempted_at IS NULL", (sealed, item.id)).rowcount
        return changed == 1

    def mark_sent(self, item: OutboxItem, answer: dict[str, Any]) -> None:
        """Acknowledged with ``answer``, of which only the id of what it made or changed is kept, sealed."""
        self._conclude(item, "sent", kept_answer(answer))

    def mark_refused(self, item: OutboxItem, problem: Problem) -> None:
        """Refused for good (an order changed after dispatch): its French reason is kept, sealed."""
        self._conclude(item, "refused", {"reason": problem.detail, "type": problem.type})

    def _conclude(self, item: OutboxItem, outcome: str, kept: dict) -> None:
        with self._database.transaction() as tx:
            tx.execute("UPDATE outbox SET sent_at = ?, outcome = ?, result = ? WHERE id = ? AND sent_at IS NULL",
                       (_now(), outcome, sealed_result(self._vault, item.client_id, kept), item.id))

    def actions(self, kinds: Iterable[str], *, since: datetime | None = None) -> list[OutboxAction]:
        """The actions of ``kinds`` to show, oldest first: every pending one, every refused one the user has
        not dismissed, and the sent ones created after ``since`` (None: none)."""
        kinds = list(kinds)
        rows = self._database.connection.execute(
            f"SELECT * FROM outbox WHERE kind IN ({', '.join('?' * len(kinds))}) AND dismissed_at IS NULL "
            "AND (sent_at IS NULL OR outcome = 'refused' OR created_at > ?) ORDER BY id",
            (*kinds, since.isoformat() if since else "9999"))
        return [self._action(row) for row in rows]

    def action(self, item_id: int) -> OutboxAction | None:
        """One action, whatever its state (None once withdrawn): what became of an order placed offline."""
        row = self._database.connection.execute("SELECT * FROM outbox WHERE id = ?", (item_id,)).fetchone()
        return self._action(row) if row is not None else None

    def _action(self, row: sqlite3.Row) -> OutboxAction:
        created = datetime.fromisoformat(row["created_at"])
        if row["sent_at"] is None:
            return OutboxAction(self._item(row), "pending", created)
        kept = json.loads(self._vault.open_text(row["result"], f"outbox/{row['client_id']}/result"))
        if row["outcome"] == "refused":
            return OutboxAction(self._item(row), "refused", created, reason=kept["reason"])
        return OutboxAction(self._item(row), "sent", created, result=kept)

    def dismiss(self, item_id: int) -> bool:
        """The user read a refused action's reason: it is no longer shown. False for an action still
        pending (it cannot be dismissed: withdraw it with :meth:`revise`)."""
        with self._database.transaction() as tx:
            return tx.execute("UPDATE outbox SET dismissed_at = ? WHERE id = ? AND sent_at IS NOT NULL",
                              (_now(), item_id)).rowcount == 1

    def refused(self) -> list[RefusedItem]:
        """What the back office refused, oldest first, so the screens can tell the user why."""
        refused = []
        for row in self._database.connection.execute("SELECT * FROM outbox WHERE outcome = 'refused' ORDER BY id"):
            kept = json.loads(self._vault.open_text(row["result"], f"outbox/{row['client_id']}/result"))
            refused.append(RefusedItem(self._item(row), kept["reason"], kept["type"]))
        return refused


class Marks:
    """Named numbers the screens keep on this workstation, per store: the newest reject the user has
    seen, the last event notified. They only move forward."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, name: str) -> int | None:
        row = self._database.connection.execute("SELECT value FROM marks WHERE name = ?", (name,)).fetchone()
        return row["value"] if row else None

    def advance(self, name: str, value: int) -> int | None:
        """Move ``name`` up to ``value`` (never back) and return what it was before (None: never set), in
        one transaction: two callers racing never both get the same "before"."""
        with self._database.transaction() as tx:
            row = tx.execute("SELECT value FROM marks WHERE name = ?", (name,)).fetchone()
            before = row["value"] if row else None
            tx.execute("INSERT INTO marks (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE "
                       "SET value = max(value, excluded.value)", (name, value))
        return before


class Store:
    """The store's repositories on one file, for any thread (:mod:`sync.database`). The methods with
    the older, flat names (``apply_payments``, ``pending``...) are the repositories' own, kept for the
    engine and the screens that call them."""

    def __init__(self, database: Database, vault: Vault) -> None:
        self.database = database
        self.cursors = Cursors(database)
        self.payments = Payments(database, vault, self.cursors)
        self.rejected_invoices = Rejects(database, vault, self.cursors)
        self.patients = PatientSituations(database, vault)
        self.outbox = Outbox(database, vault)
        self.feeds = Feeds(database, vault, self.cursors)
        self.pictures = Pictures(database, vault, self.cursors)
        self.marks = Marks(database)
        self.awaiting = AwaitingInvoices(database, vault, self.cursors)
        self.transaction, self.snapshot, self.close = database.transaction, database.snapshot, database.close
        self.cursor, self.as_of = self.cursors.cursor, self.cursors.as_of
        self.apply_payments, self.search_payments = self.payments.apply, self.payments.search
        self.apply_rejects, self.rejects = self.rejected_invoices.apply, self.rejected_invoices.search
        self.save_patient_situation, self.patient_situation = self.patients.save, self.patients.get
        self.enqueue, self.pending, self.refused = self.outbox.enqueue, self.outbox.pending, self.outbox.refused
        self.mark_attempt, self.revise_pending = self.outbox.mark_attempt, self.outbox.revise
        self.mark_sent, self.mark_refused = self.outbox.mark_sent, self.outbox.mark_refused
        self.apply_orders, self.form_orders = self.feeds.apply_orders, self.feeds.orders
        self.apply_threads, self.threads = self.feeds.apply_threads, self.feeds.threads
        self.apply_events, self.events = self.feeds.apply_events, self.feeds.events
        self.replace_me, self.me = self.pictures.replace_me, self.pictures.me
        self.replace_ald_renewals, self.ald_renewals = self.pictures.replace_ald_renewals, self.pictures.ald_renewals
        self.replace_form_catalog, self.form_catalog = self.pictures.replace_form_catalog, self.pictures.form_catalog
        self.replace_activity, self.activity = self.pictures.replace_activity, self.pictures.activity

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
        database = Database(path)
        if migrate(database.connection, vault, migrations):
            database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no page from before the upgrade stays
        return cls(database, vault)
