"""Activité: the activity figures as the store keeps them, drawn as charts with their tables."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from ..activity_figures import ActivityPicture, activity_picture
from ..main_window import MainWindow
from ..ops import OpRunner
from ..section_presenter import SectionPresenter
from ..sections import Section
from ..status import SyncState, local_now
from ..views.activity import ActivityView, load_charts

__all__ = ["ActivityPresenter"]

log = logging.getLogger(__name__)


class ActivityPresenter(SectionPresenter):
    section = Section.ACTIVITY
    domains = frozenset({"activity"})

    def __init__(self, window: MainWindow, ops: OpRunner, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(window, ops, clock)
        self.view = ActivityView(clock)
        window.shell.set_page(Section.ACTIVITY, self.view)

    def reload(self) -> None:
        session = self.session
        if session is None:
            return
        store = session.store

        def read() -> ActivityPicture | None:
            load_charts()  # here, on the pool: the GUI thread then finds QtCharts loaded
            activity = store.activity()
            return None if activity is None else activity_picture(activity)

        def failed(error: BaseException) -> None:
            log.error("the activity figures could not be read from the store", exc_info=error)
            self.view.show_read_failure()

        self.run(read, lambda picture: self.view.set_picture(picture, received=picture is not None), failed)
        super().reload()

    def show_freshness(self, state: SyncState) -> None:
        self.view.set_freshness(state)

    def forget(self) -> None:
        self.view.clear()
