"""The sign-in state machine (desktop_app/session.py): events in, effects out, every transition, and every
answer of an older generation dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from cardreader import errors as card_errors
from cardreader.atr import CardFamily
from desktop_app import session as s
from desktop_app.session import (Answer, AskPassword, AskPin, CardFailed, CardInserted, CardKind, CardProblem, CardRead,
                                 CardRemoved, CardSummary, CardUnblocked, HideData, IdleTimeout, LockReason,
                                 LockRequested, Method, NewPasswordEntered, NewPasswordRequired, NotMeReported,
                                 OpenSession, PasswordCancelled, PasswordEntered, PasswordRequested, PasswordTimeUp,
                                 Phase, PinBlocked, PinCancelled, PinEntered, PinPad, PinRefused, PinVerified,
                                 ReadCard, SessionLost, SessionUser, ShowCardProblem, ShowLock, SignedIn, SignIn,
                                 SignInFailed, SignInWithCard, SignInWithPassword, StartEngine, StopEngine,
                                 UnblockCard, UnblockEntered, UnexpectedEvent, UnlockRequested, VerifyPin)
from sync.errors import Offline, Problem, SessionExpired, SignInRefused

PRO, VITALE, UNKNOWN = CardFamily.PROFESSIONAL, CardFamily.VITALE, CardFamily.UNKNOWN
SLOT0, SLOT1, OTHER = "Lecteur bi-fente 00 00", "Lecteur bi-fente 00 01", "Lecteur clavier 01 00"
VALID = date(2030, 12, 31)
DOCTOR = CardSummary(SLOT0, "1000000001", CardKind.CPS, "Dr Émilie Lefèvre-Dupré", "810001234567", VALID, False, 3)
SECOND = CardSummary(SLOT1, "1000000002", CardKind.CPS, "Dr Paul Martin", "810009876543", VALID, False, 3)
SECRETARY = CardSummary(SLOT0, "1000000003", CardKind.CPE, "Chloé Marchand-Girard", "3123456", VALID, False, 3)


def user_of(card: CardSummary) -> SessionUser:
    scopes = frozenset({"payments"}) if card.kind is CardKind.CPE else frozenset({"payments", "medical"})
    return SessionUser(card.national_id, card.display_name, card.kind.value, scopes, "Cabinet des Tilleuls")


def answer(machine: SignIn, kind: type[Answer], *fields: object) -> list[s.Effect]:
    """The answer ``kind`` to the machine's current generation."""
    return machine.handle(kind(machine.generation, *fields))  # type: ignore[arg-type]


def to_pin(machine: SignIn, reader: str = SLOT0, insertion: int = 1, card: CardSummary = DOCTOR,
           pin_pad: bool = False) -> None:
    machine.handle(CardInserted(reader, insertion, PRO))
    answer(machine, CardRead, card, pin_pad)


def open_with_card(machine: SignIn, reader: str = SLOT0, insertion: int = 1,
                   card: CardSummary = DOCTOR) -> list[s.Effect]:
    to_pin(machine, reader, insertion, card)
    answer(machine, PinEntered, "1234")
    answer(machine, PinVerified)
    return answer(machine, SignedIn, user_of(card))


def open_with_password(machine: SignIn) -> list[s.Effect]:
    machine.handle(PasswordRequested())
    answer(machine, PasswordEntered, "751234567", "secret1")
    return answer(machine, SignedIn, user_of(DOCTOR))


def refused(slug: str) -> SignInRefused:
    return SignInRefused(Problem(401, f"https://cabinet.example/problems/{slug}", ""))


# -- the card path ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("reader", [SLOT0, SLOT1, OTHER])
def test_a_professional_card_in_any_slot_is_read_then_its_pin_asked_with_the_tries_left(reader):
    machine = SignIn()
    assert machine.handle(CardInserted(reader, 1, PRO)) == [ReadCard(1, reader)]
    assert machine.phase is Phase.READING
    assert answer(machine, CardRead, DOCTOR) == [AskPin(1, DOCTOR.display_name, 3, False, False, False)]
    assert machine.phase is Phase.PIN


