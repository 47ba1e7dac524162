"""The banner above the sections when the back office cannot be used: offline, or under maintenance
and until when. It says that everything keeps working from this workstation's data, and how old they
are. Hidden otherwise. Drawn from a frozen :class:`~desktop_app.status.SyncState`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..formatting import capitalized, data_from, french_day, french_time
from ..status import SyncPhase, SyncState, local_now
from .common import set_style_state

__all__ = ["BannerView"]


class BannerView(QFrame):
    retry_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._clock = clock
        self.headline = QLabel(objectName="bannerHeadline", wordWrap=True)
        self.detail = QLabel(objectName="bannerDetail", wordWrap=True)
        self.retry = QPushButton(self.tr("Try again now"), objectName="bannerButton")
        self.retry.clicked.connect(self.retry_requested)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 16, 10)
        layout.setSpacing(16)
        layout.addLayout(text, 1)
        layout.addWidget(self.retry)
        self.set_state(SyncState(SyncPhase.CURRENT))

    def set_state(self, state: SyncState) -> None:
        """Shown while offline or under maintenance, hidden otherwise."""
        shown = state.phase in (SyncPhase.OFFLINE, SyncPhase.MAINTENANCE)
        self.setVisible(shown)
        if not shown:
            return
        now = self._clock()
        set_style_state(self, "phase", state.phase.value)
        if state.phase is SyncPhase.MAINTENANCE:
            self.headline.setText(self._maintenance(state.until, now))
            self.detail.setText(
                self.tr("%1. Cabinet catches up by itself as soon as the service is back.").replace(
                    "%1", capitalized(data_from(state.as_of, now))) if state.as_of
                else self.tr("Cabinet catches up by itself as soon as the service is back."))
        else:
            self.headline.setText(self.tr("Offline: %1").replace("%1", data_from(state.as_of, now)) if state.as_of
                                  else self.tr("Offline: no data on this workstation yet"))
            self.detail.setText(self.tr("The back office cannot be reached. Everything stays available on this "
                                        "workstation; Cabinet catches up by itself as soon as the connection is back."))
        self.setAccessibleName(f"{self.headline.text()} {self.detail.text()}")

    def _maintenance(self, until: datetime | None, now: datetime) -> str:
        if until is None:
            return self.tr("The service is under maintenance: your data remain available.")
        local = until.astimezone(now.tzinfo)
        if local.date() == now.date():
            return self.tr("The service is under maintenance until %1: your data remain available.").replace(
                "%1", french_time(local))
        return self.tr("The service is under maintenance until %1 at %2: your data remain available.").replace(
            "%1", french_day(local.date(), now.date())).replace("%2", french_time(local))
