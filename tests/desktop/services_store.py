"""A real store filled as a sync would fill it, with the back office's own catalogue, orders in each state
and threads with the fund (protocol objects applied by ``store.apply_*``), for the Forms and Contact tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sync.backoffice import service_rules as rules
from sync.protocol import FormOrder, FormSpec, Message, Thread
from sync.protocol.services import OrderLine
from sync.store import Store
from sync.vault import Vault

from view_clock import MONDAY

NOW = MONDAY.astimezone(timezone.utc)
DOCTOR = "810001234567"
CATALOG = [FormSpec(id=f.id, title=f.title, cerfa=f.cerfa, description=f.description, unit=f.unit,
                    quantities=list(f.quantities)) for f in rules.FORMS]
DUE = date(2025, 11, 27)  # three working days after Monday 24 November 2025


def order(order_id: int, status: str, placed: datetime, lines: dict[str, int]) -> FormOrder:
    return FormOrder(
        id=order_id, seq=order_id, client_id=f"order-{order_id:04d}", professional=DOCTOR, placed_by=DOCTOR,
        status=status, placed_at=placed,
        modifiable_until=placed + timedelta(seconds=rules.DISPATCH_DELAY) if status == "placed" else None,
        dispatched_at=placed + timedelta(hours=1) if status == "dispatched" else None,
        cancelled_at=placed + timedelta(minutes=10) if status == "cancelled" else None,
        lines=[OrderLine(form=form, title=rules.FORMS_BY_ID[form].title, cerfa=rules.FORMS_BY_ID[form].cerfa,
                         quantity=quantity) for form, quantity in lines.items()])


ORDERS = [
    order(3, "placed", NOW - timedelta(minutes=20), {"feuille-soins-medecin": 100, "arret-travail": 25}),
    order(2, "dispatched", NOW - timedelta(days=12), {"entente-prealable": 50}),
    order(1, "cancelled", NOW - timedelta(days=30), {"ordonnance-bizone": 200}),
]


def thread(thread_id: int, status: str, subject: str, reason: str, messages: list[Message]) -> Thread:
    return Thread(id=thread_id, seq=thread_id, client_id=f"thread-{thread_id:04d}", professional=DOCTOR,
                  subject=subject, reason=reason, reason_label=rules.REASONS[reason], status=status,
                  answer_due_on=DUE if status == "awaiting_answer" else None, created_at=messages[0].sent_at,
                  updated_at=messages[-1].sent_at, messages=messages)


def message(message_id: int, direction: str, body: str, sent: datetime) -> Message:
    author = "Dr Jeanne Lefèvre-Dupré" if direction == "to_fund" else "CPAM de Paris"
    return Message(id=message_id, direction=direction, author=author, body=body, sent_at=sent,
                   answer_due_on=DUE if direction == "to_fund" else None)


THREADS = [
    thread(2, "awaiting_answer", "Lot 4521 rejeté en entier", "billing",
           [message(3, "to_fund", "Bonjour, tout le lot 4521 du 18/11 a été rejeté. Pouvez-vous me dire quelle "
                                  "facture est en cause ?", NOW - timedelta(hours=2))]),
    thread(1, "answered", "Virement de novembre", "payment_follow_up",
           [message(1, "to_fund", "Le virement du 15/11 n'est pas arrivé.", NOW - timedelta(days=6)),
            message(2, "from_fund", "Le virement est parti le 20/11 : il arrive sous 48 heures.",
                    NOW - timedelta(days=4))]),
]


def filled_store(path: Path) -> Store:
    store = Store.open(path, Vault(bytes(range(32))))
    store.replace_form_catalog(CATALOG, NOW)
    store.apply_orders(ORDERS, "c-orders", NOW)
    store.apply_threads(THREADS, "c-threads", NOW)
    return store