def test_the_right_pin_signs_in_with_the_card_then_opens_the_session_and_starts_the_engine():
    machine = SignIn()
    to_pin(machine)
    assert answer(machine, PinEntered, "1234") == [VerifyPin(1, SLOT0, "1234")]
    assert machine.phase is Phase.VERIFYING
    assert answer(machine, PinVerified) == [SignInWithCard(1, SLOT0)]
    assert machine.phase is Phase.SIGNING_IN
    user = user_of(DOCTOR)
    assert answer(machine, SignedIn, user) == [OpenSession(1, user, Method.CARD, False), StartEngine(1, user)]
    assert (machine.phase, machine.user, machine.method, machine.last_national_id) == (
        Phase.OPEN, user, Method.CARD, DOCTOR.national_id)


def test_the_last_try_is_warned_of_before_the_first_entry():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    assert answer(machine, CardRead, replace(DOCTOR, tries_left=1)) == [
        AskPin(1, DOCTOR.display_name, 1, True, False, False)]


def test_a_wrong_pin_asks_again_with_the_new_count_then_warns_then_the_card_is_blocked():
    machine = SignIn()
    to_pin(machine)
    answer(machine, PinEntered, "0000")
    assert answer(machine, PinRefused, 2) == [AskPin(1, DOCTOR.display_name, 2, False, False, True)]
    answer(machine, PinEntered, "1111")
    assert answer(machine, PinRefused, 1) == [AskPin(1, DOCTOR.display_name, 1, True, False, True)]
    answer(machine, PinEntered, "2222")
    assert answer(machine, PinBlocked) == [ShowCardProblem(1, CardProblem.BLOCKED, SLOT0, DOCTOR.display_name, True)]
    assert machine.phase is Phase.CARD_PROBLEM


def test_a_refusal_with_no_try_left_is_a_blocked_card():
    machine = SignIn()
    to_pin(machine, card=SECRETARY)
    answer(machine, PinEntered, "0000")
    assert answer(machine, PinRefused, 0) == [
        ShowCardProblem(1, CardProblem.BLOCKED, SLOT0, SECRETARY.display_name, True)]


def test_the_pin_pad_is_asked_for_and_the_pin_typed_on_the_reader():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    assert answer(machine, CardRead, DOCTOR, True) == [AskPin(1, DOCTOR.display_name, 3, False, True, False)]
    assert answer(machine, PinEntered, PinPad.ON_READER) == [VerifyPin(1, SLOT0, PinPad.ON_READER)]
    assert answer(machine, PinRefused, 2) == [AskPin(1, DOCTOR.display_name, 2, False, True, True)]


@pytest.mark.parametrize("phase", [Phase.PIN, Phase.VERIFYING])  # the dialog's cancel; the PIN pad's cancel
def test_a_cancelled_pin_locks_with_the_card_in_and_the_unlock_asks_again(phase):
    machine = SignIn()
    to_pin(machine)
    error = None
    if phase is Phase.VERIFYING:  # the reader says whether it was its cancel key or its timeout
        answer(machine, PinEntered, PinPad.ON_READER)
        error = card_errors.PinEntryTimeout()
    assert answer(machine, PinCancelled, error) == [ShowLock(LockReason.PIN_CANCELLED, True, error)]
    assert machine.phase is Phase.LOCKED
    assert machine.handle(UnlockRequested()) == [ReadCard(3, SLOT0)]


