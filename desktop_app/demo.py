"""``make demo``: the whole system on one machine, with no hardware and no account.

Starts the reference back office (a seeded practice, HTTPS with a demo CA, the emulators' TEST CA as
card trust anchor) and a private pcscd with the dual-slot virtual reader, then opens the window on its
lock screen with the card drawer: the emulated CPS of Dr Lefèvre-Dupré and of her partner, the
secretary's CPE, a blocked and an expired CPS, the Vitale cards, their codes in view. The Vitale is in
slot 2 from the start (``cabinet-card read --json`` shows it); slot 1 waits for a professional card.

With no display the window runs offscreen through a scripted tour (:mod:`.demo_tour`): its pictures go
to the work folder and the program ends, with status 1 if the tour did not get through.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cardreader.emulator.identities import ProfessionalProfile, Profile
from cardreader.emulator.pcscd import PrivatePcscd
from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from cardreader.emulator.vpcd import VirtualReader
from cardreader.transport import wait_for_card
from sync.backoffice.local import LocalBackoffice

from .settings import Settings
from .views.demo_panel import DemoCard

__all__ = ["drawer_cards", "main"]

log = logging.getLogger("cabinet.demo")

# The drawer, in order: spec -> label ("%1" the holder's name), translated at display time
_DRAWER = {
    "cps": QT_TRANSLATE_NOOP("Demo", "CPS — Dr %1, general practitioner"),
    "cps-2": QT_TRANSLATE_NOOP("Demo", "CPS — Dr %1, her partner"),
    "cpe": QT_TRANSLATE_NOOP("Demo", "CPE — %1, secretary"),
    "cps-blocked": QT_TRANSLATE_NOOP("Demo", "CPS — Dr %1, PIN blocked"),
    "cps-expired": QT_TRANSLATE_NOOP("Demo", "CPS — Dr %1, expired"),
    "vitale": QT_TRANSLATE_NOOP("Demo", "Carte Vitale — %1 and her children"),
    "vitale-corse": QT_TRANSLATE_NOOP("Demo", "Carte Vitale — %1"),
    "vitale-large-family": QT_TRANSLATE_NOOP("Demo", "Carte Vitale — %1 and her family"),
}


def _tr(text: str, *args: str) -> str:
    """``text`` (marked with QT_TRANSLATE_NOOP in the "Demo" context) translated, %1, %2… filled."""
    text = QCoreApplication.translate("Demo", text)
    for number, value in enumerate(args, 1):
        text = text.replace(f"%{number}", value)
    return text


def _codes(profile: Profile) -> str:
    """What to type with the card, from the emulator's own codes."""
    if not isinstance(profile, ProfessionalProfile):
        return _tr(QT_TRANSLATE_NOOP("Demo", "No code: a carte Vitale has none."))
    if profile.pin_tries_left == 0:
        return _tr(QT_TRANSLATE_NOOP("Demo", "PIN blocked: unblock it with the PUK %1, then choose a new PIN."), profile.puk)
    if profile.valid_until < date.today():
        return _tr(QT_TRANSLATE_NOOP("Demo", "Expired: the window says so and does not ask for the PIN."))
    return _tr(QT_TRANSLATE_NOOP("Demo", "PIN %1 (unblocking code, PUK: %2)"), profile.pin, profile.puk)


def drawer_cards() -> list[DemoCard]:
    """The drawer's cards, labelled with their holders' names and codes as the emulators carry them."""
    cards = []
    for spec, label in _DRAWER.items():
        profile = STOCK_CARDS[spec]
        if isinstance(profile, ProfessionalProfile):
            name = f"{profile.holder.first_name} {profile.holder.last_name}"
        else:
            name = f"{profile.beneficiaries[0].first_name} {profile.beneficiaries[0].last_name}"
        cards.append(DemoCard(spec, _tr(label, name), _codes(profile)))
    return cards


def _show_cli_reading(env: dict[str, str]) -> None:
    print("\n$ cabinet-card read --json", flush=True)
    subprocess.run([sys.executable, "-m", "cardreader.cli", "read", "--json"], env=env, check=False)
    print(flush=True)


def _run_window(reader: VirtualReader, readers: list[str], pki_dir: Path, inserted: list[str],
                tour_dir: Path, settings: Settings, *, always_tour: bool) -> int:
    """The window and its drawer; the tour into ``tour_dir`` when asked or when there is no display."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

    from .app import CabinetApp
    from .demo_tour import DemoTour
    from .i18n import install_translations
    from .style import apply_style
    from .views.demo_panel import DemoReaderPanel

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    install_translations(app, settings.lang)
    apply_style(app)
    cabinet = CabinetApp(app, settings)
    panel = DemoReaderPanel(
        [_tr(QT_TRANSLATE_NOOP("Demo", "Slot %1"), str(i + 1)) for i in range(2)],
        drawer_cards(),
        [inserted[0] or "cps", inserted[1] or "vitale"],
        insert=lambda slot, spec: reader.insert(slot, card_from_spec(spec, pki_dir)),
        pull=reader.pull,
        note=_tr(QT_TRANSLATE_NOOP("Demo", "Insert the CPS in slot 1 and type 1234: the session opens. Pull the "
                                            "card: the window locks at once. Insert the CPE or the other CPS: "
                                            "another person signs in.")),
        inserted=inserted,
    )
    dock = QDockWidget(_tr(QT_TRANSLATE_NOOP("Demo", "Card drawer")), cabinet.window)
    dock.setObjectName("demoDrawer")
    dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)  # always there: it is the demo
    dock.setTitleBarWidget(QWidget())  # the panel says what it is
    dock.setWidget(panel)
    cabinet.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    cabinet.window.resize(1840, 800)  # the window as a doctor sees it, the drawer beside it
    cabinet.start()
    status = 0
    if always_tour or app.platformName() == "offscreen":
        print(f"The scripted tour, its pictures in {tour_dir}", flush=True)

        def done(ok: bool) -> None:
            nonlocal status
            status = 0 if ok else 1
            cabinet.quit()

        tour = DemoTour(cabinet, panel, readers, tour_dir, done)
        tour.start()
    return app.exec() or status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cabinet-demo", description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(".demo"))
    parser.add_argument("--no-window", action="store_true", help="stop after the card reading")
    parser.add_argument("--cards", default=",vitale",
                        help="the two slots' cards at the start, as card specs (default: slot 1 empty, the Vitale "
                             "in slot 2)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--tour", type=Path, metavar="DIR",
                        help="run the scripted tour, its pictures in DIR, and quit (the default with no display, "
                             "DIR the work folder)")
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
            defaults = [spec.strip() for spec in (args.cards.split(",") + ["", ""])[:2]]
            for slot, spec in enumerate(defaults):
                if spec:
                    reader.insert(slot, card_from_spec(spec, pki_dir))
                    wait_for_card(pcscd.reader_names[slot], timeout=10.0)
            if any(defaults):
                _show_cli_reading(dict(os.environ))
            if args.no_window:
                return 0
            settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=workdir / "data",
                                lang=args.lang)
            tour = args.tour.resolve() if args.tour else None
            return _run_window(reader, list(pcscd.reader_names), pki_dir, defaults, tour or workdir, settings,
                               always_tour=tour is not None)


if __name__ == "__main__":
    sys.exit(main())
