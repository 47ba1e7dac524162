"""Fixed pictures of the Informations personnelles and Activité pages, for their views' tests."""

from datetime import UTC, date, datetime

from desktop_app.activity_figures import ActivityPicture, Family, IndicatorFigures, MonthFigures
from desktop_app.personal_info import OptamState, PersonalInfo, PracticeLocation

FAMILIES = (Family("consultation", "Consultations"),
            Family("long_consultation", "Consultations longues ou complexes"),
            Family("visit", "Visites à domicile"), Family("teleconsultation", "Téléconsultations"),
            Family("technical", "Actes techniques (CCAM)"), Family("other", "Autres actes"))


def month(year: int, number: int, acts: tuple[int, ...], fees_cents: int, *, partial: bool = False) -> MonthFigures:
    return MonthFigures(date(year, number, 1), partial, sum(acts), acts, fees_cents, sum(acts) - 40, 0.4231, 812)


MONTHS = tuple(month(2024 + (11 + n) // 12, (11 + n) % 12 + 1,
                     (300 + 7 * n, 40 + n, 25, 18 + n % 4, 12, 3), 1_234_550 + 25_000 * n, partial=n == 11)
               for n in range(12))

ROSP = (
    IndicatorFigures("DIAB_HBA1C", "Patients diabétiques ayant eu 2 à 4 dosages d'HbA1c dans l'année", "%", True,
                     93.0, "2024", 71.4, False, "2023", 68.0),
    IndicatorFigures("BENZO_12S", "Patients traités plus de 12 semaines par benzodiazépine hypnotique", "%", False,
                     4.0, "2024", 3.5, True, "2023", 5.1),
    IndicatorFigures("ANTIBIO", "Prescriptions d'antibiotiques pour 100 patients de 16 à 65 ans sans ALD", "pour 100",
                     False, 14.0, "2024", 21.3, False, "2023", 22.0),
)
OPTAM_INDICATORS = (
    IndicatorFigures("TAUX_DEPASSEMENT", "Taux de dépassement d'honoraires", "%", False, 30.0, "2024", 22.5, True,
                     "2023", 25.0),
)

PICTURE = ActivityPicture(date(2025, 11, 24), FAMILIES, MONTHS, ROSP, OPTAM_INDICATORS,
                          OptamState(applicable=True, adherent=True, since=date(2021, 1, 1)))

INFO = PersonalInfo(
    first_name="Émilie", last_name="Lefèvre-Dupré", card_type="CPS", national_id="810003456786",
    rpps="10003456786", practice="Cabinet médical des Tilleuls",
    locations=(PracticeLocation("Cabinet médical des Tilleuls", "751123456", "L"),
               PracticeLocation("Maison de santé du Parc", None, "R")),
    convention_sector="2", optam=OptamState(applicable=True, adherent=True, since=date(2021, 1, 1)),
    bank_account="FR76 •••• •••• •••• •••• •••3 123",
    password_expires_at=datetime(2025, 12, 1, 9, 0, tzinfo=UTC))
