from django.urls import path

from werkplek.audit import views

app_name = "audit"

urlpatterns = [
    path("trajectory/<uuid:public_id>/", views.trajectory_audit, name="trajectory"),
    path("sensitive-reads/", views.sensitive_reads, name="sensitive_reads"),
    path("privacy/", views.privacy, name="privacy"),
    path("person/<uuid:public_id>/", views.person, name="person"),
    path("person/<uuid:public_id>/export.json", views.person_json, name="person_json"),
    path("person/<uuid:public_id>/export.zip", views.person_zip, name="person_zip"),
    path("person/<uuid:public_id>/report.pdf", views.person_pdf, name="person_pdf"),
    path("person/<uuid:public_id>/erase/", views.person_erase_view, name="person_erase"),
]
