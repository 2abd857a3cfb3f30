from django.urls import path

from werkplek.trajectories import views

app_name = "trajectories"

urlpatterns = [
    path("", views.trajectory_list, name="list"),
    path("new/", views.trajectory_create_view, name="create"),
    path("mine/", views.my_trainees, name="mine"),
    path("<uuid:public_id>/", views.trajectory_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.trajectory_edit, name="edit"),
    path("<uuid:public_id>/history/", views.trajectory_history, name="history"),
    path("<uuid:public_id>/close/", views.trajectory_close, name="close"),
    path("<uuid:public_id>/stop/", views.trajectory_stop, name="stop"),
    path("<uuid:public_id>/step/", views.trajectory_step_move, name="step_move"),
    path(
        "<uuid:public_id>/transition/<slug:code>/",
        views.trajectory_transition,
        name="transition",
    ),
]
