"""The main window: thin, it only lays out the screens and the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from cardreader.monitor import EventKind, ReaderEvent

from .views.readers import ReadersView

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cabinet"))
        self.readers = ReadersView()
        self.setCentralWidget(self.readers)
        self._service = QLabel(self.tr("Connecting to the smart-card service…"))
        self.statusBar().addPermanentWidget(self._service)
        self.resize(900, 600)

    def on_reader_event(self, event: ReaderEvent) -> None:
        if event.kind is EventKind.SERVICE_LOST:
            self._service.setText(self.tr("Smart-card service unavailable: reconnecting…"))
        elif event.kind in (EventKind.SERVICE_BACK, EventKind.READER_ADDED, EventKind.CARD_INSERTED):
            self._service.setText(self.tr("Smart-card service ready"))
        self.readers.on_reader_event(event)
