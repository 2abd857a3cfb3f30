"""Optional two-factor sign-in with a TOTP app (django-otp), recommended for admins and
coordinators.

A user who confirmed a device is asked for a code right after the password. The question is
remembered in the session at sign-in (`OTP_PENDING`), so ordinary requests cost no query:
`TwoFactorMiddleware` only reads the session. See docs/decisions/security.md.
"""

from base64 import b32encode
from urllib.parse import quote

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

OTP_PENDING = "werkplek_otp_pending"
OTP_NEXT = "werkplek_otp_next"
ISSUER = "Werkplek"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(_("That code is not right. Try the newest one."))
        return token


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@receiver(user_logged_in)
def ask_for_a_code(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        session[OTP_PENDING] = True


class TwoFactorMiddleware:
    """Until the code is given, a signed-in user with a device only reaches the code page."""

    ALLOWED = ("/accounts/two-factor/verify/", "/accounts/logout/", "/static/", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        pending = session is not None and session.get(OTP_PENDING)
        # The API answers a pending session itself: a JSON 401 (api.auth), not a redirect.
        if pending and not request.path.startswith((*self.ALLOWED, "/api/")):
            session[OTP_NEXT] = request.get_full_path()
            return redirect("two_factor_verify")
        return self.get_response(request)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None or not request.session.get(OTP_PENDING):
        return redirect("home")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, device)
            request.session.pop(OTP_PENDING, None)
            target = request.session.pop(OTP_NEXT, "") or reverse("home")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("home")
            return redirect(target)
        return render(request, "accounts/two_factor_verify.html", {"form": form}, status=422)
    return render(request, "accounts/two_factor_verify.html", {"form": form})


def provisioning_uri(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    label = quote(f"{ISSUER}:{device.user.email}")
    return f"otpauth://totp/{label}?secret={secret}&issuer={ISSUER}&digits={device.digits}"


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Show a QR code for a new (unconfirmed) device; the first right code confirms it."""
    user = request.user
    device = confirmed_device(user)
    if device is not None:
        return render(request, "accounts/two_factor.html", {"device": device})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Werkplek", confirmed=False)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-step sign-in is on."))
        return redirect("two_factor")
    uri = provisioning_uri(device)
    context = {
        "form": form,
        "qr": segno.make(uri, error="m").svg_data_uri(scale=5),
        "secret": b32encode(device.bin_key).decode().rstrip("="),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/two_factor_enrol.html", context, status=status)


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None:
        return redirect("two_factor")
    form = TokenForm(request.POST, device=device)
    if not form.is_valid():
        return render(
            request, "accounts/two_factor.html", {"device": device, "form": form}, status=422
        )
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("profile")


def axes_username(request, credentials) -> str:
    """Count failed sign-ins per e-mail address, whatever its case (sign-in ignores case)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