@pytest.mark.parametrize(("card", "problem", "puk"), [
    (replace(DOCTOR, tries_left=0), CardProblem.BLOCKED, True),
    (replace(SECRETARY, tries_left=0), CardProblem.BLOCKED, True),
    (replace(DOCTOR, expired=True), CardProblem.EXPIRED, False),
    (replace(DOCTOR, kind=CardKind.UNKNOWN), CardProblem.UNKNOWN_KIND, False),
])
def test_a_card_that_cannot_sign_in_is_a_card_problem_with_the_puk_offered_where_allowed(card, problem, puk):
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    assert answer(machine, CardRead, card) == [ShowCardProblem(1, problem, SLOT0, card.display_name, puk)]
    assert machine.phase is Phase.CARD_PROBLEM


def test_the_puk_unblocks_the_card_which_is_read_again():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    answer(machine, CardRead, replace(DOCTOR, tries_left=0))
    assert answer(machine, UnblockEntered, "12345678", "4321") == [UnblockCard(1, SLOT0, "12345678", "4321")]
    assert machine.phase is Phase.UNBLOCKING
    assert answer(machine, CardUnblocked) == [ReadCard(1, SLOT0)]
    assert answer(machine, CardRead, DOCTOR) == [AskPin(1, DOCTOR.display_name, 3, False, False, False)]


def test_a_wrong_puk_offers_it_again_and_a_blocked_puk_no_more():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    answer(machine, CardRead, replace(DOCTOR, tries_left=0))
    answer(machine, UnblockEntered, "00000000", "4321")
    wrong = card_errors.PinWrong(2)
    assert answer(machine, CardFailed, wrong) == [
        ShowCardProblem(1, CardProblem.BLOCKED, SLOT0, DOCTOR.display_name, True, wrong)]
    answer(machine, UnblockEntered, "00000000", "4321")
    blocked = card_errors.PinBlocked()
    assert answer(machine, CardFailed, blocked) == [
        ShowCardProblem(1, CardProblem.BLOCKED, SLOT0, DOCTOR.display_name, False, blocked)]
    with pytest.raises(UnexpectedEvent):
        answer(machine, UnblockEntered, "00000000", "4321")


def test_the_puk_is_not_taken_when_it_was_not_offered():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    answer(machine, CardRead, replace(DOCTOR, expired=True))
    with pytest.raises(UnexpectedEvent):
        answer(machine, UnblockEntered, "12345678", "4321")


def test_a_read_failure_is_a_card_problem_and_the_unlock_reads_again():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    error = card_errors.CardProtocolError("bad TLV")
    assert answer(machine, CardFailed, error) == [
        ShowCardProblem(1, CardProblem.READ_FAILED, SLOT0, None, False, error)]
    assert machine.handle(UnlockRequested()) == [ReadCard(2, SLOT0)]


def test_a_card_failure_while_checking_the_pin_is_a_card_problem():
    machine = SignIn()
    to_pin(machine)
    answer(machine, PinEntered, "1234")
    error = card_errors.ReaderGone(SLOT0)
    assert answer(machine, CardFailed, error) == [
        ShowCardProblem(1, CardProblem.READ_FAILED, SLOT0, DOCTOR.display_name, False, error)]


def test_a_refused_sign_in_locks_with_its_reason_and_the_card_still_in():
    machine = SignIn()
    to_pin(machine)
    answer(machine, PinEntered, "1234")
    answer(machine, PinVerified)
    error = refused("card-unknown")
    assert answer(machine, SignInFailed, error) == [ShowLock(LockReason.SIGN_IN_FAILED, True, error)]
    assert (machine.phase, machine.user) == (Phase.LOCKED, None)
    assert machine.handle(UnlockRequested()) == [ReadCard(3, SLOT0)]


# -- cards coming and going ---------------------------------------------------------------------------------

def test_the_sessions_card_pulled_hides_the_data_stops_the_engine_and_shows_the_lock_at_once():
    machine = SignIn()
    open_with_card(machine)
    generation = machine.generation
    assert machine.handle(CardRemoved(SLOT0, 1)) == [HideData(), StopEngine(), ShowLock(LockReason.CARD_PULLED, False)]
    assert (machine.phase, machine.user, machine.method) == (Phase.LOCKED, None, None)
    assert machine.generation > generation


