from django.contrib import admin
from django.urls import include, path

from werkplek.api.v1 import api as api_v1
from werkplek.core import views as core_views

organisation_patterns = [
    path("", core_views.organisation_home, name="org_home"),
    path("trajectories/", include("werkplek.trajectories.urls")),
    path("candidates/", include("werkplek.candidates.urls")),
    path("mentors/", include("werkplek.trajectories.mentor_urls")),
    path("checklist/", include("werkplek.checklists.urls")),
    path("settings/", include("werkplek.accounts.org_urls")),
    path("", include("werkplek.notifications.urls")),
    path("imports/", include("werkplek.imports.urls")),
    path("exports/", include("werkplek.exports.urls")),
    path("competences/", include("werkplek.competences.urls")),
    path("plans/", include("werkplek.plans.urls")),
    path("logbook/", include("werkplek.logbook.urls")),
    path("attendance/", include("werkplek.attendance.urls")),
    path("followup/", include("werkplek.followup.urls")),
    path("intake/", include("werkplek.intake.urls")),
    path("credentials/", include("werkplek.credentials.urls")),
    path("documents/", include("werkplek.documents.urls")),
    path("print/", include("werkplek.printing.urls")),
    path("portal/", include("werkplek.portal.urls")),
    path("evaluations/", include("werkplek.evaluations.urls")),
    path("audit/", include("werkplek.audit.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("health/signed-in/", core_views.health_signed_in, name="health_signed_in"),
    path("language/", core_views.set_language, name="set_language"),
    path("accounts/me/tokens/", include("werkplek.api.urls")),
    path("accounts/", include("werkplek.accounts.urls")),
    path("notifications/", include("werkplek.notifications.personal_urls")),
    path("o/<slug:org>/", include(organisation_patterns)),
    path("api/v1/", api_v1.urls),
    path("admin/", admin.site.urls),
]

handler500 = "werkplek.core.views.server_error"
