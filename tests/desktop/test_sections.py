"""Which sections a session shows, from the scopes the back office granted it."""

from desktop_app.sections import DELEGABLE_SCOPES, Section, sections_for

# sync.backoffice.sessions: a doctor's card session holds every scope
DOCTOR = ("me", "payments", "rejects", "patients", "medical", "ald", "forms", "messages", "documents", "activity",
          "events", "delegations")


def test_a_doctor_sees_every_section():
    assert sections_for(DOCTOR) == frozenset(Section)


def test_a_secretary_sees_only_what_was_delegated_and_never_medical_data():
    shown = sections_for(["payments", "documents"])
    assert shown == {Section.HOME, Section.PAYMENTS, Section.DOCUMENTS, Section.DIAGNOSTICS, Section.LOGINS}
    everything = sections_for(DELEGABLE_SCOPES)
    assert everything.isdisjoint({Section.PATIENTS, Section.ALD, Section.ACTIVITY, Section.DELEGATIONS})
    assert {Section.FORMS, Section.CONTACT} <= everything


def test_a_session_with_no_scope_keeps_home_diagnostics_and_its_sign_ins():
    assert sections_for([]) == {Section.HOME, Section.DIAGNOSTICS, Section.LOGINS}
