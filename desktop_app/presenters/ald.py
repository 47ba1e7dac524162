"""ALD's presenter: the store's ALD window (short: read whole on the pool), counted from today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SectionPresenter
from ..sections import Section
from ..status import SyncState, local_now
from ..views.ald import AldView

__all__ = ["AldPresenter"]


class AldPresenter(SectionPresenter):
    section = Section.ALD
    domains = frozenset({"ald"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = AldView(clock)
        window.shell.set_page(Section.ALD, self.view)
        window.shell.section_changed.connect(
            lambda section: self.reload() if section == Section.ALD and self.session is not None else None)

    def reload(self) -> None:
        """Read again (also each time the section is opened: "in N days" follows the date)."""
        super().reload()
        session = self.session
        if session is not None:
            self.run(session.store.ald_renewals, lambda items: self.view.set_renewals(items, self.clock().date()))

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    def forget(self) -> None:
        self.view.clear()
