import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_forbid_scripts_and_other_hosts(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'none'" in csp
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_error_pages_carry_the_policy_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "script-src 'none'" in response["Content-Security-Policy"]


def test_the_admin_keeps_djangos_own_scripts_working(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
