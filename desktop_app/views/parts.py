"""Small pieces the shell's views share."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["ElidedLabel", "restyle"]


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Change a property the style sheet selects on (a tone, a phase) and have the sheet applied again,
    to the widget's children too: their rules may depend on it (``#banner[phase="offline"] QLabel``)."""
    widget.setProperty(name, value)
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)


class ElidedLabel(QLabel):
    """A one-line label that asks for little width and takes what is left, up to its whole text; short
    of room, its text is cut with "…" (whole in its tooltip and accessible description). Give it a
    stretch factor: a long reader or practice name then never pushes its neighbours out."""

    _LEAST = 48  # pixels it asks for

    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight, **properties: object) -> None:
        super().__init__(**properties)
        self._mode, self._full = mode, ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.ensurePolished()  # the style sheet's font, before measuring
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance(text) + 2 * self.margin() + 4)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        return QSize(self._LEAST, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._LEAST, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, self.width()))
