"""Every failure of the sync side, as one exception tree, and the codes of what the client itself has to
tell the user (:class:`Reason`). Nothing here is a sentence for the user: the window turns each leaf,
each reason and each problem type it knows into its own words (``desktop_app.messages``); the back
office's French ``detail`` is kept as the server's voice for the types it does not know.

    SyncError
    ├── Offline              the back office cannot be reached (network down, refused, timed out);
    │                        ``may_have_arrived`` False when no connection was made at all
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

import enum
from dataclasses import dataclass
from datetime import datetime

__all__ = ["Reason", "Problem", "SyncError", "Offline", "ServerUnavailable", "SessionExpired", "SignInRefused",
           "Forbidden", "Rejected", "ProtocolError"]


class Reason(enum.StrEnum):
    """What the client itself (not the back office) reports, as stable codes: stored as they are (a
    document's ``reason``), so a store never holds a sentence in one language, and put in words by the
    window with their data."""

    SCAN_FILE_MISSING = "scan-file-missing"  # a queued scan's sealed file is gone: it cannot be sent
    KEYRING_UNTRUSTED = "keyring-untrusted"  # no trustworthy keyring: the data key is kept in a private file
    KEYRING_FAILED = "keyring-failed"  # the keyring failed (its error is the data): same
    OUTBOX_ITEM_UNSENDABLE = "outbox-item-unsendable"  # an offline action this version cannot send: refused


@dataclass(frozen=True)
class Problem:
    """An RFC 9457 answer of the back office: a stable type (the window's to say in its words when it
    knows it) and the server's French detail (said as it is otherwise)."""

    status: int
    type: str
    detail: str

    @property
    def slug(self) -> str:
        return self.type.rstrip("/").rsplit("/", 1)[-1]


class SyncError(Exception):
    pass


class Offline(SyncError):
    def __init__(self, message: str, *, may_have_arrived: bool = True) -> None:
        """``may_have_arrived`` False: no attempt got a connection, so the back office cannot hold the
        request (an outbox item sent in vain this way may still be revised)."""
        super().__init__(message)
        self.may_have_arrived = may_have_arrived


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
