"""``/v1/auth``, ``/v1/me``, ``/v1/delegations`` and ``/v1/health``: sign-in, sessions, logins, delegations,
and whether the back office answers."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request, Response

from sync.protocol import (CardProof, Challenge, Delegation, DelegationList, Login, LoginList, Me, NewPassword,
                           PasswordSignIn, SessionGrant, Situation)

from . import access
from .dates import utc
from .problems import Problem
from .sessions import DELEGABLE, SessionContext, current_session, require_scope

router = APIRouter()


def _services(request: Request):  # noqa: ANN202
    return request.app.state.services


def _workstation(request: Request) -> str:
    return request.headers.get("x-workstation") or (request.client.host if request.client else "?")


@router.get("/v1/health", tags=["service"], summary="The back office answers (no session needed; cheap)")
def health() -> dict[str, str]:
    """For a workstation's diagnostics: reachability and latency, timed on this answer."""
    return {"status": "ok"}


@router.get("/v1/auth/challenge", response_model=Challenge, tags=["auth"])
def challenge(request: Request) -> Challenge:
    value, expires = _services(request).auth.new_challenge()
    return Challenge(challenge=value, expires_at=expires)


@router.post("/v1/auth/card", response_model=SessionGrant, tags=["auth"])
def card_sign_in(proof: CardProof, request: Request) -> SessionGrant:
    return _services(request).auth.card_sign_in(proof, _workstation(request))


@router.post("/v1/auth/card/renew", response_model=SessionGrant, tags=["auth"])
def card_renew(proof: CardProof, request: Request,
               session: SessionContext = Depends(current_session)) -> SessionGrant:
    grant = _services(request).auth.card_renew(session, proof)
    token = request.headers["authorization"].partition(" ")[2]
    return grant.model_copy(update={"token": token})


@router.post("/v1/auth/password", response_model=SessionGrant, tags=["auth"])
def password_sign_in(body: PasswordSignIn, request: Request) -> SessionGrant:
    return _services(request).auth.password_sign_in(body.identifier, body.password,
                                                    body.new_password, _workstation(request))


@router.put("/v1/auth/password", status_code=204, tags=["auth"])
def set_password(body: NewPassword, request: Request,
                 session: SessionContext = Depends(current_session)) -> Response:
    """Choose the account's password from a card session (also what lifts a "not me" suspension)."""
    _services(request).auth.set_password_with_card(session, body.new_password)
    return Response(status_code=204)


@router.get("/v1/auth/logins", response_model=LoginList, tags=["auth"])
def logins(request: Request, session: SessionContext = Depends(current_session)) -> LoginList:
    rows = access.storage(request).sign_in.logins(session.professional_id, limit=50)
    return LoginList(items=[Login(id=r["id"], at=utc(r["at"]), method=r["method"],
                                  workstation=r["workstation"], reported_not_me=r["not_me_at"] is not None)
                            for r in rows])


@router.post("/v1/auth/logins/{login_id}/not-me", status_code=204, tags=["auth"])
def not_me(request: Request, login_id: int = Path(ge=1, le=2**62),
           session: SessionContext = Depends(current_session)) -> Response:
    _services(request).auth.report_not_me(session, login_id)
    return Response(status_code=204)


@router.get("/v1/me", response_model=Me, tags=["account"])
def me(request: Request, session: SessionContext = Depends(require_scope("me"))) -> Me:
    storage = access.storage(request)
    row = storage.accounts.profile(session.professional_id)
    situations = storage.accounts.situations(session.professional_id)
    national_id = row["national_id"]
    return Me(national_id=national_id, rpps=national_id[1:] if national_id.startswith("8") else None,
              card_type=row["card_type"], last_name=row["last_name"], first_name=row["first_name"],
              practice=row["practice_name"],
              situations=[Situation(am_number=s["am_number"], structure=s["structure_name"], mode=s["mode"])
                          for s in situations],
              convention_sector=row["convention_sector"], bank_account=row["iban_masked"])


@router.get("/v1/delegations", response_model=DelegationList, tags=["delegations"])
def delegations(request: Request,
                session: SessionContext = Depends(require_scope("delegations"))) -> DelegationList:
    rows = access.storage(request).accounts.delegations(session.professional_id)
    return DelegationList(items=[Delegation(delegate_national_id=r["delegate_national_id"], scopes=r["scopes"].split(),
                                            delegate_name=r["delegate_name"]) for r in rows])


@router.put("/v1/delegations", response_model=DelegationList, tags=["delegations"])
def set_delegations(body: DelegationList, request: Request,
                    session: SessionContext = Depends(require_scope("delegations"))) -> DelegationList:
    """Replace the list of CPE cards the titular delegates to, and what each may do."""
    if session.kind != "card" or session.card_type != "CPS":
        raise Problem(403, "card-required", "Forbidden",
                      "Seul le titulaire, connecté avec sa carte CPS, déclare les délégations.")
    delegates = [d.delegate_national_id for d in body.items]
    if len(set(delegates)) != len(delegates):
        raise Problem(422, "delegation-duplicate", "Invalid request",
                      "Une même carte CPE figure deux fois dans la liste des délégations.")
    access.storage(request).accounts.replace_delegations(
        session.professional_id, [(d.delegate_national_id, frozenset(d.scopes) & DELEGABLE) for d in body.items])
    return delegations(request, session)
