"""What the sections whose actions go through the outbox share (Commandes d'imprimés, Contact): an action
is written to the store on the pool, the engine is asked to send it at once, the page is read again;
the actions list shows what waits, what was refused (until dismissed) and what the last action sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, TypeVar

from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SectionPresenter, SectionSession
from ..status import local_now

if TYPE_CHECKING:
    from sync.store import Store

__all__ = ["OutboxPresenter"]

T = TypeVar("T")


class OutboxPresenter(SectionPresenter):
    """A section presenter with :meth:`act` and :meth:`dismiss`; :attr:`since` is when the user's last
    action began (the actions sent since are shown as sent; older ones are settled in the page's data)."""

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.since = datetime.now(timezone.utc)

    def open(self, session: SectionSession) -> None:
        self.since = datetime.now(timezone.utc)
        super().open(session)

    def act(self, work: Callable[[Store], T], done: Callable[[T], None],
            failed: Callable[[BaseException], None]) -> None:
        """``work(store)`` on the pool (it puts the action in the outbox); then ``done(result)``, the engine
        asked to send at once and the page read again; ``failed(error)`` if it could not be written."""
        session = self.session
        if session is None:
            return
        self.since = datetime.now(timezone.utc)

        def succeeded(result: T) -> None:
            done(result)
            session.sync_now()
            self.reload()

        self.run(lambda: work(session.store), succeeded, failed)

    def dismiss(self, item_id: int) -> None:
        """The user read why the back office refused the action ``item_id``: it is no longer shown."""
        session = self.session
        if session is not None:
            self.run(lambda: session.store.outbox.dismiss(item_id), lambda _: self.reload())
