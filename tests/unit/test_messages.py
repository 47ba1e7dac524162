"""The window's words: every card error, sync error, reason code and known problem type has one sentence, in
French and in English, from the catalogues compiled here by pyside6-lrelease (not from whatever .qm lies around)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from cardreader import errors as card_errors
from desktop_app import messages
from sync import errors
from sync.errors import Problem, Reason
from sync.vault import KeyWarning

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "translations"
BASE = "https://cabinet.example/problems/"
# the slugs the back office emits that the window says in its own words (sync/backoffice: grep "Problem(")
KNOWN = ["not-signed-in", "session-ended", "session-expired", "delegation-withdrawn", "account-blocked", "card-unknown",
         "card-untrusted", "card-expired", "card-mismatch", "password-wrong", "password-change-required",
         "password-suspended", "password-reused", "email-identifier-refused", "card-required", "doctor-only",
         "scope-missing", "no-delegation", "not-delegated", "professional-required", "consent-required",
         "vitale-required", "vitale-mismatch", "patient-unknown", "order-unknown", "order-dispatched",
         "order-cancelled", "thread-unknown", "too-many-unfinished-uploads"]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for language in ("fr", "en"):
        subprocess.run([str(lrelease), "-silent", str(SOURCES / f"cabinet_{language}.ts"),
                        "-qm", str(folder / f"cabinet_{language}.qm")], check=True, capture_output=True)
    return folder


def _in(language: str, folder: Path) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(f"cabinet_{language}", str(folder))
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(QLocale("en"))


@pytest.fixture
def french(qapp, compiled) -> Iterator[None]:
    yield from _in("fr", compiled)


@pytest.fixture
def english(qapp, compiled) -> Iterator[None]:
    yield from _in("en", compiled)


def _subclasses(kind: type) -> list[type]:
    found = []
    for sub in kind.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _instance(kind: type[errors.SyncError]) -> errors.SyncError:
    """An instance saying nothing of its own: a problem of no known type and no detail."""
    if "problem" in inspect.signature(kind.__init__).parameters:
        return kind(Problem(400, "", ""))
    return kind("said in English by the code, never shown")


SYNC_ERRORS = [kind for kind in _subclasses(errors.SyncError) if not kind.__name__.startswith("_")]


def test_the_known_types_are_the_back_offices():
    source = "".join(p.read_text() for p in (Path(__file__).parents[2] / "sync" / "backoffice").rglob("*.py"))
    assert [slug for slug in KNOWN if f'"{slug}"' not in source] == []


def test_the_sync_errors_are_found():
    assert {k.__name__ for k in SYNC_ERRORS} >= {"Offline", "ServerUnavailable", "SessionExpired", "SignInRefused",
                                                 "Forbidden", "Rejected", "ProtocolError"}


def _sentences(texts: list[str]) -> None:
    assert all(text and text.endswith(".") and "%" not in text for text in texts), texts
    assert len(set(texts)) == len(texts), texts  # one sentence each, none a fallback shared with another


def _said_in_both(folder: Path, say: Callable[[], list[str]]) -> dict[str, list[str]]:
    """What ``say`` says in French and in English: sentences, each translated."""
    said = {}
    for language in ("fr", "en"):
        for _ in _in(language, folder):
            said[language] = say()
    _sentences(said["fr"])
    _sentences(said["en"])
    assert [(en, fr) for fr, en in zip(said["fr"], said["en"]) if fr == en] == []
    return said


def test_every_sync_error_has_its_own_sentence_in_french_and_in_english(compiled, qapp):
    said = _said_in_both(compiled, lambda: [messages.sync_error_text(_instance(kind))
                                            for kind in [errors.SyncError, *SYNC_ERRORS]])
    assert "service en ligne" in said["fr"][0] and "back office" in said["en"][0]


def test_every_reason_code_has_a_sentence_in_french_and_in_english(compiled, qapp):
    said = _said_in_both(compiled, lambda: [messages.reason_text(code, "/home/cabinet/vault.key", "D-Bus absent")
                                            for code in Reason])
    assert len(said["fr"]) == len(Reason) == 4


def test_a_stored_code_is_said_with_its_data(french):
    assert messages.reason_text("scan-file-missing").startswith("Le fichier du scan est introuvable sur ce poste")
    refused_here = Problem(0, Reason.OUTBOX_ITEM_UNSENDABLE, "cannot be sent")  # by this client, not the server
    assert messages.problem_text(refused_here).startswith("Cette action a été enregistrée par une autre version")
    warning = KeyWarning(Reason.KEYRING_FAILED, Path("/home/cabinet/vault.key"), "le %1 du bus")
    assert messages.key_warning_text(warning) == ("Le trousseau du système ne répond pas (le %1 du bus) : la clé "
                                                  "de chiffrement est gardée dans /home/cabinet/vault.key, lisible "
                                                  "par ce seul compte.")


def test_known_problem_types_are_said_by_the_window_in_french_and_in_english(compiled, qapp):
    said = _said_in_both(compiled, lambda: [messages.problem_text(Problem(403, BASE + slug, "le détail du serveur"))
                                            for slug in KNOWN])
    assert "le détail du serveur" not in said["fr"] + said["en"]


def test_an_unknown_type_is_said_in_the_servers_detail(french):
    detail = "Trop d'essais infructueux : réessayez dans 60 secondes."
    assert messages.problem_text(Problem(429, BASE + "too-many-attempts", detail)) == detail
    assert messages.sync_error_text(errors.Rejected(Problem(422, BASE + "invalid-request", detail))) == detail
    unreadable = Problem(400, "", "<html><body>400 Bad Request</body></html>")  # not problem+json: no voice
    assert messages.problem_text(unreadable) == messages.sync_error_text(errors.Rejected(unreadable)) == (
        "Le service en ligne a refusé cette demande.")
    ended = errors.SessionExpired(unreadable)
    assert messages.sync_error_text(ended) == "Votre session est terminée : reconnectez-vous."


def test_an_error_with_a_known_type_is_said_in_the_windows_words(french):
    refused = errors.Rejected(Problem(409, BASE + "order-dispatched", "Commande déjà partie."))
    assert messages.sync_error_text(refused) == ("Cette commande est déjà expédiée : elle ne peut plus être "
                                                 "modifiée.")
    ended = errors.SessionExpired(Problem(403, BASE + "delegation-withdrawn", ""))
    assert "retiré sa délégation" in messages.sync_error_text(ended)


def test_a_maintenance_says_until_when(french):
    until = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)
    text = messages.sync_error_text(errors.ServerUnavailable("maintenance", until))
    local = until.astimezone().strftime("%H:%M")
    assert text.startswith("Le service en ligne est en maintenance jusqu'à 30/11/2026 " + local)


def _card_error(kind: type[card_errors.CardError]) -> card_errors.CardError:
    data = {"reader": "Lecteur 0", "tries_left": 2, "sw": 0x6A86, "what": "EF.ICC", "context": "read"}
    parameters = list(inspect.signature(kind.__init__).parameters.values())[1:]
    if any(p.kind is p.VAR_POSITIONAL for p in parameters):
        return kind("said in English by the code, never shown")
    return kind(**{p.name: data[p.name] for p in parameters})


def test_every_card_error_has_a_sentence_in_french_and_in_english(compiled, qapp):
    kinds = [card_errors.CardError, *_subclasses(card_errors.CardError)]
    said = {}
    for language in ("fr", "en"):
        for _ in _in(language, compiled):
            said[language] = [messages.card_error_text(_card_error(kind)) for kind in kinds]
    assert len(kinds) > 10 and [t for t in said["fr"] + said["en"] if t[-1] not in ".?"] == []
    assert [(en, fr) for fr, en in zip(said["fr"], said["en"]) if fr == en] == []
