"""Rejets: the invoices the health insurance rejected, each with its cause and its fix in plain words,
the patient (NIR, birth date), the act, the amount and the invoice and batch numbers (DOMAIN.md: the
rejected invoice identified at once, not just its batch). New ones are marked; "Treated" is shared with
the practice's other workstations through the back office. No I/O here: signals out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..formatting import euros, french_date, spaced_nir
from ..models.lazy import LazyTableModel
from ..models.rejects import RejectRow, RejectSummary, reject_state_text
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .section_page import ActionsView, SectionPage
from .tables import RowState, StateDelegate, data_table

__all__ = ["RejectsView"]

_STATES = {"new": RowState("#a1231b", bold=True, columns=frozenset({0})), "waiting": RowState("#5a6472", italic=True),
           "treated": RowState("#7b8694")}
_WIDTHS = (124, 100, 162, 88, 156, 80, 120)  # every column but the last, which takes the rest


class RejectsView(SectionPage):
    """``filter_changed(open_only)``; ``treated_requested(reject_id)``: the user marks the selected reject treated."""

    filter_changed = Signal(bool)
    treated_requested = Signal(int)

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Rejects"), clock, parent)
        self.setObjectName("rejectsPage")
        intro = role_label(self.tr("Invoices the health insurance rejected, with the cause and what to do. Once "
                                   "an invoice is corrected, mark it treated: the practice's other "
                                   "workstations see it too."))
        intro.setObjectName("pageIntro")
        self.body.addWidget(intro)

        self.open_button = QPushButton(self.tr("To correct"), objectName="filterButton", checkable=True)
        self.all_button = QPushButton(self.tr("All"), objectName="filterButton", checkable=True)
        self.open_button.setChecked(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for button in (self.open_button, self.all_button):
            group.addButton(button)
        self.open_button.toggled.connect(self.filter_changed.emit)
        self.count = QLabel(objectName="rejectsCount")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.open_button)
        filters.addWidget(self.all_button)
        filters.addSpacing(12)
        filters.addWidget(self.count, 1)
        self.body.addLayout(filters)

        self.actions = ActionsView()
        self.body.addWidget(self.actions)

        self.table = data_table("rejectsTable", self.tr("Rejected invoices"))
        self.empty = role_label(centred=True)
        self.empty.setObjectName("emptyState")
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.empty, 1)
        self.empty.hide()

        self.detail = QFrame(objectName="rejectDetail")
        self.cause = role_label()
        self.cause.setObjectName("rejectCause")
        self.fix = role_label()
        self.fix.setObjectName("rejectFix")
        self.facts = role_label(role="hint")
        self.facts.setObjectName("rejectFacts")
        self.treated_button = QPushButton(self.tr("Mark as treated"), objectName="treatedButton")
        self.treated_button.clicked.connect(self._mark_treated)
        self.treated_note = role_label(role="hint")
        texts = QVBoxLayout()
        texts.setSpacing(4)
        for label in (self.cause, self.fix, self.facts):
            texts.addWidget(label)
        side = QVBoxLayout()
        side.addWidget(self.treated_button)
        side.addWidget(self.treated_note)
        side.addStretch(1)
        row = QHBoxLayout(self.detail)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(16)
        row.addLayout(texts, 1)
        row.addLayout(side)
        self.body.addWidget(self.detail)
        self._shown: RejectRow | None = None
        self.show_detail(None)

    def set_model(self, model: LazyTableModel) -> None:
        """The table's model (set once); its rows' selection shows their detail."""
        self.table.setModel(model)
        self.table.setItemDelegate(StateDelegate(model.STATE_ROLE, _STATES, self.table))
        for column, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self._selected(current))
        model.dataChanged.connect(lambda *_: self._selected(self.table.currentIndex()))
        model.modelReset.connect(lambda: self._selected(self.table.currentIndex()))

    def open_only(self) -> bool:
        return self.open_button.isChecked()

    def set_summary(self, summary: RejectSummary | None) -> None:
        """The count of the rows shown, the new ones, and the empty state when there are none."""
        if summary is None:
            self.count.clear()
            self.table.show()
            self.empty.hide()
            return
        if self.open_only():
            text = self.tr("%n invoice(s) to correct", None, summary.shown)
        else:
            text = self.tr("%n rejected invoice(s)", None, summary.shown)
        if summary.new:
            text += " — " + self.tr("%n new", None, summary.new)
        self.count.setText(text)
        none = summary.shown == 0
        self.empty.setText(self.tr("No rejected invoice to correct: nothing to do here.") if self.open_only()
                           else self.tr("No rejected invoice on this workstation yet."))
        self.table.setVisible(not none)
        self.empty.setVisible(none)
        if none:
            self.show_detail(None)

    def show_detail(self, row: RejectRow | None) -> None:
        """The cause, the fix and the facts of the selected reject (None: a hint to select one)."""
        self._shown = row
        if row is None:
            self.cause.setText(self.tr("Select a rejected invoice to see why it was rejected and what to do."))
            set_style_state(self.cause, "tone", "hint")
            for label in (self.fix, self.facts, self.treated_note):
                show_line(label, None)
            self.treated_button.hide()
            return
        record, advice = row.record, row.advice
        self.cause.setText(advice.cause)
        set_style_state(self.cause, "tone", "cause")
        show_line(self.fix, self.tr("What to do: %1").replace("%1", advice.fix))
        facts = self.tr("Patient %1, born %2 · care of %3, act %4, %5 · invoice %6, batch %7 · rejected on %8 "
                        "(code %9)")
        for marker, value in (("%1", spaced_nir(record.nir)), ("%2", french_date(record.birth_date)),
                              ("%3", french_date(record.act_date)), ("%4", record.act_code or "—"),
                              ("%5", euros(record.amount_cents or 0)), ("%6", record.invoice_number or "—"),
                              ("%7", record.batch_number or "—"), ("%8", f"{record.rejected_on:%d/%m/%Y}"),
                              ("%9", record.reject_code or "—")):
            facts = facts.replace(marker, value)
        show_line(self.facts, facts)
        state = row.state
        self.treated_button.setVisible(state in ("new", "open"))
        show_line(self.treated_note, None if state in ("new", "open") else reject_state_text(state))

    def clear(self) -> None:
        self.set_summary(None)
        self.show_detail(None)
        self.actions.set_actions(())
        self.set_freshness(None)

    def _selected(self, index: QModelIndex) -> None:
        model: QAbstractItemModel | None = self.table.model()
        if model is None or not index.isValid():
            self.show_detail(None)
            return
        row = model.data(model.index(index.row(), 0), LazyTableModel.RECORD_ROLE)
        if row is not None:
            self.show_detail(row)

    def _mark_treated(self) -> None:
        if self._shown is not None:
            self.treated_button.hide()
            self.treated_requested.emit(self._shown.record.id)
