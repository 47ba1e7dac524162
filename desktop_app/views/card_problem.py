"""What is wrong with the card just inserted, in one sentence, and what to do about it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ..formatting import french_date
from .common import role_label

__all__ = ["CardProblemPanel"]


class CardProblemPanel(QFrame):
    """Hidden until a problem is shown; the lock screen holds one under its instruction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardProblem")
        self.setAccessibleName(self.tr("Card problem"))
        self._what = role_label(role="problem")
        self._todo = role_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        layout.addWidget(self._what)
        layout.addWidget(self._todo)
        self.hide()

    def show_expired(self, valid_until: str | None) -> None:
        """``valid_until``: the card's ISO end date, when it could be read."""
        what = (self.tr("This card expired on %1.").replace("%1", french_date(valid_until)) if valid_until
                else self.tr("This card has expired."))
        self._show(what, self.tr("Use your new card, or sign in without a card."))

    def show_unknown_card(self) -> None:
        self._show(self.tr("This card is not a health professional's card."),
                   self.tr("Take it out and insert your CPS, CPF or CPE card."))

    def show_read_error(self, detail: str | None = None) -> None:
        """``detail``: the error's own sentence (``messages.card_error_text``), when there is one."""
        what = self.tr("The card could not be read.")
        if detail:
            what = f"{what} {detail}"
        self._show(what, self.tr("Take the card out and insert it again; if this happens again, try another "
                                 "reader."))

    def clear(self) -> None:
        self._what.clear()
        self._todo.clear()
        self.hide()

    def text(self) -> str:
        """Both sentences, as a screen reader says them."""
        return f"{self._what.text()} {self._todo.text()}".strip()

    def _show(self, what: str, todo: str) -> None:
        self._what.setText(what)
        self._todo.setText(todo)
        self.setAccessibleDescription(self.text())
        self.show()
