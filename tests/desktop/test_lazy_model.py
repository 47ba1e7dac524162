"""The lazy table model: rows are opened only as they are painted, by blocks, off the GUI thread; a newer
query voids the answers of an older one; a refresh keeps the rows shown until their new values arrive.
The source here is a plain list (the model's logic alone); the sections' models are tested over real stores."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence

import pytest
from PySide6.QtCore import Qt

from desktop_app.models.lazy import LOADING, Column, LazyTableModel, Selection, SortOrder
from desktop_app.ops import OpRunner

WAIT = 10_000


class Numbers:
    """Rows 0…n-1; ``query`` keeps the multiples of it. Counts what was opened, and on which thread."""

    def __init__(self, count: int) -> None:
        self.values = {key: f"row {key}" for key in range(count)}
        self.opened: list[int] = []
        self.threads: set[str] = set()
        self.gate = threading.Event()
        self.gate.set()

    def select(self, query: int | None, order: SortOrder | None) -> Selection[int]:
        self.threads.add(threading.current_thread().name)
        self.gate.wait(WAIT / 1000)
        keys = [k for k in self.values if not query or k % query == 0]
        if order is not None and order.descending:
            keys.reverse()
        return Selection(keys, summary=len(keys))

    def records(self, keys: Sequence[int]) -> Mapping[int, str]:
        self.threads.add(threading.current_thread().name)
        self.opened += keys
        return {k: self.values[k] for k in keys if k in self.values}


@pytest.fixture
def ops(qapp) -> Iterator[OpRunner]:
    runner = OpRunner()
    yield runner
    runner.shutdown()


def model_of(ops: OpRunner, source: Numbers) -> LazyTableModel:
    model = LazyTableModel(ops, [Column("Value", str, sort="value"), Column("Length", lambda r: str(len(r)))],
                           block=16)
    model.set_source(source)
    return model


def test_only_the_blocks_painted_are_opened_and_never_on_the_gui_thread(qtbot, ops):
    source = Numbers(10_000)
    model = model_of(ops, source)
    qtbot.waitUntil(lambda: model.rowCount() == 10_000, timeout=WAIT)
    assert model.summary == 10_000 and source.opened == []
    assert model.data(model.index(40, 0)) == LOADING
    qtbot.waitUntil(lambda: model.data(model.index(40, 0)) == "row 40", timeout=WAIT)
    assert sorted(source.opened) == list(range(32, 48))  # the block of row 40, nothing else
    assert "MainThread" not in source.threads


def test_qt_model_tester_finds_nothing_wrong(qtbot, qtmodeltester, ops):
    source = Numbers(200)
    model = model_of(ops, source)
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=WAIT)
    qtmodeltester.check(model, force_py=True)
    model.set_query(7)
    qtbot.waitUntil(lambda: model.rowCount() == 29, timeout=WAIT)
    qtmodeltester.check(model, force_py=True)


def test_an_older_query_answering_late_is_ignored(qtbot, ops):
    source = Numbers(100)
    model = model_of(ops, source)
    qtbot.waitUntil(lambda: model.loaded, timeout=WAIT)
    source.gate.clear()  # the next selection waits…
    model.set_query(2)
    source.gate.set()
    model.set_query(50)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)
    with qtbot.assertNotEmitted(model.selected, wait=300):
        pass
    assert [model.key(r) for r in range(model.rowCount())] == [0, 50]


def test_a_refresh_keeps_the_rows_shown_until_their_new_values_arrive(qtbot, ops):
    source = Numbers(100)
    model = model_of(ops, source)
    qtbot.waitUntil(lambda: model.loaded, timeout=WAIT)
    model.record(3)
    qtbot.waitUntil(lambda: model.data(model.index(3, 0)) == "row 3", timeout=WAIT)
    source.values[3] = "row 3, changed"
    with qtbot.waitSignal(model.selected, timeout=WAIT):
        model.refresh()
    assert model.data(model.index(3, 0)) == "row 3"  # the block is asked again; the old value meanwhile
    qtbot.waitUntil(lambda: model.data(model.index(3, 0)) == "row 3, changed", timeout=WAIT)


def test_sorting_asks_the_source_and_clear_forgets_everything(qtbot, ops):
    source = Numbers(50)
    model = model_of(ops, source)
    qtbot.waitUntil(lambda: model.loaded, timeout=WAIT)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.rowCount() and model.key(0) == 49, timeout=WAIT)
    model.sort(1)  # not sortable: nothing asked
    model.clear()
    assert model.rowCount() == 0 and model.summary is None and not model.loaded
