"""Belgian enterprise number (ondernemingsnummer, KBO/BCE): 10 digits with a mod-97 check."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_enterprise_number(value: str) -> str:
    """Digits only; 'BE 0403.170.701' and '403170701' (old 9-digit form) become '0403170701'."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 9:
        digits = "0" + digits
    return digits


def validate_enterprise_number(value: str) -> None:
    digits = normalize_enterprise_number(value)
    if len(digits) != 10:
        raise ValidationError(
            _("An enterprise number has 10 digits, for example 0403.170.701."), code="length"
        )
    if digits[0] not in "01":
        raise ValidationError(_("An enterprise number starts with 0 or 1."), code="prefix")
    if 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValidationError(
            _("This enterprise number fails its check digits (mod 97); please check for a typo."),
            code="checksum",
        )


def format_enterprise_number(value: str) -> str:
    digits = normalize_enterprise_number(value)
    if len(digits) != 10:
        return value
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
