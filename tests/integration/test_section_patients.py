"""Patients end to end: the doctor signed in with the emulated CPS, the patient's emulated carte Vitale in
the other slot of the dual-slot virtual reader, the real back office over HTTPS on loopback. The situation
shown is the back office's (read from its database here), a NIR with a wrong key is refused as typed, the
history needs the consent and the card (and is refused to a CPE and to a password session), and offline
the last situation read is shown with its date."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_account_pages import choose_password, sign_in_with_password
from test_sign_in import WAIT
from test_window import sign_in, start_cabinet  # noqa: F401 (the fixture)

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS
from desktop_app.app import CabinetApp
from desktop_app.formatting import french_date
from desktop_app.presenters.patients import PatientsPresenter
from desktop_app.sections import Section
from sync.backoffice.dates import year_before
from sync.backoffice.local import LocalBackoffice

pytestmark = pytest.mark.pcsc

AM_NUMBER = "751123456"  # the stock GP's, her password account's identifier


def patients(cabinet: CabinetApp) -> PatientsPresenter:
    presenter = cabinet.controller.sections.presenters[Section.PATIENTS]
    assert isinstance(presenter, PatientsPresenter)
    return presenter


def shown(cabinet: CabinetApp) -> str:
    view = patients(cabinet).view
    return " ".join(label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view))


def open_patients(qtbot, cabinet: CabinetApp) -> None:
    assert cabinet.window.shell.show_section(Section.PATIENTS)
    qtbot.waitUntil(lambda: patients(cabinet).session is not None, timeout=WAIT)


def expected_situation(db_path, nir: str) -> list[str]:
    """The sentences the page must show for this patient, from the back office's own rows."""
    with sqlite3.connect(db_path) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT p.*, d.first_name AS doctor_first, d.last_name AS doctor_last, "
                         "d.am_number = ? AS is_you FROM patients p "
                         "LEFT JOIN professionals d ON d.id = p.treating_doctor_id "
                         "WHERE p.practice_id = 1 AND p.nir = ?", (AM_NUMBER, nir)).fetchone()
    today = date.today().isoformat()
    rights_open = bool(row["rights_open"]) and (row["rights_start"] or "") <= today <= (row["rights_end"] or "9")
    lines = [f"{row['first_name']} {row['last_name']}"]
    if rights_open:
        lines.append(f"Rights open, from {french_date(row['rights_start'])} to {french_date(row['rights_end'])}.")
    else:
        lines.append("Rights closed")
    if row["treating_doctor_id"] is None and row["treating_doctor_name"] is None:
        lines.append("No médecin traitant declared.")
    elif row["is_you"]:
        lines.append(f"You are his médecin traitant, declared on {french_date(row['treating_declared_on'])}.")
    else:
        name = row["treating_doctor_name"] or f"Dr {row['doctor_first']} {row['doctor_last']}"
        lines.append(f"Médecin traitant: {name}, declared on {french_date(row['treating_declared_on'])}.")
    return lines


def history_count(db_path, nir: str) -> int:
    today = date.today()
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT count(*) FROM reimbursements WHERE practice_id = 1 AND patient_nir = ? "
                          "AND care_date BETWEEN ? AND ?", (nir, year_before(today).isoformat(),
                                                            today.isoformat())).fetchone()[0]


