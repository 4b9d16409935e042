"""``make bench``: the portal in its production configuration under load from wrk.

Sets up its own PostgreSQL database (``afs_bench``) and Redis database, loads the reference data,
times ``seed_demo --programmes 5000 --partners 1000``, collects static files, starts gunicorn
(``gunicorn.conf.py``) and runs wrk against each target with 16 connections. Prints a table and
writes ``bench-results/bench-<time>.json``. Environment: ``BENCH_DURATION`` (seconds per
target, default 20), ``BENCH_BASELINE_DURATION`` (seconds of the static file measured again
right after each target, default 5), ``BENCH_CONNECTIONS`` (16), ``BENCH_POSTGRES`` (server URL),
``BENCH_REDIS`` (Redis URL with database number), ``GUNICORN_WORKERS``/``GUNICORN_THREADS``,
``BENCH_COMMIT`` (the commit to report when running from an export without ``.git``).
"""

import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
SCRIPT = ROOT / "bench" / "wrk.lua"
DURATION = int(os.environ.get("BENCH_DURATION", "20"))
BASELINE_DURATION = int(os.environ.get("BENCH_BASELINE_DURATION", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = os.environ.get("BENCH_DATABASE", "afs_bench")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
PROGRAMMES = int(os.environ.get("BENCH_PROGRAMMES", "5000"))
PARTNERS = int(os.environ.get("BENCH_PARTNERS", "1000"))
# The words visitors type into the finder: common ones, rare ones, umlauts spelt both ways.
SEARCH_WORDS = [
    "Stipendium", "Landarzt", "Weiterbildung", "Niederlassung", "Ärztinnen", "Aerzte",
    "Praxisübernahme", "Famulatur", "Kinderbetreuung", "Wohnung", "Mentoring", "Erzgebirge",
    "Studiengebühren", "Hausarzt", "Zuschuss Görlitz", "Lausitz", "Psychiatrie", "Pécs",
]  # fmt: skip

BARS = {"finder": 0.15, "cacheable": 0.6, "p95_ms": 150, "rss_mb": 150, "seed_s": 60}


def main():
    ensure_wrk()
    RESULTS.mkdir(exist_ok=True)
    database_url = replace_database(POSTGRES, DATABASE)
    env = production_environment(database_url)
    prepare_database(database_url)
    flush_redis()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference_data", "-v0")
    started = time.monotonic()
    manage(env, "seed_demo", f"--programmes={PROGRAMMES}", f"--partners={PARTNERS}")
    seed_seconds = time.monotonic() - started
    print(f"seed_demo: {seed_seconds:.1f} s für {PROGRAMMES} Programme und {PARTNERS} Partner")
    manage(env, "collectstatic", "--noinput", "-v0")
    flush_redis()

    port = free_port()
    server = start_gunicorn(env, port)
    try:
        targets = build_targets(database_url, port)
        results = []
        baseline = targets[0]
        for target in targets:
            result = run_target(port, target)
            result["worker_rss_mb"] = worker_rss(server.pid)
            # Other processes on the same cores skew every number; the load shows how much.
            result["load_average_1min"] = round(os.getloadavg()[0], 2)
            # The speed of a shared machine drifts by half within minutes: each target is
            # compared with the static file measured right after it, not only at the start.
            if target is not baseline:
                again = run_target(port, baseline, BASELINE_DURATION, warm_up=False)
                result["baseline_rps"] = again["rps"]
            results.append(result)
            print_row(result, results[0])
        rss = worker_rss(server.pid)
    finally:
        stop(server)
    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": os.environ.get("BENCH_COMMIT") or git_commit(),
        "machine": {"cpus": os.cpu_count()},
        "gunicorn": {
            "workers": int(env["GUNICORN_WORKERS"]),
            "threads": int(env["GUNICORN_THREADS"]),
            "worker_class": env.get("GUNICORN_WORKER_CLASS", "gthread"),
        },
        "connections": CONNECTIONS,
        "duration_s": DURATION,
        "seed_demo_s": round(seed_seconds, 1),
        "data": {"programmes": PROGRAMMES, "partners": PARTNERS},
        "worker_rss_mb": rss,
        "targets": results,
        "bars": BARS,
    }
    print_summary(report)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nErgebnis: {path.relative_to(ROOT)}")


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("wrk fehlt: bitte „apt-get install wrk“ ausführen.")
    print("wrk fehlt, wird mit apt-get installiert …")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607


def replace_database(url, name):
    return url.rsplit("/", 1)[0] + f"/{name}"


def production_environment(database_url):
    env = os.environ | {
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Production refuses to start without a mail server; the benchmark sends no mail.
        "EMAIL_HOST": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        # As recommended for production (README, „Betrieb“): fewer glibc arenas, less RSS.
        "MALLOC_ARENA_MAX": "2",
    }
    env.setdefault("GUNICORN_WORKERS", "2")
    env.setdefault("GUNICORN_THREADS", "4")
    env.pop("DEBUG", None)
    return env


def prepare_database(database_url):
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def flush_redis():
    redis.Redis.from_url(REDIS).flushdb()


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env, port):
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env | {"DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn hat sich beendet")
        try:
            status, _body = get(port, "/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop(server)
    sys.exit("gunicorn antwortet nicht")


def stop(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def get(port, path):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def build_targets(database_url, port):
    """What to measure; a target whose sample page does not answer 200 fails the benchmark."""
    rows = database_rows(database_url)
    rng = random.Random(7)  # noqa: S311 - picks sample pages, not a secret
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    finder_options = RESULTS / "finder-options.txt"
    finder_options.write_text(
        "\n".join(
            [
                "stufe=" + ",".join(rows["stages"]),
                "kreis=" + ",".join(rows["districts"]),
                "fach=" + ",".join(rows["specialties"]),
                "art=" + ",".join(rows["kinds"]),
                "q=" + ",".join(SEARCH_WORDS),
            ]
        )
        + "\n"
    )
    details = rng.sample(rows["programmes"], min(300, len(rows["programmes"])))
    partners = rng.sample(rows["partners"], min(300, len(rows["partners"])))
    candidates = [
        ("static", "baseline", paths_target([static])),
        ("ping", "floor", paths_target(["/bench/ping"])),
        ("healthz", "floor", paths_target(["/healthz"])),
        ("home", "cacheable", paths_target(["/"])),
        # Right after a start or a content change no result card is kept yet: measured first,
        # without warm-up, for information; the finder rows after it meet warm cards.
        ("finder_cold", "cold", ["finder", str(finder_options)]),
        ("finder", "finder", ["finder", str(finder_options)]),
        ("finder_text", "finder", ["finder", str(finder_options), "text"]),
        ("detail", "cacheable", paths_target([f"/foerderungen/{s}/" for s in details])),
        ("district", "cacheable", paths_target([f"/regionen/{s}/" for s in rows["districts"]])),
        ("partner_list", "cacheable", paths_target(["/netzwerk/partner/"])),
        (
            "partner_detail",
            "cacheable",
            paths_target([f"/netzwerk/partner/{s}/" for s in partners]),
        ),
        ("career_stage", "cacheable", paths_target([f"/fuer/{s}/" for s in rows["stages"]])),
        ("feed", "cacheable", paths_target(["/foerderungen/feed/"])),
        ("sitemap", "cacheable", paths_target(["/sitemap.xml", *sitemap_files(port)])),
    ]
    return checked_targets(port, candidates)


def checked_targets(port, candidates):
    """The targets, each with its sample page; exits if one does not answer 200.

    A page that is broken or missing must fail the benchmark, not vanish from its table.
    """
    targets = []
    for name, kind, args in candidates:
        sample = sample_path(args)
        status, _body = get(port, sample)
        if status != 200:
            sys.exit(f"Ziel {name} ist kaputt: {sample} antwortet {status} statt 200")
        targets.append({"name": name, "kind": kind, "args": args, "sample": sample})
    return targets


def sitemap_files(port):
    """The paths of the files the sitemap index lists (a search engine fetches them all)."""
    _status, body = get(port, "/sitemap.xml")
    return [
        urllib.parse.urlsplit(url)._replace(scheme="", netloc="").geturl()
        for url in (re.findall(r"<loc>([^<]+)</loc>", body))
    ]


def paths_target(paths):
    file = RESULTS / f"paths-{abs(hash(tuple(paths)))}.txt"
    file.write_text("\n".join(paths) + "\n")
    return ["paths", str(file)]


def sample_path(args):
    if args[0] == "paths":
        return Path(args[1]).read_text().split("\n")[0]
    return "/foerderungen/?q=Stipendium" if args[-1] == "text" else "/foerderungen/?stufe=studium"


def database_rows(database_url):
    with psycopg.connect(database_url) as connection:

        def column(sql):
            return [row[0] for row in connection.execute(sql).fetchall()]

        return {
            "stages": column("SELECT slug FROM funding_careerstage ORDER BY position"),
            "districts": column("SELECT slug FROM portal_district ORDER BY slug"),
            "specialties": column("SELECT slug FROM funding_specialty ORDER BY slug"),
            "kinds": column("SELECT DISTINCT kind FROM funding_fundingprogramme ORDER BY kind"),
            "programmes": column(
                "SELECT slug FROM funding_fundingprogramme WHERE status = 'published' ORDER BY slug"
            ),
            "partners": column(
                "SELECT slug FROM network_partner WHERE status = 'published' ORDER BY slug"
            ),
        }


def run_target(port, target, duration=DURATION, warm_up=True):
    """Warm up (each cacheable page once, then 3 s of load), then measure with wrk.

    Cacheable pages are measured warm, as a visitor rush meets them after the first request
    for each page; the finder's random combinations stay mostly cache misses.
    """
    if target["kind"] == "cacheable":
        for path in Path(target["args"][1]).read_text().split():
            get(port, path)
    base = ["wrk", "--threads", "2", "--connections", str(CONNECTIONS), "--timeout", "10s"]
    header = ["--header", "X-Forwarded-Proto: https", "--script", str(SCRIPT)]
    url = f"http://127.0.0.1:{port}"
    if warm_up and target["kind"] != "cold":
        subprocess.run(  # noqa: S603
            [*base, "--duration", "3s", *header, url, "--", *target["args"]],
            capture_output=True,
            check=True,
        )
    output = subprocess.run(  # noqa: S603
        [*base, "--duration", f"{duration}s", *header, url, "--", *target["args"]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return {"name": target["name"], "kind": target["kind"], "sample": target["sample"]} | (
        json.loads(line.removeprefix("RESULT "))
    )


def worker_rss(master_pid):
    """Resident memory of each gunicorn worker (children of the master), in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.MULTILINE):
            kb = int(re.search(r"^VmRSS:\s+(\d+) kB", text, re.MULTILINE).group(1))
            sizes.append(round(kb / 1024, 1))
    return sorted(sizes)


def git_commit():
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return result.stdout.strip() + ("+uncommitted" if dirty else "")


HEADER = (
    f"{'Ziel':<15}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'Fehler':>8}{'× Basis':>9}"
    "  Balken"
)


def print_row(result, baseline):
    if result is baseline:
        print("\n" + HEADER)
    result["ratio"] = round(result["rps"] / result.get("baseline_rps", baseline["rps"]), 3)
    result["bar"] = bar_for(result)
    hits = result["cache_hits"] / max(result["requests"], 1)
    notes = [result["bar"]] if result["bar"] else []
    if result["kind"] in {"finder", "cold"}:
        notes.append(f"{hits:.0%} aus dem Cache")
    if "baseline_rps" in result:
        notes.append(f"Basis daneben {result['baseline_rps']:.0f}/s")
    rss = "/".join(str(round(mb)) for mb in result["worker_rss_mb"])
    notes.append(f"RSS {rss} MB, Last {result['load_average_1min']}")
    print(
        f"{result['name']:<15}{result['rps']:>9.0f}{result['p50_ms']:>9.1f}{result['p95_ms']:>9.1f}"
        f"{result['p99_ms']:>9.1f}{result['errors']:>8}{result['ratio']:>9.2f}  " + "; ".join(notes)
    )


def bar_for(result):
    """'ok', 'VERFEHLT (…)' or '' when no bar applies to the target."""
    misses = []
    if result["errors"]:
        misses.append("Fehler")
    if result["kind"] == "finder":
        if result["ratio"] < BARS["finder"]:
            misses.append(f"< {BARS['finder']} × Basis")
        if result["p95_ms"] > BARS["p95_ms"]:
            misses.append(f"p95 > {BARS['p95_ms']} ms")
    elif result["kind"] == "cacheable" and result["ratio"] < BARS["cacheable"]:
        misses.append(f"< {BARS['cacheable']} × Basis")
    if misses:
        return "VERFEHLT (" + ", ".join(misses) + ")"
    return "ok" if result["kind"] in {"finder", "cacheable"} else ""


def print_summary(report):
    rss = report["worker_rss_mb"]
    rss_ok = rss and max(rss) <= BARS["rss_mb"]
    seed_ok = report["seed_demo_s"] < BARS["seed_s"]
    print(f"\nRSS der gunicorn-Worker nach dem Lauf: {rss} MB ({'ok' if rss_ok else 'VERFEHLT'})")
    print(f"seed_demo: {report['seed_demo_s']} s ({'ok' if seed_ok else 'VERFEHLT'})")
    print(f"Commit: {report['commit']}")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
