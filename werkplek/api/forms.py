from django import forms
from django.utils.translation import gettext_lazy as _

VALIDITY_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
    ("", _("Until I revoke it")),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Payroll synchronisation”."),
    )
    valid_days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=VALIDITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )
    can_write = forms.BooleanField(
        label=_("May make changes (otherwise it can only read)"), required=False
    )
