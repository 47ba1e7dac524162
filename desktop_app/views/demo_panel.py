"""The demo's virtual reader panel: insert and pull emulated cards in the two slots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QWidget

__all__ = ["DemoReaderPanel"]


class DemoReaderPanel(QWidget):
    """``insert(slot, spec)`` and ``pull(slot)`` are the virtual reader's; this only calls them.

    ``cards`` maps a card spec to its label; ``defaults`` gives each slot's preselected spec; ``note`` is
    shown under the slots (the demo cards' codes).
    """

    def __init__(
        self,
        slots: list[str],
        cards: dict[str, str],
        defaults: list[str],
        insert: Callable[[int, str], None],
        pull: Callable[[int], None],
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.addWidget(QLabel(self.tr("Virtual reader (demo)")), 0, 0, 1, 4)
        for slot, name in enumerate(slots):
            choice = QComboBox()
            for spec, label in cards.items():
                choice.addItem(label, spec)
            choice.setCurrentIndex(max(0, choice.findData(defaults[slot])))
            insert_button = QPushButton(self.tr("Insert"))
            pull_button = QPushButton(self.tr("Pull"))
            insert_button.clicked.connect(
                lambda _=False, s=slot, c=choice: insert(s, c.currentData()))
            pull_button.clicked.connect(lambda _=False, s=slot: pull(s))
            layout.addWidget(QLabel(name), slot + 1, 0)
            layout.addWidget(choice, slot + 1, 1)
            layout.addWidget(insert_button, slot + 1, 2)
            layout.addWidget(pull_button, slot + 1, 3)
        if note:
            layout.addWidget(QLabel(note), len(slots) + 1, 0, 1, 4)
