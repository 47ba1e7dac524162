"""The invoice picker: which degraded invoice a care sheet justifies, found by typing a few letters or
digits of the patient's name, the NIR, the date of care, the amount, the batch or the invoice number.

Keyboard first: the filter field keeps the focus; ↓/↑ move through the suggestions, Entrée chooses
one. The view does no search of its own: 150 ms after the last key it emits ``filter_changed`` and
the presenter answers with :meth:`InvoicePicker.set_suggestions`. An Entrée typed before that answer
is kept: it chooses the answer's invoice if it is the only one (otherwise the first is selected).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QStackedWidget, QTableView,
                               QVBoxLayout, QWidget)

from ..formatting import euros, spaced_nir

__all__ = ["InvoicePicker", "arl_text"]

DEBOUNCE_MS = 150  # the pause in typing after which the filter is sent
_COLUMNS = (
    QT_TRANSLATE_NOOP("InvoicePicker", "Patient"),
    QT_TRANSLATE_NOOP("InvoicePicker", "NIR"),
    QT_TRANSLATE_NOOP("InvoicePicker", "Date of care"),
    QT_TRANSLATE_NOOP("InvoicePicker", "Amount"),
    QT_TRANSLATE_NOOP("InvoicePicker", "Batch"),
    QT_TRANSLATE_NOOP("InvoicePicker", "Invoice"),
    QT_TRANSLATE_NOOP("InvoicePicker", "Acknowledgement"),
)
_ARL = {  # a batch's ARL state, its words and its colour
    "positive": (QT_TRANSLATE_NOOP("InvoicePicker", "ARL received"), "#2e7d4f"),
    "pending": (QT_TRANSLATE_NOOP("InvoicePicker", "ARL awaited"), "#a35f00"),
    "negative": (QT_TRANSLATE_NOOP("InvoicePicker", "Batch refused"), "#a1231b"),
}
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (batch, number) on each row's first cell


def arl_text(arl: str) -> str:
    """A batch's ARL state in words: "ARL received", "ARL awaited", "Batch refused"."""
    words = _ARL.get(arl)
    return QCoreApplication.translate("InvoicePicker", words[0]) if words else arl


def _care_date(value: date | str) -> str:
    """``date(2025, 11, 3)`` or ``"2025-11-03"`` → ``03/11/2025``."""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return f"{value[8:10]}/{value[5:7]}/{value[0:4]}" if len(value) == 10 else value


