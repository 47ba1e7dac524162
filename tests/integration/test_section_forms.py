"""Commandes d'imprimés end to end: the signed-in window, the real back office over HTTPS on loopback,
the emulated CPS in the private pcscd. Orders placed, changed and cancelled while the back office is
away reach it once it is back, each once, as they finally were; a change of an order dispatched
meanwhile comes back refused with the back office's reason, which the user reads and dismisses."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_sign_in import WAIT
from test_window import own_backoffice, sign_in, start_cabinet, synced  # noqa: F401 (fixtures)

from desktop_app.sections import Section
from desktop_app.status import SyncPhase
from sync.backoffice import service_rules as rules

pytestmark = pytest.mark.pcsc


def page_of(cabinet):
    cabinet.window.shell.show_section(Section.FORMS)
    return cabinet.controller.sections.presenters[Section.FORMS].view


def database(backoffice) -> sqlite3.Connection:
    connection = sqlite3.connect(backoffice.db_path, timeout=10)
    connection.row_factory = sqlite3.Row
    return connection


def orders_of(backoffice) -> dict[str, tuple[str, dict[str, int]]]:
    """The back office's orders by client id: status and lines."""
    with database(backoffice) as db:
        lines: dict[int, dict[str, int]] = {}
        for row in db.execute("SELECT order_id, form, quantity FROM form_order_lines"):
            lines.setdefault(row["order_id"], {})[row["form"]] = row["quantity"]
        return {row["client_id"]: (row["status"], lines.get(row["id"], {}))
                for row in db.execute("SELECT id, client_id, status FROM form_orders")}


def choose(page, chosen: dict[str, int]) -> None:
    for form, combo in page.quantities.items():
        combo.setCurrentIndex(combo.findData(chosen.get(form, 0)))


def order(qtbot, page, chosen: dict[str, int]) -> None:
    rows = page.model.rowCount()
    choose(page, chosen)
    qtbot.mouseClick(page.order_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == rows + 1, timeout=WAIT)


def select(page, key: str) -> None:
    page.table.selectRow(page.model.row_of(key))


def change(qtbot, page, key: str, chosen: dict[str, int]) -> None:
    """Change the order listed under ``key`` to ``chosen``; done once the history shows it so."""
    select(page, key)
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    choose(page, chosen)
    qtbot.mouseClick(page.order_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_lines(page, key) == chosen, timeout=WAIT)


def shown_lines(page, key: str) -> dict[str, int]:
    row = page.model.row_of(key)
    return dict(page.model.record(row).lines) if row is not None else {}


