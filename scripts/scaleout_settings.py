"""Settings of the scale-out test (scripts/scaleout.py): production's, from the same
environment, with one difference. Static file names are not hashed, so the test needs no
`collectstatic` (compressing every file takes minutes on two cores); it requests no static
file, and every app server serves the same STATIC_ROOT either way."""

from werkplek.settings import *  # noqa: F403
from werkplek.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
