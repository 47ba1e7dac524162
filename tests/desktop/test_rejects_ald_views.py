"""Rejets and ALD over a real store: the models (qtmodeltester), the new and the waiting rejects, the
detail of a reject and its "treated" request, the ALD window soonest first with what to do, and the
events notified once per store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from store_rows import AS_OF, event, reject, renewal
from view_clock import Clock

from desktop_app.models.ald import AldModel, ald_todo, days_left_text
from desktop_app.models.lazy import LazyTableModel
from desktop_app.models.rejects import TREATED_KIND, RejectQuery, RejectSource, reject_columns
from desktop_app.ops import OpRunner
from desktop_app.presenters.notifications import news
from desktop_app.presenters.rejects import seen_before
from desktop_app.sections import Section
from desktop_app.views.ald import AldView
from desktop_app.views.rejects import RejectsView
from sync.store import Store
from sync.vault import Vault

WAIT = 10_000
TODAY = date(2026, 11, 28)


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "store.sqlite", Vault(bytes(range(32))))
    opened.apply_rejects([reject(1), reject(2, reject_code="Z999", label="Prescripteur inconnu."),
                          reject(3, status="corrected"), reject(4, reject_code="D307")], "r1", AS_OF)
    yield opened
    opened.close()


@pytest.fixture
def ops(qapp) -> Iterator[OpRunner]:
    runner = OpRunner()
    yield runner
    runner.shutdown()


def loaded(qtbot, model: LazyTableModel, rows: int) -> None:
    qtbot.waitUntil(lambda: model.loaded and model.rowCount() == rows, timeout=WAIT)
    for row in range(rows):
        model.record(row)
    qtbot.waitUntil(lambda: all(model.record(row) is not None for row in range(rows)), timeout=WAIT)


def test_the_rejects_model_over_a_real_store_passes_the_model_tester(qtbot, qtmodeltester, ops, store):
    model = LazyTableModel(ops, reject_columns())
    model.set_query(RejectQuery(open_only=False))
    model.set_source(RejectSource(store, seen=2))
    loaded(qtbot, model, 4)
    qtmodeltester.check(model, force_py=True)
    model.set_query(RejectQuery(open_only=True))
    loaded(qtbot, model, 3)
    qtmodeltester.check(model, force_py=True)


def test_new_rejects_are_the_open_ones_after_the_last_seen_and_a_treated_mark_waits(qtbot, ops, store):
    store.enqueue(TREATED_KIND, {"reject_id": 1})
    model = LazyTableModel(ops, reject_columns())
    model.set_query(RejectQuery(open_only=False))
    model.set_source(RejectSource(store, seen=1))
    loaded(qtbot, model, 4)
    states = {model.key(row): model.record(row).state for row in range(4)}
    assert states == {1: "waiting", 2: "new", 3: "treated", 4: "new"}
    assert model.summary.shown == 4 and model.summary.new == 2
    texts = [model.data(model.index(row, 0)) for row in range(4)]
    assert texts == ["Treated, to send", "New", "Treated", "New"]
    assert model.data(model.index(0, 2)) == "2 85 03 75 115 042 63"
    assert model.data(model.index(0, 4)) == "19/11/2026 · act G"
    assert model.data(model.index(0, 5)) == "30,01\u00a0€"
    assert model.data(model.index(0, 6)) == "000001001 / 001" and model.data(model.index(0, 7)) == "Rights closed"
    model.sort(5, Qt.SortOrder.DescendingOrder)  # by amount, the whole selection
    qtbot.waitUntil(lambda: [model.key(row) for row in range(4)] == [4, 3, 2, 1], timeout=WAIT)


def test_the_seen_mark_moves_only_when_the_section_is_opened(store):
    assert seen_before(store, visiting=False) == 0
    assert seen_before(store, visiting=True) == 0  # everything new on this first visit…
    assert seen_before(store, visiting=False) == 4  # …and seen from then on
    store.apply_rejects([reject(9)], "r2", AS_OF)
    assert seen_before(store, visiting=True) == 4 and seen_before(store, visiting=False) == 9


def test_the_detail_says_the_cause_the_fix_and_the_invoice_and_asks_treated(qtbot, ops, store):
    view = RejectsView(Clock())
    qtbot.addWidget(view)
    model = LazyTableModel(ops, reject_columns())
    view.set_model(model)
    model.set_query(RejectQuery(open_only=True))
    model.set_source(RejectSource(store, seen=0))
    model.selected.connect(lambda: view.set_summary(model.summary))
    loaded(qtbot, model, 3)
    assert view.count.text() == "3 invoice(s) to correct — 3 new"
    row = next(r for r in range(3) if model.key(r) == 2)
    view.table.selectRow(row)
    assert "Z999" in view.cause.text() and "« Prescripteur inconnu. »" in view.fix.text()
    assert "2 85 03 75 115 042 63" in view.facts.text() and "000001002" in view.facts.text()
    assert view.treated_button.isVisibleTo(view)
    with qtbot.waitSignal(view.treated_requested) as asked:
        view.treated_button.click()
    assert asked.args == [2] and not view.treated_button.isVisibleTo(view)


def test_no_reject_to_correct_says_so(qtbot, ops, tmp_path):
    empty = Store.open(tmp_path / "empty.sqlite", Vault(bytes(range(32))))
    view = RejectsView(Clock())
    qtbot.addWidget(view)
    model = LazyTableModel(ops, reject_columns())
    view.set_model(model)
    model.selected.connect(lambda: view.set_summary(model.summary))
    model.set_source(RejectSource(empty))
    qtbot.waitUntil(lambda: view.empty.isVisibleTo(view), timeout=WAIT)
    assert "No rejected invoice to correct" in view.empty.text() and not view.table.isVisibleTo(view)
    empty.close()


def test_the_ald_window_soonest_first_with_what_to_do(qtbot, qtmodeltester, store):
    store.replace_ald_renewals([renewal(80, last_name="Paoli", first_name="Jean-Noël"), renewal(12),
                                renewal(45, ald_number=30, label="Tumeur maligne")], AS_OF)
    model = AldModel()
    model.set_renewals(store.ald_renewals(), TODAY + date.resolution * 2)  # two days after the sync
    qtmodeltester.check(model, force_py=True)
    assert [model.data(model.index(row, 0)) for row in range(3)] == [
        "10/12/2026\nin 10 day(s)", "12/01/2027\nin 43 day(s)", "16/02/2027\nin 78 day(s)"]
    assert model.data(model.index(0, 1)) == "BÉRARD Éloïse\n2 85 03 75 115 042 63 · born 14/03/1985"
    assert model.data(model.index(2, 1)).startswith("PAOLI Jean-Noël\n")
    assert model.data(model.index(1, 2)) == "ALD 30 — Tumeur maligne"
    assert model.data(model.index(0, 3)) == "Write the protocole de soins for the argued renewal before 10/12/2026."
    assert [model.data(model.index(row, 0), AldModel.STATE_ROLE) for row in range(3)] == ["urgent", None, None]
    view = AldView(Clock())
    qtbot.addWidget(view)
    view.set_renewals(store.ald_renewals(), TODAY)
    assert view.count.text() == "3 renewal(s) due within 3 months — 1 within a month"
    view.set_renewals([], TODAY)
    assert view.empty.isVisibleTo(view) and not view.table.isVisibleTo(view)


def test_days_left_and_an_ended_renewal():
    assert [days_left_text(d) for d in (0, 1, 5, -3)] == ["today", "tomorrow", "in 5 day(s)", "ended 3 day(s) ago"]
    assert ald_todo(renewal(-3), TODAY).startswith("Ended on 25/11/2026")


def test_each_event_is_notified_once_per_store_and_none_of_a_first_sync(store):
    every = frozenset(Section)
    assert news(store, every) == [] and store.marks.get("events_notified") is None  # the window opened first
    store.apply_events([event(1, "reject_new"), event(2, "ald_due")], "e1", AS_OF)
    assert news(store, every) == []  # the history a first sync brings
    store.apply_events([event(3, "reject_new"), event(4, "reject_new"), event(5, "order_dispatched"),
                        event(6, "message_answered")], "e2", AS_OF)
    found = news(store, every)
    assert [(n.kind, n.count) for n in found] == [("reject_new", 2), ("message_answered", 1)]
    assert news(store, every) == []
