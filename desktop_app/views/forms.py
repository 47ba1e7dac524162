"""Commandes d'imprimés: the catalogue with a quantity to choose for each form, the actions on their way
to the back office, and the history of the orders with their states.

The catalogue is also the editor of an order being changed: "Change" fills it with the order's
quantities and its button saves the change. Only the quantities a form is sold by are offered, so an
order is never refused for its shape. The view does no I/O: it emits ``order_requested``,
``change_requested``, ``cancel_requested`` (and its actions list's ``dismissed``) and is told the
outcome with :meth:`FormsView.set_outcome`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..formatting import french_time
from ..models.lazy import Column
from ..models.records import RecordsModel
from ..status import local_now
from .common import role_label, set_style_state, show_line
from .section_page import ActionsView, SectionPage
from .tables import data_table

if TYPE_CHECKING:
    from ..form_orders import OrderRow

__all__ = ["FormsView", "Spec"]


class Spec(Protocol):
    """A form of the catalogue as the view reads it (``sync.protocol.FormSpec``)."""

    id: str
    title: str
    cerfa: str | None
    description: str
    unit: str
    quantities: list[int]


def _day(when: datetime, now: datetime) -> str:
    return f"{when.astimezone(now.tzinfo):%d/%m/%Y}"


class FormsView(SectionPage):
    order_requested = Signal(object)  # {form id: quantity}
    change_requested = Signal(object, object)  # the OrderRow, {form id: quantity}
    cancel_requested = Signal(object)  # the OrderRow

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("FormsView", "Form orders"), clock, parent)
        self.setObjectName("formsPage")
        self._clock = clock
        self._specs: list[Spec] = []
        self._editing: OrderRow | None = None
        self.quantities: dict[str, QComboBox] = {}
        self.body.addWidget(QLabel(self.tr("Choose the quantities, then order: an order can be changed until it is "
                                           "dispatched."), objectName="pageIntro", wordWrap=True))
        self._catalog = QFrame(objectName="formsCatalog")
        self._grid = QGridLayout()  # two forms a row: the catalogue leaves the history the page's height
        self._grid.setHorizontalSpacing(18)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(3, 1)
        self._grid.setColumnMinimumWidth(2, 12)  # between the two forms of a row
        self._no_catalog = role_label(self.tr("The catalogue has not been received yet: it comes with the next "
                                              "connection to the back office."), role="muted")
        self.editing_note = QLabel(objectName="formsEditing")
        self.order_button = QPushButton(self.tr("Place the order"), objectName="orderButton", default=True)
        self.order_button.clicked.connect(self._submit)
        self.keep_button = QPushButton(self.tr("Keep the order as it was"), objectName="keepOrderButton")
        self.keep_button.clicked.connect(self._stop_editing)
        self.outcome = QLabel(objectName="formsOutcome", wordWrap=True)
        catalog_head = QHBoxLayout()  # the catalogue's buttons beside its heading: the history keeps the height
        catalog_head.setSpacing(12)
        catalog_head.addWidget(QLabel(self.tr("Catalogue"), objectName="sectionHeading"))
        catalog_head.addSpacing(12)
        catalog_head.addWidget(self.editing_note)
        catalog_head.addWidget(self.outcome, 1)
        catalog_head.addStretch(0)
        catalog_head.addWidget(self.keep_button)
        catalog_head.addWidget(self.order_button)
        inside = QVBoxLayout(self._catalog)
        inside.setContentsMargins(16, 10, 16, 10)
        inside.addLayout(self._grid)
        self.actions = ActionsView()
        self.model: RecordsModel[OrderRow] = RecordsModel(self._columns(), lambda row: row.key, self,
                                                          marked={"pending": "#a35f00"})
        self.table = data_table("ordersTable", self.tr("Your orders"), sortable=False)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped lines whole
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.change_button = QPushButton(self.tr("Change this order"), objectName="changeOrderButton")
        self.change_button.clicked.connect(self._start_editing)
        self.cancel_button = QPushButton(self.tr("Cancel this order"), objectName="cancelOrderButton")
        self.cancel_button.clicked.connect(self._cancel)
        self.empty = role_label(self.tr("No order yet: your orders and their dispatch will be listed here."),
                                role="muted")
        history_head = QHBoxLayout()
        history_head.addWidget(QLabel(self.tr("Your orders"), objectName="sectionHeading"), 1)
        history_head.addWidget(self.change_button)
        history_head.addWidget(self.cancel_button)
        self.body.addWidget(self.actions)
        self.body.addLayout(catalog_head)
        self.body.addWidget(self._catalog)
        self.body.addWidget(self._no_catalog)
        self.body.addSpacing(4)
        self.body.addLayout(history_head)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.table, 1)
        self.set_catalog(())
        self.set_orders(())

    # -- what the presenter calls ------------------------------------------------------------------

    def set_catalog(self, specs: Sequence[Spec]) -> None:
        """The forms that can be ordered, in the back office's order; the choices made are kept."""
        chosen = self.chosen()
        while (item := self._grid.takeAt(0)) is not None:
            if (old := item.widget()) is not None:  # gone at once, not at the next turn of the event loop
                old.setParent(None)
                old.deleteLater()
        self._specs, self.quantities = list(specs), {}
        for row, spec in enumerate(self._specs):
            title = role_label(spec.title)
            title.setObjectName("formTitle")
            title.setToolTip(spec.description)
            title.setAccessibleDescription(spec.description)
            about = role_label(self.tr("Cerfa no. %1").replace("%1", spec.cerfa) if spec.cerfa
                               else self.tr("No Cerfa number"), role="muted")
            about.setObjectName("formAbout")
            about.setToolTip(spec.description)
            combo = QComboBox(objectName="formQuantity")
            combo.setAccessibleName(self.tr("Quantity of %1").replace("%1", spec.title))
            combo.addItem(self.tr("None"), 0)
            for quantity in spec.quantities:
                combo.addItem(f"{quantity} {spec.unit}", quantity)
            combo.setCurrentIndex(max(combo.findData(chosen.get(spec.id, 0)), 0))
            combo.currentIndexChanged.connect(self._choices_changed)
            self.quantities[spec.id] = combo
            text = QVBoxLayout()
            text.setSpacing(0)
            text.addWidget(title)
            text.addWidget(about)
            holder = QWidget()
            holder.setLayout(text)
            text.setContentsMargins(0, 0, 0, 0)
            place = 3 * (row % 2)  # two forms a row, each with its quantity beside it
            self._grid.addWidget(holder, row // 2, place)
            self._grid.addWidget(combo, row // 2, place + 1, Qt.AlignmentFlag.AlignVCenter)
        self._catalog.setVisible(bool(self._specs))
        self._no_catalog.setVisible(not self._specs)
        self.order_button.setEnabled(any(self.chosen().values()))

    def set_orders(self, rows: Sequence[OrderRow]) -> None:
        """The history; the order selected stays selected, the one being changed is dropped if it can no
        longer change (dispatched meanwhile)."""
        selected = self.selected()
        self.model.set_records(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if selected is not None and (row := self.model.row_of(selected.key)) is not None:
            self.table.selectRow(row)
        if self._editing is not None:
            row = self.model.row_of(self._editing.key)
            current = self.model.record(row) if row is not None else None
            if current is None or not current.modifiable(self._clock()):
                self._stop_editing()
            else:
                self._editing = current
        self._selection_changed()

    def set_outcome(self, text: str | None, tone: str = "ok") -> None:
        """One sentence on what was just done ("Your order will be sent…") or why it could not be."""
        show_line(self.outcome, text)
        set_style_state(self.outcome, "tone", tone)

    def order_done(self, text: str) -> None:
        """The action is in the outbox: the catalogue is emptied (and leaves the change mode)."""
        self._editing = None
        for combo in self.quantities.values():
            combo.setCurrentIndex(0)
        self._selection_changed()
        self.set_outcome(text)

    def clear(self) -> None:
        self._editing = None
        self.set_catalog(())
        self.set_orders(())
        self.actions.set_actions(())
        self.set_outcome(None)
        self.set_freshness(None)

    def chosen(self) -> dict[str, int]:
        """The quantities chosen in the catalogue (0: none)."""
        return {form: combo.currentData() or 0 for form, combo in self.quantities.items()}

    def selected(self) -> OrderRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    # -- inside ------------------------------------------------------------------------------------

    def _columns(self) -> list[Column[OrderRow]]:
        return [Column(self.tr("Order"), self._order_text),
                Column(self.tr("Forms"), self._lines_text),
                Column(self.tr("State"), self.state_text, role=lambda row: row.status)]

    def _order_text(self, row: OrderRow) -> str:
        placed = _day(row.placed_at, self._clock())
        if row.order_id is None:
            return self.tr("Placed on %1").replace("%1", placed)
        return self.tr("No. %1\nplaced on %2").replace("%1", str(row.order_id)).replace("%2", placed)

    def _lines_text(self, row: OrderRow) -> str:
        specs = {spec.id: spec for spec in self._specs}
        lines = []
        for form, quantity in row.lines.items():
            spec = specs.get(form)
            title = spec.title if spec else row.titles.get(form, form)
            lines.append(f"{title} : {quantity} {spec.unit}" if spec else f"{title} : {quantity}")
        return "\n".join(lines)

    def state_text(self, row: OrderRow) -> str:
        """The order's state in words."""
        now = self._clock()
        if row.status == "pending":
            return self.tr("Waiting to be sent")
        if row.status == "dispatched" and row.dispatched_at is not None:
            return self.tr("Dispatched on %1").replace("%1", _day(row.dispatched_at, now))
        if row.status == "cancelled" and row.cancelled_at is not None:
            return self.tr("Cancelled on %1").replace("%1", _day(row.cancelled_at, now))
        if row.cancel_pending:
            return self.tr("Cancellation waiting to be sent")
        if row.change_pending:
            return self.tr("Change waiting to be sent")
        if row.modifiable(now) and row.modifiable_until is not None:
            until = row.modifiable_until.astimezone(now.tzinfo)
            return self.tr("Ordered — can be changed until %1 at %2").replace("%1", f"{until:%d/%m}").replace(
                "%2", french_time(until))
        return self.tr("Ordered — being prepared for dispatch")

    def _choices_changed(self) -> None:
        """The user chose a quantity: what was said of the last action no longer applies."""
        chosen = any(self.chosen().values())
        self.order_button.setEnabled(chosen)
        if chosen:
            self.set_outcome(None)

    def _selection_changed(self) -> None:
        row = self.selected()
        can = row is not None and row.modifiable(self._clock()) and self._editing is None
        self.change_button.setEnabled(can)
        self.cancel_button.setEnabled(can)
        editing = self._editing is not None
        self.keep_button.setVisible(editing)
        show_line(self.editing_note, self.tr("Changing order no. %1").replace("%1", str(self._editing.order_id))
                  if editing and self._editing.order_id is not None
                  else self.tr("Changing the order waiting to be sent") if editing else None)
        self.order_button.setText(self.tr("Save the change") if editing else self.tr("Place the order"))

    def _start_editing(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._editing = row
        for form, combo in self.quantities.items():
            combo.setCurrentIndex(max(combo.findData(row.lines.get(form, 0)), 0))
        self.set_outcome(None)
        self._selection_changed()

    def _stop_editing(self) -> None:
        self._editing = None
        for combo in self.quantities.values():
            combo.setCurrentIndex(0)
        self._selection_changed()

    def _submit(self) -> None:
        chosen: Mapping[str, int] = self.chosen()
        if not any(chosen.values()):
            return
        if self._editing is not None:
            self.change_requested.emit(self._editing, dict(chosen))
        else:
            self.order_requested.emit(dict(chosen))

    def _cancel(self) -> None:
        row = self.selected()
        if row is not None:
            self.cancel_requested.emit(row)
