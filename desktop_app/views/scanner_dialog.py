"""The scanner dialog: which scanner, at what resolution, in what colours, from the feeder or the glass;
then "Scan", and the pages counted as they arrive.

The dialog scans nothing itself: "Scan" emits ``start_scan`` (the presenter reads :meth:`settings` and
scans on the pool), the presenter reports each page with :meth:`set_progress` and the end with
:meth:`set_finished`. While a scan runs, "Cancel" (or Escape) emits ``cancel_scan`` and the dialog
stays open until the presenter calls :meth:`set_finished`; otherwise "Cancel" closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from .common import set_style_state

__all__ = ["ScannerDialog"]

RESOLUTIONS = (200, 300)  # dots per inch: 200 is the least SCOR takes, 300 reads small print better
_MODES = (  # sync.capture.scanner.ScanSettings.mode, and its words
    ("Gray", QT_TRANSLATE_NOOP("ScannerDialog", "Greyscale")),
    ("Lineart", QT_TRANSLATE_NOOP("ScannerDialog", "Black and white")),
    ("Color", QT_TRANSLATE_NOOP("ScannerDialog", "Colour")),
)
_SOURCES = (  # sync.capture.scanner.ScanSettings.source, and its words
    ("ADF", QT_TRANSLATE_NOOP("ScannerDialog", "Document feeder")),
    ("Flatbed", QT_TRANSLATE_NOOP("ScannerDialog", "Glass")),
)


class ScannerDialog(QDialog):
    """Scan settings and progress; see the module's docstring for who does what."""

    start_scan = Signal()
    cancel_scan = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scannerDialog")
        self.setWindowTitle(self.tr("Scan care sheets"))
        self.setMinimumWidth(460)
        self._scanning = False
        self.device = self._combo(self.tr("Scanner"), [])
        self.resolution = self._combo(self.tr("Resolution"),
                                      [(dpi, self.tr("%1 dpi").replace("%1", str(dpi))) for dpi in RESOLUTIONS])
        self.resolution.setCurrentIndex(RESOLUTIONS.index(300))
        self.mode = self._combo(self.tr("Colours"), [(value, self._words(text)) for value, text in _MODES])
        self.source = self._combo(self.tr("Paper from"), [(value, self._words(text)) for value, text in _SOURCES])
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self._label(self.tr("&Scanner"), self.device), self.device)
        form.addRow(self._label(self.tr("&Resolution"), self.resolution), self.resolution)
        form.addRow(self._label(self.tr("&Colours"), self.mode), self.mode)
        form.addRow(self._label(self.tr("&Paper from"), self.source), self.source)
        self.no_device = QLabel(self.tr("No scanner found. Check that it is plugged in and switched on, then open "
                                        "this window again."), objectName="scannerProblem", wordWrap=True)
        self.progress = QLabel(objectName="scanProgress", wordWrap=True)
        self.progress.setAccessibleName(self.tr("Scanning"))
        self.busy = QProgressBar(objectName="scanBusy", textVisible=False, maximumHeight=6)
        self.busy.setRange(0, 0)  # pages come one by one, their number is not known in advance
        self.scan_button = QPushButton(self.tr("Scan"), objectName="scanButton", default=True)
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancelScanButton", autoDefault=False)
        self.scan_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.scan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.setSpacing(12)
        intro = QLabel(self.tr("Put the care sheets in the feeder or on the glass, then choose Scan."),
                       objectName="pageIntro", wordWrap=True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.no_device)
        layout.addWidget(self.busy)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.busy.hide()
        self.progress.hide()
        self.set_devices([])

    @staticmethod
    def _words(text: str) -> str:
        return QCoreApplication.translate("ScannerDialog", text)

    def _combo(self, name: str, choices: list[tuple[object, str]]) -> QComboBox:
        combo = QComboBox(objectName="scannerChoice")
        combo.setAccessibleName(name)
        for value, text in choices:
            combo.addItem(text, value)
        return combo

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, objectName="fieldLabel")
        label.setBuddy(buddy)  # Alt+letter goes to the field
        return label

    # -- what the presenter calls ------------------------------------------------------------------------

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """The scanners found, as (SANE name, label to show); the one chosen before stays chosen."""
        chosen = self.device.currentData()
        self.device.clear()
        for name, label in devices:
            self.device.addItem(label, name)
        if chosen is not None and self.device.findData(chosen) >= 0:
            self.device.setCurrentIndex(self.device.findData(chosen))
        self.no_device.setVisible(not devices)
        self._enable()

    def settings(self) -> dict:
        """What to scan with: {"device": SANE name or None, "resolution": 200|300, "mode": "Gray"|"Lineart"|
        "Color", "source": "ADF"|"Flatbed"} — the names of ``sync.capture.scanner.ScanSettings``."""
        return {"device": self.device.currentData(), "resolution": self.resolution.currentData(),
                "mode": self.mode.currentData(), "source": self.source.currentData()}

    def set_progress(self, pages: int, text: str = "") -> None:
        """The scan goes on: ``pages`` scanned so far; ``text``, when given, says it instead of
        "Page 3 scanned…"."""
        self._set_scanning(True)
        if not text:
            text = self.tr("Page %1 scanned…").replace("%1", str(pages)) if pages else self.tr("Scanning…")
        self._say(text, "busy")

    def set_finished(self, text: str, error: bool = False) -> None:
        """The scan is over (done, cancelled or failed): say ``text`` and give the settings back."""
        self._set_scanning(False)
        self._say(text, "error" if error else "ok")

    # -- inner workings -------------------------------------------------------------------------------------

    def _start(self) -> None:
        if self._scanning or self.device.currentData() is None:
            return
        self.set_progress(0)
        self.start_scan.emit()

    def reject(self) -> None:
        """Cancel (or Escape) stops a scan under way and waits for it to stop; otherwise closes."""
        if self._scanning:
            self.cancel_button.setEnabled(False)
            self._say(self.tr("Stopping after the current page…"), "busy")
            self.cancel_scan.emit()
            return
        super().reject()

    def _set_scanning(self, scanning: bool) -> None:
        self._scanning = scanning
        self.busy.setVisible(scanning)
        self.cancel_button.setText(self.tr("Stop") if scanning else self.tr("Close"))
        self._enable()

    def _enable(self) -> None:
        idle = not self._scanning
        has_device = self.device.count() > 0
        for combo in (self.device, self.resolution, self.mode, self.source):
            combo.setEnabled(idle and has_device)
        self.scan_button.setEnabled(idle and has_device)
        if idle:
            self.cancel_button.setEnabled(True)

    def _say(self, text: str, tone: str) -> None:
        self.progress.setText(text)
        self.progress.setVisible(bool(text))
        set_style_state(self.progress, "tone", tone)
