"""The Forms presenter over a real store: an order asked goes to the outbox and the engine is asked to
send it; a change asked while the engine is sending the order waits for the pass to end, then changes
the order the back office made of it. The engine is played by the test (the store's own calls)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from services_store import filled_store

from desktop_app.main_window import MainWindow
from desktop_app.ops import OpRunner
from desktop_app.presenters.forms import FormsPresenter
from desktop_app.section_presenter import SectionSession, SyncPass
from desktop_app.session import Method, SessionUser

USER = SessionUser("810001234567", "Dr Jeanne Lefèvre-Dupré", "CPS", frozenset({"forms"}), "Cabinet des Tilleuls")
WAIT = 10_000


@pytest.fixture
def opened(qtbot, tmp_path):
    store = filled_store(tmp_path / "store.sqlite")
    window = MainWindow()
    qtbot.addWidget(window)
    ops = OpRunner(window)
    presenter = FormsPresenter(window, ops)
    asked: list[int] = []
    presenter.open(SectionSession(USER, Method.CARD, "reader", None, store, lambda: asked.append(1)))
    qtbot.waitUntil(lambda: presenter.view.model.rowCount() == 3, timeout=WAIT)
    yield presenter, store, asked
    ops.shutdown()
    store.close()


def choose(view, chosen):
    for form, combo in view.quantities.items():
        combo.setCurrentIndex(combo.findData(chosen.get(form, 0)))


def test_an_order_goes_to_the_outbox_and_the_engine_is_asked_to_send_it(qtbot, opened):
    presenter, store, asked = opened
    view = presenter.view
    choose(view, {"arret-travail": 50})
    qtbot.mouseClick(view.order_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4 and len(view.actions.buttons) == 0
                    and view.actions.isVisibleTo(view), timeout=WAIT)
    assert [(i.kind, i.payload) for i in store.pending()] == [
        ("form_order", {"lines": [{"form": "arret-travail", "quantity": 50}]})]
    assert asked == [1] and view.model.record(0).status == "pending"


def test_a_change_asked_while_the_order_is_being_sent_is_made_once_the_pass_ends(qtbot, opened):
    presenter, store, asked = opened
    view = presenter.view
    item = store.enqueue("form_order", {"lines": [{"form": "arret-travail", "quantity": 25}]})
    presenter.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=WAIT)
    store.mark_attempt(item)  # the engine is sending it
    view.table.selectRow(0)
    qtbot.mouseClick(view.change_button, Qt.MouseButton.LeftButton)
    choose(view, {"arret-travail": 75})
    qtbot.mouseClick(view.order_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "being sent" in view.outcome.text(), timeout=WAIT)
    assert [i.payload for i in store.pending()] == [{"lines": [{"form": "arret-travail", "quantity": 25}]}]

    store.mark_sent(item, {"id": 4})  # the back office placed it as order no. 4; the pass ends
    presenter.synced(SyncPass(frozenset({"outbox"}), {}))
    # the change is written on the pool; the engine is asked once its outcome is back on the GUI thread
    qtbot.waitUntil(lambda: asked == [1], timeout=WAIT)
    assert [(i.kind, i.payload) for i in store.pending()] == [
        ("order_change", {"order_id": 4, "lines": [{"form": "arret-travail", "quantity": 75}]})]
