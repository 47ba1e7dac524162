"""Form orders, messages with the fund, activity indicators, reimbursement history and the event feed:
their tables (migration ``004_forms_messages_activity``) and the rules that write them.

Rules kept here, not in the routes, so that the seed, the tests and other modules use the same ones:

- the forms catalogue (CERFA numbers where public) and the quantities each form is sold by;
- an order can be changed or cancelled until it is dispatched, which happens at the earliest
  :data:`DISPATCH_DELAY` seconds after it was placed (:func:`advance_orders` moves due orders to
  ``dispatched`` and writes their ``order_dispatched`` event);
- a message from the professional is due an answer three working days on (:func:`answer_due_on`:
  Saturdays, Sundays and French public holidays, Easter-based ones included, do not count);
- :func:`record_event` appends to the change feed (``/v1/events``) and is the one entry point other
  modules call (SCOR acceptance, new rejects).

Every synced row carries ``seq`` from the global change sequence (:func:`allocate_seq`), taken in the
transaction that writes it. Timestamps are epoch seconds (REAL); calendar dates ISO text.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo


from .changes import allocate_seq
from .db import migration
from .problems import Problem

__all__ = ["DISPATCH_DELAY", "FormSpec", "FORMS", "FORMS_BY_ID", "REASONS", "EVENT_KINDS", "CATEGORIES",
           "easter_sunday", "french_public_holidays", "is_working_day", "add_working_days", "answer_due_on",
           "record_event", "raise_ald_due_events", "advance_orders", "place_order", "change_order",
           "cancel_order", "load_orders", "open_thread", "add_message", "answer_thread", "load_threads",
           "paris_date", "iso_utc"]

#: an order leaves the warehouse at the earliest this long after it was placed (seconds)
DISPATCH_DELAY = 3600.0
MAX_BODY = 5000
ALD_NOTICE_DAYS = 90  # M-3: the médecin traitant is told 3 months before an ALD ends

try:
    PARIS: Any = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 (no tz database: fall back to UTC)
    PARIS = timezone.utc


def paris_date(ts: float) -> date:
    return datetime.fromtimestamp(ts, PARIS).date()


def iso_utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, timezone.utc)


# --- schema ----------------------------------------------------------------------------------------


@migration("004_forms_messages_activity")
def _services(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE form_orders (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),  -- whose forms (printed name)
            placed_by       INTEGER NOT NULL REFERENCES professionals(id),  -- the doctor or a delegated CPE
            client_id       TEXT NOT NULL,                 -- idempotency key chosen by the client
            status          TEXT NOT NULL CHECK (status IN ('placed', 'dispatched', 'cancelled')),
            placed_at       REAL NOT NULL,
            updated_at      REAL NOT NULL,
            dispatched_at   REAL,
            cancelled_at    REAL,
            seq             INTEGER NOT NULL UNIQUE,
            UNIQUE (practice_id, client_id)
        );
        CREATE INDEX form_orders_by_seq ON form_orders(professional_id, seq);
        CREATE INDEX form_orders_due ON form_orders(practice_id, status, placed_at);
        CREATE TABLE form_order_lines (
            order_id        INTEGER NOT NULL REFERENCES form_orders(id),
            form            TEXT NOT NULL,
            quantity        INTEGER NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (order_id, form)
        );

        CREATE TABLE message_threads (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            client_id       TEXT NOT NULL,
            subject         TEXT NOT NULL,
            reason          TEXT NOT NULL CHECK (reason IN ('billing', 'patient_rights', 'payment_follow_up',
                                                            'other')),
            status          TEXT NOT NULL CHECK (status IN ('awaiting_answer', 'answered', 'closed')),
            answer_due_on   TEXT,                          -- while awaiting an answer
            created_at      REAL NOT NULL,
            updated_at      REAL NOT NULL,
            seq             INTEGER NOT NULL UNIQUE,
            UNIQUE (practice_id, client_id)
        );
        CREATE INDEX message_threads_by_seq ON message_threads(professional_id, seq);
        CREATE TABLE messages (
            id              INTEGER PRIMARY KEY,
            thread_id       INTEGER NOT NULL REFERENCES message_threads(id),
            client_id       TEXT,                          -- the professional's messages: idempotency key
            direction       TEXT NOT NULL CHECK (direction IN ('to_fund', 'from_fund')),
            author          TEXT NOT NULL,
            body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
            sent_at         REAL NOT NULL,
            answer_due_on   TEXT,                          -- to_fund only
            UNIQUE (thread_id, client_id)
        );
        CREATE INDEX messages_by_thread ON messages(thread_id, sent_at, id);

        CREATE TABLE contract_indicators (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            program         TEXT NOT NULL CHECK (program IN ('rosp', 'optam')),
            period          TEXT NOT NULL,                 -- a year, e.g. '2025'
            code            TEXT NOT NULL,
            label           TEXT NOT NULL,
            value           REAL NOT NULL,
            target          REAL NOT NULL,
            unit            TEXT NOT NULL,                 -- '%' or 'points'
            higher_is_better INTEGER NOT NULL,
            UNIQUE (professional_id, program, period, code)
        );
        CREATE TABLE optam_contracts (
            professional_id INTEGER PRIMARY KEY REFERENCES professionals(id),
            adherent        INTEGER NOT NULL,
            since           TEXT
        );

        CREATE TABLE reimbursements (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            patient_nir     TEXT NOT NULL,
            care_date       TEXT NOT NULL,
            category        TEXT NOT NULL CHECK (category IN ('care', 'exam', 'drug')),
            label           TEXT NOT NULL,
            provider        TEXT NOT NULL,
            billed_cents    INTEGER NOT NULL,
            reimbursed_cents INTEGER NOT NULL,
            paid_on         TEXT NOT NULL
        );
        CREATE INDEX reimbursements_by_patient ON reimbursements(practice_id, patient_nir, care_date);
        CREATE TABLE history_access_log (              -- who read a patient's history, with which card
            id              INTEGER PRIMARY KEY,
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            patient_nir     TEXT NOT NULL,
            vitale_serial   TEXT NOT NULL,
            at              REAL NOT NULL
        );

        CREATE TABLE events (
            id              INTEGER PRIMARY KEY,
            practice_id     INTEGER NOT NULL REFERENCES practices(id),
            professional_id INTEGER NOT NULL REFERENCES professionals(id),
            kind            TEXT NOT NULL CHECK (kind IN ('reject_new', 'ald_due', 'message_answered',
                                'document_accepted', 'document_rejected', 'order_dispatched')),
            ref             TEXT NOT NULL,                 -- the resource under /v1, e.g. 'rejects/12'
            summary         TEXT NOT NULL,                 -- plain French
            at              REAL NOT NULL,
            seq             INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX events_by_seq ON events(professional_id, seq);
        CREATE INDEX events_by_ref ON events(kind, ref);

        CREATE INDEX IF NOT EXISTS invoices_by_care_date ON invoices(professional_id, care_date);
        """
    )


