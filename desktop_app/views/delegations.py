"""Délégations: what each of the doctor's secretaries' CPE cards may do, ticked and saved.

Only the delegable scopes are offered (``DELEGABLE_SCOPES``); medical data never is, and the page says
so. The view holds the last state it was given and what is ticked; saving is the owner's: it receives
``save_requested`` and answers with :meth:`set_saved` or :meth:`set_error`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ..account import DelegationsState
from ..sections import DELEGABLE_SCOPES
from .common import set_style_state, show_line

__all__ = ["DelegationsView", "scope_title"]

_SCOPE_TITLES = {
    "payments": QT_TRANSLATE_NOOP("Scopes", "Payments"),
    "forms": QT_TRANSLATE_NOOP("Scopes", "Form orders"),
    "messages": QT_TRANSLATE_NOOP("Scopes", "Messages to your fund (Contact)"),
    "documents": QT_TRANSLATE_NOOP("Scopes", "Scanned documents (SCOR)"),
}
_MEDICAL = QT_TRANSLATE_NOOP("Delegations", "Medical data (patients' situations, ALD, activity) can never be delegated.")
_CONTENT_WIDTH = 900  # pixels, as Accueil's


def scope_title(scope: str) -> str:
    """A delegable scope's name in the user's language."""
    return QCoreApplication.translate("Scopes", _SCOPE_TITLES[scope])


class DelegationsView(QWidget):
    save_requested = Signal(object)  # the DelegationsState ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("delegationsPage")
        self._state = DelegationsState()
        self.boxes: dict[tuple[str, str], QCheckBox] = {}  # (CPE national id, scope)
        self._empty = QLabel(self.tr("No secretary's CPE card is linked to your account."), objectName="pageIntro",
                             wordWrap=True)
        self._cards = QWidget(objectName="delegatesList", maximumWidth=_CONTENT_WIDTH)
        self._cards_layout = QVBoxLayout(self._cards)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(12)
        self.save_button = QPushButton(self.tr("Save"), objectName="saveDelegations")
        self.save_button.setAccessibleName(self.tr("Save the delegations"))
        self.save_button.clicked.connect(self._save)
        self._outcome = QLabel(objectName="delegationsOutcome", wordWrap=True)
        self._outcome.setAccessibleName(self.tr("Saving"))
        content = QWidget(objectName="delegationsContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 28, 32, 28)
        column.setSpacing(10)
        column.addWidget(QLabel(self.tr("Delegations"), objectName="pageTitle"))
        column.addWidget(QLabel(self.tr("Choose what each secretary may see and do with her CPE card. A change "
                                        "reaches her open session at once."), objectName="pageIntro", wordWrap=True,
                                maximumWidth=_CONTENT_WIDTH))
        column.addWidget(QLabel(QCoreApplication.translate("Delegations", _MEDICAL), objectName="medicalNote",
                                wordWrap=True, maximumWidth=_CONTENT_WIDTH))
        column.addSpacing(6)
        column.addWidget(self._empty)
        column.addWidget(self._cards)
        column.addSpacing(4)
        actions = QHBoxLayout()
        actions.setSpacing(14)
        actions.addWidget(self.save_button)
        actions.addWidget(self._outcome, 1)
        column.addLayout(actions)
        column.addStretch(1)
        scroll = QScrollArea(objectName="pageScroll", widgetResizable=True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.set_state(DelegationsState())

    # -- what the owner calls ----------------------------------------------------------------------

    def set_state(self, state: DelegationsState) -> None:
        """Show ``state`` (what the back office says); nothing is left to save."""
        self._state, self.boxes = state, {}
        self._empty.setVisible(not state.secretaries)
        while (item := self._cards_layout.takeAt(0)) is not None:  # the last state's cards go at once
            card = item.widget()
            card.setParent(None)
            card.deleteLater()
        for secretary in state.secretaries:
            self._cards_layout.addWidget(self._card(secretary.national_id, secretary.scopes))
        self._cards.setVisible(bool(state.secretaries))
        self.save_button.setVisible(bool(state.secretaries))
        self._say(None, "")
        self._changed()

    def state(self) -> DelegationsState:
        """What is ticked now."""
        ticked = self._state
        for (national_id, scope), box in self.boxes.items():
            ticked = ticked.granting(national_id, scope, box.isChecked())
        return ticked

    def set_saved(self, state: DelegationsState) -> None:
        """The back office took the delegations: show them as it now has them."""
        self.set_state(state)
        self._say(self.tr("Saved."), "ok")

    def set_error(self, message: str) -> None:
        """Saving failed (``message``: one sentence from ``desktop_app.messages``); the ticks stay, to try again."""
        self._set_enabled(True)
        self._say(message, "error")

    def clear(self) -> None:
        """Drop the secretaries (the session locked)."""
        self.set_state(DelegationsState())

    # -- inside ------------------------------------------------------------------------------------

    def _card(self, national_id: str, granted: frozenset[str]) -> QFrame:
        card = QFrame(objectName="delegateCard", maximumWidth=_CONTENT_WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(20, 14, 20, 16)
        inner.setSpacing(8)
        name = self.tr("CPE card %1").replace("%1", national_id)
        inner.addWidget(QLabel(name, objectName="delegateName"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(8)
        for index, scope in enumerate(DELEGABLE_SCOPES):
            box = QCheckBox(scope_title(scope), checked=scope in granted)
            box.setAccessibleName(self.tr("%1 for the %2").replace("%1", scope_title(scope)).replace("%2", name))
            box.toggled.connect(self._changed)
            self.boxes[(national_id, scope)] = box
            grid.addWidget(box, index // 2, index % 2)
        grid.setColumnStretch(2, 1)
        inner.addLayout(grid)
        return card

    def _changed(self) -> None:
        self.save_button.setEnabled(self.state() != self._state)
        if self.state() != self._state:
            self._say(None, "")

    def _save(self) -> None:
        self._set_enabled(False)
        self._say(self.tr("Saving…"), "busy")
        self.save_requested.emit(self.state())

    def _set_enabled(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        for box in self.boxes.values():
            box.setEnabled(enabled)

    def _say(self, text: str | None, tone: str) -> None:
        show_line(self._outcome, text)
        set_style_state(self._outcome, "tone", tone)
