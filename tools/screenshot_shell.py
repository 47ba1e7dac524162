"""Render the signed-in window's screenshots for the docs (offscreen, French by default):
``home-doctor.png``, ``home-secretary.png``, ``offline-banner.png``, ``maintenance-banner.png``,
``recent-sign-ins.png``, ``delegations.png``, ``kiosk.png`` in ``docs/screenshots``.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_shell.py [--out DIR] [--lang fr|en] [--catalogue X.qm]

The values are made up but realistic (the demo practice's doctor and secretary, a fixed Monday
morning); nothing is read from a store or a card. ``render(out_dir)`` does the same for another script.
Run ``make install`` first so that the French catalogue is in the package; ``--catalogue`` loads an
extra compiled one over it (strings not merged into the catalogue yet). The style sheets are read from
``resources/style`` (``cabinet.qss`` then ``shell.qss``), as the application applies them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from desktop_app.account import DelegationsState, Secretary
from desktop_app.i18n import install_translations
from desktop_app.kiosk import enter_kiosk
from desktop_app.sections import sections_for
from desktop_app.status import HomeSummary, StatusState, SyncPhase, SyncState
from desktop_app.views.banner import BannerView
from desktop_app.views.logins import LoginRow
from desktop_app.views.shell import ShellView
from desktop_app.views.status_bar import StatusBarView

__all__ = ["render"]

NOW = datetime(2025, 11, 24, 10, 14, tzinfo=ZoneInfo("Europe/Paris"))  # a Monday morning
SIZE = (1280, 800)  # the windows'
SCREEN = (1920, 1080)  # the offscreen screen's: the kiosk fills it
READER = "Cabinet Virtual Reader 00 00"
DOCTOR_SCOPES = ("me", "payments", "rejects", "patients", "medical", "ald", "forms", "messages", "documents",
                 "activity", "events", "delegations")
SECRETARY_SCOPES = ("payments", "forms", "documents")
STYLES = ("cabinet.qss", "shell.qss")  # cabinet.qss (the sign-in screens' helper) when present


class Window(QMainWindow):
    """The signed-in window as the application lays it out: banner, sections, status bar."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.banner = BannerView(clock)
        self.shell = ShellView(clock)
        self.status = StatusBarView(clock)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.shell, 1)
        self.setCentralWidget(central)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().setSizeGripEnabled(False)
        self.resize(*SIZE)

    def show_state(self, state: StatusState, summary: HomeSummary, scopes: tuple[str, ...], delegated: bool) -> None:
        self.shell.set_visible_sections(sections_for(scopes), delegated=delegated)
        self.shell.home.set_summary(summary)
        self.shell.home.set_sync_state(state.sync)
        self.status.set_state(state)
        self.banner.set_state(state.sync)


def _doctor(sync: SyncState) -> StatusState:
    return StatusState("Dr Émilie Lefèvre-Dupré", "Cabinet médical des Tilleuls", card="CPS", reader=READER,
                       sync=sync, documents_waiting=2)


def _summary(**changes) -> HomeSummary:
    values = {"today": NOW.date(), "ald_renewals": 3, "ald_first_end": date(2025, 12, 2), "open_rejects": 2,
              "answered_threads": 1, "documents_waiting": 2, "as_of": NOW - timedelta(minutes=2)}
    return HomeSummary(**{**values, **changes})


def _shoot(window: QMainWindow, path: Path) -> Path:
    window.show()
    for _ in range(3):  # each layout pass may post another (the status bar's height follows its content)
        QApplication.processEvents()
    window.grab().save(str(path))
    return path


