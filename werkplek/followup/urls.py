from django.urls import path

from werkplek.followup import views

app_name = "followup"

urlpatterns = [
    path("board/", views.board, name="board"),
    path("settings/", views.settings_edit, name="settings"),
    path("<uuid:public_id>/", views.trajectory_followup, name="trajectory"),
    path("<uuid:public_id>/rules/new/", views.rule_new, name="rule_new"),
    path("rule/<uuid:public_id>/", views.rule_edit, name="rule_edit"),
    path("rule/<uuid:public_id>/delete/", views.rule_delete, name="rule_delete"),
    path("moment/<uuid:public_id>/done/", views.moment_done, name="moment_done"),
    path("moment/<uuid:public_id>/skip/", views.moment_skip, name="moment_skip"),
    path("moment/<uuid:public_id>/reopen/", views.moment_reopen, name="moment_reopen"),
]
