"""The audience sites behind one nginx: each login opens its own site and no other.

The configuration is the one docs/publishing.md gives ("One server, a site for each
audience"), started for real on loopback with four small sites and three password files.
"""

from __future__ import annotations

import base64
import http.client
import ssl
from collections.abc import Iterator

import pytest

from tests.workflow.test_publishing import (
    AUDIENCE_SITES,
    NGINX,
    OPENSSL,
    fetch,
    guide_config,
    htpasswd_line,
    running_nginx,
)

pytestmark = pytest.mark.skipif(
    NGINX is None or OPENSSL is None,
    reason="nginx or openssl is not installed (.ci/run installs nginx with apt-get)",
)

AUDIENCES = ("staff", "inspector", "commissioner", "public")
PROTECTED = ("staff", "inspector", "commissioner")
LOGINS = {name: f"{name}-reader:{name} password" for name in PROTECTED}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp_path = tmp_path_factory.mktemp("audiences")
    site = tmp_path / "site"
    for name in AUDIENCES:
        folder = site / name
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(f"<h1>The {name} site</h1>\n", encoding="utf-8")
        (folder / "404.html").write_text(f"<h1>Not in the {name} site</h1>\n", encoding="utf-8")
    (site / "index.html").write_text("<h1>Outside every audience</h1>\n", encoding="utf-8")
    replacements = [("root /srv/sglearn/site;", f"root {site};")]
    for name, login in LOGINS.items():
        user, password = login.split(":")
        (tmp_path / f"{name}.htpasswd").write_text(htpasswd_line(user, password))
        replacements.append((f"/etc/nginx/sglearn-{name}.htpasswd", f"{tmp_path}/{name}.htpasswd"))
    with running_nginx(tmp_path, guide_config(AUDIENCE_SITES), replacements) as address:
        yield address


def raw_status(address: str, path: str, login: str | None = None) -> int:
    """A request with the path exactly as written (urllib would tidy ``..`` away)."""
    host, port = address.removeprefix("https://").rstrip("/").split(":")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    connection = http.client.HTTPSConnection(host, int(port), context=context, timeout=5)
    headers = {}
    if login:
        headers["Authorization"] = "Basic " + base64.b64encode(login.encode()).decode()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.parametrize("audience", PROTECTED)
def test_each_login_opens_its_own_site(server: str, audience: str) -> None:
    status, headers, body = fetch(f"{server}{audience}/", LOGINS[audience])
    assert status == 200
    assert f"The {audience} site".encode() in body
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in headers["Cache-Control"]


@pytest.mark.parametrize("audience", PROTECTED)
@pytest.mark.parametrize("login", PROTECTED)
def test_a_login_opens_no_other_audiences_site(server: str, audience: str, login: str) -> None:
    if login == audience:
        return
    status, _, body = fetch(f"{server}{audience}/", LOGINS[login])
    assert status == 401
    assert b"site</h1>" not in body


@pytest.mark.parametrize("audience", PROTECTED)
def test_no_login_and_a_wrong_password_are_refused(server: str, audience: str) -> None:
    assert fetch(f"{server}{audience}/")[0] == 401
    user = LOGINS[audience].split(":")[0]
    assert fetch(f"{server}{audience}/", f"{user}:guess")[0] == 401


def test_each_audience_has_its_own_realm(server: str) -> None:
    realms = {fetch(f"{server}{a}/")[1]["WWW-Authenticate"] for a in PROTECTED}
    assert len(realms) == len(PROTECTED)


def test_the_public_summary_is_open(server: str) -> None:
    status, _, body = fetch(f"{server}public/")
    assert status == 200 and b"The public site" in body


def test_nothing_outside_the_audience_folders_is_served(server: str) -> None:
    assert fetch(server, LOGINS["staff"])[0] == 404
    assert fetch(f"{server}index.html")[0] == 404


def test_a_path_through_the_public_site_still_needs_the_login(server: str) -> None:
    assert raw_status(server, "/public/../staff/index.html") == 401
    assert raw_status(server, "/public/%2e%2e/inspector/") == 401
    assert raw_status(server, "/public/../staff/", LOGINS["staff"]) == 200


def test_hidden_files_are_never_served_in_any_folder(server: str) -> None:
    assert raw_status(server, "/public/.sglearn-site") == 403
    assert raw_status(server, "/staff/.env", LOGINS["staff"]) == 403
