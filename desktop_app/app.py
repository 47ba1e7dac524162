"""Builds the running application: window, sign-in controller, card thread and reader monitor."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cardreader.atr import AtrInfo
from cardreader.monitor import EventKind, ReaderEvent, ReaderMonitor

from .bridges import ReaderEventBridge
from .card_ops import CardOps, Connector
from .controller import SessionController
from .kiosk import KioskGuard, enter_kiosk
from .last_session import last_session_path, read_last_session
from .log_file import close_log_file, open_log_file
from .main_window import MainWindow
from .ops import OpRunner
from .settings import Settings
from .threads import CardThread

__all__ = ["CabinetApp"]

log = logging.getLogger(__name__)


def _close_log_file(opened: Future[logging.Handler]) -> None:
    if not opened.cancelled() and opened.exception() is None:
        close_log_file(opened.result())


class _AfterFirstPaint(QObject):
    """Calls ``then`` once ``widget`` has been painted the first time (in the next turn of the event loop)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget, self._then = widget, then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class CabinetApp:
    """Owns the long-lived parts so they start and stop together, configured by ``settings``."""

    def __init__(self, app: QApplication, settings: Settings, *, connect: Connector | None = None) -> None:
        """``connect``: how the card operations reach a reader's card (PC/SC unless given)."""
        self.settings, self._app = settings, app
        self.window = MainWindow()
        self.kiosk: KioskGuard | None = None
        self.bridge = ReaderEventBridge()
        self.card_thread = CardThread()
        self.cards = CardOps(self.card_thread, connect=connect)
        self.ops = OpRunner()
        last = read_last_session(last_session_path(settings.data_dir))  # a few bytes, once, before the window shows
        self.controller = SessionController(self.window, settings, self.card_thread, self.cards, self.ops, last)
        app.installEventFilter(self.controller)  # user input restarts the idle lock's countdown
        self.bridge.event.connect(self._on_reader_event)
        self.window.diagnostics.readers.read_requested.connect(self._read)
        self.monitor = ReaderMonitor(self.bridge.deliver)
        self._log_file: Future[logging.Handler] | None = None
        self._stopped = False
        app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        """The monitor, and the window on its lock screen: the kiosk's (full screen, no way out) when
        the settings say so."""
        # What start-up made (Qt's wrappers, the modules, the window) lives as long as the application:
        # kept out of the collector's full passes, which otherwise walk it all while holding the GIL —
        # a quarter of a second of frozen window during a large sync (tests/bench/test_window_bench.py).
        gc.freeze()
        # on the pool: its masking loads the sync package, which the lock screen does not wait for
        self._log_file = self.ops.run_op(partial(open_log_file, self.settings.data_dir), lambda _: None,
                                         lambda error: log.warning("no log file: %s", error))
        self.monitor.start()
        if self.settings.kiosk:
            self.kiosk = enter_kiosk(self.window)
        else:
            self.window.show()
        self._first_paint = _AfterFirstPaint(self.window.lock_screen, self._make_sections)

    def _make_sections(self) -> None:
        self.controller.make_sections()
        gc.freeze()  # the sections' pages live as long as the application too

    def quit(self) -> None:
        """The application's own end: the kiosk lets its window close, then the event loop ends."""
        if self.kiosk is not None:
            self.kiosk.release()
        self._app.quit()

    def stop(self) -> None:
        """Idempotent (the application's end and a test's both call it)."""
        if self._stopped:
            return
        self._stopped = True
        if self.kiosk is not None:
            self.kiosk.release()
        self.monitor.stop()
        self.controller.handle_quit()
        if self._log_file is not None:
            self._log_file.add_done_callback(_close_log_file)
        self.ops.shutdown()
        self.card_thread.submit(self.cards.release_all)
        self.card_thread.stop()

    def _on_reader_event(self, event: ReaderEvent) -> None:
        if event.kind in (EventKind.CARD_REMOVED, EventKind.READER_REMOVED):  # its link, if any, is gone
            self.card_thread.submit(self.cards.release, event.reader)
        self.window.diagnostics.readers.on_reader_event(event)
        self.controller.on_reader_event(event)

    def _read(self, reader: str, atr: AtrInfo) -> None:
        """Diagnostics' "Read the card": on the card thread, whose link to the session's card it shares."""
        readers = self.window.diagnostics.readers
        self.ops.deliver(self.card_thread.submit(self.cards.read_card, reader, atr), readers.on_card_read)
