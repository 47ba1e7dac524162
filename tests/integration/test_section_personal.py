"""Informations personnelles end to end: what the page shows of the signed-in doctor equals the back
office's database (read here with sqlite3), the IBAN as masked there, the password's expiry of a password
session, the way to "Recent sign-ins", and nothing of it for the secretary's CPE. Emulated cards in the
private pcscd's virtual reader, the real back office over HTTPS on loopback."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_sign_in import WAIT, enrol, holder, sign_in_with_a_first_login_code
from test_window import sign_in, start_cabinet  # noqa: F401 (a fixture)

from cardreader.emulator.pki import TestPki
from desktop_app.app import CabinetApp
from desktop_app.password_rules import PASSWORD_VALIDITY
from desktop_app.sections import Section
from desktop_app.views.personal import PersonalView
from sync.backoffice.local import LocalBackoffice

pytestmark = pytest.mark.pcsc

AM_NUMBER = "751123456"  # the emulated CPS's doctor's, in the seeded practice


def account(backoffice: LocalBackoffice, am_number: str) -> tuple[sqlite3.Row, list[sqlite3.Row], sqlite3.Row | None]:
    """The doctor's row (with his practice's name), his situations and his OPTAM contract, from the database."""
    with sqlite3.connect(backoffice.db_path) as db:
        db.row_factory = sqlite3.Row
        me = db.execute("SELECT p.*, s.name AS practice_name FROM professionals p JOIN practices s "
                        "ON s.id = p.practice_id WHERE p.am_number = ?", (am_number,)).fetchone()
        situations = db.execute("SELECT * FROM situations WHERE professional_id = ? ORDER BY id", (me["id"],)).fetchall()
        optam = db.execute("SELECT * FROM optam_contracts WHERE professional_id = ?", (me["id"],)).fetchone()
    return me, situations, optam


def page_of(cabinet: CabinetApp) -> PersonalView:
    page = cabinet.window.shell.page(Section.PERSONAL)
    assert isinstance(page, PersonalView)
    return page


def text(page: PersonalView, name: str) -> str | None:
    label = page.findChild(QLabel, name)
    return None if label is None else label.text()


def test_the_doctor_sees_his_account_as_the_back_office_has_it(qtbot, start_cabinet, insert, backoffice):  # noqa: F811
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert)
    shell = cabinet.window.shell
    assert shell.show_section(Section.PERSONAL)
    page = page_of(cabinet)
    qtbot.waitUntil(lambda: page.info is not None, timeout=WAIT)
    me, situations, optam = account(backoffice, AM_NUMBER)
    assert text(page, "identityName") == f"Dr {me['first_name']} {me['last_name']}"
    assert text(page, "identityRpps") == me["national_id"][1:]
    assert [label.text() for label in page.findChildren(QLabel, "locationAm")] == [
        s["am_number"] or "none" for s in situations]
    places = [label.text() for label in page.findChildren(QLabel, "locationText")]
    assert all(s["structure_name"] in places for s in situations) and me["practice_name"] in places
    assert text(page, "sectorTitle") == f"Sector {me['convention_sector']}"
    if me["convention_sector"] == "2":
        assert ("You joined it" in text(page, "optamState")) == bool(optam["adherent"])
    assert "•" in me["iban_masked"] and text(page, "bankAccount") == me["iban_masked"]  # as masked there
    assert text(page, "passwordExpiry") is None  # a card session
    assert "Up to date" in page.freshness.text() or "Synchronizing" in page.freshness.text()

    qtbot.mouseClick(page.logins_button, Qt.MouseButton.LeftButton)
    assert shell.current_section() is Section.LOGINS


def test_the_secretarys_card_neither_sees_nor_reads_the_account_or_the_activity(qtbot, start_cabinet,  # noqa: F811
                                                                               insert):
    cabinet = start_cabinet()
    sign_in(qtbot, cabinet, insert, "cpe", "Marchand-Girard")
    shell = cabinet.window.shell
    qtbot.waitUntil(lambda: cabinet.controller._session.store is not None, timeout=WAIT)
    assert not shell.show_section(Section.PERSONAL) and not shell.show_section(Section.ACTIVITY)
    hub = cabinet.controller.sections.presenters
    assert hub[Section.PERSONAL].session is None and hub[Section.ACTIVITY].session is None  # never opened
    assert page_of(cabinet).info is None and shell.page(Section.ACTIVITY).picture is None


def test_a_password_session_says_until_when_the_password_is_valid(qtbot, start_cabinet, tmp_path,  # noqa: F811
                                                                  pki_dir):
    with LocalBackoffice(tmp_path / "bo", trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as office:
        cabinet = start_cabinet(backoffice=office.url, ca=office.ca_certificate)
        sign_in_with_a_first_login_code(qtbot, cabinet, enrol(office, "810009999991", "Remplaçant", "751999991"),
                                        "751999991")
        qtbot.waitUntil(lambda: not cabinet.window.locked() and "Remplaçant" in holder(cabinet), timeout=WAIT)
        assert cabinet.window.shell.show_section(Section.PERSONAL)
        page = page_of(cabinet)
        qtbot.waitUntil(lambda: page.info is not None, timeout=WAIT)
        me, _, _ = account(office, "751999991")
        expires = datetime.fromtimestamp(me["password_set_at"], UTC) + PASSWORD_VALIDITY
        day = expires.astimezone().strftime("%d/%m/%Y")
        assert f"valid until {day}" in text(page, "passwordExpiry")
        assert page.info.password_expires_at is not None
        assert abs(page.info.password_expires_at - expires) < timedelta(seconds=1)
