"""Fault injection for tests and the demo: a maintenance window, slow and failed requests.

The real back office is unstable at times and maintained during office hours (DOMAIN.md); Cabinet's
sync must live with it, so the reference back office can behave the same on demand. A TOML file
(``--faults``)::

    maintenance = [{start = "2026-11-30T12:00:00+01:00", end = "2026-11-30T14:00:00+01:00"}]
    slow_share = 0.1        # this share of requests waits slow_seconds first
    slow_seconds = 2.0
    fail_share = 0.05       # this share answers 503
    seed = 7                # the same seed gives the same faults, request after request

Only ``/v1/`` is affected; ``/openapi.json`` always answers.
"""

from __future__ import annotations

import asyncio
import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .problems import Problem

__all__ = ["FaultConfig", "load_faults", "FaultMiddleware"]


@dataclass(frozen=True)
class FaultConfig:
    maintenance: tuple[tuple[float, float], ...] = ()  # (start, end) epoch seconds
    slow_share: float = 0.0
    slow_seconds: float = 1.0
    fail_share: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("slow_share", "fail_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if any(end <= start for start, end in self.maintenance):
            raise ValueError("a maintenance window must end after it starts")


def load_faults(path: Path) -> FaultConfig:
    """Read a fault file; ValueError naming the file when it is not one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        windows = tuple(
            (datetime.fromisoformat(w["start"]).timestamp(), datetime.fromisoformat(w["end"]).timestamp())
            for w in data.get("maintenance", ())
        )
        return FaultConfig(maintenance=windows, slow_share=float(data.get("slow_share", 0.0)),
                           slow_seconds=float(data.get("slow_seconds", 1.0)),
                           fail_share=float(data.get("fail_share", 0.0)), seed=int(data.get("seed", 0)))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: not a fault file: {error}") from error


class FaultMiddleware:
    """ASGI middleware answering 503 (with Retry-After) in maintenance or for a share of requests."""

    def __init__(self, app, faults: FaultConfig, clock: Callable[[], float]) -> None:  # noqa: ANN001 (ASGI app)
        self.app, self.faults, self.clock = app, faults, clock
        self.random = random.Random(faults.seed)

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        now = self.clock()
        for start, end in self.faults.maintenance:
            if start <= now < end:
                wait = int(end - now) + 1
                await _send(Problem(503, "maintenance", "Maintenance",
                                    "Le service est en maintenance : il sera de retour dans "
                                    f"{wait} secondes. Vos données restent consultables hors ligne.",
                                    headers={"Retry-After": str(wait)}), scope, receive, send)
                return
        if self.random.random() < self.faults.fail_share:
            await _send(Problem(503, "unavailable", "Service unavailable",
                                "Le service est momentanément indisponible : réessayez.",
                                headers={"Retry-After": "1"}), scope, receive, send)
            return
        if self.random.random() < self.faults.slow_share:
            await asyncio.sleep(self.faults.slow_seconds)
        await self.app(scope, receive, send)


async def _send(problem: Problem, scope, receive, send) -> None:  # noqa: ANN001
    await problem.response()(scope, receive, send)


