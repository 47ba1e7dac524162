"""One clear French sentence for each typed error of the card layer (DESIGN.md: plain words)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from cardreader import errors

__all__ = ["card_error_text"]

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
    (errors.FileMissing, QT_TRANSLATE_NOOP(
        "CardErrors", "This card does not hold the expected data: is it a CPS or a Vitale card?")),
    (errors.CardProtocolError, QT_TRANSLATE_NOOP(
        "CardErrors", "The card answered with unreadable data. Try another reader or card.")),
)


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
