"""One card read whole, whatever its kind: what the CLI prints and the desktop app shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Any

from . import cps, pinpad, vitale
from .atr import AtrInfo, CardFamily
from .errors import CardError
from .transport import Transport

__all__ = ["CardReading", "PinEntry", "read_card"]


class PinEntry(enum.Enum):
    """A PIN that is not given to the program: ``PIN_PAD``, typed on the reader's keypad."""

    PIN_PAD = "pin-pad"


@dataclass(frozen=True)
class CardReading:
    """What was read before any error: a pulled card still tells its reader and ATR. Frozen, as it is
    read on the card thread and shown on the GUI thread."""

    reader: str
    atr: AtrInfo
    professional: cps.ProfessionalCard | None = None
    situations: tuple[cps.Situation, ...] = ()
    vitale: vitale.VitaleCard | None = None
    error: CardError | None = None

    @property
    def kind(self) -> str:
        if self.professional is not None:
            return self.professional.kind
        if self.atr.family is CardFamily.VITALE:
            return "VITALE"
        if self.atr.family is CardFamily.PROFESSIONAL:
            return "CPS"  # the exact kind is in the holder file, which could not be read
        return "UNKNOWN"


def _verify(transport: Transport, reader: str, pin: str | PinEntry) -> None:
    if pin is not PinEntry.PIN_PAD:
        cps.verify_pin(transport, pin)
    elif pinpad.available(transport):
        cps.verify_pin_on_pinpad(transport)
    else:
        raise CardError(f"{reader} has no PIN pad: the PIN cannot be typed on it")


def _read_professional(transport: Transport, reader: str, found: dict[str, Any], pin: str | PinEntry | None
                       ) -> None:
    found["professional"] = card = cps.read_identity(transport)
    if pin is None:
        return
    try:
        _verify(transport, reader, pin)
    finally:  # a wrong PIN changes the counter: report the card's new state either way
        found["professional"] = replace(card, pin=cps.pin_status(transport))
    found["situations"] = tuple(cps.read_situations(transport))


def read_card(transport: Transport, reader: str, atr: AtrInfo, pin: str | PinEntry | None = None) -> CardReading:
    """Read the card behind ``transport``; CardErrors are kept in the result, not raised.

    ``pin`` is sent once, to a professional card only, and only when given by the person, or typed
    by the person on the reader's keypad (``PinEntry.PIN_PAD``: only for a reader that has one).
    """
    found: dict[str, Any] = {}  # the fields of the reading, as far as it went
    try:
        if atr.family is CardFamily.PROFESSIONAL:
            _read_professional(transport, reader, found, pin)
        elif atr.family is CardFamily.VITALE:
            found["vitale"] = vitale.read_vitale(transport)
    except CardError as error:
        found["error"] = error
    return CardReading(reader, atr, **found)
