"""The mentors page, under /o/<org>/mentors/."""

from django.urls import path

from werkplek.trajectories import views

app_name = "mentors"

urlpatterns = [path("", views.mentor_list, name="list")]
