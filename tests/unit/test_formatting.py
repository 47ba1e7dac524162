from desktop_app.formatting import civility, french_date, spaced_nir


def test_french_dates_keep_unknown_day_and_month():
    assert french_date("2025-03-01") == "01/03/2025"
    assert french_date("1979-03-00") == "00/03/1979"
    assert french_date(None) == ""


def test_nir_grouped_as_on_the_card():
    assert spaced_nir("285037511504263") == "2 85 03 75 115 042 63"
    assert spaced_nir("28503") == "28503"


def test_civility():
    assert [civility(c) for c in ("DR", "MME", "M", "PR", "X")] == ["Dr", "Mme", "M.", "Pr", "X"]


def test_euros_as_a_french_reader_writes_them():
    from desktop_app.formatting import euros
    assert euros(123450) == "1\u00a0234,50\u00a0€"
    assert euros(5) == "0,05\u00a0€" and euros(-100_000_000) == "-1\u00a0000\u00a0000,00\u00a0€"
