"""QObject bridges: events from the card layer's threads become Qt signals on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cardreader.monitor import ReaderEvent

__all__ = ["ReaderEventBridge"]


class ReaderEventBridge(QObject):
    """Give :meth:`deliver` to a ReaderMonitor as its callback; connect to :attr:`event`.

    Emitting from the monitor's thread queues the signal to the receivers' (GUI) thread, so no widget
    is ever touched from the monitor thread.
    """

    event = Signal(object)

    def deliver(self, event: ReaderEvent) -> None:
        self.event.emit(event)
