"""``make demo``: the whole system on one machine, with no hardware and no account.

Starts the reference back office (a seeded practice, HTTPS with a demo CA, the emulators' TEST CA as
card trust anchor), a private pcscd with the dual-slot virtual reader, inserts an emulated CPS and a Vitale card,
shows what ``cabinet-card read --json`` sees, then opens the window with a panel to insert and pull
cards. Without a display the window is rendered offscreen to ``.demo/window.png`` and closed.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from cardreader.emulator.pcscd import PrivatePcscd
from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.vpcd import VirtualReader
from cardreader.transport import wait_for_card
from sync.backoffice.local import LocalBackoffice

from .settings import Settings

__all__ = ["main"]

log = logging.getLogger("cabinet.demo")

_CARDS = {  # spec -> label, translated at display time
    "cps": QT_TRANSLATE_NOOP("Demo", "CPS — general practitioner"),
    "cpf": QT_TRANSLATE_NOOP("Demo", "CPF — intern"),
    "cpe": QT_TRANSLATE_NOOP("Demo", "CPE — secretary"),
    "vitale": QT_TRANSLATE_NOOP("Demo", "Carte Vitale — family"),
    "cps-blocked": QT_TRANSLATE_NOOP("Demo", "CPS — PIN blocked"),
    "cps-expired": QT_TRANSLATE_NOOP("Demo", "CPS — expired"),
}


def _show_cli_reading(env: dict[str, str]) -> None:
    print("\n$ cabinet-card read --json", flush=True)
    subprocess.run([sys.executable, "-m", "cardreader.cli", "read", "--json"], env=env, check=False)
    print(flush=True)


def _run_window(reader: VirtualReader, pki_dir: Path, shot: Path | None, settings: Settings) -> int:
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDockWidget

    from .app import CabinetApp
    from .i18n import install_translations
    from .style import apply_style
    from .views.demo_panel import DemoReaderPanel

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    install_translations(app, settings.lang)
    apply_style(app)
    cabinet = CabinetApp(app, settings)
    labels = {spec: QCoreApplication.translate("Demo", text) for spec, text in _CARDS.items()}
    panel = DemoReaderPanel(
        [QCoreApplication.translate("Demo", "Slot %1").replace("%1", str(i + 1)) for i in range(2)],
        labels,
        ["cps", "vitale"],
        insert=lambda slot, spec: reader.insert(slot, card_from_spec(spec, pki_dir)),
        pull=reader.pull,
        note=QCoreApplication.translate("Demo", "Every demo card's PIN is 1234; the unblocking code (PUK) is "
                                                "12345678."),
    )
    dock = QDockWidget(QCoreApplication.translate("Demo", "Demo"), cabinet.window)
    dock.setWidget(panel)
    cabinet.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    cabinet.start()
    if shot is not None or app.platformName() == "offscreen":
        shot = shot or Path(".demo/window.png")
        print(f"The window is rendered to {shot}, then closed", flush=True)

        def finish() -> None:
            cabinet.window.grab().save(str(shot))
            cabinet.quit()

        QTimer.singleShot(4000, finish)
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cabinet-demo", description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(".demo"))
    parser.add_argument("--no-window", action="store_true", help="stop after the card reading")
    parser.add_argument("--cards", default="cps,vitale", help="the two slots' cards (specs)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--screenshot", type=Path, help="render the window to this PNG and quit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    workdir = args.workdir.resolve()
    pki_dir = workdir / "test-pki"
    card_from_spec("cps", pki_dir)  # creates the test PKI whose CA the back office trusts
    backoffice = LocalBackoffice(workdir / "backoffice", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,))
    print("Starting the reference back office (seeded practice, HTTPS with the demo CA)…", flush=True)
    with backoffice, PrivatePcscd(workdir / "pcscd") as pcscd:
        print(f"Back office: {backoffice.url} (CA {backoffice.ca_certificate}, "
              f"database {backoffice.db_path})", flush=True)
        os.environ.update(pcscd.env)  # before the first PC/SC call of this process
        print(f"Virtual dual-slot reader: {', '.join(pcscd.reader_names)}", flush=True)
        with VirtualReader(pcscd.ports) as reader:
            for slot, spec in enumerate(args.cards.split(",")[:2]):
                reader.insert(slot, card_from_spec(spec, pki_dir))
            for name in pcscd.reader_names[: len(args.cards.split(","))]:
                wait_for_card(name, timeout=10.0)
            _show_cli_reading(dict(os.environ))
            if args.no_window:
                return 0
            settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=workdir / "data",
                                lang=args.lang)
            return _run_window(reader, pki_dir, args.screenshot, settings)


if __name__ == "__main__":
    sys.exit(main())
