"""The account's functions against the real back office, the demo doctor's emulated CPS signed in:
recent sign-ins as the view shows them, and the delegations to his secretary's CPE card."""

from __future__ import annotations

import sqlite3

import pytest
from signing import card_signer

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from desktop_app.account import (DelegationsState, LoginRow, Secretary, apply_delegations, delegation_state,
                                 recent_logins)
from sync.backoffice.local import LocalBackoffice
from sync.client import BackofficeClient
from sync.errors import Forbidden, SignInRefused

SECRETARY = STOCK_CARDS["cpe"].holder.national_id
EVERYTHING = frozenset({"payments", "forms", "messages", "documents"})


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as running:
        with sqlite3.connect(running.db_path) as db:  # the demo GP alone delegates to her: her scopes are his
            db.execute("DELETE FROM delegations WHERE titular_id != (SELECT id FROM professionals WHERE national_id = ?)",
                       (STOCK_CARDS["cps"].holder.national_id,))
        yield running


@pytest.fixture
def signed_in(backoffice, pki_dir):
    """``signed_in(spec="cps", workstation="poste-test")``: a client signed in with that emulated card."""
    clients = []

    def sign_in(spec: str = "cps", workstation: str = "poste-test") -> BackofficeClient:
        client = BackofficeClient(backoffice.url, ca_file=backoffice.ca_certificate, workstation=workstation,
                                  sleep=lambda seconds: None)
        clients.append(client)
        client.sign_in_with_card(card_signer(pki_dir, spec))
        return client

    yield sign_in
    for client in clients:
        client.close()


def test_recent_logins_mark_this_sessions_sign_in_and_those_reported(signed_in):
    doctor = signed_in()
    signed_in(workstation="ACCUEIL-2")
    rows = recent_logins(doctor, "poste-test")
    assert all(isinstance(row, LoginRow) for row in rows)
    assert (rows[0].workstation, rows[0].method, rows[0].current) == ("ACCUEIL-2", "card", False)
    assert (rows[1].workstation, rows[1].current) == ("poste-test", True)
    assert [row.current for row in rows].count(True) == 1  # older sign-ins from this workstation are not this one
    assert not any(row.reported for row in rows)

    doctor.report_not_me(rows[0].id)
    rows = recent_logins(signed_in(), "poste-test")
    assert [row.reported for row in rows[1:3]] == [True, False] and rows[0].current


def test_delegation_state_lists_the_secretary_and_what_she_is_granted(signed_in):
    state = delegation_state(signed_in())
    assert state == DelegationsState((Secretary(SECRETARY, EVERYTHING),))


def test_apply_delegations_reaches_the_secretarys_card(signed_in):
    doctor = signed_in()
    try:
        withdrawn = delegation_state(doctor).granting(SECRETARY, "messages", False).granting(SECRETARY, "documents",
                                                                                            False)
        assert apply_delegations(doctor, withdrawn) == withdrawn
        assert delegation_state(doctor) == withdrawn
        assert sorted(signed_in("cpe").grant.scopes) == ["forms", "payments"]

        nothing = DelegationsState((Secretary(SECRETARY),))
        assert apply_delegations(doctor, nothing) == nothing  # she stays listed, with nothing
        with pytest.raises(SignInRefused) as refused:
            signed_in("cpe")
        assert refused.value.problem.slug == "no-delegation"
    finally:
        apply_delegations(doctor, DelegationsState((Secretary(SECRETARY, EVERYTHING),)))


def test_the_secretary_can_neither_read_nor_change_the_delegations(signed_in):
    secretary = signed_in("cpe")
    with pytest.raises(Forbidden):
        delegation_state(secretary)
    with pytest.raises(Forbidden):
        apply_delegations(secretary, DelegationsState((Secretary(SECRETARY, EVERYTHING),)))


def test_medical_data_is_never_granted():
    state = DelegationsState((Secretary(SECRETARY),))
    assert state.granting(SECRETARY, "payments", True).secretaries[0].scopes == {"payments"}
    assert state.granting("another", "payments", True) == state
    for medical in ("patients", "ald", "activity", "delegations"):
        with pytest.raises(ValueError):
            state.granting(SECRETARY, medical, True)
