"""The professional card (CPS, CPF, CPE) of CARDS.md: its files, PIN and PUK, and its two keys.

One class for the three card types: as on the real platform, only the holder file tells them apart.
The PIN, its counters and the PUK counter are card memory and survive a reset; the verified state,
the security environment and the selection are lost with the power.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.hazmat.primitives.hashes import SHA256

from .. import tlv
from .base import SW, CardEmulator, CommandApdu, Reply, date_tlv, read_slice, status, text_tlv
from .identities import HolderProfile, ProfessionalProfile, SituationProfile
from .pki import CardCredentials

__all__ = ["ProfessionalCard", "ATR", "AID", "DIGEST_INFO_SHA256_PREFIX"]

ATR = bytes.fromhex("3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00")
AID = bytes.fromhex("E8 28 BD 08 0F 80 25 00 00 01 FF 00 10")
DIGEST_INFO_SHA256_PREFIX = bytes.fromhex(
    "30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20"
)

_PIN_TRIES = 3
_PUK_TRIES = 10
_SERIAL_PREFIX = bytes.fromhex("80 25 00 00 01")
_GET_PIN_COUNTER = bytes.fromhex("4D 08 70 06 BF 81 01 02 A0 80")
_MSE_AUTHENTICATION = bytes.fromhex("80 01 02 84 01 82")  # under template A4
_MSE_SIGNATURE = bytes.fromhex("80 01 02 84 01 81")  # under template B6
_DF_0001 = bytes.fromhex("00 01")
_FIRST_SITUATION = bytes.fromhex("00 01 D1 20")


@dataclass(frozen=True)
class _File:
    content: bytes
    protected: bool = False  # readable only once the PIN is verified


def _holder(holder: HolderProfile) -> bytes:
    fields = [
        text_tlv(0x80, holder.card_type),
        text_tlv(0x81, holder.id_type),
        text_tlv(0x82, holder.national_id),
        text_tlv(0x83, holder.civility),
        text_tlv(0x84, holder.last_name),
        text_tlv(0x85, holder.first_name),
        text_tlv(0x86, holder.profession),
        text_tlv(0x87, holder.specialty),
    ]
    if holder.employer:
        fields.append(text_tlv(0x88, holder.employer))
    return tlv.encode(0xE1, fields)


def _situation(situation: SituationProfile) -> bytes:
    return tlv.encode(
        0xEE,
        [
            text_tlv(0x84, situation.structure_name),
            text_tlv(0x85, situation.structure_id),
            text_tlv(0x86, situation.sector),
            text_tlv(0x87, situation.am_number),
            text_tlv(0x88, situation.mode),
            text_tlv(0x89, situation.convention_sector),
        ],
    )


def _files(profile: ProfessionalProfile, credentials: CardCredentials) -> dict[bytes, _File]:
    """The card's files by path under the MF."""
    serial = _SERIAL_PREFIX + bytes.fromhex(profile.serial)  # 10 digits are 5 BCD bytes
    validity = [date_tlv(0x81, profile.valid_from), date_tlv(0x82, profile.valid_until)]
    files = {
        bytes.fromhex("D0 03"): _File(tlv.encode(0x5A, serial)),
        bytes.fromhex("D0 10"): _File(tlv.encode(0xEC, validity)),
        bytes.fromhex("D0 01"): _File(_holder(profile.holder)),
        bytes.fromhex("00 01 C0 20"): _File(credentials.auth_cert_der),
        bytes.fromhex("00 01 C0 10"): _File(credentials.sign_cert_der),
    }
    first = int.from_bytes(_FIRST_SITUATION, "big")
    for index, situation in enumerate(profile.situations):
        path = (first + index).to_bytes(4, "big")
        files[path] = _File(_situation(situation), protected=True)
    return files


def _is_pin_block(block: bytes) -> bool:
    """4 ASCII digits padded with FF to 8 bytes."""
    digits = block.rstrip(b"\xff")
    return len(block) == 8 and len(digits) == 4 and digits.isdigit()


def _pin_block(pin: str) -> bytes:
    return pin.encode("ascii").ljust(8, b"\xff")


