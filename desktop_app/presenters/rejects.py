"""Rejets' presenter: the store's rejected invoices in a lazy table, the new ones marked against what the
user had seen when he last opened the section, and "treated" sent through the outbox (shared with the
practice's other workstations once the back office took it), its state shown until then."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..main_window import MainWindow
from ..models.lazy import LazyTableModel
from ..models.rejects import SEEN_MARK, TREATED_KIND, RejectQuery, RejectSource, reject_columns
from ..ops import OpRunner
from ..section_presenter import SectionPresenter, SectionSession, SyncPass
from ..sections import Section
from ..status import SyncState, local_now
from ..views.rejects import RejectsView
from ..views.section_page import ActionLine

if TYPE_CHECKING:
    from sync.store import OutboxAction, RejectRecord, Store

__all__ = ["RejectsPresenter", "seen_before"]

log = logging.getLogger(__name__)


def seen_before(store: Store, visiting: bool) -> int:
    """The newest reject id the user had seen before now (0: none). ``visiting``: he is opening the
    section, so every reject in the store counts as seen from now on (the next visit's "new")."""
    if visiting:
        return store.marks.advance(SEEN_MARK, store.rejected_invoices.newest_id()) or 0
    return store.marks.get(SEEN_MARK) or 0


class RejectsPresenter(SectionPresenter):
    section = Section.REJECTS
    domains = frozenset({"rejects"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = RejectsView(clock)
        self.model: LazyTableModel = LazyTableModel(ops, reject_columns(), self)
        self.view.set_model(self.model)
        self._source: RejectSource | None = None
        self._opened_at: datetime | None = None
        self.model.selected.connect(lambda: self.view.set_summary(self.model.summary))
        self.model.failed.connect(lambda _error: self.view.count.setText(
            self.tr("The rejects kept on this workstation could not be read.")))
        self.view.filter_changed.connect(lambda open_only: self.model.set_query(RejectQuery(open_only)))
        self.view.treated_requested.connect(self.mark_treated)
        self.view.actions.dismissed.connect(self._dismiss)
        window.shell.set_page(Section.REJECTS, self.view)
        window.shell.section_changed.connect(self._section_changed)

    def open(self, session: SectionSession) -> None:
        self._opened_at = datetime.now(timezone.utc)  # as the outbox stamps its actions
        super().open(session)

    def reload(self) -> None:
        super().reload()
        session = self.session
        if session is None:
            return
        if self._source is None:
            visiting = self.window.shell.current_section() is Section.REJECTS
            self.run(lambda: seen_before(session.store, visiting), lambda seen: self._start(session.store, seen))
        else:
            self.model.refresh()
        self._load_actions()

    def synced(self, sync_pass: SyncPass) -> None:
        super().synced(sync_pass)
        if self._source is not None and "outbox" in sync_pass.changed and not sync_pass.changed & self.domains:
            self.model.refresh()  # a mark sent: its row is no longer "to send"
            self._load_actions()

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    def forget(self) -> None:
        self._source = None
        self.model.set_source(None)
        self.view.clear()

    def mark_treated(self, reject_id: int) -> None:
        """Put the mark in the outbox (saved before it returns), then ask the engine to send it now."""
        session = self.session
        if session is None:
            return

        def queued(_: object) -> None:
            session.sync_now()
            self.model.refresh()
            self._load_actions()

        def failed(error: BaseException) -> None:
            log.error("a reject could not be marked treated", exc_info=error)
            self.view.count.setText(self.tr("The mark could not be saved on this workstation: try again."))
            self.model.refresh()  # its row, and its button, as they were

        self.run(lambda: session.store.enqueue(TREATED_KIND, {"reject_id": reject_id}), queued, failed)

    # -- inside ------------------------------------------------------------------------------------

    def _start(self, store: Store, seen: int) -> None:
        self._source = RejectSource(store, seen)
        self.model.set_query(RejectQuery(self.view.open_only()))
        self.model.set_source(self._source)

    def _section_changed(self, section: str) -> None:
        session, source = self.session, self._source
        if section != Section.REJECTS or session is None or source is None:
            return

        def seen(value: int) -> None:
            source.seen = value
            self.model.refresh()

        self.run(lambda: seen_before(session.store, True), seen)

    def _load_actions(self) -> None:
        session, since = self.session, self._opened_at
        if session is None:
            return
        store = session.store

        def read() -> list[tuple[OutboxAction, RejectRecord | None]]:
            actions = store.outbox.actions([TREATED_KIND], since=since)
            records = store.rejected_invoices.by_ids(a.item.payload.get("reject_id") for a in actions)
            return [(action, records.get(action.item.payload.get("reject_id"))) for action in actions]

        def show(actions: list[tuple[OutboxAction, RejectRecord | None]]) -> None:
            self.view.actions.set_actions([ActionLine(action.item.id, self._action_text(record), action.state,
                                                      action.reason) for action, record in actions])

        self.run(read, show)

    def _action_text(self, record: RejectRecord | None) -> str:
        if record is None:
            return self.tr("A rejected invoice marked treated")
        return self.tr("Invoice %1 of batch %2 marked treated").replace("%1", record.invoice_number or "—").replace(
            "%2", record.batch_number or "—")

    def _dismiss(self, item_id: int) -> None:
        session = self.session
        if session is not None:
            self.run(lambda: session.store.outbox.dismiss(item_id), lambda _: self._load_actions())
