"""Sign-in and sessions: the card (challenge signed by the CPS/CPE) and the password, with their rules.

A card session has no absolute limit: it lives while the client re-proves the card's presence by
signing a fresh challenge at least every ``card_proof_interval`` seconds; a missed proof ends it. A
password session ends after an hour idle or four hours in all. Every successful sign-in is recorded
and notified by e-mail (a Maildir folder by default).

Each request re-reads what may have changed since sign-in: a blocked account ends its sessions, a
CPE card keeps only what its titulars delegate *now*. Password guesses are counted per identifier
before the check, atomically, so parallel guesses get no more tries than sequential ones; an unknown
identifier costs the same scrypt and gets the same lockout as a real one, so neither the time nor the
answer tells an attacker which identifiers exist.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn, TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from sync.protocol import CardProof, SessionGrant

from .config import BackofficeConfig
from .dates import utc
from .mail import LoginNotifier
from .problems import Problem
from .sessions import DELEGABLE, SCOPES, SessionContext, token_hash
from .storage import NewSession, Row, Storage

__all__ = ["Authenticator", "hash_password", "load_trust_anchors", "PASSWORD_RULE"]

PASSWORD_RULE = re.compile(r"[A-Za-z0-9]{6,13}")
PASSWORD_VALIDITY = 183 * 86400.0  # six months
UNUSED_ACCOUNT_LIMIT = 183 * 86400.0
PASSWORD_HISTORY = 5
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def _unauthorized(slug: str, detail: str) -> Problem:
    return Problem(401, slug, "Sign-in refused", detail, headers={"WWW-Authenticate": "Bearer"})


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A slow salted hash (scrypt), stored with its parameters."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _password_matches(password: str, stored: str) -> bool:
    _, salt, digest = stored.split("$")
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt)), stored)


def _lock_for(failures: int) -> float:
    """Seconds the identifier is locked after ``failures`` wrong passwords in a row."""
    return 0.0 if failures < 3 else (30.0 * 2 ** (failures - 3) if failures < 5 else 900.0)


def _signs_in_with_code(account: Row) -> bool:
    """The first-login code is the password: before the first one, and after a login reported "not me"
    once the fund has sent a new code (the old password no longer opens anything)."""
    return account["first_login_code_hash"] is not None and (
        account["password_hash"] is None or account["flagged_at"] is not None)


def _blocked() -> Problem:
    return Problem(403, "account-blocked", "Account blocked",
                   "Ce compte est bloqué (inutilisé depuis six mois ou signalé) : contactez votre caisse.")


_CLIENT_PURPOSES = {ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
_Extension = TypeVar("_Extension", bound=x509.ExtensionType)


def _extension(certificate: x509.Certificate, kind: type[_Extension]) -> _Extension | None:
    """The certificate's extension of that kind; ValueError when its extensions are malformed."""
    try:
        return certificate.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _not_for_authentication(certificate: x509.Certificate) -> str | None:
    """Why ``certificate`` is not a card's authentication certificate (RFC 5280 basic constraints, key
    usage, extended key usage), or None. A CPS carries a second, signature (non-repudiation) key whose
    certificate chains to the same CA: it must not open a session, nor may a CA's certificate."""
    constraints = _extension(certificate, x509.BasicConstraints)
    if constraints is not None and constraints.ca:
        return "Ce certificat est celui d'une autorité de certification, pas celui d'une carte."
    usage = _extension(certificate, x509.KeyUsage)
    if usage is None or not usage.digital_signature:
        if usage is not None and usage.content_commitment:
            return ("Ce certificat est celui de la signature (non-répudiation) de la carte : "
                    "la connexion se fait avec son certificat d'authentification.")
        return "Ce certificat ne permet pas l'authentification (usage de clé « signature numérique » absent)."
    purposes = _extension(certificate, x509.ExtendedKeyUsage)
    if purposes is not None and not set(purposes) & _CLIENT_PURPOSES:
        return "Ce certificat n'est pas destiné à authentifier un client (usage étendu « clientAuth » absent)."
    return None


