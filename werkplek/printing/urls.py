from django.urls import path

from werkplek.printing import views

app_name = "printing"

urlpatterns = [
    path("settings/", views.print_settings, name="settings"),
    path("evaluation/<uuid:public_id>.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path("evaluation/<uuid:public_id>/store/", views.evaluation_store, name="evaluation_store"),
    path("<uuid:public_id>/", views.trajectory_print, name="trajectory"),
    path("<uuid:public_id>/workstation-sheet/", views.workstation_sheet_edit, name="sheet"),
    path("<uuid:public_id>/<slug:code>.pdf", views.pdf_download, name="pdf"),
    path("<uuid:public_id>/<slug:code>/store/", views.pdf_store, name="store"),
]
