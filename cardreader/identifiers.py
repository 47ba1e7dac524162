"""Checks of the public identifiers printed on the cards (DOMAIN.md, "Identifiers and their checks")."""

from __future__ import annotations

__all__ = ["nir_key", "nir_key_valid", "luhn_valid"]

_CORSICA = {"2A": "19", "2B": "18"}


def nir_key(nir13: str) -> int | None:
    """The 2-digit key of a 13-character NIR (97 - NIR mod 97), or None if it is not a NIR."""
    nir13 = nir13.upper()
    if len(nir13) != 13:
        return None
    department = nir13[5:7]
    digits = nir13[:5] + _CORSICA.get(department, department) + nir13[7:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    return 97 - int(digits) % 97


def nir_key_valid(nir: str) -> bool:
    """True when ``nir`` is 13 characters followed by its correct 2-digit key (spaces ignored)."""
    nir = nir.replace(" ", "")
    if len(nir) != 15 or not nir[13:].isdigit():
        return False
    return nir_key(nir[:13]) == int(nir[13:])


def luhn_valid(number: str) -> bool:
    """The Luhn check used by the RPPS number (its last digit is the key)."""
    if not number or not (number.isascii() and number.isdigit()):
        return False
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
