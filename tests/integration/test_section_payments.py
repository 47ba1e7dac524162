"""Paiements end to end: signed in with the emulated CPS against the real back office on loopback, the
rows and the total shown are the doctor's payments in the back office's database (counted here with
sqlite3), a search by name, NIR, invoice and batch narrows to what the database holds, and the CSV
exported holds the rows shown, as a French spreadsheet reads them."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet, synced  # noqa: F401 (a fixture)

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from desktop_app.formatting import euros, french_number
from desktop_app.payment_search import SHOWN_MONTHS, months_back
from desktop_app.sections import Section
from desktop_app.views.payments import PaymentsPage
from sync.backoffice.local import LocalBackoffice
from sync.protocol.search import fold

pytestmark = pytest.mark.pcsc


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir) -> Iterator[LocalBackoffice]:
    """A practice large enough for searches to narrow (this module's own back office)."""
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=200, months=3) as running:
        yield running


def doctor_payments(backoffice: LocalBackoffice) -> list[sqlite3.Row]:
    """The emulated CPS's doctor's payments of the section's 27 months, as the back office holds them."""
    with sqlite3.connect(backoffice.db_path) as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT payments.* FROM payments JOIN professionals p ON p.id = payments.professional_id "
                          "WHERE p.national_id = ? AND paid_on >= ?",
                          (STOCK_CARDS["cps"].holder.national_id,
                           months_back(date.today(), SHOWN_MONTHS).isoformat())).fetchall()


def totals_text(rows: list[sqlite3.Row]) -> str:
    return french_number(len(rows)) + " payment(s) — " + euros(sum(r["amount_cents"] for r in rows))


def shows(page: PaymentsPage, rows: list[sqlite3.Row]) -> bool:
    model = page.table.model()
    return model.loaded and model.rowCount() == len(rows) and page.totals.text() == totals_text(rows)


def search(qtbot, page: PaymentsPage, field, text: str, rows: list[sqlite3.Row]) -> None:
    for each in (page.patient, page.invoice, page.batch):
        each.clear()
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: shows(page, rows), timeout=WAIT)


def test_the_payments_shown_are_the_back_offices_searched_and_exported(
        qtbot, start_cabinet, insert, backoffice, tmp_path, monkeypatch):  # noqa: F811
    everything = doctor_payments(backoffice)
    tiers = [r for r in everything if r["kind"] == "tiers_payant"]
    assert len(tiers) > 20 and len(everything) > len(tiers)  # a practice with more than one kind
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    synced(qtbot, cabinet)
    shell = cabinet.window.shell
    assert shell.show_section(Section.PAYMENTS)
    page = shell.page(Section.PAYMENTS)
    assert isinstance(page, PaymentsPage)
    qtbot.waitUntil(lambda: shows(page, everything), timeout=WAIT)

    one = max(tiers, key=lambda r: (r["paid_on"], r["id"]))
    words = set(fold(one["patient_name"]).split())
    search(qtbot, page, page.patient, fold(one["patient_name"]),  # typed without accents (QTest types Latin-1 only)
           [r for r in everything if r["patient_search"] and words <= set(r["patient_search"].split())])
    nir = one["patient_nir"]
    spaced = " ".join((nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:]))
    search(qtbot, page, page.patient, spaced, [r for r in everything if r["patient_nir"] == nir])
    search(qtbot, page, page.invoice, one["invoice_number"].lstrip("0"),
           [r for r in everything if r["invoice_number"] == one["invoice_number"]])
    number = max({r["batch_number"] for r in tiers}, key=[r["batch_number"] for r in tiers].count)
    batch = [r for r in everything if r["batch_number"] == number]
    assert 1 < len(batch) < len(tiers)
    search(qtbot, page, page.batch, number.lstrip("0"), batch)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(tmp_path / "lot"), ""))
    page.export_button.click()
    qtbot.waitUntil(lambda: "exported" in page.exported.text(), timeout=WAIT)
    data = (tmp_path / "lot.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not (tmp_path / "lot.csv.part").exists()
    header, *lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert header == ["Date", "Patient", "NIR", "Kind", "Label", "Invoice", "Batch", "Payer", "Amount"]
    assert sorted(line[5] for line in lines) == sorted(r["invoice_number"] for r in batch)
    assert sum(int(line[8].replace(",", "")) for line in lines) == sum(r["amount_cents"] for r in batch)
    model = page.table.model()
    qtbot.waitUntil(lambda: all(model.record(row) for row in range(model.rowCount())), timeout=WAIT)
    assert [line[5] for line in lines] == [model.record(row).invoice_number for row in range(model.rowCount())]
    by_invoice = {r["invoice_number"]: r for r in batch}
    for line in lines:
        row = by_invoice[line[5]]
        assert line[0] == date.fromisoformat(row["paid_on"]).strftime("%d/%m/%Y") and line[1] == row["patient_name"]
        assert line[2].replace(" ", "") == row["patient_nir"] and line[6] == row["batch_number"]
