from django.urls import path

from werkplek.logbook import views

app_name = "logbook"

urlpatterns = [
    path("mine/", views.my_logbook, name="mine"),
    path("<uuid:public_id>/", views.entry_list, name="list"),
    path("<uuid:public_id>/new/", views.entry_create, name="create"),
    path("entry/<uuid:public_id>/edit/", views.entry_edit, name="edit"),
    path("entry/<uuid:public_id>/delete/", views.entry_delete, name="delete"),
    path("entry/<uuid:public_id>/photo/", views.entry_photo, name="photo"),
]