class ProfessionalCard(CardEmulator):
    """A CPS3-platform card holding ``profile``, signing with ``credentials``' keys."""

    atr = ATR

    def __init__(
        self,
        profile: ProfessionalProfile,
        credentials: CardCredentials,
        *,
        chaining: int | None = None,
        strict_le: bool = False,
    ) -> None:
        super().__init__(chaining=chaining, strict_le=strict_le)
        self.profile = profile
        self._credentials = credentials
        self._files = _files(profile, credentials)
        self._pin = _pin_block(profile.pin)
        self._pin_tries = profile.pin_tries_left
        self._puk_tries = _PUK_TRIES
        self._power_on()

    def _power_on(self) -> None:
        self._verified = False
        self._auth_ready = False
        self._sign_ready = False
        self._current: _File | None = None

    def _handle(self, command: CommandApdu) -> Reply:
        match command.ins:
            case 0xA4:
                return self._select(command)
            case 0xB0:
                return self._read_binary(command)
            case 0x20:
                return self._verify(command)
            case 0x2C:
                return self._reset_retry_counter(command)
            case 0xCB:
                return self._get_data(command)
            case 0x22:
                return self._manage_security_environment(command)
            case 0x88 if command.p1p2 == 0x0000:
                key = self._credentials.auth_key
                return self._private_key_operation(command, self._auth_ready, key)
            case 0x2A if command.p1p2 == 0x9E9A:
                key = self._credentials.sign_key
                return self._private_key_operation(command, self._sign_ready, key)
            case 0x88 | 0x2A:
                return status(SW.WRONG_P1P2)
            case _:
                return status(SW.INS_NOT_SUPPORTED)

    def _select(self, command: CommandApdu) -> Reply:
        if command.p1 not in (0x04, 0x08) or command.p2 not in (0x00, 0x0C):
            return status(SW.WRONG_P1P2)
        if not command.data or (command.p1 == 0x08 and len(command.data) % 2):
            return status(SW.WRONG_LENGTH)
        if command.p1 == 0x04:
            found = command.data == AID
            new_current = None
        else:
            new_current = self._files.get(command.data)
            found = new_current is not None or command.data == _DF_0001
        if not found:
            return status(SW.NOT_FOUND)  # the selection stays as it was
        self._current = new_current
        return status(SW.OK)

    def _read_binary(self, command: CommandApdu) -> Reply:
        if command.p1 & 0x80:  # no short file identifiers on this card
            return status(SW.WRONG_P1P2)
        if self._current is None:
            return status(SW.NO_CURRENT_EF)
        if self._current.protected and not self._verified:
            return status(SW.SECURITY_NOT_SATISFIED)
        return read_slice(self._current.content, command.p1p2, command)

    def _verify(self, command: CommandApdu) -> Reply:
        if command.p1p2 != 0x0081:
            return status(SW.WRONG_P1P2)
        if command.le is not None or len(command.data) not in (0, 8):
            return status(SW.WRONG_LENGTH)
        if self._pin_tries == 0:
            return status(SW.PIN_BLOCKED)
        if not command.data:  # asks the state
            return status(SW.OK if self._verified else SW.WRONG_PIN | self._pin_tries)
        if command.data == self._pin:
            self._pin_tries = _PIN_TRIES
            self._verified = True
            return status(SW.OK)
        self._pin_tries -= 1
        self._verified = False
        return status(SW.WRONG_PIN | self._pin_tries)

    def _reset_retry_counter(self, command: CommandApdu) -> Reply:
        if command.p1p2 != 0x0081:
            return status(SW.WRONG_P1P2)
        if command.le is not None or len(command.data) != 16:
            return status(SW.WRONG_LENGTH)
        if self._puk_tries == 0:
            return status(SW.PIN_BLOCKED)
        puk, new_pin = command.data[:8], command.data[8:]
        if not _is_pin_block(new_pin):
            return status(SW.WRONG_DATA)
        if puk != self.profile.puk.encode("ascii"):
            self._puk_tries -= 1
            return status(SW.WRONG_PIN | self._puk_tries)
        self._puk_tries = _PUK_TRIES
        self._pin = new_pin
        self._pin_tries = _PIN_TRIES
        self._verified = False
        return status(SW.OK)

    def _get_data(self, command: CommandApdu) -> Reply:
        if command.p1p2 != 0x3FFF:
            return status(SW.WRONG_P1P2)
        if command.data != _GET_PIN_COUNTER:
            return status(SW.DATA_NOT_FOUND)
        counter = tlv.encode(0x9A, bytes([_PIN_TRIES])) + tlv.encode(0x9B, bytes([self._pin_tries]))
        answer = tlv.encode(0x70, tlv.encode(0xBF8101, tlv.encode(0xA0, counter)))
        return Reply(answer, SW.OK)

    def _manage_security_environment(self, command: CommandApdu) -> Reply:
        if command.p1 != 0x41 or command.p2 not in (0xA4, 0xB6):
            return status(SW.WRONG_P1P2)
        authentication = command.p2 == 0xA4
        if command.data != (_MSE_AUTHENTICATION if authentication else _MSE_SIGNATURE):
            return status(SW.WRONG_DATA)
        if authentication:
            self._auth_ready = True
        else:
            self._sign_ready = True
        return status(SW.OK)

    def _private_key_operation(
        self, command: CommandApdu, ready: bool, key: rsa.RSAPrivateKey
    ) -> Reply:
        """INTERNAL AUTHENTICATE or PSO COMPUTE DIGITAL SIGNATURE over a SHA-256 DigestInfo."""
        if not command.data:
            return status(SW.WRONG_LENGTH)
        if not self._verified:
            return status(SW.SECURITY_NOT_SATISFIED)
        if not ready:
            return status(SW.CONDITIONS_NOT_SATISFIED)
        prefix = DIGEST_INFO_SHA256_PREFIX
        if len(command.data) != len(prefix) + 32 or not command.data.startswith(prefix):
            return status(SW.WRONG_DATA)
        digest = command.data[len(prefix) :]
        return Reply(key.sign(digest, PKCS1v15(), Prehashed(SHA256())), SW.OK)
