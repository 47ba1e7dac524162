"""Card benchmarks (``make bench``): figures printed and written to .bench/cards.json.

1. Insertion to holder data: from the emulated CPS connected to the reader slot to
   ``cps.read_identity`` returned, through the monitor's CARD_INSERTED event; split into the wait for
   pcscd to see the card (it polls a vpcd slot every 400 ms) and the read itself. Baseline: the same
   APDU sequence sent with bare pyscard calls after the same event, in alternate rounds (ratio).
2. Monitor latency: from the card pulled (vpcd connection closed) to CARD_REMOVED delivered to the
   callback; baseline: pyscard's own CardMonitor observing the same pulls. Each monitor runs in a
   child process of its own (pyscard's is a singleton whose thread outlives its observers), stamping
   events with the system-wide monotonic clock.
"""

from __future__ import annotations

import os
import queue
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from smartcard.System import readers as pyscard_readers

from cardreader import cps
from cardreader.emulator.profiles import card_from_spec
from cardreader.monitor import EventKind, ReaderMonitor
from cardreader.transport import PcscTransport
from figures import record

ROUNDS = 15
RESULTS = Path(".bench/cards.json")

_WATCHER = r"""
import sys, time
reader, which = sys.argv[1], sys.argv[2]
def stamp(kind):
    print(kind, time.monotonic(), flush=True)
if which == "cabinet":
    from cardreader.monitor import EventKind, ReaderMonitor
    def on_event(event):
        if event.reader == reader and event.kind in (EventKind.CARD_INSERTED, EventKind.CARD_REMOVED):
            stamp("in" if event.kind is EventKind.CARD_INSERTED else "out")
    ReaderMonitor(on_event).start()
else:
    from smartcard.CardMonitoring import CardMonitor, CardObserver
    class Observer(CardObserver):
        def update(self, observable, handlers):
            for card in handlers[0]:
                if card.reader == reader: stamp("in")
            for card in handlers[1]:
                if card.reader == reader: stamp("out")
    CardMonitor().addObserver(Observer())
print("ready", time.monotonic(), flush=True)
sys.stdin.read()
"""


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


def _ratio(ours: dict, baseline: dict) -> float:
    return round(ours["median_ms"] / max(baseline["median_ms"], 0.01), 2)


def _record(name: str, figures: dict) -> None:
    record(RESULTS, name, figures)


@pytest.mark.bench
def test_insertion_to_holder_data(pcscd, virtual_reader, pki_dir):
    reader = pcscd.reader_names[0]
    events: queue.Queue = queue.Queue()
    monitor = ReaderMonitor(events.put)
    monitor.start()
    total, detection, ours, bare, apdus = [], [], [], [], []
    try:
        for round_ in range(ROUNDS * 2):
            card = card_from_spec("cps", pki_dir)
            start = time.perf_counter()
            virtual_reader.insert(0, card)
            _wait_event(events, EventKind.CARD_INSERTED, reader)
            seen = time.perf_counter()
            if round_ % 2 == 0:
                with PcscTransport(reader) as transport:
                    counting = CountingTransport(transport)
                    assert cps.read_identity(counting).holder.last_name
                ours.append(time.perf_counter() - seen)
                total.append(time.perf_counter() - start)
                detection.append(seen - start)
                apdus = counting.commands
            else:
                connection = next(r for r in pyscard_readers() if str(r) == reader).createConnection()
                connection.connect()
                for command in apdus:
                    connection.transmit(list(command))
                connection.disconnect()
                bare.append(time.perf_counter() - seen)
            virtual_reader.pull(0)
            _wait_event(events, EventKind.CARD_REMOVED, reader)
    finally:
        monitor.stop()
    figures = {"apdus": len(apdus), "insertion_to_holder": _summary(total),
               "pcscd_detection": _summary(detection), "read_cabinet": _summary(ours),
               "read_bare_pyscard": _summary(bare)}
    figures["read_ratio_median"] = _ratio(figures["read_cabinet"], figures["read_bare_pyscard"])
    _record("insertion_to_holder", figures)


def _pull_latencies(which: str, reader: str, slot: int, virtual_reader, pki_dir) -> list[float]:
    watcher = subprocess.Popen([sys.executable, "-c", _WATCHER, reader, which], text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dict(os.environ))
    try:
        assert watcher.stdout.readline().startswith("ready")
        samples = []
        for _ in range(ROUNDS):
            virtual_reader.insert(slot, card_from_spec("vitale", pki_dir))
            while not watcher.stdout.readline().startswith("in"):
                pass
            pulled = time.monotonic()
            virtual_reader.pull(slot)
            line = watcher.stdout.readline()
            while not line.startswith("out"):
                line = watcher.stdout.readline()
            samples.append(float(line.split()[1]) - pulled)
        return samples
    finally:
        watcher.kill()
        watcher.wait()


@pytest.mark.bench
def test_monitor_latency_pull_to_event(pcscd, virtual_reader, pki_dir):
    reader = pcscd.reader_names[1]
    ours = _pull_latencies("cabinet", reader, 1, virtual_reader, pki_dir)
    theirs = _pull_latencies("pyscard", reader, 1, virtual_reader, pki_dir)
    figures = {"cabinet_monitor": _summary(ours), "pyscard_cardmonitor": _summary(theirs)}
    figures["ratio_median"] = _ratio(figures["cabinet_monitor"], figures["pyscard_cardmonitor"])
    _record("monitor_pull_latency", figures)
