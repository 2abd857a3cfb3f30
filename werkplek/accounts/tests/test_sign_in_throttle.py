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