def test_the_same_card_back_asks_the_pin_again_and_resumes_where_he_was():
    machine = SignIn()
    open_with_card(machine)
    machine.handle(CardRemoved(SLOT0, 1))
    assert machine.handle(CardInserted(SLOT1, 2, PRO)) == [ReadCard(machine.generation, SLOT1)]
    assert answer(machine, CardRead, DOCTOR)[0].tries_left == 3
    answer(machine, PinEntered, "1234")
    answer(machine, PinVerified)
    user = user_of(DOCTOR)
    assert answer(machine, SignedIn, user)[0] == OpenSession(machine.generation, user, Method.CARD, True)


def test_another_professional_card_locks_the_open_session_and_that_person_starts_afresh():
    machine = SignIn()
    open_with_card(machine, SLOT0, 1, DOCTOR)
    effects = machine.handle(CardInserted(SLOT1, 2, PRO))
    assert effects == [HideData(), StopEngine(), ShowLock(LockReason.CARD_CHANGED, True), ReadCard(2, SLOT1)]
    answer(machine, CardRead, SECRETARY)
    answer(machine, PinEntered, "5678")
    answer(machine, PinVerified)
    secretary = user_of(SECRETARY)
    assert answer(machine, SignedIn, secretary) == [OpenSession(2, secretary, Method.CARD, False),
                                                    StartEngine(2, secretary)]
    assert machine.handle(CardRemoved(SLOT0, 1)) == []  # the first card is not this session's
    assert machine.phase is Phase.OPEN
    assert machine.handle(CardRemoved(SLOT1, 2)) == [HideData(), StopEngine(), ShowLock(LockReason.CARD_PULLED, False)]


def test_a_second_card_during_a_sign_in_takes_over():
    machine = SignIn()
    to_pin(machine, SLOT0, 1, DOCTOR)
    assert machine.handle(CardInserted(SLOT1, 2, PRO)) == [ReadCard(2, SLOT1)]
    assert machine.handle(CardRemoved(SLOT0, 1)) == []
    assert machine.phase is Phase.READING


def test_the_first_session_holder_back_after_another_does_not_resume():
    machine = SignIn()
    open_with_card(machine, SLOT0, 1, DOCTOR)
    machine.handle(CardRemoved(SLOT0, 1))
    open_with_card(machine, SLOT0, 2, SECOND)
    machine.handle(CardRemoved(SLOT0, 2))
    assert open_with_card(machine, SLOT0, 3, DOCTOR)[0].resume is False


def test_the_last_session_holder_may_be_given_at_start():
    machine = SignIn(last_national_id=DOCTOR.national_id)
    assert open_with_card(machine)[0].resume is True
    assert SignIn(last_national_id=SECOND.national_id).last_national_id == SECOND.national_id


@pytest.mark.parametrize("phase", [Phase.READING, Phase.PIN, Phase.VERIFYING, Phase.SIGNING_IN, Phase.CARD_PROBLEM,
                                   Phase.UNBLOCKING])
def test_the_card_pulled_during_its_sign_in_shows_the_lock_screen(phase):
    machine = in_phase(phase)
    assert machine.handle(CardRemoved(SLOT0, 1)) == [ShowLock(LockReason.CARD_PULLED, False)]
    assert machine.phase is Phase.LOCKED


@pytest.mark.parametrize("phase", list(Phase))
def test_a_vitale_card_inserted_or_pulled_never_touches_the_session(phase):
    machine = in_phase(phase)
    state = (machine.phase, machine.generation, machine.user)
    assert machine.handle(CardInserted(OTHER, 10, VITALE)) == []
    assert machine.handle(CardRemoved(OTHER, 10)) == []
    assert (machine.phase, machine.generation, machine.user) == state


