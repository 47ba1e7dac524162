"""The stock cards, JSON card profiles and card specs: what ``card_from_spec("cps", pki_dir)`` builds.

The identities themselves are plain data in :mod:`.identities`. Stock validity and rights dates are
relative to the current year, so the demo cards never expire (``cps-expired`` always has).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .base import CardEmulator
from .identities import (
    BeneficiaryProfile,
    HolderProfile,
    ProfessionalProfile,
    Profile,
    SituationProfile,
    VitaleProfile,
    card_kind,
    with_luhn,
)
from .pki import TestPki
from .professional import ProfessionalCard
from .vitale import VitaleCard

__all__ = ["STOCK_CARDS", "load_profile", "card_from_spec"]


# --- The stock cards ------------------------------------------------------------------------------

_YEAR = date.today().year
_CABINET_SIRET = with_luhn("3831234560001")
_CABINET_AM = "751123456"

_GP = ProfessionalProfile(
    serial="2500012345",
    valid_from=date(_YEAR - 1, 3, 1),
    valid_until=date(_YEAR + 2, 2, 28),
    holder=HolderProfile(
        card_type="CPS",
        id_type="8",
        identifier=with_luhn("1000345678"),
        civility="DR",
        last_name="Lefèvre-Dupré",
        first_name="Émilie",
        profession="10",
        specialty="SM54",
    ),
    situations=(
        SituationProfile(
            structure_name="Cabinet médical des Tilleuls",
            structure_id=_CABINET_SIRET,
            sector="SA08",
            am_number=_CABINET_AM,
            mode="L",
            convention_sector="1",
        ),
        SituationProfile(
            structure_name="Centre de santé Simone-Veil",
            structure_id=with_luhn("4285246800015"),
            sector="SA05",
            am_number="921987654",
            mode="S",
        ),
    ),
)

_SECOND_GP = ProfessionalProfile(  # Dr Lefèvre-Dupré's partner in the same practice
    serial="2500013579",
    valid_from=date(_YEAR - 1, 9, 1),
    valid_until=date(_YEAR + 2, 8, 31),
    holder=HolderProfile(
        card_type="CPS",
        id_type="8",
        identifier=with_luhn("1000456789"),
        civility="DR",
        last_name="Kerbrat",
        first_name="Yannick",
        profession="10",
        specialty="SM54",
    ),
    situations=(
        SituationProfile(
            structure_name="Cabinet médical des Tilleuls",
            structure_id=_CABINET_SIRET,
            sector="SA08",
            am_number="751123464",
            mode="L",
            convention_sector="1",
        ),
    ),
)

_INTERN = ProfessionalProfile(
    serial="2500067890",
    valid_from=date(_YEAR - 1, 11, 2),
    valid_until=date(_YEAR + 2, 11, 1),
    holder=HolderProfile(
        card_type="CPF",
        id_type="8",
        identifier=with_luhn("1001234567"),
        civility="M",
        last_name="Lemaître",
        first_name="Benoît",
        profession="10",
        specialty="SM54",
    ),
    situations=(
        SituationProfile(
            structure_name="CHU de Brocéliande — médecine interne",
            structure_id=with_luhn("35009999"),
            sector="SA01",
            am_number=with_luhn("35009999"),
            mode="S",
        ),
    ),
)

_SECRETARY = ProfessionalProfile(
    serial="2500024680",
    valid_from=date(_YEAR - 1, 6, 15),
    valid_until=date(_YEAR + 2, 6, 14),
    holder=HolderProfile(
        card_type="CPE",
        id_type="3",
        identifier=f"{_CABINET_SIRET}/0042",
        civility="MME",
        last_name="Marchand-Girard",
        first_name="Chloé",
        employer=_CABINET_SIRET,
    ),
    situations=(
        SituationProfile(
            structure_name="Cabinet médical des Tilleuls",
            structure_id=_CABINET_SIRET,
            sector="SA08",
            am_number=_CABINET_AM,
            mode="S",
        ),
    ),
)


def _family(
    nir: str, fund: str, people: list[tuple[str, str, str, str, int]]
) -> tuple[BeneficiaryProfile, ...]:
    """Beneficiaries sharing the insured's NIR: (last name, first name, birth, quality, rank)."""
    return tuple(
        BeneficiaryProfile(
            last_name=last,
            first_name=first,
            birth_date=birth,
            quality=quality,
            birth_rank=rank,
            nir=nir,
            fund=fund,
            rights_start=date(_YEAR, 1, 1),
            rights_end=date(_YEAR + 1, 12, 31),
        )
        for last, first, birth, quality, rank in people
    )


