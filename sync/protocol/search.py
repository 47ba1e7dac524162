"""How a patient's name is searched, the same on both sides of the wire.

The back office matches ``/v1/payments?patient=`` on its folded names; the client's store, which never
keeps a name in clear, matches keyed hashes of the same folded words. Both fold with :func:`fold` and
match whole words (every word of the query is a word of the name, in any order), so a search gives the
same payments online and offline: ``Lefevre`` and ``dupre`` both find « Lefèvre-Dupré », ``diaye``
finds « N'Diaye », ``lecoeur`` finds « Lecœur ».
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "name_words"]

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_SEPARATORS = re.compile(r"[\W_]+")  # anything but letters and digits: spaces, hyphens, apostrophes ('’), dots


def fold(text: str) -> str:
    """``text`` without case, accents, ligatures or punctuation, its words separated by one space:
    ``« D’Almeida-Lecœur »`` -> ``d almeida lecoeur``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LIGATURES)
    return " ".join(_SEPARATORS.sub(" ", plain).split())


def name_words(text: str) -> list[str]:
    """The folded words of a name or of a query, in order (duplicates kept)."""
    return fold(text).split()
