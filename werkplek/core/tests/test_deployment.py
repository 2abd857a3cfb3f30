"""Production concerns: static files through whitenoise with DEBUG off, media on S3 when
configured, sessions and cache that several app servers can share."""

import json

import pytest
from django.test import Client, RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from werkplek.core.tests.test_settings import manage

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "a-long-and-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "werkplek.example.be",
}


def settings_value(expression: str, **env) -> object:
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = manage("shell", "-c", code, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_collectstatic_and_whitenoise_serve_hashed_files_with_debug_off(tmp_path, settings):
    # Compressing every file (gzip and brotli) takes minutes when the machine is busy.
    result = manage(
        "collectstatic",
        "--noinput",
        "-v",
        "0",
        STATIC_ROOT=str(tmp_path),
        timeout=600,
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = next(name for name in manifest if name.endswith(".css") and name.startswith("core/"))
    hashed = manifest[css]
    assert hashed != css and (tmp_path / hashed).exists() and (tmp_path / f"{hashed}.gz").exists()

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=storages):
        middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
        request = RequestFactory().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")
        response = middleware(request)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "immutable" in response["Cache-Control"]
        # Pages link the hashed names.
        page = Client().get("/accounts/login/")
        assert page.status_code == 200
        assert f"/static/{hashed}" in page.content.decode()


def test_several_servers_media_on_s3_sessions_and_cache_through_redis():
    storage, engine, cache = settings_value(
        "[settings.STORAGES['default'], settings.SESSION_ENGINE, "
        "settings.CACHES['default']['BACKEND']]",
        S3_BUCKET="werkplek-media",
        S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        S3_REGION="fr-par",
        REDIS_URL="redis://10.0.0.5:6379/0",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "werkplek-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_auth"] is True
    assert "access_key" not in storage["OPTIONS"]  # boto3's own credential chain
    assert engine == "django.contrib.sessions.backends.cached_db"
    assert cache == "django.core.cache.backends.redis.RedisCache"


def test_one_server_local_media_and_database_sessions_by_default():
    storage, engine = settings_value(
        "[settings.STORAGES['default']['BACKEND'], settings.SESSION_ENGINE]"
    )
    assert storage == "django.core.files.storage.FileSystemStorage"
    assert engine == "django.contrib.sessions.backends.db"


def test_s3_storage_builds_signed_private_links():
    from storages.backends.s3 import S3Storage

    storage = S3Storage(
        bucket_name="werkplek-media",
        endpoint_url="https://s3.example.invalid",
        region_name="fr-par",
        access_key="key",
        secret_key="secret",
        querystring_auth=True,
        default_acl="private",
    )
    url = storage.url("documents/contract.pdf")
    assert url.startswith("https://s3.example.invalid/werkplek-media/documents/contract.pdf?")
    assert "Signature" in url or "X-Amz-Signature" in url
