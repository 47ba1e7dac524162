"""Data routes: payments, rejects, ALD renewals and a patient's administrative situation.

Every query is restricted to the caller's practice and to the professionals whose data the session may
see (:func:`_owners`): a doctor sees his own; a CPE card, the titulars who delegated the scope to it; a
practice's accountant, the practice's doctors (payments only). Lists are pages in ``seq`` order (the
global change sequence) with an opaque cursor, so an incremental sync asks for "what changed since my
cursor"; each page carries an ``ETag`` and answers 304 to a matching ``If-None-Match``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel

from sync.protocol.data import (AldRenewal, AldRenewals, PatientSituation, Payment, PaymentKind, PaymentsPage,
                          Reject, RejectsPage, RejectStatus, Rights, TreatingDoctor)
from sync.protocol.search import name_words
from .ids import check_nir
from .problems import Problem
from .sessions import SessionContext, require_scope
from .storage import PaymentFilter, Row, Storage

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["data"])

try:
    _PARIS: Any = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 (no tz database: fall back to UTC)
    _PARIS = timezone.utc

_PAGE_HEADERS = {304: {"description": "Not modified: the page is the one named by If-None-Match."}}
_NIR_QUERY = re.compile(r"[0-9]{5}([0-9]{2}|2A|2B)[0-9]{6}([0-9]{2})?")


def _today(request: Request) -> date:
    return datetime.fromtimestamp(request.app.state.services.config.clock(), _PARIS).date()


def storage(request: Request) -> Storage:
    return request.app.state.services.storage


def _owners(request: Request, session: SessionContext, scope: str) -> dict[int, str]:
    """The professionals (id -> national id) whose ``scope`` data this session may see."""
    if session.card_type in ("CPS", "CPF"):
        return storage(request).national_ids([session.professional_id], session.practice_id)
    if session.card_type == "CPE":
        return {d.professional_id: d.national_id
                for d in storage(request).delegators(session.national_id, session.practice_id) if scope in d.scopes}
    if session.card_type == "ACCOUNTANT" and scope == "payments":
        return storage(request).practice_doctors(session.practice_id)
    return {}


# --- cursors and pages -----------------------------------------------------------------------------


def _encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"v": 1, "seq": seq}).encode()).decode().rstrip("=")


MAX_SEQ = 2**63 - 1  # SQLite's INTEGER is a signed 64-bit: a larger cursor cannot be compared, only refused


def _decode_cursor(cursor: str | None) -> int:
    """The ``seq`` a cursor names; 400 problem+json for anything that is not a cursor this office gave."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        seq = data["seq"]
        if data.get("v") != 1 or not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_SEQ:
            raise ValueError(cursor)
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise Problem(400, "invalid-cursor", "Invalid cursor",
                      "Ce curseur de synchronisation n'est pas valide : reprenez la synchronisation "
                      "depuis le début (sans curseur).") from None
    return seq


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


def _cacheable(request: Request, model: BaseModel) -> Response:
    """``model`` as JSON with its ETag, or 304 when the client already holds it."""
    body = model.model_dump_json().encode()
    etag = _etag(body)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type="application/json", headers=headers)


def _page(rows: list[Row], limit: int, after: int, cursor: str | None) -> tuple[list[Row], str | None, bool]:
    has_more = len(rows) > limit
    rows = rows[:limit]
    if rows:
        next_cursor: str | None = _encode_cursor(rows[-1]["seq"])
    else:
        next_cursor = _encode_cursor(after) if cursor else None
    return rows, next_cursor, has_more


Cursor = Annotated[str | None, Query(max_length=200, description="Opaque; from the previous page's next_cursor.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]


# --- payments --------------------------------------------------------------------------------------


@router.get("/payments", response_model=PaymentsPage, responses=_PAGE_HEADERS,
            summary="Payments (tiers payant, ALD, on-call duty, teletransmission help, lump sums)")
def payments(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("payments"))],
    cursor: Cursor = None,
    limit: Limit = 100,
    date_from: Annotated[date | None, Query(description="Paid on or after this date.")] = None,
    date_to: Annotated[date | None, Query(description="Paid on or before this date.")] = None,
    patient: Annotated[str | None, Query(min_length=2, max_length=100,
                                         description="Patient NIR, or whole words of the name (any order, "
                                                     "case, accents or punctuation).")] = None,
    invoice: Annotated[str | None, Query(min_length=1, max_length=20, pattern=r"^\s*\d+\s*$")] = None,
    batch: Annotated[str | None, Query(min_length=1, max_length=10, pattern=r"^\s*\d+\s*$")] = None,
    kind: PaymentKind | None = None,
) -> Response:
    if date_from and date_to and date_from > date_to:
        raise Problem(422, "invalid-request", "Invalid request",
                      "La date de début est postérieure à la date de fin.")
    after = _decode_cursor(cursor)
    owners = _owners(request, session, "payments")
    if not owners:
        return _cacheable(request, PaymentsPage(items=[], next_cursor=cursor or None, has_more=False))
    nir = nir_prefix = None
    words: list[str] = []
    if patient:
        compact = patient.replace(" ", "").upper()
        if _NIR_QUERY.fullmatch(compact):
            nir, nir_prefix = (compact, None) if len(compact) == 15 else (None, compact)
        else:
            words = name_words(patient)
            if not words:
                raise Problem(422, "invalid-request", "Invalid request",
                              "Saisissez un nom de patient ou un NIR.")
    where = PaymentFilter(date_from=date_from, date_to=date_to, kind=kind,
                          invoice_number=invoice.strip().zfill(9) if invoice else None,
                          batch_number=batch.strip().zfill(3) if batch else None,
                          patient_nir=nir, patient_nir_prefix=nir_prefix, patient_words=tuple(words))
    rows = storage(request).payments(owners, session.practice_id, after, limit + 1, where)
    rows, next_cursor, has_more = _page(rows, limit, after, cursor)
    items = [Payment(id=row["id"], seq=row["seq"], professional=owners[row["professional_id"]],
                     paid_on=row["paid_on"], kind=row["kind"], label=row["label"],
                     amount_cents=row["amount_cents"], payer=row["payer"], patient_nir=row["patient_nir"],
                     patient_name=row["patient_name"], invoice_number=row["invoice_number"],
                     batch_number=row["batch_number"]) for row in rows]
    return _cacheable(request, PaymentsPage(items=items, next_cursor=next_cursor, has_more=has_more))


