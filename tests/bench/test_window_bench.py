"""Window benchmarks (``make bench``): figures printed and written to .bench/window.json.

1. Card pulled → lock screen painted: the real window (``CabinetApp``, its style sheet), signed in with
   the emulated CPS through the PIN dialog and the back office on loopback, then the card pulled; 50
   times, the PIN typed again each time, as the user does. The span starts at the PC/SC event (the
   monitor's callback, stamped on its thread before the bridge re-emits it) and ends at the lock
   screen's first paint event (an event filter). pcscd's own detection (it polls a vpcd slot every
   400 ms) comes before the event and is reported beside the span, not in it. Baseline: the same span
   for a bare ``QStackedWidget`` that shows a plain page on the same event (ratio of medians).
2. Cold start → lock screen painted: ``python -m desktop_app`` (offscreen, a back office that does not
   answer, the private pcscd) from spawn to the lock screen's first paint, against a bare PySide6
   ``QMainWindow`` started the same way (``window_start.py``), alternately; ratio of medians.
3. Longest GUI-thread stall during the first full sync of the large practice: a 5 ms timer measures how
   late it fires from the PIN typed until the engine's first report, while the window opens the next
   section every 200 ms (every section the doctor sees, in turn: each reads the store as it fills).
   Baseline: the same probe and switching for 3 s once the engine is idle. The full garbage collections
   meanwhile are timed beside it (one on the sync thread holds the GIL, so the GUI thread waits as long
   as it lasts).
   Each late tick is also counted against the page shown (``max_late_ms_by_section``).
4. Memory of the window after visiting every section (each given half a second to read and paint its
   rows), against the same window signed in on Accueil once its first sync of the large practice is
   done: the process's resident set size, read from /proc.

Timings are recorded, never asserted: the machine running the bench decides them.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Self

import pytest
from figures import record
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QStackedWidget, QWidget

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from cardreader.monitor import EventKind, ReaderEvent, ReaderMonitor
from desktop_app import controller
from desktop_app.app import CabinetApp
from desktop_app.bridges import ReaderEventBridge
from desktop_app.settings import Settings
from desktop_app.style import apply_style
from desktop_app.threads import SyncThread
from desktop_app.views.pin_dialog import PinDialog
from sync.backoffice.local import LocalBackoffice
from sync.engine import SyncReport

pytestmark = pytest.mark.pcsc

RESULTS = Path(".bench/window.json")
LAUNCHER = Path(__file__).with_name("window_start.py")
PULLS, BASELINE_PULLS, STARTS = 50, 20, 7
PROBE_MS, SWITCH_MS, IDLE_MS = 5, 200, 3000
WAIT = 120_000  # ms: a bound for what must happen on a loaded machine, never a pause
PIN = "1234"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": _ms(statistics.median(ordered)), "p95_ms": _ms(ordered[int(0.95 * (len(ordered) - 1))]),
            "max_ms": _ms(ordered[-1])}


def _office(workdir: Path, pki_dir: Path, **size: int) -> LocalBackoffice:
    card_from_spec("cps", pki_dir)  # makes the test PKI whose CA the back office trusts
    return LocalBackoffice(workdir, trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,), tls=False, **size)


@pytest.fixture(scope="module")
def small_office(tmp_path_factory, pki_dir) -> Iterator[LocalBackoffice]:
    with _office(tmp_path_factory.mktemp("small-bo"), pki_dir, patients=5, months=1) as running:
        yield running


@pytest.fixture(scope="module")
def large_office(tmp_path_factory, pki_dir) -> Iterator[LocalBackoffice]:
    """The large practice of the sync benchmark: 5,000 patients, 27 months."""
    with _office(tmp_path_factory.mktemp("large-bo"), pki_dir, patients=5000, months=27) as running:
        yield running


class SyncPasses(QObject):
    """The session engine's reports, as a signal delivered on the GUI thread."""

    passed = Signal(object)


@pytest.fixture
def sync_passes(monkeypatch) -> SyncPasses:
    """The controller's sync threads, made to emit :attr:`SyncPasses.passed` beside their own report."""
    passes = SyncPasses()

    class ObservedSyncThread(SyncThread):
        def __init__(self, *args, on_report: Callable[[SyncReport], None], **kwargs) -> None:
            def report(sync_report: SyncReport) -> None:
                on_report(sync_report)
                passes.passed.emit(sync_report)

            super().__init__(*args, on_report=report, **kwargs)

    monkeypatch.setattr(controller, "SyncThread", ObservedSyncThread)
    return passes