def test_orders_placed_changed_and_cancelled_offline_reach_the_back_office_once_as_they_finally_are(
        qtbot, start_cabinet, insert, own_backoffice):  # noqa: F811
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate, sync_interval_seconds=1)
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    page = page_of(cabinet)
    store = cabinet.controller._session.store
    qtbot.waitUntil(lambda: len(page.quantities) == len(rules.FORMS), timeout=WAIT)
    before = orders_of(own_backoffice)

    order(qtbot, page, {"arret-travail": 25})  # online: placed on the back office, then listed with its number
    qtbot.waitUntil(lambda: page.model.rowCount() and page.model.record(0).order_id is not None, timeout=WAIT)
    first = page.model.record(0)
    assert first.status == "placed" and "Ordered — can be changed until" in page.state_text(first)

    own_backoffice.stop()
    banner = cabinet.window.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.property("phase") == SyncPhase.OFFLINE.value, timeout=WAIT)
    qtbot.waitUntil(lambda: page.freshness.text().startswith("Offline — data from"), timeout=WAIT)  # still shown
    order(qtbot, page, {"feuille-soins-medecin": 100})
    second = page.model.record(0)
    assert second.status == "pending" and page.state_text(second) == "Waiting to be sent"
    assert page.actions.isVisible()
    change(qtbot, page, second.key, {"feuille-soins-medecin": 150, "ordonnance-bizone": 50})
    assert shown_lines(page, second.key) == {"feuille-soins-medecin": 150, "ordonnance-bizone": 50}
    change(qtbot, page, first.key, {"arret-travail": 50})
    change(qtbot, page, first.key, {"arret-travail": 75, "entente-prealable": 100})
    assert shown_lines(page, first.key) == {"arret-travail": 75, "entente-prealable": 100}
    order(qtbot, page, {"maladie-professionnelle": 25})  # then withdrawn: never sent
    third = page.model.record(0)
    select(page, third.key)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.row_of(third.key) is None, timeout=WAIT)
    assert [(item.kind, item.payload) for item in store.pending()] == [
        ("form_order", {"lines": [{"form": "feuille-soins-medecin", "quantity": 150},
                                  {"form": "ordonnance-bizone", "quantity": 50}]}),
        ("order_change", {"order_id": first.order_id, "lines": [{"form": "arret-travail", "quantity": 75},
                                                                {"form": "entente-prealable", "quantity": 100}]})]

    own_backoffice.start()
    qtbot.waitUntil(lambda: not store.pending() and not banner.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: all(page.model.record(r).status != "pending" for r in range(page.model.rowCount()))
                    and not page.model.record(0).change_pending, timeout=WAIT)
    after = orders_of(own_backoffice)
    new = {client_id: order for client_id, order in after.items() if client_id not in before}
    assert sorted(new.values(), key=str) == sorted([
        ("placed", {"arret-travail": 75, "entente-prealable": 100}),
        ("placed", {"feuille-soins-medecin": 150, "ordonnance-bizone": 50})], key=str)  # sent once each, C never
    shown = {page.model.record(r).order_id: dict(page.model.record(r).lines) for r in range(page.model.rowCount())}
    assert shown[first.order_id] == {"arret-travail": 75, "entente-prealable": 100}

    select(page, f"order/{first.order_id}")  # cancelled while the back office is away, then sent
    own_backoffice.stop()
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=WAIT)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.record(page.model.row_of(f"order/{first.order_id}")).cancel_pending,
                    timeout=WAIT)
    own_backoffice.start()
    qtbot.waitUntil(lambda: page.model.record(page.model.row_of(f"order/{first.order_id}")).status == "cancelled",
                    timeout=WAIT)
    cancelled = [order for client_id, order in orders_of(own_backoffice).items() if client_id not in before
                 and order[0] == "cancelled"]
    assert cancelled == [("cancelled", {"arret-travail": 75, "entente-prealable": 100})]


def test_a_change_of_an_order_dispatched_meanwhile_is_refused_with_its_reason_and_dismissed(
        qtbot, start_cabinet, insert, backoffice):  # noqa: F811
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    page = page_of(cabinet)
    qtbot.waitUntil(lambda: len(page.quantities) == len(rules.FORMS), timeout=WAIT)
    order(qtbot, page, {"protocole-soins-ald": 50})
    qtbot.waitUntil(lambda: page.model.record(0).order_id is not None, timeout=WAIT)
    placed = page.model.record(0)
    with database(backoffice) as db:  # the warehouse takes it: its earliest dispatch is now past
        db.execute("UPDATE form_orders SET placed_at = ? WHERE id = ?",
                   (time.time() - rules.DISPATCH_DELAY - 60, placed.order_id))

    select(page, placed.key)  # still changeable as far as this workstation knows
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    choose(page, {"protocole-soins-ald": 100})
    qtbot.mouseClick(page.order_button, Qt.MouseButton.LeftButton)
    reason = str(rules.OrderDispatched())
    qtbot.waitUntil(lambda: len(page.actions.buttons) == 1 and reason in [
        label.text() for label in page.actions.findChildren(QLabel) if label.isVisibleTo(page.actions)], timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.record(page.model.row_of(placed.key)).status == "dispatched", timeout=WAIT)
    assert orders_of(backoffice)[_client_id(backoffice, placed.order_id)] == ("dispatched", {"protocole-soins-ald": 50})

    (item_id, button), = page.actions.buttons.items()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: item_id not in page.actions.buttons, timeout=WAIT)
    refused = cabinet.controller._session.store.outbox.actions(["order_change"])
    assert [action.item.id for action in refused] == []  # dismissed: no longer shown


def _client_id(backoffice, order_id: int) -> str:
    with database(backoffice) as db:
        return db.execute("SELECT client_id FROM form_orders WHERE id = ?", (order_id,)).fetchone()[0]
