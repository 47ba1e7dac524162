"""The card thread: every card exchange of the app runs here, one at a time, never on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cardreader.atr import AtrInfo
from cardreader.errors import CardError
from cardreader.reading import CardReading, read_card
from cardreader.transport import PcscTransport

__all__ = ["CardWorker"]


class _Done(QObject):
    finished = Signal(object)


class _ReadJob(QRunnable):
    def __init__(self, reader: str, atr: AtrInfo, done: _Done) -> None:
        super().__init__()
        self._reader, self._atr, self._done = reader, atr, done

    def run(self) -> None:
        try:
            with PcscTransport(self._reader) as transport:
                reading = read_card(transport, self._reader, self._atr)
        except CardError as error:
            reading = CardReading(self._reader, self._atr, error=error)
        self._done.finished.emit(reading)


class CardWorker(QObject):
    """A one-thread pool: card reads are queued and their results come back as a signal."""

    read_finished = Signal(object)  # CardReading

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._done = _Done()
        self._done.finished.connect(self.read_finished)

    def read(self, reader: str, atr: AtrInfo) -> None:
        self._pool.start(_ReadJob(reader, atr, self._done))

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

