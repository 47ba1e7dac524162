"""The store's tables beyond payments and rejects: the account, ALD renewals, forms, messages, events,
activity. :class:`ServicesStore` is mixed into :class:`sync.store.Store`, which owns the connection.

Two shapes of domain: change feeds (form orders, message threads, events) are upserted page by page
with their cursor, as payments are; answers that are a picture of now (the account, the ALD window,
the catalogue, the activity figures) replace the previous picture whole, in one transaction, so a
screen never shows half of the old and half of the new.

Sealed (associated data ``<table>/<id>``): the masked IBAN (``me.bank_account``); an ALD renewal's patient (NIR, names,
birth date); a thread's subject and messages (a doctor writes about patients); an event's summary
(it may name the patient). The professional's own name and the order lines are not patient data and
stay clear.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sync.protocol import Activity, AldRenewal, Event, FormOrder, FormSpec, Me, Message, Thread
from sync.vault import Vault

__all__ = ["ServicesStore", "ThreadRecord", "EventRecord", "migrate_services"]


def migrate_services(db: sqlite3.Connection, _vault: Vault) -> None:
    """Migration 003: one table per remaining domain."""
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


@dataclass(frozen=True)
class ThreadRecord:
    id: int
    client_id: str
    subject: str
    reason: str
    reason_label: str
    status: str
    answer_due_on: date | None
    updated_at: datetime
    messages: list[Message]


@dataclass(frozen=True)
class EventRecord:
    seq: int
    at: datetime
    kind: str
    ref: str
    summary: str


class ServicesStore:
    """Apply and read the remaining domains; relies on the connection, vault and helpers of Store."""

    _db: sqlite3.Connection
    _vault: Vault

    if TYPE_CHECKING:
        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

        @staticmethod
        def _mark(db: sqlite3.Connection, domain: str, cursor: str | None, as_of: datetime) -> None: ...

    # -- pictures of now, replaced whole -----------------------------------------------------------

    def replace_me(self, me: Me, as_of: datetime) -> int:
        bank = self._vault.seal_text(me.bank_account, "me/1") if me.bank_account else None
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO me VALUES (1, ?, ?)",
                       (me.model_copy(update={"bank_account": None}).model_dump_json(), bank))
            self._mark(db, "me", None, as_of)
        return 1

    def me(self) -> Me | None:
        row = self._db.execute("SELECT * FROM me").fetchone()
        if row is None:
            return None
        bank = self._vault.open_text(row["bank_account"], "me/1") if row["bank_account"] else None
        return Me.model_validate_json(row["data"]).model_copy(update={"bank_account": bank})

    def replace_ald_renewals(self, items: Iterable[AldRenewal], as_of: datetime) -> int:
        """The ALD window is not a change feed: the new answer is the whole truth."""
        count = 0
        with self._transaction() as db:
            db.execute("DELETE FROM ald_renewals")
            for count, ald in enumerate(items, 1):
                patient = {"nir": ald.nir, "last_name": ald.last_name, "first_name": ald.first_name,
                           "birth_date": ald.birth_date}
                db.execute("INSERT INTO ald_renewals VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (count, ald.ald_number, ald.label, ald.start_date.isoformat(), ald.end_date.isoformat(),
                            ald.days_left, self._vault.seal_text(json.dumps(patient), f"ald_renewals/{count}")))
            self._mark(db, "ald", None, as_of)
        return count

    def ald_renewals(self) -> list[AldRenewal]:
        """Soonest end first."""
        return [AldRenewal(**json.loads(self._vault.open_text(r["patient"], f"ald_renewals/{r['id']}")),
                           ald_number=r["ald_number"], label=r["label"], start_date=r["start_date"],
                           end_date=r["end_date"], days_left=r["days_left"])
                for r in self._db.execute("SELECT * FROM ald_renewals ORDER BY end_date, id")]

    def replace_form_catalog(self, items: Iterable[FormSpec], as_of: datetime) -> int:
        with self._transaction() as db:
            db.execute("DELETE FROM form_catalog")
            rows = [(spec.id, position, spec.model_dump_json()) for position, spec in enumerate(items)]
            db.executemany("INSERT INTO form_catalog VALUES (?, ?, ?)", rows)
            self._mark(db, "forms", None, as_of)
        return len(rows)

    def form_catalog(self) -> list[FormSpec]:
        return [FormSpec.model_validate_json(data)
                for data, in self._db.execute("SELECT data FROM form_catalog ORDER BY position")]

    def replace_activity(self, activity: Activity, as_of: datetime) -> int:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO activity VALUES (1, ?)", (activity.model_dump_json(),))
            self._mark(db, "activity", None, as_of)
        return 1

    def activity(self) -> Activity | None:
        row = self._db.execute("SELECT data FROM activity").fetchone()
        return Activity.model_validate_json(row["data"]) if row else None

    # -- change feeds, upserted page by page with their cursor --------------------------------------

    def apply_orders(self, page: Iterable[FormOrder], next_cursor: str | None, as_of: datetime) -> int:
        count = 0
        with self._transaction() as db:
            for count, order in enumerate(page, 1):
                db.execute("INSERT OR REPLACE INTO form_orders VALUES (?, ?, ?, ?, ?, ?)",
                           (order.id, order.seq, order.client_id, order.status, order.placed_at.isoformat(),
                            order.model_dump_json()))
            self._mark(db, "orders", next_cursor, as_of)
        return count

    def form_orders(self, status: str | None = None) -> list[FormOrder]:
        """Newest first; ``status`` "placed" for those still modifiable."""
        sql, args = "SELECT data FROM form_orders", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        return [FormOrder.model_validate_json(data)
                for data, in self._db.execute(sql + " ORDER BY placed_at DESC, id DESC", args)]

    def apply_threads(self, page: Iterable[Thread], next_cursor: str | None, as_of: datetime) -> int:
        count = 0
        with self._transaction() as db:
            for count, thread in enumerate(page, 1):
                content = {"subject": thread.subject,
                           "messages": [m.model_dump(mode="json") for m in thread.messages]}
                db.execute("INSERT OR REPLACE INTO message_threads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (thread.id, thread.seq, thread.client_id, thread.status, thread.reason,
                            thread.reason_label,
                            thread.answer_due_on.isoformat() if thread.answer_due_on else None,
                            thread.created_at.isoformat(), thread.updated_at.isoformat(),
                            self._vault.seal_text(json.dumps(content), f"message_threads/{thread.id}")))
            self._mark(db, "messages", next_cursor, as_of)
        return count

    def threads(self) -> list[ThreadRecord]:
        """Most recently updated first."""
        records = []
        for r in self._db.execute("SELECT * FROM message_threads ORDER BY updated_at DESC, id DESC"):
            content = json.loads(self._vault.open_text(r["content"], f"message_threads/{r['id']}"))
            records.append(ThreadRecord(
                r["id"], r["client_id"], content["subject"], r["reason"], r["reason_label"], r["status"],
                date.fromisoformat(r["answer_due_on"]) if r["answer_due_on"] else None,
                datetime.fromisoformat(r["updated_at"]), [Message(**m) for m in content["messages"]]))
        return records

    def apply_events(self, page: Iterable[Event], next_cursor: str | None, as_of: datetime) -> int:
        count = 0
        with self._transaction() as db:
            for count, event in enumerate(page, 1):
                db.execute("INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?)",
                           (event.seq, event.at.isoformat(), event.kind, event.ref, event.professional,
                            self._vault.seal_text(event.summary, f"events/{event.seq}")))
            self._mark(db, "events", next_cursor, as_of)
        return count

    def events(self, limit: int = 200) -> list[EventRecord]:
        """Newest first."""
        return [EventRecord(r["seq"], datetime.fromisoformat(r["at"]), r["kind"], r["ref"],
                            self._vault.open_text(r["summary"], f"events/{r['seq']}"))
                for r in self._db.execute("SELECT * FROM events ORDER BY seq DESC LIMIT ?", (limit,))]
