"""The carte Vitale profile: every beneficiary, joined in order with its insurance data (CARDS.md).

No PIN is needed. Several beneficiaries may carry the insured's NIR (children on a parent's number);
each NIR's key is checked and a wrong one is reported, not silently accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import tlv
from .apdu import check, read_binary_sfi, read_file, select_aid, select_mf, transceive
from .errors import MalformedData
from .fields import date_field, text_field
from .identifiers import nir_key_valid
from .transport import Transport

__all__ = ["AID", "Beneficiary", "VitaleCard", "read_vitale"]

AID = bytes.fromhex("D250000002564954414C45")
_SFI = 2


@dataclass(frozen=True)
class Beneficiary:
    last_name: str
    first_name: str
    birth_date: str  # YYYY-MM-DD, month or day possibly 00 as on the card
    birth_rank: int | None
    quality: str  # 00 insured, 01 spouse, 06 child
    nir: str
    nir_key_valid: bool
    scheme: str | None
    fund: str | None
    centre: str | None
    rights_start: str | None
    rights_end: str | None


@dataclass(frozen=True)
class VitaleCard:
    serial: str
    valid_from: str | None
    beneficiaries: tuple[Beneficiary, ...]


def _read_sfi_file(transport: Transport, what: str) -> list[tlv.Tlv]:
    return tlv.decode(read_file(transport, read_binary_sfi(_SFI), what))


def _persons(elements: list[tlv.Tlv]) -> list[dict[int, bytes]]:
    return [tlv.children_map(e) for e in elements if e.tag == 0x65 and e.constructed]


def _birth_rank(fields: dict[int, bytes]) -> int | None:
    text = text_field(fields, 0x83, "birth rank", required=False)
    if not text:
        return None
    if not text.isdigit():
        raise MalformedData(f"birth rank {text!r} is not a number")
    return int(text)


def _beneficiary(identity: dict[int, bytes], insurance: dict[int, bytes]) -> Beneficiary:
    nir = (text_field(insurance, 0x93, "NIR") or "").replace(" ", "")
    return Beneficiary(
        last_name=text_field(identity, 0x80, "last name"),
        first_name=text_field(identity, 0x81, "first name"),
        birth_date=date_field(identity, 0x82, "birth date"),
        birth_rank=_birth_rank(identity),
        quality=text_field(identity, 0x84, "quality", required=False) or "",
        nir=nir,
        nir_key_valid=nir_key_valid(nir),
        scheme=text_field(insurance, 0x94, "scheme", required=False),
        fund=text_field(insurance, 0x95, "fund", required=False),
        centre=text_field(insurance, 0x96, "centre", required=False),
        rights_start=date_field(insurance, 0x97, "rights start", required=False),
        rights_end=date_field(insurance, 0x98, "rights end", required=False),
    )


def read_vitale(transport: Transport) -> VitaleCard:
    """The card's serial and validity, and every beneficiary with its NIR and rights."""
    check(transceive(transport, select_mf()), "select the Vitale MF")
    identities = _persons(_read_sfi_file(transport, "Vitale identities"))
    check(transceive(transport, select_aid(AID)), "select the VITALE application")
    insurance_file = _read_sfi_file(transport, "Vitale insurance data")
    header = next((e for e in insurance_file if e.tag == 0x66 and e.constructed), None)
    if header is None:
        raise MalformedData("Vitale insurance data: template 66 missing")
    card = tlv.children_map(header)
    insurance = _persons(insurance_file)
    if not identities:
        raise MalformedData("Vitale: no beneficiary on the card")
    if len(identities) != len(insurance):
        raise MalformedData(
            f"Vitale: {len(identities)} identities but {len(insurance)} insurance records"
        )
    return VitaleCard(
        serial=text_field(card, 0x81, "card serial"),
        valid_from=date_field(card, 0x80, "card validity start", required=False),
        beneficiaries=tuple(_beneficiary(i, r) for i, r in zip(identities, insurance)),
    )
