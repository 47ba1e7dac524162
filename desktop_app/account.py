"""The account's pages read and written through the back office (no Qt): recent sign-ins and, for a
doctor, what his secretaries' CPE cards may do.

The functions do network I/O: the controller runs them off the GUI thread and hands the frozen values
they return to the views (``LoginsView.set_logins``, ``DelegationsView.set_state``). The values carry
no I/O, so a view may import them.

Delegation rules are the back office's: only a doctor signed in with his CPS declares them; a CPE card
gets only :data:`~desktop_app.sections.DELEGABLE_SCOPES` (payments, form orders, messages, scanned
documents), never medical data. A secretary whose every scope is withdrawn stays listed, with none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sync.errors import ProtocolError

from .sections import DELEGABLE_SCOPES

if TYPE_CHECKING:
    from sync.client import BackofficeClient
    from sync.protocol import DelegationList

__all__ = ["LoginRow", "Secretary", "DelegationsState", "recent_logins", "delegation_state", "apply_delegations"]


@dataclass(frozen=True)
class LoginRow:
    """One sign-in to the account (``sync.protocol.Login``), as the view shows it."""

    id: int
    at: datetime  # aware
    method: Literal["card", "password"]
    workstation: str
    reported: bool = False  # already reported as not the account holder's
    current: bool = False  # the session this window is in


@dataclass(frozen=True)
class Secretary:
    """A CPE card the doctor delegates to, and the delegable scopes it is granted."""

    national_id: str  # the CPE card's national identifier
    scopes: frozenset[str] = frozenset()
    name: str | None = field(default=None, compare=False)  # as the fund knows her, if in the doctor's practice


@dataclass(frozen=True)
class DelegationsState:
    """The doctor's secretaries, in the back office's order."""

    secretaries: tuple[Secretary, ...] = ()

    def granting(self, national_id: str, scope: str, granted: bool) -> DelegationsState:
        """This state with ``scope`` granted to (or withdrawn from) the CPE card ``national_id``."""
        if scope not in DELEGABLE_SCOPES:
            raise ValueError(f"{scope!r} cannot be delegated")
        return DelegationsState(tuple(
            replace(s, scopes=s.scopes | {scope} if granted else s.scopes - {scope}) if s.national_id == national_id
            else s for s in self.secretaries))


def recent_logins(client: BackofficeClient, current_workstation: str) -> tuple[LoginRow, ...]:
    """The account's recent sign-ins, newest first. The newest one made from ``current_workstation`` the
    way this session was opened is this session's (renewals are not sign-ins)."""
    kind = client.grant.kind if client.grant is not None else None
    rows, current_found = [], False
    for login in client.logins().items:
        current = not current_found and login.method == kind and login.workstation == current_workstation
        current_found |= current
        rows.append(LoginRow(login.id, login.at, login.method, login.workstation, login.reported_not_me, current))
    return tuple(rows)


def _state(delegations: DelegationList) -> DelegationsState:
    return DelegationsState(tuple(Secretary(d.delegate_national_id, frozenset(d.scopes) & frozenset(DELEGABLE_SCOPES),
                                            d.delegate_name) for d in delegations.items))


def _ordered(scopes: Iterable[str]) -> list[str]:
    return [scope for scope in DELEGABLE_SCOPES if scope in set(scopes)]


def delegation_state(client: BackofficeClient) -> DelegationsState:
    """What the signed-in doctor delegates now (``Forbidden`` for a session without the scope)."""
    return _state(client.delegations())


def apply_delegations(client: BackofficeClient, state: DelegationsState) -> DelegationsState:
    """Replace the doctor's delegations with ``state``; the back office's answer, as it now stands. A CPE
    session, or a password one, is refused (``Forbidden``, ``card-required``)."""
    # the protocol's pydantic models load slowly: imported once a session uses them, not at start-up (the
    # views import this module's values)
    import pydantic

    from sync.protocol import DelegationList

    answer = client.set_delegations([{"delegate_national_id": s.national_id, "scopes": _ordered(s.scopes)}
                                     for s in state.secretaries])
    try:
        return _state(DelegationList.model_validate(answer))
    except pydantic.ValidationError as error:
        raise ProtocolError(f"/v1/delegations: not the expected answer ({error.error_count()} errors)") from None
