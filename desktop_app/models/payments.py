"""The payments list: a :class:`~desktop_app.models.lazy.RowSource` over the store's payments and the
columns the Paiements section shows. The store selects and sums in SQL (no patient opened); only the
rows painted are opened, by blocks, on the pool."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from ..formatting import euros, spaced_nir
from ..ops import OpRunner
from ..payment_search import PaymentQuery
from .lazy import Column, LazyTableModel, Selection, SortOrder

if TYPE_CHECKING:  # loaded once a session opens, never by the lock screen
    from sync.store import PaymentRecord, Store

__all__ = ["KINDS", "PaymentsSource", "kind_text", "payment_columns", "payments_model"]

_CONTEXT = "PaymentKinds"
# The back office's kinds (sync.protocol.PaymentKind) in the words of the health insurance's statements.
KINDS: dict[str, str] = {
    "tiers_payant": QT_TRANSLATE_NOOP("PaymentKinds", "Third-party payment"),
    "mt_ald": QT_TRANSLATE_NOOP("PaymentKinds", "Treating doctor for ALD patients"),
    "on_call": QT_TRANSLATE_NOOP("PaymentKinds", "On-call duty"),
    "teletransmission_help": QT_TRANSLATE_NOOP("PaymentKinds", "Teletransmission help"),
    "lump_sum": QT_TRANSLATE_NOOP("PaymentKinds", "Treating doctor lump sum"),
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FIRST_ROWS = 40  # opened with the selection: the rows a window shows first (a screenful and more)


def kind_text(kind: str) -> str:
    """A payment's kind in the user's words; an unknown kind (a newer back office) as it came."""
    text = KINDS.get(kind)
    return QCoreApplication.translate(_CONTEXT, text) if text else kind


class PaymentsSource:
    """The open session's payments for a :class:`LazyTableModel` (its ``query``: a :class:`PaymentQuery`;
    its summary: the store's :class:`~sync.store.PaymentTotals` of the selection). Both methods run on the pool."""

    def __init__(self, store: Store) -> None:
        self._store = store
        # the "kind" order follows the words read on screen, not the codes (translated here, on the GUI thread)
        self._kinds = tuple(sorted(KINDS, key=lambda kind: kind_text(kind).casefold()))

    def select(self, query: PaymentQuery | None, order: SortOrder | None) -> Selection[int]:
        from sync.store import PaymentFilter

        where = PaymentFilter(**dataclasses.asdict(query or PaymentQuery()))
        key, descending = (order.key, order.descending) if order else ("date", True)
        with self._store.snapshot():  # the ids, their totals and the first rows from one state of the store
            ids = self._store.payments.select(where, key, descending, self._kinds)
            totals = self._store.payments.totals(where)
            first = self._store.payments.records(ids[:FIRST_ROWS])
        return Selection(ids, totals, first)

    def records(self, keys: Sequence[int]) -> Mapping[int, PaymentRecord]:
        return self._store.payments.records(keys)


def _label(payment: PaymentRecord) -> str:
    """The label without the kind the column beside says already: "Tiers payant — G du 03/11/2025" → "G du
    03/11/2025" (the back office's labels are French: only a French reader sees it shortened)."""
    prefix = kind_text(payment.kind) + " — "
    return payment.label.removeprefix(prefix)


def payment_columns() -> list[Column[PaymentRecord]]:
    """The list's columns, titles in the user's language (call after the translations are installed)."""
    translate = QCoreApplication.translate  # the name lupdate looks for
    return [
        Column(translate("PaymentColumns", "Date"), lambda p: f"{p.paid_on:%d/%m/%Y}", "date"),
        Column(translate("PaymentColumns", "Patient"), lambda p: p.patient_name or "", "patient",
               tooltip=lambda p: p.patient_name or ""),
        Column(translate("PaymentColumns", "NIR"), lambda p: spaced_nir(p.patient_nir) if p.patient_nir else ""),
        Column(translate("PaymentColumns", "Kind"), lambda p: kind_text(p.kind), "kind",
               tooltip=lambda p: kind_text(p.kind)),
        Column(translate("PaymentColumns", "Label"), _label, tooltip=lambda p: p.label),
        Column(translate("PaymentColumns", "Invoice"), lambda p: p.invoice_number or "", "invoice"),
        Column(translate("PaymentColumns", "Batch"), lambda p: p.batch_number or "", "batch"),
        Column(translate("PaymentColumns", "Payer"), lambda p: p.payer, "payer", tooltip=lambda p: p.payer),
        Column(translate("PaymentColumns", "Amount"), lambda p: euros(p.amount_cents), "amount", _RIGHT),
    ]


def payments_model(ops: OpRunner, parent: QObject | None = None) -> LazyTableModel[int, PaymentRecord]:
    """The payments list's model; give it a :class:`PaymentsSource` once a session opens."""
    return LazyTableModel(ops, payment_columns(), parent)

