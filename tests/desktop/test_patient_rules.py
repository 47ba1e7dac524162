"""The NIR checked as it is typed (its key, 2A/2B for Corsica) and who may see a reimbursement history."""

import pytest

from desktop_app.patient_rules import HistoryBlock, NirProblem, check_typed_nir, history_block

# keys worked out by hand: 97 − (number mod 97), 2A read as 19 and 2B as 18
PARIS = "2850375115042" + "63"  # 97 - 2850375115042 % 97 = 63
AJACCIO = "172082A004027" + "61"  # 97 - 1720819004027 % 97 = 61
BASTIA = "185052B123456" + "60"  # 97 - 1850518123456 % 97 = 60


@pytest.mark.parametrize("nir", [PARIS, AJACCIO, BASTIA])
def test_a_right_key_is_accepted_spaces_and_lower_case_too(nir):
    assert check_typed_nir(nir).nir == nir
    spaced = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}".lower()
    assert check_typed_nir(spaced) == check_typed_nir(nir) and check_typed_nir(spaced).valid


@pytest.mark.parametrize("nir", [PARIS[:13] + "64", AJACCIO[:13] + "60", BASTIA[:13] + "61",
                                 AJACCIO.replace("2A", "2B"), BASTIA.replace("2B", "20")])
def test_a_wrong_key_is_said_once_the_fifteenth_character_is_typed(nir):
    assert check_typed_nir(nir[:14]).problem is NirProblem.INCOMPLETE
    assert check_typed_nir(nir) == check_typed_nir(nir).__class__(None, NirProblem.WRONG_KEY)


def test_what_cannot_be_a_nir_is_said_as_soon_as_it_is_typed():
    assert check_typed_nir("").problem is NirProblem.INCOMPLETE
    assert check_typed_nir("2 85").problem is NirProblem.INCOMPLETE
    assert check_typed_nir("5").problem is NirProblem.FIRST_DIGIT
    assert check_typed_nir("28503x").problem is NirProblem.CHARACTER
    assert check_typed_nir("2850A").problem is NirProblem.CHARACTER  # A only after the department's 2
    assert check_typed_nir("28503C").problem is NirProblem.CHARACTER
    assert check_typed_nir("172082A").problem is NirProblem.INCOMPLETE
    assert check_typed_nir("172081A").problem is NirProblem.CHARACTER  # 1A is no department
    assert check_typed_nir(PARIS + "1").problem is NirProblem.TOO_LONG
    assert check_typed_nir("7" + PARIS[1:13]).problem is NirProblem.INCOMPLETE  # a temporary number


def test_the_history_is_a_doctors_with_his_card_the_vitale_and_the_consent():
    assert history_block("CPS", True, True, True) is None
    assert history_block("CPF", True, True, True) is None
    assert history_block("CPE", True, True, True) is HistoryBlock.NOT_A_DOCTOR
    assert history_block("", False, True, True) is HistoryBlock.NOT_A_DOCTOR  # an accountant's password
    assert history_block("CPS", False, True, True) is HistoryBlock.PASSWORD
    assert history_block("CPS", True, False, True) is HistoryBlock.NO_VITALE
    assert history_block("CPS", True, True, False) is HistoryBlock.NO_CONSENT
    assert history_block("CPE", False, False, False) is HistoryBlock.NOT_A_DOCTOR  # the first reason only
