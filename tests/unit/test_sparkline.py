"""A series drawn as block characters: one bar per value, scaled from 0 to ``high``."""

from __future__ import annotations

import pytest

from stratui.domain.sparkline import BARS, sparkline

LOW, MIDDLE, FULL = "▁", "▅", "█"  # 0, round(0.5 * 7) == 4, 7 of BARS


def test_no_values_draw_nothing():
    assert sparkline([]) == ""
    assert sparkline([], high=1) == ""


def test_one_bar_per_value():
    assert len(sparkline([0.1, 0.2, 0.9, 0.4, 1.0], high=1)) == 5


def test_a_ratio_on_a_scale_to_one():
    assert sparkline([1.0], high=1) == FULL
    assert sparkline([0], high=1) == LOW
    assert sparkline([0.5], high=1) == MIDDLE
    assert sparkline([0, 0.5, 1.0], high=1) == LOW + MIDDLE + FULL


def test_bars_rise_with_the_value():
    values = [i / 7 for i in range(8)]
    assert sparkline(values, high=1) == BARS


def test_without_high_the_highest_value_is_the_full_bar():
    assert sparkline([1, 2, 7]) == "▂▃█"  # 7 steps above the lowest bar
    assert sparkline([3, 3]) == FULL * 2
    assert sparkline([10, 5, 0]) == FULL + MIDDLE + LOW


def test_the_scale_does_not_depend_on_the_series_when_high_is_given():
    assert sparkline([0.5, 0.5], high=1) == MIDDLE * 2  # not two full bars
    assert sparkline([0.5]) == FULL


@pytest.mark.parametrize("high", [None, 1, 0])
def test_all_zeros_sit_on_the_lowest_bar(high):
    assert sparkline([0, 0, 0], high=high) == LOW * 3


def test_values_outside_the_scale_are_clamped():
    assert sparkline([1.5, 7, 1.0], high=1) == FULL * 3
    assert sparkline([-0.5, -3], high=1) == LOW * 2
    assert sparkline([-1, 2]) == LOW + FULL