_VITALE = VitaleProfile(
    serial="1234567890",
    valid_from=date(_YEAR - 3, 9, 15),
    beneficiaries=_family(
        "2850375115042",
        "751",
        [
            ("Bérard", "Éloïse", "19850314", "00", 1),
            ("Bérard", "Noémie", "20160621", "06", 1),  # twins: same date, birth ranks 1 and 2
            ("Bérard", "Gaël", "20160621", "06", 2),
        ],
    ),
)

_VITALE_CORSICA = VitaleProfile(
    serial="1234500201",
    valid_from=date(_YEAR - 2, 4, 1),
    beneficiaries=_family("172082A004027", "201", [("Paoli", "Jean-Noël", "19720817", "00", 1)]),
)

_VITALE_LARGE_FAMILY = VitaleProfile(  # both files pass 256 bytes: READ BINARY by offset needed
    serial="1234598765",
    valid_from=date(_YEAR - 1, 1, 20),
    beneficiaries=_family(
        "2790399341015",  # born abroad (99), Senegal (341)
        "931",
        [
            ("Diop-Lefèbvre", "Aïssatou", "19790300", "00", 1),  # day unknown: 00
            ("Diop-Lefèbvre", "Mamadou", "19760500", "01", 1),
            ("Diop-Lefèbvre", "Awa", "20040912", "06", 1),
            ("Diop-Lefèbvre", "Ousmane", "20070203", "06", 1),
            ("Diop-Lefèbvre", "Fatoumata", "20110730", "06", 1),
            ("Diop-Lefèbvre", "Léa", "20151108", "06", 1),
            ("Diop-Lefèbvre", "Noé", "20151108", "06", 2),
        ],
    ),
)

STOCK_CARDS: Mapping[str, Profile] = MappingProxyType(
    {
        "cps": _GP,
        "cps-2": _SECOND_GP,
        "cpf": _INTERN,
        "cpe": _SECRETARY,
        "vitale": _VITALE,
        "vitale-corse": _VITALE_CORSICA,
        "vitale-large-family": _VITALE_LARGE_FAMILY,
        "cps-blocked": dataclasses.replace(_GP, serial="2500012346", pin_tries_left=0),
        "cps-expired": dataclasses.replace(
            _GP,
            serial="2500012347",
            valid_from=date(_YEAR - 5, 3, 1),
            valid_until=date(_YEAR - 2, 2, 28),
        ),
    }
)
_ALIASES = {"gp": "cps"}


# --- JSON profiles --------------------------------------------------------------------------------


def _date(value: Any) -> date:
    return date.fromisoformat(str(value))


def _professional_from_json(doc: dict[str, Any]) -> ProfessionalProfile:
    return ProfessionalProfile(
        serial=str(doc["serial"]),
        valid_from=_date(doc["valid_from"]),
        valid_until=_date(doc["valid_until"]),
        holder=HolderProfile(**doc["holder"]),
        situations=tuple(SituationProfile(**item) for item in doc.get("situations", [])),
        pin=str(doc.get("pin", "1234")),
        puk=str(doc.get("puk", "12345678")),
        pin_tries_left=int(doc.get("pin_tries_left", 3)),
    )


