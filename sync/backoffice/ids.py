"""Public identifier rules the back office checks and generates (DOMAIN.md, "Identifiers and their
checks"). Written here rather than imported from ``cardreader``: the back office imports only
``sync.protocol`` from the client side (names are folded for search by ``sync.protocol.search``)."""

from __future__ import annotations

import re

__all__ = ["nir_key", "check_nir", "luhn_digit"]

_NIR = re.compile(r"[1-478]\d{4}(\d\d|2A|2B)\d{6}\d\d")
_CORSICA = {"2A": "19", "2B": "18"}


def nir_key(nir13: str) -> int:
    """The key of a 13-character NIR: 97 - (NIR mod 97), Corsica 2A -> 19 and 2B -> 18 first."""
    department = nir13[5:7]
    return 97 - int(nir13[:5] + _CORSICA.get(department, department) + nir13[7:]) % 97


def check_nir(text: str) -> str:
    """The NIR in ``text`` (spaces ignored, upper case) if it is well formed with the right key.

    Raises ``ValueError`` with a French explanation otherwise."""
    nir = text.replace(" ", "").upper()
    if not _NIR.fullmatch(nir):
        raise ValueError("Le NIR doit compter 15 caractères : 13 chiffres (2A ou 2B pour la Corse) "
                         "puis une clé de 2 chiffres, et commencer par 1, 2, 3, 4, 7 ou 8.")
    if nir_key(nir[:13]) != int(nir[13:]):
        raise ValueError("La clé du NIR ne correspond pas aux 13 premiers caractères : "
                         "vérifiez le numéro saisi.")
    return nir


def luhn_digit(payload: str) -> str:
    """The Luhn check digit to append to ``payload`` (RPPS, SIRET, FINESS)."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)