def test_the_removal_of_an_older_insertion_never_affects_a_newer_one():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    machine.handle(CardRemoved(SLOT0, 1))
    open_with_card(machine, SLOT0, 2)
    assert machine.handle(CardRemoved(SLOT0, 1)) == []  # told late, or twice
    assert machine.handle(CardInserted(SLOT0, 2, PRO)) == []  # the same insertion told again
    assert machine.phase is Phase.OPEN


def test_a_new_insertion_whose_removal_went_unseen_ends_the_old_cards_session_first():
    machine = SignIn()
    open_with_card(machine, SLOT0, 1)
    assert machine.handle(CardInserted(SLOT0, 3, PRO)) == [
        HideData(), StopEngine(), ShowLock(LockReason.CARD_PULLED, False), ReadCard(3, SLOT0)]


def test_an_unknown_card_says_so_on_the_lock_screen_until_it_is_pulled():
    machine = SignIn()
    assert machine.handle(CardInserted(OTHER, 1, UNKNOWN)) == [
        ShowCardProblem(1, CardProblem.UNKNOWN_KIND, OTHER, None, False)]
    assert machine.handle(UnlockRequested()) == []  # nothing to sign in with
    assert machine.handle(CardRemoved(OTHER, 1)) == [ShowLock(LockReason.CARD_PULLED, False)]


@pytest.mark.parametrize("phase", [Phase.PIN, Phase.VERIFYING, Phase.SIGNING_IN, Phase.PASSWORD, Phase.OPEN])
def test_an_unknown_card_never_disturbs_a_sign_in_or_a_session(phase):
    machine = in_phase(phase)
    generation = machine.generation
    assert machine.handle(CardInserted(OTHER, 10, UNKNOWN)) == []
    assert machine.handle(CardRemoved(OTHER, 10)) == []
    assert (machine.phase, machine.generation) == (phase, generation)


def test_the_unlock_takes_the_last_professional_card_inserted():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    machine.handle(CardInserted(SLOT1, 2, PRO))
    answer(machine, CardRead, SECOND)
    answer(machine, PinCancelled)
    machine.handle(PasswordRequested())
    answer(machine, PasswordCancelled)
    assert machine.handle(UnlockRequested()) == [ReadCard(machine.generation, SLOT1)]


# -- locks ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("event", "reason"), [(IdleTimeout(), LockReason.IDLE),
                                               (LockRequested(), LockReason.USER_LOCKED)])
def test_the_idle_and_user_locks_end_the_session_like_a_pull_and_the_pin_resumes(event, reason):
    machine = SignIn()
    open_with_card(machine)
    assert machine.handle(event) == [HideData(), StopEngine(), ShowLock(reason, True)]
    assert machine.handle(UnlockRequested()) == [ReadCard(machine.generation, SLOT0)]
    answer(machine, CardRead, DOCTOR)
    answer(machine, PinEntered, "1234")
    answer(machine, PinVerified)
    assert answer(machine, SignedIn, user_of(DOCTOR))[0].resume is True


@pytest.mark.parametrize("phase", [Phase.LOCKED, Phase.PIN, Phase.SIGNING_IN, Phase.PASSWORD])
def test_the_idle_and_user_locks_mean_nothing_without_a_session(phase):
    machine = in_phase(phase)
    assert machine.handle(IdleTimeout()) == machine.handle(LockRequested()) == []
    assert machine.phase is phase


@pytest.mark.parametrize(("kind", "fields", "reason"), [
    (SessionLost, (SessionExpired(Problem(401, "session-expired", "")),), LockReason.SESSION_ENDED),
    (SessionLost, (SessionExpired(Problem(403, "delegation-withdrawn", "")),), LockReason.SESSION_ENDED),
    (NotMeReported, (), LockReason.NOT_ME),
])
def test_the_back_office_ending_the_session_locks_it(kind, fields, reason):
    machine = SignIn()
    open_with_card(machine)
    error = fields[0] if fields else None
    assert answer(machine, kind, *fields) == [HideData(), StopEngine(), ShowLock(reason, True, error)]


