"""Signing in without the card: identifier (numéro AM or FINESS) and password, and, at the first
sign-in or once the password has expired, a new password whose rules are ticked as it is typed.

The rules themselves are not here: the dialog is given a pure ``rules`` callable and only says, in
words, which of its checks pass. The last-five rule is the server's to check, so it is only shown.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .common import role_label, set_style_state, show_line
from .secret_dialog import SecretDialog

__all__ = ["Rule", "Rules", "PasswordDialog"]


class Rule(StrEnum):
    """The checks a ``rules`` callable may report broken (DOMAIN.md, password accounts)."""

    IDENTIFIER_EMAIL = "identifier-email"  # an e-mail address is never an identifier
    IDENTIFIER_FORMAT = "identifier-format"  # neither a numéro AM nor a FINESS number
    PASSWORD_LENGTH = "password-length"  # 6 to 13 characters
    PASSWORD_CHARACTERS = "password-characters"  # letters and digits only


Rules = Callable[[str, str], Collection[str]]
"""``rules(identifier, new_password)``: the :class:`Rule` values broken (plain strings will do). Pure
and quick: it is called at every keystroke."""

_IDENTIFIER_RULES = (Rule.IDENTIFIER_EMAIL, Rule.IDENTIFIER_FORMAT)
_SAME, _HISTORY = "same", "history"  # the dialog's own check, and the server's (never ticked here)
_TICK, _PENDING = "✓", "•"


class PasswordDialog(SecretDialog):
    """``sign_in_requested(identifier, password, new_password)``: ``password`` is the first sign-in code
    in that mode; ``new_password`` is None unless a new one was asked for (``require_new_password``)."""

    sign_in_requested = Signal(str, str, object)

    def __init__(self, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sign in without a card"), self.tr("Signing in…"), parent)
        self._rules = rules
        self._column.addWidget(role_label(self.tr("Sign in without a card"), "heading"))
        self._column.addSpacing(4)
        self._column.addWidget(role_label(self.tr("With your numéro AM or FINESS number and your password."),
                                          "muted"))
        self._column.addSpacing(20)
        self._identifier = QLineEdit()
        self._identifier.setAccessibleName(self.tr("Identifier: numéro AM or FINESS number"))
        self._add_field(self._identifier, self.tr("Identifier (numéro AM or FINESS)"))
        self._identifier.editingFinished.connect(self._say_identifier)
        self._identifier_problem = role_label(role="error")
        self._column.addSpacing(4)
        self._column.addWidget(self._identifier_problem)
        self._column.addSpacing(12)
        self._password = self._secret(self.tr("Password"))
        self._password_caption = self._add_field(self._password, self.tr("Password"))
        self._column.addSpacing(16)
        self._new_section = self._new_password_section()
        self._column.addWidget(self._new_section)
        self._expiry = role_label(role="warning")
        self._column.addWidget(self._expiry)
        self._add_buttons(self.tr("Sign in"))
        for line in (self._identifier_problem, self._expiry):
            show_line(line, None)
        self._new_section.hide()

    @staticmethod
    def _secret(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _new_password_section(self) -> QWidget:
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 12)
        column.setSpacing(0)
        self._new_intro = role_label(role="info")
        column.addWidget(self._new_intro)
        column.addSpacing(14)
        self._new = self._secret(self.tr("New password"))
        self._add_field(self._new, self._new.accessibleName(), column)
        column.addSpacing(12)
        self._confirm = self._secret(self.tr("New password again"))
        self._add_field(self._confirm, self._confirm.accessibleName(), column)
        column.addSpacing(12)
        self._rule_texts = {
            Rule.PASSWORD_LENGTH: self.tr("6 to 13 characters"),
            Rule.PASSWORD_CHARACTERS: self.tr("Letters and digits only"),
            _SAME: self.tr("Both entries are the same"),
            _HISTORY: self.tr("Not one of your last five passwords (checked when sent)"),
        }
        rows = QGridLayout()
        rows.setHorizontalSpacing(8)
        rows.setVerticalSpacing(2)
        rows.setColumnStretch(1, 1)
        self._rule_lines: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (key, text) in enumerate(self._rule_texts.items()):
            mark, line = role_label(_PENDING, "rule"), role_label(text, "rule")
            for label in (mark, line):
                label.setProperty("met", "false")
            rows.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            rows.addWidget(line, row, 1)
            self._rule_lines[key] = (mark, line)
        column.addLayout(rows)
        return section

    def require_new_password(self, first_login: bool) -> None:
        """The back office wants a new password: at the first sign-in (with the code received) or after
        the password expired (six months)."""
        if first_login:
            self._password_caption.setText(self.tr("First sign-in code"))
            self._password.setAccessibleName(self.tr("First sign-in code"))
            self._new_intro.setText(self.tr("First sign-in: choose your password."))
        else:
            self._password_caption.setText(self.tr("Current password"))
            self._password.setAccessibleName(self.tr("Current password"))
            self._new_intro.setText(self.tr("Your password has expired: choose a new one."))
        self._new_section.show()
        self._update_ok()
        self._focus_first_empty()

    def set_expiry_warning(self, days: int | None) -> None:
        """The password ends in ``days`` (warned 15 days ahead); None: no warning."""
        show_line(self._expiry, None if days is None else self.tr("Your password expires in %n day(s).", "", days))

    def asking_new_password(self) -> bool:
        return self._new_section.isVisibleTo(self)

    def _broken(self) -> set[str]:
        return {str(rule) for rule in self._rules(self._identifier.text(), self._new.text())}

    def _say_identifier(self) -> None:
        """The format is said once the field is left (or Enter pressed), not at the first digit."""
        broken = self._broken()
        show_line(self._identifier_problem, self._identifier_text(broken, finished=True))

    def _identifier_text(self, broken: set[str], finished: bool) -> str | None:
        if not self._identifier.text():
            return None
        if Rule.IDENTIFIER_EMAIL in broken:
            return self.tr("An e-mail address is not an identifier: type your numéro AM or FINESS number.")
        if Rule.IDENTIFIER_FORMAT in broken and (finished or self._identifier_problem.isVisibleTo(self)):
            return self.tr("The identifier is a numéro AM or a FINESS number (9 characters).")
        return None

    def _rules_met(self, broken: set[str]) -> dict[str, bool]:
        new = self._new.text()
        return {Rule.PASSWORD_LENGTH: bool(new) and Rule.PASSWORD_LENGTH not in broken,
                Rule.PASSWORD_CHARACTERS: bool(new) and Rule.PASSWORD_CHARACTERS not in broken,
                _SAME: bool(new) and new == self._confirm.text()}

    def _update_ok(self) -> None:
        broken = self._broken()
        show_line(self._identifier_problem, self._identifier_text(broken, finished=False))
        for key, ok in self._rules_met(broken).items():
            (mark, line), text = self._rule_lines[key], self._rule_texts[key]
            mark.setText(_TICK if ok else _PENDING)
            line.setAccessibleName((self.tr("%1: met") if ok else self.tr("%1: not met yet")).replace("%1", text))
            for label in (mark, line):
                set_style_state(label, "met", "true" if ok else "false")
        super()._update_ok()

    def _ready(self) -> bool:
        broken = self._broken()
        if not self._identifier.text() or broken & set(_IDENTIFIER_RULES) or not self._password.text():
            return False
        return not self.asking_new_password() or all(self._rules_met(broken).values())

    def _hand_over(self, values: list[str]) -> None:
        identifier, password, new, _ = values
        self.sign_in_requested.emit(identifier, password, new if self.asking_new_password() else None)
