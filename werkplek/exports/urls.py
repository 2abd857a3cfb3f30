from django.urls import path

from werkplek.exports import views

app_name = "exports"

urlpatterns = [
    path("trajectories.csv", views.trajectories_export, {"fmt": "csv"}, name="trajectories_csv"),
    path("trajectories.xlsx", views.trajectories_export, {"fmt": "xlsx"}, name="trajectories_xlsx"),
    path("candidates.csv", views.candidates_export, {"fmt": "csv"}, name="candidates_csv"),
    path("candidates.xlsx", views.candidates_export, {"fmt": "xlsx"}, name="candidates_xlsx"),
]
