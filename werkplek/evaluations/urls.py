from django.urls import path

from werkplek.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("<uuid:public_id>/", views.evaluation_list, name="list"),
    path("<uuid:public_id>/new/", views.schedule, name="schedule"),
    path("<uuid:public_id>/outcome/", views.outcome, name="outcome"),
    path("e/<uuid:public_id>/", views.detail, name="detail"),
    path("e/<uuid:public_id>/edit/", views.reschedule, name="reschedule"),
    path("e/<uuid:public_id>/self/", views.self_assessment, name="self"),
    path("e/<uuid:public_id>/score/", views.score, name="score"),
    path("e/<uuid:public_id>/goals/", views.goals, name="goals"),
    path("e/<uuid:public_id>/actions/", views.action_add, name="action_add"),
    path("e/<uuid:public_id>/hold/", views.hold, name="hold"),
    path("e/<uuid:public_id>/sign/", views.sign, name="sign"),
    path("e/<uuid:public_id>/correct/", views.correct, name="correct"),
    path("action/<uuid:public_id>/plan/", views.action_to_plan, name="action_to_plan"),
    path("action/<uuid:public_id>/delete/", views.action_delete, name="action_delete"),
    path("e/<uuid:public_id>/kept/", views.action_check, name="action_check"),
]
