"""Personal API tokens, under My settings (/accounts/me/tokens/)."""

from django.urls import path

from werkplek.api import views

app_name = "api"

urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("<uuid:public_id>/revoke/", views.token_revoke, name="token_revoke"),
]
