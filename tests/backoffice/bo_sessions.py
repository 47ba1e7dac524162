"""Sessions written straight into the back office's SQLite file, as a sign-in would leave them, so the
data tests need no card; the sign-in itself is tested in test_auth.py."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sync.backoffice.sessions import DELEGABLE, SCOPES, token_hash


def open_session(client, professional_id: int, *, now: float, scopes: Iterable[str] | None = None,
                 kind: str = "card", staff_scopes: Iterable[str] = DELEGABLE) -> dict[str, str]:
    """A live session for ``professional_id`` (a doctor gets every scope, staff ``staff_scopes``);
    returns the Authorization header."""
    if scopes is None:
        row = client.db.connection.execute("SELECT card_type FROM professionals WHERE id = ?",
                                           (professional_id,)).fetchone()
        scopes = SCOPES if row["card_type"] in ("CPS", "CPF") else staff_scopes
    token = secrets.token_urlsafe(16)
    with client.db.transaction() as tx:
        tx.execute("INSERT INTO sessions (token_hash, professional_id, kind, scopes, created_at, last_seen_at, "
                   "proof_due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (token_hash(token), professional_id, kind, " ".join(sorted(scopes)), now, now, now + 1e9))
    return {"Authorization": f"Bearer {token}"}
