"""Form orders joined with the outbox: an order placed offline is listed at once, changed or cancelled in
the outbox while it is not sent (one action leaves, as it finally is), and a placed order's changes
are merged or withdrawn rather than piled up. Over a real store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from services_store import CATALOG, NOW, ORDERS, filled_store

from desktop_app.form_orders import (ORDER_KINDS, NotPlaced, SendingBegan, cancel_order, change_order, check_quantities,
                                     order_rows, place_order)
from sync.backoffice import service_rules as rules
from sync.errors import Problem


@pytest.fixture
def store(tmp_path):
    opened = filled_store(tmp_path / "store.sqlite")
    yield opened
    opened.close()


def rows(store):
    return order_rows(store.form_orders(), store.outbox.actions(ORDER_KINDS))


def payloads(store):
    return [(item.kind, item.payload) for item in store.pending()]


def test_only_the_quantities_a_form_is_sold_by_make_lines_in_catalogue_order():
    assert check_quantities({"arret-travail": 50, "feuille-soins-medecin": 100, "entente-prealable": 0}, CATALOG) == [
        {"form": "feuille-soins-medecin", "quantity": 100}, {"form": "arret-travail", "quantity": 50}]
    for chosen in ({"arret-travail": 60}, {"inconnu": 50}, {"arret-travail": 0}, {}):
        with pytest.raises(ValueError):
            check_quantities(chosen, CATALOG)
    for spec in CATALOG:  # what the view offers is what the back office accepts
        rules.check_lines([(spec.id, quantity) for quantity in spec.quantities[:1]])


def test_the_history_lists_the_orders_waiting_first_then_the_back_offices_with_their_states(store):
    place_order(store, [{"form": "arret-travail", "quantity": 25}])
    listed = rows(store)
    assert [(row.order_id, row.status) for row in listed] == [(None, "pending"), (3, "placed"), (2, "dispatched"),
                                                              (1, "cancelled")]
    assert listed[0].lines == {"arret-travail": 25} and listed[0].modifiable(NOW)
    placed = listed[1]
    assert placed.modifiable(NOW) and not placed.modifiable(NOW + timedelta(hours=1))  # the earliest dispatch
    assert not listed[2].modifiable(NOW) and not listed[3].modifiable(NOW)


def test_an_order_not_sent_yet_is_revised_then_withdrawn_in_the_outbox(store):
    place_order(store, [{"form": "arret-travail", "quantity": 25}])
    change_order(store, rows(store)[0], [{"form": "arret-travail", "quantity": 50}])
    assert payloads(store) == [("form_order", {"lines": [{"form": "arret-travail", "quantity": 50}]})]
    assert cancel_order(store, rows(store)[0]) is True
    assert payloads(store) == [] and [row.status for row in rows(store)][0] == "placed"


def test_an_order_being_sent_cannot_be_revised_here(store):
    item = place_order(store, [{"form": "arret-travail", "quantity": 25}])
    store.mark_attempt(item)
    with pytest.raises(SendingBegan):
        change_order(store, rows(store)[0], [{"form": "arret-travail", "quantity": 50}])
    with pytest.raises(SendingBegan):
        cancel_order(store, rows(store)[0])
    assert len(store.pending()) == 1


def test_an_order_sent_meanwhile_is_changed_or_cancelled_as_placed_and_one_refused_is_said_so(store):
    item = place_order(store, [{"form": "arret-travail", "quantity": 25}])
    shown = rows(store)[0]  # read while it was waiting
    store.mark_attempt(item)
    store.mark_sent(item, {"id": 3, "status": "placed"})
    change_order(store, shown, [{"form": "arret-travail", "quantity": 50}])
    assert payloads(store) == [("order_change", {"order_id": 3, "lines": [{"form": "arret-travail", "quantity": 50}]})]
    assert cancel_order(store, shown) is False and payloads(store) == [("order_cancel", {"order_id": 3})]

    refused = place_order(store, [{"form": "arret-travail", "quantity": 25}])
    shown = rows(store)[0]
    store.mark_attempt(refused)
    store.mark_refused(refused, Problem(422, "invalid-order", "Quantité impossible."))
    with pytest.raises(NotPlaced):
        change_order(store, shown, [{"form": "arret-travail", "quantity": 50}])


def test_a_placed_orders_changes_merge_into_one_action_and_a_cancellation_withdraws_them(store):
    placed = rows(store)[0]
    change_order(store, placed, [{"form": "feuille-soins-medecin", "quantity": 200}])
    assert payloads(store) == [("order_change", {"order_id": 3, "lines": [
        {"form": "arret-travail", "quantity": 0}, {"form": "feuille-soins-medecin", "quantity": 200}]})]
    shown = rows(store)[0]
    assert shown.lines == {"feuille-soins-medecin": 200} and shown.change_pending

    change_order(store, shown, [{"form": "feuille-soins-medecin", "quantity": 150}, {"form": "arret-travail",
                                                                                      "quantity": 50}])
    assert payloads(store) == [("order_change", {"order_id": 3, "lines": [
        {"form": "arret-travail", "quantity": 50}, {"form": "feuille-soins-medecin", "quantity": 150}]})]

    cancel_order(store, rows(store)[0])
    assert payloads(store) == [("order_cancel", {"order_id": 3})]
    shown = rows(store)[0]
    assert shown.cancel_pending and not shown.modifiable(NOW)


def test_a_change_being_sent_is_followed_by_a_new_one(store):
    change_order(store, rows(store)[0], [{"form": "feuille-soins-medecin", "quantity": 200}])
    store.mark_attempt(store.pending()[0])
    change_order(store, rows(store)[0], [{"form": "feuille-soins-medecin", "quantity": 250}])
    assert [kind for kind, _ in payloads(store)] == ["order_change", "order_change"]
    assert rows(store)[0].lines == {"feuille-soins-medecin": 250}


def test_the_store_orders_are_the_seeded_ones(store):
    assert [order.id for order in store.form_orders()] == [order.id for order in ORDERS]
