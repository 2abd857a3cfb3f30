"""Logins for trainees and guests: invitations, guest access to a trajectory, revoking it."""

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkplek.accounts.models import Membership, User
from werkplek.accounts.services import member_invite, password_set_link
from werkplek.core.mail import queue_email
from werkplek.portal.models import GuestAccess
from werkplek.trajectories.events import trajectory_log
from werkplek.trajectories.models import Trajectory


def _send(user: User, *, subject: str, template: str, context: dict) -> None:
    with translation.override(user.language):
        queue_email(
            EmailMessage(
                subject=str(subject) % context,
                body=render_to_string(template, {**context, "user": user}),
                to=[user.email],
            )
        )


@transaction.atomic
def trainee_invite(*, trajectory: Trajectory, by: User, base_url: str) -> Membership:
    """Give the trajectory's candidate a trainee login, or send a fresh one-time link to a
    trainee who has not chosen a password yet. The e-mail is in the candidate's language."""
    candidate = trajectory.candidate
    organisation = trajectory.organisation
    if not candidate.email:
        raise ValidationError(_("Add the candidate's e-mail address first."))
    user = candidate.user or User.objects.filter(email__iexact=candidate.email).first()
    membership = (
        Membership.objects.filter(user=user, organisation=organisation).first() if user else None
    )
    if membership is None:
        membership = member_invite(
            organisation=organisation,
            email=candidate.email,
            full_name=candidate.full_name,
            role=Membership.Role.TRAINEE,
            language=candidate.language,
            invited_by=by,
            base_url=base_url,
        )
    elif membership.role != Membership.Role.TRAINEE:
        raise ValidationError(
            _("%(email)s is already a member of the organisation as %(role)s.")
            % {"email": candidate.email, "role": membership.get_role_display()}
        )
    elif membership.user.has_usable_password():
        if candidate.user_id == membership.user_id:
            raise ValidationError(_("The trainee already has a login and a password."))
    else:
        _send(
            membership.user,
            subject=_("Your login for Werkplek at %(organisation)s"),
            template="accounts/email/invitation.txt",
            context={
                "organisation": organisation,
                "invited_by": by,
                "link": password_set_link(membership.user, base_url=base_url),
                "new_account": True,
                "role": Membership.Role(membership.role).label,  # lazy: the recipient's language
            },
        )
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    if candidate.user_id != membership.user_id:
        candidate.user = membership.user
        candidate.save(update_fields=["user", "updated_at"])
    trajectory_log(trajectory, "portal.trainee.invited", by=by, email=candidate.email)
    return membership


@transaction.atomic
def guest_access_grant(
    *,
    trajectory: Trajectory,
    email: str,
    full_name: str,
    language: str,
    by: User,
    base_url: str,
) -> GuestAccess:
    """Let a guest read the trajectory. A new person gets a guest login and an invitation
    with a one-time link; a known guest gets an e-mail that a trajectory was added."""
    if not trajectory.is_open:
        raise ValidationError(_("This trajectory is closed: it cannot get new guests."))
    organisation = trajectory.organisation
    email = User.objects.normalize_email(email).lower()
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, user__email__iexact=email)
        .first()
    )
    known = membership is not None
    if membership is None:
        membership = member_invite(
            organisation=organisation,
            email=email,
            full_name=full_name,
            role=Membership.Role.GUEST,
            language=language,
            invited_by=by,
            base_url=base_url,
        )
    elif membership.role != Membership.Role.GUEST:
        raise ValidationError(
            {
                "email": _(
                    "This person is already a member as %(role)s; guest access is for "
                    "people outside the organisation."
                )
                % {"role": membership.get_role_display()}
            }
        )
    elif not membership.is_active:
        raise ValidationError(
            {"email": _("This guest's membership is switched off; switch it on first.")}
        )
    if GuestAccess.objects.filter(
        trajectory=trajectory, membership=membership, revoked_at__isnull=True
    ).exists():
        raise ValidationError({"email": _("This guest can already follow this trajectory.")})
    access = GuestAccess.objects.create(
        organisation=organisation, trajectory=trajectory, membership=membership, invited_by=by
    )
    if known:
        path = reverse(
            "portal:guest_trajectory",
            kwargs={"org": organisation.slug, "public_id": trajectory.public_id},
        )
        _send(
            membership.user,
            subject=_("You can follow a trajectory at %(organisation)s"),
            template="portal/email/guest_access.txt",
            context={
                "organisation": organisation,
                "invited_by": by,
                "candidate": trajectory.candidate.full_name,
                "link": base_url.rstrip("/") + path,
            },
        )
    trajectory_log(trajectory, "portal.guest.invited", by=by, guest=membership.user.full_name)
    return access


@transaction.atomic
def guest_access_revoke(*, access: GuestAccess, by: User) -> GuestAccess:
    if access.revoked_at is not None:
        raise ValidationError(_("This access was already revoked."))
    access.revoked_at, access.revoked_by = timezone.now(), by
    access.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    trajectory_log(
        access.trajectory, "portal.guest.revoked", by=by, guest=access.membership.user.full_name
    )
    return access
