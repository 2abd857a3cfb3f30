from django.urls import path

from werkplek.competences import views

app_name = "competences"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("new/", views.framework_new, name="new"),
    path("<uuid:public_id>/", views.framework_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.framework_edit, name="edit"),
    path("scale/<uuid:public_id>/edit/", views.scale_edit, name="scale_edit"),
    path("<uuid:public_id>/adopt/", views.framework_adopt, name="adopt"),
    path("<uuid:public_id>/competences/new/", views.competence_new, name="competence_new"),
    path("competence/<uuid:public_id>/", views.competence_edit, name="competence_edit"),
    path(
        "competence/<uuid:public_id>/move/<str:direction>/",
        views.competence_move,
        name="competence_move",
    ),
    path("trajectory/<uuid:public_id>/baseline/", views.baseline, name="baseline"),
]
