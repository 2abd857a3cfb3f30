from django.urls import path

from werkplek.credentials import views

app_name = "credentials"

urlpatterns = [
    path("", views.radar, name="radar"),
    path("radar.csv", views.radar_export, {"fmt": "csv"}, name="radar_csv"),
    path("radar.xlsx", views.radar_export, {"fmt": "xlsx"}, name="radar_xlsx"),
    path("trajectory/<uuid:public_id>/", views.credentials_tab, name="trajectory"),
    path("trajectory/<uuid:public_id>/new/", views.credential_new, name="new"),
    path("<uuid:public_id>/edit/", views.credential_edit, name="edit"),
    path("<uuid:public_id>/verify/", views.credential_verify, name="verify"),
    path("<uuid:public_id>/delete/", views.credential_delete, name="delete"),
    path("types/", views.type_list, name="types"),
    path("types/new/", views.type_edit, name="type_new"),
    path("types/<uuid:public_id>/", views.type_edit, name="type_edit"),
]
