"""The store's tables beyond payments and rejects: the account, ALD renewals, forms, messages, events,
activity, in two repositories held by :class:`sync.store.Store`, one per shape of domain:

- :class:`Feeds`: change feeds (form orders, message threads, events), upserted page by page with
  their cursor, as payments are;
- :class:`Pictures`: answers that are a picture of now (the account, the ALD window, the catalogue,
  the activity figures), each replacing the previous picture whole, in one transaction, so a screen
  never shows half of the old and half of the new.

Sealed (associated data ``<table>/<id>``): the masked IBAN (``me.bank_account``); an ALD renewal's patient (NIR, names,
birth date); a thread's subject and messages (a doctor writes about patients); an event's summary
(it may name the patient). The professional's own name and the order lines are not patient data and
stay clear.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sync.database import Cursors, Database
from sync.protocol import Activity, AldRenewal, Event, FormOrder, FormSpec, Me, Message, Thread
from sync.schema import insert
from sync.vault import Vault

__all__ = ["EventRecord", "Feeds", "Pictures", "ThreadRecord"]


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


class _Repository:
    def __init__(self, database: Database, vault: Vault, cursors: Cursors) -> None:
        self._database, self._vault, self._cursors = database, vault, cursors


class Pictures(_Repository):
    """The account, the ALD window, the forms catalogue, the activity figures: each replaced whole."""

    def replace_me(self, me: Me, as_of: datetime) -> int:
        bank = self._vault.seal_text(me.bank_account, "me/1") if me.bank_account else None
        with self._database.transaction() as tx:
            insert(tx, "me", [{"id": 1, "data": me.model_copy(update={"bank_account": None}).model_dump_json(),
                               "bank_account": bank}], replace=True)
            self._cursors.mark(tx, "me", None, as_of)
        return 1

    def me(self) -> Me | None:
        row = self._database.connection.execute("SELECT * FROM me").fetchone()
        if row is None:
            return None
        bank = self._vault.open_text(row["bank_account"], "me/1") if row["bank_account"] else None
        return Me.model_validate_json(row["data"]).model_copy(update={"bank_account": bank})

    def replace_ald_renewals(self, items: Iterable[AldRenewal], as_of: datetime) -> int:
        """The ALD window is not a change feed: the new answer is the whole truth."""
        with self._database.transaction() as tx:
            tx.execute("DELETE FROM ald_renewals")
            count = insert(tx, "ald_renewals", (self._ald_row(row_id, ald) for row_id, ald in enumerate(items, 1)))
            self._cursors.mark(tx, "ald", None, as_of)
        return count

    def _ald_row(self, row_id: int, ald: AldRenewal) -> dict:
        patient = {"nir": ald.nir, "last_name": ald.last_name, "first_name": ald.first_name,
                   "birth_date": ald.birth_date}
        return {"id": row_id, "ald_number": ald.ald_number, "label": ald.label,
                "start_date": ald.start_date.isoformat(), "end_date": ald.end_date.isoformat(),
                "days_left": ald.days_left,
                "patient": self._vault.seal_text(json.dumps(patient), f"ald_renewals/{row_id}")}

    def ald_renewals(self) -> list[AldRenewal]:
        """Soonest end first."""
        return [AldRenewal(**json.loads(self._vault.open_text(r["patient"], f"ald_renewals/{r['id']}")),
                           ald_number=r["ald_number"], label=r["label"], start_date=r["start_date"],
                           end_date=r["end_date"], days_left=r["days_left"])
                for r in self._database.connection.execute("SELECT * FROM ald_renewals ORDER BY end_date, id")]

    def replace_form_catalog(self, items: Iterable[FormSpec], as_of: datetime) -> int:
        with self._database.transaction() as tx:
            tx.execute("DELETE FROM form_catalog")
            count = insert(tx, "form_catalog", ({"id": spec.id, "position": position, "data": spec.model_dump_json()}
                                                for position, spec in enumerate(items)))
            self._cursors.mark(tx, "forms", None, as_of)
        return count

    def form_catalog(self) -> list[FormSpec]:
        return [FormSpec.model_validate_json(data) for data, in
                self._database.connection.execute("SELECT data FROM form_catalog ORDER BY position")]

    def replace_activity(self, activity: Activity, as_of: datetime) -> int:
        with self._database.transaction() as tx:
            insert(tx, "activity", [{"id": 1, "data": activity.model_dump_json()}], replace=True)
            self._cursors.mark(tx, "activity", None, as_of)
        return 1

    def activity(self) -> Activity | None:
        row = self._database.connection.execute("SELECT data FROM activity").fetchone()
        return Activity.model_validate_json(row["data"]) if row else None


class Feeds(_Repository):
    """Form orders, message threads and events: upserted page by page, each page with its cursor."""

    def apply_orders(self, page: Iterable[FormOrder], next_cursor: str | None, as_of: datetime) -> int:
        with self._database.transaction() as tx:
            count = insert(tx, "form_orders", ({"id": order.id, "seq": order.seq, "client_id": order.client_id,
                                                "status": order.status, "placed_at": order.placed_at.isoformat(),
                                                "data": order.model_dump_json()} for order in page), replace=True)
            self._cursors.mark(tx, "orders", next_cursor, as_of)
        return count

    def orders(self, status: str | None = None) -> list[FormOrder]:
        """Newest first; ``status`` "placed" for those still modifiable."""
        sql, args = "SELECT data FROM form_orders", ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        return [FormOrder.model_validate_json(data) for data, in
                self._database.connection.execute(sql + " ORDER BY placed_at DESC, id DESC", args)]

    def apply_threads(self, page: Iterable[Thread], next_cursor: str | None, as_of: datetime) -> int:
        with self._database.transaction() as tx:
            count = insert(tx, "message_threads", (self._thread_row(thread) for thread in page), replace=True)
            self._cursors.mark(tx, "messages", next_cursor, as_of)
        return count

    def _thread_row(self, thread: Thread) -> dict:
        content = {"subject": thread.subject, "messages": [m.model_dump(mode="json") for m in thread.messages]}
        return {"id": thread.id, "seq": thread.seq, "client_id": thread.client_id, "status": thread.status,
                "reason": thread.reason, "reason_label": thread.reason_label,
                "answer_due_on": thread.answer_due_on.isoformat() if thread.answer_due_on else None,
                "created_at": thread.created_at.isoformat(), "updated_at": thread.updated_at.isoformat(),
                "content": self._vault.seal_text(json.dumps(content), f"message_threads/{thread.id}")}

    def threads(self) -> list[ThreadRecord]:
        """Most recently updated first."""
        records = []
        for r in self._database.connection.execute("SELECT * FROM message_threads ORDER BY updated_at DESC, id DESC"):
            content = json.loads(self._vault.open_text(r["content"], f"message_threads/{r['id']}"))
            records.append(ThreadRecord(
                r["id"], r["client_id"], content["subject"], r["reason"], r["reason_label"], r["status"],
                date.fromisoformat(r["answer_due_on"]) if r["answer_due_on"] else None,
                datetime.fromisoformat(r["updated_at"]), [Message(**m) for m in content["messages"]]))
        return records

    def apply_events(self, page: Iterable[Event], next_cursor: str | None, as_of: datetime) -> int:
        with self._database.transaction() as tx:
            count = insert(tx, "events", ({"seq": event.seq, "at": event.at.isoformat(), "kind": event.kind,
                                           "ref": event.ref, "professional": event.professional,
                                           "summary": self._vault.seal_text(event.summary, f"events/{event.seq}")}
                                          for event in page), replace=True)
            self._cursors.mark(tx, "events", next_cursor, as_of)
        return count

    def events(self, limit: int = 200, after: int = 0) -> list[EventRecord]:
        """Newest first; only those whose ``seq`` is above ``after``."""
        return [EventRecord(r["seq"], datetime.fromisoformat(r["at"]), r["kind"], r["ref"],
                            self._vault.open_text(r["summary"], f"events/{r['seq']}"))
                for r in self._database.connection.execute(
                    "SELECT * FROM events WHERE seq > ? ORDER BY seq DESC LIMIT ?", (after, limit))]

    def newest_event(self) -> int:
        """The highest event ``seq`` in the store (0 when none)."""
        return self._database.connection.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
