"""Who had the last session on this workstation and the section he left, kept across runs so that the
same professional back (the same card after a restart, a sleep, a lock) finds his screen again, and
anyone else starts on Accueil.

A small JSON file in the data folder, private (0600) and written whole (temporary name, fsync, rename):
a national id and a section name, nothing of the data. No Qt; call it off the GUI thread, except once
at start before the window shows.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from .sections import Section

__all__ = ["LastSession", "last_session_path", "read_last_session", "write_last_session"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LastSession:
    national_id: str
    section: Section = Section.HOME


def last_session_path(data_dir: Path) -> Path:
    return data_dir / "last-session.json"


def read_last_session(path: Path) -> LastSession | None:
    """What :func:`write_last_session` kept; None when there is nothing, or nothing usable (a damaged
    file or a section this version does not know is forgotten, not an error: Accueil is shown)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LastSession(str(raw["national_id"]), Section(raw.get("section", Section.HOME)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("the last session's file %s is not usable (%s): forgotten", path, error)
        return None


def write_last_session(path: Path, last: LastSession) -> None:
    """Also drops what a write cut short by a crash left (its temporary files), which nothing else reads."""
    # sync.vault loads cryptography and keyring: imported at the first write (a session open), not at start-up
    from sync.vault import TEMPORARY, write_private

    for leftover in path.parent.glob(f"{path.name}{TEMPORARY}*"):
        leftover.unlink(missing_ok=True)
    write_private(path, json.dumps({"national_id": last.national_id, "section": last.section.value}).encode())
