"""The expiry radar as a spreadsheet (see werkplek/exports)."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from werkplek.core.i18n import localized
from werkplek.credentials.models import Credential
from werkplek.credentials.validity import Status, credential_validity
from werkplek.exports.tables import ExportColumn, ExportTable


def mentor_names(credential: Credential) -> list[str]:
    """The mentors of the candidate's open trajectories (prefetched by the radar)."""
    return sorted(
        {
            mentor.full_name
            for trajectory in credential.candidate.open_trajectories
            for mentor in trajectory.mentors.all()
        }
    )


def _status(credential: Credential, today: date) -> str:
    validity = credential_validity(credential, today=today)
    if validity.status == Status.EXPIRED:
        return _("Expired")
    if validity.status == Status.EXPIRING:
        return ngettext(
            "Expires within %(days)s day", "Expires within %(days)s days", validity.within
        ) % {"days": validity.within}
    return str(Status(validity.status).label)


def radar_table(today: date) -> ExportTable:
    return ExportTable(
        title=gettext_lazy("Expiry radar"),
        columns=[
            ExportColumn(gettext_lazy("Candidate"), lambda c: c.candidate.full_name),
            ExportColumn(gettext_lazy("Credential"), lambda c: localized(c.type.label)),
            ExportColumn(gettext_lazy("Valid until"), lambda c: c.expires_on),
            ExportColumn(gettext_lazy("Days left"), lambda c: (c.expires_on - today).days),
            ExportColumn(gettext_lazy("Status"), lambda c: _status(c, today)),
            ExportColumn(gettext_lazy("Mentors"), lambda c: ", ".join(mentor_names(c))),
            ExportColumn(
                gettext_lazy("Verified by"),
                lambda c: c.verified_by.full_name if c.verified_by else "",
            ),
        ],
    )
