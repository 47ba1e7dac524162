"""The main window: thin, it holds the lock screen and the signed-in page (the offline banner over the
sections), one shown at a time, and the status bar and the "Lock" action of the signed-in page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from .sections import Section
from .views.banner import BannerView
from .views.diagnostics import DiagnosticsView
from .views.lock_screen import LockScreen
from .views.shell import ShellView
from .views.status_bar import StatusBarView

__all__ = ["MainWindow"]

LOCK_SHORTCUT = "Ctrl+L"


class MainWindow(QMainWindow):
    """``lock_requested``: the user's "Lock" (the status bar's button or Ctrl+L, while signed in)."""

    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cabinet"))
        self.lock_screen = LockScreen()
        self.banner = BannerView()
        self.shell = ShellView()
        self.diagnostics = DiagnosticsView()
        self.shell.set_page(Section.DIAGNOSTICS, self.diagnostics)
        self.status = StatusBarView()
        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.lock_action.triggered.connect(self.lock_requested)
        self.addAction(self.lock_action)
        lock_button = QPushButton(self.tr("Lock"), objectName="lockButton")
        lock_button.setAccessibleName(self.tr("Lock Cabinet"))
        lock_button.setToolTip(QKeySequence(LOCK_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText))
        lock_button.clicked.connect(self.lock_action.trigger)
        session = QWidget(objectName="sessionPage")
        column = QVBoxLayout(session)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.shell, 1)
        self._session = session
        self._pages = QStackedWidget()
        self._pages.addWidget(self.lock_screen)
        self._pages.addWidget(session)
        self.setCentralWidget(self._pages)
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.status, 1)
        bar.addPermanentWidget(lock_button)
        self.resize(1280, 800)
        self.show_lock()

    def show_lock(self) -> None:
        self._pages.setCurrentWidget(self.lock_screen)
        self.statusBar().hide()
        self.lock_action.setEnabled(False)

    def show_session(self) -> None:
        self._pages.setCurrentWidget(self._session)
        self.statusBar().show()
        self.lock_action.setEnabled(True)
        self.shell.setFocus()

    def locked(self) -> bool:
        return self._pages.currentWidget() is self.lock_screen
