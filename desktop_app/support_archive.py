""""Export a diagnostic": a zip of Cabinet's logs and the Diagnostics facts for support, in which no PIN,
NIR, name or token appears (no Qt; written on the pool).

Every text that goes in passes through a :class:`Redactor`: the patterns of
:func:`sync.protocol.redact.redact` (NIRs, 2A/2B included, however spaced; patients' URL segments and
personal query values), then bearer tokens, the values of fields named token, password, PIN or PUK, and any long opaque string (session tokens), runs of nine
digits or more (identifiers, card serials, invoice and AM numbers), and the words given: the names of the
session's professional and of the patients its store holds (:func:`session_words`). A PIN is never
logged nor known here; a run of digits it could hide in is masked anyway when long.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnosis import Facts

if TYPE_CHECKING:
    from sync.store import Store

__all__ = ["MASK", "Redactor", "log_files", "session_words", "write_archive"]

MASK = "***"
_MIN_WORD = 3  # shorter name parts ("Le", "Da") would mask everything around them
_BEARER = re.compile(r"(?i)\b(bearer\s+)[\w.~+/=-]+")
_SECRET_FIELD = re.compile(r"(?i)\b(token|authorization|password|pin|puk)([\"']?\s*[:=]\s*[\"']?)[\w.~+/=-]+")
_OPAQUE = re.compile(r"(?<![\w/.-])[A-Za-z0-9_-]{32,}(?![\w-])")  # token_urlsafe(32): 43 characters
_DIGITS = re.compile(r"(?<!\d)\d{9,}(?!\d)")


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class Redactor:
    """Masks personal data and secrets in a text; ``words`` (names, identifiers) are masked whole, in any
    case, with or without their accents."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        parts: set[str] = set()
        for word in words:
            for piece in [word.strip(), *word.split(), *re.split(r"[\s'’-]+", word)]:
                if len(piece) >= _MIN_WORD:
                    parts |= {piece, _folded(piece)}
        alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
        self._words = re.compile(rf"(?i)(?<!\w)(?:{alternatives})(?!\w)") if parts else None

    def __call__(self, text: str) -> str:
        from sync.protocol.redact import redact

        text = redact(text)
        text = _BEARER.sub(lambda m: f"{m[1]}{MASK}", text)
        text = _SECRET_FIELD.sub(lambda m: f"{m[1]}{m[2]}{MASK}", text)
        text = _OPAQUE.sub(MASK, text)
        text = _DIGITS.sub(MASK, text)
        return self._words.sub(MASK, text) if self._words is not None else text


def session_words(store: Store, professional: Iterable[str] = ()) -> set[str]:
    """The names and identifiers the archive must not hold: ``professional``'s (display name, national
    identifier) and those of every patient (payments, ALD renewals, situations looked up) and of the account
    the store holds (run on the pool: it opens
    every sealed row that names a patient)."""
    words = {word for word in professional if word}
    with store.snapshot():
        me = store.me()
        if me is not None:
            words |= {me.last_name, me.first_name, me.national_id, me.rpps or "", me.practice}
        words |= {renewal.last_name for renewal in store.ald_renewals()}
        words |= {renewal.first_name for renewal in store.ald_renewals()}
        words |= {payment.patient_name or "" for payment in store.search_payments(limit=10**9)}
        for situation in store.patients.all():  # the patients looked up live (Patients)
            words |= {situation.last_name, situation.first_name, situation.treating_doctor.name or ""}
    return {word for word in words if word}


def log_files(folder: Path) -> list[Path]:
    """Cabinet's log files in ``folder`` (the current one and its rotated copies), oldest first."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_file() and p.name.startswith("cabinet.log")),
                  key=lambda p: p.name, reverse=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {value}"
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return value


def _facts_json(facts: Facts) -> str:
    data = asdict(facts)
    if facts.backoffice is not None:  # asdict copies the error away from its field's compare=False
        data["backoffice"]["error"] = facts.backoffice.error
    return json.dumps(_jsonable(data), indent=2, ensure_ascii=False)


def write_archive(target: Path, facts: Facts, logs: Sequence[Path], redactor: Redactor) -> None:
    """The zip at ``target``: ``facts.json`` and ``logs/<name>``, every text redacted. Written to a
    temporary name, then renamed: a half-written archive never takes ``target``'s name."""
    temporary = target.with_name(f".{target.name}.part")
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("facts.json", redactor(_facts_json(facts)))
            for log in logs:
                try:
                    text = log.read_text(encoding="utf-8", errors="replace")
                except FileNotFoundError:  # rotated away meanwhile
                    continue
                archive.writestr(f"logs/{log.name}", redactor(text))
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
