"""What every data route needs of the request: the storage, the clock, and whose data the session may
see (:func:`owners`: a doctor sees his own; a CPE card, the titulars who delegated the scope to it; a
practice's accountant, the practice's doctors, payments only)."""

from __future__ import annotations

from datetime import date

from fastapi import Request

from .dates import paris_date
from .sessions import SessionContext
from .storage import Storage

__all__ = ["storage", "now", "today", "owners"]


def storage(request: Request) -> Storage:
    return request.app.state.services.storage


def now(request: Request) -> float:
    """The app's clock (``config.clock``): tests move it."""
    return request.app.state.services.config.clock()


def today(request: Request) -> date:
    return paris_date(now(request))


def owners(request: Request, session: SessionContext, scope: str) -> dict[int, str]:
    """The professionals (id -> national id) whose ``scope`` data this session may see."""
    accounts = storage(request).accounts
    if session.card_type in ("CPS", "CPF"):
        return accounts.national_ids([session.professional_id], session.practice_id)
    if session.card_type == "CPE":
        return {d.professional_id: d.national_id
                for d in accounts.delegators(session.national_id, session.practice_id) if scope in d.scopes}
    if session.card_type == "ACCOUNTANT" and scope == "payments":
        return accounts.practice_doctors(session.practice_id)
    return {}