@pytest.mark.parametrize("phase", list(Phase))
def test_the_unlock_reads_the_card_again_from_the_lock_screen_only(phase):
    machine = in_phase(phase)
    effects = machine.handle(UnlockRequested())
    on_lock_screen = phase in (Phase.LOCKED, Phase.CARD_PROBLEM)
    assert effects == ([ReadCard(machine.generation, SLOT0)] if on_lock_screen else [])


# -- the password fallback -----------------------------------------------------------------------------------

def test_the_password_signs_in_from_the_lock_screen():
    machine = SignIn()
    assert machine.handle(PasswordRequested()) == [AskPassword(1, False)]
    assert machine.phase is Phase.PASSWORD
    assert answer(machine, PasswordEntered, "751234567", "secret1") == [
        SignInWithPassword(1, "751234567", "secret1", None)]
    assert machine.phase is Phase.PASSWORD_SIGNING_IN
    user = user_of(DOCTOR)
    assert answer(machine, SignedIn, user) == [OpenSession(1, user, Method.PASSWORD, False), StartEngine(1, user)]
    assert machine.method is Method.PASSWORD


def test_a_refused_password_is_asked_again_with_the_reason():
    machine = SignIn()
    machine.handle(PasswordRequested())
    answer(machine, PasswordEntered, "751234567", "wrong1")
    error = refused("password-wrong")
    assert answer(machine, SignInFailed, error) == [AskPassword(1, False, error)]
    assert machine.phase is Phase.PASSWORD


def test_the_first_login_code_then_a_new_password_kept_until_the_back_office_takes_one():
    machine = SignIn()
    machine.handle(PasswordRequested())
    answer(machine, PasswordEntered, "751234567", "CODE1234")
    assert answer(machine, NewPasswordRequired) == [AskPassword(1, True)]
    assert machine.phase is Phase.NEW_PASSWORD
    assert answer(machine, NewPasswordEntered, "old5pass") == [
        SignInWithPassword(1, "751234567", "CODE1234", "old5pass")]
    reused = refused("password-reused")
    assert answer(machine, SignInFailed, reused) == [AskPassword(1, True, reused)]
    assert answer(machine, NewPasswordEntered, "new6pass") == [
        SignInWithPassword(1, "751234567", "CODE1234", "new6pass")]
    assert answer(machine, SignedIn, user_of(DOCTOR))[0].method is Method.PASSWORD


@pytest.mark.parametrize("phase", [Phase.PASSWORD, Phase.NEW_PASSWORD])
def test_the_password_dialog_cancelled_shows_the_lock_screen(phase):
    machine = in_phase(phase)
    assert answer(machine, PasswordCancelled) == [ShowLock(LockReason.NO_CARD, False)]
    assert machine.phase is Phase.LOCKED


def test_a_password_session_ends_on_its_time_and_on_idle():
    machine = SignIn()
    open_with_password(machine)
    assert answer(machine, PasswordTimeUp) == [HideData(), StopEngine(), ShowLock(LockReason.PASSWORD_TIME_UP, False)]
    open_with_password(machine)
    assert machine.handle(IdleTimeout()) == [HideData(), StopEngine(), ShowLock(LockReason.IDLE, False)]


def test_a_card_session_has_no_password_time():
    machine = SignIn()
    open_with_card(machine)
    with pytest.raises(UnexpectedEvent):
        answer(machine, PasswordTimeUp)


def test_a_professional_card_takes_over_from_the_password_and_its_session():
    machine = SignIn()
    machine.handle(PasswordRequested())
    assert machine.handle(CardInserted(SLOT0, 1, PRO)) == [ReadCard(2, SLOT0)]
    machine = SignIn()
    open_with_password(machine)
    assert machine.handle(CardInserted(SLOT1, 2, PRO)) == [
        HideData(), StopEngine(), ShowLock(LockReason.CARD_CHANGED, True), ReadCard(machine.generation, SLOT1)]


