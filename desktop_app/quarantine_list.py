"""The quarantine folder as the Documents section lists it (no Qt, read on the pool): each refused file
with the reason code written beside it (:mod:`sync.capture.quarantine`'s ``<name>.reason.txt``), newest
first. A file without its reason file (a crash between the two, or put there by hand) is listed with no
reason; a reason file alone (its file taken out by hand) is not listed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["Quarantined", "quarantined"]

_MAX_REASON_BYTES = 4096  # a reason file is three short lines; anything longer is not read beyond this


@dataclass(frozen=True)
class Quarantined:
    """One refused file: its name in the quarantine folder, its name when it came, its reason code (a
    :class:`sync.capture.files.Refusal` value; "" when unknown) and when it was put there."""

    path: Path
    original: str
    reason: str
    detail: str
    moved_at: datetime


def _fields(reason_file: Path) -> dict[str, str]:
    try:
        with reason_file.open("rb") as file:
            text = file.read(_MAX_REASON_BYTES).decode("utf-8", "replace")
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if value:
            fields[key.strip()] = value.strip()
    return fields


def quarantined(folder: Path) -> list[Quarantined]:
    """The files of the quarantine ``folder``, newest first; none when it does not exist yet."""
    from sync.capture.quarantine import REASON_SUFFIX  # on the pool, as the sync package is

    try:
        with os.scandir(folder) as entries:
            listed = [entry for entry in entries if entry.is_file(follow_symlinks=False)
                      and not entry.name.endswith(REASON_SUFFIX) and not entry.name.startswith(".")]
    except FileNotFoundError:
        return []
    found = []
    for entry in listed:
        path = Path(entry.path)
        reason_file = path.with_name(path.name + REASON_SUFFIX)
        fields = _fields(reason_file)
        try:  # the reason file is written when the file is moved; the file keeps its own modification time
            stamp = (reason_file if fields else path).stat().st_mtime
        except OSError:  # taken out between the listing and now
            continue
        moved = datetime.fromtimestamp(stamp, UTC)
        found.append(Quarantined(path, fields.get("original", entry.name), fields.get("reason", ""),
                                 fields.get("detail", ""), moved))
    found.sort(key=lambda item: (item.moved_at, item.path.name), reverse=True)
    return found
