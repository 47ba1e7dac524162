from desktop_app.formatting import civility, euros, french_date, french_number, spaced_nir


def test_french_dates_keep_unknown_day_and_month():
    assert french_date("2025-03-01") == "01/03/2025"
    assert french_date("1979-03-00") == "00/03/1979"
    assert french_date(None) == ""


def test_nir_grouped_as_on_the_card():
    assert spaced_nir("285037511504263") == "2 85 03 75 115 042 63"
    assert spaced_nir("28503") == "28503"


def test_civility():
    assert [civility(c) for c in ("DR", "MME", "M", "PR", "X")] == ["Dr", "Mme", "M.", "Pr", "X"]


def test_amounts_are_written_as_french_accounts_write_them():
    thin, nbsp = "\u202f", "\u00a0"
    assert euros(123450) == f"1{thin}234,50{nbsp}€"
    assert euros(5) == f"0,05{nbsp}€"
    assert euros(-123456789) == f"-1{thin}234{thin}567,89{nbsp}€"
    assert french_number(72.36, 1) == "72,4" and french_number(5322) == f"5{thin}322"