def _beneficiary_from_json(item: dict[str, Any]) -> BeneficiaryProfile:
    fields = dict(item)
    fields["birth_date"] = str(fields["birth_date"]).replace("-", "")
    fields["rights_start"] = _date(fields["rights_start"])
    fields["rights_end"] = _date(fields["rights_end"])
    return BeneficiaryProfile(**fields)


def _vitale_from_json(doc: dict[str, Any]) -> VitaleProfile:
    return VitaleProfile(
        serial=str(doc["serial"]),
        valid_from=_date(doc["valid_from"]),
        beneficiaries=tuple(_beneficiary_from_json(item) for item in doc["beneficiaries"]),
    )


def load_profile(path: Path | str) -> Profile:
    """A card described by a JSON file, so that any identity can be emulated.

    Dates are ``YYYY-MM-DD``; a birth date may have ``00`` as month or day. Professional card::

        {"kind": "professional", "serial": "2500099999",
         "valid_from": "2025-01-01", "valid_until": "2028-01-01",
         "pin": "1234", "puk": "12345678", "pin_tries_left": 3,          (optional, these defaults)
         "holder": {"card_type": "CPS", "id_type": "8", "identifier": "10003456784",
                    "civility": "DR", "last_name": "…", "first_name": "…",
                    "profession": "10", "specialty": "SM54", "employer": ""},  (last three optional)
         "situations": [{"structure_name": "…", "structure_id": "…", "sector": "SA08",
                         "am_number": "751123456", "mode": "L", "convention_sector": "1"}]}

    Carte Vitale (``nir`` has 13 characters; ``nir_key`` is computed unless given, so a wrong key
    can be emulated; ``birth_rank``, ``scheme``, ``fund``, ``centre`` are optional)::

        {"kind": "vitale", "serial": "1234567890", "valid_from": "2024-09-15",
         "beneficiaries": [{"last_name": "…", "first_name": "…", "birth_date": "1985-03-00",
                            "quality": "00", "nir": "2850375115042", "birth_rank": 1,
                            "scheme": "01", "fund": "751", "centre": "1211",
                            "rights_start": "2026-01-01", "rights_end": "2027-12-31"}]}

    Raises ValueError, naming the file, when the file is not such a description.
    """
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        kind = doc["kind"]
        if kind == "professional":
            return _professional_from_json(doc)
        if kind == "vitale":
            return _vitale_from_json(doc)
        raise ValueError(f'"kind" must be "professional" or "vitale", not {kind!r}')
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as error:
        detail = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise ValueError(f"{path}: not a card profile: {detail}") from error


# --- Card specs -----------------------------------------------------------------------------------


def _valid_specs() -> str:
    names = sorted([*STOCK_CARDS, *_ALIASES, "cps:gp"])
    return ", ".join(names) + " or json:PATH"


def _stock_profile(spec: str) -> Profile:
    kind, _, name = spec.rpartition(":")
    name = _ALIASES.get(name, name)
    profile = STOCK_CARDS.get(name)
    if profile is None or (kind and card_kind(profile) != kind):
        raise ValueError(f"unknown card {spec!r}: use one of {_valid_specs()}")
    return profile


def card_from_spec(
    spec: str, pki_dir: Path, *, chaining: int | None = None, strict_le: bool = False
) -> CardEmulator:
    """The emulator a spec names: a stock name (``cps``, ``cps-2``, ``cpf``, ``cpe``, ``vitale``,
    ``cps-blocked``…), the same with its kind (``cps:gp``, ``vitale:vitale-corse``), or
    ``json:PATH``. Professional cards get their keys from the test PKI in ``pki_dir``.
    """
    spec = spec.strip()
    if spec.startswith("json:"):
        profile = load_profile(spec.removeprefix("json:"))
    else:
        profile = _stock_profile(spec.lower())
    if isinstance(profile, VitaleProfile):
        return VitaleCard(profile, chaining=chaining, strict_le=strict_le)
    credentials = TestPki.open(pki_dir).card_credentials(profile)
    return ProfessionalCard(profile, credentials, chaining=chaining, strict_le=strict_le)
