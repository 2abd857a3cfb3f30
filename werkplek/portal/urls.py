from django.urls import path

from werkplek.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("follow/<uuid:public_id>/", views.guest_trajectory, name="guest_trajectory"),
    path("<uuid:public_id>/trainee-login/", views.trainee_invite, name="trainee_invite"),
    path("<uuid:public_id>/guests/invite/", views.guest_invite, name="guest_invite"),
    path("guests/<uuid:public_id>/revoke/", views.guest_revoke, name="guest_revoke"),
]
