"""Each reject code of the fund gives a cause and a fix; an unknown one says so and quotes the back office."""

from __future__ import annotations

import pytest

from desktop_app.reject_codes import REJECT_CODES, reject_advice
from sync.backoffice.seed import REJECT_CODES as SEEDED


def test_every_code_the_back_office_sends_has_a_cause_and_a_fix():
    assert set(SEEDED) <= set(REJECT_CODES)
    for code in SEEDED:
        advice = reject_advice(code, SEEDED[code])
        assert advice.known and advice.code == code
        assert advice.cause.endswith(".") and advice.fix.endswith(".") and advice.cause != advice.fix


def test_a_code_is_read_whatever_its_case_and_spaces():
    assert reject_advice(" a081 ", None) == reject_advice("A081", "autre libellé")
    assert "rights" in reject_advice("A081", None).cause


def test_an_unknown_code_says_so_and_shows_the_back_offices_label():
    advice = reject_advice("Z999", "  Prescripteur inconnu du répertoire.  ")
    assert not advice.known and advice.code == "Z999"
    assert "Z999" in advice.cause and "does not know" in advice.cause
    assert advice.fix == "The health insurance says: « Prescripteur inconnu du répertoire. »"


@pytest.mark.parametrize("code, label", [("Z999", None), ("Z999", "  "), (None, None), ("", "")])
def test_without_a_label_the_fix_points_to_the_fund(code, label):
    advice = reject_advice(code, label)
    assert not advice.known and "Contact" in advice.fix
    assert ("no reject code" in advice.cause) == (not code)
