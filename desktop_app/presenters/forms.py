"""Commandes d'imprimés: fills :class:`~desktop_app.views.forms.FormsView` from the store (the catalogue,
the orders, the outbox's order actions), read on the pool, and puts the user's orders, changes and
cancellations in the outbox (:mod:`desktop_app.form_orders`) before asking the engine to send them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..form_orders import (ORDER_KINDS, NotPlaced, OrderRow, SendingBegan, cancel_order, change_order, check_quantities,
                           order_rows, place_order)
from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SyncPass
from ..sections import Section
from ..status import SyncState, local_now
from ..views.forms import FormsView
from ..views.section_page import ActionLine
from .outbox import OutboxPresenter

if TYPE_CHECKING:
    from sync.protocol import FormSpec
    from sync.store import OutboxAction, Store

__all__ = ["FormsPresenter"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Picture:
    catalog: list[FormSpec]
    rows: list[OrderRow]
    actions: list[OutboxAction]


class FormsPresenter(OutboxPresenter):
    section = Section.FORMS
    domains = frozenset({"forms", "orders", "outbox"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = FormsView(clock)
        self.view.order_requested.connect(self._order)
        self.view.change_requested.connect(self._change)
        self.view.cancel_requested.connect(self._cancel)
        self.view.actions.dismissed.connect(self.dismiss)
        self._catalog: list[FormSpec] = []
        # an action waiting for the engine's pass under way to end (it was sending what the action revises)
        self._deferred: tuple[Callable[[Store], object], Callable[[Any], str]] | None = None
        window.shell.set_page(Section.FORMS, self.view)

    def reload(self) -> None:
        super().reload()
        session, since = self.session, self.since
        if session is None:
            return

        def read() -> _Picture:
            store = session.store
            actions = store.outbox.actions(ORDER_KINDS, since=since)
            return _Picture(store.form_catalog(), order_rows(store.form_orders(), actions), actions)

        self.run(read, self._show)

    def synced(self, sync_pass: SyncPass) -> None:
        """A pass ended: an action deferred because it was sending what it revises is done now."""
        super().synced(sync_pass)
        deferred, self._deferred = self._deferred, None
        if deferred is not None:
            self._act(*deferred)

    def forget(self) -> None:
        self._catalog, self._deferred = [], None
        self.view.clear()

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    # -- inside ------------------------------------------------------------------------------------

    def _show(self, picture: _Picture) -> None:
        self._catalog = picture.catalog
        self.view.set_catalog(picture.catalog)
        self.view.set_orders(picture.rows)
        self.view.actions.set_actions([self._line(action) for action in picture.actions])

    def _line(self, action: OutboxAction) -> ActionLine:
        payload = action.item.payload
        if action.item.kind == "form_order":
            what = self.tr("Order: %1").replace("%1", self._lines_text(payload["lines"]))
        elif action.item.kind == "order_change":
            what = self.tr("Change to order no. %1: %2").replace("%1", str(payload["order_id"])).replace(
                "%2", self._lines_text(payload["lines"]))
        else:
            what = self.tr("Cancellation of order no. %1").replace("%1", str(payload["order_id"]))
        return ActionLine(action.item.id, what, action.state, action.reason)

    def _lines_text(self, lines: list[dict[str, Any]]) -> str:
        titles = {spec.id: (spec.title, spec.unit) for spec in self._catalog}
        parts = []
        for line in lines:
            title, unit = titles.get(line["form"], (line["form"], ""))
            parts.append(self.tr("%1 removed").replace("%1", title) if not line["quantity"]
                         else f"{title} ({line['quantity']} {unit})".replace(" )", ")"))
        return ", ".join(parts)

    def _order(self, chosen: Mapping[str, int]) -> None:
        catalog, said = list(self._catalog), self.tr("Your order is kept on this workstation and sent to the "
                                                     "health insurance.")
        self._act(lambda store: place_order(store, check_quantities(chosen, catalog)), lambda _: said)

    def _change(self, row: OrderRow, chosen: Mapping[str, int]) -> None:
        catalog, said = list(self._catalog), self.tr("Your change is kept on this workstation and sent to the "
                                                     "health insurance.")
        self._act(lambda store: change_order(store, row, check_quantities(chosen, catalog)), lambda _: said)

    def _cancel(self, row: OrderRow) -> None:
        withdrawn = self.tr("The order was not sent yet: it is withdrawn, nothing will be sent.")
        queued = self.tr("Your cancellation is kept on this workstation and sent to the health insurance.")
        self._act(lambda store: cancel_order(store, row), lambda nothing_sent: withdrawn if nothing_sent else queued)

    def _act(self, work: Callable[[Store], object], said: Callable[[Any], str]) -> None:
        """``work(store)`` through :meth:`act`; ``said(its result)`` is shown. An order being sent is changed
        once the engine's pass ends (:meth:`synced`)."""
        def failed(error: BaseException) -> None:
            if isinstance(error, SendingBegan):
                self._deferred = (work, said)
                self.view.order_done(self.tr("This order is being sent right now: what you asked is applied as "
                                             "soon as the sending ends."))
                return
            if isinstance(error, NotPlaced):
                self.view.set_outcome(self.tr("This order was not placed: the reason is shown above."), "error")
            else:
                log.error("an order action could not be saved", exc_info=error)
                self.view.set_outcome(self.tr("The order could not be saved on this workstation: try again."), "error")
            self.reload()

        self.act(work, lambda result: self.view.order_done(said(result)), failed)
