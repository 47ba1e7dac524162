"""The quarantine list: the files that could not become documents, each with its reason in French, and a
button to open the folder where they are kept (nothing was deleted). No I/O: signals out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ..models.documents import short_moment
from ..quarantine_list import Quarantined
from ..status import local_now
from .tables import data_table

__all__ = ["QuarantineView", "refusal_words"]

# sync.capture.files.Refusal's values, in words
_REFUSALS = {
    "empty": QT_TRANSLATE_NOOP("Refusals", "The file is empty."),
    "too-large": QT_TRANSLATE_NOOP("Refusals", "The file is too large for a scanned sheet."),
    "not-a-scan": QT_TRANSLATE_NOOP("Refusals", "This is not a PDF, JPEG, PNG or TIFF file."),
    "corrupt": QT_TRANSLATE_NOOP("Refusals", "The file is damaged or incomplete: scan the sheet again."),
    "encrypted": QT_TRANSLATE_NOOP("Refusals", "The PDF is protected by a password or encrypted."),
    "active-content": QT_TRANSLATE_NOOP("Refusals", "The PDF contains scripts or actions: it is not a plain scan."),
    "embedded-files": QT_TRANSLATE_NOOP("Refusals", "The PDF carries attached files: it is not a plain scan."),
    "too-many-pages": QT_TRANSLATE_NOOP("Refusals", "The file has too many pages for a care sheet."),
    "absurd-dimensions": QT_TRANSLATE_NOOP("Refusals", "The image's size matches no scanned sheet."),
    "decompression-bomb": QT_TRANSLATE_NOOP("Refusals", "The image is far too large once opened: it may be a trap."),
    "too-complex": QT_TRANSLATE_NOOP("Refusals", "The PDF is far too complex for a scan."),
}


def refusal_words(code: str) -> str:
    """A refusal code (:class:`sync.capture.files.Refusal`) as one French sentence."""
    if code in _REFUSALS:
        return QCoreApplication.translate("Refusals", _REFUSALS[code])
    if not code:
        return QCoreApplication.translate("Refusals", "No reason was recorded for this file.")
    return QCoreApplication.translate("Refusals", "Refused (%1).").replace("%1", code)


class QuarantineView(QWidget):
    """``set_items`` draws it; ``open_folder_requested`` asks for the folder in the file manager."""

    open_folder_requested = Signal()

    def __init__(self, clock: Callable[[], datetime] = local_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantineView")
        self._clock = clock
        self.intro = QLabel(objectName="pageIntro", wordWrap=True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason"), self.tr("Put aside")])
        self.list = data_table("quarantineList", self.tr("Files in quarantine"), sortable=False)
        self.list.setModel(self.model)
        header = self.list.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.open_folder = QPushButton(self.tr("Open the folder"), objectName="openQuarantine")
        self.open_folder.clicked.connect(self.open_folder_requested)
        self.folder = QLabel(objectName="quarantineFolder", wordWrap=True)
        self.folder.setProperty("role", "caption")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        foot = QHBoxLayout()
        foot.addWidget(self.folder, 1)
        foot.addWidget(self.open_folder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(foot)
        self.set_items((), None)

    def set_items(self, items: Sequence[Quarantined], folder: str | None) -> None:
        """The refused files, newest first, and the folder that keeps them (None: no session)."""
        self.model.removeRows(0, self.model.rowCount())
        now = self._clock()
        for item in items:
            reason = refusal_words(item.reason)
            cells = [QStandardItem(text) for text in (item.path.name, reason, short_moment(item.moved_at, now))]
            cells[0].setToolTip(self.tr("Came as %1").replace("%1", item.original) if item.original != item.path.name
                                else item.path.name)
            cells[1].setToolTip(reason)
            self.model.appendRow(cells)
        self.list.setVisible(bool(items))
        self.intro.setText(self.tr("These files could not become documents. Nothing was deleted: they are kept "
                                   "in the quarantine folder, each with its reason. Scan the sheet again, or "
                                   "fix the file and import it.") if items else
                           self.tr("No file in quarantine: every file taken became a document."))
        self.folder.setText(self.tr("Folder: %1").replace("%1", folder) if folder else "")
        self.open_folder.setVisible(folder is not None)

    def clear(self) -> None:
        self.set_items((), None)
