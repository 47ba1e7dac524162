"""Every failure of the sync side, as one exception tree; the UI turns each leaf into a French sentence.

    SyncError
    ├── Offline              the back office cannot be reached (network down, refused, timed out)
    ├── ServerUnavailable    it answered "unavailable" (maintenance, overload); ``until`` when known
    ├── SessionExpired       the session ended (card pulled, proof missed, idle): sign in again
    ├── SignInRefused        the sign-in itself was refused; ``problem`` says why
    ├── Forbidden            signed in, but this session may not do that (a CPE without delegation)
    ├── Rejected             the server refused the request; ``problem`` has its French reason
    └── ProtocolError        the answer makes no sense (not JSON, not the contract, longer or slower
                             than the client's bounds, a cursor or an upload offset that does not move
                             on): the server's fault, not retried
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Problem", "SyncError", "Offline", "ServerUnavailable", "SessionExpired", "SignInRefused",
           "Forbidden", "Rejected", "ProtocolError"]


@dataclass(frozen=True)
class Problem:
    """An RFC 9457 answer of the back office: a stable type and a French detail."""

    status: int
    type: str
    detail: str

    @property
    def slug(self) -> str:
        return self.type.rstrip("/").rsplit("/", 1)[-1]


class SyncError(Exception):
    pass


class Offline(SyncError):
    pass


class ServerUnavailable(SyncError):
    def __init__(self, message: str, until: datetime | None = None) -> None:
        super().__init__(message)
        self.until = until


class _WithProblem(SyncError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


class SessionExpired(_WithProblem):
    pass


class SignInRefused(_WithProblem):
    pass


class Forbidden(_WithProblem):
    pass


class Rejected(_WithProblem):
    pass


class ProtocolError(SyncError):
    pass
