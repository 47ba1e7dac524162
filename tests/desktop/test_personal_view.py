"""Informations personnelles drawn from a fixed account: identity, situations with their numéros AM, the
sector in plain words with OPTAM, the IBAN as masked, the password's expiry, the way to the sign-ins."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from activity_data import INFO
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from view_clock import MONDAY, Clock

from desktop_app.personal_info import OptamState
from desktop_app.views.personal import PersonalView


@pytest.fixture
def page(qtbot) -> PersonalView:
    view = PersonalView(Clock())
    qtbot.addWidget(view)
    view.resize(1060, 740)
    view.show()
    return view


def shown(view: PersonalView) -> str:
    return " | ".join(label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view))


def value(view: PersonalView, name: str) -> QLabel:
    return view.findChild(QLabel, name)


def test_the_account_is_shown_whole_with_its_practice_locations(page):
    page.set_info(INFO)
    text = shown(page)
    assert value(page, "identityName").text() == "Dr Émilie Lefèvre-Dupré"
    assert value(page, "identityRpps").text() == "10003456786"
    for part in ("810003456786", "General practitioner", "Cabinet médical des Tilleuls", "751123456",
                 "Maison de santé du Parc", "Liberal", "Substitute"):
        assert part in text
    assert [label.text() for label in page.findChildren(QLabel, "locationAm")] == ["751123456", "none"]


def test_the_iban_is_shown_as_the_back_office_masked_it_and_never_more(page):
    page.set_info(INFO)
    assert value(page, "bankAccount").text() == "FR76 •••• •••• •••• •••• •••3 123"
    page.set_info(replace(INFO, bank_account=None))
    assert value(page, "bankAccount") is None and "bank statement (RIB)" in shown(page)


@pytest.mark.parametrize(("sector", "optam", "says", "optam_says"), [
    ("1", None, "without extra fees", None),
    ("2", OptamState(True, True, INFO.optam.since), "You set your fees", "You joined it on 01/01/2021."),
    ("2", OptamState(True, False, None), "You set your fees", "You have not joined it."),
    (None, None, "Not stated", None),
])
def test_the_sector_is_said_in_plain_words_with_optam_for_sector_2(page, sector, optam, says, optam_says):
    page.set_info(replace(INFO, convention_sector=sector, optam=optam))
    assert says in shown(page)
    state = value(page, "optamState")
    assert (state.text() if state is not None else None) == optam_says


@pytest.mark.parametrize(("expires", "tone", "says"), [
    (MONDAY + timedelta(days=6, hours=23), "warning", "in 7 day(s): change it from a session opened with your card"),
    (MONDAY + timedelta(days=90), "ok", "valid until 22/02/2026"),
    (MONDAY - timedelta(minutes=1), "warning", "has expired"),
])
def test_a_password_session_says_when_the_password_expires(page, expires, tone, says):
    page.set_info(replace(INFO, password_expires_at=expires))
    label = value(page, "passwordExpiry")
    assert says in label.text() and label.property("tone") == tone


def test_a_card_session_says_nothing_of_a_password_and_leads_to_the_sign_ins(page, qtbot):
    page.set_info(replace(INFO, password_expires_at=None))
    assert value(page, "passwordExpiry") is None and "signed in with your card" in shown(page)
    with qtbot.waitSignal(page.logins_requested):
        qtbot.mouseClick(page.logins_button, Qt.MouseButton.LeftButton)


def test_before_the_first_sync_and_after_the_lock_nothing_of_the_account_is_left(page):
    page.set_info(None, received=False)
    assert "has not reached this workstation yet" in shown(page)
    page.set_info(INFO)
    page.clear()
    left = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "Lefèvre" not in left and "•••" not in left and "751123456" not in left
    assert not page.logins_button.isVisibleTo(page)


def test_a_store_that_cannot_be_read_is_said(page):
    page.show_read_failure()
    assert "could not be read on this workstation" in shown(page)


def test_the_same_account_after_a_sync_pass_is_not_drawn_again(page):
    page.set_info(INFO)
    name = page.findChild(QLabel, "identityName")
    page.set_info(replace(INFO))
    assert page.findChild(QLabel, "identityName") is name
    page.set_info(replace(INFO, last_name="Dupré"))
    assert value(page, "identityName").text() == "Dr Émilie Dupré"