class InvoicePicker(QWidget):
    """A filter field over the degraded invoices awaiting their care sheet; choosing one emits its
    batch and number."""

    filter_changed = Signal(str)  # the filter typed, DEBOUNCE_MS after the last key
    chosen = Signal(str, str)  # batch, invoice number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoicePicker")
        self._text_sent = ""  # the filter the suggestions shown answer
        self._choose_on_answer = False  # Entrée was typed before the answer to the filter typed
        self.field = QLineEdit(objectName="invoiceFilter", clearButtonEnabled=True)
        self.field.setPlaceholderText(self.tr("Patient's name, NIR, date of care, amount, batch or invoice number"))
        self.field.setAccessibleName(self.tr("Find the invoice"))
        self.field.setAccessibleDescription(self.tr("Down and up arrows go through the invoices, Enter chooses "
                                                    "one."))
        self.field.installEventFilter(self)
        self.field.textEdited.connect(self._typed)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._send_filter)
        self.model = QStandardItemModel(0, len(_COLUMNS), self)
        self.model.setHorizontalHeaderLabels([QCoreApplication.translate("InvoicePicker", c) for c in _COLUMNS])
        self.model.horizontalHeaderItem(3).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table = QTableView(objectName="invoiceSuggestions")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Invoices awaiting their care sheet"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keys, even after a click
        self.table.activated.connect(self._choose_index)  # a double click
        self.empty = QLabel(objectName="emptyState", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setMinimumHeight(90)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        self.count = QLabel(objectName="invoiceCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.field)
        layout.addWidget(self.count)
        layout.addWidget(self._stack, 1)
        self.setFocusProxy(self.field)
        self.set_suggestions([])

    def set_suggestions(self, rows: list[dict]) -> None:
        """Show the invoices answering the filter: dicts with keys batch, number, nir, patient_name,
        care_date (a date or ISO text), amount_cents, arl ("positive", "pending", "negative"), and
        optionally arl_reason (shown over the ARL state). The first
        is selected, so that Entrée chooses it."""
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            self.model.appendRow(self._items(row))
        filtered = bool(self._text_sent.strip())
        if rows:
            self._stack.setCurrentWidget(self.table)
            self.table.selectRow(0)
        else:
            self._stack.setCurrentWidget(self.empty)
            self.empty.setText(self.tr("No invoice matches « %1 ». Check the name, the NIR or the batch number.")
                               .replace("%1", self._text_sent.strip()) if filtered
                               else self.tr("No degraded invoice is awaiting its care sheet."))
        self.count.setText(self.tr("%n invoice(s) found", "", len(rows)) if filtered
                           else self.tr("%n invoice(s) awaiting their care sheet", "", len(rows)))
        self.count.setVisible(bool(rows))
        if self._choose_on_answer and not self._timer.isActive():
            self._choose_on_answer = False
            if len(rows) == 1:
                self._choose_row(0)

    def current(self) -> tuple[str, str] | None:
        """The (batch, number) of the selected suggestion, if any."""
        index = self.table.currentIndex()
        if not index.isValid() or self._stack.currentWidget() is not self.table:
            return None
        return self.model.item(index.row(), 0).data(_KEY_ROLE)

    # -- inner workings -------------------------------------------------------------------------------------

    def _items(self, row: dict) -> list[QStandardItem]:
        words, colour = _ARL.get(row["arl"], (row["arl"], "#1c2430"))
        texts = (row["patient_name"], spaced_nir(row["nir"]), _care_date(row["care_date"]),
                 euros(row["amount_cents"]), row["batch"], row["number"],
                 QCoreApplication.translate("InvoicePicker", words))
        items = [QStandardItem(text) for text in texts]
        items[0].setData((row["batch"], row["number"]), _KEY_ROLE)
        items[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        items[6].setForeground(QBrush(QColor(colour)))
        if row.get("arl_reason"):
            items[6].setToolTip(row["arl_reason"])  # why the batch was refused, in the fund's words
        items[0].setAccessibleText(self.tr("%1, care of %2, %3, batch %4, invoice %5, %6")
                                   .replace("%1", texts[0]).replace("%2", texts[2]).replace("%3", texts[3])
                                   .replace("%4", texts[4]).replace("%5", texts[5]).replace("%6", texts[6]))
        return items

    def _typed(self, text: str) -> None:
        self._choose_on_answer = False
        self._timer.start()

    def _send_filter(self) -> None:
        self._text_sent = self.field.text()
        self.filter_changed.emit(self._text_sent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            return self._field_key(event)
        return super().eventFilter(watched, event)

    def _field_key(self, event: QKeyEvent) -> bool:
        """↓/↑/Page↓/Page↑ move through the suggestions, Entrée chooses; every other key is typing."""
        key = event.key()
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}
        if key in steps:
            count = self.model.rowCount()
            if count:
                row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
                self.table.selectRow(min(max(row + steps[key], 0), count - 1))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():  # the filter typed is not answered yet: send it now
                self._timer.stop()
                self._send_filter()
                self._choose_on_answer = True
            elif self.current() is not None:
                self._choose_row(self.table.currentIndex().row())
            return True
        return False

    def _choose_index(self, index: QModelIndex) -> None:
        self._choose_row(index.row())

    def _choose_row(self, row: int) -> None:
        batch, number = self.model.item(row, 0).data(_KEY_ROLE)
        self.chosen.emit(batch, number)
