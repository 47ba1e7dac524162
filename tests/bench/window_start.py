"""A cold start for the window benchmark (``test_window_bench``), in a process of its own.

Run as ``python window_start.py cabinet ARGS...``: ``python -m desktop_app ARGS...`` as it is, its lock
screen watched; or ``python window_start.py bare``: a bare PySide6 ``QMainWindow`` shown the same way (the
baseline). Either prints ``painted <time.monotonic()>`` at its window's first paint event, then quits.
``time.monotonic`` is the system-wide clock the parent also reads, so the line gives spawn → first paint.

The paint is watched by an event filter, installed on Cabinet's lock screen just before the application
shows its window (the one hook: ``CabinetApp.start`` wrapped in this process, nothing changed in Cabinet).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Prints the time of ``widget``'s first paint event, then ends the event loop."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            print("painted", time.monotonic(), flush=True)
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def cabinet(argv: list[str]) -> int:
    from desktop_app import __main__ as cabinet_main
    from desktop_app.app import CabinetApp

    start = CabinetApp.start

    def watched_start(self: CabinetApp) -> None:
        FirstPaint(self.window.lock_screen)
        start(self)

    CabinetApp.start = watched_start
    return cabinet_main.main(argv)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1000, 720)
    FirstPaint(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(cabinet(sys.argv[2:]) if sys.argv[1] == "cabinet" else bare())
