"""How the window says when the data dates from and how the sync stands (pure functions, a fixed clock).

No catalogue is installed here: the sentences are the English source texts, the French pieces (days,
times) are the formatting's own."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop_app.formatting import data_from, french_day, french_time, moment, session_left, sync_text
from desktop_app.status import SyncPhase, SyncState

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2025, 11, 24, 10, 14, tzinfo=PARIS)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_days_and_times_are_written_the_french_way():
    assert french_time(datetime(2025, 11, 24, 9, 12)) == "9 h 12"
    assert french_time(datetime(2025, 11, 24, 14, 0)) == "14 h 00"
    assert french_day(date(2025, 11, 24), date(2025, 12, 31)) == "24/11"
    assert french_day(date(2024, 12, 30), date(2025, 1, 2)) == "30/12/2024"


def test_a_utc_stamp_is_read_in_the_local_time_zone():
    assert data_from(utc(2025, 11, 24, 8, 12), NOW) == "data from 24/11 at 9 h 12"  # UTC+1 in November
    assert data_from(utc(2025, 7, 1, 7, 5), NOW) == "data from 01/07 at 9 h 05"  # UTC+2 in summer
    assert data_from(utc(2024, 11, 24, 8, 12), NOW) == "data from 24/11/2024 at 9 h 12"


@pytest.mark.parametrize(("stamp", "said"), [
    (NOW - timedelta(hours=2), "today at 8 h 14"),
    (NOW - timedelta(days=1), "yesterday at 10 h 14"),
    (NOW + timedelta(days=1), "tomorrow at 10 h 14"),
    (NOW - timedelta(days=3), "21/11 at 10 h 14"),
    (NOW.replace(hour=0, minute=5) - timedelta(minutes=10), "yesterday at 23 h 55"),  # by the calendar
])
def test_a_moment_is_said_from_now(stamp, said):
    assert moment(stamp, NOW) == said


@pytest.mark.parametrize(("age", "said"), [
    (timedelta(seconds=20), "Up to date"),
    (timedelta(seconds=-30), "Up to date"),  # a back office clock a little ahead
    (timedelta(minutes=2, seconds=59), "Up to date 2 min ago"),
    (timedelta(minutes=59), "Up to date 59 min ago"),
    (timedelta(hours=3, minutes=20), "Up to date 3 h ago"),
    (timedelta(hours=10, minutes=30), "Data from 23/11 at 23 h 44"),  # yesterday evening: the date, not "10 h"
    (timedelta(days=2), "Data from 22/11 at 10 h 14"),
])
def test_up_to_date_says_minutes_then_hours_then_the_date(age, said):
    assert sync_text(SyncState(SyncPhase.CURRENT, NOW - age), NOW) == said


def test_offline_and_maintenance_say_how_old_the_data_is():
    as_of = NOW.replace(hour=9, minute=12)
    assert sync_text(SyncState(SyncPhase.OFFLINE, as_of), NOW) == "Offline — data from 24/11 at 9 h 12"
    assert sync_text(SyncState(SyncPhase.MAINTENANCE, as_of - timedelta(days=1)), NOW) == (
        "Under maintenance — data from 23/11 at 9 h 12")
    assert sync_text(SyncState(SyncPhase.SYNCING, as_of), NOW) == "Synchronizing…"


def test_a_workstation_that_never_synchronized_says_so():
    assert sync_text(SyncState(SyncPhase.CURRENT), NOW) == "Not synchronized yet"
    assert sync_text(SyncState(SyncPhase.OFFLINE), NOW) == "Offline — no data on this workstation yet"
    assert sync_text(SyncState(SyncPhase.MAINTENANCE), NOW) == "Under maintenance — no data on this workstation yet"


def test_a_password_session_says_its_time_left():
    assert session_left(NOW + timedelta(minutes=42, seconds=30), NOW) == "Session ends in 42 min"
    assert session_left(NOW + timedelta(seconds=10), NOW) == "Session ends in 1 min"
    assert session_left(NOW + timedelta(hours=3, minutes=26), NOW) == "Session ends at 13 h 40"
    assert session_left(NOW - timedelta(seconds=1), NOW) == "Session ended"
