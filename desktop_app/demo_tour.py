"""The demo's scripted tour, for runs with no display: what a newcomer does with the card drawer, done
by the program and photographed at each step.

Lock screen → the CPS inserted, its PIN dialog → PIN 1234, the session → the card pulled, locked again.
Each step waits for what the window shows (polled on the GUI thread, never blocking it), bounded by a
deadline so that a broken sign-in ends the tour with the step it stopped at instead of hanging.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit

from .app import CabinetApp
from .views.demo_panel import DemoReaderPanel
from .views.pin_dialog import PinDialog

__all__ = ["SHOTS", "DemoTour"]

log = logging.getLogger("cabinet.demo")

#: the tour's screenshots, in the order they are taken
SHOTS = ("1-lock-screen.png", "2-pin-dialog.png", "3-session.png", "4-locked-after-pull.png")


_SETTLE_MS = 200  # after a step's view appears, before its picture: the layouts it posted are done


@dataclass(frozen=True)
class _Step:
    says: str  # what the step waits for, printed as the tour goes
    ready: Callable[[], bool]
    shot: str
    then: Callable[[], None] | None = None  # what the newcomer does next, once the picture is taken


class DemoTour(QObject):
    """Drives ``cabinet`` through ``panel`` (slot 1, the ``card`` spec, its ``pin``), saves :data:`SHOTS`
    in ``out_dir`` and calls ``done(True)`` at the end, ``done(False)`` when a step's deadline passes."""

    def __init__(self, cabinet: CabinetApp, panel: DemoReaderPanel, readers: list[str], out_dir: Path,
                 done: Callable[[bool], None], *, card: str = "cps", pin: str = "1234",
                 step_timeout: float = 60.0) -> None:
        super().__init__(cabinet.window)
        self._cabinet, self._panel, self._readers = cabinet, panel, readers
        self._out, self._done, self._timeout = out_dir, done, step_timeout
        self._card, self._pin = card, pin
        window = cabinet.window
        self._steps = [
            _Step("the lock screen with its readers", self._lock_screen_ready, SHOTS[0], self._insert),
            _Step("the PIN dialog", self._pin_dialog_ready, SHOTS[1], self._type_pin),
            _Step("the session, its Accueil read from the synced store", self._session_ready, SHOTS[2],
                  self._panel.pull_buttons[0].click),
            _Step("the lock after the pull", lambda: window.locked() and window.status.professional.full_text() == "",
                  SHOTS[3]),
        ]
        self._index = 0
        self._deadline = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        self._out.mkdir(parents=True, exist_ok=True)
        self._deadline = time.monotonic() + self._timeout
        self._timer.start()

    def _poll(self) -> None:
        step = self._steps[self._index]
        if step.ready():
            self._timer.stop()
            QTimer.singleShot(_SETTLE_MS, self._act)
        elif time.monotonic() > self._deadline:
            self._timer.stop()
            print(f"Tour: stopped waiting for {step.says}", flush=True)
            self._done(False)

    def _act(self) -> None:
        step = self._steps[self._index]
        self._shot(step.shot)
        print(f"Tour: {step.says} ✓ ({self._out / step.shot})", flush=True)
        if step.then is not None:
            step.then()
        self._index += 1
        if self._index == len(self._steps):
            self._done(True)
            return
        self._deadline = time.monotonic() + self._timeout
        self._timer.start()

    def _session_ready(self) -> bool:
        window = self._cabinet.window
        summary = window.shell.home.summary()
        return (not window.locked() and bool(window.status.professional.full_text())
                and summary is not None and summary.as_of is not None)

    def _lock_screen_ready(self) -> bool:
        window = self._cabinet.window
        shown = {label.text() for label in window.lock_screen.findChildren(QLabel) if label.isVisible()}
        return window.locked() and window.isVisible() and all(name in shown for name in self._readers)

    def _pin_dialog(self) -> PinDialog | None:
        dialog = self._cabinet.controller.dialog
        return dialog if isinstance(dialog, PinDialog) and dialog.isVisible() else None

    def _pin_dialog_ready(self) -> bool:
        dialog = self._pin_dialog()
        field = dialog.findChild(QLineEdit) if dialog is not None else None
        return field is not None and field.isEnabled()

    def _insert(self) -> None:
        self._panel.select(0, self._card)
        self._panel.insert_buttons[0].click()

    def _type_pin(self) -> None:
        dialog = self._pin_dialog()
        assert dialog is not None  # the step before waited for it
        field = dialog.findChild(QLineEdit)
        QTest.keyClicks(field, self._pin)
        QTest.keyClick(field, Qt.Key.Key_Return)

    def _shot(self, name: str) -> None:
        """The window as seen on a screen: with the PIN dialog, when up, centred over it."""
        picture = self._cabinet.window.grab()
        dialog = self._pin_dialog()
        if dialog is not None:
            over = dialog.grab()
            painter = QPainter(picture)
            painter.drawPixmap(QPoint((picture.width() - over.width()) // 2,
                                      (picture.height() - over.height()) // 3), over)
            painter.end()
        picture.save(str(self._out / name))
        log.info("saved %s", self._out / name)
