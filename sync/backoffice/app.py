"""The FastAPI application factory: one app per configuration, no global state."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from . import routes_auth, routes_data, routes_documents, routes_services
from .auth import Authenticator
from .config import BackofficeConfig
from .db import Database, open_database
from .documents import DocumentStore
from .faults import FaultMiddleware
from .problems import install_problem_handlers

__all__ = ["Services", "create_app"]


@dataclass
class Services:
    """What the routes reach through ``request.app.state.services``."""

    config: BackofficeConfig
    db: Database
    auth: Authenticator
    documents: DocumentStore


def create_app(config: BackofficeConfig) -> FastAPI:
    app = FastAPI(title="Cabinet reference back office", version="1",
                  description="The health-insurance back office contract that Cabinet syncs with.")
    db = open_database(config.db_path)
    app.state.services = Services(config, db, Authenticator(config, db),
                                  DocumentStore(db, config.db_path.parent / "documents", config.clock))
    install_problem_handlers(app)
    if config.faults is not None:
        app.add_middleware(FaultMiddleware, faults=config.faults, clock=config.clock)
    app.include_router(routes_auth.router)
    app.include_router(routes_data.router)
    app.include_router(routes_documents.router)
    app.include_router(routes_services.router)
    return app