@pytest.fixture
def cabinet_on(qapp, qtbot, pcscd, tmp_path) -> Iterator[Callable[..., CabinetApp]]:
    """``cabinet_on(office, on_event=None)``: the window started, styled, against ``office``; ``on_event``
    sees each reader event on the monitor's thread before the window does."""
    running: list[CabinetApp] = []

    def start(office: LocalBackoffice, on_event: Callable[[ReaderEvent], None] | None = None) -> CabinetApp:
        apply_style(qapp)
        settings = Settings(backoffice=office.url, data_dir=tmp_path, workstation="poste-bench",
                            sync_interval_seconds=3600)
        cabinet = CabinetApp(qapp, settings)
        if on_event is not None:  # the monitor is not started yet: one that calls on_event first
            cabinet.monitor = ReaderMonitor(_before(on_event, cabinet.bridge.deliver))
        qtbot.addWidget(cabinet.window)
        running.append(cabinet)
        cabinet.start()
        return cabinet

    yield start
    for cabinet in running:
        cabinet.stop()


def _holder(window: QWidget) -> str:
    """Who the status bar says is signed in ("" once locked)."""
    return window.status.professional.full_text()


def _before(first: Callable[[ReaderEvent], None], then: Callable[[ReaderEvent], None]) -> Callable[[ReaderEvent], None]:
    def callback(event: ReaderEvent) -> None:
        first(event)
        then(event)

    return callback


def _sign_in_typing_the_pin(qtbot, cabinet: CabinetApp) -> None:
    """The PIN dialog, once the inserted card is read: the PIN typed, then Enter."""
    qtbot.waitUntil(lambda: isinstance(cabinet.controller.dialog, PinDialog)
                    and cabinet.controller.dialog.isVisible(), timeout=WAIT)
    field = cabinet.controller.dialog.findChild(QLineEdit)
    qtbot.waitUntil(field.isEnabled, timeout=WAIT)
    qtbot.keyClicks(field, PIN)
    qtbot.keyClick(field, Qt.Key.Key_Return)


class PullToPaint(QObject):
    """Stamps CARD_REMOVED on the monitor's thread (:meth:`stamp`, called before the window hears of it)
    and emits :attr:`painted` at ``page``'s first paint event after it, with the span in seconds."""

    painted = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.removed_at: float | None = None
        self._pending = False

    def observe(self, page: QWidget) -> None:
        page.installEventFilter(self)

    def stamp(self, event: ReaderEvent) -> None:
        if event.kind is EventKind.CARD_REMOVED:
            self.removed_at, self._pending = time.perf_counter(), True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._pending:
            self._pending = False
            self.painted.emit(time.perf_counter() - self.removed_at)
        return False


def _pull_until_painted(qtbot, virtual_reader, watch: PullToPaint) -> tuple[float, float]:
    """Pull slot 0's card (on a thread: the GUI thread stays in its event loop meanwhile); the span from the
    event to the paint, and pcscd's detection (the pull to the event)."""
    puller = threading.Thread(target=virtual_reader.pull, args=(0,))
    with qtbot.waitSignal(watch.painted, timeout=WAIT) as painted:
        pulled = time.perf_counter()
        puller.start()
    puller.join()
    return painted.args[0], watch.removed_at - pulled


