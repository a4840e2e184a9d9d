"""The nginx configurations in docs/publishing.md, started for real: no password, no site.

Each configuration is read from the page itself so the guide cannot drift from what is
tested. Only what must differ on a test machine is changed: the port, the folders, the
certificate and the user nginx runs as; each replaced line must be in the page.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
GUIDE = REPO / "docs" / "publishing.md"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
OPENSSL = shutil.which("openssl")

pytestmark = pytest.mark.skipif(
    NGINX is None or OPENSSL is None,
    reason="nginx or openssl is not installed (.ci/run installs nginx with apt-get)",
)


SINGLE_SITE = "# nginx configuration for the sglearn governance site:"
AUDIENCE_SITES = "# nginx configuration for sglearn's audience sites:"


def guide_config(first_line: str = SINGLE_SITE) -> str:
    """The page's nginx block that starts with ``first_line`` (there is exactly one)."""
    blocks = re.findall(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    (block,) = [b for b in blocks if b.startswith(first_line)]
    return block


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def replace(text: str, old: str, new: str) -> str:
    assert old in text, f"docs/publishing.md no longer contains {old!r}: update this test"
    return text.replace(old, new)


def htpasswd_line(user: str, password: str) -> str:
    hashed = subprocess.run(
        [str(OPENSSL), "passwd", "-apr1", "-stdin"],
        input=f"{password}\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"{user}:{hashed}\n"


@contextlib.contextmanager
def running_nginx(
    tmp_path: Path, config: str, replacements: Iterable[tuple[str, str]] = ()
) -> Iterator[str]:
    """nginx with ``config`` on two free loopback ports; yields the HTTPS address."""
    subprocess.run(
        [str(OPENSSL), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem")],
        capture_output=True, check=True,
    )  # fmt: skip
    https, http = free_port(), free_port()
    user = "user root;" if os.geteuid() == 0 else ""
    for old, new in (
        ("user www-data;", user),
        ("pid /run/nginx.pid;", f"pid {tmp_path}/nginx.pid;"),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;"),
        ("/etc/ssl/certs/governance.example.org.pem", f"{tmp_path}/cert.pem"),
        ("/etc/ssl/private/governance.example.org.key", f"{tmp_path}/key.pem"),
        ("/var/log/nginx/sglearn-access.log", f"{tmp_path}/access.log"),
        ("/var/log/nginx/sglearn-error.log", f"{tmp_path}/error.log"),
        *replacements,
    ):
        config = replace(config, old, new)
    # Temporary folders nginx would otherwise create under /var/lib/nginx.
    temp = "".join(
        f"    {kind}_temp_path {tmp_path}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = replace(config, "http {\n", "http {\n" + temp)
    (tmp_path / "nginx.conf").write_text(config, encoding="utf-8")
    command = [str(NGINX), "-p", str(tmp_path), "-e", str(tmp_path / "startup.log"),
               "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]  # fmt: skip
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", https), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    _, errors = process.communicate()
                    raise AssertionError(f"nginx did not start: {errors.decode()}") from None
                time.sleep(0.05)
        yield f"https://127.0.0.1:{https}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>Safeguarding learning reviews</h1>\n", encoding="utf-8")
    (site / "404.html").write_text("<h1>Not found</h1>\n", encoding="utf-8")
    (tmp_path / "htpasswd").write_text(htpasswd_line("governance", "correct horse"))
    with running_nginx(
        tmp_path,
        guide_config(),
        [
            ("root /srv/sglearn/site;", f"root {site};"),
            ("/etc/nginx/sglearn.htpasswd", f"{tmp_path}/htpasswd"),
        ],
    ) as address:
        yield address


def fetch(url: str, credentials: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url)
    if credentials:
        token = base64.b64encode(credentials.encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    try:
        with urllib.request.urlopen(request, context=context, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
        error.close()
        return error.code, dict(error.headers), body


def test_the_site_needs_a_password(server: str) -> None:
    status, headers, body = fetch(server)
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Basic")
    assert b"Safeguarding learning reviews" not in body


def test_a_wrong_password_is_refused(server: str) -> None:
    assert fetch(server, "governance:guess")[0] == 401


def test_the_right_password_opens_the_site(server: str) -> None:
    status, headers, body = fetch(server, "governance:correct horse")
    assert status == 200
    assert b"Safeguarding learning reviews" in body
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in headers["Cache-Control"]


def test_hidden_files_are_never_served(server: str, tmp_path: Path) -> None:
    (tmp_path / "site" / ".env").write_text("secret\n", encoding="utf-8")
    assert fetch(server + ".env", "governance:correct horse")[0] == 403
