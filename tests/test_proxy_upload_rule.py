"""The operators' guide's HAProxy rule, tested as written (review 2026-12-06,
finding 1 and 5): Streamlit stores any PUT to /_stcore/upload_file/ in memory
for any session, so every deployment keeps that path behind the analysts'
network. The rule is read from docs/operators.md itself and put in front of a
running dashboard: an upload from elsewhere (here, loopback) gets HAProxy's
403, while the pages and the health check still pass through.

HAProxy comes from Debian's package (.ci/run installs it); a missing binary
fails the test, it is never skipped."""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from fivebarriers.config import ROOT
from tests.conftest import AppServer, free_port

pytestmark = pytest.mark.browser  # it serves the app, as the browser tests do

GUIDE = ROOT / "docs" / "operators.md"
DENIED = "Request forbidden by administrative rules."


def guide_rule() -> str:
    """The ```haproxy block of the operators' guide, as an operator copies it."""
    blocks = re.findall(r"```haproxy\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the operators' guide should hold one HAProxy rule for uploads"
    return blocks[0]


def haproxy() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if not found:
        pytest.fail("haproxy not found: install Debian's haproxy package (see .ci/run)")
    return found


@pytest.fixture(scope="module")
def proxied(built_db: Path, tmp_path_factory: pytest.TempPathFactory):
    server = AppServer(built_db)
    port = free_port()
    rule = "\n".join(f"    {line.strip()}" for line in guide_rule().splitlines() if line.strip())
    config = tmp_path_factory.mktemp("haproxy") / "haproxy.cfg"
    config.write_text(
        f"""global
    maxconn 256
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
frontend app
    bind 127.0.0.1:{port}
{rule}
    default_backend dashboard
backend dashboard
    server app 127.0.0.1:{server.port}
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen([haproxy(), "-f", str(config)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            server.stop()
            pytest.fail(f"haproxy exited: {proc.stderr.read().decode()[-500:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.2)
    yield url, server.url
    proc.terminate()
    proc.wait(timeout=10)
    server.stop()


def _put_upload(base: str) -> tuple[int, str]:
    """A PUT to an upload address with a valid XSRF cookie and token, as the
    review's outsider sent it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/_stcore/health", timeout=10):
        pass
    token = next((c.value for c in jar if c.name == "_streamlit_xsrf"), "")
    body = b'--x\r\nContent-Disposition: form-data; name="file"; filename="wave.csv"\r\n\r\na,b\r\n--x--\r\n'
    request = urllib.request.Request(
        f"{base}/_stcore/upload_file/some-session/some-file",
        data=body,
        method="PUT",
        headers={"Content-Type": "multipart/form-data; boundary=x", "X-Xsrftoken": token},
    )
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_the_guides_rule_refuses_uploads_from_outside_the_analysts_network(proxied):
    proxy, direct = proxied
    status, body = _put_upload(proxy)
    assert status == 403 and DENIED in body, (status, body[:200])
    # Without the rule the same request reaches Streamlit (which answers for itself).
    status, body = _put_upload(direct)
    assert DENIED not in body, (status, body[:200])


def test_the_pages_still_pass_through_the_rule(proxied):
    proxy, _ = proxied
    with urllib.request.urlopen(f"{proxy}/_stcore/health", timeout=10) as response:
        assert response.status == 200 and response.read() == b"ok"
    with urllib.request.urlopen(f"{proxy}/", timeout=10) as response:
        assert response.status == 200 and b"<html" in response.read().lower()