@pytest.mark.bench
def test_card_pulled_to_lock_screen_painted(qapp, qtbot, pcscd, virtual_reader, card_presence, pki_dir,
                                            small_office, sync_passes, cabinet_on):
    reader = pcscd.reader_names[0]

    # baseline: a bare stacked widget, a plain page shown on insertion, another on the pull
    bare = QStackedWidget()
    lock_page, session_page = QWidget(), QLabel("signed in")
    bare.addWidget(lock_page)
    bare.addWidget(session_page)
    bare.resize(1000, 720)
    qtbot.addWidget(bare)
    bare_watch, bridge = PullToPaint(), ReaderEventBridge()
    bare_watch.observe(lock_page)
    bridge.event.connect(lambda event: bare.setCurrentWidget(
        session_page if event.kind is EventKind.CARD_INSERTED else lock_page))
    monitor = ReaderMonitor(_before(bare_watch.stamp, bridge.deliver))
    bare.show()
    monitor.start()
    bare_spans, bare_detection = [], []
    try:
        for _ in range(BASELINE_PULLS):
            virtual_reader.insert(0, card_from_spec("cps", pki_dir))
            qtbot.waitUntil(lambda: bare.currentWidget() is session_page, timeout=WAIT)
            span, detection = _pull_until_painted(qtbot, virtual_reader, bare_watch)
            bare_spans.append(span)
            bare_detection.append(detection)
            assert bare.currentWidget() is lock_page
    finally:
        monitor.stop()
    bare.hide()
    card_presence(reader, present=False)

    watch = PullToPaint()
    cabinet = cabinet_on(small_office, on_event=watch.stamp)
    watch.observe(cabinet.window.lock_screen)
    spans, detection = [], []
    for _ in range(PULLS):
        virtual_reader.insert(0, card_from_spec("cps", pki_dir))
        with qtbot.waitSignal(sync_passes.passed, timeout=WAIT) as synced:  # signed in, the engine's pass done
            _sign_in_typing_the_pin(qtbot, cabinet)
        assert synced.args[0].ok and not cabinet.window.locked()
        span, pcscd_saw = _pull_until_painted(qtbot, virtual_reader, watch)
        assert cabinet.window.locked() and _holder(cabinet.window) == ""
        spans.append(span)
        detection.append(pcscd_saw)

    figures = {"pulls": PULLS, "pull_to_lock_painted": _summary(spans),
               "bare_pulls": BASELINE_PULLS, "bare_page_painted": _summary(bare_spans),
               "pcscd_detection_not_in_span": _summary(detection + bare_detection)}
    figures["ratio_median"] = round(figures["pull_to_lock_painted"]["median_ms"]
                                    / max(figures["bare_page_painted"]["median_ms"], 0.01), 2)
    figures["target_under_100_ms_p95"] = figures["pull_to_lock_painted"]["p95_ms"] < 100
    record(RESULTS, "card_pulled_to_lock_painted", figures)


def _cold_start(which: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``window_start.py which`` to its window's first paint."""
    args = ["--backoffice", "http://127.0.0.1:9"] if which == "cabinet" else []  # discard: nothing answers
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(LAUNCHER), which, *args], env=env, capture_output=True, text=True,
                          timeout=WAIT / 1000, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    painted = next(line for line in done.stdout.splitlines() if line.startswith("painted "))
    return float(painted.split()[1]) - started


@pytest.mark.bench
def test_cold_start_to_lock_screen(pcscd, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               CABINET_DATA_DIR=str(tmp_path / "data"))
    ours, bare = [], []
    for _ in range(STARTS):
        ours.append(_cold_start("cabinet", env))
        bare.append(_cold_start("bare", env))
    figures = {"starts": STARTS, "cabinet_lock_screen": _summary(ours), "bare_qmainwindow": _summary(bare)}
    figures["ratio_median"] = round(figures["cabinet_lock_screen"]["median_ms"]
                                    / figures["bare_qmainwindow"]["median_ms"], 2)
    record(RESULTS, "cold_start_to_lock_screen", figures)


class LatencyProbe(QObject):
    """A timer every ``PROBE_MS``: how late each tick fires is how long the GUI thread was kept busy."""

    def __init__(self, parent: QObject, shown: Callable[[], str] = lambda: "") -> None:
        super().__init__(parent)
        self.late: list[float] = []
        self._shown = shown  # what the window shows: each late tick is counted against it
        self.by_page: dict[str, float] = {}
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.late, self.by_page, self._last = [], {}, time.perf_counter()
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = max(0.0, now - self._last - PROBE_MS / 1000)
        self.late.append(late)
        page = self._shown()
        self.by_page[page] = max(self.by_page.get(page, 0.0), late)
        self._last = now

    def figures(self) -> dict[str, float]:
        ordered = sorted(self.late)
        return {"ticks": len(ordered), "max_late_ms": _ms(ordered[-1]),
                "p99_late_ms": _ms(ordered[int(0.99 * (len(ordered) - 1))]),
                "ticks_over_50_ms": sum(1 for late in ordered if late > 0.05),
                "max_late_ms_by_section": {page: _ms(late) for page, late in sorted(self.by_page.items())}}


