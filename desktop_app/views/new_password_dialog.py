"""Choosing the account's password from a card session: the new password twice, its rules ticked as it
is typed (:func:`desktop_app.password_rules.new_password_rules`), then the back office's answer.

It is the way back to password sign-in after "That wasn't me" suspended it: only the card holder may take it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from ..password_rules import PasswordRule, new_password_acceptable, new_password_rules
from .common import role_label, set_style_state, show_line
from .secret_dialog import SecretDialog

__all__ = ["NewPasswordDialog"]

_RULE_TEXTS = {
    PasswordRule.LENGTH: QT_TRANSLATE_NOOP("NewPasswordDialog", "6 to 13 characters"),
    PasswordRule.CHARACTERS: QT_TRANSLATE_NOOP("NewPasswordDialog", "Letters and digits only"),
    PasswordRule.CONFIRMED: QT_TRANSLATE_NOOP("NewPasswordDialog", "Both entries are the same"),
    PasswordRule.NOT_RECENT: QT_TRANSLATE_NOOP("NewPasswordDialog",
                                               "Not one of your last five passwords (checked when sent)"),
}
_TICK, _PENDING = "✓", "•"


class NewPasswordDialog(SecretDialog):
    """``password_chosen(new_password)``; the owner answers with :meth:`show_done` or ``show_error``."""

    password_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Choose a new password"), self.tr("Saving…"), parent)
        self._column.addWidget(role_label(self.tr("Choose a new password"), "heading"))
        self._column.addSpacing(4)
        self._column.addWidget(role_label(self.tr("For signing in without your card. Choosing it also lifts a "
                                                  "suspension after “That wasn't me”."), "muted"))
        self._column.addSpacing(20)
        self._new = self._secret(self.tr("New password"))
        self._confirm = self._secret(self.tr("New password again"))
        rows = QGridLayout()
        rows.setHorizontalSpacing(8)
        rows.setVerticalSpacing(2)
        rows.setColumnStretch(1, 1)
        self.rule_lines: dict[PasswordRule, tuple[QLabel, QLabel]] = {}
        for row, rule in enumerate(_RULE_TEXTS):
            mark, line = role_label(_PENDING, "rule"), role_label(self._rule_text(rule), "rule")
            rows.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            rows.addWidget(line, row, 1)
            self.rule_lines[rule] = (mark, line)
        self._column.addSpacing(12)
        self._column.addLayout(rows)
        self._done = role_label(role="info")
        self._column.addWidget(self._done)
        show_line(self._done, None)
        self._add_buttons(self.tr("Save the password"))

    def _secret(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        self._add_field(field, name)
        self._column.addSpacing(12)
        return field

    @staticmethod
    def _rule_text(rule: PasswordRule) -> str:
        return QCoreApplication.translate("NewPasswordDialog", _RULE_TEXTS[rule])

    def show_done(self) -> None:
        """The back office took the password: say so; only Close is left."""
        self._set_checking(False)
        for field in self._field_list:
            field.setEnabled(False)
        if self._ok is not None:
            self._ok.hide()
        show_line(self._done, self.tr("Your new password is saved: you may sign in with it without your card."))

    def saved(self) -> bool:
        return self._done.isVisibleTo(self)

    def _ready(self) -> bool:
        return not self.saved() and new_password_acceptable(self._new.text(), self._confirm.text())

    def _update_ok(self) -> None:
        for state in new_password_rules(self._new.text(), self._confirm.text()):
            mark, line = self.rule_lines[state.rule]
            met = bool(state.met) and bool(self._new.text())
            mark.setText(_TICK if met else _PENDING)
            if state.met is not None:
                line.setAccessibleName((self.tr("%1: met") if met else self.tr("%1: not met yet"))
                                       .replace("%1", self._rule_text(state.rule)))
            for label in (mark, line):
                set_style_state(label, "met", "true" if met else "false")
        super()._update_ok()

    def _hand_over(self, values: list[str]) -> None:
        new, _ = values
        self.password_chosen.emit(new)
