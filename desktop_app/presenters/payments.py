"""Paiements' presenter: the lazy payments list over the open session's store, searched as the user
types, refreshed when a sync brings payments, forgotten at the lock; the CSV export written on the pool."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ..formatting import spaced_nir
from ..main_window import MainWindow
from ..models.payments import KINDS, PaymentsSource, kind_text, payments_model
from ..ops import OpRunner
from ..payments_csv import write_payments_csv
from ..section_presenter import SectionPresenter, SectionSession
from ..sections import Section
from ..status import SyncState, local_now
from ..views.payments import PaymentsPage

if TYPE_CHECKING:
    from sync.store import PaymentRecord

__all__ = ["PaymentsPresenter"]

EXPORT_BLOCK = 1_000  # payments opened at a time while a file is written


class PaymentsPresenter(SectionPresenter):
    section = Section.PAYMENTS
    domains = frozenset({"payments"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.model = payments_model(ops, self)
        self.view = PaymentsPage(self.model, clock)
        self._source_of: SectionSession | None = None  # the session the model's source reads
        self.view.search_changed.connect(self.model.set_query)
        self.view.export_requested.connect(self.export)
        self.model.failed.connect(lambda _error: self.view.show_failure())
        window.shell.set_page(Section.PAYMENTS, self.view)

    def reload(self) -> None:
        super().reload()
        session = self.session
        if session is None:
            return
        if self._source_of is session:
            self.model.refresh()  # a sync brought payments: the rows shown stay until their new values arrive
            return
        self._source_of = session
        self.model.set_query(self.view.query())
        self.model.set_source(PaymentsSource(session.store))

    def forget(self) -> None:
        self._source_of = None
        self.model.set_source(None)
        self.view.clear()

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    def export(self, path: str) -> None:
        """Write the payments shown, in the order shown, to ``path`` (on the pool; the file appears whole
        or not at all)."""
        keys = [self.model.key(row) for row in range(self.model.rowCount())]
        headers = [str(self.model.headerData(column, Qt.Orientation.Horizontal))
                   for column in range(self.model.columnCount())]
        kinds = {kind: kind_text(kind) for kind in KINDS}  # translated here, on the GUI thread
        model = self.model

        def records() -> Iterator[PaymentRecord]:
            for start in range(0, len(keys), EXPORT_BLOCK):
                block = keys[start:start + EXPORT_BLOCK]
                found = model.records_of(block)
                yield from (found[key] for key in block if key in found)

        def write() -> int:
            target = Path(path)
            partial = target.with_name(target.name + ".part")
            try:
                with partial.open("wb") as out:
                    count = write_payments_csv(out, records(), headers, lambda k: kinds.get(k, k), spaced_nir)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            return count

        self.run(write, lambda count: self.view.show_exported(count, path),
                 lambda error: self.view.show_export_failed(_reason(error)))


def _reason(error: BaseException) -> str:
    """An OSError's own words (the system's, in the user's language): "Permission denied"."""
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


