"""The main window: thin, it only holds the lock screen and the signed-in page, one shown at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from .views.lock_screen import LockScreen
from .views.signed_in import SignedInPage

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cabinet"))
        self.lock_screen = LockScreen()
        self.signed_in = SignedInPage()
        self._pages = QStackedWidget()
        self._pages.addWidget(self.lock_screen)
        self._pages.addWidget(self.signed_in)
        self.setCentralWidget(self._pages)
        self.resize(1000, 720)

    def show_lock(self) -> None:
        self._pages.setCurrentWidget(self.lock_screen)

    def show_session(self) -> None:
        self._pages.setCurrentWidget(self.signed_in)

    def locked(self) -> bool:
        return self._pages.currentWidget() is self.lock_screen
