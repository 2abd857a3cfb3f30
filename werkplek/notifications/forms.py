from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from werkplek.notifications.models import NotificationPreference


class DigestForm(forms.Form):
    digest = forms.ChoiceField(
        label=_("E-mail digest of new notifications"),
        choices=NotificationPreference.Digest.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest"].help_text = _(
            "The digest lists your unread notifications of every organisation, in your own "
            "language. It is sent around %(hour)s:00; the weekly one on Monday."
        ) % {"hour": settings.DIGEST_HOUR}


class InboxFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[("all", _("All")), ("unread", _("Unread only"))],
        required=False,
    )
