"""What each reject code of the fund means and how to fix it, in plain words (DOMAIN.md "Billing
rejects": the doctor must see at once why an invoice came back and what to do).

A pure table, code → cause and fix, English in the source and French through Qt's translation (context
``RejectCodes``). The back office sends its own French label with each reject; a code this table does
not know is said plainly as unknown, with that label, so nothing the fund said is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["RejectAdvice", "REJECT_CODES", "reject_advice"]

_CONTEXT = "RejectCodes"

#: code -> (title, cause, fix): a few words for the list, then the cause and the fix in sentences
REJECT_CODES: dict[str, tuple[str, str, str]] = {
    "A081": (QT_TRANSLATE_NOOP("RejectCodes", "Rights closed"),
             QT_TRANSLATE_NOOP("RejectCodes", "The patient's rights were closed on the date of care."),
             QT_TRANSLATE_NOOP("RejectCodes", "Check the patient's rights (ADRi) or have the carte Vitale "
                                              "updated, then send the invoice again; failing that, have the "
                                              "patient pay.")),
    "B135": (QT_TRANSLATE_NOOP("RejectCodes", "Patient's identity"),
             QT_TRANSLATE_NOOP("RejectCodes", "The patient's NIR and birth date do not match (birth date or "
                                              "birth rank mistyped)."),
             QT_TRANSLATE_NOOP("RejectCodes", "Correct the patient's identity in your practice software, then "
                                              "send the invoice again.")),
    "C212": (QT_TRANSLATE_NOOP("RejectCodes", "Duplicate invoice"),
             QT_TRANSLATE_NOOP("RejectCodes", "Duplicate invoice: an identical invoice (same patient, date and "
                                              "act) has already been paid."),
             QT_TRANSLATE_NOOP("RejectCodes", "Do not send it again: cancel it in your practice software.")),
    "D307": (QT_TRANSLATE_NOOP("RejectCodes", "Supporting document"),
             QT_TRANSLATE_NOOP("RejectCodes", "Supporting document not received: the invoice was sent without "
                                              "the carte Vitale and its signed care sheet has not arrived."),
             QT_TRANSLATE_NOOP("RejectCodes", "Send the care sheet through SCOR (Documents section): the "
                                              "invoice will then be processed again.")),
    "E410": (QT_TRANSLATE_NOOP("RejectCodes", "ALD exemption"),
             QT_TRANSLATE_NOOP("RejectCodes", "ALD exemption not justified: the act is not related to the "
                                              "patient's ALD, or the ALD has ended."),
             QT_TRANSLATE_NOOP("RejectCodes", "Invoice again without the exemption: the co-payment is due by "
                                              "the patient or his complementary insurance.")),
    "F503": (QT_TRANSLATE_NOOP("RejectCodes", "Act and age"),
             QT_TRANSLATE_NOOP("RejectCodes", "Act not allowed at the patient's age: the compulsory child "
                                              "consultation (COE) and the child supplement are for certain "
                                              "ages only."),
             QT_TRANSLATE_NOOP("RejectCodes", "Check the birth date or choose the right act code, then send "
                                              "the invoice again.")),
    "G620": (QT_TRANSLATE_NOOP("RejectCodes", "Care pathway"),
             QT_TRANSLATE_NOOP("RejectCodes", "Care pathway not followed: you are not the declared médecin "
                                              "traitant and no reason (emergency, replacement, away from "
                                              "home) is given."),
             QT_TRANSLATE_NOOP("RejectCodes", "Add the care pathway indicator, then send the invoice again.")),
    "H702": (QT_TRANSLATE_NOOP("RejectCodes", "Date of care"),
             QT_TRANSLATE_NOOP("RejectCodes", "Invalid date of care: after the batch was sent, or older than "
                                              "two years and three months."),
             QT_TRANSLATE_NOOP("RejectCodes", "Correct the date of care, then send the invoice again.")),
}


@dataclass(frozen=True)
class RejectAdvice:
    """Why the invoice was rejected (``title`` in a few words, ``cause`` in a sentence) and what to do,
    in the user's language; ``known`` False for a code this version does not know (the fix then quotes
    the back office's own label)."""

    code: str
    title: str
    cause: str
    fix: str
    known: bool


def reject_advice(code: str | None, label: str | None) -> RejectAdvice:
    """The cause and the fix of reject ``code``; ``label`` is the back office's own sentence, quoted
    when the code is unknown here."""
    code = (code or "").strip().upper()
    known = REJECT_CODES.get(code)
    if known is not None:
        title, cause, fix = (QCoreApplication.translate(_CONTEXT, text) for text in known)
        return RejectAdvice(code, title, cause, fix, True)
    if code:
        cause = QCoreApplication.translate("RejectCodes", "Reject code %1, which this version of Cabinet does not "
                                                     "know.").replace("%1", code)
    else:
        cause = QCoreApplication.translate("RejectCodes", "The health insurance gave no reject code.")
    if label and label.strip():
        fix = QCoreApplication.translate("RejectCodes", "The health insurance says: « %1 »").replace("%1", label.strip())
    else:
        fix = QCoreApplication.translate("RejectCodes", "Ask your fund why this invoice was rejected (Contact section).")
    title = QCoreApplication.translate("RejectCodes", "Code %1").replace("%1", code) if code else "—"
    return RejectAdvice(code, title, cause, fix, False)
