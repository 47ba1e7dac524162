"""The window's words for what the layers below report (DESIGN.md: plain words): one sentence for each
typed error of the card layer and of the sync side, each reason code of the client, and each problem
type of the back office the window can say better than a generic refusal.

Below the UI there are only classes, codes and their data; the sentences are here, English in the
source and French through Qt's translation (``resources/translations``). A back-office problem whose
type is not known here is said in the server's own French ``detail``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from cardreader import errors
from sync import errors as sync_errors
from sync.errors import Problem, Reason

if TYPE_CHECKING:  # sync.vault loads cryptography and keyring: not before the lock screen shows
    from sync.vault import KeyWarning

__all__ = ["card_error_text", "sync_error_text", "problem_text", "reason_text", "key_warning_text"]

# Most specific first: the first class the error is an instance of gives the sentence.
_SENTENCES: tuple[tuple[type[errors.CardError], str], ...] = (
    (errors.CardRemoved, QT_TRANSLATE_NOOP("CardErrors", "The card was removed before it could be read.")),
    (errors.ReaderGone, QT_TRANSLATE_NOOP("CardErrors", "The card reader was disconnected.")),
    (errors.ServiceUnavailable,
     QT_TRANSLATE_NOOP("CardErrors", "The smart-card service (pcscd) is not running.")),
    (errors.NoCard, QT_TRANSLATE_NOOP("CardErrors", "There is no card in the reader.")),
    (errors.PinBlocked, QT_TRANSLATE_NOOP(
        "CardErrors", "The card is blocked after three wrong PINs. Unblock it with its PUK code.")),
    (errors.PinNeeded, QT_TRANSLATE_NOOP("CardErrors", "The card's PIN is needed first.")),
    (errors.InvalidPinFormat, QT_TRANSLATE_NOOP("CardErrors", "The PIN is made of 4 digits.")),
    (errors.PinEntryCancelled, QT_TRANSLATE_NOOP("CardErrors", "PIN entry was cancelled on the reader.")),
    (errors.PinEntryTimeout, QT_TRANSLATE_NOOP(
        "CardErrors", "The PIN was not typed on the reader in time. Try again.")),
    (errors.FileMissing, QT_TRANSLATE_NOOP(
        "CardErrors", "This card does not hold the expected data: is it a CPS or a Vitale card?")),
    (errors.CardProtocolError, QT_TRANSLATE_NOOP(
        "CardErrors", "The card answered with unreadable data. Try another reader or card.")),
)

# One per class of sync/errors.py, found along the error's MRO; SyncError's own for a class not listed.
_SYNC_SENTENCES: dict[type[sync_errors.SyncError], str] = {
    sync_errors.SyncError: QT_TRANSLATE_NOOP("SyncErrors", "The exchange with the back office failed."),
    sync_errors.Offline: QT_TRANSLATE_NOOP(
        "SyncErrors", "The back office cannot be reached: check the network. Your data stays available offline."),
    sync_errors.ServerUnavailable: QT_TRANSLATE_NOOP(
        "SyncErrors", "The back office is unavailable for the moment: it will be tried again shortly."),
    sync_errors.SessionExpired: QT_TRANSLATE_NOOP("SyncErrors", "Your session has ended: sign in again."),
    sync_errors.SignInRefused: QT_TRANSLATE_NOOP("SyncErrors", "The back office refused the sign-in."),
    sync_errors.Forbidden: QT_TRANSLATE_NOOP("SyncErrors", "Your session does not give access to this function."),
    sync_errors.Rejected: QT_TRANSLATE_NOOP("SyncErrors", "The back office refused this request."),
    sync_errors.ProtocolError: QT_TRANSLATE_NOOP(
        "SyncErrors", "The back office sent an answer that cannot be used. If this lasts, contact support."),
}
_UNAVAILABLE_UNTIL = QT_TRANSLATE_NOOP(
    "SyncErrors", "The back office is under maintenance until %1. Your data stays available offline.")

# The back office's problem types (their slug) the window says in its own words. The others, and those
# whose detail carries figures only the server knows (a wait, a limit, the field at fault), keep its detail.
_PROBLEMS: dict[str, str] = {
    "not-signed-in": QT_TRANSLATE_NOOP("Problems", "Sign in with your card or your password."),
    "session-ended": QT_TRANSLATE_NOOP("Problems", "Your session has ended: sign in again."),
    "session-expired": QT_TRANSLATE_NOOP("Problems", "Your session has expired: sign in again."),
    "delegation-withdrawn": QT_TRANSLATE_NOOP(
        "Problems", "The holder has withdrawn the delegation to this CPE card: the session is closed."),
    "account-blocked": QT_TRANSLATE_NOOP(
        "Problems", "This account is blocked (unused for six months, or reported): contact your health "
                    "insurance fund."),
    "card-unknown": QT_TRANSLATE_NOOP(
        "Problems", "This card is linked to no account: ask your health insurance fund to register it."),
    "card-untrusted": QT_TRANSLATE_NOOP("Problems", "This card was not issued by a trusted authority."),
    "card-expired": QT_TRANSLATE_NOOP("Problems", "This card's certificate is not valid today."),
    "card-mismatch": QT_TRANSLATE_NOOP("Problems", "This is not the card that opened the session."),
    "password-wrong": QT_TRANSLATE_NOOP("Problems", "Wrong identifier or password."),
    "password-change-required": QT_TRANSLATE_NOOP(
        "Problems", "First sign-in or expired password: choose a new password."),
    "password-suspended": QT_TRANSLATE_NOOP(
        "Problems", "A sign-in to this account was reported as not yours: signing in with the password is "
                    "suspended. Sign in with your card and choose a new password, or ask your health "
                    "insurance fund for a new first sign-in code."),
    "password-reused": QT_TRANSLATE_NOOP("Problems", "This password was used before: choose another one."),
    "email-identifier-refused": QT_TRANSLATE_NOOP(
        "Problems", "An e-mail address cannot be used to sign in: type your health insurance (AM) number "
                    "or your FINESS number."),
    "card-required": QT_TRANSLATE_NOOP("Problems", "This needs a session opened with your CPS card."),
    "doctor-only": QT_TRANSLATE_NOOP("Problems", "Only the doctor, signed in with the CPS card, may do this."),
    "scope-missing": QT_TRANSLATE_NOOP("Problems", "Your session does not give access to this function."),
    "no-delegation": QT_TRANSLATE_NOOP("Problems", "No doctor of the practice has delegated this function to you."),
    "not-delegated": QT_TRANSLATE_NOOP(
        "Problems", "This doctor has not delegated this function to you, or does not work in your practice."),
    "professional-required": QT_TRANSLATE_NOOP(
        "Problems", "Several doctors have delegated this function to you: choose the one you act for."),
    "consent-required": QT_TRANSLATE_NOOP("Problems", "The patient's consent is needed: ask for it first."),
    "vitale-required": QT_TRANSLATE_NOOP("Problems", "The patient's Vitale card is needed: insert it in the reader."),
    "vitale-mismatch": QT_TRANSLATE_NOOP(
        "Problems", "This Vitale card is not this patient's: insert the patient's own card."),
    "patient-unknown": QT_TRANSLATE_NOOP("Problems", "No patient of your practice is registered under this NIR."),
    "order-unknown": QT_TRANSLATE_NOOP("Problems", "This order of forms does not exist."),
    "order-dispatched": QT_TRANSLATE_NOOP(
        "Problems", "This order has already been dispatched: it can no longer be changed."),
    "order-cancelled": QT_TRANSLATE_NOOP("Problems", "This order was cancelled: place a new one."),
    "thread-unknown": QT_TRANSLATE_NOOP("Problems", "This conversation does not exist."),
    "too-many-unfinished-uploads": QT_TRANSLATE_NOOP(
        "Problems", "Your practice has too many unfinished uploads on the back office: this scan will be "
                    "sent once they are done."),
}

# Each reason code of sync.errors.Reason; its data fills %1, %2… in the order reason_text receives it.
_REASONS: dict[Reason, str] = {
    Reason.SCAN_FILE_MISSING: QT_TRANSLATE_NOOP(
        "Reasons", "The scan's file cannot be found on this computer: it cannot be sent. Scan the care "
                   "sheet again and add it to the sending."),
    Reason.KEYRING_UNTRUSTED: QT_TRANSLATE_NOOP(
        "Reasons", "No secure keyring is available: the encryption key is kept in %1, readable by this "
                   "account only."),
    Reason.KEYRING_FAILED: QT_TRANSLATE_NOOP(
        "Reasons", "The system keyring does not answer (%2): the encryption key is kept in %1, readable by "
                   "this account only."),
    Reason.OUTBOX_ITEM_UNSENDABLE: QT_TRANSLATE_NOOP(
        "Reasons", "This action was saved by another version of Cabinet and cannot be sent: do it again."),
}

_PLACEHOLDER = re.compile(r"%([1-9])")


def _filled(sentence: str, *data: object) -> str:
    """Qt's ``%1``, ``%2``… replaced in one pass, so that a value holding ``%2`` stays as it is."""
    return _PLACEHOLDER.sub(lambda match: str(data[int(match[1]) - 1]), sentence)


