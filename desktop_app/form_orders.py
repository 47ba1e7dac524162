"""Form orders as Commandes d'imprimés shows them, and the user's actions on them (no Qt).

The history joins what the back office has (``store.form_orders()``) with what waits in the outbox: an
order placed offline is listed at once, "waiting to be sent"; an order changed or cancelled offline
shows its change pending. An order the back office has not seen yet is revised in the outbox
(``revise_pending``) when it is changed or cancelled, so it leaves once, as it finally is; the same for
a change of an order waiting behind another change. The back office's rule is kept here too: an order
changes or is cancelled only while ``placed`` and before its ``modifiable_until`` (the earliest
dispatch); past that the back office refuses, and the refusal comes back with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.protocol import FormOrder, FormSpec
    from sync.store import OutboxAction, OutboxItem, Store

__all__ = ["ORDER_KINDS", "NotPlaced", "OrderRow", "SendingBegan", "cancel_order", "change_order", "check_quantities",
           "order_rows", "place_order"]

ORDER_KINDS = ("form_order", "order_change", "order_cancel")


class SendingBegan(Exception):
    """The order is being sent by the engine's pass under way: it cannot be revised now; once the pass
    ends it is either still waiting (revised then) or placed (changed then as a placed order)."""


class NotPlaced(Exception):
    """The order shown as waiting is no longer in the outbox and was not placed (refused, or withdrawn)."""


@dataclass(frozen=True)
class OrderRow:
    """One order of the history. ``status``: ``pending`` (placed on this workstation, not sent yet),
    ``placed``, ``dispatched`` or ``cancelled``. ``lines``: form id → quantity, as they will be once the
    changes waiting in the outbox are sent; ``change_pending``/``cancel_pending`` say such a change waits."""

    key: str  # "order/<id>" or "outbox/<id>"
    order_id: int | None
    outbox_id: int | None
    status: str
    placed_at: datetime
    lines: Mapping[str, int]
    modifiable_until: datetime | None = None
    dispatched_at: datetime | None = None
    cancelled_at: datetime | None = None
    change_pending: bool = False
    cancel_pending: bool = False
    titles: Mapping[str, str] = field(default_factory=dict)  # form id → title, as the back office wrote it

    def modifiable(self, now: datetime) -> bool:
        """Whether the user may still change or cancel it: not sent yet, or placed and not past the
        earliest dispatch (nor being cancelled)."""
        if self.status == "pending":
            return True
        return (self.status == "placed" and not self.cancel_pending and self.modifiable_until is not None
                and now < self.modifiable_until)


def check_quantities(chosen: Mapping[str, int], catalog: Sequence[FormSpec]) -> list[dict[str, Any]]:
    """The order's lines as the back office takes them, catalogue order, chosen quantities only (0: not
    ordered). ValueError for a form not in the catalogue, a quantity it is not sold by, or nothing chosen."""
    specs = {spec.id: spec for spec in catalog}
    for form, quantity in chosen.items():
        if form not in specs:
            raise ValueError(f"unknown form {form!r}")
        if quantity and quantity not in specs[form].quantities:
            raise ValueError(f"{form} is not sold by {quantity}")
    lines = [{"form": spec.id, "quantity": chosen[spec.id]} for spec in catalog if chosen.get(spec.id)]
    if not lines:
        raise ValueError("nothing ordered")
    return lines


def order_rows(orders: Iterable[FormOrder], actions: Iterable[OutboxAction]) -> list[OrderRow]:
    """The history: the orders waiting to be sent first (newest first), then the back office's (as the
    store lists them, newest first), each with the changes still waiting in ``actions`` applied."""
    pending = [a for a in actions if a.state == "pending"]
    changes: dict[int, dict[str, int]] = {}
    cancels: set[int] = set()
    for action in pending:
        if action.item.kind == "order_change":
            target = changes.setdefault(action.item.payload["order_id"], {})
            target.update({line["form"]: line["quantity"] for line in action.item.payload["lines"]})
        elif action.item.kind == "order_cancel":
            cancels.add(action.item.payload["order_id"])
    rows = [OrderRow(f"outbox/{a.item.id}", None, a.item.id, "pending", a.created_at,
                     {line["form"]: line["quantity"] for line in a.item.payload["lines"]})
            for a in reversed(pending) if a.item.kind == "form_order"]
    for order in orders:
        lines = {line.form: line.quantity for line in order.lines}
        if order.status == "placed" and order.id in changes:
            lines = {form: quantity for form, quantity in {**lines, **changes[order.id]}.items() if quantity}
        rows.append(OrderRow(
            f"order/{order.id}", order.id, None, order.status, order.placed_at, lines, order.modifiable_until,
            order.dispatched_at, order.cancelled_at, change_pending=order.status == "placed" and order.id in changes,
            cancel_pending=order.status == "placed" and order.id in cancels,
            titles={line.form: line.title for line in order.lines}))
    return rows


def place_order(store: Store, lines: list[dict[str, Any]]) -> OutboxItem:
    """Put a new order in the outbox (``lines`` from :func:`check_quantities`)."""
    return store.enqueue("form_order", {"lines": lines})


def change_order(store: Store, row: OrderRow, lines: list[dict[str, Any]]) -> None:
    """Change ``row`` to ``lines``: an order not sent yet is revised in the outbox; a placed order gets
    one change, merged into a change of it still waiting. :class:`SendingBegan` while the order is being
    sent (try again once the engine's pass ends); :class:`NotPlaced` if the back office refused it."""
    if row.outbox_id is not None:
        item = _pending_item(store, row.outbox_id)
        if item is not None:
            if not store.revise_pending(item, {"lines": lines}):
                raise SendingBegan()
            return
        row = _placed(store, row)
    assert row.order_id is not None, "a row is either the back office's or the outbox's"
    wanted = {line["form"]: line["quantity"] for line in lines}
    changes = {form: wanted.get(form, 0) for form in {*row.lines, *wanted}}  # 0 takes a line out
    waiting = _waiting(store, "order_change", row.order_id)
    if waiting is not None:
        merged = {line["form"]: line["quantity"] for line in waiting.payload["lines"]} | changes
        if store.revise_pending(waiting, {"order_id": row.order_id, "lines": _as_lines(merged)}):
            return
    store.enqueue("order_change", {"order_id": row.order_id, "lines": _as_lines(changes)})


def cancel_order(store: Store, row: OrderRow) -> bool:
    """Cancel ``row``: an order not sent yet leaves the outbox (True: nothing is sent); a placed order's
    waiting changes are withdrawn and its cancellation queued (False). Errors as for :func:`change_order`."""
    if row.outbox_id is not None:
        item = _pending_item(store, row.outbox_id)
        if item is not None:
            if not store.revise_pending(item, None):
                raise SendingBegan()
            return True
        row = _placed(store, row)
    assert row.order_id is not None, "a row is either the back office's or the outbox's"
    while (waiting := _waiting(store, "order_change", row.order_id)) is not None:
        if not store.revise_pending(waiting, None):
            break  # being sent: the cancellation follows it
    store.enqueue("order_cancel", {"order_id": row.order_id})
    return False


def _placed(store: Store, row: OrderRow) -> OrderRow:
    """``row``, an order shown as waiting that the engine has sent since, as the back office's order: it
    was placed with the lines shown. :class:`NotPlaced` if it was refused or withdrawn."""
    assert row.outbox_id is not None
    action = store.outbox.action(row.outbox_id)
    order_id = action.result.get("id") if action is not None and action.result else None
    if order_id is None:
        raise NotPlaced()
    return replace(row, order_id=order_id, outbox_id=None, status="placed")


def _as_lines(quantities: Mapping[str, int]) -> list[dict[str, Any]]:
    return [{"form": form, "quantity": quantity} for form, quantity in sorted(quantities.items())]


def _pending_item(store: Store, item_id: int) -> OutboxItem | None:
    """The outbox item ``item_id`` if it is still waiting; None once sent (or refused, or withdrawn)."""
    return next((item for item in store.pending() if item.id == item_id), None)


def _waiting(store: Store, kind: str, order_id: int) -> OutboxItem | None:
    """The last ``kind`` action on ``order_id`` still in the outbox, None if there is none."""
    found = [item for item in store.pending() if item.kind == kind and item.payload.get("order_id") == order_id]
    return found[-1] if found else None
