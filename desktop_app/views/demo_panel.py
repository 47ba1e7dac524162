"""The demo's card drawer: pick an emulated card and insert it in, or pull it from, either slot of the
virtual reader. A newcomer reads each card's codes here, so nothing has to be looked up elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QWidget

from .common import role_label

__all__ = ["DemoCard", "DemoReaderPanel"]

_ROWS = 3  # per slot: the card list and its buttons, the card's codes, what is in the slot


@dataclass(frozen=True)
class DemoCard:
    """One card of the drawer: its emulator spec, its label and what to type with it (``codes``)."""

    spec: str
    label: str
    codes: str


class DemoReaderPanel(QWidget):
    """``insert(slot, spec)`` and ``pull(slot)`` are the virtual reader's; this only calls them and says
    what it put in each slot (``inserted``: what was there before, "" for none). ``defaults`` are the
    slots' preselected cards. Keyboard: Alt+1 / Alt+2 reach a slot's card list, Tab its buttons."""

    def __init__(
        self,
        slots: Sequence[str],
        cards: Sequence[DemoCard],
        defaults: Sequence[str],
        insert: Callable[[int, str], None],
        pull: Callable[[int], None],
        note: str = "",
        inserted: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoPanel")
        self._cards = {card.spec: card for card in cards}
        self._insert, self._pull = insert, pull
        self._choices: list[QComboBox] = []
        self._contents: list[QLabel] = []
        self.insert_buttons: list[QPushButton] = []
        self.pull_buttons: list[QPushButton] = []
        layout = QGridLayout(self)
        layout.addWidget(role_label(self.tr("Card drawer (demo)"), "section"), 0, 0, 1, 4)
        for slot, name in enumerate(slots):
            self._add_slot(layout, slot, name, defaults[slot] if slot < len(defaults) else "")
            if slot < len(inserted) and inserted[slot]:
                self._show_inserted(slot, inserted[slot])
        if note:
            layout.addWidget(role_label(note), 1 + _ROWS * len(slots), 0, 1, 4)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(2 + _ROWS * len(slots), 1)

    def _add_slot(self, layout: QGridLayout, slot: int, name: str, default: str) -> None:
        choice = QComboBox()
        for card in self._cards.values():
            choice.addItem(card.label, card.spec)
            choice.setItemData(choice.count() - 1, card.codes, Qt.ItemDataRole.ToolTipRole)
        choice.setCurrentIndex(max(0, choice.findData(default)))
        choice.setAccessibleName(self.tr("%1: card to insert").replace("%1", name))
        title = QLabel(f"&{slot + 1} · {name}" if slot < 9 else name)
        title.setBuddy(choice)
        codes = role_label(role="muted")
        choice.currentIndexChanged.connect(lambda _=0, c=choice, label=codes: label.setText(self._codes_of(c)))
        codes.setText(self._codes_of(choice))
        insert_button = QPushButton(self.tr("Insert"))
        insert_button.setAccessibleName(self.tr("%1: insert the card").replace("%1", name))
        insert_button.clicked.connect(lambda _=False, s=slot: self._on_insert(s))
        pull_button = QPushButton(self.tr("Pull"))
        pull_button.setAccessibleName(self.tr("%1: pull the card").replace("%1", name))
        pull_button.clicked.connect(lambda _=False, s=slot: self._on_pull(s))
        content = role_label(self.tr("Empty"))
        content.setAccessibleName(self.tr("%1: content").replace("%1", name))
        row = 1 + _ROWS * slot
        layout.addWidget(title, row, 0)
        layout.addWidget(choice, row, 1)
        layout.addWidget(insert_button, row, 2)
        layout.addWidget(pull_button, row, 3)
        layout.addWidget(codes, row + 1, 1, 1, 3)
        layout.addWidget(content, row + 2, 1, 1, 3)
        self._choices.append(choice)
        self._contents.append(content)
        self.insert_buttons.append(insert_button)
        self.pull_buttons.append(pull_button)

    def _codes_of(self, choice: QComboBox) -> str:
        return self._cards[choice.currentData()].codes

    def select(self, slot: int, spec: str) -> None:
        """Pick ``spec`` in the card list of ``slot``, as a click in the list would."""
        self._choices[slot].setCurrentIndex(self._choices[slot].findData(spec))

    def content_text(self, slot: int) -> str:
        """What the panel says is in ``slot``."""
        return self._contents[slot].text()

    def _on_insert(self, slot: int) -> None:
        spec = self._choices[slot].currentData()
        self._insert(slot, spec)
        self._show_inserted(slot, spec)

    def _show_inserted(self, slot: int, spec: str) -> None:
        self._contents[slot].setText(self.tr("In the slot: %1").replace("%1", self._cards[spec].label))

    def _on_pull(self, slot: int) -> None:
        self._pull(slot)
        self._contents[slot].setText(self.tr("Empty"))

