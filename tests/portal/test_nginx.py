"""The real nginx with deploy/nginx.conf in front of gunicorn from gunicorn.conf.py.

nginx runs as an ordinary process with its own prefix and a self-signed certificate on free
loopback ports; only the ports, the certificate and the upstream address of the shipped file
are replaced. The point of the topology: slow clients wait in nginx, so gunicorn's few threads
only ever see complete requests.
"""

import contextlib
import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings

from tests.portal.servers import free_port

pytestmark = pytest.mark.system

DEPLOY = settings.BASE_DIR / "deploy"
HOST = "aerzte-fuer-sachsen.de"
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "nur-fuer-den-nginx-test-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": HOST,
    # Production refuses to start without a mail server (portal.checks); none is contacted here.
    "EMAIL_HOST": "127.0.0.1",
}
SLOW_CLIENTS = 200
SLOW_ADDRESS = "127.0.0.2"

MAIN_CONFIG = """
daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    # As Debian's /etc/nginx/nginx.conf has it: the site file must switch it off where needed.
    gzip on;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def shipped_site_config(*, http_port, https_port, upstream_port, certificate, key):
    """deploy/nginx.conf with ports, certificate and upstream replaced, each exactly as shipped."""
    text = (DEPLOY / "nginx.conf").read_text()
    replacements = [
        (r"listen 80\b", f"listen 127.0.0.1:{http_port}", 2),
        (r"listen 443\b", f"listen 127.0.0.1:{https_port}", 3),
        (r"server 127\.0\.0\.1:8000\b", f"server 127.0.0.1:{upstream_port}", 1),
        (r"/etc/letsencrypt/live/[^/]+/fullchain\.pem", str(certificate), 2),
        (r"/etc/letsencrypt/live/[^/]+/privkey\.pem", str(key), 2),
        (r"/etc/nginx/snippets/afs-proxy\.conf", str(DEPLOY / "afs-proxy.conf"), 5),
    ]
    for pattern, replacement, expected in replacements:
        text, found = re.subn(pattern, replacement, text)
        assert found == expected, f"deploy/nginx.conf: {pattern} {found}× statt {expected}×"
    return text


def wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "Prozess hat sich beendet"
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        time.sleep(0.1)
    raise AssertionError(f"Port {port} antwortet nicht")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def production_app(tmp_path_factory):
    """gunicorn from gunicorn.conf.py in production settings on a migrated SQLite file."""
    folder = tmp_path_factory.mktemp("app")
    environment = os.environ | PRODUCTION | {"DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for args in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=environment,
            check=True,
            timeout=300,
        )
    port = free_port()
    environment |= {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi:application"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    yield port
    stop(process)


@pytest.fixture(scope="module")
def nginx(tmp_path_factory, production_app):
    """The ports (http, https) of nginx in front of ``production_app``."""
    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.access(nginx_binary, os.X_OK), "nginx fehlt (siehe .ci/system-packages)"
    prefix = tmp_path_factory.mktemp("nginx")
    certificate, key = prefix / "cert.pem", prefix / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    (prefix / "site.conf").write_text(
        shipped_site_config(
            http_port=http_port,
            https_port=https_port,
            upstream_port=production_app,
            certificate=certificate,
            key=key,
        )
    )
    (prefix / "nginx.conf").write_text(MAIN_CONFIG.format(prefix=prefix))
    process = subprocess.Popen(
        [nginx_binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port, process, timeout=10)
    except AssertionError:
        raise AssertionError(process.stderr.read().decode()) from None
    yield http_port, https_port
    stop(process)


def tls_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class SiteConnection(http.client.HTTPSConnection):
    """HTTPS to nginx on loopback with the site's name in SNI and Host, as a browser sends."""

    def __init__(self, port, host=HOST):
        super().__init__(host, port, timeout=10, context=tls_context())

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def https_get(port, path, headers=None):
    """(seconds, status, headers, body) of one GET through nginx over TLS."""
    started = time.monotonic()
    connection = SiteConnection(port)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        body = body.decode()
        return time.monotonic() - started, response.status, response.headers, body
    finally:
        connection.close()


