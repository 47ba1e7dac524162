"""Form orders, messages with the fund and the event feed on SQLite: the writes of :mod:`service_rules`,
shared by the storage (:mod:`.storage`) and the seed, each run inside the caller's transaction.

- :func:`advance_orders` moves the orders due to ``dispatched`` and writes their ``order_dispatched`` event;
- :func:`record_event` appends to the change feed (``/v1/events``) and is the one entry point other
  modules call (SCOR acceptance, new rejects).

Every synced row carries ``seq`` from the global change sequence (:func:`allocate_seq`), taken in the
transaction that writes it. Timestamps are epoch seconds (REAL); calendar dates ISO text.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from .. import service_rules as rules
from ..dates import answer_due_on
from ..storage import Row
from .changes import allocate_seq
from .database import Database
from .rows import changed_since

__all__ = ["record_event", "raise_ald_due_events", "has_due_ald", "has_due_orders", "advance_orders",
           "place_order", "change_order", "cancel_order", "load_orders", "open_thread", "add_message",
           "answer_thread", "load_threads", "SqliteForms", "SqliteMessages", "SqliteEvents"]


# --- events ----------------------------------------------------------------------------------------


def record_event(connection: sqlite3.Connection, practice_id: int, professional_id: int, kind: str, ref: str,
                 summary: str, at: float | None = None) -> int:
    """Append an event to the feed of ``professional_id`` and return its ``seq``.

    Call it inside the transaction that makes the change (so the event is visible exactly when the
    change is). ``ref`` names the resource under ``/v1`` (``documents/<id>``, ``rejects/<id>``…);
    ``summary`` is one plain French sentence for a notification."""
    rules.check_event(kind, summary)
    seq = allocate_seq(connection)
    connection.execute(
        "INSERT INTO events (practice_id, professional_id, kind, ref, summary, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (practice_id, professional_id, kind, ref, summary, time.time() if at is None else at, seq))
    return seq


_DUE_ALD = ("FROM ald a {join} WHERE a.practice_id = ? AND a.end_date BETWEEN ? AND ? AND NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.kind = 'ald_due' AND e.ref = 'ald/' || a.id)")


def _notice_window(today: date) -> tuple[str, str]:
    return today.isoformat(), (today + timedelta(days=rules.ALD_NOTICE_DAYS)).isoformat()


def raise_ald_due_events(connection: sqlite3.Connection, practice_id: int, today: date, at: float) -> int:
    """Write an ``ald_due`` event for each ALD of the practice entering its last 90 days that has none
    yet (M-3). Idempotent: run it as often as wanted, inside a transaction."""
    rows = connection.execute(
        "SELECT a.id, a.professional_id, a.ald_number, a.end_date, p.last_name, p.first_name "
        + _DUE_ALD.format(join="JOIN patients p ON p.practice_id = a.practice_id AND p.nir = a.patient_nir")
        + " ORDER BY a.end_date, a.id", (practice_id, *_notice_window(today))).fetchall()
    for row in rows:
        record_event(connection, practice_id, row["professional_id"], "ald_due", f"ald/{row['id']}",
                     rules.ald_summary(row["ald_number"], row["first_name"], row["last_name"], row["end_date"]), at)
    return len(rows)


def has_due_ald(connection: sqlite3.Connection, practice_id: int, today: date) -> bool:
    return connection.execute("SELECT 1 " + _DUE_ALD.format(join="") + " LIMIT 1",
                              (practice_id, *_notice_window(today))).fetchone() is not None


# --- form orders -----------------------------------------------------------------------------------


def _lines_of(connection: sqlite3.Connection, order_id: int) -> dict[str, int]:
    return {row["form"]: row["quantity"] for row in connection.execute(
        "SELECT form, quantity FROM form_order_lines WHERE order_id = ? ORDER BY form", (order_id,))}


def has_due_orders(connection: sqlite3.Connection, practice_id: int, now: float,
                   delay: float = rules.DISPATCH_DELAY) -> bool:
    return connection.execute(
        "SELECT 1 FROM form_orders WHERE practice_id = ? AND status = 'placed' AND placed_at + ? <= ? LIMIT 1",
        (practice_id, delay, now)).fetchone() is not None


def advance_orders(connection: sqlite3.Connection, practice_id: int, now: float,
                   delay: float = rules.DISPATCH_DELAY) -> int:
    """Mark the practice's orders placed at least ``delay`` ago as dispatched (at placed + delay) and
    write their events; inside a transaction. Returns how many moved."""
    rows = connection.execute(
        "SELECT id, professional_id, placed_at FROM form_orders WHERE practice_id = ? AND status = 'placed' "
        "AND placed_at + ? <= ? ORDER BY placed_at, id", (practice_id, delay, now)).fetchall()
    for row in rows:
        dispatched = row["placed_at"] + delay
        connection.execute("UPDATE form_orders SET status = 'dispatched', dispatched_at = ?, updated_at = ?, "
                           "seq = ? WHERE id = ?", (dispatched, dispatched, allocate_seq(connection), row["id"]))
        record_event(connection, practice_id, row["professional_id"], "order_dispatched",
                     f"forms/orders/{row['id']}", rules.order_summary(row["id"], _lines_of(connection, row["id"])),
                     dispatched)
    return len(rows)


def place_order(connection: sqlite3.Connection, *, practice_id: int, professional_id: int, placed_by: int,
                client_id: str, lines: dict[str, int], now: float, visible: set[int]) -> tuple[int, bool]:
    """Create the order (inside a transaction) or find the one already made with ``client_id``.

    Returns (order id, created). An existing order of a professional the caller may not see is
    :class:`ClientIdTaken`."""
    existing = connection.execute("SELECT id, professional_id FROM form_orders WHERE practice_id = ? "
                                  "AND client_id = ?", (practice_id, client_id)).fetchone()
    if existing is not None:
        if existing["professional_id"] not in visible:
            raise rules.ClientIdTaken("commande")
        return existing["id"], False
    order_id = connection.execute(
        "INSERT INTO form_orders (practice_id, professional_id, placed_by, client_id, status, placed_at, "
        "updated_at, seq) VALUES (?, ?, ?, ?, 'placed', ?, ?, ?)",
        (practice_id, professional_id, placed_by, client_id, now, now, allocate_seq(connection))).lastrowid
    connection.executemany("INSERT INTO form_order_lines (order_id, form, quantity) VALUES (?, ?, ?)",
                           [(order_id, form, quantity) for form, quantity in lines.items()])
    return order_id, True


def _modifiable(connection: sqlite3.Connection, order_id: int, practice_id: int, visible: set[int],
                now: float, delay: float) -> sqlite3.Row:
    advance_orders(connection, practice_id, now, delay)
    row = connection.execute("SELECT * FROM form_orders WHERE id = ? AND practice_id = ?",
                             (order_id, practice_id)).fetchone()
    if row is None or row["professional_id"] not in visible:
        raise rules.UnknownOrder()
    return row


def change_order(connection: sqlite3.Connection, *, order_id: int, practice_id: int, visible: set[int],
                 changes: dict[str, int], now: float, delay: float = rules.DISPATCH_DELAY) -> None:
    """Set the quantities in ``changes`` (0 removes the line); only while the order is ``placed``."""
    row = _modifiable(connection, order_id, practice_id, visible, now, delay)
    if row["status"] != "placed":
        raise rules.locked(row["status"])
    lines = rules.changed_lines(_lines_of(connection, order_id), changes)
    connection.execute("DELETE FROM form_order_lines WHERE order_id = ?", (order_id,))
    connection.executemany("INSERT INTO form_order_lines (order_id, form, quantity) VALUES (?, ?, ?)",
                           [(order_id, form, quantity) for form, quantity in sorted(lines.items())])
    connection.execute("UPDATE form_orders SET updated_at = ?, seq = ? WHERE id = ?",
                       (now, allocate_seq(connection), order_id))


def cancel_order(connection: sqlite3.Connection, *, order_id: int, practice_id: int, visible: set[int],
                 now: float, delay: float = rules.DISPATCH_DELAY) -> None:
    """Cancel a ``placed`` order; cancelling a cancelled order again is a no-op."""
    row = _modifiable(connection, order_id, practice_id, visible, now, delay)
    if row["status"] == "cancelled":
        return
    if row["status"] != "placed":
        raise rules.locked(row["status"])
    connection.execute("UPDATE form_orders SET status = 'cancelled', cancelled_at = ?, updated_at = ?, seq = ? "
                       "WHERE id = ?", (now, now, allocate_seq(connection), order_id))


def load_orders(connection: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, int]]:
    """The lines of the orders ``ids``: order id -> {form: quantity}."""
    if not ids:
        return {}
    lines: dict[int, dict[str, int]] = {i: {} for i in ids}
    for line in connection.execute(f"SELECT * FROM form_order_lines WHERE order_id IN ({','.join('?' * len(ids))}) "
                                   "ORDER BY order_id, form", ids):
        lines[line["order_id"]][line["form"]] = line["quantity"]
    return lines


# --- messages --------------------------------------------------------------------------------------


def _author(connection: sqlite3.Connection, professional_id: int) -> str:
    row = connection.execute("SELECT card_type, first_name, last_name FROM professionals WHERE id = ?",
                             (professional_id,)).fetchone()
    return rules.author_name(row["card_type"], row["first_name"], row["last_name"])


def open_thread(connection: sqlite3.Connection, *, practice_id: int, professional_id: int, author_id: int,
                client_id: str, subject: str, reason: str, body: str, now: float,
                visible: set[int]) -> tuple[int, bool]:
    """Create a thread with its first message (inside a transaction), or find the one made with
    ``client_id``. Returns (thread id, created)."""
    existing = connection.execute("SELECT id, professional_id FROM message_threads WHERE practice_id = ? "
                                  "AND client_id = ?", (practice_id, client_id)).fetchone()
    if existing is not None:
        if existing["professional_id"] not in visible:
            raise rules.ClientIdTaken("message")
        return existing["id"], False
    due = answer_due_on(now).isoformat()
    thread_id = connection.execute(
        "INSERT INTO message_threads (practice_id, professional_id, client_id, subject, reason, status, "
        "answer_due_on, created_at, updated_at, seq) VALUES (?, ?, ?, ?, ?, 'awaiting_answer', ?, ?, ?, ?)",
        (practice_id, professional_id, client_id, subject, reason, due, now, now, allocate_seq(connection))).lastrowid
    connection.execute("INSERT INTO messages (thread_id, client_id, direction, author, body, sent_at, answer_due_on) "
                       "VALUES (?, ?, 'to_fund', ?, ?, ?, ?)",
                       (thread_id, client_id, _author(connection, author_id), body, now, due))
    return thread_id, True


def add_message(connection: sqlite3.Connection, *, thread_id: int, practice_id: int, visible: set[int],
                author_id: int, client_id: str, body: str, now: float) -> bool:
    """Add the professional's message to a thread (reopening it); the same ``client_id`` again is a
    no-op. Returns whether a message was added."""
    thread = connection.execute("SELECT * FROM message_threads WHERE id = ? AND practice_id = ?",
                                (thread_id, practice_id)).fetchone()
    if thread is None or thread["professional_id"] not in visible:
        raise rules.UnknownThread()
    if connection.execute("SELECT 1 FROM messages WHERE thread_id = ? AND client_id = ?",
                          (thread_id, client_id)).fetchone():
        return False
    due = answer_due_on(now).isoformat()
    connection.execute("INSERT INTO messages (thread_id, client_id, direction, author, body, sent_at, answer_due_on) "
                       "VALUES (?, ?, 'to_fund', ?, ?, ?, ?)",
                       (thread_id, client_id, _author(connection, author_id), body, now, due))
    connection.execute("UPDATE message_threads SET status = 'awaiting_answer', answer_due_on = ?, updated_at = ?, "
                       "seq = ? WHERE id = ?", (due, now, allocate_seq(connection), thread_id))
    return True


def answer_thread(connection: sqlite3.Connection, thread_id: int, body: str, at: float,
                  author: str = "Service relations professionnels de santé", close: bool = False) -> None:
    """The fund answers a thread (the fund's side: seed, tests, a future agent console) and the
    professional's feed gets a ``message_answered`` event."""
    thread = connection.execute("SELECT * FROM message_threads WHERE id = ?", (thread_id,)).fetchone()
    if thread is None:
        raise ValueError(f"no thread {thread_id}")
    connection.execute("INSERT INTO messages (thread_id, direction, author, body, sent_at) "
                       "VALUES (?, 'from_fund', ?, ?, ?)", (thread_id, author, body, at))
    connection.execute("UPDATE message_threads SET status = ?, answer_due_on = NULL, updated_at = ?, seq = ? "
                       "WHERE id = ?", ("closed" if close else "answered", at, allocate_seq(connection), thread_id))
    record_event(connection, thread["practice_id"], thread["professional_id"], "message_answered",
                 f"messages/{thread_id}", f"La caisse a répondu à votre message « {thread['subject'][:120]} ».", at)


def load_threads(connection: sqlite3.Connection, ids: list[int]) -> dict[int, list[sqlite3.Row]]:
    """The messages of the threads ``ids``, oldest first: thread id -> rows."""
    if not ids:
        return {}
    messages: dict[int, list[sqlite3.Row]] = {i: [] for i in ids}
    for message in connection.execute(f"SELECT * FROM messages WHERE thread_id IN ({','.join('?' * len(ids))}) "
                                      "ORDER BY thread_id, sent_at, id", ids):
        messages[message["thread_id"]].append(message)
    return messages


# --- the storage's domains ---------------------------------------------------------------------------


class SqliteForms:
    def __init__(self, db: Database) -> None:
        self.db = db

    def form_orders(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                    status: str | None) -> list[Row]:
        return changed_since(self.db.connection, "form_orders", owners, practice_id, after, limit, status=status)

    def form_order(self, order_id: int) -> Row:
        return dict(self.db.connection.execute("SELECT * FROM form_orders WHERE id = ?", (order_id,)).fetchone())

    def order_lines(self, order_ids: list[int]) -> dict[int, dict[str, int]]:
        return load_orders(self.db.connection, order_ids)

    def place_order(self, *, practice_id: int, professional_id: int, placed_by: int, client_id: str,
                    lines: dict[str, int], now: float, visible: set[int]) -> tuple[int, bool]:
        with self.db.transaction() as tx:
            return place_order(tx, practice_id=practice_id, professional_id=professional_id,
                               placed_by=placed_by, client_id=client_id, lines=lines, now=now, visible=visible)

    def change_order(self, *, order_id: int, practice_id: int, visible: set[int], changes: dict[str, int],
                     now: float, delay: float) -> None:
        self._keeping_dispatch(change_order, order_id=order_id, practice_id=practice_id, visible=visible,
                               changes=changes, now=now, delay=delay)

    def cancel_order(self, *, order_id: int, practice_id: int, visible: set[int], now: float,
                     delay: float) -> None:
        self._keeping_dispatch(cancel_order, order_id=order_id, practice_id=practice_id, visible=visible,
                               now=now, delay=delay)

    def _keeping_dispatch(self, change: Callable[..., None], **arguments: Any) -> None:
        """Run ``change`` in a transaction; a refusal because the order is no longer ``placed`` (it was
        dispatched meanwhile) still commits the dispatch the check made before it is raised."""
        refusal = None
        with self.db.transaction() as tx:
            try:
                change(tx, **arguments)
            except rules.OrderLocked as locked:
                refusal = locked
        if refusal:
            raise refusal


class SqliteMessages:
    def __init__(self, db: Database) -> None:
        self.db = db

    def threads(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
                status: str | None) -> list[Row]:
        return changed_since(self.db.connection, "message_threads", owners, practice_id, after, limit,
                             status=status)

    def thread(self, thread_id: int) -> Row:
        return dict(self.db.connection.execute("SELECT * FROM message_threads WHERE id = ?",
                                               (thread_id,)).fetchone())

    def thread_messages(self, thread_ids: list[int]) -> dict[int, list[Row]]:
        return {i: [dict(m) for m in messages]
                for i, messages in load_threads(self.db.connection, thread_ids).items()}

    def open_thread(self, *, practice_id: int, professional_id: int, author_id: int, client_id: str,
                    subject: str, reason: str, body: str, now: float, visible: set[int]) -> tuple[int, bool]:
        with self.db.transaction() as tx:
            return open_thread(tx, practice_id=practice_id, professional_id=professional_id,
                               author_id=author_id, client_id=client_id, subject=subject, reason=reason,
                               body=body, now=now, visible=visible)

    def add_message(self, *, thread_id: int, practice_id: int, visible: set[int], author_id: int,
                    client_id: str, body: str, now: float) -> bool:
        with self.db.transaction() as tx:
            return add_message(tx, thread_id=thread_id, practice_id=practice_id, visible=visible,
                               author_id=author_id, client_id=client_id, body=body, now=now)


class SqliteEvents:
    def __init__(self, db: Database) -> None:
        self.db = db

    def catch_up(self, practice_id: int, now: float, today: date, dispatch_delay: float) -> None:
        db = self.db.connection
        if has_due_orders(db, practice_id, now, dispatch_delay) or has_due_ald(db, practice_id, today):
            with self.db.transaction() as tx:
                advance_orders(tx, practice_id, now, dispatch_delay)
                raise_ald_due_events(tx, practice_id, today, now)

    def events(self, owners: Iterable[int], practice_id: int, after: int, limit: int,
               kind: str | None) -> list[Row]:
        return changed_since(self.db.connection, "events", owners, practice_id, after, limit, kind=kind)