def test_the_vitale_in_the_other_slot_shows_the_chosen_persons_situation_and_the_history_with_consent_only(
        qtbot, start_cabinet, insert, virtual_reader, backoffice, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    open_patients(qtbot, cabinet)
    view = patients(cabinet).view
    assert "No carte Vitale in the readers" in shown(cabinet)

    reader, _ = insert("vitale", slot=1)  # read at once: the card carries three people
    family = STOCK_CARDS["vitale"]
    qtbot.waitUntil(lambda: len(view.beneficiary_buttons) == 3, timeout=WAIT)
    assert [b.text().split(",")[0] for b in view.beneficiary_buttons] == \
        [f"{p.first_name} {p.last_name}" for p in family.beneficiaries]
    qtbot.mouseClick(view.beneficiary_buttons[2], Qt.MouseButton.LeftButton)  # Gaël, on his mother's NIR
    nir = family.beneficiaries[2].full_nir
    qtbot.waitUntil(lambda: view.read_at.isVisibleTo(view), timeout=WAIT)
    for line in expected_situation(backoffice.db_path, nir):
        assert line in shown(cabinet)
    assert "Gaël Bérard, on the card of" in shown(cabinet) and "read from the health insurance" in shown(cabinet)

    # the history: refused without the consent, shown with it, gone when the card is pulled
    assert not view.history_button.isEnabled() and "consent" in view.history_reason.text()
    view.consent.click()
    assert view.history_button.isEnabled()
    qtbot.mouseClick(view.history_button, Qt.MouseButton.LeftButton)
    expected = history_count(backoffice.db_path, nir)
    qtbot.waitUntil(lambda: view.history_totals.isVisibleTo(view), timeout=WAIT)
    assert view.history_rows() == expected > 0
    with sqlite3.connect(backoffice.db_path) as db:
        assert db.execute("SELECT vitale_serial FROM history_access_log WHERE patient_nir = ? ORDER BY id DESC",
                          (nir,)).fetchone() == (family.serial,)

    virtual_reader.pull(1)
    qtbot.waitUntil(lambda: view.history_rows() == 0 and not view.history_button.isEnabled(), timeout=WAIT)
    assert "Insert the patient's carte Vitale" in view.history_reason.text()
    assert reader not in view.read_buttons and not view.beneficiary_buttons
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    assert "/patients/" in logged  # the requests were logged, masked:
    assert nir[:13] not in logged and "Bérard" not in logged and family.serial not in logged


def test_a_typed_nir_with_a_wrong_key_is_refused_as_typed_and_the_history_needs_the_patients_own_card(
        qtbot, start_cabinet, insert, backoffice):  # noqa: F811
    with sqlite3.connect(backoffice.db_path) as db:
        nir, = db.execute("SELECT nir FROM patients WHERE practice_id = 1 AND nir NOT LIKE '2850375115042%' "
                          "ORDER BY id LIMIT 1").fetchone()
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    open_patients(qtbot, cabinet)
    view = patients(cabinet).view
    wrong = nir[:13] + f"{(int(nir[13:]) % 97) + 1:02d}"
    qtbot.keyClicks(view.nir_field, wrong)
    assert "does not match" in view.nir_message.text() and view.nir_message.isVisibleTo(view)
    assert not view.nir_button.isEnabled()
    qtbot.keyClick(view.nir_field, Qt.Key.Key_Return)
    assert not view.situation_status.isVisibleTo(view) and not view.read_at.isVisibleTo(view)  # nothing asked

    view.nir_field.clear()
    qtbot.keyClicks(view.nir_field, nir)
    assert not view.nir_message.isVisibleTo(view)
    qtbot.keyClick(view.nir_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.read_at.isVisibleTo(view), timeout=WAIT)
    for line in expected_situation(backoffice.db_path, nir):
        assert line in shown(cabinet)
    view.consent.click()  # no Vitale in a reader: still refused, and says why
    assert not view.history_button.isEnabled() and "Insert the patient's carte Vitale" in view.history_reason.text()

    insert("vitale", slot=1)  # another family's card: its people are offered, this patient stays shown
    qtbot.waitUntil(lambda: len(view.beneficiary_buttons) == 3 and view.history_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(view.history_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.history_error.isVisibleTo(view), timeout=WAIT)
    assert "not this patient's" in view.history_error.text() and view.history_rows() == 0
    with sqlite3.connect(backoffice.db_path) as db:  # never asked: the card was checked first
        assert db.execute("SELECT count(*) FROM history_access_log WHERE patient_nir = ?", (nir,)).fetchone() == (0,)


def test_a_cpe_never_sees_the_patients(qtbot, start_cabinet, insert):  # noqa: F811
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert, "cpe", "Marchand-Girard")
    insert("vitale", slot=1)
    assert Section.PATIENTS not in cabinet.window.shell.visible_sections()
    assert not cabinet.window.shell.show_section(Section.PATIENTS)
    presenter = patients(cabinet)
    assert presenter.session is None  # never opened: it reads nothing, not even the Vitale inserted
    qtbot.waitUntil(lambda: bool(presenter.view.read_buttons), timeout=WAIT)
    assert not presenter.view.beneficiary_buttons and "Bérard" not in shown(cabinet)


@pytest.fixture
def own_backoffice(tmp_path, pki_dir) -> Iterator[LocalBackoffice]:
    """A back office of this test's own: it is stopped, and its doctor's password changes."""
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as running:
        yield running


def test_offline_the_last_situation_read_is_shown_with_its_date(
        qtbot, start_cabinet, insert, own_backoffice):  # noqa: F811
    with sqlite3.connect(own_backoffice.db_path) as db:
        first, second = (nir for nir, in db.execute("SELECT nir FROM patients WHERE practice_id = 1 "
                                                     "ORDER BY id LIMIT 2"))
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate)
    sign_in(qtbot, cabinet, insert)
    open_patients(qtbot, cabinet)
    view = patients(cabinet).view
    qtbot.keyClicks(view.nir_field, first)
    qtbot.keyClick(view.nir_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "read from the health insurance" in view.read_at.text(), timeout=WAIT)
    live = shown(cabinet)
    when = view.read_at.text().removeprefix("Situation read from the health insurance ").removesuffix(".")

    own_backoffice.stop()
    view.nir_field.clear()
    qtbot.keyClicks(view.nir_field, second)  # never read: nothing to show, and the page says so
    qtbot.keyClick(view.nir_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.situation_error.isVisibleTo(view), timeout=WAIT)
    assert not view.read_at.isVisibleTo(view)

    view.nir_field.clear()
    qtbot.keyClicks(view.nir_field, first)
    qtbot.keyClick(view.nir_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "offline" in view.read_at.text(), timeout=WAIT)
    assert view.read_at.text().startswith(f"Situation read {when}, offline")
    for line in expected_situation(own_backoffice.db_path, first):
        assert line in shown(cabinet) and line in live


def test_a_password_session_is_refused_the_history_and_told_why(
        qtbot, start_cabinet, insert, virtual_reader, own_backoffice):  # noqa: F811
    cabinet = start_cabinet(backoffice=own_backoffice.url, ca=own_backoffice.ca_certificate)
    sign_in(qtbot, cabinet, insert)
    choose_password(qtbot, cabinet, "Tilleul42")
    virtual_reader.pull(0)
    qtbot.waitUntil(cabinet.window.locked, timeout=WAIT)
    sign_in_with_password(qtbot, cabinet, AM_NUMBER, "Tilleul42")
    qtbot.waitUntil(lambda: not cabinet.window.locked(), timeout=WAIT)
    open_patients(qtbot, cabinet)
    view = patients(cabinet).view
    insert("vitale-corse", slot=1)
    qtbot.waitUntil(lambda: view.read_at.isVisibleTo(view), timeout=WAIT)  # one person: looked up at once
    assert "Paoli" in shown(cabinet)
    assert not view.history_button.isEnabled() and not view.consent.isEnabled()
    assert "a session opened with the password is not enough" in view.history_reason.text()
