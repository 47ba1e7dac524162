"""The Paiements list over a real store file: Qt's model tester, the columns as a French reader expects
them, sorting by the store; the page's search as typed (debounced), its dates, totals and empty states;
the presenter's export, its reload after a sync and what it forgets at the lock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt
from view_clock import Clock

from desktop_app.main_window import MainWindow
from desktop_app.models.payments import FIRST_ROWS, PaymentsSource, payments_model
from desktop_app.ops import OpRunner
from desktop_app.payment_search import PaymentQuery
from desktop_app.presenters.payments import PaymentsPresenter
from desktop_app.section_presenter import SectionSession, SyncPass
from desktop_app.sections import Section
from desktop_app.session import Method, SessionUser
from desktop_app.views.payments import PaymentsPage
from sync.protocol import Payment
from sync.store import Store
from sync.vault import Vault

WAIT = 10_000
VAULT = Vault(bytes(range(32)))
AS_OF = datetime(2025, 11, 24, 8, 0, tzinfo=timezone.utc)
USER = SessionUser("810003456786", "Dr Marie-Hélène Lefèvre-Dupré", "CPS", frozenset({"payments"}), "")
FLOOR = date(2023, 8, 24)  # 27 months before the view clock's Monday 24/11/2025


def payment(i: int) -> Payment:
    tiers = i % 4 != 0
    return Payment(id=i, seq=i, professional="810003456786", paid_on=date(2025, 1 + i % 10, 1 + i % 28),
                   kind="tiers_payant" if tiers else "on_call", label=f"Tiers payant — G n° {i}" if tiers else "Gardes",
                   amount_cents=2650 * (i % 50) + 5, payer="CPAM de Paris",
                   patient_nir="285037511504263" if i % 3 else "172082A00402796",
                   patient_name="BÉRARD Éloïse" if i % 3 else "PAOLI Jean-Noël", invoice_number=f"{i:09d}",
                   batch_number=f"{i % 9:03d}") if tiers else \
        Payment(id=i, seq=i, professional="810003456786", paid_on=date(2025, 1 + i % 10, 1 + i % 28), kind="on_call",
                label="Gardes de septembre", amount_cents=150000, payer="CPAM de Paris")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[Store]:
    opened = Store.open(tmp_path_factory.mktemp("payments") / "store.sqlite", VAULT)
    opened.apply_payments([payment(i) for i in range(1, 241)], "c", AS_OF)
    yield opened
    opened.close()


@pytest.fixture
def ops(qapp) -> Iterator[OpRunner]:
    runner = OpRunner()
    yield runner
    runner.shutdown()


def loaded(qtbot, model, rows: int) -> None:
    qtbot.waitUntil(lambda: model.loaded and model.rowCount() == rows, timeout=WAIT)


def test_qt_model_tester_over_a_real_store_and_cells_as_a_french_reader_reads_them(qtbot, qtmodeltester, ops, store):
    model = payments_model(ops)
    model.set_source(PaymentsSource(store))
    loaded(qtbot, model, 240)
    qtmodeltester.check(model, force_py=True)
    assert all(model.record(row) is not None for row in range(FIRST_ROWS))  # opened with the selection
    assert model.record(FIRST_ROWS) is None  # the others when painted
    first = store.payments.records([model.key(0)])[model.key(0)]
    cells = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert first.paid_on == max(p.paid_on for p in store.search_payments(limit=1000))  # newest first
    assert cells[0] == f"{first.paid_on:%d/%m/%Y}" and cells[8].endswith("\u00a0€") and "," in cells[8]
    assert model.data(model.index(0, 8), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    tiers = next(r for r in range(model.rowCount()) if model.key(r) % 4)
    qtbot.waitUntil(lambda: model.record(tiers) is not None, timeout=WAIT)
    assert model.data(model.index(tiers, 2)) in ("2 85 03 75 115 042 63", "1 72 08 2A 004 027 96")
    assert model.data(model.index(tiers, 3)) == "Third-party payment"
    totals = model.summary
    assert (totals.count, totals.amount_cents) == (240, sum(payment(i).amount_cents for i in range(1, 241)))

    model.set_query(PaymentQuery(patient="paoli"))
    loaded(qtbot, model, len([i for i in range(1, 241) if i % 4 and i % 3 == 0]))
    model.sort(8, Qt.SortOrder.AscendingOrder)  # by amount, the whole selection by the store
    qtbot.waitUntil(lambda: model.loaded and all(model.record(r) is not None for r in range(model.rowCount())),
                    timeout=WAIT)
    amounts = [model.record(r).amount_cents for r in range(model.rowCount())]
    assert amounts == sorted(amounts) and {model.record(r).patient_name for r in range(model.rowCount())} == {
        "PAOLI Jean-Noël"}
    qtmodeltester.check(model, force_py=True)  # once more on the rows read (a second check watches no reset after)


@pytest.fixture
def page(qtbot, ops, store) -> tuple[PaymentsPage, object]:
    model = payments_model(ops)
    view = PaymentsPage(model, Clock())
    qtbot.addWidget(view)
    view.search_changed.connect(model.set_query)
    model.set_query(view.query())
    model.set_source(PaymentsSource(store))
    return view, model


def test_typing_searches_once_after_a_pause_from_27_months_back(qtbot, page):
    view, model = page
    loaded(qtbot, model, 240)
    assert view.totals.text().startswith("240 payment(s) — ") and view.export_button.isEnabled()
    asked: list[PaymentQuery] = []
    view.search_changed.connect(asked.append)
    with qtbot.waitSignal(view.search_changed, timeout=WAIT):
        qtbot.keyClicks(view.patient, "paoli")
    assert asked == [PaymentQuery(date_from=FLOOR, patient="paoli")]  # one search for five keystrokes
    loaded(qtbot, model, 60)
    assert view.totals.text().startswith("60 payment(s) — ")

    with qtbot.waitSignal(view.search_changed, timeout=WAIT):
        view.invoice.setText("3")
    assert asked[-1].invoice == "3"
    loaded(qtbot, model, 1)
    view.kind.setCurrentIndex(view.kind.findData("on_call"))  # a choice searches at once
    assert asked[-1].kind == "on_call"
    loaded(qtbot, model, 0)
    assert view.stack.currentWidget() is view.empty and "No payment matches" in view.empty.text()
    assert not view.export_button.isEnabled()


def test_a_date_that_is_not_one_is_said_and_not_searched(qtbot, page):
    view, model = page
    loaded(qtbot, model, 240)
    asked: list[PaymentQuery] = []
    view.search_changed.connect(asked.append)
    view.date_from.setText("31/02/2025")
    view.search_now()
    assert asked == [] and view.problem.isVisibleTo(view) and "dd/mm/yyyy" in view.problem.text()
    assert view.date_from.property("state") == "error"
    view.date_from.setText("01/03/2025")
    view.date_to.setText("31/03/2025")
    view.search_now()
    assert asked[-1] == PaymentQuery(date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
    assert not view.problem.isVisibleTo(view) and view.date_from.property("state") == ""
    march = [i for i in range(1, 241) if payment(i).paid_on.month == 3]
    loaded(qtbot, model, len(march))
    view.date_to.setText("01/01/2025")
    view.search_now()
    assert "after the end date" in view.problem.text()


def test_an_empty_store_says_so(qtbot, ops, tmp_path):
    empty = Store.open(tmp_path / "empty.sqlite", VAULT)
    model = payments_model(ops)
    view = PaymentsPage(model, Clock())
    qtbot.addWidget(view)
    model.set_source(PaymentsSource(empty))
    qtbot.waitUntil(lambda: model.loaded, timeout=WAIT)
    assert view.stack.currentWidget() is view.empty
    assert view.empty.text() == "No payment in the last 27 months on this workstation yet."
    assert view.totals.text().startswith("0 payment(s)")
    empty.close()


def test_the_presenter_exports_reloads_after_a_sync_and_forgets_at_the_lock(qtbot, tmp_path):
    store = Store.open(tmp_path / "store.sqlite", VAULT)
    store.apply_payments([payment(i) for i in range(1, 101)], "c", AS_OF)
    window = MainWindow()
    qtbot.addWidget(window)
    ops = OpRunner(window)
    presenter = PaymentsPresenter(window, ops, Clock())
    page = window.shell.page(Section.PAYMENTS)
    assert page is presenter.view
    presenter.open(SectionSession(USER, Method.CARD, None, None, store, lambda: None))
    loaded(qtbot, presenter.model, 100)

    presenter.export(str(tmp_path / "paiements.csv"))
    qtbot.waitUntil(lambda: page.exported.text() == f"100 payment(s) exported to {tmp_path / 'paiements.csv'}",
                    timeout=WAIT)
    assert (tmp_path / "paiements.csv").read_bytes().count(b"\r\n") == 101
    presenter.export(str(tmp_path / "missing" / "paiements.csv"))
    qtbot.waitUntil(lambda: page.exported.text().startswith("The file could not be written: "), timeout=WAIT)
    assert page.exported.property("role") == "error" and not (tmp_path / "missing").exists()

    store.apply_payments([payment(101)], "d", AS_OF)
    presenter.synced(SyncPass(frozenset({"payments"}), {}))
    loaded(qtbot, presenter.model, 101)
    assert page.freshness.text()

    page.patient.setText("paoli")
    presenter.clear()
    assert presenter.model.rowCount() == 0 and page.patient.text() == "" and page.totals.text() == ""
    assert not page.export_button.isEnabled()
    ops.shutdown()
    store.close()
