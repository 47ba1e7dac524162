"""The scanner dialog: settings in the names of sync.capture.scanner, then Scan, progress, Stop."""

import pytest
from PySide6.QtCore import Qt

from desktop_app.views.scanner_dialog import ScannerDialog

DEVICES = [("epson2:libusb:001:004", "Epson DS-530 II"), ("test:0", "Test scanner")]


@pytest.fixture
def dialog(qtbot):
    view = ScannerDialog()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def recorder(signal) -> list:
    emitted = []
    signal.connect(lambda *args: emitted.append(args))
    return emitted


def items(combo) -> list[str]:
    return [combo.itemText(index) for index in range(combo.count())]


def test_the_choices_are_words_and_the_settings_the_scanner_modules_names(dialog):
    dialog.set_devices(DEVICES)
    assert items(dialog.device) == ["Epson DS-530 II", "Test scanner"]
    assert items(dialog.resolution) == ["200 dpi", "300 dpi"]
    assert items(dialog.mode) == ["Greyscale", "Black and white", "Colour"]
    assert items(dialog.source) == ["Document feeder", "Glass"]
    assert dialog.settings() == {"device": "epson2:libusb:001:004", "resolution": 300, "mode": "Gray",
                                 "source": "ADF"}
    dialog.device.setCurrentIndex(1)
    dialog.resolution.setCurrentIndex(0)
    dialog.mode.setCurrentIndex(1)
    dialog.source.setCurrentIndex(1)
    assert dialog.settings() == {"device": "test:0", "resolution": 200, "mode": "Lineart", "source": "Flatbed"}
    dialog.set_devices(list(reversed(DEVICES)))  # found again: the one chosen stays chosen
    assert dialog.settings()["device"] == "test:0"
    assert not dialog.no_device.isVisible()


def test_without_a_scanner_it_says_so_and_cannot_scan(dialog, qtbot):
    started = recorder(dialog.start_scan)
    assert dialog.no_device.isVisible() and "No scanner found" in dialog.no_device.text()
    assert not dialog.scan_button.isEnabled() and dialog.settings()["device"] is None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert started == []


def test_enter_scans_and_the_pages_are_counted(dialog, qtbot):
    dialog.set_devices(DEVICES)
    with qtbot.waitSignal(dialog.start_scan):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Scan is the default button
    assert not dialog.scan_button.isEnabled() and not dialog.device.isEnabled()
    assert dialog.progress.text() == "Scanning…" and dialog.cancel_button.text() == "Stop"
    dialog.set_progress(3, "")
    assert dialog.progress.text() == "Page 3 scanned…"
    dialog.set_progress(3, "Feeder empty: put the next sheets in.")
    assert dialog.progress.text() == "Feeder empty: put the next sheets in."
    dialog.set_finished("3 pages scanned.")
    assert dialog.scan_button.isEnabled() and dialog.device.isEnabled() and dialog.progress.property("tone") == "ok"
    assert dialog.cancel_button.text() == "Close" and not dialog.busy.isVisible()


def test_stopping_a_scan_asks_the_presenter_and_waits(dialog, qtbot):
    dialog.set_devices(DEVICES)
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.cancel_scan):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.progress.text() == "Stopping after the current page…"
    with qtbot.waitSignal(dialog.cancel_scan):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape too, and the dialog stays open
    assert dialog.isVisible()
    dialog.set_finished("The scanner jammed: take the sheet out and scan again.", error=True)
    assert dialog.progress.property("tone") == "error"
    cancels = recorder(dialog.cancel_scan)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # now it closes
    assert cancels == [] and not dialog.isVisible()
