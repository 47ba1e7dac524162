"""The back office's refusals by its rules, below HTTP: the storage and the rules raise them, and
:mod:`problems` maps each type to its problem+json answer in one table."""

from __future__ import annotations

__all__ = ["DomainError"]


class DomainError(Exception):
    """A request the rules refuse, with a French ``detail`` for the person who made it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