def card_error_text(error: errors.CardError) -> str:
    if isinstance(error, errors.PinWrong):
        return QCoreApplication.translate(
            "CardErrors", "Wrong PIN: %n try(ies) left.", None, error.tries_left
        )
    for kind, sentence in _SENTENCES:
        if isinstance(error, kind):
            return QCoreApplication.translate("CardErrors", sentence)
    code = f"{getattr(error, 'sw', 0):04X}"
    return QCoreApplication.translate("CardErrors", "The card refused the operation (code %1).").replace(
        "%1", code
    )


def _local_time(moment: datetime) -> str:
    return QLocale().toString(moment.astimezone(), QLocale.FormatType.ShortFormat)


def sync_error_text(error: sync_errors.SyncError) -> str:
    """The sentence of a sync error: its problem's when it carries one that says something (:func:`problem_text`),
    else its class's."""
    problem: Problem | None = getattr(error, "problem", None)
    if problem is not None and problem.type and (problem.slug in _PROBLEMS or problem.detail):
        return problem_text(problem)
    if isinstance(error, sync_errors.ServerUnavailable) and error.until is not None:
        return _filled(QCoreApplication.translate("SyncErrors", _UNAVAILABLE_UNTIL), _local_time(error.until))
    sentence = next(_SYNC_SENTENCES[kind] for kind in type(error).__mro__ if kind in _SYNC_SENTENCES)
    return QCoreApplication.translate("SyncErrors", sentence)


def problem_text(problem: Problem) -> str:
    """The window's words for a problem type it knows; the server's French detail for any other. An answer
    that was no problem at all (no type: its detail is the raw body, an HTML page…) is not said."""
    if problem.slug in _PROBLEMS:
        return QCoreApplication.translate("Problems", _PROBLEMS[problem.slug])
    if problem.type in set(Reason):  # refused by this client itself, not by the server
        return reason_text(problem.type)
    if problem.type and problem.detail:
        return problem.detail
    return QCoreApplication.translate("SyncErrors", _SYNC_SENTENCES[sync_errors.Rejected])


def reason_text(reason: Reason | str, *data: object) -> str:
    """The sentence of a reason code (a stored code is read back as a plain string), ``data`` filling it."""
    return _filled(QCoreApplication.translate("Reasons", _REASONS[Reason(reason)]), *data)


def key_warning_text(warning: KeyWarning) -> str:
    """Why the data key is in a file, for the diagnostics screen."""
    return reason_text(warning.reason, warning.file, warning.cause)
