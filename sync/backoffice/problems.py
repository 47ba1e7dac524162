"""RFC 9457 errors: ``application/problem+json`` with a stable ``type`` and a French ``detail``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = ["Problem", "PROBLEM_BASE", "install_problem_handlers"]

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


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_: Request, problem: Problem) -> JSONResponse:
        return problem.response()

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
