from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from werkplek.accounts.forms import MemberInviteForm, MembershipForm, OrganisationForm, ProfileForm
from werkplek.accounts.models import STAFF_ROLES, Membership
from werkplek.accounts.selectors import memberships_of
from werkplek.accounts.services import member_invite, membership_update, organisation_update
from werkplek.core.pagination import paginate
from werkplek.core.tenancy import member_required


@member_required(Membership.Role.ADMIN)
def organisation_edit(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation_update(
                    organisation=organisation.__class__.objects.get(pk=organisation.pk),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Organisation saved."))
                return redirect("accounts:organisation", org=organisation.slug)
        return render(request, "accounts/organisation_form.html", {"form": form}, status=422)
    return render(request, "accounts/organisation_form.html", {"form": form})


@member_required(*STAFF_ROLES)
def member_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, memberships_of(request.organisation), per_page=50)
    return render(
        request,
        "accounts/member_list.html",
        {"page": page, "can_manage": request.membership.role == Membership.Role.ADMIN},
    )


@member_required(Membership.Role.ADMIN)
def member_invite_view(request: HttpRequest) -> HttpResponse:
    form = MemberInviteForm(
        request.POST or None, initial={"language": request.organisation.default_language}
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                membership = member_invite(
                    organisation=request.organisation,
                    invited_by=request.user,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("%s is invited and received an e-mail.") % membership.user.full_name
                )
                return redirect("accounts:members", org=request.organisation.slug)
        return render(request, "accounts/member_invite.html", {"form": form}, status=422)
    return render(request, "accounts/member_invite.html", {"form": form})


@member_required(Membership.Role.ADMIN)
def member_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    membership = get_object_or_404(memberships_of(request.organisation), public_id=public_id)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST":
        if form.is_valid():
            try:
                membership_update(
                    membership=Membership.objects.get(pk=membership.pk),
                    by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Membership saved."))
                return redirect("accounts:members", org=request.organisation.slug)
        context = {"form": form, "membership": membership}
        return render(request, "accounts/member_form.html", context, status=422)
    return render(request, "accounts/member_form.html", {"form": form, "membership": membership})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None, initial={"full_name": user.full_name, "language": user.language}
    )
    if request.method == "POST":
        if form.is_valid():
            user.full_name = form.cleaned_data["full_name"]
            user.language = form.cleaned_data["language"]
            user.save(update_fields=["full_name", "language"])
            messages.success(request, _("Your settings are saved."))
            return redirect("profile")
        return render(request, "accounts/profile.html", {"form": form}, status=422)
    return render(request, "accounts/profile.html", {"form": form})
