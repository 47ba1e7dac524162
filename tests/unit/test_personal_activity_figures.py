"""Informations personnelles and Activité without Qt: the masked IBAN, the account's picture, the activity
figures' picture (each indicator of the latest period beside its value of the period before)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desktop_app.activity_figures import activity_picture
from desktop_app.personal_info import OptamState, PracticeLocation, masked_iban, personal_info
from sync.protocol import Activity, Me, Optam
from sync.protocol.auth import Situation

MASKED = "FR76 •••• •••• •••• •••• •••3 123"  # as the back office sends it


@pytest.mark.parametrize(("sent", "shown"), [
    (MASKED, MASKED),  # already masked: shown as sent
    ("FR76 3000 6000 0112 3456 7890 189", "FR76 •••• •••• •••• •••• •••0 189"),  # whole: masked here
    ("FR7630006000011234567890189", "FR76•••••••••••••••••••0189"),
    ("FR76", "FR76"),
    ("", ""),
])
def test_an_iban_shows_its_country_its_check_digits_and_its_last_four_characters_only(sent, shown):
    assert masked_iban(sent) == shown


def me(**changes) -> Me:
    values = {"national_id": "810003456786", "rpps": "10003456786", "card_type": "CPS",
              "last_name": "Lefèvre-Dupré", "first_name": "Émilie", "practice": "Cabinet médical des Tilleuls",
              "situations": [Situation(am_number="751123456", structure="Cabinet médical des Tilleuls", mode="L"),
                             Situation(am_number=None, structure="Maison de santé du Parc", mode="R")],
              "convention_sector": "2", "bank_account": "FR76 3000 6000 0112 3456 7890 189"}
    return Me(**{**values, **changes})


def test_the_account_picture_keeps_the_situations_in_order_and_masks_the_bank_account():
    expires = datetime(2026, 5, 1, 8, tzinfo=UTC)
    info = personal_info(me(), Optam(applicable=True, adherent=True, since=date(2021, 1, 1)), expires)
    assert info.locations == (PracticeLocation("Cabinet médical des Tilleuls", "751123456", "L"),
                              PracticeLocation("Maison de santé du Parc", None, "R"))
    assert info.bank_account == "FR76 •••• •••• •••• •••• •••0 189"
    assert info.optam == OptamState(applicable=True, adherent=True, since=date(2021, 1, 1))
    assert info.password_expires_at == expires and info.convention_sector == "2"


def test_no_bank_account_and_no_activity_read_stay_unknown():
    info = personal_info(me(bank_account=None), None, None)
    assert info.bank_account is None and info.optam is None and info.password_expires_at is None


def indicator(program: str, period: str, code: str, value: float, target: float = 50.0, higher: bool = True) -> dict:
    return {"program": program, "code": code, "label": code.title(), "period": period, "value": value,
            "target": target, "unit": "%", "higher_is_better": higher,
            "reached": value >= target if higher else value <= target}


def activity(indicators: list[dict], optam: dict | None = None) -> Activity:
    families = [{"code": "consultation", "label": "Consultations"}, {"code": "visit", "label": "Visites à domicile"}]
    months = [{"month": "2025-10", "partial": False, "acts": 12, "acts_by_family": {"visit": 2, "consultation": 10},
               "fees_cents": 30000, "patients_seen": 9, "tiers_payant_share": 0.5, "treating_patients": 40},
              {"month": "2025-11", "partial": True, "acts": 3, "acts_by_family": {"consultation": 3, "visit": 0},
               "fees_cents": 7500, "patients_seen": 3, "tiers_payant_share": 0.0, "treating_patients": 41}]
    return Activity.model_validate({"professional": "810003456786", "as_of": "2025-11-24", "families": families,
                                    "months": months, "indicators": indicators,
                                    "optam": optam or {"applicable": False, "adherent": False, "since": None}})


def test_months_keep_the_families_order_and_add_up():
    picture = activity_picture(activity([]))
    assert [f.code for f in picture.families] == ["consultation", "visit"]
    assert [m.acts_by_family for m in picture.months] == [(10, 2), (3, 0)]
    assert [m.month for m in picture.months] == [date(2025, 10, 1), date(2025, 11, 1)]
    assert picture.months[-1].partial and not picture.months[0].partial
    assert (picture.total_acts, picture.total_fees_cents) == (15, 37500)
    assert picture.rosp == () and picture.optam_indicators == ()


def test_each_program_shows_its_latest_period_beside_the_one_before():
    picture = activity_picture(activity(
        [indicator("rosp", "2023", "GRIPPE", 40.0), indicator("rosp", "2023", "BENZO", 9.0, 4.0, higher=False),
         indicator("rosp", "2024", "GRIPPE", 55.0), indicator("rosp", "2024", "BENZO", 3.0, 4.0, higher=False),
         indicator("rosp", "2024", "NEW", 10.0), indicator("optam", "2024", "TAUX", 20.0, 30.0, higher=False)],
        {"applicable": True, "adherent": True, "since": "2021-01-01"}))
    assert [(i.code, i.period, i.value, i.previous_period, i.previous_value, i.reached) for i in picture.rosp] == [
        ("GRIPPE", "2024", 55.0, "2023", 40.0, True), ("BENZO", "2024", 3.0, "2023", 9.0, True),
        ("NEW", "2024", 10.0, None, None, False)]
    assert [(i.code, i.previous_period) for i in picture.optam_indicators] == [("TAUX", None)]
    assert picture.optam == OptamState(applicable=True, adherent=True, since=date(2021, 1, 1))
