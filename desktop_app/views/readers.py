"""The card readers of the Diagnostics page: each reader and what kind of card is in it, kept live by the
reader monitor; a card's content (a holder, a Vitale's beneficiaries: personal data) only once the user asks
for it with "Read the card", and forgotten at every lock (:meth:`ReadersView.clear`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cardreader.atr import AtrInfo, CardFamily
from cardreader.monitor import EventKind, ReaderEvent
from cardreader.reading import CardReading

from ..formatting import civility, french_date, spaced_nir
from ..messages import card_error_text

__all__ = ["ReadersView"]


class ReadersView(QWidget):
    """A tree of readers, each with its "Read the card" button. ``read_requested(reader, AtrInfo)``: the
    owner reads the card on the card thread and hands the reading to :meth:`on_card_read`."""

    read_requested = Signal(str, object)  # reader, AtrInfo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._buttons: dict[str, QPushButton] = {}
        self._cards: dict[str, AtrInfo] = {}  # reader → the card in it
        self._pending: set[str] = set()  # readers whose reading is awaited; any other reading is dropped
        self._title = QLabel(self.tr("Card readers"))
        self._title.setObjectName("screenTitle")
        self._tree = QTreeWidget()
        self._tree.setColumnCount(3)
        self._tree.setHeaderLabels([self.tr("Reader"), self.tr("Card"), ""])
        self._tree.setRootIsDecorated(True)
        self._tree.setColumnWidth(0, 320)
        self._tree.setColumnWidth(1, 320)
        self._empty = QLabel(self.tr("No card reader is connected."))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._tree, 1)
        layout.addWidget(self._empty)
        self._refresh_empty()

    def read_button(self, reader: str) -> QPushButton:
        """``reader``'s "Read the card" (enabled while a known card is in it and no reading is awaited)."""
        return self._buttons[reader]

    def clear(self) -> None:
        """The session locked: every card's content is dropped (a reading under way too); the readers and
        the kind of card in each stay."""
        self._pending.clear()
        for reader in self._items:
            self._show_presence(reader)

    def _item(self, reader: str) -> QTreeWidgetItem:
        item = self._items.get(reader)
        if item is None:
            item = QTreeWidgetItem(self._tree, [reader, self.tr("Empty")])
            self._items[reader] = item
            button = QPushButton(self.tr("Read the card"), enabled=False)
            button.setAccessibleName(self.tr("Read the card in %1").replace("%1", reader))
            button.clicked.connect(lambda: self._request(reader))
            self._buttons[reader] = button
            self._tree.setItemWidget(item, 2, button)
            self._refresh_empty()
        return item

    def _refresh_empty(self) -> None:
        self._empty.setVisible(not self._items)

    def _set(self, reader: str, text: str, details: list[tuple[str, str]] = ()) -> None:
        item = self._item(reader)
        item.setText(1, text)
        item.takeChildren()
        for label, value in details:
            QTreeWidgetItem(item, [label, value])
        item.setExpanded(True)
        card = self._cards.get(reader)
        self._buttons[reader].setEnabled(card is not None and card.family is not CardFamily.UNKNOWN
                                         and reader not in self._pending)

    def _show_presence(self, reader: str) -> None:
        """What is said of ``reader`` with no reading: its card's kind, which is no personal data."""
        card = self._cards.get(reader)
        if card is None:
            text = self.tr("Empty")
        elif card.family is CardFamily.PROFESSIONAL:
            text = self.tr("Professional card")
        elif card.family is CardFamily.VITALE:
            text = self.tr("Carte Vitale")
        else:
            text = self.tr("Unknown card (ATR %1)").replace("%1", card.atr_hex)
        self._set(reader, text)

    def _request(self, reader: str) -> None:
        card = self._cards.get(reader)
        if card is None or card.family is CardFamily.UNKNOWN or reader in self._pending:
            return
        self._pending.add(reader)
        self._set(reader, self.tr("Reading the card…"))
        self.read_requested.emit(reader, card)

    def on_reader_event(self, event: ReaderEvent) -> None:
        if event.kind is EventKind.READER_ADDED:
            self._item(event.reader)
        elif event.kind is EventKind.READER_REMOVED:
            self._cards.pop(event.reader, None)
            self._pending.discard(event.reader)
            self._buttons.pop(event.reader, None)
            item = self._items.pop(event.reader, None)
            if item is not None:
                self._tree.takeTopLevelItem(self._tree.indexOfTopLevelItem(item))
            self._refresh_empty()
        elif event.kind is EventKind.CARD_INSERTED and event.card is not None:
            self._pending.discard(event.reader)
            self._cards[event.reader] = event.card
            self._show_presence(event.reader)
        elif event.kind is EventKind.CARD_REMOVED:
            self._pending.discard(event.reader)
            self._cards.pop(event.reader, None)
            self._show_presence(event.reader)
        elif event.kind is EventKind.SERVICE_LOST:
            self._cards.clear()
            self._pending.clear()
            for reader in list(self._items):
                self._set(reader, self.tr("Smart-card service unavailable"))

    def on_card_read(self, reading: CardReading) -> None:
        """A reading asked for by :attr:`read_requested`; dropped when the card was pulled or the session
        locked since."""
        if reading.reader not in self._pending:
            return
        self._pending.discard(reading.reader)
        if reading.error is not None:
            self._set(reading.reader, card_error_text(reading.error))
        elif reading.professional is not None:
            self._show_professional(reading)
        elif reading.vitale is not None:
            self._show_vitale(reading)
        else:
            self._show_presence(reading.reader)

    def _show_professional(self, reading: CardReading) -> None:
        card = reading.professional
        holder = card.holder
        kinds = {"CPS": self.tr("Health professional card (CPS)"),
                 "CPF": self.tr("Card of a professional in training (CPF)"),
                 "CPE": self.tr("Staff card (CPE)")}
        name = " ".join(part for part in (civility(holder.civility), holder.first_name, holder.last_name) if part)
        pin = self.tr("blocked") if card.pin.blocked else (
            self.tr("%1 tries left").replace("%1", str(card.pin.tries_left)))
        details = [
            (self.tr("Card"), kinds.get(card.kind, card.kind)),
            (self.tr("National identifier"), holder.national_id),
            (self.tr("Card serial"), card.serial),
            (self.tr("Valid"), self.tr("from %1 to %2").replace("%1", french_date(card.valid_from))
             .replace("%2", french_date(card.valid_until))),
            (self.tr("PIN"), pin),
        ]
        if holder.employer:
            details.append((self.tr("Employer"), holder.employer))
        self._set(reading.reader, name, details)

    def _show_vitale(self, reading: CardReading) -> None:
        card = reading.vitale
        details = []
        for person in card.beneficiaries:
            nir = spaced_nir(person.nir)
            if not person.nir_key_valid:
                nir = self.tr("%1 (wrong key)").replace("%1", nir)
            details.append((f"{person.first_name} {person.last_name}",
                            self.tr("born %1 — NIR %2").replace("%1", french_date(person.birth_date))
                            .replace("%2", nir)))
        title = self.tr("Carte Vitale — %n person(s)", "", len(card.beneficiaries))
        self._set(reading.reader, title, details)
