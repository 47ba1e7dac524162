"""Wire models of sign-in, sessions, logins, the account and delegations (``/v1/auth``, ``/v1/me``,
``/v1/delegations``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Challenge", "CardProof", "PasswordSignIn", "NewPassword", "SessionGrant", "Situation", "Me", "Login",
           "LoginList", "Delegation", "DelegationList"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Challenge(_Model):
    challenge: str = Field(description="base64 of the random bytes the card signs")
    expires_at: datetime


class CardProof(_Model):
    """The body of ``POST /v1/auth/card`` and ``/v1/auth/card/renew``."""

    certificate: str = Field(max_length=16384, description="the card's authentication certificate, base64 DER")
    challenge: str = Field(max_length=256, description="as received from /v1/auth/challenge")
    signature: str = Field(max_length=2048, description="base64 PKCS#1 v1.5 SHA-256 signature of the challenge bytes")


class PasswordSignIn(_Model):
    identifier: str = Field(max_length=64, description="numéro AM (9 digits) or FINESS number; never an e-mail")
    password: str = Field(max_length=64)
    new_password: str | None = Field(default=None, max_length=64,
                                      description="required at first login and when the password expired")


class NewPassword(_Model):
    """The body of ``PUT /v1/auth/password``: a card session chooses the account's password."""

    new_password: str = Field(max_length=64, description="6 to 13 letters or digits, not one of the last five")


class SessionGrant(_Model):
    token: str
    expires_at: datetime
    kind: Literal["card", "password"]
    scopes: list[str]
    ends_at: datetime | None = Field(default=None, description="password sessions: when the session ends "
                                                               "however active (4 hours after sign-in)")
    password_expires_at: datetime | None = Field(default=None, description="password sessions: when the "
                                                 "account's password expires (six months after it was chosen)")


class Situation(_Model):
    am_number: str | None = Field(description="numéro AM (billing number) of this practice location")
    structure: str
    mode: Literal["L", "S", "R"] | None = Field(default=None, description="liberal, salaried, substitute")


class Me(_Model):
    national_id: str
    rpps: str | None
    card_type: str
    last_name: str
    first_name: str
    practice: str
    situations: list[Situation]
    convention_sector: str | None
    bank_account: str | None = Field(description="masked IBAN")


class Login(_Model):
    id: int
    at: datetime
    method: Literal["card", "password"]
    workstation: str
    reported_not_me: bool


class LoginList(_Model):
    items: list[Login]


class Delegation(_Model):
    delegate_national_id: str = Field(min_length=2, max_length=32,
                                      description="the CPE card's national identifier")
    scopes: list[Literal["documents", "forms", "payments", "messages"]]
    delegate_name: str | None = Field(default=None, max_length=200,
                                      description="who holds the card, when she works in the titular's practice "
                                                  "(in answers; ignored when sent)")


class DelegationList(_Model):
    items: list[Delegation]