# --- forms catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    cerfa: str | None
    description: str
    unit: str
    quantities: tuple[int, ...]


FORMS: tuple[FormSpec, ...] = (
    FormSpec("feuille-soins-medecin", "Feuille de soins — médecin", "12541",
             "Feuille de soins papier pré-identifiée, pour les actes facturés sans carte Vitale.",
             "feuillets", tuple(range(50, 501, 50))),
    FormSpec("arret-travail", "Avis d'arrêt de travail", "10170",
             "Liasse en trois volets (service médical, employeur, assuré), quand l'arrêt en ligne "
             "n'est pas possible.", "liasses", (25, 50, 75, 100, 150, 200)),
    FormSpec("entente-prealable", "Demande d'entente préalable", "12039",
             "Pour les actes et prestations soumis à l'accord préalable de la caisse.",
             "feuillets", tuple(range(50, 251, 50))),
    FormSpec("protocole-soins-ald", "Protocole de soins (affection de longue durée)", "11626",
             "Protocole établi par le médecin traitant pour la prise en charge d'une ALD.",
             "liasses", (25, 50, 100)),
    FormSpec("maladie-professionnelle", "Déclaration de maladie professionnelle", "16130",
             "Déclaration de maladie professionnelle ou demande de reconnaissance.",
             "liasses", (25, 50)),
    FormSpec("certificat-at-mp", "Certificat médical accident du travail / maladie professionnelle", "11138",
             "Certificat initial, de prolongation ou final (AT/MP).", "liasses", (25, 50, 100)),
    FormSpec("ordonnance-bizone", "Ordonnance bizone", None,
             "Ordonnance en deux zones : soins en rapport avec l'ALD et soins sans rapport.",
             "feuillets", tuple(range(50, 501, 50))),
)
FORMS_BY_ID = {form.id: form for form in FORMS}

REASONS = {"billing": "Facturation", "patient_rights": "Droits d'un patient",
           "payment_follow_up": "Suivi des paiements", "other": "Autre demande"}
EVENT_KINDS = ("reject_new", "ald_due", "message_answered", "document_accepted", "document_rejected",
               "order_dispatched")
CATEGORIES = {"care": "Soins", "exam": "Examens", "drug": "Médicaments"}


