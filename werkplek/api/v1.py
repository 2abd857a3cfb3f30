"""Version 1 of the JSON API, served under /api/v1/ (see docs/decisions/api.md).

Each app owns its router in `<app>/api.py`; adding one to the API is one line in ROUTERS.
Organisation data lives under /organisations/{org}/, and operations there use
`@api_member(*roles)` from werkplek.api.tenancy.
"""

from django.utils.module_loading import import_string
from ninja import NinjaAPI, Swagger

from werkplek.api.auth import PersonalTokenAuth, SignedInSessionAuth
from werkplek.api.errors import install_error_handlers
from werkplek.api.throttling import PerUserRateThrottle

# (address under /api/v1, the app's router)
ROUTERS = [
    ("", "werkplek.accounts.api.router"),
    ("/organisations/{org}/candidates", "werkplek.candidates.api.router"),
    ("/organisations/{org}/trajectories", "werkplek.trajectories.api.router"),
    ("/organisations/{org}/checklist-items", "werkplek.checklists.api.router"),
    ("/organisations/{org}/credentials", "werkplek.credentials.api.router"),
    ("/organisations/{org}/meetings", "werkplek.intake.api.router"),
    ("/organisations/{org}/documents", "werkplek.documents.api.router"),
    ("/organisations/{org}/plans", "werkplek.plans.api.router"),
    ("/organisations/{org}/log-entries", "werkplek.logbook.api.router"),
    ("/organisations/{org}/attendance-days", "werkplek.attendance.api.router"),
    ("/organisations/{org}/evaluations", "werkplek.evaluations.api.router"),
]

DESCRIPTION = """
The Werkplek API: the same data and the same rules as the website.

**Authentication.** Create a personal API token under *My settings → API tokens* and send it
as `Authorization: Bearer <token>`. A token acts as you, in every organisation you belong
to, with your role there; a read-only token cannot make changes. In the browser, your
signed-in session works too.

**Organisations.** Everything of an organisation lives under
`/organisations/{org}/…`, where `{org}` is its short name (as in `/o/{org}/` on the
website). Something of another organisation, or that your role does not show you, is a 404.

**Lists** come in the order things changed (`updated_at`, then `id`), a page at a time:
follow `next` (or pass `next_cursor` as `cursor`) until it is null. To synchronise, pass
`updated_since` with the largest `updated_at` you saw last time.

**Changes of state** (starting a trajectory, ticking a checklist item) are actions:
`POST …/actions/<action>`, never field writes.

**Retries.** A create (`POST` of a candidate or a trajectory) sent with an
`Idempotency-Key` header (any text up to 200 characters, e.g. a UUID) is made once: sent
again with the same key within two days, it answers with what the first one made.

**Errors** (every 4xx) have one shape: `{"errors": [{"field", "code", "message"}]}`.
`code` is stable; `message` follows `Accept-Language` (nl, fr, en; Dutch by default).

**Rate limit.** Each person may make a limited number of calls per minute (600 unless the
operator set otherwise). Over the limit the answer is `429` with `Retry-After` in seconds.
"""

api = NinjaAPI(
    title="Werkplek API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[PersonalTokenAuth(), SignedInSessionAuth()],
    throttle=[PerUserRateThrottle()],
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": True}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, import_string(router))
