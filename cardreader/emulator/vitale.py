"""The carte Vitale 2 of CARDS.md: identities under the MF, insurance data under the VITALE
application, each in the file with short identifier 2 of its directory. No PIN.

A READ BINARY by short identifier makes that file the current one, so READ BINARY by offset can
continue it past the 256 bytes one command returns: a large family's files are longer than that.
"""

from __future__ import annotations

from .. import tlv
from .base import SW, CardEmulator, CommandApdu, Reply, date_tlv, read_slice, status, text_tlv
from .identities import VitaleProfile

__all__ = ["VitaleCard", "ATR", "AID"]

ATR = bytes.fromhex("3B 75 13 00 00 43 09 EA 90 00")
AID = bytes.fromhex("D2 50 00 00 02 56 49 54 41 4C 45")
_MF = bytes.fromhex("3F 00")
_SFI = 2


def _identities(profile: VitaleProfile) -> bytes:
    return b"".join(
        tlv.encode(
            0x65,
            [
                text_tlv(0x80, person.last_name),
                text_tlv(0x81, person.first_name),
                text_tlv(0x82, person.birth_date),
                text_tlv(0x83, str(person.birth_rank)),
                text_tlv(0x84, person.quality),
            ],
        )
        for person in profile.beneficiaries
    )


def _insurance(profile: VitaleProfile) -> bytes:
    card = tlv.encode(0x66, [date_tlv(0x80, profile.valid_from), text_tlv(0x81, profile.serial)])
    return card + b"".join(
        tlv.encode(
            0x65,
            [
                text_tlv(0x93, person.full_nir),
                text_tlv(0x94, person.scheme),
                text_tlv(0x95, person.fund),
                text_tlv(0x96, person.centre),
                date_tlv(0x97, person.rights_start),
                date_tlv(0x98, person.rights_end),
            ],
        )
        for person in profile.beneficiaries
    )


class VitaleCard(CardEmulator):
    """A Vitale 2 card holding ``profile``."""

    atr = ATR

    def __init__(
        self, profile: VitaleProfile, *, chaining: int | None = None, strict_le: bool = False
    ) -> None:
        super().__init__(chaining=chaining, strict_le=strict_le)
        self.profile = profile
        self._mf = {_SFI: _identities(profile)}
        self._application = {_SFI: _insurance(profile)}
        self._power_on()

    def _power_on(self) -> None:
        self._directory = self._mf  # files of the current DF by short identifier
        self._current: bytes | None = None

    def _handle(self, command: CommandApdu) -> Reply:
        match command.ins:
            case 0xA4:
                return self._select(command)
            case 0xB0:
                return self._read_binary(command)
            case _:
                return status(SW.INS_NOT_SUPPORTED)

    def _select(self, command: CommandApdu) -> Reply:
        if command.p1 not in (0x00, 0x04) or command.p2 not in (0x00, 0x0C):
            return status(SW.WRONG_P1P2)
        if not command.data:
            return status(SW.WRONG_LENGTH)
        if (command.p1, command.data) == (0x00, _MF):
            self._directory = self._mf
        elif (command.p1, command.data) == (0x04, AID):
            self._directory = self._application
        else:
            return status(SW.NOT_FOUND)
        self._current = None
        return status(SW.OK)

    def _read_binary(self, command: CommandApdu) -> Reply:
        if not command.p1 & 0x80:
            if self._current is None:
                return status(SW.NO_CURRENT_EF)
            return read_slice(self._current, command.p1p2, command)
        if command.p1 & 0x60:  # P1 = 100xxxxx: xxxxx is the short file identifier
            return status(SW.WRONG_P1P2)
        content = self._directory.get(command.p1 & 0x1F)
        if content is None:
            return status(SW.NOT_FOUND)
        self._current = content
        return read_slice(content, command.p2, command)
