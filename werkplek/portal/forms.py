from django import forms
from django.utils.translation import gettext_lazy as _

from werkplek.accounts.models import Language


class GuestInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("E.g. the school's trajectbegeleider or the VDAB consultant."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
