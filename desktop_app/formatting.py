"""How dates, NIRs and titles are written for a French reader (pure functions)."""

from __future__ import annotations

__all__ = ["french_date", "spaced_nir", "civility"]

_CIVILITIES = {"DR": "Dr", "PR": "Pr", "M": "M.", "MME": "Mme"}


def french_date(iso: str | None) -> str:
    """``2025-03-01`` to ``01/03/2025``; a ``00`` day or month stays as on the card."""
    if not iso or len(iso) != 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def spaced_nir(nir: str) -> str:
    """The NIR grouped as printed on the card: ``2 85 03 75 115 042 63``."""
    if len(nir) != 15:
        return nir
    return " ".join((nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:15]))


def civility(code: str) -> str:
    return _CIVILITIES.get(code.upper(), code)