def test_pages_come_through_nginx_over_https_without_a_redirect(nginx):
    # Django trusts X-Forwarded-Proto: https because nginx (and only nginx) sets it.
    _, status, headers, body = https_get(nginx[1], "/")

    assert status == 200
    assert '<html lang="de">' in body
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["Server"] == "nginx"  # no version number


def test_calendars_and_sitemaps_are_compressed_for_clients_that_accept_it(nginx):
    accepting = {"Accept-Encoding": "gzip"}
    _, status, headers, body = https_get(nginx[1], "/foerderungen/fristen.ics", accepting)
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert body.startswith("BEGIN:VCALENDAR")
    _, _, headers, body = https_get(nginx[1], "/sitemap.xml", accepting)
    assert headers["Content-Encoding"] == "gzip"
    assert "<sitemapindex" in body
    _, _, headers, _ = https_get(nginx[1], "/foerderungen/fristen.ics")
    assert "Content-Encoding" not in headers


def test_public_pages_are_compressed_but_forms_and_the_partner_area_never(nginx):
    # HTML with a CSRF token or a session, compressed, would be open to BREACH (L9: Debian's
    # gzip on compressed /kontakt/ and the partner area).
    accepting = {"Accept-Encoding": "gzip"}
    _, status, headers, body = https_get(nginx[1], "/foerderungen/", accepting)
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Förderungen" in body
    for path in ("/kontakt/", "/benachrichtigungen/", "/partnerbereich/anmelden/"):
        _, status, headers, _ = https_get(nginx[1], path, accepting)
        assert status == 200
        assert "Content-Encoding" not in headers, path


def test_static_files_come_through_nginx(nginx):
    _, status, headers, body = https_get(nginx[1], "/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', body).group(1)

    _, status, headers, _ = https_get(nginx[1], stylesheet)

    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_plain_http_is_redirected_to_https_except_the_health_check(nginx):
    http_port = nginx[0]
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/foerderungen/?stufe=studium", headers={"Host": HOST})
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/foerderungen/?stufe=studium"
    connection.close()

    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/healthz", headers={"Host": HOST})
    response = connection.getresponse()
    assert response.status == 200
    assert '"database": "ok"' in response.read().decode()


def test_an_unknown_host_gets_no_answer(nginx):
    connection = http.client.HTTPConnection("127.0.0.1", nginx[0], timeout=10)
    connection.request("GET", "/", headers={"Host": "boese.example"})
    with pytest.raises(http.client.RemoteDisconnected):
        connection.getresponse()


def test_trace_is_refused_by_nginx(nginx):
    connection = SiteConnection(nginx[1])
    connection.request("TRACE", "/")
    assert connection.getresponse().status == 405


def test_a_body_above_the_limit_is_refused_before_the_app(nginx):
    connection = SiteConnection(nginx[1])
    connection.request("POST", "/kontakt/", body=b"x" * (3 * 1024 * 1024))
    assert connection.getresponse().status == 413


class SlowClients:
    """Connections that send a request a few bytes at a time, as slow or malicious clients do.

    Half trickle header lines, half announce a body and trickle it; every connection sends
    something each ``interval`` seconds until ``stop``.
    """

    def __init__(self, port, count, interval=1.0):
        self.port = port
        self.count = count
        self.interval = interval
        self.sockets = []
        self.running = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)

    def start(self):
        context = tls_context()
        for number in range(self.count):
            # From another loopback address than the normal requests: nginx counts per address.
            raw = socket.create_connection(
                ("127.0.0.1", self.port), timeout=10, source_address=(SLOW_ADDRESS, 0)
            )
            sock = context.wrap_socket(raw, server_hostname=HOST)
            if number % 2:
                start = f"POST /kontakt/ HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 100000\r\n\r\n"
            else:
                start = f"GET / HTTP/1.1\r\nHost: {HOST}\r\n"
            sock.sendall(start.encode())
            self.sockets.append((number, sock))
        self.running.set()
        self.thread.start()

    def _trickle(self):
        while self.running.is_set():
            for number, sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"x" if number % 2 else b"X-Langsam: 1\r\n")
            time.sleep(self.interval)

    def open_connections(self):
        """How many of the slow connections nginx still holds open."""
        still_open = 0
        for _number, sock in self.sockets:
            try:
                sock.setblocking(False)
                still_open += sock.recv(1) != b""
            except (ssl.SSLWantReadError, BlockingIOError):
                still_open += 1
            except OSError:
                pass
            finally:
                sock.setblocking(True)
        return still_open

    def stop(self):
        self.running.clear()
        self.thread.join(timeout=5)
        for _number, sock in self.sockets:
            sock.close()


