"""Card emulators that answer the APDUs of CARDS.md, so Cabinet runs without hardware.

``ProfessionalCard`` (CPS, CPF, CPE) and ``VitaleCard`` answer raw command APDUs in-process;
``VpcdBridge`` and ``VirtualReader`` put them behind vsmartcard-vpcd so pcscd shows them as real
readers. ``PinPadReader`` puts a card behind an emulated PIN-pad reader whose ``Keypad`` a test
types on (vpcd has no PIN pad). ``card_from_spec("cps", pki_dir)`` builds a stock card; keys come
from a test PKI on disk. The emulators share no code with the reader side beyond the TLV encoder
(and the PIN-pad reader, which is a transport, its interface and errors): they are a second
implementation of the contract, so the two check each other.
"""

from .base import CardEmulator
from .identities import (
    BeneficiaryProfile,
    HolderProfile,
    ProfessionalProfile,
    Profile,
    SituationProfile,
    VitaleProfile,
)
from .pinpad import Keypad, PinPadReader, PinPrompt
from .pki import CardCredentials, TestPki
from .professional import ProfessionalCard
from .profiles import STOCK_CARDS, card_from_spec, load_profile
from .vitale import VitaleCard
from .vpcd import VirtualReader, VpcdBridge, run_emulator

__all__ = [
    "CardEmulator",
    "ProfessionalCard",
    "VitaleCard",
    "HolderProfile",
    "SituationProfile",
    "ProfessionalProfile",
    "BeneficiaryProfile",
    "VitaleProfile",
    "Profile",
    "STOCK_CARDS",
    "load_profile",
    "card_from_spec",
    "TestPki",
    "CardCredentials",
    "VpcdBridge",
    "VirtualReader",
    "run_emulator",
    "PinPadReader",
    "Keypad",
    "PinPrompt",
]
