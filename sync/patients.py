"""A patient's situation (rights open, médecin traitant), looked up when the doctor asks, not synced.

The back office is asked live (ADRi); what it answers is kept, sealed, so that the last situation read
can still be shown, with its date, when the back office cannot be reached. It shares the client with
the sync engine and may run on any thread (a lookup is the user's: it does not wait for a sync pass).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from .client import BackofficeClient
from .errors import Offline, ServerUnavailable
from .protocol import PatientSituation
from .store import Store

__all__ = ["PatientLookup", "PatientSituations"]


@dataclass(frozen=True)
class PatientLookup:
    """A patient's situation as read at ``read_at``: just now (``live``), or the copy kept from then."""

    situation: PatientSituation
    read_at: datetime
    live: bool


class PatientSituations:
    def __init__(self, client: BackofficeClient, store: Store, *,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self._client, self._store, self._clock = client, store, clock

    def lookup(self, nir: str) -> PatientLookup:
        """Read live and kept, or, when the back office cannot answer, the copy kept with when it was
        read; the error (Offline, ServerUnavailable) when there is none. Any other error (the session
        is over, the server refused) is raised as it is: an old copy would hide it."""
        try:
            situation = self._client.patient_situation(nir)
        except (Offline, ServerUnavailable):
            kept = self._store.patient_situation(nir)
            if kept is None:
                raise
            return PatientLookup(kept[0], kept[1], live=False)
        now = self._clock()
        self._store.save_patient_situation(situation, now)
        return PatientLookup(situation, now, live=True)
