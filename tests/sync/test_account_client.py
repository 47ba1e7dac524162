"""The account's calls of the client against the real back office: recent sign-ins, delegations, the
password chosen from a card session, and the password sign-in's first-login code and forced new password."""

from __future__ import annotations

import sqlite3
import time

import pytest
from signing import card_signer
from test_engine import client_for

from cardreader.emulator.pki import TestPki
from cardreader.emulator.profiles import STOCK_CARDS, card_from_spec
from sync.backoffice.accounts import enrol
from sync.backoffice.local import LocalBackoffice
from sync.backoffice.sqlite import open_database
from sync.errors import Forbidden, Rejected, SignInRefused

GP_AM = "751123456"


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory, pki_dir):
    card_from_spec("cps", pki_dir)
    with LocalBackoffice(tmp_path_factory.mktemp("bo"), trust_cas=(TestPki.open(pki_dir).ca_certificate_pem_path,),
                         patients=5, months=1) as running:
        yield running


def first_login_code(backoffice) -> str:
    """A new first-login code for the demo GP, as the fund sends it by post (his practice unchanged)."""
    with sqlite3.connect(backoffice.db_path) as db:
        last, first, practice = db.execute(
            "SELECT p.last_name, p.first_name, s.name FROM professionals p JOIN practices s ON s.id = p.practice_id "
            "WHERE p.am_number = ?", (GP_AM,)).fetchone()
    return enrol(open_database(backoffice.db_path), time.time, national_id=STOCK_CARDS["cps"].holder.national_id,
                 last_name=last, first_name=first, am_number=GP_AM, practice=practice)


def test_logins_lists_the_accounts_sign_ins_newest_first(backoffice, pki_dir):
    client_for(backoffice).sign_in_with_card(card_signer(pki_dir))
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    items = client.logins().items
    assert len(items) >= 2
    assert [login.at for login in items] == sorted((login.at for login in items), reverse=True)
    newest = items[0]
    assert (newest.method, newest.workstation, newest.reported_not_me) == ("card", "poste-test", False)
    assert newest.at.tzinfo is not None


def test_delegations_lists_the_cpe_cards_and_their_scopes(backoffice, pki_dir):
    client = client_for(backoffice)
    client.sign_in_with_card(card_signer(pki_dir))
    (secretary,) = client.delegations().items  # the seeded practice's CPE, given everything delegable
    assert secretary.delegate_national_id.startswith("3")
    assert sorted(secretary.scopes) == ["documents", "forms", "messages", "payments"]


def test_the_first_login_code_asks_for_a_new_password_then_signs_in(backoffice):
    code, client = first_login_code(backoffice), client_for(backoffice)
    with pytest.raises(SignInRefused) as refused:
        client.sign_in_with_password(GP_AM, code)
    assert refused.value.problem.slug == "password-change-required" and client.grant is None
    with pytest.raises(Rejected) as ruled_out:
        client.sign_in_with_password(GP_AM, code, new_password="court")
    assert ruled_out.value.problem.slug == "password-rule"
    grant = client.sign_in_with_password(GP_AM, code, new_password="Tilleul2026")
    assert grant.kind == "password" and client.grant == grant
    assert client.logins().items[0].method == "password"
    with pytest.raises(SignInRefused):  # the code served once
        client_for(backoffice).sign_in_with_password(GP_AM, code)


def test_change_password_from_a_card_session_only_and_never_a_recent_one(backoffice, pki_dir):
    first_login_code(backoffice)
    card = client_for(backoffice)
    card.sign_in_with_card(card_signer(pki_dir))
    card.change_password("Platane2027")
    assert client_for(backoffice).sign_in_with_password(GP_AM, "Platane2027").kind == "password"
    with pytest.raises(Rejected) as reused:  # not retried either: a repeat would be refused so
        card.change_password("Platane2027")
    assert reused.value.problem.slug == "password-reused"

    password = client_for(backoffice)
    password.sign_in_with_password(GP_AM, "Platane2027")
    with pytest.raises(Forbidden) as refused:
        password.change_password("Marronnier8")
    assert refused.value.problem.slug == "card-required"
    assert client_for(backoffice).sign_in_with_password(GP_AM, "Platane2027").kind == "password"
