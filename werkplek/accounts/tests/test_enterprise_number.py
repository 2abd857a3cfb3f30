import pytest
from django.core.exceptions import ValidationError

from werkplek.accounts.enterprise_number import (
    format_enterprise_number,
    normalize_enterprise_number,
    validate_enterprise_number,
)


@pytest.mark.parametrize(
    "value", ["0403.170.701", "BE 0403 170 701", "0403170701", "403170701", "0765.432.146"]
)
def test_valid_numbers_pass(value):
    validate_enterprise_number(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0403.170.702", "checksum"),  # last check digit off by one
        ("0403.710.701", "checksum"),  # two digits swapped
        ("12345", "length"),
        ("04031707011", "length"),
        ("", "length"),
        ("2403170701", "prefix"),
    ],
)
def test_invalid_numbers_say_why(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_enterprise_number(value)
    assert raised.value.code == code


def test_normalize_and_format():
    assert normalize_enterprise_number("BE0403.170.701") == "0403170701"
    assert format_enterprise_number("0403170701") == "0403.170.701"