def render(out_dir: Path) -> list[Path]:
    """Render every screenshot into ``out_dir``; the QApplication (and its translators) must exist."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = lambda: NOW
    shots = []
    current = SyncState(SyncPhase.CURRENT, NOW - timedelta(minutes=2))

    doctor = Window(clock)
    doctor.show_state(_doctor(current), _summary(), DOCTOR_SCOPES, delegated=False)
    shots.append(_shoot(doctor, out_dir / "home-doctor.png"))

    secretary = Window(clock)
    state = StatusState("Chloé Marchand-Girard", "Cabinet médical des Tilleuls", card="CPE", reader=READER,
                        sync=current, documents_waiting=4)
    secretary.show_state(state, _summary(documents_waiting=4, documents_failed=1), SECRETARY_SCOPES, delegated=True)
    shots.append(_shoot(secretary, out_dir / "home-secretary.png"))

    offline = SyncState(SyncPhase.OFFLINE, NOW.replace(hour=9, minute=12) - timedelta(days=0))
    doctor.show_state(_doctor(offline), _summary(as_of=offline.as_of), DOCTOR_SCOPES, delegated=False)
    shots.append(_shoot(doctor, out_dir / "offline-banner.png"))

    maintenance = SyncState(SyncPhase.MAINTENANCE, NOW - timedelta(minutes=41), until=NOW.replace(hour=14, minute=0))
    doctor.show_state(_doctor(maintenance), _summary(as_of=maintenance.as_of), DOCTOR_SCOPES, delegated=False)
    shots.append(_shoot(doctor, out_dir / "maintenance-banner.png"))

    doctor.show_state(_doctor(current), _summary(), DOCTOR_SCOPES, delegated=False)
    doctor.shell.logins.set_logins([
        LoginRow(31, NOW - timedelta(hours=2, minutes=3), "card", "ACCUEIL-1", current=True),
        LoginRow(30, NOW - timedelta(days=3, hours=1), "card", "ACCUEIL-1"),
        LoginRow(29, NOW - timedelta(days=4, hours=14), "password", "PC-DOMICILE"),
        LoginRow(27, NOW - timedelta(days=9, minutes=40), "password", "PORTABLE-7F3A", reported=True)])
    doctor.shell.show_section("logins")
    shots.append(_shoot(doctor, out_dir / "recent-sign-ins.png"))

    doctor.shell.delegations.set_state(DelegationsState((
        Secretary("338312345600014/0042", frozenset({"payments", "forms", "documents"})),
        Secretary("338312345600014/0057", frozenset({"documents"})))))
    doctor.shell.delegations.boxes[("338312345600014/0057", "forms")].setChecked(True)
    doctor.shell.delegations.set_saved(doctor.shell.delegations.state())
    doctor.shell.show_section("delegations")
    shots.append(_shoot(doctor, out_dir / "delegations.png"))
    doctor.close()

    kiosk = Window(clock)
    shared = StatusState("Dr Karim Benali", "Cabinet médical des Tilleuls", card="CPS", reader=READER, sync=current,
                         shared_workstation=True)
    kiosk.show_state(shared, _summary(ald_renewals=0, ald_first_end=None, open_rejects=1, answered_threads=0,
                                      documents_waiting=0), DOCTOR_SCOPES, delegated=False)
    guard = enter_kiosk(kiosk)
    QApplication.processEvents()
    shots.append(_shoot(kiosk, out_dir / "kiosk.png"))
    guard.release()
    kiosk.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--catalogue", type=Path, action="append", default=[],
                        help="an extra compiled catalogue (.qm) to load over the package's")
    args = parser.parse_args(argv)
    if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a screen of the shots' size, for the kiosk's full screen
        screen = Path(tempfile.mkdtemp(prefix="cabinet-shots-")) / "screen.json"
        screen.write_text(json.dumps({"screens": [{"name": "shots", "x": 0, "y": 0, "width": SCREEN[0],
                                                   "height": SCREEN[1], "logicalDpiX": 96, "logicalDpiY": 96}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    app = QApplication(sys.argv[:1])
    install_translations(app, args.lang)
    for path in args.catalogue:
        extra = QTranslator(app)
        if not extra.load(str(path)):
            parser.error(f"cannot load {path}")
        app.installTranslator(extra)
    app.setStyle("Fusion")
    app.setStyleSheet("\n".join((ROOT / "resources" / "style" / name).read_text(encoding="utf-8")
                                for name in STYLES if (ROOT / "resources" / "style" / name).exists()))
    for path in render(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
