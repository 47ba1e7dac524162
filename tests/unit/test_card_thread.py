"""The card thread: one job at a time whoever asks, in order; waits bounded by a timeout; a clean stop."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from desktop_app.threads import CardThread, CardThreadTimeout, assert_runs_in_card_thread

WAIT = 10.0  # seconds: a bound for what must happen, never a pause


@pytest.fixture
def card_thread() -> Iterator[CardThread]:
    thread = CardThread()
    yield thread
    assert thread.stop(WAIT)


def blocker(card_thread: CardThread) -> tuple[threading.Event, threading.Event]:
    """Occupy the card thread until the first event is set; the second tells it is busy."""
    gate, busy = threading.Event(), threading.Event()
    card_thread.submit(lambda: (busy.set(), gate.wait(WAIT)))
    assert busy.wait(WAIT)
    return gate, busy


def elsewhere(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` on a thread that may wait (not the main thread, which stands for the GUI's)."""
    with ThreadPoolExecutor(1) as other:
        return other.submit(fn, *args).result(WAIT * 2)


def test_jobs_from_several_threads_run_one_at_a_time_in_order_on_the_card_thread(card_thread):
    gate, _ = blocker(card_thread)
    inside, most, ran = [0], [0], []
    guard = threading.Lock()

    def job(sender: int, n: int) -> tuple[int, int]:
        assert_runs_in_card_thread()
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        ran.append((sender, n))
        with guard:
            inside[0] -= 1
        return sender, n

    start = threading.Barrier(6)

    def send(sender: int) -> list[Any]:
        start.wait(WAIT)
        return [card_thread.submit(job, sender, n) for n in range(20)]

    with ThreadPoolExecutor(6) as senders:
        futures = [f for batch in senders.map(send, range(6)) for f in batch]
    assert not any(f.running() or f.done() for f in futures)  # queued behind the busy job, none beside it
    gate.set()
    assert [f.result(WAIT) for f in futures] == [(s, n) for s in range(6) for n in range(20)]
    assert most[0] == 1 and len(ran) == 120
    for sender in range(6):  # each thread's jobs in the order it sent them
        assert [n for s, n in ran if s == sender] == list(range(20))


def test_call_waits_for_the_result_on_another_thread(card_thread):
    def where(x: int) -> tuple[int, bool]:
        return x * 2, card_thread.is_current()

    assert elsewhere(lambda: card_thread.call(where, 21, timeout=WAIT)) == (42, True)


def test_call_times_out_cleanly_and_the_job_never_runs_late(card_thread):
    gate, _ = blocker(card_thread)
    late = threading.Event()
    with pytest.raises(CardThreadTimeout, match="no result from the card thread within 0.2 s"):
        elsewhere(lambda: card_thread.call(late.set, timeout=0.2))
    gate.set()
    assert elsewhere(lambda: card_thread.call(lambda: "still working", timeout=WAIT)) == "still working"
    assert not late.is_set()  # dropped, although queued before the last call


def test_a_jobs_own_timeout_is_not_taken_for_the_card_threads(card_thread):
    def slow_card() -> None:
        raise TimeoutError("the reader's own timeout")

    with pytest.raises(TimeoutError, match="reader's own") as raised:
        elsewhere(lambda: card_thread.call(slow_card, timeout=WAIT))
    assert not isinstance(raised.value, CardThreadTimeout)


def test_call_on_the_card_thread_runs_at_once_and_the_gui_thread_never_waits(card_thread):
    nested = card_thread.submit(lambda: card_thread.call(lambda: threading.current_thread().name, timeout=0.1))
    assert nested.result(WAIT) == "cabinet-card"
    with pytest.raises(RuntimeError, match="GUI thread never waits"):
        card_thread.call(lambda: None, timeout=WAIT)


def test_card_io_off_the_card_thread_is_refused(card_thread):
    with pytest.raises(RuntimeError, match="must run on the card thread"):
        assert_runs_in_card_thread()
    assert card_thread.submit(assert_runs_in_card_thread).result(WAIT) is None


def test_a_failing_job_fails_its_future_only(card_thread):
    def fail() -> None:
        raise ValueError("this job")

    failed = card_thread.submit(fail)
    assert isinstance(failed.exception(WAIT), ValueError)
    assert card_thread.submit(lambda: "next").result(WAIT) == "next"


def test_stop_lets_the_queued_jobs_run_then_refuses_more(card_thread):
    gate, _ = blocker(card_thread)
    queued = card_thread.submit(lambda: "queued before the stop")
    assert not card_thread.stop(timeout=0)  # still busy: it does not end there and then
    with pytest.raises(RuntimeError, match="stopped"):
        card_thread.submit(lambda: None)
    gate.set()
    assert queued.result(WAIT) == "queued before the stop"
    assert card_thread.stop(WAIT)
