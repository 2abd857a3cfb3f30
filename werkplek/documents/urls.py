from django.urls import path

from werkplek.documents import views

app_name = "documents"

urlpatterns = [
    path("trajectory/<uuid:public_id>/", views.documents_tab, name="trajectory"),
    path("trajectory/<uuid:public_id>/add/", views.document_upload, name="upload"),
    path(
        "trajectory/<uuid:public_id>/formalities/<slug:code>/",
        views.slot_update,
        name="slot_update",
    ),
    path("<uuid:public_id>/download/", views.document_download, name="download"),
    path("<uuid:public_id>/delete/", views.document_delete, name="delete"),
]
