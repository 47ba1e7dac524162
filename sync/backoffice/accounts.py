"""Registering professionals, as the fund does at installation.

An administration tool of the SQLite engine (``cabinet-backoffice enrol --db``), like the seed: it
writes to the database directly, outside :class:`storage.Storage`, which holds only what the routes
and sign-in need.
"""

from __future__ import annotations

import secrets

from .auth import hash_password
from .config import Clock
from .sqlite import Database

__all__ = ["enrol", "enrol_accountant"]

_CARD_TYPES = {"8": "CPS", "0": "CPS", "3": "CPE"}


def enrol(db: Database, clock: Clock, *, national_id: str, last_name: str, first_name: str,
          am_number: str | None, practice: str = "Cabinet médical", card_type: str | None = None,
          email: str | None = None, finess: str | None = None) -> str:
    """Create (or update) the account and return the confidential first-login code (sent by post).

    The code is the first password: the first sign-in with it must set a new one.
    """
    if am_number is not None and not (len(am_number) == 9 and am_number.isdigit()):
        raise ValueError("the numéro AM has 9 digits")
    card_type = card_type or _CARD_TYPES.get(national_id[:1], "CPS")
    code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10))
    with db.transaction() as connection:
        row = connection.execute("SELECT id FROM practices WHERE name = ?", (practice,)).fetchone()
        practice_id = row["id"] if row else connection.execute(
            "INSERT INTO practices (name) VALUES (?)", (practice,)).lastrowid
        if finess is not None:
            connection.execute("UPDATE practices SET finess = ? WHERE id = ?", (finess, practice_id))
        connection.execute(
            "INSERT INTO professionals (practice_id, national_id, card_type, last_name, first_name, "
            "am_number, email, first_login_code_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(national_id) DO UPDATE SET practice_id = excluded.practice_id, "
            "last_name = excluded.last_name, first_name = excluded.first_name, "
            "am_number = excluded.am_number, email = excluded.email, "
            "first_login_code_hash = excluded.first_login_code_hash, blocked = 0",
            (practice_id, national_id, card_type, last_name, first_name, am_number, email,
             hash_password(code), clock()))
        professional_id = connection.execute(
            "SELECT id FROM professionals WHERE national_id = ?", (national_id,)).fetchone()["id"]
        connection.execute("DELETE FROM situations WHERE professional_id = ?", (professional_id,))
        if am_number is not None:
            connection.execute("INSERT INTO situations (professional_id, am_number, structure_name, mode) "
                               "VALUES (?, ?, ?, 'L')", (professional_id, am_number, practice))
    return code


def enrol_accountant(db: Database, clock: Clock, *, finess: str, practice: str, last_name: str,
                     first_name: str, email: str | None = None) -> str:
    """The practice's accountant: a password account identified by the FINESS number, payments only.

    Returns the first-login code."""
    if not (len(finess) == 9 and finess.isalnum()):
        raise ValueError("a FINESS number has 9 characters")
    return enrol(db, clock, national_id=f"ACCOUNTANT-{finess}", last_name=last_name,
                 first_name=first_name, am_number=None, practice=practice, card_type="ACCOUNTANT",
                 email=email, finess=finess)