def load_trust_anchors(directory: Path | None) -> list[x509.Certificate]:
    """Every CA certificate (PEM, several per file allowed) in ``directory``."""
    if directory is None:
        return []
    anchors = []
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() in (".pem", ".crt", ".cer") and path.is_file():
            anchors.extend(x509.load_pem_x509_certificates(path.read_bytes()))
    return anchors


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _unauthorized("malformed-proof", f"{what} n'est pas du base64 valide.") from None


class Authenticator:
    def __init__(self, config: BackofficeConfig, storage: Storage) -> None:
        self.config, self.clock = config, config.clock
        self.sign_in, self.accounts = storage.sign_in, storage.accounts
        self.anchors = load_trust_anchors(config.trust_anchors)
        self._stand_in_hash = hash_password(secrets.token_urlsafe(16))  # checked when there is no account
        self.notifier = LoginNotifier(config.maildir or config.db_path.parent / "maildir", config.smtp)

    # -- challenges --------------------------------------------------------------------------------

    def new_challenge(self) -> tuple[str, datetime]:
        value = base64.b64encode(secrets.token_bytes(32)).decode()
        expires = self.clock() + self.config.challenge_ttl
        self.sign_in.add_challenge(value, expires, purge_before=self.clock() - 3600)
        return value, utc(expires)

    def _use_challenge(self, value: str) -> bytes:
        if not self.sign_in.use_challenge(value, self.clock()):
            raise _unauthorized("challenge-invalid",
                                "Le défi est inconnu, déjà utilisé ou expiré : demandez-en un nouveau.")
        return base64.b64decode(value)

    # -- the card ----------------------------------------------------------------------------------

    def _verified_card(self, proof: CardProof) -> x509.Certificate:
        """The certificate, once its chain, dates, purpose and signature of a fresh challenge are checked."""
        der = _b64(proof.certificate, "Le certificat")
        signature = _b64(proof.signature, "La signature")
        try:
            certificate = x509.load_der_x509_certificate(der)
        except ValueError:
            raise _unauthorized("card-certificate-invalid", "Le certificat de la carte est illisible.") from None
        challenge = self._use_challenge(proof.challenge)
        if not any(self._issued_by(certificate, anchor) for anchor in self.anchors):
            raise _unauthorized("card-untrusted",
                                "Cette carte n'est pas émise par une autorité de confiance.")
        now = utc(self.clock())
        if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
            raise _unauthorized("card-expired", "Le certificat de cette carte n'est pas en cours de validité.")
        try:
            refusal = _not_for_authentication(certificate)
        except ValueError:
            raise _unauthorized("card-certificate-invalid", "Le certificat de la carte est illisible.") from None
        if refusal:
            raise _unauthorized("card-certificate-purpose", refusal)
        key = certificate.public_key()
        try:
            if not isinstance(key, rsa.RSAPublicKey):
                raise InvalidSignature()
            key.verify(signature, challenge, padding.PKCS1v15(), SHA256())
        except InvalidSignature:
            raise _unauthorized("card-signature-invalid",
                                "La signature du défi par la carte n'est pas valide.") from None
        return certificate

    @staticmethod
    def _issued_by(certificate: x509.Certificate, anchor: x509.Certificate) -> bool:
        try:
            certificate.verify_directly_issued_by(anchor)
        except (ValueError, TypeError, InvalidSignature):
            return False
        now = datetime.now(timezone.utc)
        return anchor.not_valid_before_utc <= now <= anchor.not_valid_after_utc

    def card_sign_in(self, proof: CardProof, workstation: str) -> SessionGrant:
        certificate = self._verified_card(proof)
        serials = certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
        national_id = str(serials[0].value) if serials else ""
        account = self.sign_in.account_by_national_id(national_id)
        if account is None:
            raise _unauthorized("card-unknown",
                                "Cette carte n'est rattachée à aucun compte : "
                                "faites-vous enregistrer par votre caisse.")
        self._check_account_usable(account)
        scopes = self._card_scopes(account)
        fingerprint = hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()
        return self._open_session(account, "card", scopes, workstation, fingerprint)

    def _card_scopes(self, account: Row) -> frozenset[str]:
        if account["card_type"] in ("CPS", "CPF"):
            return SCOPES
        scopes = self._delegated(account["national_id"], account["practice_id"])
        if not scopes:
            raise Problem(403, "no-delegation", "Forbidden",
                          "Aucune délégation n'est déclarée pour cette carte CPE par le titulaire du compte.")
        return scopes

    def _delegated(self, national_id: str, practice_id: int) -> frozenset[str]:
        """What the practice's titulars delegate to this CPE card now."""
        delegators = self.accounts.delegators(national_id, practice_id)
        return frozenset(s for delegator in delegators for s in delegator.scopes) & DELEGABLE

    def card_renew(self, session: SessionContext, proof: CardProof) -> SessionGrant:
        if session.kind != "card":
            raise Problem(409, "not-a-card-session", "Conflict",
                          "Seule une session ouverte avec une carte se prolonge par la carte.")
        certificate = self._verified_card(proof)
        fingerprint = hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()
        due = self.clock() + self.config.card_proof_interval
        if not self.sign_in.renew_card_session(session.token_hash, fingerprint, due, self.clock()):
            raise _unauthorized("card-mismatch", "Cette carte n'est pas celle qui a ouvert la session.")
        return SessionGrant(token="", expires_at=utc(due), kind="card", scopes=sorted(session.scopes))

    # -- the password ------------------------------------------------------------------------------

    def password_sign_in(self, identifier: str, password: str, new_password: str | None,
                         workstation: str) -> SessionGrant:
        identifier = identifier.strip()
        if "@" in identifier:
            raise Problem(422, "email-identifier-refused", "E-mail refused",
                          "L'adresse e-mail ne peut pas servir d'identifiant : saisissez votre numéro "
                          "d'assurance maladie ou votre numéro FINESS.")
        self._count_attempt(identifier)
        account = self.sign_in.account_by_identifier(identifier)
        with_code = account is not None and _signs_in_with_code(account)
        right = self._password_right(account, with_code, password)
        if account is None or not right:
            raise _unauthorized("password-wrong", "Identifiant ou mot de passe incorrect.")
        self.sign_in.forget_password_attempts(identifier)
        self._check_account_usable(account)
        if account["flagged_at"] is not None and not with_code:
            raise Problem(403, "password-suspended", "Password sign-in suspended",
                          "Une connexion à ce compte a été signalée « ce n'était pas moi » : la connexion par "
                          "mot de passe est suspendue. Connectez-vous avec votre carte et choisissez un nouveau "
                          "mot de passe, ou demandez à votre caisse un nouveau code de première connexion.")
        expired = not with_code and self.clock() - (account["password_set_at"] or 0) > PASSWORD_VALIDITY
        if with_code or expired or new_password:
            if not new_password:
                raise _unauthorized(
                    "password-change-required",
                    "Première connexion ou mot de passe expiré : choisissez un nouveau mot de passe.")
            self._set_password(account["id"], new_password)
            password_set_at = self.clock()
        else:
            password_set_at = account["password_set_at"] or 0
        scopes = SCOPES if account["card_type"] in ("CPS", "CPF") else frozenset({"payments"})
        grant = self._open_session(account, "password", scopes, workstation, None)
        return grant.model_copy(update={"password_expires_at": utc(password_set_at + PASSWORD_VALIDITY)})

    def _count_attempt(self, identifier: str) -> None:
        """Count this attempt before the password is checked (so parallel guesses cannot outrun the lock);
        429 while the identifier is locked, known to an account or not."""
        now = self.clock()
        locked_until = self.sign_in.count_password_attempt(identifier, now, _lock_for,
                                                           now - self.config.password_failure_memory)
        if locked_until is not None:
            wait = int(locked_until - now) + 1
            raise Problem(429, "too-many-attempts", "Too many attempts",
                          f"Trop d'essais infructueux : réessayez dans {wait} secondes.",
                          headers={"Retry-After": str(wait)})

    def _password_right(self, account: Row | None, with_code: bool, password: str) -> bool:
        """One scrypt whatever the account: a stand-in hash when there is none, so an unknown identifier
        takes as long to refuse as a real one."""
        stored = None
        if account is not None:
            stored = account["first_login_code_hash"] if with_code else account["password_hash"]
        matches = _password_matches(password, stored or self._stand_in_hash)
        return matches and stored is not None

    def set_password_with_card(self, session: SessionContext, new_password: str) -> None:
        """A card session chooses the account's password: the way back to password sign-in after a login
        reported "not me", which an intruder holding only the password cannot take."""
        if session.kind != "card":
            raise Problem(403, "card-required", "Forbidden",
                          "Le mot de passe se change depuis une session ouverte avec votre carte.")
        self._set_password(session.professional_id, new_password)

    def _set_password(self, account_id: int, new_password: str) -> None:
        if not PASSWORD_RULE.fullmatch(new_password):
            raise Problem(422, "password-rule", "Password refused",
                          "Le mot de passe doit compter de 6 à 13 lettres ou chiffres.")
        history = self.sign_in.recent_password_hashes(account_id, PASSWORD_HISTORY)
        if any(_password_matches(new_password, stored) for stored in history):
            raise Problem(422, "password-reused", "Password refused",
                          "Ce mot de passe a déjà servi : choisissez-en un différent des cinq précédents.")
        self.sign_in.set_password(account_id, hash_password(new_password), self.clock())

    # -- both --------------------------------------------------------------------------------------

    def _check_account_usable(self, account: Row) -> None:
        last_use = account["last_login_at"] or account["created_at"]
        if account["blocked"] or self.clock() - last_use > UNUSED_ACCOUNT_LIMIT:
            if not account["blocked"]:
                self.sign_in.block_account(account["id"], self.clock())
            raise _blocked()

    def _open_session(self, account: Row, kind: str, scopes: frozenset[str], workstation: str,
                      fingerprint: str | None) -> SessionGrant:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        due = now + self.config.card_proof_interval if kind == "card" else None
        expires = due if due else now + self.config.password_idle_limit
        login_id = self.sign_in.open_session(NewSession(token_hash(token), account["id"], kind, scopes,
                                                        fingerprint, now, due, workstation))
        self.notifier.notify(account, login_id, utc(now), kind, workstation)
        ends = None if due else utc(now + self.config.password_total_limit)
        return SessionGrant(token=token, expires_at=utc(expires), kind=kind, scopes=sorted(scopes), ends_at=ends)

    def session(self, token: str) -> SessionContext:
        """The live session of ``token``, as its account and delegations stand now: a blocked account,
        a missed card proof, an expired password session or a withdrawn delegation ends it."""
        row = self.sign_in.find_session(token_hash(token))
        now = self.clock()
        if row is None:
            raise _unauthorized("session-ended", "Votre session est terminée : reconnectez-vous.")
        if row["blocked"]:
            self._end(row, now, "account-blocked", _blocked())
        if row["ended_at"] is not None:
            raise _unauthorized("session-ended", "Votre session est terminée : reconnectez-vous.")
        expiry = self._expiry(row, now)
        if expiry:
            self._end(row, now, expiry, _unauthorized("session-expired", "Votre session a expiré : reconnectez-vous."))
        scopes = frozenset(row["scopes"].split())
        if row["card_type"] == "CPE":
            scopes &= self._delegated(row["national_id"], row["practice_id"])
            if not scopes:
                self._end(row, now, "delegation-withdrawn", Problem(
                    403, "delegation-withdrawn", "Forbidden",
                    "Le titulaire a retiré sa délégation à cette carte CPE : la session est fermée."))
        self.sign_in.touch_session(row["token_hash"], now)
        return SessionContext(row["token_hash"], row["professional_id"], row["practice_id"],
                              row["national_id"], row["card_type"], row["kind"], scopes)

    def _expiry(self, row: Row, now: float) -> str | None:
        """Why the session's time is up, or None."""
        if row["kind"] == "card" and now > row["proof_due_at"]:
            return "card-proof-missed"
        if row["kind"] == "password" and (now - row["last_seen_at"] > self.config.password_idle_limit
                                          or now - row["created_at"] > self.config.password_total_limit):
            return "password-session-expired"
        return None

    def _end(self, row: Row, now: float, reason: str, problem: Problem) -> NoReturn:
        if row["ended_at"] is None:
            self.sign_in.end_session(row["token_hash"], now, reason)
        raise problem

    def report_not_me(self, session: SessionContext, login_id: int) -> None:
        """Revoke every session of the account the login belongs to, and flag the account: password
        sign-in stays suspended until a new password is chosen with the card or a new first-login code."""
        if not self.sign_in.report_not_me(session.professional_id, login_id, self.clock()):
            raise Problem(404, "login-unknown", "Not found", "Cette connexion est inconnue.")