def test_the_password_is_offered_beside_a_blocked_card_which_no_longer_matters():
    machine = SignIn()
    machine.handle(CardInserted(SLOT0, 1, PRO))
    answer(machine, CardRead, replace(DOCTOR, tries_left=0))
    assert machine.handle(PasswordRequested()) == [AskPassword(2, False)]
    assert machine.handle(CardRemoved(SLOT0, 1)) == []
    assert machine.phase is Phase.PASSWORD


@pytest.mark.parametrize("phase", [Phase.READING, Phase.PIN, Phase.SIGNING_IN, Phase.PASSWORD, Phase.OPEN])
def test_the_password_is_not_offered_during_a_sign_in_or_a_session(phase):
    machine = in_phase(phase)
    assert machine.handle(PasswordRequested()) == []
    assert machine.phase is phase


def test_a_password_sign_in_cannot_fail_on_a_card():
    machine = in_phase(Phase.PASSWORD_SIGNING_IN)
    with pytest.raises(UnexpectedEvent):
        answer(machine, SignInFailed, card_errors.CardRemoved(SLOT0))


# -- generations: late answers are dropped -----------------------------------------------------------------

@pytest.mark.parametrize(("phase", "then", "late"), [
    (Phase.VERIFYING, CardRemoved(SLOT0, 1), lambda g: PinVerified(g)),  # the PIN check after the pull
    (Phase.SIGNING_IN, CardRemoved(SLOT0, 1), lambda g: SignedIn(g, user_of(DOCTOR))),  # the sign-in after the pull
    (Phase.SIGNING_IN, CardInserted(SLOT1, 2, PRO), lambda g: SignedIn(g, user_of(DOCTOR))),  # after a swap
    (Phase.PIN, CardInserted(SLOT1, 2, PRO), lambda g: PinEntered(g, "1234")),  # never sent to the new card
    (Phase.READING, CardInserted(SLOT1, 2, PRO), lambda g: CardRead(g, DOCTOR)),
    (Phase.OPEN, IdleTimeout(), lambda g: SessionLost(g, SessionExpired(Problem(401, "", "")))),
    (Phase.OPEN, CardRemoved(SLOT0, 1), lambda g: NotMeReported(g)),
    (Phase.PASSWORD_SIGNING_IN, CardInserted(SLOT1, 2, PRO), lambda g: SignedIn(g, user_of(DOCTOR))),
    (Phase.UNBLOCKING, CardRemoved(SLOT0, 1), lambda g: CardUnblocked(g)),
])
def test_an_answer_asked_before_a_lock_or_a_card_change_is_dropped(phase, then, late):
    machine = in_phase(phase)
    asked = machine.generation
    machine.handle(then)
    state = (machine.phase, machine.generation, machine.user)
    assert machine.handle(late(asked)) == []
    assert (machine.phase, machine.generation, machine.user) == state


SAMPLES: dict[type[Answer], Callable[[int], Answer]] = {
    CardRead: lambda g: CardRead(g, DOCTOR),
    CardFailed: lambda g: CardFailed(g, card_errors.CardRemoved(SLOT0)),
    PinEntered: lambda g: PinEntered(g, "1234"),
    PinCancelled: PinCancelled,
    PinVerified: PinVerified,
    PinRefused: lambda g: PinRefused(g, 2),
    PinBlocked: PinBlocked,
    UnblockEntered: lambda g: UnblockEntered(g, "12345678", "4321"),
    CardUnblocked: CardUnblocked,
    SignedIn: lambda g: SignedIn(g, user_of(DOCTOR)),
    SignInFailed: lambda g: SignInFailed(g, Offline("down")),
    PasswordEntered: lambda g: PasswordEntered(g, "751234567", "secret1"),
    NewPasswordRequired: NewPasswordRequired,
    NewPasswordEntered: lambda g: NewPasswordEntered(g, "new6pass"),
    PasswordCancelled: PasswordCancelled,
    SessionLost: lambda g: SessionLost(g, Offline("down")),
    PasswordTimeUp: PasswordTimeUp,
    NotMeReported: NotMeReported,
}


