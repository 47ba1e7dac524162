"""The real application in a process of its own, for tests/integration/test_kiosk_restart.py: a kiosk
that a test can ``kill -9`` mid-session and start again.

``python kiosk_driver.py session|report --kiosk --data-dir D --backoffice URL --ca CA [--sync-interval S]``,
with the private pcscd's environment and an offscreen Qt. The card is the test's to insert; the driver
types its PIN (1234) when the PIN dialog asks for it, as demo_tour does.

- ``session``: signs in, waits for the first sync to have written the store and shown Accueil, opens
  Rejets, and once the last-session file says so prints ``READY {...}``; then keeps the session open
  (the engine syncing) until it is killed.
- ``report``: prints what the window shows at start (``START``) and when the PIN is asked (``PIN``),
  types the PIN, and prints the session it opens (``RESUMED``); then quits.

Each line is a prefix and a JSON object. Every wait is polled on the GUI thread with a deadline: a step
that does not come prints ``STUCK <step>`` and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from desktop_app.app import CabinetApp
from desktop_app.i18n import install_translations
from desktop_app.last_session import last_session_path, read_last_session
from desktop_app.sections import Section
from desktop_app.settings import load_settings
from desktop_app.views.pin_dialog import PinDialog

PIN = "1234"
LEFT_SECTION = Section.REJECTS  # where the killed session was
STEP_TIMEOUT = 60.0  # seconds: a bound for a loaded machine, never a pause


Step = tuple[str, Callable[[], bool], Callable[[], None]]  # what it waits for, how it knows, what it does then


def say(prefix: str, **facts: object) -> None:
    print(f"{prefix} {json.dumps(facts, ensure_ascii=False)}", flush=True)


def texts(widget: QWidget) -> str:
    """Every text the widget's labels hold, shown or not, and its children's accessible names."""
    parts = [label.text() for label in widget.findChildren(QLabel)]
    parts += [getattr(label, "full_text", lambda: "")() for label in widget.findChildren(QLabel)]
    parts += [child.accessibleName() for child in widget.findChildren(QWidget)]
    return " ".join(parts)


class Driver(QObject):
    """Runs the ``steps`` made for it one after the other on the GUI thread."""

    def __init__(self, cabinet: CabinetApp, steps: Callable[[Driver], list[Step]]) -> None:
        super().__init__(cabinet.window)
        self.cabinet = cabinet
        self._steps = steps(self)
        self._deadline = time.monotonic() + STEP_TIMEOUT
        self._timer = QTimer(self, interval=20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        says, ready, then = self._steps[0]
        if ready():
            self._steps.pop(0)
            self._deadline = time.monotonic() + STEP_TIMEOUT
            then()
            if not self._steps:
                self._timer.stop()
        elif time.monotonic() > self._deadline:
            self._timer.stop()
            say("STUCK", step=says)
            QApplication.exit(1)

    # -- what the window shows ------------------------------------------------------------------------

    def shown(self) -> dict[str, object]:
        window = self.cabinet.window
        summary = window.shell.home.summary()
        return {"locked": window.locked(), "visible": window.isVisible(), "full_screen": window.isFullScreen(),
                "frameless": bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),
                "holder": window.status.professional.full_text(),
                "summary": None if summary is None else str(summary.as_of),
                "home_lines_shown": sorted(name for name, line in window.shell.home.lines.items()
                                           if line.isVisibleTo(window.shell.home)),
                "shell_texts": texts(window.shell) + " " + texts(window.status),
                "section": window.shell.current_section().value}

    def pin_dialog(self) -> PinDialog | None:
        dialog = self.cabinet.controller.dialog
        field = dialog.findChild(QLineEdit) if isinstance(dialog, PinDialog) and dialog.isVisible() else None
        return dialog if field is not None and field.isEnabled() else None

    def in_session(self) -> bool:
        window = self.cabinet.window
        summary = window.shell.home.summary()
        return (not window.locked() and bool(window.status.professional.full_text())
                and summary is not None and summary.as_of is not None)

    def left_section_kept(self) -> bool:
        last = read_last_session(last_session_path(self.cabinet.settings.data_dir))
        return last is not None and last.section is LEFT_SECTION

    # -- what the user does ---------------------------------------------------------------------------

    def type_pin(self) -> None:
        field = self.pin_dialog().findChild(QLineEdit)
        QTest.keyClicks(field, PIN)
        QTest.keyClick(field, Qt.Key.Key_Return)


def session_steps(driver: Driver) -> list[Step]:
    return [
        ("the PIN dialog", lambda: driver.pin_dialog() is not None, driver.type_pin),
        ("the session with Accueil from the synced store", driver.in_session,
         lambda: driver.cabinet.window.shell.show_section(LEFT_SECTION)),
        ("the last-session file naming the section left", driver.left_section_kept,
         lambda: say("READY", **driver.shown())),
    ]


def report_steps(driver: Driver) -> list[Step]:
    return [
        ("the window shown", driver.cabinet.window.isVisible, lambda: say("START", **driver.shown())),
        ("the PIN dialog", lambda: driver.pin_dialog() is not None,
         lambda: (say("PIN", **driver.shown()), driver.type_pin())),
        ("the session with Accueil from the store", driver.in_session,
         lambda: (say("RESUMED", **driver.shown()), driver.cabinet.quit())),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("session", "report"))
    parser.add_argument("--kiosk", action="store_const", const=True)
    parser.add_argument("--data-dir", dest="data_dir", required=True)
    parser.add_argument("--backoffice", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--sync-interval", dest="sync_interval_seconds", default="3600")
    args = vars(parser.parse_args())
    mode = args.pop("mode")
    given = {name: value for name, value in args.items() if value is not None}
    # no CABINET_* variable nor the user's file of whoever runs the tests: only these flags
    settings = load_settings(given | {"workstation": "poste-kiosque"}, environ={},
                             user_file=Path(given["data_dir"]) / "no-user-settings.toml")
    app = QApplication(sys.argv[:1])
    install_translations(app, settings.lang)
    cabinet = CabinetApp(app, settings)
    cabinet.start()
    Driver(cabinet, session_steps if mode == "session" else report_steps)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
