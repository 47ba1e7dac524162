"""Kiosk mode: the keyboard and a close request cannot close the window; only the application can."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow

from desktop_app.kiosk import enter_kiosk

Ctrl, Alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
EXITS = [(Qt.Key.Key_F4, Alt), (Qt.Key.Key_Q, Ctrl), (Qt.Key.Key_W, Ctrl), (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)]


class Window(QMainWindow):
    """A window as a careless application would make it: each exit key bound to close."""

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.setCentralWidget(self.field)
        self.exits = 0  # exit keys that reached their action
        for sequence in ("Alt+F4", "Ctrl+Q", "Ctrl+W", "Escape"):
            action = QAction(self, shortcut=QKeySequence(sequence))
            action.triggered.connect(self.leave)
            self.addAction(action)

    def leave(self) -> None:
        self.exits += 1
        self.close()


@pytest.fixture
def window(qtbot):
    made = Window()
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    made.field.setFocus()
    return made


@pytest.mark.parametrize(("key", "modifiers"), EXITS)
def test_without_kiosk_these_keys_close_the_window(window, qtbot, key, modifiers):
    qtbot.keyClick(window.field, key, modifiers)
    assert window.exits == 1 and not window.isVisible()


@pytest.mark.parametrize(("key", "modifiers"), EXITS)
def test_in_kiosk_these_keys_do_nothing(window, qtbot, key, modifiers):
    guard = enter_kiosk(window)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window.field, key, modifiers)
    assert window.exits == 0 and window.isVisible()
    guard.release()


def test_the_kiosk_is_frameless_on_top_and_refuses_to_close(window, qtbot):
    guard = enter_kiosk(window)
    qtbot.waitUntil(window.isFullScreen)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.close() and window.isVisible()
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen)  # leaving full screen is undone
    qtbot.keyClicks(window.field, "Dupont")  # the keyboard still works for everything else
    assert window.field.text() == "Dupont"
    guard.release()
    assert window.close() and not window.isVisible()
