"""Who is calling: the bearer token's session, its scopes, and the FastAPI dependencies that check them.

Scopes name what a session may see or do. A doctor's card session has them all; a CPE card gets
only what its titular delegated; an accountant's password, only ``payments``. ``medical`` (a
patient's reimbursement history, ALD details) is never delegated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request

from .problems import Problem

__all__ = ["SCOPES", "DELEGABLE", "SessionContext", "token_hash", "current_session", "require_scope"]

SCOPES = frozenset({"me", "payments", "rejects", "patients", "medical", "ald", "forms", "messages",
                    "documents", "activity", "events", "delegations"})
DELEGABLE = frozenset({"documents", "forms", "payments", "messages"})


@dataclass(frozen=True)
class SessionContext:
    token_hash: str
    professional_id: int
    practice_id: int
    national_id: str
    card_type: str  # CPS, CPF, CPE, ACCOUNTANT
    kind: str  # card or password
    scopes: frozenset[str]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_session(request: Request) -> SessionContext:
    """The live session of the request's bearer token; 401 problem otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Problem(401, "not-signed-in", "Not signed in",
                      "Connectez-vous avec votre carte ou votre mot de passe.",
                      headers={"WWW-Authenticate": "Bearer"})
    return request.app.state.services.auth.session(token)


def require_scope(scope: str) -> Callable[[SessionContext], SessionContext]:
    """A dependency: the session, if it holds ``scope``; 403 problem otherwise."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def check(session: SessionContext = Depends(current_session)) -> SessionContext:
        if scope not in session.scopes:
            raise Problem(403, "scope-missing", "Forbidden",
                          _REFUSALS.get(scope, "Votre session ne donne pas accès à cette fonction."),
                          scope=scope)
        return session

    return check


_REFUSALS = {
    "medical": "Les données médicales ne sont accessibles qu'au médecin, connecté avec sa carte CPS.",
}
