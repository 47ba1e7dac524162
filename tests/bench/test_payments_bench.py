"""Paiements benchmark (``make bench``) on the large practice's payments (5,000 patients, 27 months:
about 30,000 payments for Dr Lefèvre-Dupré, :mod:`large_payments`), the page styled and shown at the
size it has in the window (1,032 × 800). Figures printed and written to .bench/payments.json.

1. Section opened → first rows painted: from the presenter's ``set_source`` (what it does when the
   session opens) to the end of the table's first paint whose visible rows all hold their data (not "…"); the
   first time (SQLite's cache cold) and the median of the next ones. Target: under 100 ms.
2. A scroll through every row, a page at a time (each page's rows painted with their data before the
   next); baseline: the same records read from the store alone, block by block (ratio).
3. Search as typed: names (folded: QTest types Latin-1 only), NIRs and invoice numbers typed into the fields; from the last keystroke to
   the rows painted (p95, the 200 ms pause included, and from the search's start), against the same
   query on the store alone (its ids, totals and first block of records; ratio of p95s).
4. The "patient" order (the one that opens every selected row) over all the payments.

Timings are recorded, never asserted: the machine running the bench decides them.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from figures import record
from large_payments import large_store
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

from desktop_app.models.lazy import BLOCK, LOADING
from desktop_app.models.payments import PaymentsSource, payments_model
from desktop_app.ops import OpRunner
from desktop_app.style import apply_style
from desktop_app.views.payments import SEARCH_DELAY_MS, PaymentsPage
from sync.protocol.search import fold
from sync.store import PaymentFilter, Store

RESULTS = Path(".bench/payments.json")
OPENINGS, QUERIES = 15, 30
WAIT_S = 60.0
TARGET_FIRST_ROWS_MS = 100


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[Store]:
    opened = large_store(tmp_path_factory.mktemp("payments-bench"))
    yield opened
    opened.close()


class Painted(QObject):
    """Ends a wait once ``page``'s table has drawn a paint for which ``ready()`` held; stamps that moment."""

    def __init__(self, page: PaymentsPage) -> None:
        super().__init__()
        self.page, self.loop, self.ready, self.at = page, QEventLoop(), (lambda: False), 0.0
        page.table.viewport().installEventFilter(self)
        page.empty.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.ready():
            self.ready = lambda: False  # one stamp and quit per wait, none left for the next
            QTimer.singleShot(0, self._painted)  # runs once this paint is drawn
        return False

    def _painted(self) -> None:
        self.at = time.perf_counter()
        self.loop.quit()

    def wait(self, ready: Callable[[], bool]) -> float:
        """Run the event loop until a paint with ``ready()``; the time of that paint."""
        self.ready, self.at = ready, 0.0
        limit = QTimer(singleShot=True, interval=int(WAIT_S * 1000))
        limit.timeout.connect(self.loop.quit)
        limit.start()
        self.loop.exec()
        limit.stop()
        assert self.at, "nothing painted in time"
        return self.at


def visible_rows_filled(page: PaymentsPage) -> bool:
    """Every row in sight shows its data (the cells of a row not read yet say "…")."""
    table, model = page.table, page.table.model()
    if model.rowCount() == 0:
        return False
    first = table.rowAt(0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    return all(model.index(row, 0).data() != LOADING for row in range(first, last + 1))


@pytest.fixture
def page(qapp, qtbot) -> Iterator[PaymentsPage]:
    apply_style(qapp)
    ops = OpRunner()
    model = payments_model(ops)
    view = PaymentsPage(model)
    view.search_changed.connect(model.set_query)
    view.resize(1032, 800)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    model.set_query(view.query())
    yield view
    ops.shutdown()


@pytest.mark.bench
def test_payments_opened_scrolled_and_searched_as_typed(qtbot, store, page):
    model = page.table.model()
    painted = Painted(page)
    count = store.payments.count()
    assert count >= 10_000

    # 1. opened → first rows painted
    openings = []
    for _ in range(OPENINGS):
        model.set_source(None)
        qtbot.wait(20)
        started = time.perf_counter()
        model.set_source(PaymentsSource(store))
        openings.append(painted.wait(lambda: visible_rows_filled(page)) - started)

    # 2. a scroll through every row, a page at a time
    bar = page.table.verticalScrollBar()
    bar.setValue(0)
    steps, started = 0, time.perf_counter()
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        painted.wait(lambda: visible_rows_filled(page))
        steps += 1
    scrolled = time.perf_counter() - started
    keys = [model.key(row) for row in range(model.rowCount())]
    started = time.perf_counter()
    for start in range(0, len(keys), BLOCK):
        store.payments.records(keys[start:start + BLOCK])
    alone = time.perf_counter() - started

    # 3. search as typed
    samples = [store.payments.records(keys[i:i + 1])[keys[i]] for i in range(0, len(keys), len(keys) // QUERIES)]
    typed = []
    for i, p in enumerate(samples[:QUERIES]):
        if p.patient_name is None:
            continue
        field, text = [(page.patient, fold(p.patient_name).split()[0]), (page.patient, p.patient_nir),
                       (page.invoice, (p.invoice_number or "").lstrip("0"))][i % 3]
        if text:
            typed.append((field, text))
    shown, after_pause, baseline = [], [], []
    arrived: list[float] = []
    searched: list[float] = []
    model.selected.connect(lambda: arrived.append(time.perf_counter()))
    page.search_changed.connect(lambda _query: searched.append(time.perf_counter()))
    source = PaymentsSource(store)
    for field, text in typed:
        for each in (page.patient, page.invoice):
            each.clear()
        with qtbot.waitSignal(model.selected, timeout=int(WAIT_S * 1000)):
            page.search_now()  # every payment again
        painted.wait(lambda: visible_rows_filled(page))
        arrived.clear()
        searched.clear()
        qtbot.keyClicks(field, text[:-1])
        last_key = time.perf_counter()
        qtbot.keyClick(field, text[-1])
        at = painted.wait(lambda: bool(arrived) and (visible_rows_filled(page) or model.rowCount() == 0))
        assert len(searched) == 1  # one search for the whole word typed
        shown.append(at - last_key)
        after_pause.append(at - searched[0])
        query = page.query()
        started = time.perf_counter()
        selection = source.select(query, None)
        source.records(list(selection.keys[:BLOCK]))
        baseline.append(time.perf_counter() - started)

    # 4. the order that opens every row
    started = time.perf_counter()
    by_patient = store.payments.select(PaymentFilter(), "patient", False)
    patient_order = time.perf_counter() - started
    assert len(by_patient) == count

    record(RESULTS, "payments", {
        "payments": count,
        "opened_to_first_rows_ms": {"first": _ms(openings[0]), "median_next": _ms(statistics.median(openings[1:])),
                                    "max": _ms(max(openings)), "target": TARGET_FIRST_ROWS_MS},
        "scroll_every_row": {"pages": steps, "seconds": round(scrolled, 2), "ms_per_page": _ms(scrolled / steps),
                             "store_alone_seconds": round(alone, 2), "ratio": round(scrolled / alone, 2)},
        "search_as_typed": {"queries": len(typed), "keystroke_to_rows_p95_ms": _ms(_p95(shown)),
                            "pause_ms": SEARCH_DELAY_MS, "search_to_rows_p95_ms": _ms(_p95(after_pause)),
                            "store_alone_p95_ms": _ms(_p95(baseline)),
                            "ratio_after_pause": round(_p95(after_pause) / _p95(baseline), 2)},
        "patient_order_ms": _ms(patient_order),
    })
