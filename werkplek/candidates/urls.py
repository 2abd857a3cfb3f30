from django.urls import path

from werkplek.candidates import views

app_name = "candidates"

urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("<uuid:public_id>/", views.candidate_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.candidate_edit, name="edit"),
]
