"""Personal pages outside any organisation: e-mail and calendar settings, the feed itself."""

from django.urls import path

from werkplek.notifications import views

app_name = "notification_settings"

urlpatterns = [
    path("settings/", views.notification_settings, name="settings"),
    path("calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<uuid:feed>/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
