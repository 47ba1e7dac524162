"""The password fallback's checks as typed (desktop_app/password_rules.py), against the back office's rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.password_rules import (IdentifierProblem, PasswordRule, RuleState, days_before_expiry,
                                        identifier_problem, new_password_acceptable, new_password_rules,
                                        normalized_identifier, password_session_left)
from sync.backoffice.auth import PASSWORD_RULE, PASSWORD_VALIDITY
from sync.backoffice.config import BackofficeConfig

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["751234567", "2A0012345", "2b0012345", " 75 123 4567 "])
def test_a_numero_am_or_a_finess_number_is_taken(text):
    assert identifier_problem(text) is None


@pytest.mark.parametrize(("text", "problem"), [
    ("", IdentifierProblem.EMPTY), ("   ", IdentifierProblem.EMPTY),
    ("dr.lefevre@example.fr", IdentifierProblem.EMAIL),
    ("75123456", IdentifierProblem.FORMAT), ("7512345678", IdentifierProblem.FORMAT),
    ("2C0012345", IdentifierProblem.FORMAT), ("75A234567", IdentifierProblem.FORMAT),
    ("７５１２３４５６７", IdentifierProblem.FORMAT),  # full-width digits: not what the back office knows
])
def test_anything_else_is_refused_with_its_reason(text, problem):
    assert identifier_problem(text) is problem


def test_the_e_mail_refusal_is_the_back_offices_own_problem_type():
    assert IdentifierProblem.EMAIL == "email-identifier-refused"


def test_the_identifier_is_sent_as_the_back_office_knows_it():
    assert normalized_identifier(" 2a 001 2345\t") == "2A0012345"


@pytest.mark.parametrize("password", ["abc123", "ABCdef123", "a1b2c3d4e5f6g", "123456"])
def test_a_new_password_of_6_to_13_letters_or_digits_meets_every_rule_checked_here(password):
    assert new_password_rules(password, password) == (
        RuleState(PasswordRule.LENGTH, True), RuleState(PasswordRule.CHARACTERS, True),
        RuleState(PasswordRule.CONFIRMED, True), RuleState(PasswordRule.NOT_RECENT, None))
    assert new_password_acceptable(password, password)
    assert PASSWORD_RULE.fullmatch(password)  # and the back office agrees


@pytest.mark.parametrize(("password", "confirmation", "unmet"), [
    ("abc12", "abc12", {PasswordRule.LENGTH}),
    ("a1b2c3d4e5f6g7", "a1b2c3d4e5f6g7", {PasswordRule.LENGTH}),
    ("abc 123", "abc 123", {PasswordRule.CHARACTERS}),
    ("été2025", "été2025", {PasswordRule.CHARACTERS}),
    ("abc-12", "abc-12", {PasswordRule.CHARACTERS}),
    ("abc123", "abc124", {PasswordRule.CONFIRMED}),
    ("", "", {PasswordRule.LENGTH, PasswordRule.CONFIRMED}),
])
def test_each_rule_not_met_is_shown_as_it_is_typed(password, confirmation, unmet):
    states = new_password_rules(password, confirmation)
    assert {state.rule for state in states if state.met is False} == unmet
    assert not new_password_acceptable(password, confirmation)
    if PasswordRule.CONFIRMED not in unmet:
        assert not PASSWORD_RULE.fullmatch(password)  # the back office refuses it too


def test_not_one_of_the_last_five_is_shown_and_left_to_the_back_office():
    assert RuleState(PasswordRule.NOT_RECENT, None) in new_password_rules("abc123", "abc123")


@pytest.mark.parametrize(("age", "days"), [
    (timedelta(days=100), None),
    (timedelta(days=168) - timedelta(seconds=1), None),  # 15 days and a second left
    (timedelta(days=168), 15),
    (timedelta(days=182, hours=12), 1),
    (timedelta(days=183) - timedelta(seconds=1), 1),
    (timedelta(days=183), None),  # expired: the back office asks for a new one at sign-in
])
def test_the_expiry_is_announced_15_days_ahead(age, days):
    assert days_before_expiry(NOW - age, NOW) == days


def test_the_validity_is_the_back_offices():
    assert days_before_expiry(NOW - timedelta(seconds=PASSWORD_VALIDITY) + timedelta(days=1), NOW) == 1


@pytest.mark.parametrize(("started", "active", "left"), [
    (timedelta(minutes=10), timedelta(minutes=0), timedelta(minutes=60)),  # idle rules
    (timedelta(minutes=10), timedelta(minutes=45), timedelta(minutes=15)),
    (timedelta(hours=3, minutes=50), timedelta(minutes=1), timedelta(minutes=10)),  # the 4 hours rule
    (timedelta(hours=4, minutes=1), timedelta(minutes=0), timedelta(0)),
    (timedelta(hours=2), timedelta(hours=1, minutes=1), timedelta(0)),
])
def test_a_password_session_lasts_an_hour_idle_and_four_hours_in_all(started, active, left):
    assert password_session_left(NOW - started, NOW - active, NOW) == left


def test_the_session_limits_are_the_back_offices(tmp_path):
    config = BackofficeConfig(db_path=tmp_path / "db.sqlite")
    assert password_session_left(NOW, NOW, NOW) == timedelta(
        seconds=min(config.password_idle_limit, config.password_total_limit))
    assert password_session_left(NOW, NOW + timedelta(hours=10), NOW) == timedelta(
        seconds=config.password_total_limit)
