def test_a_search_with_a_nul_byte_is_no_error(client_for, coordinator):
    """Found by the hostile-input probe on PostgreSQL, which refuses NUL in a query."""
    response = client_for(coordinator).get("/o/autocars/candidates/", {"q": "Pe\x00ters"})
    assert response.status_code == 200