def test_every_answer_has_a_sample():
    assert set(SAMPLES) == set(s._ASKED_IN)


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("kind", list(SAMPLES))
def test_any_answer_of_another_generation_is_dropped_in_any_phase(phase, kind):
    machine = in_phase(phase)
    state = (machine.phase, machine.generation, machine.user)
    for generation in (machine.generation - 1, machine.generation + 1):
        assert machine.handle(SAMPLES[kind](generation)) == []
    assert (machine.phase, machine.generation, machine.user) == state


@pytest.mark.parametrize(("phase", "kind"), [(phase, kind) for kind, phases in s._ASKED_IN.items()
                                              for phase in Phase if phase not in phases])
def test_a_current_answer_the_phase_did_not_ask_for_is_the_callers_fault(phase, kind):
    machine = in_phase(phase)
    with pytest.raises(UnexpectedEvent):
        machine.handle(SAMPLES[kind](machine.generation))


# -- values ---------------------------------------------------------------------------------------------------

def test_secrets_never_show_in_a_repr():
    values = [PinEntered(1, "2468"), VerifyPin(1, SLOT0, "2468"), UnblockEntered(1, "97531086", "2468"),
              UnblockCard(1, SLOT0, "97531086", "2468"), PasswordEntered(1, "751234567", "hunter22"),
              NewPasswordEntered(1, "hunter22"), SignInWithPassword(1, "751234567", "hunter22", "hunter22")]
    for value in values:
        assert not [secret for secret in ("2468", "97531086", "hunter22") if secret in repr(value)], repr(value)


@pytest.mark.parametrize(("text", "kind"), [("CPS", CardKind.CPS), ("CPF", CardKind.CPF), ("CPE", CardKind.CPE),
                                            ("XYZ", CardKind.UNKNOWN), ("", CardKind.UNKNOWN)])
def test_a_card_kind_from_the_holder_file(text, kind):
    assert CardKind.of(text) is kind


# -- a machine in each phase -----------------------------------------------------------------------------------

def in_phase(phase: Phase) -> SignIn:
    """A machine brought to ``phase`` the way a person would, with the doctor's card as insertion 1 in SLOT0
    for the card phases."""
    machine = SignIn()
    blocked = replace(DOCTOR, tries_left=0)
    steps: dict[Phase, Callable[[], object]] = {
        Phase.LOCKED: lambda: (to_pin(machine), answer(machine, PinCancelled)),
        Phase.READING: lambda: machine.handle(CardInserted(SLOT0, 1, PRO)),
        Phase.PIN: lambda: to_pin(machine),
        Phase.VERIFYING: lambda: (to_pin(machine), answer(machine, PinEntered, "1234")),
        Phase.CARD_PROBLEM: lambda: (machine.handle(CardInserted(SLOT0, 1, PRO)), answer(machine, CardRead, blocked)),
        Phase.UNBLOCKING: lambda: (machine.handle(CardInserted(SLOT0, 1, PRO)), answer(machine, CardRead, blocked),
                                   answer(machine, UnblockEntered, "12345678", "4321")),
        Phase.SIGNING_IN: lambda: (to_pin(machine), answer(machine, PinEntered, "1234"), answer(machine, PinVerified)),
        Phase.PASSWORD: lambda: machine.handle(PasswordRequested()),
        Phase.NEW_PASSWORD: lambda: (machine.handle(PasswordRequested()),
                                     answer(machine, PasswordEntered, "751234567", "CODE1234"),
                                     answer(machine, NewPasswordRequired)),
        Phase.PASSWORD_SIGNING_IN: lambda: (machine.handle(PasswordRequested()),
                                            answer(machine, PasswordEntered, "751234567", "secret1")),
        Phase.OPEN: lambda: open_with_card(machine),
    }
    steps[phase]()
    assert machine.phase is phase
    return machine