class FullCollections:
    """How long each full (generation 2) garbage collection took: it runs under the GIL, on whichever thread
    allocated, so one on the sync thread stalls the GUI thread as long as it lasts."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds.append(time.perf_counter() - self._started)

    def __enter__(self) -> Self:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


@pytest.mark.bench
def test_window_memory_after_every_section(qapp, qtbot, pcscd, virtual_reader, pki_dir, large_office, sync_passes,
                                            cabinet_on):
    cabinet = cabinet_on(large_office)
    window = cabinet.window
    virtual_reader.insert(0, card_from_spec("cps", pki_dir))
    with qtbot.waitSignal(sync_passes.passed, timeout=1_800_000) as first_sync:
        _sign_in_typing_the_pin(qtbot, cabinet)
    assert first_sync.args[0].ok and window.shell.current_section().value == "home"
    _settle(qtbot, window)
    accueil = _resident_mb()
    sections = window.shell.visible_sections()
    for section in sections:
        window.shell.show_section(section)
        _settle(qtbot, window)
    visited = _resident_mb()
    record(RESULTS, "window_memory", {"sections": len(sections), "accueil_mb": accueil,
                                      "after_every_section_mb": visited, "ratio": round(visited / accueil, 2)})
    virtual_reader.pull(0)
    qtbot.waitUntil(window.locked, timeout=WAIT)


@pytest.mark.bench
def test_longest_gui_stall_during_the_first_sync(qapp, qtbot, pcscd, virtual_reader, pki_dir, large_office,
                                                 sync_passes, cabinet_on):
    cabinet = cabinet_on(large_office)
    window = cabinet.window
    switches = [0]

    def switch_page() -> None:  # once the session is open: its sections in turn
        if _holder(window) and not window.locked():
            sections = window.shell.visible_sections()
            window.shell.show_section(sections[switches[0] % len(sections)])
            switches[0] += 1

    switcher = QTimer(window)
    switcher.setInterval(SWITCH_MS)
    switcher.timeout.connect(switch_page)
    probe = LatencyProbe(window, lambda: "lock" if window.locked() else window.shell.current_section().value)

    virtual_reader.insert(0, card_from_spec("cps", pki_dir))
    with FullCollections() as collections, qtbot.waitSignal(sync_passes.passed, timeout=1_800_000) as first_sync:
        _sign_in_typing_the_pin(qtbot, cabinet)  # the probe starts once the PIN is typed
        started = time.perf_counter()
        probe.start()
        switcher.start()
    syncing = time.perf_counter() - started
    report = first_sync.args[0]
    assert report.ok, report.errors
    assert report.applied["payments"] > 10_000 and switches[0] > 0 and _holder(window)
    during_sync, sync_switches = probe.figures(), switches[0]

    probe.start()  # baseline: the engine idle, the same probe and switching
    idle = QTimer(window)
    idle.setSingleShot(True)
    with qtbot.waitSignal(idle.timeout, timeout=WAIT):
        idle.start(IDLE_MS)
    switcher.stop()
    idle_figures = probe.figures()
    assert _holder(window)

    figures = {"payments": report.applied["payments"], "rejects": report.applied["rejects"],
               "pin_typed_to_first_sync_done_s": round(syncing, 2), "page_switches": sync_switches,
               "during_first_sync": during_sync, "engine_idle_3s": idle_figures,
               "full_gc_during_sync": {"count": len(collections.seconds),
                                       "longest_ms": _ms(max(collections.seconds, default=0.0))},
               "max_ratio": round(during_sync["max_late_ms"] / max(idle_figures["max_late_ms"], 0.01), 2),
               "target_under_50_ms": during_sync["max_late_ms"] < 50,
               "pages": "every section the doctor sees, in turn"}
    record(RESULTS, "gui_stall_first_sync", figures)


def _resident_mb() -> float:
    """This process's resident set size (VmRSS), in MB."""
    status = Path("/proc/self/status").read_text()
    kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return round(kilobytes / 1024, 1)


def _settle(qtbot, window: QWidget) -> None:
    """Give the section shown the time to read and paint what it shows (its reads run on the pool)."""
    pause = QTimer(window)
    pause.setSingleShot(True)
    with qtbot.waitSignal(pause.timeout, timeout=WAIT):
        pause.start(500)
