"""Organisation pages: the coordinator's home, the inbox and the Today page (under /o/<org>/)."""

from django.urls import path

from werkplek.notifications import views

app_name = "notifications"

urlpatterns = [
    path("home/", views.coordinator_home, name="home"),
    path("today/", views.today, name="today"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_mark_all_read, name="mark_all_read"),
    path("inbox/<uuid:public_id>/", views.notification_open, name="open"),
    path("inbox/<uuid:public_id>/read/", views.notification_mark_read_view, name="mark_read"),
]
