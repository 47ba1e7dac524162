"""SQLite storage, sign-in and accounts: challenges, accounts, password attempts, sessions, logins,
situations, delegations (:class:`storage.SignIn` and :class:`storage.Accounts`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..storage import Delegator, NewSession, Row
from .database import Database
from .rows import placeholders, row, rows

__all__ = ["SqliteSignIn", "SqliteAccounts"]


class SqliteSignIn:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- challenges

    def add_challenge(self, value: str, expires_at: float, purge_before: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM challenges WHERE expires_at < ?", (purge_before,))
            tx.execute("INSERT INTO challenges (value, expires_at) VALUES (?, ?)", (value, expires_at))

    def use_challenge(self, value: str, now: float) -> bool:
        with self.db.transaction() as tx:
            return tx.execute(
                "UPDATE challenges SET used_at = ? WHERE value = ? AND used_at IS NULL AND expires_at >= ?",
                (now, value, now)).rowcount == 1

    # -- accounts

    def account_by_national_id(self, national_id: str) -> Row | None:
        return row(self.db.connection.execute("SELECT * FROM professionals WHERE national_id = ?", (national_id,)))

    def account_by_identifier(self, identifier: str) -> Row | None:
        db = self.db.connection
        found = row(db.execute("SELECT * FROM professionals WHERE am_number = ?", (identifier,)))
        if found is None:  # a FINESS number: the practice's accountant account
            found = row(db.execute(
                "SELECT p.* FROM professionals p JOIN practices s ON s.id = p.practice_id "
                "WHERE s.finess = ? AND p.card_type = 'ACCOUNTANT'", (identifier,)))
        return found

    def count_password_attempt(self, identifier: str, now: float, lock_for: Callable[[int], float],
                               forget_before: float) -> float | None:
        with self.db.transaction() as tx:  # BEGIN IMMEDIATE: one attempt counted at a time
            tx.execute("DELETE FROM password_attempts WHERE last_at < ? AND coalesce(locked_until, 0) < ?",
                       (forget_before, now))
            locked = tx.execute("SELECT locked_until FROM password_attempts WHERE identifier = ? AND locked_until > ?",
                                (identifier, now)).fetchone()
            if locked is not None:
                return float(locked[0])
            (failures,) = tx.execute(
                "INSERT INTO password_attempts (identifier, failures, last_at) VALUES (?, 1, ?) "
                "ON CONFLICT (identifier) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at "
                "RETURNING failures", (identifier, now)).fetchone()
            lock = lock_for(failures)
            if lock:
                tx.execute("UPDATE password_attempts SET locked_until = ? WHERE identifier = ?",
                           (now + lock, identifier))
        return None

    def forget_password_attempts(self, identifier: str) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM password_attempts WHERE identifier = ?", (identifier,))

    def recent_password_hashes(self, account_id: int, count: int) -> list[str]:
        return [h for h, in self.db.connection.execute(
            "SELECT password_hash FROM password_history WHERE professional_id = ? ORDER BY set_at DESC LIMIT ?",
            (account_id, count))]

    def set_password(self, account_id: int, password_hash: str, at: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE professionals SET password_hash = ?, password_set_at = ?, "
                       "first_login_code_hash = NULL, flagged_at = NULL WHERE id = ?", (password_hash, at, account_id))
            tx.execute("INSERT INTO password_history VALUES (?, ?, ?)", (account_id, password_hash, at))

    def block_account(self, account_id: int, at: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE professionals SET blocked = 1 WHERE id = ?", (account_id,))
            tx.execute("UPDATE sessions SET ended_at = ?, end_reason = 'account-blocked' "
                       "WHERE professional_id = ? AND ended_at IS NULL", (at, account_id))

    # -- sessions and logins

    def open_session(self, session: NewSession) -> int:
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO sessions (token_hash, professional_id, kind, scopes, certificate_sha256, "
                "created_at, last_seen_at, proof_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (session.token_hash, session.professional_id, session.kind, " ".join(sorted(session.scopes)),
                 session.certificate_sha256, session.at, session.at, session.proof_due_at))
            tx.execute("UPDATE professionals SET last_login_at = ? WHERE id = ?", (session.at, session.professional_id))
            login_id = tx.execute(
                "INSERT INTO logins (professional_id, at, method, workstation) VALUES (?, ?, ?, ?)",
                (session.professional_id, session.at, session.kind, session.workstation[:200])).lastrowid
        return int(login_id or 0)

    def find_session(self, token_hash: str) -> Row | None:
        return row(self.db.connection.execute(
            "SELECT s.*, p.practice_id, p.national_id, p.card_type, p.blocked FROM sessions s "
            "JOIN professionals p ON p.id = s.professional_id WHERE s.token_hash = ?", (token_hash,)))

    def touch_session(self, token_hash: str, at: float) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", (at, token_hash))

    def end_session(self, token_hash: str, at: float, reason: str) -> None:
        with self.db.transaction() as tx:
            tx.execute("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE token_hash = ?",
                       (at, reason, token_hash))

    def renew_card_session(self, token_hash: str, certificate_sha256: str, proof_due_at: float,
                           at: float) -> bool:
        with self.db.transaction() as tx:
            return tx.execute(
                "UPDATE sessions SET proof_due_at = ?, last_seen_at = ? "
                "WHERE token_hash = ? AND certificate_sha256 = ? AND ended_at IS NULL",
                (proof_due_at, at, token_hash, certificate_sha256)).rowcount == 1

    def report_not_me(self, professional_id: int, login_id: int, at: float) -> bool:
        with self.db.transaction() as tx:
            if tx.execute("SELECT 1 FROM logins WHERE id = ? AND professional_id = ?",
                          (login_id, professional_id)).fetchone() is None:
                return False
            tx.execute("UPDATE logins SET not_me_at = ? WHERE id = ?", (at, login_id))
            tx.execute("UPDATE sessions SET ended_at = ?, end_reason = 'not-me' "
                       "WHERE professional_id = ? AND ended_at IS NULL", (at, professional_id))
            tx.execute("UPDATE professionals SET flagged_at = ? WHERE id = ?", (at, professional_id))
        return True

    def logins(self, professional_id: int, limit: int) -> list[Row]:
        return rows(self.db.connection.execute(
            "SELECT * FROM logins WHERE professional_id = ? ORDER BY at DESC LIMIT ?", (professional_id, limit)))


class SqliteAccounts:
    """The account's page, who acts for whom."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def profile(self, professional_id: int) -> Row:
        return dict(self.db.connection.execute(
            "SELECT p.*, s.name AS practice_name FROM professionals p JOIN practices s ON s.id = p.practice_id "
            "WHERE p.id = ?", (professional_id,)).fetchone())

    def situations(self, professional_id: int) -> list[Row]:
        return rows(self.db.connection.execute("SELECT * FROM situations WHERE professional_id = ? ORDER BY id",
                                               (professional_id,)))

    def national_ids(self, professional_ids: Iterable[int], practice_id: int | None = None) -> dict[int, str]:
        ids = list(professional_ids)
        if not ids:
            return {}
        sql = f"SELECT id, national_id FROM professionals WHERE id IN ({placeholders(ids)})"
        if practice_id is not None:
            sql += " AND practice_id = ?"
            ids.append(practice_id)
        return {i: n for i, n in self.db.connection.execute(sql, ids)}

    def practice_doctors(self, practice_id: int) -> dict[int, str]:
        return {i: n for i, n in self.db.connection.execute(
            "SELECT id, national_id FROM professionals WHERE practice_id = ? AND card_type = 'CPS'", (practice_id,))}

    def delegators(self, delegate_national_id: str, practice_id: int) -> list[Delegator]:
        return [Delegator(i, n, frozenset(scopes.split())) for i, n, scopes in self.db.connection.execute(
            "SELECT t.id, t.national_id, d.scopes FROM delegations d JOIN professionals t ON t.id = d.titular_id "
            "WHERE d.delegate_national_id = ? AND t.practice_id = ? AND NOT t.blocked",  # a blocked titular lends nothing
            (delegate_national_id, practice_id))]

    def delegations(self, titular_id: int) -> list[Row]:
        # the delegate's name only when she works in the titular's practice: a card number typed in
        # never tells who holds a card elsewhere
        return rows(self.db.connection.execute(
            "SELECT d.*, (SELECT p.first_name || ' ' || p.last_name FROM professionals p "
            "             JOIN professionals t ON t.id = d.titular_id AND t.practice_id = p.practice_id "
            "             WHERE p.national_id = d.delegate_national_id LIMIT 1) AS delegate_name "
            "FROM delegations d WHERE d.titular_id = ? ORDER BY d.delegate_national_id", (titular_id,)))

    def replace_delegations(self, titular_id: int, delegations: list[tuple[str, frozenset[str]]]) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM delegations WHERE titular_id = ?", (titular_id,))
            tx.executemany("INSERT INTO delegations (titular_id, delegate_national_id, scopes) VALUES (?, ?, ?)",
                           [(titular_id, delegate, " ".join(sorted(scopes))) for delegate, scopes in delegations])
