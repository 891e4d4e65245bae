"""The structures and refusals kzportal/settings.py builds from the environment
(kzportal.settings_builders), called directly: no subprocess, no environment."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kzportal import settings_builders as builders

S3 = {"s3_endpoint_url": "", "s3_region": "", "s3_access_key": "", "s3_secret_key": "", "s3_custom_domain": ""}


def test_the_builders_read_no_environment():
    """settings.py is the one place that reads the environment (and lists every variable)."""
    source = Path(builders.__file__).read_text(encoding="utf-8")
    code = source.split('"""', 2)[2]  # past the module docstring, which names os.environ
    for forbidden in ("import os", "os.environ", "getenv", "django.conf"):
        assert forbidden not in code, forbidden


def test_an_s3_bucket_holds_the_images_and_its_public_host_joins_img_src():
    local = builders.storages(manifest_static=False, s3_bucket="", **S3)
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert builders.media_hosts(local["default"]) == []

    def hosts(**s3):
        storages = builders.storages(manifest_static=True, s3_bucket="kz-images", **{**S3, **s3})
        assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert storages["default"]["OPTIONS"]["querystring_auth"] is False
        return builders.media_hosts(storages["default"])

    assert hosts() == ["https://kz-images.s3.amazonaws.com"]
    assert hosts(s3_endpoint_url="https://s3.example.net") == ["https://s3.example.net"]
    assert hosts(s3_endpoint_url="https://s3.example.net", s3_custom_domain="img.example.org") == [
        "https://img.example.org"
    ]
    policy = builders.content_security_policy(media_hosts=["https://img.example.org"])
    assert "https://img.example.org" in policy["DIRECTIVES"]["img-src"]
    assert policy["DIRECTIVES"]["script-src"] == ["'none'"]


@pytest.mark.parametrize("hosts", [["127.0.0.2"], ["kz.localhost"], ["::1", "LOCALHOST"]])
def test_plain_http_is_allowed_for_every_loopback_name(hosts):
    builders.check_transport(debug=False, local_http=True, allowed_hosts=hosts, behind_proxy=False,
                             trusted_proxies=[])


def test_plain_http_names_the_public_hosts_it_refuses():
    with pytest.raises(ImproperlyConfigured, match=r"includes kz\.example\.org, 10\.0\.0\.5\. Serve over HTTPS"):
        builders.check_transport(debug=False, local_http=True, behind_proxy=False, trusted_proxies=[],
                                 allowed_hosts=["localhost", "kz.example.org", "10.0.0.5"])
    # DEBUG is a local machine by definition.
    builders.check_transport(debug=True, local_http=True, allowed_hosts=["kz.example.org"], behind_proxy=False,
                             trusted_proxies=[])
