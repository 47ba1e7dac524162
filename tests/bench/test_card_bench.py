"""Card benchmarks (``make bench``): figures printed and written to .bench/cards.json.

1. Insertion to holder data: from the moment the emulated CPS is connected to the reader slot to the
   moment ``cps.read_identity`` returns, through the monitor's CARD_INSERTED event; against the same
   APDU sequence sent with bare pyscard calls right after the same event (ratio).
2. Monitor latency: from the card pulled (the vpcd connection closed) to CARD_REMOVED delivered to the
   callback; against pyscard's own CardMonitor observing the same pulls (ratio).
"""

from __future__ import annotations

import json
import queue
import statistics
import time
from pathlib import Path

import pytest
from smartcard.CardMonitoring import CardMonitor, CardObserver
from smartcard.System import readers as pyscard_readers

from cardreader import cps
from cardreader.emulator.profiles import card_from_spec
from cardreader.monitor import EventKind, ReaderMonitor
from cardreader.transport import PcscTransport

ROUNDS = 15
RESULTS = Path(".bench/cards.json")


class CountingTransport:
    def __init__(self, inner):
        self.inner, self.commands = inner, []

    def transmit(self, apdu: bytes):
        self.commands.append(apdu)
        return self.inner.transmit(apdu)


def _wait_event(events: queue.Queue, kind: EventKind, reader: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while True:
        event = events.get(timeout=max(0.0, deadline - time.monotonic()))
        if event.kind is kind and event.reader == reader:
            return event


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2)}


def _record(name: str, figures: dict) -> None:
    RESULTS.parent.mkdir(exist_ok=True)
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[name] = figures
    RESULTS.write_text(json.dumps(data, indent=2))
    print(f"\n{name}: {json.dumps(figures)}")


@pytest.mark.bench
def test_insertion_to_holder_data(pcscd, virtual_reader, pki_dir):
    reader = pcscd.reader_names[0]
    events: queue.Queue = queue.Queue()
    monitor = ReaderMonitor(events.put)
    monitor.start()
    ours, bare, apdus = [], [], []
    try:
        for round_ in range(ROUNDS * 2):
            card = card_from_spec("cps", pki_dir)
            start = time.perf_counter()
            virtual_reader.insert(0, card)
            _wait_event(events, EventKind.CARD_INSERTED, reader)
            if round_ % 2 == 0:
                with PcscTransport(reader) as transport:
                    counting = CountingTransport(transport)
                    identity = cps.read_identity(counting)
                assert identity.holder.last_name
                ours.append(time.perf_counter() - start)
                apdus = counting.commands
            else:
                connection = next(r for r in pyscard_readers() if str(r) == reader).createConnection()
                connection.connect()
                for command in apdus:
                    connection.transmit(list(command))
                connection.disconnect()
                bare.append(time.perf_counter() - start)
            virtual_reader.pull(0)
            _wait_event(events, EventKind.CARD_REMOVED, reader)
    finally:
        monitor.stop()
    figures = {"apdus": len(apdus), "cabinet": _summary(ours), "bare_pyscard": _summary(bare)}
    figures["ratio_median"] = round(figures["cabinet"]["median_ms"] / figures["bare_pyscard"]["median_ms"], 2)
    _record("insertion_to_holder", figures)


class _PyscardObserver(CardObserver):
    def __init__(self):
        self.removed: queue.Queue = queue.Queue()

    def update(self, observable, handlers):
        for _ in handlers[1]:
            self.removed.put(time.perf_counter())


@pytest.mark.bench
def test_monitor_latency_pull_to_event(pcscd, virtual_reader, pki_dir):
    reader = pcscd.reader_names[1]
    stamps: queue.Queue = queue.Queue()

    def on_event(event):
        if event.reader == reader:
            stamps.put((event.kind, time.perf_counter()))

    monitor = ReaderMonitor(on_event)
    monitor.start()
    baseline = CardMonitor()
    observer = _PyscardObserver()
    baseline.addObserver(observer)
    ours, theirs = [], []
    try:
        for _ in range(ROUNDS):
            virtual_reader.insert(1, card_from_spec("vitale", pki_dir))
            while stamps.get(timeout=10)[0] is not EventKind.CARD_INSERTED:
                pass
            while not observer.removed.empty():
                observer.removed.get()
            pulled = time.perf_counter()
            virtual_reader.pull(1)
            while True:
                kind, stamp = stamps.get(timeout=10)
                if kind is EventKind.CARD_REMOVED:
                    ours.append(stamp - pulled)
                    break
            theirs.append(observer.removed.get(timeout=10) - pulled)
    finally:
        baseline.deleteObserver(observer)
        monitor.stop()
    figures = {"cabinet_monitor": _summary(ours), "pyscard_cardmonitor": _summary(theirs)}
    figures["ratio_median"] = round(
        figures["cabinet_monitor"]["median_ms"] / max(figures["pyscard_cardmonitor"]["median_ms"], 0.01), 2)
    _record("monitor_pull_latency", figures)
