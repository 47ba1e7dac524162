"""The Diagnostics section, for support: the card readers (:class:`~desktop_app.views.readers.ReadersView`)
and, when there is one, why this workstation's encryption key is not kept in the system keyring."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .common import role_label, show_line
from .readers import ReadersView
from .shell import section_title

__all__ = ["DiagnosticsView"]


class DiagnosticsView(QWidget):
    """``readers`` is fed by the owner; :meth:`clear` (the session locked) drops every card's content and
    the key warning of the session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readers = ReadersView()
        self.key_warning = role_label(role="warning")
        self.key_warning.setObjectName("keyWarning")
        show_line(self.key_warning, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(QLabel(section_title("diagnostics"), objectName="pageTitle"))
        layout.addWidget(self.key_warning)
        layout.addWidget(self.readers, 1)

    def set_key_warning(self, text: str | None) -> None:
        """Why the session's data key is kept in a file (:func:`~desktop_app.messages.key_warning_text`), or
        None when the keyring keeps it."""
        show_line(self.key_warning, text)

    def clear(self) -> None:
        self.readers.clear()
        show_line(self.key_warning, None)
