"""The professional card profile (CPS, CPF, CPE): pure functions over a Transport (CARDS.md).

Reading needs no PIN for the serial, validity, holder and certificates; the situations, the
authentication and the signature need the PIN verified since the card was powered. The PIN is only
ever sent by :func:`verify_pin` and :func:`unblock_pin`, with what the person just typed, or typed
on a PIN-pad reader's keypad and sent by the reader (:func:`verify_pin_on_pinpad`): nothing here
retries a PIN.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from . import pinpad, tlv
from .apdu import (
    PIN_BLOCK_SIZE,
    PIN_DIGITS,
    Key,
    SW,
    check,
    digest_info_sha256,
    get_pin_counter,
    internal_authenticate,
    mse_set,
    pso_compute_signature,
    read_binary,
    read_file,
    reset_retry_counter,
    select_aid,
    select_path,
    transceive,
    verify,
    verify_state,
    verify_template,
)
from .errors import FileMissing, MalformedData
from .fields import date_field, template, text_field
from .transport import PinPad, Transport

__all__ = [
    "AID",
    "PIN_MAX_TRIES",
    "Holder",
    "Situation",
    "PinStatus",
    "ProfessionalCard",
    "select_application",
    "read_identity",
    "pin_status",
    "verify_pin",
    "verify_pin_on_pinpad",
    "PIN_PAD_TIMEOUT",
    "unblock_pin",
    "read_situations",
    "read_certificate",
    "authenticate",
    "sign",
]

AID = bytes.fromhex("E828BD080F8025000001FF0010")
PIN_MAX_TRIES = 3  # CARDS.md: three wrong PINs block the card
PIN_PAD_TIMEOUT = 30  # seconds a PIN-pad reader waits for the PIN, and for each key after the first

_PIN_FORMAT = pinpad.PinFormat(min_digits=PIN_DIGITS, max_digits=PIN_DIGITS, block_size=PIN_BLOCK_SIZE)

log = logging.getLogger(__name__)

_SERIAL = b"\xd0\x03"
_VALIDITY = b"\xd0\x10"
_HOLDER = b"\xd0\x01"
_SITUATIONS = [b"\x00\x01\xd1" + bytes([0x20 + i]) for i in range(16)]
_CERTIFICATES = {Key.AUTHENTICATION: b"\x00\x01\xc0\x20", Key.SIGNATURE: b"\x00\x01\xc0\x10"}


@dataclass(frozen=True)
class Holder:
    card_type: str  # CPS, CPF or CPE
    id_type: str  # 8 RPPS, 0 ADELI, 3 staff
    national_id: str  # the type digit followed by the number
    civility: str
    last_name: str
    first_name: str
    profession: str | None
    specialty: str | None
    employer: str | None  # a CPE's structure (FINESS or SIRET)


@dataclass(frozen=True)
class Situation:
    name: str
    structure_id: str
    sector: str
    am_number: str | None
    mode: str | None  # L liberal, S salaried, R substitute
    convention_sector: str | None


@dataclass(frozen=True)
class PinStatus:
    verified: bool
    tries_left: int
    max_tries: int | None

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0


@dataclass(frozen=True)
class ProfessionalCard:
    serial: str
    valid_from: str
    valid_until: str
    holder: Holder
    pin: PinStatus

    @property
    def kind(self) -> str:
        return self.holder.card_type


def select_application(transport: Transport) -> None:
    check(transceive(transport, select_aid(AID)), "select the CPS application")


def _read_path(transport: Transport, path: bytes, what: str) -> bytes:
    check(transceive(transport, select_path(path)), what)
    return read_file(transport, read_binary(0), what)


def _parse_serial(data: bytes) -> str:
    element = tlv.find(tlv.decode(data), 0x5A)
    if element is None or len(element.value) < 5:
        raise MalformedData("EF.SN.ICC: no card serial (tag 5A)")
    serial = element.value[-5:].hex()
    if not serial.isdigit():
        raise MalformedData("EF.SN.ICC: the serial is not BCD")
    return serial


def _parse_holder(data: bytes) -> Holder:
    fields = template(data, 0xE1, "holder file")
    card_type = text_field(fields, 0x80, "card type")
    if card_type not in ("CPS", "CPF", "CPE"):
        raise MalformedData(f"holder file: unknown card type {card_type!r}")
    return Holder(
        card_type=card_type,
        id_type=text_field(fields, 0x81, "identifier type"),
        national_id=text_field(fields, 0x82, "national identifier"),
        civility=text_field(fields, 0x83, "civility", required=False) or "",
        last_name=text_field(fields, 0x84, "last name"),
        first_name=text_field(fields, 0x85, "first name"),
        profession=text_field(fields, 0x86, "profession", required=False),
        specialty=text_field(fields, 0x87, "specialty", required=False),
        employer=text_field(fields, 0x88, "employer", required=False),
    )


def _parse_situation(data: bytes) -> Situation:
    fields = template(data, 0xEE, "situation")
    return Situation(
        name=text_field(fields, 0x84, "structure name"),
        structure_id=text_field(fields, 0x85, "structure identifier"),
        sector=text_field(fields, 0x86, "activity sector", required=False) or "",
        am_number=text_field(fields, 0x87, "billing number", required=False),
        mode=text_field(fields, 0x88, "practice mode", required=False),
        convention_sector=text_field(fields, 0x89, "convention sector", required=False),
    )


def _counter_from_get_data(transport: Transport) -> tuple[int, int] | None:
    """(max tries, tries left) from GET DATA, or None when the card does not answer it usefully."""
    response = transceive(transport, get_pin_counter())
    if response.sw != SW.OK:
        return None  # a card without the GET DATA object: VERIFY alone tells
    try:
        elements = tlv.decode(response.data)
    except MalformedData:
        log.warning("PIN counter: unreadable GET DATA answer, relying on VERIFY")
        return None
    max_tries, left = tlv.find(elements, 0x9A), tlv.find(elements, 0x9B)
    if max_tries is None or left is None or len(max_tries.value) != 1 or len(left.value) != 1:
        log.warning("PIN counter: no one-byte 9A/9B in the GET DATA answer, relying on VERIFY")
        return None
    return max_tries.value[0], left.value[0]


def pin_status(transport: Transport) -> PinStatus:
    """Whether the PIN is verified and how many tries are left, asked without sending any PIN.

    VERIFY with no data is the authority; GET DATA adds the maximum and stands in when a card does
    not answer the empty VERIFY.
    """
    counter = _counter_from_get_data(transport)
    max_tries = counter[0] if counter else None
    response = transceive(transport, verify_state())
    if response.sw == SW.PIN_BLOCKED:
        return PinStatus(False, 0, max_tries)
    if response.sw & 0xFFF0 == 0x63C0:
        return PinStatus(False, response.sw & 0x0F, max_tries)
    if response.sw == SW.OK:  # a verified PIN has its counter back to the maximum
        return PinStatus(True, counter[1] if counter else PIN_MAX_TRIES, max_tries)
    if counter is None:
        check(response, "ask the PIN state")  # raises: neither way told anything
    return PinStatus(False, counter[1], max_tries)


def read_identity(transport: Transport) -> ProfessionalCard:
    """Serial, validity, holder and PIN state: all that reads without the PIN."""
    select_application(transport)
    serial = _parse_serial(_read_path(transport, _SERIAL, "EF.SN.ICC"))
    validity = template(_read_path(transport, _VALIDITY, "EF.ACTUA"), 0xEC, "EF.ACTUA")
    holder = _parse_holder(_read_path(transport, _HOLDER, "holder file"))
    return ProfessionalCard(
        serial=serial,
        valid_from=date_field(validity, 0x81, "validity start"),
        valid_until=date_field(validity, 0x82, "validity end"),
        holder=holder,
        pin=pin_status(transport),
    )


def verify_pin(transport: Transport, pin: str) -> None:
    """Present the PIN the person just typed; raises PinWrong (tries left) or PinBlocked."""
    check(transceive(transport, verify(pin)), "verify the PIN")


def verify_pin_on_pinpad(reader: PinPad, timeout: int = PIN_PAD_TIMEOUT) -> None:
    """Have the person type the PIN on the reader's keypad: it goes from there to the card, never
    through this computer. Blocks until the reader answers (``timeout`` seconds at most).

    Raises PinWrong (tries left), PinBlocked, PinEntryCancelled (Cancel pressed on the reader),
    PinEntryTimeout, InvalidPinFormat (not 4 digits typed). Only for a reader where
    :func:`cardreader.pinpad.available` is true.
    """
    pinpad.verify(reader, verify_template(), _PIN_FORMAT, timeout=timeout, context="verify the PIN")


def unblock_pin(transport: Transport, puk: str, new_pin: str) -> None:
    """RESET RETRY COUNTER with the PUK: the card is unblocked with ``new_pin``."""
    check(transceive(transport, reset_retry_counter(puk, new_pin)), "unblock the PIN")


def read_situations(transport: Transport) -> list[Situation]:
    """Every practice situation, in file order; needs the PIN (PinNeeded otherwise)."""
    situations = []
    for path in _SITUATIONS:
        try:
            data = _read_path(transport, path, f"situation {path.hex().upper()}")
        except FileMissing:
            break
        situations.append(_parse_situation(data))
    return situations


def read_certificate(transport: Transport, key: Key = Key.AUTHENTICATION) -> bytes:
    """The DER certificate of the authentication or signature key."""
    der = _read_path(transport, _CERTIFICATES[key], f"{key.name.lower()} certificate")
    if not der.startswith(b"\x30"):
        raise MalformedData("certificate: not DER")
    return der


def _private_key_operation(transport: Transport, key: Key, digest_info: bytes) -> bytes:
    check(transceive(transport, mse_set(key)), "set the security environment")
    if key is Key.AUTHENTICATION:
        command = internal_authenticate(digest_info)
    else:
        command = pso_compute_signature(digest_info)
    signature = check(transceive(transport, command), f"compute the {key.name.lower()} signature")
    if len(signature) < 64:
        raise MalformedData(f"signature of {len(signature)} bytes")
    return signature


def authenticate(transport: Transport, challenge: bytes) -> bytes:
    """Sign ``challenge`` with the authentication key: PKCS#1 v1.5 over SHA-256 (CARDS.md step 4)."""
    return _private_key_operation(
        transport, Key.AUTHENTICATION, digest_info_sha256(hashlib.sha256(challenge).digest())
    )


def sign(transport: Transport, data: bytes) -> bytes:
    """Sign ``data`` with the signature key (CARDS.md step 5)."""
    return _private_key_operation(
        transport, Key.SIGNATURE, digest_info_sha256(hashlib.sha256(data).digest())
    )

