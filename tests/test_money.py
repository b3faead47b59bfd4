"""Money: one rounding rule (half up) wherever an amount is shown to the penny."""

from __future__ import annotations

from decimal import Decimal

import pytest

import coproduction as cp
from coproduction.money import LARGEST, format_pounds, pounds, to_penny, total


@pytest.mark.parametrize(
    ("exact", "shown"),
    [
        ("0.125", "0.13"),
        ("2.675", "2.68"),
        ("0.005", "0.01"),
        ("1.115", "1.12"),
        ("-0.125", "-0.13"),
    ],
)
def test_a_half_penny_rounds_up_in_lines_totals_and_formatting(exact: str, shown: str) -> None:
    amount = Decimal(exact)
    assert to_penny(amount) == Decimal(shown)
    assert total([amount]) == Decimal(shown)
    sign = "-" if shown.startswith("-") else ""
    assert format_pounds(amount) == f"{sign}£{shown.lstrip('-')}"


def test_a_total_of_half_pennies_rounds_up_not_to_even() -> None:
    # 0.0125 + 0.0125 = 0.025: half even would show 0.02.
    assert total([Decimal("0.0125"), Decimal("0.0125")]) == Decimal("0.03")


def test_format_pounds_groups_thousands_and_puts_the_minus_before_the_pound() -> None:
    assert format_pounds(Decimal("1234.5")) == "£1,234.50"
    assert format_pounds(Decimal("-12.345")) == "-£12.35"
    assert format_pounds(Decimal("-0.004")) == "£0.00"


def test_a_float_is_refused_with_the_packages_own_error() -> None:
    with pytest.raises(cp.CoproductionError) as caught:
        pounds(6.8)
    assert isinstance(caught.value, cp.ValidationError)
    assert 'give a string like "6.80"' in str(caught.value)


@pytest.mark.parametrize("value", [10**26, "1" * 30, Decimal("1E+26"), LARGEST, -LARGEST, 1e300])
def test_an_amount_of_a_billion_pounds_or_more_is_refused(value: object) -> None:
    with pytest.raises(cp.ValidationError):
        pounds(value)


def test_an_amount_just_under_the_limit_is_read_exactly() -> None:
    assert pounds("999999999.99") == Decimal("999999999.99")


@pytest.mark.parametrize("value", [[1], {"a": 1}, None, object()])
def test_a_value_that_is_not_an_amount_is_refused_without_its_type_name(value: object) -> None:
    with pytest.raises(cp.ValidationError) as caught:
        pounds(value)
    message = str(caught.value)
    for name in ("list", "dict", "None", "object"):
        assert name not in message
