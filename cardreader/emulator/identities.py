"""The identities the emulators carry, as plain data: a professional card's holder and situations, a
Vitale card's beneficiaries. No card logic here, so the emulators, the test PKI and the stock cards
all build on it without importing each other.

The check keys (NIR key, RPPS Luhn digit) are computed here rather than imported from the reader's
code on purpose: the emulators are a second, independent implementation of CARDS.md, so a mistake on
one side shows up as a disagreement in the tests instead of cancelling out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "HolderProfile",
    "SituationProfile",
    "ProfessionalProfile",
    "BeneficiaryProfile",
    "VitaleProfile",
    "Profile",
    "nir_key",
    "with_luhn",
    "card_kind",
]

_CARD_TYPES = ("CPS", "CPF", "CPE")
_NIR13 = re.compile(r"\d{5}(\d\d|2A|2B)\d{6}")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _digits(text: str, count: int) -> bool:
    return len(text) == count and text.isascii() and text.isdigit()


def nir_key(nir13: str) -> str:
    """The 2-digit key of a 13-character NIR: 97 - (NIR mod 97), Corsica 2A -> 19, 2B -> 18."""
    _require(bool(_NIR13.fullmatch(nir13)), f"not a 13-character NIR: {nir13!r}")
    number = int(nir13[:5] + {"2A": "19", "2B": "18"}.get(nir13[5:7], nir13[5:7]) + nir13[7:])
    return f"{97 - number % 97:02d}"


def with_luhn(payload: str) -> str:
    """``payload`` followed by its Luhn check digit (RPPS, SIRET)."""
    _require(payload.isascii() and payload.isdigit(), f"not digits: {payload!r}")
    total = 0
    for position, char in enumerate(reversed(payload)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return f"{payload}{(10 - total % 10) % 10}"


@dataclass(frozen=True)
class HolderProfile:
    """The holder file ``E1``: ``identifier`` is the number without the type digit."""

    card_type: str
    id_type: str
    identifier: str
    civility: str
    last_name: str
    first_name: str
    profession: str = ""
    specialty: str = ""
    employer: str = ""

    def __post_init__(self) -> None:
        _require(self.card_type in _CARD_TYPES, f"card type must be one of {_CARD_TYPES}")
        _require(_digits(self.id_type, 1), "identifier type must be one digit")
        _require(bool(self.identifier), "the national identifier is empty")

    @property
    def national_id(self) -> str:
        return self.id_type + self.identifier


@dataclass(frozen=True)
class SituationProfile:
    """One situation ``EE``; ``convention_sector`` is empty for salaried practice."""

    structure_name: str
    structure_id: str
    sector: str
    am_number: str
    mode: str
    convention_sector: str = ""


@dataclass(frozen=True)
class ProfessionalProfile:
    """A CPS, CPF or CPE card; ``pin_tries_left`` 0 is a blocked card."""

    serial: str
    valid_from: date
    valid_until: date
    holder: HolderProfile
    situations: tuple[SituationProfile, ...] = ()
    pin: str = "1234"
    puk: str = "12345678"
    pin_tries_left: int = 3

    def __post_init__(self) -> None:
        _require(_digits(self.serial, 10), "the card serial must be 10 digits")
        _require(self.valid_from <= self.valid_until, "validity ends before it starts")
        _require(len(self.situations) <= 16, "at most 16 situations (D120 to D12F)")
        _require(_digits(self.pin, 4), "the PIN must be 4 digits")
        _require(_digits(self.puk, 8), "the PUK must be 8 digits")
        _require(0 <= self.pin_tries_left <= 3, "PIN tries left must be between 0 and 3")


@dataclass(frozen=True)
class BeneficiaryProfile:
    """A person on a Vitale card; ``nir`` has 13 characters, ``nir_key`` None means computed.

    ``birth_date`` is ``YYYYMMDD`` text because the month or day may be ``00``.
    """

    last_name: str
    first_name: str
    birth_date: str
    quality: str
    nir: str
    rights_start: date
    rights_end: date
    birth_rank: int = 1
    scheme: str = "01"
    fund: str = "751"
    centre: str = "1211"
    nir_key: str | None = None

    def __post_init__(self) -> None:
        _require(bool(_NIR13.fullmatch(self.nir)), f"not a 13-character NIR: {self.nir!r}")
        _require(self.nir_key is None or _digits(self.nir_key, 2), "the NIR key must be 2 digits")
        _require(_digits(self.birth_date, 8), "the birth date must be YYYYMMDD")
        _require(_digits(self.quality, 2), "the quality must be 2 digits (00, 01, 06)")
        _require(1 <= self.birth_rank <= 9, "the birth rank must be between 1 and 9")
        _require(_digits(self.fund, 3) and _digits(self.centre, 4), "fund: 3 digits, centre: 4")

    @property
    def full_nir(self) -> str:
        """The 15 characters on the card: a deliberately wrong ``nir_key`` is kept as given."""
        return self.nir + (self.nir_key if self.nir_key is not None else nir_key(self.nir))


@dataclass(frozen=True)
class VitaleProfile:
    serial: str
    valid_from: date
    beneficiaries: tuple[BeneficiaryProfile, ...]

    def __post_init__(self) -> None:
        _require(_digits(self.serial, 10), "the card serial must be 10 digits")
        _require(bool(self.beneficiaries), "a Vitale card holds at least the insured")


Profile = ProfessionalProfile | VitaleProfile


def card_kind(profile: Profile) -> str:
    """``cps``, ``cpf``, ``cpe`` or ``vitale``: the prefix a spec may carry."""
    if isinstance(profile, VitaleProfile):
        return "vitale"
    return profile.holder.card_type.lower()
