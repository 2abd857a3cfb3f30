"""Organisation settings, under /o/<org>/settings/."""

from django.urls import path

from werkplek.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.organisation_edit, name="organisation"),
    path("members/", views.member_list, name="members"),
    path("members/invite/", views.member_invite_view, name="member_invite"),
    path("members/<uuid:public_id>/", views.member_edit, name="member_edit"),
]
