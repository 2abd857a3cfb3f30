"""Sign-in throttling also counts per address (IP), and reads the client's address from
X-Forwarded-For only when the direct peer is a trusted proxy (issue 19 item 8)."""

from werkplek.accounts.throttle import client_ip


def sign_in(client, email, **extra):
    return client.post("/accounts/login/", {"username": email, "password": "wrong"}, **extra)


def test_many_wrong_passwords_over_many_addresses_lock_the_ip(client, db, settings):
    settings.AXES_IP_FAILURE_LIMIT = 12
    statuses = [
        sign_in(client, f"guess{n}@example.be", REMOTE_ADDR="198.51.100.9").status_code
        for n in range(14)
    ]
    assert statuses[:11] == [200] * 11  # under 5 per address: only the IP limit applies
    assert 429 in statuses[11:]
    # Someone at another address is not affected.
    assert sign_in(client, "guess0@example.be", REMOTE_ADDR="198.51.100.10").status_code == 200


def test_forwarded_for_is_believed_from_a_trusted_proxy_only(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    forwarded = "203.0.113.5, 10.0.0.2"
    via_proxy = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.2"]
    assert client_ip(via_proxy) == "203.0.113.5"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(via_proxy) == "10.0.0.2"  # the last hop the trusted proxy saw
    direct = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(direct) == "198.51.100.7"  # a forged header from the open internet


def test_behind_a_trusted_proxy_each_client_has_its_own_count(client, db, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.AXES_IP_FAILURE_LIMIT = 6
    for n in range(6):
        sign_in(
            client, f"a{n}@example.be", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1"
        )
    locked = sign_in(
        client, "x@example.be", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1"
    )
    assert locked.status_code == 429
    other = sign_in(
        client, "x@example.be", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2"
    )
    assert other.status_code == 200


def test_a_locked_sign_in_is_the_styled_429_page_in_the_readers_language_with_retry_after(
    client, coordinator, settings
):
    """Issue 19 item 8: the lock-out is the 429 error page, in the reader's language, and says
    when to come back (Retry-After, in seconds: the cool-off)."""
    settings.AXES_COOLOFF_TIME = 0.5  # hours
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, coordinator.email, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Trop de tentatives" in page
    assert "Réessayez dans 30 minutes" in page
    assert 'href="/accounts/password/reset/"' in page
    assert "Aller à la page d&#x27;accueil" in page or "Aller à la page d'accueil" in page
    # Locked by the address (many e-mails from one IP): the page does not blame one e-mail.
    settings.AXES_IP_FAILURE_LIMIT = 3
    other = [
        sign_in(client, f"guess{n}@example.be", REMOTE_ADDR="198.51.100.20").status_code
        for n in range(4)
    ]
    assert other[-1] == 429
    locked = sign_in(client, "guess9@example.be", REMOTE_ADDR="198.51.100.20")
    assert locked.status_code == 429 and locked["Retry-After"] == "1800"
    assert "Te veel pogingen" in locked.content.decode()
    assert "met dit e-mailadres" not in locked.content.decode()
