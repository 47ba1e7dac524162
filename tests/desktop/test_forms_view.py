"""Commandes d'imprimés' page: the catalogue offers only the quantities each form is sold by, an order is
asked with what is chosen, the history says each order's state in words, and "Change" turns the
catalogue into the order's editor while the order may still change. Over a real store's rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from services_store import CATALOG, NOW, filled_store
from view_clock import Clock

from desktop_app.form_orders import ORDER_KINDS, order_rows, place_order
from desktop_app.views.forms import FormsView


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "store.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def page(qtbot, store, clock):
    view = FormsView(clock)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    view.set_catalog(store.form_catalog())
    view.set_orders(order_rows(store.form_orders(), store.outbox.actions(ORDER_KINDS)))
    return view


def cells(view, row):
    return [view.model.index(row, column).data() for column in range(view.model.columnCount())]


def choose(view, form, quantity):
    combo = view.quantities[form]
    combo.setCurrentIndex(combo.findData(quantity))


def test_the_orders_model_over_a_real_store_passes_the_model_tester(qtmodeltester, page, store):
    place_order(store, [{"form": "arret-travail", "quantity": 25}])
    page.set_orders(order_rows(store.form_orders(), store.outbox.actions(ORDER_KINDS)))
    qtmodeltester.check(page.model, force_py=True)
    assert page.model.rowCount() == 4


def test_each_form_offers_its_own_quantities_and_nothing_chosen_orders_nothing(page):
    for spec in CATALOG:
        combo = page.quantities[spec.id]
        assert [combo.itemData(i) for i in range(combo.count())] == [0, *spec.quantities]
        assert combo.itemText(1) == f"{spec.quantities[0]} {spec.unit}"
    assert not page.order_button.isEnabled()
    choose(page, "arret-travail", 50)
    assert page.order_button.isEnabled()


def test_order_emits_what_is_chosen(page, qtbot):
    choose(page, "arret-travail", 50)
    choose(page, "feuille-soins-medecin", 150)
    with qtbot.waitSignal(page.order_requested) as asked:
        qtbot.mouseClick(page.order_button, Qt.MouseButton.LeftButton)
    assert {form: quantity for form, quantity in asked.args[0].items() if quantity} == {
        "arret-travail": 50, "feuille-soins-medecin": 150}
    page.order_done("Envoyée.")
    assert not any(page.chosen().values()) and page.outcome.text() == "Envoyée."


def test_the_history_says_each_state_in_words(page):
    assert cells(page, 0)[0].startswith("No. 3") and "Feuille de soins — médecin : 100 feuillets" in cells(page, 0)[1]
    assert cells(page, 0)[2] == "Ordered — can be changed until 24/11 at 10 h 54"
    assert cells(page, 1)[2] == f"Dispatched on {(NOW - timedelta(days=12) + timedelta(hours=1)):%d/%m/%Y}"
    assert cells(page, 2)[2].startswith("Cancelled on ")


def test_change_fills_the_catalogue_with_the_order_and_saves_the_new_quantities(page, qtbot):
    page.table.selectRow(1)  # dispatched: no change
    assert not page.change_button.isEnabled() and not page.cancel_button.isEnabled()
    page.table.selectRow(0)
    assert page.change_button.isEnabled()
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert {f: q for f, q in page.chosen().items() if q} == {"feuille-soins-medecin": 100, "arret-travail": 25}
    assert page.order_button.text() == "Save the change" and page.keep_button.isVisible()
    assert page.editing_note.text() == "Changing order no. 3"
    choose(page, "arret-travail", 0)
    with qtbot.waitSignal(page.change_requested) as asked:
        qtbot.mouseClick(page.order_button, Qt.MouseButton.LeftButton)
    row, chosen = asked.args
    assert row.order_id == 3 and {f: q for f, q in chosen.items() if q} == {"feuille-soins-medecin": 100}
    qtbot.mouseClick(page.keep_button, Qt.MouseButton.LeftButton)
    assert page.order_button.text() == "Place the order" and not any(page.chosen().values())


def test_an_order_past_its_earliest_dispatch_can_no_longer_change(page, clock, store):
    clock.now = clock.now + timedelta(hours=1)
    page.set_orders(order_rows(store.form_orders(), store.outbox.actions(ORDER_KINDS)))
    page.table.selectRow(0)
    assert not page.change_button.isEnabled()
    assert cells(page, 0)[2] == "Ordered — being prepared for dispatch"


def test_cancel_emits_the_order_selected(page, qtbot):
    page.table.selectRow(0)
    with qtbot.waitSignal(page.cancel_requested) as asked:
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert asked.args[0].order_id == 3


def test_an_empty_store_says_so_and_clear_forgets_everything(qtbot, clock):
    view = FormsView(clock)
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible() and not view.table.isVisible() and not view._catalog.isVisible()
    view.set_catalog(CATALOG)
    choose(view, "arret-travail", 50)
    view.clear()
    assert view.quantities == {} and view.model.rowCount() == 0 and not view.actions.isVisible()
