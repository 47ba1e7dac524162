"""The sections of the signed-in window and which of them a session may open (no Qt).

A section is shown when the session holds the back office's scope behind it: a doctor's card session
holds them all; a CPE card only those its titular delegated (payments, form orders, messages,
documents), so the secretary never sees medical data (patients' situations, ALD, activity). Home,
Diagnostics and the account's recent sign-ins read nothing a scope guards and are always shown.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

__all__ = ["DELEGABLE_SCOPES", "Section", "sections_for"]


class Section(enum.StrEnum):
    """In navigation order; the value is the name signals carry and the session remembers."""

    HOME = "home"
    PAYMENTS = "payments"
    REJECTS = "rejects"
    PATIENTS = "patients"
    ALD = "ald"
    FORMS = "forms"
    CONTACT = "contact"
    PERSONAL = "personal"
    ACTIVITY = "activity"
    DOCUMENTS = "documents"
    DIAGNOSTICS = "diagnostics"
    DELEGATIONS = "delegations"
    LOGINS = "logins"


# The back office's scope (sync.backoffice.sessions.SCOPES) each section reads; None: no scope needed.
_SCOPES: dict[Section, str | None] = {
    Section.HOME: None,
    Section.PAYMENTS: "payments",
    Section.REJECTS: "rejects",
    Section.PATIENTS: "patients",
    Section.ALD: "ald",
    Section.FORMS: "forms",
    Section.CONTACT: "messages",
    Section.PERSONAL: "me",
    Section.ACTIVITY: "activity",
    Section.DOCUMENTS: "documents",
    Section.DIAGNOSTICS: None,
    Section.DELEGATIONS: "delegations",
    Section.LOGINS: None,
}

# What a titular may delegate to a CPE card, in the order the Delegations section lists them.
DELEGABLE_SCOPES: tuple[str, ...] = ("payments", "forms", "messages", "documents")


def sections_for(scopes: Iterable[str]) -> frozenset[Section]:
    """The sections a session granted ``scopes`` (``SessionGrant.scopes``) may open."""
    granted = set(scopes)
    return frozenset(section for section, scope in _SCOPES.items() if scope is None or scope in granted)
