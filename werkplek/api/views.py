from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkplek.api.forms import ApiTokenForm
from werkplek.api.selectors import api_tokens_of
from werkplek.api.services import api_token_create, api_token_revoke


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The person's API tokens; a new token's secret is shown on this answer only."""
    form = ApiTokenForm(request.POST or None)
    context = {"form": form, "tokens": api_tokens_of(request.user)}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "api/token_list.html", context, status=422)
        token, secret = api_token_create(user=request.user, **form.cleaned_data)
        context.update(form=ApiTokenForm(), new_token=token, secret=secret)
        response = render(request, "api/token_list.html", context)
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "api/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, public_id: UUID) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(request.user), public_id=public_id)
    api_token_revoke(token=token)
    messages.success(request, _("The token “%s” is revoked: it no longer works.") % token.name)
    return redirect("api:tokens")
