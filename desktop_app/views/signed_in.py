"""The signed-in page until the application shell takes its place: who is signed in, and "Lock"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .common import role_label

__all__ = ["SignedInPage"]


class SignedInPage(QWidget):
    """Shows only what it is given; :meth:`clear` forgets it (the screen locked)."""

    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signedIn")
        self._holder = role_label(role="title", centred=True)
        self._lock = QPushButton(self.tr("Lock"))
        self._lock.setAccessibleName(self.tr("Lock Cabinet"))
        self._lock.clicked.connect(self.lock_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._lock)
        row.addStretch(1)
        page = QVBoxLayout(self)
        page.addStretch(1)
        page.addWidget(self._holder)
        page.addSpacing(20)
        page.addLayout(row)
        page.addStretch(2)

    def show_user(self, display_name: str) -> None:
        self._holder.setText(display_name)

    def clear(self) -> None:
        self._holder.clear()

    def holder_text(self) -> str:
        return self._holder.text()
