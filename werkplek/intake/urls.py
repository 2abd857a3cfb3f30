from django.urls import path

from werkplek.intake import views

app_name = "intake"

urlpatterns = [
    path("applications/", views.application_list, name="applications"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<uuid:public_id>/", views.application_edit, name="application_edit"),
    path("trajectory/<uuid:public_id>/", views.intake_tab, name="trajectory"),
    path(
        "trajectory/<uuid:public_id>/application/",
        views.application_record,
        name="application_record",
    ),
    path("trajectory/<uuid:public_id>/meetings/new/", views.meeting_new, name="meeting_new"),
    path(
        "trajectory/<uuid:public_id>/preparation/",
        views.preparation_edit,
        name="preparation_edit",
    ),
    path("meetings/<uuid:public_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<uuid:public_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:public_id>/guide.pdf", views.meeting_guide_pdf, name="meeting_guide_pdf"),
    path(
        "meetings/<uuid:public_id>/status/<slug:code>/",
        views.meeting_status,
        name="meeting_status",
    ),
    path("policy/", views.policy, name="policy"),
    path("policy/edit/", views.policy_edit, name="policy_edit"),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<uuid:public_id>/", views.guide_detail, name="guide"),
    path("guides/<uuid:public_id>/questions/new/", views.question_new, name="question_new"),
    path("questions/<uuid:public_id>/", views.question_edit, name="question_edit"),
    path(
        "questions/<uuid:public_id>/move/<str:direction>/",
        views.question_move,
        name="question_move",
    ),
    path("questions/<uuid:public_id>/delete/", views.question_delete, name="question_delete"),
]
