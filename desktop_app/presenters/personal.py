"""Informations personnelles: the account as the store keeps it (``me``), with the OPTAM contract of the
activity figures beside the convention sector, and the password's expiry of a password session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from ..main_window import MainWindow
from ..ops import OpRunner
from ..personal_info import PersonalInfo, personal_info
from ..section_presenter import SectionPresenter
from ..sections import Section
from ..status import SyncState, local_now
from ..views.personal import PersonalView

__all__ = ["PersonalPresenter"]

log = logging.getLogger(__name__)


class PersonalPresenter(SectionPresenter):
    section = Section.PERSONAL
    domains = frozenset({"me", "activity"})  # activity: the OPTAM contract shown with the sector

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = PersonalView(clock)
        self.view.logins_requested.connect(lambda: window.shell.show_section(Section.LOGINS))
        window.shell.set_page(Section.PERSONAL, self.view)

    def reload(self) -> None:
        session = self.session
        if session is None:
            return
        store, expires, with_optam = session.store, session.password_expires_at, "activity" in session.user.scopes

        def read() -> PersonalInfo | None:
            me = store.me()
            activity = store.activity() if with_optam else None
            return None if me is None else personal_info(me, activity.optam if activity else None, expires)

        def done(info: PersonalInfo | None) -> None:
            self.view.set_info(info, received=info is not None)

        def failed(error: BaseException) -> None:
            log.error("the account could not be read from the store", exc_info=error)
            self.view.show_read_failure()

        self.run(read, done, failed)
        super().reload()

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    def forget(self) -> None:
        self.view.clear()
