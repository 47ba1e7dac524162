"""Routes of the services: forms catalogue and orders, messages with the fund, activity figures, a
patient's reimbursement history and the event feed.

Same rules as :mod:`routes_data`: everything is limited to the session's practice and to the
professionals whose data it may see (a doctor: his own; a CPE card: the doctors who delegated the
scope to it); lists are pages in ``seq`` order with the same opaque cursor; reads carry an ETag.
Writes take a client-chosen ``client_id`` and are idempotent on it. Time comes from the app's clock
(``config.clock``), so tests move it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from sync.protocol.services import (Activity, ActivityFamily, ActivityMonth, Event, EventKind, EventsPage, FormOrder,
                                    FormOrdersPage, FormsCatalog, FormSpec, Indicator, Message, MessageIn, Optam,
                                    OrderIn, OrderLine, OrderPatch, OrderStatus, Reimbursement, ReimbursementHistory,
                                    Thread, ThreadIn, ThreadsPage, ThreadStatus)

from . import access
from . import service_rules as rules
from .access import storage
from .dates import month_start, utc, year_before
from .ids import check_nir
from .paging import PAGE_RESPONSES, Cursor, Limit, cacheable, cursor_page, decode_cursor, empty_page
from .problems import Problem
from .sessions import SessionContext, require_scope
from .storage import Row

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["services"])

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown or not visible to this session (problem+json)."},
    409: {"description": "The order is dispatched or cancelled, or the client id is taken (problem+json)."},
    422: {"description": "Invalid body, form or quantity (problem+json)."},
}


def _delay(request: Request) -> float:
    return float(getattr(request.app.state.services.config, "order_dispatch_delay", rules.DISPATCH_DELAY))


def _json(model: BaseModel, status: int, location: str | None = None) -> JSONResponse:
    headers = {"Location": location} if location else None
    return JSONResponse(model.model_dump(mode="json"), status_code=status, headers=headers)


def _acting_for(request: Request, session: SessionContext, scope: str, professional: str | None
                ) -> tuple[int, dict[int, str]]:
    """The doctor a write is for, and every doctor the session may act for with ``scope``."""
    owners = access.owners(request, session, scope)
    if not owners:
        raise Problem(403, "no-delegation", "Forbidden",
                      "Aucun médecin du cabinet ne vous a délégué cette fonction.")
    if professional is not None:
        for owner_id, national_id in owners.items():
            if national_id == professional:
                return owner_id, owners
        raise Problem(403, "not-delegated", "Forbidden",
                      "Ce médecin ne vous a pas délégué cette fonction, ou n'exerce pas dans votre cabinet.")
    if session.professional_id in owners:
        return session.professional_id, owners
    if len(owners) == 1:
        return next(iter(owners)), owners
    raise Problem(422, "professional-required", "Professional required",
                  "Plusieurs médecins vous ont délégué cette fonction : précisez pour lequel vous agissez.")


def _catch_up(request: Request, practice_id: int) -> None:
    """Move what time has made due: dispatched orders, ALD entering their last 90 days (with events)."""
    storage(request).events.catch_up(practice_id, access.now(request), access.today(request), _delay(request))


# --- forms -----------------------------------------------------------------------------------------


@router.get("/forms/catalog", response_model=FormsCatalog, responses=PAGE_RESPONSES,
            summary="The paper forms a practice can order, with their CERFA numbers and quantities")
def forms_catalog(request: Request, session: Annotated[SessionContext, Depends(require_scope("forms"))]) -> Response:
    items = [FormSpec(id=f.id, title=f.title, cerfa=f.cerfa, description=f.description, unit=f.unit,
                      quantities=list(f.quantities)) for f in rules.FORMS]
    return cacheable(request, FormsCatalog(items=items))


def _order_models(request: Request, rows: Sequence[Row], owners: dict[int, str]) -> list[FormOrder]:
    lines = storage(request).forms.order_lines([row["id"] for row in rows])
    names = dict(owners)
    names.update(storage(request).accounts.national_ids({row["placed_by"] for row in rows} - set(owners)))
    delay = _delay(request)
    result = []
    for row in rows:
        result.append(FormOrder(
            id=row["id"], seq=row["seq"], client_id=row["client_id"], professional=owners[row["professional_id"]],
            placed_by=names[row["placed_by"]], status=row["status"], placed_at=utc(row["placed_at"]),
            modifiable_until=utc(row["placed_at"] + delay) if row["status"] == "placed" else None,
            dispatched_at=utc(row["dispatched_at"]) if row["dispatched_at"] is not None else None,
            cancelled_at=utc(row["cancelled_at"]) if row["cancelled_at"] is not None else None,
            lines=[OrderLine(form=form, title=rules.FORMS_BY_ID[form].title, cerfa=rules.FORMS_BY_ID[form].cerfa,
                             quantity=quantity) for form, quantity in lines[row["id"]].items()]))
    return result


def _one_order(request: Request, order_id: int, owners: dict[int, str]) -> FormOrder:
    return _order_models(request, [storage(request).forms.form_order(order_id)], owners)[0]


@router.get("/forms/orders", response_model=FormOrdersPage, responses=PAGE_RESPONSES,
            summary="Form orders, newest changes last (history and incremental sync)")
def form_orders(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("forms"))],
    cursor: Cursor = None,
    limit: Limit = 100,
    status: OrderStatus | None = None,
) -> Response:
    after = decode_cursor(cursor)
    owners = access.owners(request, session, "forms")
    if not owners:
        return empty_page(request, FormOrdersPage, cursor)
    _catch_up(request, session.practice_id)
    rows = storage(request).forms.form_orders(owners, session.practice_id, after, limit + 1, status)
    return cursor_page(request, FormOrdersPage, rows, limit=limit, after=after, cursor=cursor,
                       items=lambda page: _order_models(request, page, owners))


@router.post("/forms/orders", response_model=FormOrder, status_code=201, responses=_PROBLEMS,
             summary="Order forms (idempotent on client_id: 201 when created, 200 when it already was)")
def place_order(request: Request, session: Annotated[SessionContext, Depends(require_scope("forms"))],
                order: OrderIn) -> JSONResponse:
    lines = rules.check_lines([(line.form, line.quantity) for line in order.lines])
    owner, owners = _acting_for(request, session, "forms", order.professional)
    order_id, created = storage(request).forms.place_order(
        practice_id=session.practice_id, professional_id=owner, placed_by=session.professional_id,
        client_id=order.client_id, lines=lines, now=access.now(request), visible=set(owners))
    _catch_up(request, session.practice_id)
    return _json(_one_order(request, order_id, owners), 201 if created else 200, f"/v1/forms/orders/{order_id}")


OrderId = Annotated[int, Path(ge=1, le=2**62)]


@router.patch("/forms/orders/{order_id}", response_model=FormOrder, responses=_PROBLEMS,
              summary="Change quantities (0 removes a line) while the order is not dispatched")
def change_order(request: Request, session: Annotated[SessionContext, Depends(require_scope("forms"))],
                 order_id: OrderId, patch: OrderPatch) -> JSONResponse:
    changes = rules.check_lines([(line.form, line.quantity) for line in patch.lines], removals=True)
    owners = access.owners(request, session, "forms")
    storage(request).forms.change_order(order_id=order_id, practice_id=session.practice_id, visible=set(owners),
                                  changes=changes, now=access.now(request), delay=_delay(request))
    return _json(_one_order(request, order_id, owners), 200)


@router.post("/forms/orders/{order_id}/cancel", response_model=FormOrder, responses=_PROBLEMS,
             summary="Cancel an order that is not dispatched (cancelling again is a no-op)")
def cancel_order(request: Request, session: Annotated[SessionContext, Depends(require_scope("forms"))],
                 order_id: OrderId) -> JSONResponse:
    owners = access.owners(request, session, "forms")
    storage(request).forms.cancel_order(order_id=order_id, practice_id=session.practice_id, visible=set(owners),
                                  now=access.now(request), delay=_delay(request))
    return _json(_one_order(request, order_id, owners), 200)


# --- messages --------------------------------------------------------------------------------------


def _thread_models(request: Request, rows: Sequence[Row], owners: dict[int, str]) -> list[Thread]:
    messages = storage(request).messages.thread_messages([row["id"] for row in rows])
    return [Thread(
        id=row["id"], seq=row["seq"], client_id=row["client_id"], professional=owners[row["professional_id"]],
        subject=row["subject"], reason=row["reason"], reason_label=rules.REASONS[row["reason"]], status=row["status"],
        answer_due_on=row["answer_due_on"], created_at=utc(row["created_at"]),
        updated_at=utc(row["updated_at"]),
        messages=[Message(id=m["id"], direction=m["direction"], author=m["author"], body=m["body"],
                          sent_at=utc(m["sent_at"]), answer_due_on=m["answer_due_on"])
                  for m in messages[row["id"]]]) for row in rows]


def _one_thread(request: Request, thread_id: int, owners: dict[int, str]) -> Thread:
    return _thread_models(request, [storage(request).messages.thread(thread_id)], owners)[0]


@router.get("/messages", response_model=ThreadsPage, responses=PAGE_RESPONSES,
            summary="Message threads with the fund, with their messages")
def threads(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("messages"))],
    cursor: Cursor = None,
    limit: Limit = 50,
    status: ThreadStatus | None = None,
) -> Response:
    after = decode_cursor(cursor)
    owners = access.owners(request, session, "messages")
    if not owners:
        return empty_page(request, ThreadsPage, cursor)
    rows = storage(request).messages.threads(owners, session.practice_id, after, limit + 1, status)
    return cursor_page(request, ThreadsPage, rows, limit=limit, after=after, cursor=cursor,
                       items=lambda page: _thread_models(request, page, owners))


@router.post("/messages", response_model=Thread, status_code=201, responses=_PROBLEMS,
             summary="Write to the fund: a new thread (idempotent on client_id)")
def open_thread(request: Request, session: Annotated[SessionContext, Depends(require_scope("messages"))],
                thread: ThreadIn) -> JSONResponse:
    owner, owners = _acting_for(request, session, "messages", thread.professional)
    thread_id, created = storage(request).messages.open_thread(
        practice_id=session.practice_id, professional_id=owner, author_id=session.professional_id,
        client_id=thread.client_id, subject=thread.subject, reason=thread.reason, body=thread.body,
        now=access.now(request), visible=set(owners))
    return _json(_one_thread(request, thread_id, owners), 201 if created else 200, f"/v1/messages/{thread_id}")


@router.post("/messages/{thread_id}", response_model=Thread, status_code=201, responses=_PROBLEMS,
             summary="Add a message to a thread (idempotent on client_id)")
def add_message(request: Request, session: Annotated[SessionContext, Depends(require_scope("messages"))],
                thread_id: Annotated[int, Path(ge=1, le=2**62)], message: MessageIn) -> JSONResponse:
    owners = access.owners(request, session, "messages")
    added = storage(request).messages.add_message(
        thread_id=thread_id, practice_id=session.practice_id, visible=set(owners), author_id=session.professional_id,
        client_id=message.client_id, body=message.body, now=access.now(request))
    return _json(_one_thread(request, thread_id, owners), 201 if added else 200)


# --- activity --------------------------------------------------------------------------------------

_FAMILIES = [("consultation", "Consultations"), ("long_consultation", "Consultations longues ou complexes"),
             ("visit", "Visites à domicile"), ("teleconsultation", "Téléconsultations"),
             ("technical", "Actes techniques (CCAM)"), ("other", "Autres actes")]
_CCAM = re.compile(r"[A-Z]{4}\d{3}")


def act_family(code: str) -> str:
    base = code.split("+")[0]
    if _CCAM.fullmatch(base):
        return "technical"
    if base in ("APC", "COE", "CCP", "CSO", "CSE", "CCX"):
        return "long_consultation"
    if base.startswith("V"):
        return "visit"
    if base.startswith("T"):
        return "teleconsultation"
    if base in ("G", "GS", "C", "CS"):
        return "consultation"
    return "other"


@router.get("/activity", response_model=Activity, responses=PAGE_RESPONSES,
            summary="The doctor's monthly activity and contract indicators (for charts)")
def activity(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("activity"))],
    months: Annotated[int, Query(ge=12, le=27, description="How many months, the current one included.")] = 12,
) -> Response:
    store, today, me = storage(request).activity, access.today(request), session.professional_id
    first = month_start(today, months - 1)
    keys = [month_start(today, back).strftime("%Y-%m") for back in range(months - 1, -1, -1)]
    figures: dict[str, dict[str, Any]] = {
        key: {"acts": 0, "families": {code: 0 for code, _ in _FAMILIES}, "fees": 0, "tp": 0, "patients": 0}
        for key in keys}
    for row in store.acts_by_month(me, session.practice_id, first, today):
        month = figures[row["month"]]
        month["acts"] += row["acts"]
        month["families"][act_family(row["act_code"])] += row["acts"]
        month["fees"] += row["fees"]
        month["tp"] += row["tp"]
    for month, seen in store.patients_by_month(me, session.practice_id, first, today).items():
        figures[month]["patients"] = seen
    declared = sorted(d or "0000-00-00" for d in store.treating_declarations(me, session.practice_id))
    items = []
    for index, key in enumerate(keys):
        f = figures[key]
        month_end = (month_start(today, -1) if index == len(keys) - 1
                     else date.fromisoformat(keys[index + 1] + "-01")) - timedelta(days=1)
        items.append(ActivityMonth(
            month=key, partial=index == len(keys) - 1, acts=f["acts"], acts_by_family=f["families"],
            fees_cents=f["fees"], patients_seen=f["patients"],
            tiers_payant_share=round(f["tp"] / f["acts"], 4) if f["acts"] else 0.0,
            treating_patients=bisect_right(declared, min(month_end, today).isoformat())))
    indicators = [Indicator(
        program=row["program"], code=row["code"], label=row["label"], period=row["period"], value=row["value"],
        target=row["target"], unit=row["unit"], higher_is_better=bool(row["higher_is_better"]),
        reached=(row["value"] >= row["target"]) if row["higher_is_better"] else (row["value"] <= row["target"]))
        for row in store.contract_indicators(me, session.practice_id)]
    pro = store.optam(me)
    optam = Optam(applicable=pro["convention_sector"] == "2", adherent=bool(pro["adherent"]), since=pro["since"])
    return cacheable(request, Activity(professional=pro["national_id"], as_of=today,
                                        families=[ActivityFamily(code=c, label=label) for c, label in _FAMILIES],
                                        months=items, indicators=indicators, optam=optam))


# --- reimbursement history -------------------------------------------------------------------------


@router.get("/patients/{nir}/history", response_model=ReimbursementHistory,
            responses={403: {"description": "Not a doctor's card session, or not the patient's Vitale card "
                                            "(problem+json)."},
                       428: {"description": "The patient's consent or Vitale card is missing (problem+json)."}},
            summary="12 months of reimbursements of a patient: doctor's card, Vitale card and consent")
def patient_history(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("medical"))],
    nir: Annotated[str, Path(max_length=40, description="15 characters; spaces allowed.")],
    vitale_serial: Annotated[str | None, Query(pattern=r"^\d{10}$",
                                               description="Serial number of the patient's carte Vitale.")] = None,
    consent: Annotated[bool, Query(description="The patient consented to this consultation.")] = False,
) -> Response:
    if session.kind != "card":
        raise Problem(403, "card-required", "Card required",
                      "L'historique des remboursements n'est accessible qu'avec votre carte CPS insérée : "
                      "une connexion par mot de passe ne suffit pas.")
    if session.card_type not in ("CPS", "CPF"):
        raise Problem(403, "doctor-only", "Forbidden",
                      "L'historique des remboursements est réservé au médecin, connecté avec sa carte CPS.")
    if not consent:
        raise Problem(428, "consent-required", "Patient consent required",
                      "Le consentement du patient est requis : demandez-lui son accord avant de consulter "
                      "l'historique de ses remboursements.")
    if vitale_serial is None:
        raise Problem(428, "vitale-required", "Vitale card required",
                      "La carte Vitale du patient est requise : insérez-la dans le lecteur.")
    try:
        nir = check_nir(nir)
    except ValueError as error:
        raise Problem(422, "invalid-nir", "Invalid NIR", str(error)) from None
    patient = storage(request).practice.patient(session.practice_id, nir)
    if patient is None:
        raise Problem(404, "patient-unknown", "Unknown patient",
                      "Aucun patient de votre cabinet n'est enregistré sous ce NIR.")
    if not storage(request).practice.vitale_card_carries(vitale_serial, nir):
        raise Problem(403, "vitale-mismatch", "Not the patient's Vitale card",
                      "Cette carte Vitale n'est pas celle de ce patient : insérez sa propre carte Vitale "
                      "pour consulter l'historique de ses remboursements.")
    today = access.today(request)
    since = year_before(today)
    storage(request).history.log_history_access(session.professional_id, nir, vitale_serial, access.now(request))
    rows = storage(request).history.reimbursements(session.practice_id, nir, since, today)
    totals = {category: 0 for category in rules.CATEGORIES}
    for row in rows:
        totals[row["category"]] += row["reimbursed_cents"]
    history = ReimbursementHistory(
        nir=nir, last_name=patient["last_name"], first_name=patient["first_name"], birth_date=patient["birth_date"],
        as_of=today, date_from=since, date_to=today, reimbursed_by_category=totals,
        items=[Reimbursement(care_date=r["care_date"], category=r["category"], label=r["label"], provider=r["provider"],
                             billed_cents=r["billed_cents"], reimbursed_cents=r["reimbursed_cents"],
                             paid_on=r["paid_on"]) for r in rows])
    response = cacheable(request, history)
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- events ----------------------------------------------------------------------------------------


@router.get("/events", response_model=EventsPage, responses=PAGE_RESPONSES,
            summary="Change feed: new rejects, ALD due, answers of the fund, SCOR documents, dispatched orders")
def events(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("events"))],
    cursor: Cursor = None,
    limit: Limit = 100,
    kind: EventKind | None = None,
) -> Response:
    after = decode_cursor(cursor)
    owners = access.owners(request, session, "events")
    if not owners:
        return empty_page(request, EventsPage, cursor)
    _catch_up(request, session.practice_id)
    rows = storage(request).events.events(owners, session.practice_id, after, limit + 1, kind)

    def items(page: Sequence[Row]) -> list[Event]:
        return [Event(seq=row["seq"], at=utc(row["at"]), kind=row["kind"], ref=row["ref"], summary=row["summary"],
                      professional=owners[row["professional_id"]]) for row in page]

    return cursor_page(request, EventsPage, rows, limit=limit, after=after, cursor=cursor, items=items)

