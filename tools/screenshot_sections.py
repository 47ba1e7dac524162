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
import io
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))  # scan_pdf: the scans the SCOR tests send

import pikepdf  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from awaiting_invoices import awaiting_invoice  # noqa: E402
from capture_sheets import bilevel, blank_page, care_sheet, jpeg_bytes, tiff_bytes  # noqa: E402
from scan_pdf import scan  # noqa: E402
from screenshot_window import SIZE, Drive, settle, shot, until  # noqa: E402

from cardreader.emulator.pcscd import PrivatePcscd  # noqa: E402
from cardreader.emulator.pki import TestPki  # noqa: E402
from cardreader.emulator.profiles import card_from_spec  # noqa: E402
from cardreader.emulator.vpcd import VirtualReader  # noqa: E402
from desktop_app.app import CabinetApp  # noqa: E402
from desktop_app.i18n import install_translations  # noqa: E402
from desktop_app.sections import Section  # noqa: E402
from desktop_app.settings import Settings  # noqa: E402
from desktop_app.style import apply_style  # noqa: E402
from sync.backoffice.local import LocalBackoffice  # noqa: E402

SETTLE = 1.5  # seconds a section is given to read and paint what it shows


def pause(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    until(lambda: time.monotonic() > deadline, "a pause")


def fill_documents(cabinet: CabinetApp, backoffice: LocalBackoffice, copier: Path, out: Path) -> list[Path]:
    """The secretary's morning on the Documents section, through the real capture and queue: two care
    sheets sent at once (one the fund refuses: scanned at 150 dpi), one waiting for its batch's ARL, a
    3-page TIFF (its last page blank) and a JPEG dropped by the copier, a broken PDF and a PDF running a
    script quarantined. Shots of the queue, the quarantine, the page editor and the link entry."""
    presenter = cabinet.controller.sections.presenters[Section.DOCUMENTS]
    view, queue = presenter.view, presenter.session.documents
    with sqlite3.connect(backoffice.db_path) as db:
        practice, professional = db.execute("SELECT practice_id, id FROM professionals WHERE national_id = ?",
                                            (presenter.session.user.national_id,)).fetchone()
    invoices = [awaiting_invoice(backoffice.db_path, practice, professional_id=professional) for _ in range(2)]
    queue.add(scan(), pages=1, invoice=invoices[0])
    queue.add(scan(dpi=150), pages=1, invoice=invoices[1])
    cabinet.window.status.sync_requested.emit()
    until(lambda: {row.status for row in view.model.rows()} >= {"accepted", "rejected"}, "two documents sent")
    queue.add(scan(marker="w"), pages=1,
              invoice=awaiting_invoice(backoffice.db_path, practice, professional_id=professional, arl="pending"))
    cabinet.window.status.sync_requested.emit()  # its batch's ARL is awaited: it waits
    until(lambda: bool(queue.documents("waiting_arl")), "a document waiting for its ARL")
    presenter.reload()
    sheets = [bilevel(care_sheet(200, seed=seed)) for seed in (21, 22)] + [bilevel(blank_page(200))]
    (copier / "SCN_0011.tif").write_bytes(tiff_bytes(sheets))
    (copier / "SCN_0012.jpg").write_bytes(jpeg_bytes(care_sheet(200, seed=23)))
    (copier / "SCN_0013.pdf").write_bytes(b"%PDF-1.4\n%broken" * 10)
    with pikepdf.open(io.BytesIO(scan(marker="js"))) as scripted:  # a scan that runs a script when opened
        scripted.Root.OpenAction = scripted.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
        scripted.save(copier / "SCN_0014.pdf")
    until(lambda: [row.status for row in view.model.rows()].count("draft") == 2, "two drafts from the copier")
    until(lambda: view.tabs.tabText(1).startswith("Quarantaine (2") or view.tabs.tabText(1).startswith("Quarantine (2"),
          "two files in quarantine")
    presenter.reload()
    pause(SETTLE)
    rows = view.model.rows()
    view.table.selectRow(rows.index(next(row for row in rows if row.status == "rejected")))
    view.proof_field.setText(invoices[0]["number"])
    view.proof_button.click()
    until(lambda: view.proof_result.text() != "", "the proof of sending")
    shots = [shot(cabinet, out / "section-documents.png")]
    view.tabs.setCurrentIndex(1)
    shots.append(shot(cabinet, out / "documents-quarantine.png"))
    view.tabs.setCurrentIndex(0)
    view.table.clearSelection()
    view.table.selectRow(rows.index(next(row for row in rows if row.pages == 3)))
    view.open_button.click()
    pages = presenter.pages.dialog
    until(lambda: pages.save.isEnabled(), "the page editor")
    pages.editor.select(0, 2)
    pause(SETTLE / 3)
    settle()
    pages.grab().save(str(out / "documents-pages.png"))
    shots.append(out / "documents-pages.png")
    pages.reject()
    view.table.clearSelection()
    view.table.selectRow(rows.index(next(row for row in rows if row.status == "draft" and row.pages == 1)))
    view.link_button.click()
    link = presenter.links.dialog
    until(lambda: link.picker.model.rowCount() > 0, "the invoices awaiting their care sheet")
    QTest.keyClicks(link.picker.field, link.picker.model.item(1, 0).text().split()[0])  # a patient's name
    pause(SETTLE / 2)
    settle()
    link.grab().save(str(out / "documents-link.png"))
    shots.append(out / "documents-link.png")
    link.reject()
    return shots


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
            copier = workdir / "copier"
            copier.mkdir()
            settings = Settings(backoffice=backoffice.url, ca=backoffice.ca_certificate, data_dir=workdir / "data",
                                workstation="ACCUEIL-1", lang=lang, sync_interval_seconds=3600, scan_folder=copier)
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
                    shots += fill_documents(cabinet, backoffice, copier, out)
                    continue
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
