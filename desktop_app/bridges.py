"""QObject bridges: events from the card layer's and the sync engine's threads become Qt signals on the
GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from cardreader.monitor import ReaderEvent

if TYPE_CHECKING:  # sync.engine pulls in httpx and the protocol's models: not loaded before the lock screen shows
    from sync.engine import SyncReport

__all__ = ["ReaderEventBridge", "SyncReportBridge"]


class ReaderEventBridge(QObject):
    """Give :meth:`deliver` to a ReaderMonitor as its callback; connect to :attr:`event`.

    Emitting from the monitor's thread queues the signal to the receivers' (GUI) thread, so no widget
    is ever touched from the monitor thread.
    """

    event = Signal(object)

    def deliver(self, event: ReaderEvent) -> None:
        self.event.emit(event)


class SyncReportBridge(QObject):
    """Give :meth:`deliver` to the sync thread's ``on_report``; connect to :attr:`report`, which carries
    the session it is about (any value the receiver tells its sessions by) with the report."""

    report = Signal(object, object)  # the session, the SyncReport

    def deliver(self, session: object, report: SyncReport) -> None:
        self.report.emit(session, report)
