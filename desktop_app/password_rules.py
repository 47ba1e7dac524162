"""What the password fallback checks as the person types, and the clocks it shows. Plain Python, no Qt:
every failure is a stable code that the window puts in words.

The rules are the back office's (``sync/backoffice/auth.py``, DOMAIN.md "Security rules"), repeated here
so that the dialog says them before the server refuses:

- the identifier is the numéro AM (9 digits, the department first) or the practice's FINESS number (9
  characters: the department, ``2A``/``2B`` for Corsica, then 7 digits) — never an e-mail address, which
  is refused with the back office's own problem type, ``email-identifier-refused``;
- a new password has 6 to 13 letters (unaccented) or digits; "not one of the last five" only the back
  office can check: it is shown as a rule, and its ``password-reused`` problem answers it;
- a password is valid 183 days, and its expiry is announced 15 days ahead;
- a password session ends after 1 hour idle or 4 hours in all. The back office counts idle time between
  requests, and the sync engine's requests keep it busy: the user's idle time is counted here.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["IdentifierProblem", "normalized_identifier", "identifier_problem", "PasswordRule", "RuleState",
           "new_password_rules", "new_password_acceptable", "PASSWORD_VALIDITY", "EXPIRY_WARNING",
           "days_before_expiry", "PASSWORD_IDLE_LIMIT", "PASSWORD_TOTAL_LIMIT", "password_session_left"]

_IDENTIFIER = re.compile(r"[0-9]{9}|2[AB][0-9]{7}")
_PASSWORD_CHARACTERS = re.compile(r"[A-Za-z0-9]*")  # the back office's PASSWORD_RULE, length apart
_PASSWORD_LENGTH = range(6, 14)

PASSWORD_VALIDITY = timedelta(days=183)
EXPIRY_WARNING = timedelta(days=15)
PASSWORD_IDLE_LIMIT = timedelta(hours=1)
PASSWORD_TOTAL_LIMIT = timedelta(hours=4)


class IdentifierProblem(enum.StrEnum):
    EMPTY = "identifier-empty"
    EMAIL = "email-identifier-refused"  # the back office's problem type for the same refusal
    FORMAT = "identifier-format"  # neither a numéro AM nor a FINESS number


def normalized_identifier(text: str) -> str:
    """The identifier as the back office knows it: without spaces, ``2a`` written ``2A``."""
    return "".join(text.split()).upper()


def identifier_problem(text: str) -> IdentifierProblem | None:
    identifier = normalized_identifier(text)
    if not identifier:
        return IdentifierProblem.EMPTY
    if "@" in identifier:
        return IdentifierProblem.EMAIL
    return None if _IDENTIFIER.fullmatch(identifier) else IdentifierProblem.FORMAT


class PasswordRule(enum.StrEnum):
    LENGTH = "password-length"  # 6 to 13 characters
    CHARACTERS = "password-characters"  # unaccented letters and digits only
    CONFIRMED = "password-confirmed"  # typed the same twice
    NOT_RECENT = "password-not-recent"  # not one of the last five: the back office's to check


@dataclass(frozen=True)
class RuleState:
    rule: PasswordRule
    met: bool | None  # None: only the back office can tell


def new_password_rules(password: str, confirmation: str) -> tuple[RuleState, ...]:
    """Each rule of a new password and whether what is typed meets it, in the order the dialog lists them."""
    return (RuleState(PasswordRule.LENGTH, len(password) in _PASSWORD_LENGTH),
            RuleState(PasswordRule.CHARACTERS, bool(_PASSWORD_CHARACTERS.fullmatch(password))),
            RuleState(PasswordRule.CONFIRMED, bool(password) and password == confirmation),
            RuleState(PasswordRule.NOT_RECENT, None))


def new_password_acceptable(password: str, confirmation: str) -> bool:
    """Whether the new password may be sent: every rule checked here is met."""
    return all(state.met is not False for state in new_password_rules(password, confirmation))


def days_before_expiry(password_set_at: datetime, now: datetime) -> int | None:
    """The days left (1 to 15) when the password expires within ``EXPIRY_WARNING``; None before that, and
    once it has expired (the back office then asks for a new one at sign-in)."""
    left = password_set_at + PASSWORD_VALIDITY - now
    if timedelta(0) < left <= EXPIRY_WARNING:
        return math.ceil(left / timedelta(days=1))
    return None


def password_session_left(started_at: datetime, last_activity_at: datetime, now: datetime) -> timedelta:
    """What is left of a password session: the sooner of 1 hour after the user's last activity and 4 hours
    after sign-in; zero once either has passed (then :class:`desktop_app.session.PasswordTimeUp`)."""
    end = min(last_activity_at + PASSWORD_IDLE_LIMIT, started_at + PASSWORD_TOTAL_LIMIT)
    return max(end - now, timedelta(0))
