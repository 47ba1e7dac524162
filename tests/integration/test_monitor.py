"""ReaderMonitor against a real pcscd: cards in and out of both slots, pcscd going away and back."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

import pytest

from cardreader.atr import CardFamily
from cardreader.emulator.profiles import card_from_spec
from cardreader.monitor import EventKind, ReaderEvent, ReaderMonitor

pytestmark = pytest.mark.pcsc

K = EventKind


class Events:
    """The monitor's callback: records events with their arrival time; waits on a condition."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, ReaderEvent]] = []
        self._cond = threading.Condition()
        self._cursor = 0
        self.threads: set[str] = set()

    def __call__(self, event: ReaderEvent) -> None:
        with self._cond:
            self.seen.append((time.monotonic(), event))
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def wait_for(
        self, kind: EventKind, reader: str | None = None, timeout: float = 5.0
    ) -> tuple[float, ReaderEvent]:
        """The next matching event after the last one waited for (earlier ones are passed over)."""

        def find() -> int | None:
            for index in range(self._cursor, len(self.seen)):
                event = self.seen[index][1]
                if event.kind is kind and (reader is None or event.reader == reader):
                    return index
            return None

        with self._cond:
            found = self._cond.wait_for(lambda: find() is not None, timeout)
            if not found:
                pytest.fail(f"no {kind.name} {reader or ''} within {timeout} s; got {self.kinds()}")
            index = find()
            assert index is not None
            self._cursor = index + 1
            return self.seen[index]

    def kinds(self, since: int = 0) -> list[tuple[str, str]]:
        with self._cond:
            return [(e.kind.name, e.reader) for _, e in self.seen[since:]]

    def __len__(self) -> int:
        with self._cond:
            return len(self.seen)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def monitor(events) -> Callable[..., ReaderMonitor]:
    """Starts a monitor on ``events`` (options as keywords); stops it at the end of the test."""
    started: list[ReaderMonitor] = []

    def start(**options) -> ReaderMonitor:
        started.append(ReaderMonitor(events, **options))
        started[-1].start()
        return started[-1]

    yield start
    for each in started:
        assert each.stop(), "the monitor did not stop"


def _initial(events: Events, pcscd) -> None:
    for name in pcscd.reader_names:
        events.wait_for(K.READER_ADDED, name)


