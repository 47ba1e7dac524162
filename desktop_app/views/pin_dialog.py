"""The PIN dialog and the blocked-card dialog: they show what the card thread found and hand back what
the person typed, once, then forget it. They never send a PIN anywhere and never retry one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from .common import card_kind_text, digits_field, role_label, show_line
from .secret_dialog import SecretDialog

__all__ = ["PIN_DIGITS", "PUK_DIGITS", "PinDialog", "BlockedCardDialog"]

PIN_DIGITS = 4  # CARDS.md: a CPS, CPF or CPE PIN is 4 digits
PUK_DIGITS = 8  # CARDS.md: RESET RETRY COUNTER takes an 8-digit PUK


class _CardDialog(SecretDialog):
    """The card's kind and its holder at the top of the dialog."""

    def __init__(self, title: str, holder: str, card_kind: str, parent: QWidget | None) -> None:
        super().__init__(title, self.tr("Checking the code…"), parent)
        self._column.addWidget(role_label(card_kind_text(card_kind), "kind"))
        self._column.addSpacing(2)
        self._column.addWidget(role_label(holder, "heading"))
        self._column.addSpacing(20)


class PinDialog(_CardDialog):
    """Asks the PIN of ``holder``'s card, the tries left in view before the first entry.

    With ``pin_pad`` the PIN is typed on the reader: there is no field, and after a wrong PIN "Type the
    code again" emits ``pin_pad_requested`` (the reader's cancel and timeout lock instead).
    """

    pin_entered = Signal(str)
    pin_pad_requested = Signal()

    def __init__(self, holder: str, card_kind: str, tries_left: int, *, pin_pad: bool = False,
                 pin_digits: int = PIN_DIGITS, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Card PIN"), holder, card_kind, parent)
        self._digits = pin_digits
        self._field: QLineEdit | None = None
        if pin_pad:
            self._column.addWidget(role_label(self.tr("Type your code on the reader"), "lead"))
            self._column.addSpacing(6)
            self._column.addWidget(role_label(
                self.tr("The code is typed on the reader's keypad and never passes through this computer."),
                "muted"))
        else:
            self._field = digits_field(pin_digits, self.tr("Card PIN"))
            self._add_field(self._field, self.tr("Type your PIN (%n digit(s))", "", pin_digits))
        self._tries = role_label(role="muted")
        self._last_try = role_label(self.tr("Last try: a wrong PIN will block the card"), "warning")
        self._column.addSpacing(10)
        self._column.addWidget(self._tries)
        self._column.addSpacing(10)
        self._column.addWidget(self._last_try)
        self._add_buttons(None if pin_pad else self.tr("Confirm"))
        if pin_pad:
            self._again = self._buttons.addButton(self.tr("Type the code again"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
            self._again.clicked.connect(self._ask_pin_pad)
            self._again.hide()
        self.set_tries_left(tries_left)

    @property
    def pin_pad(self) -> bool:
        return self._field is None

    def set_tries_left(self, tries_left: int) -> None:
        self._tries.setText(self.tr("%n try(ies) left", "", tries_left))
        self._last_try.setVisible(tries_left == 1)

    def show_error(self, text: str) -> None:
        super().show_error(text)
        if self.pin_pad:
            self._again.show()
            self._again.setFocus()

    def _ready(self) -> bool:
        return self._field is not None and len(self._field.text()) == self._digits

    def _hand_over(self, values: list[str]) -> None:
        self.pin_entered.emit(values[0])

    def _ask_pin_pad(self) -> None:
        self._again.hide()
        show_line(self._error, None)
        self.pin_pad_requested.emit()


class BlockedCardDialog(_CardDialog):
    """Says the card is blocked; where the card allows it, takes the PUK and a new PIN typed twice."""

    unblock_requested = Signal(str, str)  # PUK, new PIN

    def __init__(self, holder: str, card_kind: str, *, can_unblock: bool, pin_digits: int = PIN_DIGITS,
                 puk_digits: int = PUK_DIGITS, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Card blocked"), holder, card_kind, parent)
        self._lengths = (puk_digits, pin_digits, pin_digits)
        self._column.addWidget(role_label(self.tr("Card blocked"), "lead"))
        self._column.addSpacing(6)
        self._column.addWidget(role_label(self.tr("Three wrong PINs in a row have blocked this card."), "muted"))
        self._column.addSpacing(16)
        if not can_unblock:
            self._column.addWidget(role_label(self.tr(
                "It cannot be unblocked here: contact the ANS (Agence du numérique en santé) to have it unblocked "
                "or replaced.")))
            self._add_buttons(None)
            self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
            return
        self._column.addWidget(role_label(self.tr(
            "Type the unblocking code (PUK) sent with your card, then choose a new PIN.")))
        self._column.addSpacing(14)
        for length, name in zip(self._lengths, (self.tr("Unblocking code (PUK)"), self.tr("New PIN"),
                                                self.tr("New PIN again")), strict=True):
            self._add_field(digits_field(length, name), name)
            self._column.addSpacing(10)
        self._mismatch = role_label(self.tr("The two new PINs differ."), "error")
        self._mismatch.hide()
        self._column.addWidget(self._mismatch)
        self._add_buttons(self.tr("Unblock the card"))

    def _differ(self) -> bool:
        _, new, again = (field.text() for field in self._field_list)
        return len(again) == self._lengths[2] and again != new

    def _ready(self) -> bool:
        lengths = tuple(len(field.text()) for field in self._field_list)
        return lengths == self._lengths and not self._differ()

    def _update_ok(self) -> None:
        if self._field_list:  # none when the card cannot be unblocked here
            self._mismatch.setVisible(self._differ())
        super()._update_ok()

    def _hand_over(self, values: list[str]) -> None:
        puk, new_pin, _ = values
        self.unblock_requested.emit(puk, new_pin)
