"""Every ATR of pcsc-tools' list of known cards, classified: Vitale and CPS entries recognised,
nothing else (CARDS.md: a wider Vitale 1 mask took French bank cards for cartes Vitale).

The list writes ATRs as regular expressions over hex digits (``2[2C]``, ``..``, ``.*``). Rather than
trying samples, each entry is turned into the set of values each byte may take, and a pattern claims
the entry when some ATR fits both: an exact intersection, so a wildcard entry cannot slip through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cardreader.atr import PATTERNS, AtrPattern, CardFamily

KNOWN_LIST = Path("/usr/share/pcsc/smartcard_list.txt")  # Debian's pcsc-tools

# Descriptions of the list's French health cards: the CPS ("Carte (de) Profes(s)ionnel de Santé";
# not Trento's "Carta Provinciale dei Servizi (CPS)") and cartes Vitale (one is spelt "VItate").
_PROFESSIONAL = re.compile(r"profess?ionn?el de sant", re.IGNORECASE)
_VITALE = re.compile(r"vitale|vitate", re.IGNORECASE)
# A carte Vitale 2 that the list names only "Health Care card".
_UNNAMED_VITALE = {"3B 75 13 00 00 46 09 EA 90 00"}
_ANY_BYTE = frozenset(range(256))


@dataclass(frozen=True)
class Entry:
    """One ATR of the list: the values each byte may take, with any bytes between head and tail
    when the regex holds a ``.*``."""

    regex: str
    description: str
    head: tuple[frozenset[int], ...]
    tail: tuple[frozenset[int], ...]
    open_ended: bool

    @property
    def expected(self) -> CardFamily:
        if _PROFESSIONAL.search(self.description):
            return CardFamily.PROFESSIONAL
        if _VITALE.search(self.description) or self.regex in _UNNAMED_VITALE:
            return CardFamily.VITALE
        return CardFamily.UNKNOWN

    def fits(self, count: int) -> tuple[frozenset[int], ...] | None:
        """The values of each byte of an ATR of ``count`` bytes that this entry describes, if any."""
        fixed = len(self.head) + len(self.tail)
        if count < fixed or (count > fixed and not self.open_ended):
            return None
        return self.head + (_ANY_BYTE,) * (count - fixed) + self.tail


def _bytes(text: str) -> tuple[frozenset[int], ...]:
    """``"2[2C]0."`` → the values of each byte, from the values of each hex digit."""
    digits: list[frozenset[int]] = []
    for token in re.findall(r"\[[^\]]*\]|.", text):
        if token == ".":
            digits.append(frozenset(range(16)))
        elif token.startswith("["):
            values: set[int] = set()
            for low, high, single in re.findall(r"(.)-(.)|([0-9A-F])", token[1:-1]):
                values |= set(range(int(low, 16), int(high, 16) + 1)) if low else {int(single, 16)}
            digits.append(frozenset(values))
        else:
            digits.append(frozenset({int(token, 16)}))
    assert len(digits) % 2 == 0, f"odd number of hex digits in {text!r}"
    return tuple(
        frozenset(high * 16 + low for high in digits[i] for low in digits[i + 1]) for i in range(0, len(digits), 2)
    )


def _entry(regex: str, description: list[str]) -> Entry:
    head, star, tail = regex.replace(" ", "").partition(".*")
    return Entry(regex, " | ".join(description), _bytes(head), _bytes(tail), bool(star))


def _entries() -> list[Entry]:
    entries: list[Entry] = []
    regex, description = None, []
    for line in KNOWN_LIST.read_text(encoding="utf-8", errors="replace").splitlines() + [""]:
        if line.startswith("\t"):
            description.append(line.strip())
            continue
        if regex is not None:
            entries.append(_entry(regex, description))
        regex, description = (line.strip(), []) if line.strip() and not line.startswith("#") else (None, [])
    return entries


def _overlaps(pattern: AtrPattern, entry: Entry) -> bool:
    """Whether some ATR is matched by both the pattern and the list's entry."""
    theirs = entry.fits(len(pattern.positions))
    return theirs is not None and all(ours & their for ours, their in zip(pattern.positions, theirs))


def _contained(pattern: AtrPattern, entry: Entry) -> bool:
    """Whether every ATR the entry describes is matched by the pattern."""
    theirs = entry.fits(len(pattern.positions))
    return (
        not entry.open_ended
        and theirs is not None
        and all(their <= ours for ours, their in zip(pattern.positions, theirs))
    )


@pytest.fixture(scope="module")
def known() -> list[Entry]:
    if not KNOWN_LIST.exists():
        pytest.fail(f"{KNOWN_LIST} is missing: install pcsc-tools (make test does)", pytrace=False)
    entries = _entries()
    assert len(entries) > 3000, "the list was not parsed"
    return entries


def test_every_health_card_of_the_list_is_recognised(known: list[Entry]) -> None:
    health = [entry for entry in known if entry.expected is not CardFamily.UNKNOWN]
    assert {entry.expected for entry in health} == {CardFamily.VITALE, CardFamily.PROFESSIONAL}
    missed = [
        entry
        for entry in health
        if not any(pattern.family is entry.expected and _contained(pattern, entry) for pattern in PATTERNS)
    ]
    assert not missed, "\n".join(f"{e.regex}  ({e.description})" for e in missed)


def test_nothing_else_of_the_list_is_taken_for_a_health_card(known: list[Entry]) -> None:
    foreign = [
        (entry, pattern.generation)
        for entry in known
        if entry.expected is CardFamily.UNKNOWN
        for pattern in PATTERNS
        if _overlaps(pattern, entry)
    ]
    assert not foreign, "\n".join(f"{e.regex}  ({e.description}) taken for {g}" for e, g in foreign)
