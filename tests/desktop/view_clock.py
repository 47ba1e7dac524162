"""A clock the tests set by hand: the views read the time only through it."""

from datetime import datetime
from zoneinfo import ZoneInfo

MONDAY = datetime(2025, 11, 24, 10, 14, tzinfo=ZoneInfo("Europe/Paris"))


class Clock:
    def __init__(self, now: datetime = MONDAY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
