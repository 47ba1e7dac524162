"""The FastAPI application factory: one app per configuration, no global state."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from . import routes_auth, routes_data, routes_documents, routes_services
from .auth import Authenticator
from .config import BackofficeConfig
from .engines import open_storage
from .faults import FaultMiddleware
from .limits import BodyLimitMiddleware
from .problems import install_problem_handlers
from .storage import Storage

__all__ = ["Services", "create_app"]


@dataclass
class Services:
    """What the routes reach through ``request.app.state.services``."""

    config: BackofficeConfig
    storage: Storage
    auth: Authenticator


def create_app(config: BackofficeConfig) -> FastAPI:
    app = FastAPI(title="Cabinet reference back office", version="1",
                  description="The health-insurance back office contract that Cabinet syncs with.")
    storage = open_storage(config)
    app.state.services = Services(config, storage, Authenticator(config, storage))
    install_problem_handlers(app)
    if config.faults is not None:
        app.add_middleware(FaultMiddleware, faults=config.faults, clock=config.clock)
    app.add_middleware(BodyLimitMiddleware, limits=config.body_limits)  # outermost: before any body is read
    app.include_router(routes_auth.router)
    app.include_router(routes_data.router)
    app.include_router(routes_documents.router)
    app.include_router(routes_services.router)
    return app