# --- working days ----------------------------------------------------------------------------------


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@lru_cache(maxsize=64)
def french_public_holidays(year: int) -> frozenset[date]:
    """The eleven national public holidays (jours fériés) of ``year``; Alsace-Moselle's two extra days
    (Good Friday, 26 December) are not counted: a fund's answer delay is national."""
    easter = easter_sunday(year)
    return frozenset({
        date(year, 1, 1), easter + timedelta(days=1), date(year, 5, 1), date(year, 5, 8),
        easter + timedelta(days=39), easter + timedelta(days=50), date(year, 7, 14), date(year, 8, 15),
        date(year, 11, 1), date(year, 11, 11), date(year, 12, 25),
    })


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def answer_due_on(sent_at: float) -> date:
    """The date the fund owes an answer to a message sent at ``sent_at``: three working days on."""
    return add_working_days(paris_date(sent_at), 3)


# --- events ----------------------------------------------------------------------------------------


def record_event(connection: sqlite3.Connection, practice_id: int, professional_id: int, kind: str, ref: str,
                 summary: str, at: float | None = None) -> int:
    """Append an event to the feed of ``professional_id`` and return its ``seq``.

    Call it inside the transaction that makes the change (so the event is visible exactly when the
    change is). ``ref`` names the resource under ``/v1`` (``documents/<id>``, ``rejects/<id>``…);
    ``summary`` is one plain French sentence for a notification."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    if not summary or len(summary) > 500:
        raise ValueError("an event summary has 1 to 500 characters")
    seq = allocate_seq(connection)
    connection.execute(
        "INSERT INTO events (practice_id, professional_id, kind, ref, summary, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (practice_id, professional_id, kind, ref, summary, time.time() if at is None else at, seq))
    return seq


def _ald_summary(row: sqlite3.Row) -> str:
    end = date.fromisoformat(row["end_date"]).strftime("%d/%m/%Y")
    return (f"L'ALD n° {row['ald_number']} de {row['first_name']} {row['last_name'].upper()} prend fin le {end} : "
            f"préparez un protocole de soins argumenté pour son renouvellement.")


def raise_ald_due_events(connection: sqlite3.Connection, practice_id: int, today: date, at: float) -> int:
    """Write an ``ald_due`` event for each ALD of the practice entering its last 90 days that has none
    yet (M-3). Idempotent: run it as often as wanted, inside a transaction."""
    rows = connection.execute(
        "SELECT a.id, a.professional_id, a.ald_number, a.end_date, p.last_name, p.first_name FROM ald a "
        "JOIN patients p ON p.practice_id = a.practice_id AND p.nir = a.patient_nir "
        "WHERE a.practice_id = ? AND a.end_date BETWEEN ? AND ? AND NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.kind = 'ald_due' AND e.ref = 'ald/' || a.id) ORDER BY a.end_date, a.id",
        (practice_id, today.isoformat(), (today + timedelta(days=ALD_NOTICE_DAYS)).isoformat())).fetchall()
    for row in rows:
        record_event(connection, practice_id, row["professional_id"], "ald_due", f"ald/{row['id']}",
                     _ald_summary(row), at)
    return len(rows)


def has_due_ald(connection: sqlite3.Connection, practice_id: int, today: date) -> bool:
    return connection.execute(
        "SELECT 1 FROM ald a WHERE a.practice_id = ? AND a.end_date BETWEEN ? AND ? AND NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.kind = 'ald_due' AND e.ref = 'ald/' || a.id) LIMIT 1",
        (practice_id, today.isoformat(), (today + timedelta(days=ALD_NOTICE_DAYS)).isoformat())).fetchone() is not None


# --- form orders -----------------------------------------------------------------------------------


def _invalid_lines(detail: str) -> Problem:
    return Problem(422, "invalid-order", "Invalid order", detail)


def check_lines(lines: list[tuple[str, int]], *, removals: bool = False) -> dict[str, int]:
    """``lines`` as {form: quantity}, each form known and each quantity one it is sold by (0 removes a
    line when ``removals``); 422 problem otherwise."""
    result: dict[str, int] = {}
    for form_id, quantity in lines:
        form = FORMS_BY_ID.get(form_id)
        if form is None:
            raise _invalid_lines(f"Le formulaire « {form_id} » n'existe pas au catalogue.")
        if form_id in result:
            raise _invalid_lines(f"Le formulaire « {form.title} » figure deux fois dans la commande.")
        if quantity not in form.quantities and not (removals and quantity == 0):
            allowed = ", ".join(str(q) for q in form.quantities)
            raise _invalid_lines(f"Quantité {quantity} impossible pour « {form.title} » : choisissez parmi "
                                 f"{allowed} {form.unit}.")
        result[form_id] = quantity
    return result


def _order_summary(order_id: int, lines: dict[str, int]) -> str:
    parts = [f"{quantity} × {FORMS_BY_ID[form].title}" for form, quantity in sorted(lines.items())
             if form in FORMS_BY_ID]
    return f"Votre commande d'imprimés n° {order_id} est expédiée : " + ", ".join(parts) + "."


def _lines_of(connection: sqlite3.Connection, order_id: int) -> dict[str, int]:
    return {row["form"]: row["quantity"] for row in connection.execute(
        "SELECT form, quantity FROM form_order_lines WHERE order_id = ? ORDER BY form", (order_id,))}


def has_due_orders(connection: sqlite3.Connection, practice_id: int, now: float,
                   delay: float = DISPATCH_DELAY) -> bool:
    return connection.execute(
        "SELECT 1 FROM form_orders WHERE practice_id = ? AND status = 'placed' AND placed_at + ? <= ? LIMIT 1",
        (practice_id, delay, now)).fetchone() is not None


def advance_orders(connection: sqlite3.Connection, practice_id: int, now: float,
                   delay: float = DISPATCH_DELAY) -> int:
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
                     f"forms/orders/{row['id']}", _order_summary(row["id"], _lines_of(connection, row["id"])),
                     dispatched)
    return len(rows)


def place_order(connection: sqlite3.Connection, *, practice_id: int, professional_id: int, placed_by: int,
                client_id: str, lines: dict[str, int], now: float, visible: set[int]) -> tuple[int, bool]:
    """Create the order (inside a transaction) or find the one already made with ``client_id``.

    Returns (order id, created). An existing order of a professional the caller may not see is a 409."""
    existing = connection.execute("SELECT id, professional_id FROM form_orders WHERE practice_id = ? "
                                  "AND client_id = ?", (practice_id, client_id)).fetchone()
    if existing is not None:
        if existing["professional_id"] not in visible:
            raise Problem(409, "client-id-taken", "Client id already used",
                          "Cet identifiant de commande est déjà utilisé : générez-en un nouveau.")
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
        raise Problem(404, "order-unknown", "Unknown order", "Cette commande d'imprimés n'existe pas.")
    return row


def _locked(status: str) -> Problem:
    if status == "dispatched":
        return Problem(409, "order-dispatched", "Order already dispatched",
                       "Cette commande est déjà expédiée : elle ne peut plus être modifiée.")
    return Problem(409, "order-cancelled", "Order cancelled",
                   "Cette commande est annulée : passez une nouvelle commande.")


def change_order(connection: sqlite3.Connection, *, order_id: int, practice_id: int, visible: set[int],
                 changes: dict[str, int], now: float, delay: float = DISPATCH_DELAY) -> None:
    """Set the quantities in ``changes`` (0 removes the line); only while the order is ``placed``."""
    row = _modifiable(connection, order_id, practice_id, visible, now, delay)
    if row["status"] != "placed":
        raise _locked(row["status"])
    lines = _lines_of(connection, order_id)
    lines.update(changes)
    lines = {form: quantity for form, quantity in lines.items() if quantity}
    if not lines:
        raise _invalid_lines("Une commande garde au moins un formulaire : pour tout retirer, annulez-la.")
    connection.execute("DELETE FROM form_order_lines WHERE order_id = ?", (order_id,))
    connection.executemany("INSERT INTO form_order_lines (order_id, form, quantity) VALUES (?, ?, ?)",
                           [(order_id, form, quantity) for form, quantity in sorted(lines.items())])
    connection.execute("UPDATE form_orders SET updated_at = ?, seq = ? WHERE id = ?",
                       (now, allocate_seq(connection), order_id))


def cancel_order(connection: sqlite3.Connection, *, order_id: int, practice_id: int, visible: set[int],
                 now: float, delay: float = DISPATCH_DELAY) -> None:
    """Cancel a ``placed`` order; cancelling a cancelled order again is a no-op."""
    row = _modifiable(connection, order_id, practice_id, visible, now, delay)
    if row["status"] == "cancelled":
        return
    if row["status"] != "placed":
        raise _locked(row["status"])
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
    prefix = "Dr " if row["card_type"] in ("CPS", "CPF") else ""
    return f"{prefix}{row['first_name']} {row['last_name']}"


def open_thread(connection: sqlite3.Connection, *, practice_id: int, professional_id: int, author_id: int,
                client_id: str, subject: str, reason: str, body: str, now: float,
                visible: set[int]) -> tuple[int, bool]:
    """Create a thread with its first message (inside a transaction), or find the one made with
    ``client_id``. Returns (thread id, created)."""
    existing = connection.execute("SELECT id, professional_id FROM message_threads WHERE practice_id = ? "
                                  "AND client_id = ?", (practice_id, client_id)).fetchone()
    if existing is not None:
        if existing["professional_id"] not in visible:
            raise Problem(409, "client-id-taken", "Client id already used",
                          "Cet identifiant de message est déjà utilisé : générez-en un nouveau.")
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
        raise Problem(404, "thread-unknown", "Unknown thread", "Cette conversation n'existe pas.")
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
