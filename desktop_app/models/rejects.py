"""The rejected invoices as a lazy table (:class:`~desktop_app.models.lazy.LazyTableModel`): the ids of
a filter are read from the store's clear columns, each row's patient is opened only when painted.

A row is **new** when it is still to correct and came after the newest reject the user had seen when
he last opened the section (the store's mark ``rejects_seen``, kept by the presenter); **waiting** when
the user marked it treated and the mark is still in the outbox, not yet taken by the back office.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from ..formatting import euros, french_date, spaced_nir
from ..reject_codes import RejectAdvice, reject_advice
from .lazy import Column, Selection, SortOrder

if TYPE_CHECKING:
    from sync.store import RejectRecord, Store

__all__ = [
    "SEEN_MARK",
    "TREATED_KIND",
    "RejectQuery",
    "RejectRow",
    "RejectSource",
    "RejectSummary",
    "reject_columns",
    "reject_state_text",
]

TREATED_KIND = "reject_treated"  # the outbox kind that marks a reject treated (sync.engine.OUTBOX)
SEEN_MARK = "rejects_seen"  # the store's mark: the newest reject id the user has seen

translate = QCoreApplication.translate


@dataclass(frozen=True)
class RejectQuery:
    """``open_only``: the rejects still to correct; else every one the store holds."""

    open_only: bool = True


@dataclass(frozen=True)
class RejectSummary:
    shown: int
    new: int  # new rejects among the rows shown


@dataclass(frozen=True)
class RejectRow:
    record: RejectRecord
    new: bool
    waiting: bool  # marked treated here, the mark not yet taken by the back office

    @property
    def advice(self) -> RejectAdvice:
        return reject_advice(self.record.reject_code, self.record.label)

    @property
    def state(self) -> str:
        """``new``, ``open``, ``waiting`` or ``treated``: the style state of the row and its words."""
        if self.record.status != "open":
            return "treated"
        if self.waiting:
            return "waiting"
        return "new" if self.new else "open"


class RejectSource:
    """The store's rejects for the lazy model (both methods on the pool). ``seen``: the newest reject id
    the user had seen before this visit of the section."""

    def __init__(self, store: Store, seen: int = 0) -> None:
        self.store, self.seen = store, seen

    def select(self, query: RejectQuery | None, order: SortOrder | None) -> Selection[int]:
        rejects = self.store.rejected_invoices
        status = "open" if query is None or query.open_only else None
        if order is None:
            keys = rejects.ids(status)
        else:
            keys = rejects.ids(status, order.key, order.descending)  # type: ignore[arg-type]
        new = sum(1 for key in rejects.ids("open") if key > self.seen)
        return Selection(keys, RejectSummary(len(keys), new))  # new ones are open: the same in both filters

    def records(self, keys: Sequence[int]) -> Mapping[int, RejectRow]:
        waiting = self.waiting()
        seen = self.seen
        return {key: RejectRow(record, key > seen and record.status == "open", key in waiting)
                for key, record in self.store.rejected_invoices.by_ids(keys).items()}

    def waiting(self) -> set[int]:
        """The rejects whose "treated" mark is still in the outbox."""
        return {action.item.payload.get("reject_id") for action in self.store.outbox.actions([TREATED_KIND])
                if action.state == "pending"}


def reject_state_text(state: str) -> str:
    return {
        "new": translate("RejectsModel", "New"),
        "open": translate("RejectsModel", "To correct"),
        "waiting": translate("RejectsModel", "Treated, to send"),
        "treated": translate("RejectsModel", "Treated"),
    }[state]


def _care(row: RejectRow) -> str:
    """"18/11/2026 · act G": the date of care and the act billed."""
    return translate("RejectsModel", "%1 · act %2").replace("%1", french_date(row.record.act_date)).replace(
        "%2", row.record.act_code or "—")


def reject_columns() -> list[Column[RejectRow]]:
    """The table's columns, in the user's language (made after the translations are installed)."""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def state(row: RejectRow) -> str:
        return row.state

    return [
        Column(translate("RejectsModel", "State"), lambda row: reject_state_text(row.state), role=state),
        Column(translate("RejectsModel", "Rejected on"), lambda row: f"{row.record.rejected_on:%d/%m/%Y}",
               sort="rejected_on", role=state),
        Column(translate("RejectsModel", "Patient's NIR"), lambda row: spaced_nir(row.record.nir), role=state),
        Column(translate("RejectsModel", "Born on"), lambda row: french_date(row.record.birth_date), role=state),
        Column(translate("RejectsModel", "Care"), _care, sort="act_date", role=state),
        Column(translate("RejectsModel", "Amount"), lambda row: euros(row.record.amount_cents or 0), sort="amount",
               align=right, role=state),
        Column(translate("RejectsModel", "Invoice / batch"),
               lambda row: f"{row.record.invoice_number or '—'} / {row.record.batch_number or '—'}", sort="invoice",
               role=state),
        Column(translate("RejectsModel", "Cause"), lambda row: row.advice.title, sort="code",
               tooltip=lambda row: f"{row.advice.cause}\n{row.advice.fix}", role=state),
    ]
