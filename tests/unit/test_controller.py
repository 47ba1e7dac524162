"""The controller's pure pieces: card errors turned into the answers the sign-in expects, and the password
dialog's rules."""

from __future__ import annotations

import pytest

from cardreader import errors
from desktop_app import session as s
from desktop_app.controller import SessionController, _broken_rules
from desktop_app.views.password_dialog import Rule


_CANCELLED, _TIMED_OUT = errors.PinEntryCancelled(), errors.PinEntryTimeout()  # the pad's: said on the lock screen


@pytest.mark.parametrize(("error", "answer"), [
    (errors.PinWrong(2), s.PinRefused(7, 2)),
    (errors.PinBlocked(), s.PinBlocked(7)),
    (_CANCELLED, s.PinCancelled(7, _CANCELLED)),
    (_TIMED_OUT, s.PinCancelled(7, _TIMED_OUT)),
])
def test_pin_errors_are_the_answers_of_a_pin_check(error, answer):
    assert SessionController._card_failure(7, error) == answer


@pytest.mark.parametrize("error", [errors.CardRemoved("reader"), errors.NoCard("reader"), errors.FileMissing("ID")])
def test_other_card_errors_are_a_failed_card_with_its_error(error):
    assert SessionController._card_failure(7, error) == s.CardFailed(7, error)


def test_an_error_that_is_no_card_error_is_not_hidden():
    with pytest.raises(ZeroDivisionError):
        SessionController._card_failure(7, ZeroDivisionError())


@pytest.mark.parametrize(("identifier", "password", "broken"), [
    ("751234567", "Tilleul42", set()),
    ("dr@example.fr", "Tilleul42", {Rule.IDENTIFIER_EMAIL}),
    ("12", "Tilleul42", {Rule.IDENTIFIER_FORMAT}),
    ("751234567", "abc", {Rule.PASSWORD_LENGTH}),
    ("751234567", "été2026", {Rule.PASSWORD_CHARACTERS}),
])
def test_the_password_dialogs_rules_come_from_password_rules(identifier, password, broken):
    assert _broken_rules(identifier, password) == broken
