"""Pieces the sign-in screens share: labels that take their look from a style role, secret fields
that take digits only, and the names of the card kinds."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

__all__ = ["role_label", "show_line", "set_style_state", "digits_field", "card_kind_text"]

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
    """Change a property the style sheet selects on, and have the sheet applied again."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


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
