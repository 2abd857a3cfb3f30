from django.urls import path

from werkplek.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("candidates.xlsx", views.import_template, name="template"),
    path("<uuid:public_id>/", views.import_detail, name="detail"),
    path("<uuid:public_id>/columns/", views.import_columns, name="columns"),
    path("<uuid:public_id>/run/", views.import_run, name="run"),
    path("<uuid:public_id>/discard/", views.import_discard, name="discard"),
]
