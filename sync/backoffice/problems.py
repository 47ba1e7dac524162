"""RFC 9457 errors: ``application/problem+json`` with a stable ``type`` and a French ``detail``.

The routes raise :class:`Problem` for what HTTP itself refuses; the rules and the storage raise domain
errors (:class:`errors.DomainError`), each answered through the one table :data:`DOMAIN_PROBLEMS`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import documents as doc
from . import service_rules as rules
from .errors import DomainError

__all__ = ["Problem", "PROBLEM_BASE", "DOMAIN_PROBLEMS", "problem_of", "install_problem_handlers"]

PROBLEM_BASE = "https://cabinet.example/problems/"


class Problem(Exception):
    """Raise to answer ``status`` with the problem ``slug`` (its stable type) and a French detail."""

    def __init__(self, status: int, slug: str, title: str, detail: str,
                 headers: dict[str, str] | None = None, **extra: object) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.headers = headers or {}
        self.extra = extra

    def response(self) -> JSONResponse:
        body = {"type": PROBLEM_BASE + self.slug, "title": self.title, "status": self.status,
                "detail": self.detail, **self.extra}
        return JSONResponse(body, status_code=self.status, headers=self.headers,
                            media_type="application/problem+json")


#: every domain error, as (status, slug, title) of its problem
DOMAIN_PROBLEMS: dict[type[DomainError], tuple[int, str, str]] = {
    doc.UnknownDocument: (404, "document-unknown", "Unknown document"),
    doc.IdConflict: (409, "document-id-conflict", "Document id already used"),
    doc.AlreadyCompleted: (409, "document-completed", "Upload already completed"),
    doc.OffsetMismatch: (409, "upload-offset-mismatch", "Upload offset mismatch"),
    doc.UploadIncomplete: (409, "upload-incomplete", "Upload incomplete"),
    doc.SizeMismatch: (422, "content-range-mismatch", "Content-Range does not match the document"),
    doc.TooManyUnfinished: (409, "too-many-unfinished-uploads", "Too many unfinished uploads"),
    doc.BatchNotAcknowledged: (409, "batch-not-acknowledged", "Batch not acknowledged"),
    rules.InvalidOrder: (422, "invalid-order", "Invalid order"),
    rules.ClientIdTaken: (409, "client-id-taken", "Client id already used"),
    rules.UnknownOrder: (404, "order-unknown", "Unknown order"),
    rules.OrderDispatched: (409, "order-dispatched", "Order already dispatched"),
    rules.OrderCancelled: (409, "order-cancelled", "Order cancelled"),
    rules.UnknownThread: (404, "thread-unknown", "Unknown thread"),
}


def problem_of(error: DomainError) -> Problem:
    """The HTTP answer to a domain error (an upload's refusal says where to resume: ``Upload-Offset``)."""
    status, slug, title = DOMAIN_PROBLEMS[type(error)]
    offset = getattr(error, "offset", None)
    headers = {"Upload-Offset": str(offset)} if offset is not None else None
    return Problem(status, slug, title, error.detail, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_: Request, problem: Problem) -> JSONResponse:
        return problem.response()

    @app.exception_handler(DomainError)
    async def _refused(_: Request, error: DomainError) -> JSONResponse:
        return problem_of(error).response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        fields = [".".join(str(p) for p in e.get("loc", ())) for e in error.errors()]
        return Problem(422, "invalid-request", "Invalid request",
                       "La requête est mal formée : " + ", ".join(fields) + ".").response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        slug = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "http-error")
        detail = {404: "Cette ressource n'existe pas.",
                  405: "Cette méthode n'est pas permise ici."}.get(error.status_code, str(error.detail))
        return Problem(error.status_code, slug, str(error.detail), detail).response()
