"""Background operations: the work runs off the GUI thread, its outcome comes back on it, later."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future

import pytest

from desktop_app.ops import OpRunner
from desktop_app.threads import CardThread


@pytest.fixture
def runner(qapp) -> Iterator[OpRunner]:
    ops = OpRunner()
    yield ops
    ops.shutdown()


def outcome(qtbot, arrived: list) -> None:
    qtbot.waitUntil(lambda: bool(arrived), timeout=10000)


def test_the_work_runs_on_the_pool_and_its_result_lands_on_the_gui_thread(qtbot, runner):
    arrived = []
    runner.run_op(lambda: threading.current_thread().name,
                  lambda name: arrived.append((name, threading.current_thread() is threading.main_thread())))
    outcome(qtbot, arrived)
    (name, on_gui), = arrived
    assert name.startswith("cabinet-op") and on_gui


def test_a_failure_lands_on_the_gui_thread(qtbot, runner):
    arrived = []

    def work() -> None:
        raise ValueError("refused")

    runner.run_op(work, lambda result: arrived.append(("success", result)),
                  lambda error: arrived.append((error, threading.current_thread() is threading.main_thread())))
    outcome(qtbot, arrived)
    (error, on_gui), = arrived
    assert isinstance(error, ValueError) and on_gui


def test_an_outcome_already_there_still_comes_later_through_the_event_loop(qtbot, runner):
    arrived, done = [], Future()
    done.set_result("ready")
    runner.deliver(done, arrived.append)
    assert arrived == []  # not inside the call that asked
    outcome(qtbot, arrived)
    assert arrived == ["ready"]


def test_a_card_thread_job_lands_on_the_gui_thread(qtbot, runner):
    card_thread, arrived = CardThread(), []
    try:
        runner.deliver(card_thread.submit(lambda: card_thread.is_current()),
                       lambda on_card: arrived.append((on_card, threading.current_thread() is threading.main_thread())))
        outcome(qtbot, arrived)
    finally:
        assert card_thread.stop(10)
    assert arrived == [(True, True)]
