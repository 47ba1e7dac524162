"""Which card is in the reader, from its ATR alone (CARDS.md, "Telling cards apart").

CPS, CPF and CPE share one platform and one ATR, so the ATR only tells the family; the exact kind of
a professional card is read from its holder file (:mod:`cardreader.cps`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["CardFamily", "AtrInfo", "AtrPattern", "PATTERNS", "classify", "parse_hex"]


class CardFamily(enum.Enum):
    PROFESSIONAL = "PROFESSIONAL"  # CPS, CPF or CPE
    VITALE = "VITALE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class AtrPattern:
    """One row of CARDS.md's table: for each byte of the ATR, the values it may take."""

    family: CardFamily
    generation: str
    positions: tuple[frozenset[int], ...]

    def matches(self, atr: bytes) -> bool:
        return len(atr) == len(self.positions) and all(byte in allowed for byte, allowed in zip(atr, self.positions))


def parse_hex(text: str) -> bytes:
    """``"3B AC 00"`` or ``"3bac00"`` to bytes."""
    return bytes.fromhex(text.replace(" ", "").replace(":", ""))


def _masked(family: CardFamily, generation: str, value: str, mask: str | None = None) -> AtrPattern:
    """A pattern where the bits cleared in ``mask`` may be anything (exact without a mask)."""
    raw = parse_hex(value)
    bits = parse_hex(mask) if mask else b"\xff" * len(raw)
    return AtrPattern(
        family,
        generation,
        tuple(frozenset(b for b in range(256) if b & m == v & m) for v, m in zip(raw, bits)),
    )


def _choices(family: CardFamily, generation: str, template: str) -> AtrPattern:
    """A pattern whose bytes are hex values or ``{A,B,...}`` lists of the values a byte may take."""
    return AtrPattern(
        family,
        generation,
        tuple(frozenset(int(v, 16) for v in token.strip("{}").split(",")) for token in template.split()),
    )


PATTERNS: tuple[AtrPattern, ...] = (
    _masked(
        CardFamily.PROFESSIONAL,
        "CPS3 contact",
        "3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00",
        "FF 00 00 00 00 FF FF FF FF FF FF 00 00 00 FF FF FF",
    ),
    _masked(
        CardFamily.PROFESSIONAL,
        "CPS3 contactless",
        "3B 8F 80 01 00 31 B8 64 04 B0 EC C1 73 94 01 80 82 90 00 0E",
    ),
    _masked(CardFamily.PROFESSIONAL, "CPS4", "3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44"),
    # 3B 75 13 00 00 4x 09 yA 90 00, x any nibble, y = E or F (E and F differ in bit 0x10 only).
    _masked(
        CardFamily.VITALE,
        "Vitale 2",
        "3B 75 13 00 00 40 09 EA 90 00",
        "FF FF FF FF FF F0 FF EF FF FF",
    ),
    # Only the known Vitale 1 values: bank, parking and transport cards of the same Bull CP8
    # platform differ from them in these two bytes alone.
    _choices(CardFamily.VITALE, "Vitale 1", "3F 65 25 00 {22,2C,52,A3,A4} 09 {69,F9,6A} 90 00"),
)


@dataclass(frozen=True)
class AtrInfo:
    """What the ATR says: the family, the generation ("CPS3 contact", "Vitale 2"...), the ATR."""

    family: CardFamily
    generation: str
    atr: bytes

    @property
    def atr_hex(self) -> str:
        return self.atr.hex(" ").upper()


def classify(atr: bytes) -> AtrInfo:
    """The family of the card that answered ``atr``; UNKNOWN (with the ATR) for anything else."""
    atr = bytes(atr)
    for pattern in PATTERNS:
        if pattern.matches(atr):
            return AtrInfo(pattern.family, pattern.generation, atr)
    return AtrInfo(CardFamily.UNKNOWN, "", atr)
