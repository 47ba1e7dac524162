"""Pieces the screens share: labels that take their look from a style role, labels that give up width
with "…", secret fields that take digits only, and the names of the card kinds."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRegularExpression, QSize, Qt
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

__all__ = ["role_label", "show_line", "set_style_state", "digits_field", "card_kind_text", "ElidedLabel"]

_KINDS = {
    "CPS": QT_TRANSLATE_NOOP("CardKinds", "CPS card"),
    "CPF": QT_TRANSLATE_NOOP("CardKinds", "CPF card"),
    "CPE": QT_TRANSLATE_NOOP("CardKinds", "CPE card"),
}


def role_label(text: str = "", role: str | None = None, *, centred: bool = False) -> QLabel:
    """A word-wrapped label whose look is the style sheet's ``QLabel[role=...]``."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and server sentences are never markup
    if role:
        label.setProperty("role", role)
    if centred:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def show_line(label: QLabel, text: str | None) -> None:
    """Show ``text``, or hide the line when there is nothing to say (no empty gap left behind)."""
    label.setText(text or "")
    label.setVisible(bool(text))


def set_style_state(widget: QWidget, name: str, value: str) -> None:
    """Change a property the style sheet selects on, and have the sheet applied again, to the widget's
    children too: their rules may depend on it (``#banner[phase="offline"] QLabel``)."""
    widget.setProperty(name, value)
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)


def digits_field(digits: int, accessible_name: str) -> QLineEdit:
    """A masked field that takes at most ``digits`` ASCII digits: what a card's PIN or PUK is made of."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{digits}}}"), field))
    field.setMaxLength(digits)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                              | Qt.InputMethodHint.ImhNoPredictiveText)
    field.setAccessibleName(accessible_name)
    field.setProperty("role", "code")
    return field


def card_kind_text(kind: str) -> str:
    """``CPS`` → "CPS card" in the user's language; an unknown kind is shown as given."""
    text = _KINDS.get(kind)
    return QCoreApplication.translate("CardKinds", text) if text else kind


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
