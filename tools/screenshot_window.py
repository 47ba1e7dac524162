"""Render the real application's window to ``docs/screenshots`` (offscreen, French by default):
``window-lock.png``, ``window-pin.png``, ``window-home-doctor.png``, ``window-offline.png``,
``window-home-secretary.png``, ``window-kiosk.png``.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_window.py [--out DIR] [--lang fr|en] [--workdir DIR]

Nothing is made up: as ``make demo`` does, the reference back office runs on loopback with a seeded
practice, the private pcscd with the dual-slot virtual reader, and the emulated cards are inserted and
their PIN typed; the doctor's and the secretary's Accueil are what their engine synced. The back office
is stopped for the offline banner and started again. Run ``make install`` first (the French catalogue).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit  # noqa: E402

from cardreader.emulator.pcscd import PrivatePcscd  # noqa: E402
from cardreader.emulator.pki import TestPki  # noqa: E402
from cardreader.emulator.profiles import card_from_spec  # noqa: E402
from cardreader.emulator.vpcd import VirtualReader  # noqa: E402
from cardreader.transport import wait_for_card  # noqa: E402
from desktop_app.app import CabinetApp  # noqa: E402
from desktop_app.i18n import install_translations  # noqa: E402
from desktop_app.settings import Settings  # noqa: E402
from desktop_app.status import SyncPhase  # noqa: E402
from desktop_app.style import apply_style  # noqa: E402
from desktop_app.views.pin_dialog import PinDialog  # noqa: E402
from sync.backoffice.local import LocalBackoffice  # noqa: E402

SIZE = (1280, 800)
SCREEN = (1600, 1000)  # the offscreen screen: the kiosk fills it
TIMEOUT = 60.0  # seconds a step may take on a loaded machine


def until(condition: Callable[[], bool], what: str) -> None:
    """Run the event loop until ``condition`` holds; fail after :data:`TIMEOUT`."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshot_window: gave up waiting for {what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)  # a tool, not a test: the emulated cards and the back office run meanwhile


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def shot(cabinet: CabinetApp, path: Path) -> Path:
    """The window as seen on a screen: with the sign-in dialog, when up, centred over it."""
    settle()
    picture = cabinet.window.grab()
    dialog = cabinet.controller.dialog
    if dialog is not None and dialog.isVisible():
        over = dialog.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(15, 23, 42, 70))  # the window behind a modal, dimmed
        at = QPoint((picture.width() - over.width()) // 2, (picture.height() - over.height()) // 3)
        painter.setPen(QColor("#b8c2cc"))  # the frame a window manager would draw
        painter.drawRect(at.x() - 1, at.y() - 1, over.width() + 1, over.height() + 1)
        painter.drawPixmap(at, over)
        painter.end()
    picture.save(str(path))
    print(path, flush=True)
    return path


class Drive:
    """What a person does with the cards and the keyboard, waiting each time for what the window shows."""

    def __init__(self, reader: VirtualReader, names: list[str], pki_dir: Path) -> None:
        self.reader, self.names, self.pki_dir = reader, names, pki_dir

    def insert(self, slot: int, spec: str) -> None:
        self.reader.insert(slot, card_from_spec(spec, self.pki_dir))
        wait_for_card(self.names[slot], timeout=10.0)

    @staticmethod
    def pin_dialog(cabinet: CabinetApp) -> PinDialog:
        def ready() -> bool:
            dialog = cabinet.controller.dialog
            return isinstance(dialog, PinDialog) and dialog.isVisible() and dialog.findChild(QLineEdit).isEnabled()

        until(ready, "the PIN dialog")
        return cabinet.controller.dialog

    def type_pin(self, cabinet: CabinetApp, pin: str = "1234") -> None:
        field = self.pin_dialog(cabinet).findChild(QLineEdit)
        QTest.keyClicks(field, pin)
        QTest.keyClick(field, Qt.Key.Key_Return)

    @staticmethod
    def synced(cabinet: CabinetApp, name: str) -> None:
        status = cabinet.window.status
        until(lambda: not cabinet.window.locked() and name in status.professional.full_text()
              and status.sync.property("phase") == SyncPhase.CURRENT.value, f"{name}'s session, synced")


def render(out: Path, workdir: Path, lang: str) -> list[Path]:
    app = QApplication(sys.argv[:1])
    install_translations(app, lang)
    apply_style(app)
    pki_dir = workdir / "test-pki"
    card_from_spec("cps", pki_dir)  # the test PKI whose CA the back office trusts
    backoffice = LocalBackoffice(workdir / "backoffice", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                                 patients=60, months=3)
    shots: list[Path] = []
    with backoffice, PrivatePcscd(workdir / "pcscd") as pcscd:
        os.environ.update(pcscd.env)  # before the first PC/SC call of this process
        with VirtualReader(pcscd.ports) as reader:
            drive = Drive(reader, list(pcscd.reader_names), pki_dir)
            settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=workdir / "data",
                                workstation="ACCUEIL-1", lang=lang, sync_interval_seconds=2)
            cabinet = CabinetApp(app, settings)
            cabinet.window.resize(*SIZE)
            cabinet.start()
            until(lambda: cabinet.window.isVisible() and cabinet.window.locked(), "the lock screen")
            drive.insert(1, "vitale")
            until(lambda: "Vitale" in " ".join(label.accessibleName() for label in
                                               cabinet.window.lock_screen.findChildren(QLabel)),
                  "the Vitale card listed")
            shots.append(shot(cabinet, out / "window-lock.png"))

            drive.insert(0, "cps")
            drive.pin_dialog(cabinet)
            shots.append(shot(cabinet, out / "window-pin.png"))
            drive.type_pin(cabinet)
            drive.synced(cabinet, "Lefèvre-Dupré")
            shots.append(shot(cabinet, out / "window-home-doctor.png"))

            backoffice.stop()
            until(lambda: cabinet.window.banner.isVisible(), "the offline banner")
            shots.append(shot(cabinet, out / "window-offline.png"))
            backoffice.start()
            drive.synced(cabinet, "Lefèvre-Dupré")

            reader.pull(1)
            drive.insert(1, "cpe")  # the secretary's card beside the doctor's: her own session
            drive.type_pin(cabinet)
            drive.synced(cabinet, "Marchand-Girard")
            shots.append(shot(cabinet, out / "window-home-secretary.png"))
            reader.pull(1)
            until(cabinet.window.locked, "the lock after the pull")
            cabinet.stop()
            cabinet.window.close()

            kiosk = CabinetApp(app, replace(settings, kiosk=True, idle_lock_minutes=5))
            kiosk.start()
            until(kiosk.window.isFullScreen, "the kiosk's full screen")
            drive.type_pin(kiosk)  # the doctor's card, still in, is read at start
            drive.synced(kiosk, "Lefèvre-Dupré")
            shots.append(shot(kiosk, out / "window-kiosk.png"))
            kiosk.stop()
            kiosk.window.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--workdir", type=Path, help="where the back office, pcscd and the stores run (a "
                                                     "temporary folder by default)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a screen of a known size, for the kiosk's full screen
        screen = Path(tempfile.mkdtemp(prefix="cabinet-shots-")) / "screen.json"
        screen.write_text(json.dumps({"screens": [{"name": "shots", "x": 0, "y": 0, "width": SCREEN[0],
                                                   "height": SCREEN[1], "logicalDpiX": 96, "logicalDpiY": 96}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    args.out.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cabinet-window-shots-"))
    render(args.out, workdir.resolve(), args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
