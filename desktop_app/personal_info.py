"""Informations personnelles as the page shows them (no Qt): the account the back office describes
(``sync.protocol.Me``), the OPTAM contract of the activity figures, and the password's expiry of a
password session's grant, gathered into one frozen picture read on the pool.

The bank details stay masked: the back office sends the IBAN masked, and :func:`masked_iban` masks it
again (the country, its check digits and the last four characters shown), so that a back office sending
it whole would not put it on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the sync package is loaded with the first session
    from sync.protocol import Me, Optam

__all__ = ["MASK", "OptamState", "PersonalInfo", "PracticeLocation", "masked_iban", "personal_info"]

MASK = "•"
_SHOWN_HEAD, _SHOWN_TAIL = 4, 4  # FR76 … 3 123


@dataclass(frozen=True)
class PracticeLocation:
    """A situation d'exercice: where the doctor practises and the numéro AM he bills it with."""

    structure: str
    am_number: str | None
    mode: str | None  # L liberal, S salaried, R substitute


@dataclass(frozen=True)
class OptamState:
    applicable: bool  # a sector 2 doctor
    adherent: bool
    since: date | None


@dataclass(frozen=True)
class PersonalInfo:
    first_name: str
    last_name: str
    card_type: str  # CPS, CPF
    national_id: str
    rpps: str | None
    practice: str
    locations: tuple[PracticeLocation, ...]
    convention_sector: str | None  # "1", "2"; None when the back office has none
    optam: OptamState | None  # None: the activity figures (which carry it) were not read
    bank_account: str | None  # masked
    password_expires_at: datetime | None  # a password session's; None in a card session


def masked_iban(text: str) -> str:
    """``text`` with every letter and digit masked but the first four and the last four; spaces and the
    back office's own mask characters stay where they are (so its masked IBAN is shown unchanged)."""
    positions = [i for i, char in enumerate(text) if char.isalnum()]
    shown = set(positions[:_SHOWN_HEAD]) | set(positions[-_SHOWN_TAIL:] if len(positions) > _SHOWN_HEAD else [])
    return "".join(char if not char.isalnum() or i in shown else MASK for i, char in enumerate(text))


def personal_info(me: Me, optam: Optam | None, password_expires_at: datetime | None) -> PersonalInfo:
    """The page's picture of ``me``; ``optam`` from the activity figures when the session reads them."""
    return PersonalInfo(
        first_name=me.first_name, last_name=me.last_name, card_type=me.card_type, national_id=me.national_id,
        rpps=me.rpps, practice=me.practice,
        locations=tuple(PracticeLocation(s.structure, s.am_number, s.mode) for s in me.situations),
        convention_sector=me.convention_sector,
        optam=None if optam is None else OptamState(optam.applicable, optam.adherent, optam.since),
        bank_account=masked_iban(me.bank_account) if me.bank_account else None,
        password_expires_at=password_expires_at)
