"""Activité as the page shows it (no Qt): the back office's activity figures (``sync.protocol.Activity``)
turned, on the pool, into a frozen picture the charts and tables draw as they are.

Each contract indicator is shown for its latest period, beside its value of the period before, so the
doctor sees where he stands and which way it goes; ROSP and OPTAM apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .personal_info import OptamState

if TYPE_CHECKING:  # the sync package is loaded with the first session
    from sync.protocol import Activity, Indicator

__all__ = ["ActivityPicture", "Family", "IndicatorFigures", "MonthFigures", "activity_picture"]


@dataclass(frozen=True)
class Family:
    code: str
    label: str  # the back office's words ("Visites à domicile")


@dataclass(frozen=True)
class MonthFigures:
    month: date  # its first day
    partial: bool  # the current month, still running
    acts: int
    acts_by_family: tuple[int, ...]  # in the order of ActivityPicture.families
    fees_cents: int
    patients_seen: int
    tiers_payant_share: float  # 0 to 1
    treating_patients: int  # patients who declared him médecin traitant, at month end


@dataclass(frozen=True)
class IndicatorFigures:
    code: str
    label: str
    unit: str  # "%", "pour 100"
    higher_is_better: bool
    target: float
    period: str  # "2024"
    value: float
    reached: bool
    previous_period: str | None
    previous_value: float | None


@dataclass(frozen=True)
class ActivityPicture:
    as_of: date
    families: tuple[Family, ...]
    months: tuple[MonthFigures, ...]  # oldest first
    rosp: tuple[IndicatorFigures, ...]
    optam_indicators: tuple[IndicatorFigures, ...]
    optam: OptamState

    @property
    def total_acts(self) -> int:
        return sum(month.acts for month in self.months)

    @property
    def total_fees_cents(self) -> int:
        return sum(month.fees_cents for month in self.months)


def activity_picture(activity: Activity) -> ActivityPicture:
    families = tuple(Family(f.code, f.label) for f in activity.families)
    months = tuple(MonthFigures(
        month=date.fromisoformat(m.month + "-01"), partial=m.partial, acts=m.acts,
        acts_by_family=tuple(m.acts_by_family.get(f.code, 0) for f in families), fees_cents=m.fees_cents,
        patients_seen=m.patients_seen, tiers_payant_share=m.tiers_payant_share,
        treating_patients=m.treating_patients) for m in activity.months)
    optam = activity.optam
    return ActivityPicture(activity.as_of, families, months, _latest(activity.indicators, "rosp"),
                           _latest(activity.indicators, "optam"),
                           OptamState(optam.applicable, optam.adherent, optam.since))


def _latest(indicators: list[Indicator], program: str) -> tuple[IndicatorFigures, ...]:
    """The program's indicators of its latest period, in the back office's order, each with its value of
    the period before when there is one."""
    mine = [i for i in indicators if i.program == program]
    periods = sorted({i.period for i in mine})
    if not periods:
        return ()
    before = {i.code: i for i in mine if len(periods) > 1 and i.period == periods[-2]}
    return tuple(IndicatorFigures(
        code=i.code, label=i.label, unit=i.unit, higher_is_better=i.higher_is_better, target=i.target,
        period=i.period, value=i.value, reached=i.reached,
        previous_period=before[i.code].period if i.code in before else None,
        previous_value=before[i.code].value if i.code in before else None)
        for i in mine if i.period == periods[-1])
