"""SCOR reception routes (``/v1/documents``): declare, upload in resumable chunks, complete, look up.

::

    POST /v1/documents                  declare {"id", "sha256", "size", "pages", "invoice"} -> state
                                        (201 the first time, 200 for the same declaration again)
    HEAD /v1/documents/{id}/content     Upload-Offset: bytes held (where to resume)
    PUT  /v1/documents/{id}/content     Content-Range: bytes START-END/TOTAL (END inclusive) -> 204,
                                        Upload-Offset; a chunk already held again -> 204 (no-op);
                                        START other than the offset -> 409 with Upload-Offset
    POST /v1/documents/{id}/complete    checks -> {"id", "status": accepted|rejected, "reason"}
    GET  /v1/documents/{id}             -> {"id", "status", "reason"}
    GET  /v1/documents                  the practice's documents, paged by change sequence (a
                                        secretary's CPE: only those she declared)
    GET  /v1/documents/awaiting         the practice's degraded invoices awaiting their document, with
                                        their batch's ARL, paged by change sequence (justified ones
                                        come once more with ``justified: true``)

Documents belong to the session's practice; another practice's document answers as an unknown one (404)
— except on declaration, where a taken id is a 409 whoever holds it, saying nothing of the holder.
Every route needs the ``documents`` scope. A declaration past the practice's bounds on unfinished
uploads is a 409 ``too-many-unfinished-uploads``; an unfinished upload left idle is purged after a
while (see :mod:`documents`), and declaring it again starts it afresh. A declaration for a degraded
invoice whose batch has no positive ARL is a 409 ``batch-not-acknowledged`` (the client keeps the
document and tries again later); a document whose invoice is not one of the practice's degraded
invoices awaiting a document is rejected at completion, with the reason.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from starlette.concurrency import run_in_threadpool

from sync.protocol.documents import (DOCUMENT_ID_PATTERN, MAX_DOCUMENT_SIZE, AwaitingInvoice, AwaitingInvoicesPage,
                                    DocumentDeclaration, DocumentInfo, DocumentsPage, DocumentState, DocumentStatus,
                                    InvoiceRef)
from . import access
from .dates import utc
from .documents import Document, DocumentError
from .ids import check_nir
from .paging import PAGE_RESPONSES, Cursor, Limit, cursor_page, decode_cursor
from .problems import Problem
from .sessions import SessionContext, require_scope
from .storage import Documents, Row

__all__ = ["router", "document_store"]

router = APIRouter(prefix="/v1/documents", tags=["documents"])

Session = Annotated[SessionContext, Depends(require_scope("documents"))]
DocumentId = Annotated[str, Path(pattern=DOCUMENT_ID_PATTERN, max_length=64,
                                 description="The id the client chose when declaring the document.")]

_CONTENT_RANGE = re.compile(r"bytes ([0-9]{1,12})-([0-9]{1,12})/([0-9]{1,12})")

_OFFSET_HEADER = {"Upload-Offset": {"description": "Bytes held: resume the upload from there.",
                                    "schema": {"type": "integer"}}}


def document_store(request: Request) -> Documents:
    return access.storage(request).documents


def _state(document: Document) -> DocumentState:
    return DocumentState(id=document.id, status=document.status, reason=document.reason)  # type: ignore[arg-type]


def _info(document: Document) -> DocumentInfo:
    return DocumentInfo(
        id=document.id, status=document.status, reason=document.reason, seq=document.seq,  # type: ignore[arg-type]
        sha256=document.sha256, size=document.size, pages=document.pages,
        invoice=InvoiceRef(batch=document.invoice_batch, number=document.invoice_number,
                           nir=document.invoice_nir, date=document.invoice_date),
        declared_at=utc(document.declared_at),
        received_at=utc(document.received_at) if document.received_at is not None else None,
        ack_id=document.ack_id)


# --- declare ---------------------------------------------------------------------------------------


@router.post("", response_model=DocumentState, status_code=201,
             responses={200: {"model": DocumentState, "description": "Declared before: nothing changed."},
                        409: {"description": "This id is already used for another document, the practice "
                                              "holds too many unfinished uploads, or the invoice's batch has "
                                              "no positive ARL (batch-not-acknowledged)."}},
             summary="Declare a justifying document (SCOR) before uploading it")
def declare(request: Request, session: Session, declaration: DocumentDeclaration,
            response: Response) -> DocumentState:
    try:
        nir = check_nir(declaration.invoice.nir)
    except ValueError as error:
        raise Problem(422, "invalid-nir", "Invalid NIR", str(error)) from None
    document, created = document_store(request).declare(
        session.practice_id, session.professional_id, client_id=declaration.id,
        sha256=declaration.sha256, size=declaration.size, pages=declaration.pages,
        invoice_batch=declaration.invoice.batch, invoice_number=declaration.invoice.number,
        invoice_nir=nir, invoice_date=declaration.invoice.date.isoformat())
    response.status_code = 201 if created else 200
    return _state(document)


# --- upload ----------------------------------------------------------------------------------------


@router.head("/{id}/content", status_code=200,
             responses={200: {"description": "The bytes held.", "headers": _OFFSET_HEADER}},
             summary="Where to resume an upload")
def upload_offset(request: Request, session: Session, id: DocumentId) -> Response:  # noqa: A002
    document, offset = document_store(request).offset(session.practice_id, id)
    return Response(status_code=200, headers={"Upload-Offset": str(offset), "Upload-Length": str(document.size),
                                              "Cache-Control": "no-store"})


def _content_range(header: str | None) -> tuple[int, int, int]:
    match = _CONTENT_RANGE.fullmatch((header or "").strip())
    if not match:
        raise Problem(400, "invalid-content-range", "Invalid Content-Range",
                      "L'en-tête Content-Range doit avoir la forme « bytes DÉBUT-FIN/TOTAL ».")
    start, end, total = (int(group) for group in match.groups())
    if start > end:
        raise Problem(400, "invalid-content-range", "Invalid Content-Range",
                      "Dans l'en-tête Content-Range, le début dépasse la fin.")
    return start, end, total


def _length_mismatch(expected: int) -> Problem:
    return Problem(400, "body-length-mismatch", "Body length mismatch",
                   f"Le corps de la requête doit contenir exactement les {expected} octets indiqués "
                   f"par Content-Range.")


@router.put("/{id}/content", status_code=204,
            responses={204: {"description": "Chunk stored (or already held).", "headers": _OFFSET_HEADER},
                       409: {"description": "Not at the offset (see Upload-Offset), or upload completed."}},
            openapi_extra={"requestBody": {"required": True, "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
            summary="Upload a chunk of the document")
async def upload_chunk(
    request: Request,
    session: Session,
    id: DocumentId,  # noqa: A002
    content_range: Annotated[str | None, Header(alias="Content-Range", max_length=100,
                                                description="bytes START-END/TOTAL, END inclusive")] = None,
) -> Response:
    start, end, total = _content_range(content_range)
    expected = end - start + 1
    declared_length = request.headers.get("content-length")
    if declared_length is not None and declared_length.strip() != str(expected):
        raise _length_mismatch(expected)
    store = await run_in_threadpool(document_store, request)
    try:
        # decided before the body is read: a refused or already-held chunk is not stored
        _, offset, needed = await run_in_threadpool(store.check_chunk, session.practice_id, id, start, end, total)
    except DocumentError:
        await _drain(request, min(expected, MAX_DOCUMENT_SIZE))
        raise
    if not needed:
        await _drain(request, expected)
        return Response(status_code=204, headers={"Upload-Offset": str(offset)})
    body = bytearray()
    async for piece in request.stream():
        body += piece
        if len(body) > expected:
            raise _length_mismatch(expected)
    if len(body) != expected:
        raise _length_mismatch(expected)
    offset = await run_in_threadpool(store.append, session.practice_id, id, start, end, total, bytes(body))
    return Response(status_code=204, headers={"Upload-Offset": str(offset)})


async def _drain(request: Request, limit: int) -> None:
    """Read and drop the body of a request answered without it (up to ``limit`` bytes), so that the
    client reads the answer instead of a connection reset while it is still sending."""
    received = 0
    async for piece in request.stream():
        received += len(piece)
        if received > limit:
            break


# --- complete and look up --------------------------------------------------------------------------


@router.post("/{id}/complete", response_model=DocumentState,
             responses={409: {"description": "Bytes are missing (see Upload-Offset)."}},
             summary="Check the uploaded document: accepted or rejected with a reason")
def complete(request: Request, session: Session, id: DocumentId) -> DocumentState:  # noqa: A002
    return _state(document_store(request).complete(session.practice_id, id))


def _awaiting(row: Row) -> AwaitingInvoice:
    return AwaitingInvoice(
        id=row["id"], seq=row["seq"], batch=row["batch"], number=row["number"], nir=row["nir"],
        patient_name=row["patient_name"], care_date=row["care_date"], amount_cents=row["amount_cents"],
        arl=row["arl"], arl_at=utc(row["arl_at"]) if row["arl_at"] is not None else None,
        arl_reason=row["arl_reason"], justified=row["justified_by"] is not None)


# before /{id}: "awaiting" is a valid document id too
@router.get("/awaiting", response_model=AwaitingInvoicesPage, responses=PAGE_RESPONSES,
            summary="The practice's degraded invoices awaiting their justifying document, with their batch's "
                    "ARL, in change order (a cursor for incremental sync)")
def awaiting_invoices(request: Request, session: Session, cursor: Cursor = None, limit: Limit = 100) -> Response:
    after = decode_cursor(cursor)
    rows = access.storage(request).awaiting.awaiting(session.practice_id, after, limit + 1)
    return cursor_page(request, AwaitingInvoicesPage, rows, limit=limit, after=after, cursor=cursor,
                       items=lambda page: [_awaiting(row) for row in page])


@router.get("/{id}", response_model=DocumentState, summary="A document's status")
def document_status(request: Request, session: Session, id: DocumentId) -> DocumentState:  # noqa: A002
    return _state(document_store(request).get(session.practice_id, id))


@router.get("", response_model=DocumentsPage, responses=PAGE_RESPONSES,
            summary="The practice's documents, in change order (a cursor for incremental sync); a secretary "
                    "(CPE) gets those she declared")
def documents(
    request: Request,
    session: Session,
    cursor: Cursor = None,
    limit: Limit = 100,
    status: DocumentStatus | None = None,
) -> Response:
    after = decode_cursor(cursor)
    # a secretary follows her own uploads; the other documents' invoices and NIRs are not hers to read
    declared_by = session.professional_id if session.card_type == "CPE" else None
    rows = document_store(request).page(session.practice_id, after, limit + 1, status, declared_by)
    return cursor_page(request, DocumentsPage, rows, limit=limit, after=after, cursor=cursor,
                       items=lambda page: [_info(row) for row in page])
