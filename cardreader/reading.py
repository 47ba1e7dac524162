"""One card read whole, whatever its kind: what the CLI prints and the desktop app shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from . import cps, pinpad, vitale
from .atr import AtrInfo, CardFamily
from .errors import CardError
from .transport import Transport

__all__ = ["CardReading", "PinEntry", "read_card"]


class PinEntry(enum.Enum):
    """A PIN that is not given to the program: ``PIN_PAD``, typed on the reader's keypad."""

    PIN_PAD = "pin-pad"


@dataclass
class CardReading:
    """What was read before any error: a pulled card still tells its reader and ATR."""

    reader: str
    atr: AtrInfo
    professional: cps.ProfessionalCard | None = None
    situations: list[cps.Situation] = field(default_factory=list)
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


def _read_professional(
    transport: Transport, reading: CardReading, pin: str | PinEntry | None
) -> None:
    reading.professional = cps.read_identity(transport)
    if pin is None:
        return
    try:
        _verify(transport, reading.reader, pin)
    finally:  # a wrong PIN changes the counter: report the card's new state either way
        status = cps.pin_status(transport)
        reading.professional = replace(reading.professional, pin=status)
    reading.situations = cps.read_situations(transport)


def read_card(
    transport: Transport, reader: str, atr: AtrInfo, pin: str | PinEntry | None = None
) -> CardReading:
    """Read the card behind ``transport``; CardErrors are kept in the result, not raised.

    ``pin`` is sent once, to a professional card only, and only when given by the person, or typed
    by the person on the reader's keypad (``PinEntry.PIN_PAD``: only for a reader that has one).
    """
    reading = CardReading(reader, atr)
    try:
        if atr.family is CardFamily.PROFESSIONAL:
            _read_professional(transport, reading, pin)
        elif atr.family is CardFamily.VITALE:
            reading.vitale = vitale.read_vitale(transport)
    except CardError as error:
        reading.error = error
    return reading
