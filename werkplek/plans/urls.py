from django.urls import path

from werkplek.plans import views

app_name = "plans"

urlpatterns = [
    path("mine/", views.my_plan, name="mine"),
    path("<uuid:public_id>/", views.plan, name="plan"),
    path("<uuid:public_id>/start/", views.plan_start, name="start"),
    path("<uuid:public_id>/calendar/", views.calendar, name="calendar"),
    path("<uuid:public_id>/revise/", views.plan_revise, name="revise"),
    path("<uuid:public_id>/send/", views.plan_send, name="send"),
    path("<uuid:public_id>/goals/new/", views.goal_new, name="goal_new"),
    path(
        "<uuid:public_id>/goals/from-baseline/",
        views.goals_from_baseline,
        name="goals_from_baseline",
    ),
    path("<uuid:public_id>/moments/new/", views.moment_new, name="moment_new"),
    path("version/<uuid:public_id>/", views.version_detail, name="version"),
    path("version/<uuid:public_id>/agree/", views.version_agree, name="agree"),
    path("version/<uuid:public_id>/acknowledge/", views.version_acknowledge, name="acknowledge"),
    path("goal/<uuid:public_id>/", views.goal_edit, name="goal_edit"),
    path("goal/<uuid:public_id>/delete/", views.goal_delete, name="goal_delete"),
    path("moment/<uuid:public_id>/", views.moment_edit, name="moment_edit"),
    path("moment/<uuid:public_id>/delete/", views.moment_delete, name="moment_delete"),
]
