"""The quality flags of a scanned page (sync.capture.quality), on care sheets made like scans: each damage
gets its flag, a normal sheet none, whatever its resolution and mode."""

from __future__ import annotations

import pytest
from capture_sheets import bilevel, black_page, blank_page, care_sheet, cut_sheet, faded_sheet, shifted_sheet

from sync.capture import Flag, check_page


@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_normal_sheet_has_no_flag(dpi, seed):
    sheet = care_sheet(dpi, seed=seed)
    assert check_page(sheet) == frozenset()
    assert check_page(bilevel(sheet)) == frozenset()
    assert check_page(sheet.convert("RGB")) == frozenset()
    assert check_page(sheet.rotate(90, expand=True)) == frozenset()


@pytest.mark.parametrize("make, flag", [
    (blank_page, Flag.NEARLY_WHITE),
    (black_page, Flag.NEARLY_BLACK),
    (faded_sheet, Flag.LOW_CONTRAST),
    (shifted_sheet, Flag.CUT_OR_SHIFTED),
    (cut_sheet, Flag.CUT_OR_SHIFTED),
], ids=["blank", "black", "faded", "shifted", "cut"])
@pytest.mark.parametrize("dpi", [200, 300])
def test_each_damage_has_its_flag(make, flag, dpi):
    assert check_page(make(dpi)) == frozenset({flag})


def test_a_black_band_on_any_edge_is_found():
    sheet = shifted_sheet()
    for turn in (90, 180, 270):
        assert check_page(sheet.rotate(turn, expand=True)) == frozenset({Flag.CUT_OR_SHIFTED})


def test_bilevel_damages_are_flagged_too():
    assert check_page(bilevel(blank_page())) == frozenset({Flag.NEARLY_WHITE})
    assert check_page(bilevel(shifted_sheet())) == frozenset({Flag.CUT_OR_SHIFTED})


def test_flags_are_stored_as_their_values():
    assert sorted(flag.value for flag in Flag) == ["cut-or-shifted", "low-contrast", "nearly-black", "nearly-white"]