def _blocked_in_wait(timeout_ms: int, within: float = 5.0) -> None:
    """Until the monitor's thread is inside pyscard's SCardGetStatusChange with ``timeout_ms``."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        threads = {t.ident: t for t in threading.enumerate() if t.name == "cardreader-monitor"}
        frames = sys._current_frames()
        for ident in threads:
            frame = frames.get(ident)
            if (
                frame is not None
                and frame.f_code.co_name == "SCardGetStatusChange"
                and frame.f_locals.get("dwTimeout") == timeout_ms
            ):
                return
        threading.Event().wait(0.005)
    pytest.fail("the monitor's thread never blocked in SCardGetStatusChange")


def test_cards_present_at_start_are_reported(
    pcscd, virtual_reader, card_presence, pki_dir, events, monitor
):
    virtual_reader.insert(1, card_from_spec("vitale", pki_dir))
    card_presence(pcscd.reader_names[1])
    monitor()
    _, inserted = events.wait_for(K.CARD_INSERTED)
    assert inserted.reader == pcscd.reader_names[1]
    assert inserted.card is not None and inserted.card.family is CardFamily.VITALE
    assert inserted.atr == inserted.card.atr == card_from_spec("vitale", pki_dir).atr
    assert events.kinds() == [
        ("READER_ADDED", pcscd.reader_names[0]),
        ("READER_ADDED", pcscd.reader_names[1]),
        ("CARD_INSERTED", pcscd.reader_names[1]),
    ]
    assert events.threads == {"cardreader-monitor"}


@pytest.mark.parametrize(
    ("slot", "spec", "family"),
    [
        (0, "cps", CardFamily.PROFESSIONAL),
        (1, "cps", CardFamily.PROFESSIONAL),
        (0, "vitale", CardFamily.VITALE),
        (1, "vitale", CardFamily.VITALE),
    ],
)
def test_a_card_in_and_out_of_each_slot(
    slot, spec, family, pcscd, virtual_reader, pki_dir, events, monitor
):
    reader = pcscd.reader_names[slot]
    card = card_from_spec(spec, pki_dir)
    monitor()
    _initial(events, pcscd)
    virtual_reader.insert(slot, card)
    _, inserted = events.wait_for(K.CARD_INSERTED, reader)
    assert inserted.card.family is family and inserted.atr == card.atr
    virtual_reader.pull(slot)
    pulled = time.monotonic()
    arrived, _ = events.wait_for(K.CARD_REMOVED, reader)
    latency = arrived - pulled
    assert latency < 1.5, f"CARD_REMOVED {latency:.3f} s after the pull"  # pcscd polls every 0.4 s
    assert [k for k, r in events.kinds() if r == pcscd.reader_names[1 - slot]] == ["READER_ADDED"]


def test_a_program_using_the_card_is_not_a_new_card(
    pcscd, virtual_reader, pki_dir, events, monitor
):
    from cardreader.transport import PcscTransport

    reader = pcscd.reader_names[0]
    monitor()
    virtual_reader.insert(0, card_from_spec("vitale", pki_dir))
    events.wait_for(K.CARD_INSERTED, reader)
    mark = len(events)
    for _ in range(3):  # connect, exchange, disconnect: the reader's state changes (in use)
        with PcscTransport(reader) as transport:
            assert transport.transmit(bytes.fromhex("00 A4 00 00 02 3F 00"))[1] == 0x9000
    virtual_reader.pull(0)
    events.wait_for(K.CARD_REMOVED, reader)
    assert events.kinds(mark) == [("CARD_REMOVED", reader)]


def test_pcscd_stopped_and_back(pcscd, virtual_reader, pki_dir, events, monitor, caplog):
    caplog.set_level(logging.INFO, logger="cardreader.monitor")
    r0, r1 = pcscd.reader_names
    monitor()
    _initial(events, pcscd)
    virtual_reader.insert(0, card_from_spec("vitale", pki_dir))
    events.wait_for(K.CARD_INSERTED, r0)
    mark = len(events)
    pcscd.stop()
    try:
        events.wait_for(K.SERVICE_LOST)
        events.wait_for(K.READER_REMOVED, r1)
        assert events.kinds(mark) == [
            ("SERVICE_LOST", ""),
            ("CARD_REMOVED", r0),
            ("READER_REMOVED", r0),
            ("READER_REMOVED", r1),
        ]
        mark = len(events)
    finally:
        pcscd.start()
    events.wait_for(K.SERVICE_BACK)
    events.wait_for(K.READER_ADDED, r1)
    assert events.kinds(mark) == [("SERVICE_BACK", ""), ("READER_ADDED", r0), ("READER_ADDED", r1)]
    assert "lost the smart-card service" in caplog.text and "service is back" in caplog.text
    # and it works again: pcscd's restart dropped the card's connection, put one in again
    virtual_reader.insert(1, card_from_spec("vitale", pki_dir))
    _, inserted = events.wait_for(K.CARD_INSERTED, r1)
    assert inserted.card.family is CardFamily.VITALE
    virtual_reader.pull(1)
    events.wait_for(K.CARD_REMOVED, r1)


def test_a_monitor_started_without_pcscd_waits_for_it(pcscd, events, monitor):
    pcscd.stop()
    try:
        monitor()
        events.wait_for(K.SERVICE_LOST)
    finally:
        pcscd.start()
    events.wait_for(K.SERVICE_BACK)
    _initial(events, pcscd)


def test_stop_returns_at_once_even_with_a_long_wait(pcscd, events, monitor):
    watcher = monitor(poll=60.0)  # the wait in progress would last a minute
    _initial(events, pcscd)
    _blocked_in_wait(60_000)
    started = time.monotonic()
    assert watcher.stop(timeout=2.0)
    elapsed = time.monotonic() - started
    assert elapsed < 0.5, f"stop() took {elapsed:.3f} s"
    assert not watcher.running


def test_stop_returns_at_once_while_pcscd_is_away(pcscd, events, monitor):
    watcher = monitor(retry=30.0, max_retry=30.0)
    _initial(events, pcscd)
    pcscd.stop()
    try:
        events.wait_for(K.SERVICE_LOST)
        started = time.monotonic()
        assert watcher.stop(timeout=2.0)
        assert time.monotonic() - started < 0.5
    finally:
        pcscd.start()


def test_a_failing_callback_is_logged_and_the_monitor_goes_on(
    pcscd, virtual_reader, pki_dir, caplog
):
    caplog.set_level(logging.ERROR, logger="cardreader.monitor")
    events = Events()

    def callback(event: ReaderEvent) -> None:
        events(event)
        if event.kind in (K.READER_ADDED, K.CARD_INSERTED):
            raise RuntimeError(f"the GUI bridge broke on {event.kind.name}")

    watcher = ReaderMonitor(callback)
    watcher.start()
    try:
        _initial(events, pcscd)
        virtual_reader.insert(0, card_from_spec("vitale", pki_dir))
        events.wait_for(K.CARD_INSERTED, pcscd.reader_names[0])
        virtual_reader.pull(0)
        events.wait_for(K.CARD_REMOVED, pcscd.reader_names[0])
        assert watcher.running
    finally:
        assert watcher.stop()
    failures = [r for r in caplog.records if "callback failed" in r.getMessage()]
    assert len(failures) == 3 and all(r.exc_info for r in failures)
    assert "the GUI bridge broke on CARD_INSERTED" in caplog.text


def test_a_custom_logger_gets_the_monitors_messages(pcscd, caplog):
    caplog.set_level(logging.DEBUG, logger="practice.cards")
    events = Events()
    with ReaderMonitor(events, logger=logging.getLogger("practice.cards")):
        _initial(events, pcscd)
    assert any(
        r.name == "practice.cards" and "reader added" in r.getMessage() for r in caplog.records
    )


def test_the_wait_does_not_hold_the_gil(pcscd, events, monitor):
    monitor(poll=60.0)
    _initial(events, pcscd)
    _blocked_in_wait(60_000)
    # The monitor's thread is now blocked in SCardGetStatusChange for up to a minute. If pyscard
    # kept the GIL during that call, this thread could not run at all until it returned.
    gaps, last, end = [], time.monotonic(), time.monotonic() + 0.5
    counter = 0
    while (now := time.monotonic()) < end:
        counter += 1
        gaps.append(now - last)
        last = now
    assert counter > 10_000 and max(gaps) < 0.1, f"{counter} turns, longest gap {max(gaps):.3f} s"


def test_two_monitors_are_independent(pcscd, virtual_reader, pki_dir):
    first, second = Events(), Events()
    with ReaderMonitor(first), ReaderMonitor(second) as other:
        _initial(first, pcscd)
        _initial(second, pcscd)
        other.stop()
        virtual_reader.insert(0, card_from_spec("vitale", pki_dir))
        first.wait_for(K.CARD_INSERTED, pcscd.reader_names[0])
    assert ("CARD_INSERTED", pcscd.reader_names[0]) not in second.kinds()
