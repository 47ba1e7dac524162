"""Builds the running application: window, card thread and reader monitor wired by signals."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from cardreader.monitor import ReaderMonitor

from .bridges import ReaderEventBridge
from .card_worker import CardWorker
from .main_window import MainWindow
from .settings import Settings

__all__ = ["CabinetApp"]

log = logging.getLogger(__name__)


class CabinetApp:
    """Owns the long-lived parts so they start and stop together, configured by ``settings``."""

    def __init__(self, app: QApplication, settings: Settings) -> None:
        self.settings = settings
        self.window = MainWindow()
        self.bridge = ReaderEventBridge()
        self.cards = CardWorker()
        self.bridge.event.connect(self.window.on_reader_event)
        self.window.readers.read_requested.connect(self.cards.read)
        self.cards.read_finished.connect(self.window.readers.on_card_read)
        self.monitor = ReaderMonitor(self.bridge.deliver)
        app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        self.monitor.start()
        self.window.show()

    def stop(self) -> None:
        self.monitor.stop()
        self.cards.wait()