# --- rejects ---------------------------------------------------------------------------------------


@router.get("/rejects", response_model=RejectsPage, responses=_PAGE_HEADERS,
            summary="Billing rejects, per invoice")
def rejects(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("rejects"))],
    cursor: Cursor = None,
    limit: Limit = 100,
    status: RejectStatus | None = None,
) -> Response:
    after = _decode_cursor(cursor)
    owners = _owners(request, session, "rejects")
    if not owners:
        return _cacheable(request, RejectsPage(items=[], next_cursor=cursor or None, has_more=False))
    rows = storage(request).rejects(owners, session.practice_id, after, limit + 1, status)
    rows, next_cursor, has_more = _page(rows, limit, after, cursor)
    items = [Reject(id=row["id"], seq=row["seq"], professional=owners[row["professional_id"]],
                    rejected_on=row["rejected_on"], batch_number=row["batch_number"],
                    invoice_number=row["invoice_number"], nir=row["nir"], birth_date=row["birth_date"],
                    act_date=row["act_date"], act_code=row["act_code"], amount_cents=row["amount_cents"],
                    reject_code=row["reject_code"], label=row["label_fr"], status=row["status"])
             for row in rows]
    return _cacheable(request, RejectsPage(items=items, next_cursor=next_cursor, has_more=has_more))


# --- ALD renewals ----------------------------------------------------------------------------------


@router.get("/ald/renewals", response_model=AldRenewals, responses=_PAGE_HEADERS,
            summary="The doctor's patients whose ALD ends soon and needs an argued renewal")
def ald_renewals(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("ald"))],
    within: Annotated[int, Query(ge=1, le=365, description="Days ahead (M-3 = 90).")] = 90,
) -> Response:
    today = _today(request)
    rows = storage(request).ald_ending(session.professional_id, session.practice_id, today,
                                       today + timedelta(days=within))
    items = [AldRenewal(nir=row["patient_nir"], last_name=row["last_name"], first_name=row["first_name"],
                        birth_date=row["birth_date"], ald_number=row["ald_number"], label=row["label"],
                        start_date=row["start_date"], end_date=row["end_date"],
                        days_left=(date.fromisoformat(row["end_date"]) - today).days) for row in rows]
    return _cacheable(request, AldRenewals(as_of=today, within_days=within, items=items))


# --- a patient's situation -------------------------------------------------------------------------


@router.get("/patients/{nir}/situation", response_model=PatientSituation,
            summary="Rights (ADRi) and médecin traitant of a patient of the practice")
def patient_situation(
    request: Request,
    session: Annotated[SessionContext, Depends(require_scope("patients"))],
    nir: Annotated[str, Path(max_length=40, description="15 characters; spaces allowed.")],
) -> PatientSituation:
    try:
        nir = check_nir(nir)
    except ValueError as error:
        raise Problem(422, "invalid-nir", "Invalid NIR", str(error)) from None
    row = storage(request).patient(session.practice_id, nir)
    if row is None:
        raise Problem(404, "patient-unknown", "Unknown patient",
                      "Aucun patient de votre cabinet n'est enregistré sous ce NIR.")
    today = _today(request)
    start = date.fromisoformat(row["rights_start"]) if row["rights_start"] else None
    end = date.fromisoformat(row["rights_end"]) if row["rights_end"] else None
    rights_open = bool(row["rights_open"]) and (start is None or start <= today) and (end is None or today <= end)
    if row["treating_doctor_id"] is not None:
        doctor: str | None = f"Dr {row['doctor_first']} {row['doctor_last']}"
    else:
        doctor = row["treating_doctor_name"]
    return PatientSituation(
        nir=row["nir"], last_name=row["last_name"], first_name=row["first_name"], birth_date=row["birth_date"],
        fund=row["fund"], as_of=today, rights=Rights(open=rights_open, start=start, end=end),
        treating_doctor=TreatingDoctor(declared=doctor is not None,
                                       is_you=row["treating_doctor_id"] == session.professional_id,
                                       name=doctor, declared_on=row["treating_declared_on"]))
