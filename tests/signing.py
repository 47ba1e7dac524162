"""An emulated professional card signing the back office's challenges, with no reader: what the client
and the window's account functions are tested with (the card thread and pcscd are tested elsewhere)."""

from __future__ import annotations

from pathlib import Path

from cardreader import cps
from cardreader.apdu import Key
from cardreader.emulator.profiles import card_from_spec
from cardreader.emulator.transport import EmulatorTransport

__all__ = ["card_signer"]


def card_signer(pki_dir: Path, spec: str = "cps", pin: str = "1234"):
    """The emulated card of ``spec``, PIN typed once: signs each challenge the client is given (``.calls``)."""
    transport = EmulatorTransport(card_from_spec(spec, pki_dir))
    cps.select_application(transport)
    cps.verify_pin(transport, pin)
    certificate = cps.read_certificate(transport, Key.AUTHENTICATION)
    calls = []

    def sign(challenge: bytes) -> tuple[bytes, bytes]:
        calls.append(challenge)
        return certificate, cps.authenticate(transport, challenge)

    sign.calls = calls
    return sign
