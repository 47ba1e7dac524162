"""What Accueil shows, read from the store in one go (no Qt): run :func:`home_summary` off the GUI
thread (it opens sealed rows) and hand the frozen :class:`~desktop_app.status.HomeSummary` to
``HomeView.set_summary``."""

from __future__ import annotations

from datetime import date

from sync.documents import DocumentQueue
from sync.engine import DOMAINS
from sync.store import Store

from .document_rows import ACTIVE
from .status import HomeSummary

__all__ = ["home_summary"]


def home_summary(store: Store, today: date, documents: DocumentQueue | None = None) -> HomeSummary:
    """Count from ``store`` (and the SCOR queue, when the session has one) what Accueil lists."""
    with store.snapshot():
        ald = store.ald_renewals()
        synced = [stamp for stamp in (store.as_of(domain.name) for domain in DOMAINS) if stamp is not None]
        open_rejects = len(store.rejects("open"))
        answered = sum(1 for thread in store.threads() if thread.status == "answered")
    statuses = [document.status for document in documents.documents()] if documents is not None else []
    return HomeSummary(
        today=today,
        ald_renewals=len(ald),
        ald_first_end=min((renewal.end_date for renewal in ald), default=None),
        open_rejects=open_rejects,
        answered_threads=answered,
        documents_waiting=sum(1 for status in statuses if status in ACTIVE),
        documents_failed=sum(1 for status in statuses if status in ("failed", "rejected")),
        documents_paper=statuses.count("paper"),
        documents_drafts=statuses.count("draft"),
        as_of=min(synced, default=None),
    )