def test_normal_requests_are_served_in_under_a_second_beside_200_slow_clients(nginx):
    https_port = nginx[1]
    https_get(https_port, "/foerderungen/")  # warm
    slow = SlowClients(https_port, SLOW_CLIENTS)
    slow.start()
    try:
        time.sleep(1.5)  # every slow connection has sent more than once
        timings = []
        for number in range(12):
            # A new query each time, so every request reaches gunicorn and is built there.
            seconds, status, _headers, body = https_get(https_port, f"/foerderungen/?q=x{number}")
            timings.append(seconds)
            assert status == 200
            assert "Förderungen gefunden" in body or "Förderung gefunden" in body
        held = slow.open_connections()
    finally:
        slow.stop()

    assert held == SLOW_CLIENTS  # nginx held every slow client the whole time
    assert max(timings) < 1, timings


@pytest.mark.parametrize("bind", ["0.0.0.0:8000", "192.0.2.1:8000", "[::]:8000"])
def test_gunicorn_refuses_to_listen_beyond_loopback(bind):
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi:application"],
        cwd=settings.BASE_DIR,
        env=os.environ | {"GUNICORN_BIND": bind},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "nur Loopback" in result.stderr


def test_www_is_redirected_to_the_apex(nginx):
    connection = SiteConnection(nginx[1], host=f"www.{HOST}")
    connection.request("GET", "/foerderungen/?stufe=pj")
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/foerderungen/?stufe=pj"

    connection = http.client.HTTPConnection("127.0.0.1", nginx[0], timeout=10)
    connection.request("GET", "/netzwerk/", headers={"Host": f"www.{HOST}"})
    assert connection.getresponse().headers["Location"] == f"https://{HOST}/netzwerk/"


def test_the_page_cache_marker_stays_inside(nginx):
    https_get(nginx[1], "/netzwerk/")
    _, status, headers, _ = https_get(nginx[1], "/netzwerk/")
    assert status == 200
    assert "X-Page-Cache" not in headers


def test_a_feed_answers_304_when_unchanged_through_nginx(nginx):
    _, _, headers, _ = https_get(nginx[1], "/foerderungen/feed/", {"Accept-Encoding": "gzip"})
    connection = SiteConnection(nginx[1])
    connection.request(
        "GET",
        "/foerderungen/feed/",
        headers={"If-None-Match": headers["ETag"], "Accept-Encoding": "gzip"},
    )
    response = connection.getresponse()
    assert response.status == 304
    assert response.read() == b""


def test_options_answers_with_allow_only_through_nginx(nginx):
    connection = SiteConnection(nginx[1])
    connection.request("OPTIONS", "/")
    response = connection.getresponse()
    assert response.status == 200
    assert response.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.read() == b""


def seconds_until_closed(sock, limit=30):
    """How long nginx keeps a connection whose request header never ends."""
    started = time.monotonic()
    sock.settimeout(limit)
    with contextlib.suppress(OSError):
        while sock.recv(1024):
            pass
    return time.monotonic() - started


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_header_that_never_ends_is_dropped_after_10_s_on_every_port(nginx, scheme):
    """M5: the 10 s held only in the HTTPS site block; the default server and port 80 had 60 s."""
    raw = socket.create_connection(("127.0.0.1", nginx[0 if scheme == "http" else 1]), 10)
    sock = tls_context().wrap_socket(raw, server_hostname=HOST) if scheme == "https" else raw
    sock.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}\r\n".encode())

    waited = seconds_until_closed(sock)

    sock.close()
    assert 9 < waited < 13
