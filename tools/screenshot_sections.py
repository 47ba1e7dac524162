"""Render every section of the signed-in window to ``docs/screenshots/section-<name>.png`` (offscreen,
French by default), on the large practice.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_sections.py [--out DIR] [--lang fr|en] [--patients N]

Nothing is made up: the reference back office runs on loopback with a seeded practice (5,000 patients
over 27 months by default, the benchmarks' large practice), the private pcscd with the dual-slot virtual
reader; the doctor's CPS is inserted and its PIN typed, a carte Vitale put in the other slot, and each
section shows what the engine synced. Run ``make install`` first (the French catalogue).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))  # scan_pdf: the scans the SCOR tests send

from PySide6.QtWidgets import QApplication  # noqa: E402
from scan_pdf import scan  # noqa: E402
from screenshot_window import SIZE, Drive, shot, until  # noqa: E402

from cardreader.emulator.pcscd import PrivatePcscd  # noqa: E402
from cardreader.emulator.pki import TestPki  # noqa: E402
from cardreader.emulator.profiles import card_from_spec  # noqa: E402
from cardreader.emulator.vpcd import VirtualReader  # noqa: E402
from desktop_app.app import CabinetApp  # noqa: E402
from desktop_app.i18n import install_translations  # noqa: E402
from desktop_app.sections import Section  # noqa: E402
from desktop_app.settings import Settings  # noqa: E402
from desktop_app.style import apply_style  # noqa: E402
from sync.backoffice.ids import nir_key  # noqa: E402
from sync.backoffice.local import LocalBackoffice  # noqa: E402

SETTLE = 1.5  # seconds a section is given to read and paint what it shows


def pause(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    until(lambda: time.monotonic() > deadline, "a pause")


def queue_scans(cabinet: CabinetApp) -> None:
    """Three care sheets in the session's SCOR queue: two sent at once (one the fund refuses: scanned at
    150 dpi), one left waiting."""
    base = "2850375115042"
    nir = base + f"{nir_key(base):02d}"
    queue = cabinet.controller.sections.presenters[Section.DOCUMENTS].session.documents
    for number, dpi in ((101, 300), (102, 150)):
        queue.add(scan(dpi=dpi), pages=1, invoice={"batch": "012", "number": f"{number:09d}", "nir": nir,
                                                   "date": "2026-03-02"})
    cabinet.window.status.sync_requested.emit()
    pause(3 * SETTLE)
    queue.add(scan(), pages=1, invoice={"batch": "013", "number": f"{103:09d}", "nir": nir, "date": "2026-03-09"})
    cabinet.controller.sections.presenters[Section.DOCUMENTS].reload()  # as the capture will, once it exists


def render(out: Path, workdir: Path, lang: str, patients: int) -> list[Path]:
    app = QApplication(sys.argv[:1])
    install_translations(app, lang)
    apply_style(app)
    pki_dir = workdir / "test-pki"
    card_from_spec("cps", pki_dir)
    backoffice = LocalBackoffice(workdir / "backoffice", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                                 patients=patients, months=27)
    shots: list[Path] = []
    with backoffice, PrivatePcscd(workdir / "pcscd") as pcscd:
        os.environ.update(pcscd.env)
        with VirtualReader(pcscd.ports) as reader:
            drive = Drive(reader, list(pcscd.reader_names), pki_dir)
            settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=workdir / "data",
                                workstation="ACCUEIL-1", lang=lang, sync_interval_seconds=3600)
            cabinet = CabinetApp(app, settings)
            cabinet.window.resize(*SIZE)
            cabinet.start()
            until(lambda: cabinet.window.isVisible() and cabinet.window.locked(), "the lock screen")
            drive.insert(0, "cps")
            drive.type_pin(cabinet)
            drive.synced(cabinet, "Lefèvre-Dupré")
            drive.insert(1, "vitale")
            shell = cabinet.window.shell
            for section in shell.visible_sections():
                if section in (Section.HOME, Section.LOGINS, Section.DELEGATIONS):
                    continue  # screenshot_window.py's
                shell.show_section(section)
                pause(SETTLE)
                if section is Section.DOCUMENTS:
                    queue_scans(cabinet)
                    pause(SETTLE)
                if section is Section.PATIENTS:  # the first person on the Vitale, with the history consented
                    patients = cabinet.controller.sections.presenters[Section.PATIENTS].view
                    patients.beneficiary_chosen.emit(0)
                    pause(SETTLE)
                    patients.consent.setChecked(True)
                    patients.history_requested.emit()
                    pause(SETTLE)
                shots.append(shot(cabinet, out / f"section-{section.value}.png"))
            cabinet.stop()
            cabinet.window.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--patients", type=int, default=5000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cabinet-section-shots-"))
    render(args.out, workdir.resolve(), args.lang, args.patients)
    return 0


if __name__ == "__main__":
    sys.exit(main())
