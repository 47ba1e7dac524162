"""The Patients section's rules, without Qt: a NIR checked as it is typed, and who may see a patient's
reimbursement history.

The NIR's key is :func:`cardreader.identifiers.nir_key`'s (97 − number mod 97, 2A → 19 and 2B → 18 for
Corsica): the same check the card layer makes on the carte Vitale, not a second one.

The history's rules are the back office's (``GET /v1/patients/{nir}/history``), said before asking:
a doctor's card (CPS or CPF) session only, the patient's carte Vitale in a reader, his consent ticked.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from cardreader.identifiers import nir_key

__all__ = ["HistoryBlock", "NirEntry", "NirProblem", "check_typed_nir", "history_block"]

_LENGTH = 15
_DEPARTMENT = slice(5, 7)  # 2A or 2B there for a person born in Corsica
_FIRST_DIGITS = frozenset("1278")  # sex: 1, 2; 7, 8 for a temporary number


class NirProblem(enum.Enum):
    """What is wrong with what was typed so far (``INCOMPLETE``: nothing wrong yet, it is not finished)."""

    INCOMPLETE = "incomplete"
    FIRST_DIGIT = "first-digit"
    CHARACTER = "character"
    TOO_LONG = "too-long"
    WRONG_KEY = "wrong-key"


@dataclass(frozen=True)
class NirEntry:
    """A typed NIR checked: ``nir`` (15 characters, no spaces, 2A/2B upper case) when it is right,
    else ``problem``."""

    nir: str | None
    problem: NirProblem | None

    @property
    def valid(self) -> bool:
        return self.nir is not None


def check_typed_nir(text: str) -> NirEntry:
    """Check ``text`` as typed so far (spaces ignored): a wrong character or first digit is said at once,
    a wrong key as soon as the 15th character is typed; an unfinished number is only ``INCOMPLETE``."""
    compact = "".join(text.split()).upper()
    if not compact:
        return NirEntry(None, NirProblem.INCOMPLETE)
    if compact[0] not in _FIRST_DIGITS:
        return NirEntry(None, NirProblem.FIRST_DIGIT)
    if any(not _allowed(position, char, compact) for position, char in enumerate(compact)):
        return NirEntry(None, NirProblem.CHARACTER)
    if len(compact) > _LENGTH:
        return NirEntry(None, NirProblem.TOO_LONG)
    if len(compact) < _LENGTH:
        return NirEntry(None, NirProblem.INCOMPLETE)
    if nir_key(compact[:13]) != int(compact[13:]):
        return NirEntry(None, NirProblem.WRONG_KEY)
    return NirEntry(compact, None)


def _allowed(position: int, char: str, compact: str) -> bool:
    """A digit anywhere; A or B only as the department's second character after a 2 (Corsica)."""
    if char.isascii() and char.isdigit():
        return True
    return position == _DEPARTMENT.stop - 1 and char in "AB" and compact[position - 1] == "2"


class HistoryBlock(enum.Enum):
    """Why the reimbursement history cannot be asked now (None from :func:`history_block`: it can)."""

    NOT_A_DOCTOR = "not-a-doctor"  # a CPE card, or an account that is no doctor's
    PASSWORD = "password"  # a doctor signed in without his card
    NO_VITALE = "no-vitale"  # the patient's carte Vitale is not in a reader (or was not read)
    NO_CONSENT = "no-consent"


def history_block(card_kind: str, by_card: bool, vitale_present: bool, consent: bool) -> HistoryBlock | None:
    """The first reason, in the order the person can act on them, why the history may not be asked:
    the session's (``card_kind`` CPS/CPF/CPE…, ``by_card``), then the patient's card, then his consent."""
    if card_kind not in ("CPS", "CPF"):
        return HistoryBlock.NOT_A_DOCTOR
    if not by_card:
        return HistoryBlock.PASSWORD
    if not vitale_present:
        return HistoryBlock.NO_VITALE
    if not consent:
        return HistoryBlock.NO_CONSENT
    return None
