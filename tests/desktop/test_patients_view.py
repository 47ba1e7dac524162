"""The Patients page's states: the NIR's check as it is typed, the readers, the people of a card, the
situation live and offline with its date, the history's refusals and its table."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from view_clock import MONDAY, Clock

from cardreader.vitale import Beneficiary
from desktop_app.patient_rules import HistoryBlock
from desktop_app.views.patients import PatientsView
from sync.protocol import PatientSituation
from sync.protocol.services import ReimbursementHistory

NIR = "285037511504263"


def person(first: str, quality: str, birth: str = "1985-03-14") -> Beneficiary:
    return Beneficiary("Bérard", first, birth, 1, quality, NIR, True, "01", "751", "0001",
                       "2025-01-01", "2026-12-31")


def situation(*, open_: bool = True, doctor: dict | None = None) -> PatientSituation:
    return PatientSituation.model_validate({
        "nir": NIR, "last_name": "Bérard", "first_name": "Éloïse", "birth_date": "1985-03-14", "fund": "751",
        "as_of": "2025-11-24", "rights": {"open": open_, "start": "2025-01-01", "end": "2026-12-31" if open_ else
                                          "2025-10-31"},
        "treating_doctor": doctor or {"declared": True, "is_you": True, "name": "Dr Claire Lefèvre-Dupré",
                                      "declared_on": "2019-05-02"}})


HISTORY = ReimbursementHistory.model_validate({
    "nir": NIR, "last_name": "Bérard", "first_name": "Éloïse", "birth_date": "1985-03-14", "as_of": "2025-11-24",
    "date_from": "2024-11-24", "date_to": "2025-11-24", "reimbursed_by_category": {"care": 1750, "drug": 123456},
    "items": [
        {"care_date": "2025-11-02", "category": "drug", "label": "Pharmacie", "provider": "Pharmacie du Centre",
         "billed_cents": 130000, "reimbursed_cents": 123456, "paid_on": "2025-11-05"},
        {"care_date": "2025-06-12", "category": "care", "label": "Consultation", "provider": "Dr Lefèvre-Dupré",
         "billed_cents": 3000, "reimbursed_cents": 1750, "paid_on": "2025-06-14"}]})


@pytest.fixture
def page(qtbot):
    view = PatientsView(Clock())
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    return view


def shown(view) -> str:
    return " ".join(label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view))


def test_the_nir_is_checked_as_typed_and_only_a_right_one_is_sent(page, qtbot):
    assert not page.nir_button.isEnabled()
    qtbot.keyClicks(page.nir_field, "2 85 03 75 115 042 6")
    assert not page.nir_message.isVisibleTo(page) and not page.nir_button.isEnabled()  # not finished: quiet
    qtbot.keyClicks(page.nir_field, "4")
    assert page.nir_message.isVisibleTo(page) and "key" in page.nir_message.text()
    assert not page.nir_button.isEnabled()
    with qtbot.assertNotEmitted(page.nir_submitted):
        qtbot.keyClick(page.nir_field, Qt.Key.Key_Return)
    page.nir_field.backspace()
    qtbot.keyClicks(page.nir_field, "3")
    assert not page.nir_message.isVisibleTo(page) and page.nir_button.isEnabled()
    with qtbot.waitSignal(page.nir_submitted) as sent:
        qtbot.keyClick(page.nir_field, Qt.Key.Key_Return)
    assert sent.args == [NIR]
    page.nir_field.setText("2850375x")
    assert "digits" in page.nir_message.text()


def test_readers_with_a_vitale_each_have_a_read_button_and_none_says_what_to_do(page, qtbot):
    page.set_vitale_readers([])
    assert "No carte Vitale in the readers" in shown(page)
    page.set_vitale_readers(["Virtual PCD 00 01"])
    qtbot.waitUntil(lambda: "« Virtual PCD 00 01 »" in shown(page))
    assert "No carte Vitale" not in shown(page)
    with qtbot.waitSignal(page.read_requested) as asked:
        page.read_buttons["Virtual PCD 00 01"].click()
    assert asked.args == ["Virtual PCD 00 01"]


def test_several_people_on_a_card_are_offered_and_one_chosen(page, qtbot):
    page.set_beneficiaries([person("Éloïse", "00")])
    assert not page.beneficiary_buttons  # one person: nothing to choose
    page.set_beneficiaries([person("Éloïse", "00"), person("Gaël", "06", "2016-06-21")])
    assert [b.text() for b in page.beneficiary_buttons] == ["Éloïse Bérard, born on 14/03/1985 (insured)",
                                                            "Gaël Bérard, born on 21/06/2016 (child)"]
    with qtbot.waitSignal(page.beneficiary_chosen) as chosen:
        page.beneficiary_buttons[1].click()
    assert chosen.args == [1] and page.beneficiary_buttons[1].isChecked()


def test_the_situation_live_then_offline_with_its_date(page):
    page.show_situation(situation(), MONDAY - timedelta(minutes=2), True)
    text = shown(page)
    assert "Éloïse Bérard" in text and "2 85 03 75 115 042 63" in text and "Born on 14/03/1985" in text
    assert "Rights open, from 01/01/2025 to 31/12/2026." in text
    assert "You are his médecin traitant, declared on 02/05/2019." in text
    assert "Situation read from the health insurance on 24/11 at 10 h 12." in text
    page.show_situation(situation(open_=False, doctor={"declared": False, "is_you": False, "name": None,
                                                       "declared_on": None}),
                        datetime(2025, 11, 21, 8, 12, tzinfo=MONDAY.tzinfo), False, person("Gaël", "06", "2016-06-21"))
    text = shown(page)
    assert "Gaël Bérard, on the card of Éloïse Bérard" in text and "Born on 21/06/2016" in text
    assert "Rights closed: they ended on 31/10/2025." in text and "No médecin traitant declared." in text
    assert "Situation read on 21/11 at 8 h 12, offline" in text


def test_the_history_says_why_not_then_shows_the_year_and_goes(page, qtbot):
    page.show_situation(situation(), MONDAY, True)
    page.set_history_block(HistoryBlock.NOT_A_DOCTOR)
    assert "shown only to the doctor" in shown(page) and not page.history_button.isEnabled()
    assert not page.consent.isEnabled()
    page.set_history_block(HistoryBlock.PASSWORD)
    assert "password is not enough" in shown(page) and not page.consent.isEnabled()
    page.set_history_block(HistoryBlock.NO_CONSENT)
    assert page.consent.isEnabled() and not page.history_button.isEnabled()
    with qtbot.waitSignal(page.consent_changed) as ticked:
        page.consent.click()
    assert ticked.args == [True]
    page.set_history_block(None)
    assert page.history_button.isEnabled() and not page.findChild(QLabel, "historyReason").isVisibleTo(page)
    page.show_history(HISTORY)
    assert page.history_rows() == 2
    assert page.history_table.item(0, 0).text() == "02/11/2025" and page.history_table.item(0, 1).text() == "Drugs"
    assert page.history_table.item(0, 4).text() == "1\u202f234,56\u00a0€"
    assert "From 24/11/2024 to 24/11/2025: 2 reimbursement(s)." in shown(page)
    assert "Care 17,50\u00a0€" in shown(page)
    page.clear_history()
    assert page.history_rows() == 0 and "Pharmacie" not in shown(page)


def test_clear_leaves_nothing_of_the_patient(page, qtbot):
    qtbot.keyClicks(page.nir_field, NIR)
    page.set_beneficiaries([person("Éloïse", "00"), person("Gaël", "06")])
    page.show_situation(situation(), MONDAY, True)
    page.show_history(HISTORY)
    page.clear()
    text = shown(page)
    assert "Bérard" not in text and "Pharmacie" not in text and page.nir_field.text() == ""
    assert page.history_rows() == 0 and not page.consent.isChecked()
