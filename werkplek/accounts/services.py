from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.core.mail import queue_email


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def password_set_link(user: User, *, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


@transaction.atomic
def member_invite(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    language: str,
    invited_by: User,
    base_url: str,
) -> Membership:
    """Add a person to the organisation; a new user gets an e-mail to choose a password."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, full_name=full_name, language=language)
        user.set_unusable_password()
        user.save()
    membership, made = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not made:
        raise ValidationError({"email": _("This person is already a member.")})
    link = password_set_link(user, base_url=base_url) if created else base_url
    context = {
        "user": user,
        "organisation": organisation,
        "invited_by": invited_by,
        "link": link,
        "new_account": created,
        "role": Membership.Role(membership.role).label,  # lazy: the recipient's language
    }
    with translation.override(user.language):
        queue_email(
            EmailMessage(
                subject=_("You are invited to Werkplek at %s") % organisation.name,
                body=render_to_string("accounts/email/invitation.txt", context),
                to=[user.email],
            )
        )
    return membership


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, is_active: bool, by: User
) -> Membership:
    if membership.user_id == by.pk and (role != membership.role or not is_active):
        raise ValidationError(_("You cannot change your own role or access."))
    membership.role, membership.is_active = role, is_active
    membership.full_clean()
    membership.save()
    return membership
