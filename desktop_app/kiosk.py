"""Kiosk mode: the main window fills the screen, frameless and on top, and the keyboard cannot close
it or leave it (close, Alt+F4, Ctrl+Q, Ctrl+W, Escape are swallowed; a close request from the window
manager is refused; leaving full screen is undone).

Only the application closes it: it calls :meth:`KioskGuard.release` before it quits (Qt 6 closes the
windows on ``quit()``, and a kiosk window refuses). What the operating system keeps for itself
(Ctrl+Alt+Del, switching sessions) is the kiosk session's to lock, in the installer's units.
Dialogs opened over the kiosk are windows of their own: Escape still cancels them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

__all__ = ["KioskGuard", "enter_kiosk"]

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_BLOCKED_SEQUENCES = (QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Close)
_BLOCKED_KEYS = {
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
}


def _blocked(event: QKeyEvent) -> bool:
    key = Qt.Key(event.key())
    if key == Qt.Key.Key_Escape:
        return True
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (key, modifiers) in _BLOCKED_KEYS or any(event.matches(sequence) for sequence in _BLOCKED_SEQUENCES)


class KioskGuard(QObject):
    """The application-wide event filter that keeps ``window`` open and full screen."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.shutting_down = False
        QApplication.instance().installEventFilter(self)

    def release(self) -> None:
        """The application is quitting: from now on the window closes and the keys pass."""
        self.shutting_down = True

    def _ours(self, watched: QObject) -> bool:
        """``watched`` is the kiosk window, its native window or one of its widgets (not a dialog)."""
        if isinstance(watched, QWindow):
            return watched is self._window.windowHandle()
        return isinstance(watched, QWidget) and watched.window() is self._window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.shutting_down:
            return False
        kind = event.type()
        if kind in _KEY_EVENTS and self._ours(watched) and _blocked(event):
            event.accept()  # a ShortcutOverride accepted here is ours: no action's shortcut fires
            return True
        if watched is self._window and kind == QEvent.Type.Close:
            event.ignore()
            return True
        if watched is self._window and kind == QEvent.Type.WindowStateChange and not self._window.isFullScreen():
            QTimer.singleShot(0, self._window.showFullScreen)
        return False


def enter_kiosk(window: QMainWindow) -> KioskGuard:
    """Make ``window`` the kiosk: frameless, on top, full screen, unclosable until released."""
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint
                          | Qt.WindowType.WindowStaysOnTopHint)
    guard = KioskGuard(window)
    window.showFullScreen()
    return guard
