"""Paiements: the payments of the last 27 months, searched as the user types (dates, patient by name or
NIR, invoice, batch, kind), sorted by any column, with the count and sum of what is shown, and exported
as a CSV file a French spreadsheet opens.

The view holds no data: its table shows the presenter's lazy model, and it says what the user asked
through signals (``search_changed`` with a :class:`~desktop_app.payment_search.PaymentQuery`, at most
every 200 ms while typing; ``export_requested`` with the file chosen).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from ..formatting import euros, french_number
from ..models.lazy import LazyTableModel
from ..models.payments import KINDS, kind_text
from ..payment_search import SHOWN_MONTHS, PaymentQuery, months_back, parse_french_date
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .section_page import SectionPage

if TYPE_CHECKING:
    from sync.store import PaymentTotals

__all__ = ["SEARCH_DELAY_MS", "PaymentsPage"]

SEARCH_DELAY_MS = 200  # a search starts this long after the last keystroke
# What each column's widest usual text looks like (None: the commonest kind's name; the label column
# takes the room left).
_SAMPLES = ("00/00/0000", "DUPONT-MARTIN Marie", "0 00 00 00 000 000 00", None, "", "000000000", "000",
            "CPAM de Paris", "00\u202f000,00\u00a0€")
_PADDING = 12  # pixels around a cell's text (its margins and the sort arrow)


class PaymentsPage(SectionPage):
    """The Paiements section's page over ``model`` (its rows: the presenter's)."""

    search_changed = Signal(object)  # PaymentQuery
    export_requested = Signal(str)  # the file's path

    def __init__(self, model: LazyTableModel, clock: Callable[[], datetime] = local_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Payments"), clock, parent)
        self.setObjectName("paymentsPage")
        self._clock, self._model = clock, model
        self.intro = QLabel(objectName="pageIntro", wordWrap=True)
        self.body.addWidget(self.intro)
        self.body.addLayout(self._search_fields())
        self.problem = role_label(role="error")
        self.problem.setObjectName("paymentsProblem")
        show_line(self.problem, None)
        self.body.addWidget(self.problem)

        self.totals = QLabel(objectName="paymentsTotals")
        self.totals.setAccessibleName(self.tr("Payments shown"))
        self.export_button = QPushButton(self.tr("Export as CSV"), objectName="exportPayments")
        self.export_button.setToolTip(self.tr("The payments shown, in a file a spreadsheet opens"))
        self.export_button.clicked.connect(self._choose_file)
        self.exported = role_label(role="muted")
        self.exported.setObjectName("paymentsExported")
        show_line(self.exported, None)
        line = QHBoxLayout()
        line.addWidget(self.totals)
        line.addStretch(1)
        line.addWidget(self.exported)
        line.addWidget(self.export_button)
        self.body.addLayout(line)

        self.table = self._table(model)
        self.empty = role_label(role="muted", centred=True)
        self.empty.setObjectName("paymentsEmpty")
        self.stack = QStackedWidget(objectName="paymentsStack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.body.addWidget(self.stack, 1)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        model.selected.connect(self._selected)
        model.modelReset.connect(self._selected)
        self.clear()

    # -- what the owner calls -------------------------------------------------------------------------

    def query(self) -> PaymentQuery | None:
        """The search the fields say, from 27 months back unless a start is given; None (and the fields
        say why) while a date is not one."""
        try:
            start, end = parse_french_date(self.date_from.text()), parse_french_date(self.date_to.text())
        except ValueError:
            self._problem(self.tr("Write the date as dd/mm/yyyy, for example 24/11/2025."))
            return None
        if start and end and start > end:
            self._problem(self.tr("The start date is after the end date."))
            return None
        self._problem(None)
        return PaymentQuery(start, end, self.patient.text().strip() or None, self.invoice.text().strip() or None,
                            self.batch.text().strip() or None, self.kind.currentData() or None).since(self._floor())

    def search_now(self) -> None:
        """Search what the fields say at once (Enter, or the pause after typing)."""
        self._timer.stop()
        query = self.query()
        if query is not None:
            self.search_changed.emit(query)

    def clear(self) -> None:
        """No session: the fields emptied (the rows are the model's, cleared by the owner)."""
        self._timer.stop()
        for field in (self.date_from, self.date_to, self.patient, self.invoice, self.batch):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.kind.blockSignals(False)
        self._problem(None)
        show_line(self.exported, None)
        self.set_exporting(False)
        self.set_freshness(None)
        self._show_window()
        self._selected()

    def set_exporting(self, running: bool) -> None:
        self._exporting = running
        self.export_button.setEnabled(not running and self._model.rowCount() > 0)
        if running:
            show_line(self.exported, self.tr("Exporting…"))

    def show_exported(self, count: int, path: str) -> None:
        self.set_exporting(False)
        show_line(self.exported, self.tr("%n payment(s) exported to %1", "", count).replace("%1", path))

    def show_export_failed(self, reason: str) -> None:
        self.set_exporting(False)
        set_style_state(self.exported, "role", "error")
        show_line(self.exported, self.tr("The file could not be written: %1").replace("%1", reason))

    def show_failure(self) -> None:
        """Reading the store failed: say so where the rows would be."""
        self.empty.setText(self.tr("The payments could not be read on this workstation. Lock and sign in "
                                   "again; if it happens again, export a diagnostic from Diagnostic."))
        self.stack.setCurrentWidget(self.empty)

    # -- inside ---------------------------------------------------------------------------------------

    def _floor(self) -> date:
        return months_back(self._clock().date(), SHOWN_MONTHS)

    def _show_window(self) -> None:
        floor = f"{self._floor():%d/%m/%Y}"
        self.intro.setText(self.tr("Your payments of the last %1 months, since %2. Search by patient (name or NIR), "
                                   "invoice or batch number; click a column's title to sort.")
                           .replace("%1", str(SHOWN_MONTHS)).replace("%2", floor))
        self.date_from.setPlaceholderText(floor)

    def _search_fields(self) -> QGridLayout:
        def field(name: str, placeholder: str, width: int, digits: bool = False) -> QLineEdit:
            edit = QLineEdit(objectName=name, placeholderText=placeholder, clearButtonEnabled=True)
            edit.setMinimumWidth(width)
            if digits:
                edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9 ]{0,20}"), edit))
            edit.textChanged.connect(self._timer_start)
            edit.returnPressed.connect(self.search_now)
            return edit

        # widths the fields may shrink to: the page fits a 1024-pixel screen beside the section list
        self.date_from = field("paymentsFrom", "", 92)
        self.date_to = field("paymentsTo", self.tr("dd/mm/yyyy"), 92)
        self.patient = field("paymentsPatient", self.tr("Name or NIR"), 130)
        self.invoice = field("paymentsInvoice", "", 80, digits=True)
        self.batch = field("paymentsBatch", "", 48, digits=True)
        self.kind = QComboBox(objectName="paymentsKind")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(6)
        self.kind.addItem(self.tr("All kinds"), "")  # not None: PySide6 6.12 loses a reference to None per read
        for code in sorted(KINDS, key=lambda k: kind_text(k).casefold()):
            self.kind.addItem(kind_text(code), code)
        self.kind.currentIndexChanged.connect(self.search_now)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        labels = [(self.date_from, self.tr("From")), (self.date_to, self.tr("To")), (self.patient, self.tr("Patient")),
                  (self.invoice, self.tr("Invoice no.")), (self.batch, self.tr("Batch no.")),
                  (self.kind, self.tr("Kind"))]
        for column, (widget, text) in enumerate(labels):
            label = QLabel(text, objectName="fieldLabel")
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
        grid.setColumnStretch(2, 1)
        return grid

    def _timer_start(self) -> None:
        self._timer.start()

    def _table(self, model: LazyTableModel) -> QTableView:
        table = QTableView(objectName="paymentsTable")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the label takes what is left
        table.ensurePolished()  # measured in the style sheet's font
        metrics = table.fontMetrics()
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            sample = _SAMPLES[column] if column < len(_SAMPLES) else ""
            sample = kind_text("tiers_payant") if sample is None else sample
            header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
                                 + _PADDING)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)
        return table

    def _problem(self, text: str | None) -> None:
        show_line(self.problem, text)
        bad = "error" if text else ""
        for field in (self.date_from, self.date_to):
            set_style_state(field, "state", bad if self._is_bad(field) else "")

    @staticmethod
    def _is_bad(field: QLineEdit) -> bool:
        try:
            parse_french_date(field.text())
        except ValueError:
            return True
        return False

    def _selected(self) -> None:
        totals: PaymentTotals | None = self._model.summary
        if totals is None:
            self.totals.clear()
            self.export_button.setEnabled(False)
            return
        self.totals.setText(self.tr("%1 payment(s) — %2", "", totals.count)
                            .replace("%1", french_number(totals.count))
                            .replace("%2", euros(totals.amount_cents)))
        self.totals.setToolTip("\n".join(self.tr("%1: %n payment(s), %2", "", count).replace("%1", kind_text(kind))
                                         .replace("%2", euros(cents))
                                         for kind, (count, cents) in sorted(totals.by_kind.items())))
        self.export_button.setEnabled(totals.count > 0 and not self._exporting)
        if totals.count:
            self.stack.setCurrentWidget(self.table)
            return
        searched = bool(self.kind.currentData()) or any(
            field.text().strip() for field in (self.date_from, self.date_to, self.patient, self.invoice, self.batch))
        self.empty.setText(self.tr("No payment matches this search. Check the dates, or clear a field.") if searched
                           else self.tr("No payment in the last %1 months on this workstation yet.")
                           .replace("%1", str(SHOWN_MONTHS)))
        self.stack.setCurrentWidget(self.empty)

    def _choose_file(self) -> None:
        suggested = f"paiements-{self._clock():%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the payments"), suggested,
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        set_style_state(self.exported, "role", "muted")
        self.set_exporting(True)
        self.export_requested.emit(path)
