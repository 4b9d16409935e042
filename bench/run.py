"""``make bench``: the portal in its production configuration under load from wrk.

Sets up its own PostgreSQL database (``afs_bench``) and Redis database, loads the reference data,
times ``seed_demo --programmes 5000 --partners 1000``, collects static files, starts gunicorn
(``gunicorn.conf.py``) and runs wrk against each target with 16 connections. Prints a table and
writes ``bench-results/bench-<time>.json``. Environment: ``BENCH_DURATION`` (seconds per
target, default 20), ``BENCH_BASELINE_DURATION`` (seconds of the static file measured again
right after each target, default 5), ``BENCH_CONNECTIONS`` (16), ``BENCH_POSTGRES`` (server URL),
``BENCH_REDIS`` (Redis URL with database number), ``GUNICORN_WORKERS``/``GUNICORN_THREADS``,
``BENCH_COMMIT`` (the commit to report when running from an export without ``.git``),
``BENCH_GROWTH`` (``0`` skips the growth runs, see below).

The finder rows (filters, free text) are measured twice, each next to its own baseline; the table
reports the run with the lower ratio, as the machine's speed drifts. Growth: the finder once more
at 500, 5,000 and 50,000 demo programmes (a database of its own, ``afs_bench_growth``, seeded up
step by step), with the CPU milliseconds the gunicorn workers spend per request and their RSS.
"""

import contextlib
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
# Town searches that answer on /orte/ itself (a unique name or postcode redirects to its page):
# names shared by two towns, beginnings, typos and unknown words.
TOWN_WORDS = [
    "Oelsnitz", "Bernsdorf", "Lichtenberg", "Neukirchen", "Auerbach", "Rosenbach", "Bad",
    "Annaberg", "Zwikau", "Weisswaser", "Groditz", "Markneu", "xyz", "Sankt Egidien",
]  # fmt: skip
SEARCH_WORDS = [
    "Stipendium", "Landarzt", "Weiterbildung", "Niederlassung", "Ärztinnen", "Aerzte",
    "Praxisübernahme", "Famulatur", "Kinderbetreuung", "Wohnung", "Mentoring", "Erzgebirge",
    "Studiengebühren", "Hausarzt", "Zuschuss Görlitz", "Lausitz", "Psychiatrie", "Pécs",
]  # fmt: skip

GROWTH = os.environ.get("BENCH_GROWTH", "1") != "0"
GROWTH_DATABASE = f"{DATABASE}_growth"
# The catalogue sizes the growth rows run at; a fifth as many partners as programmes, as above.
GROWTH_SIZES = (500, 5000, 50000)
# How often each finder row runs; the lower ratio counts.
FINDER_RUNS = 2

# Ratios to the static file measured next to the target (the finder's by row), p95 of the finder
# rows, worker RSS, the seed time for 5,000 programmes, and how much the CPU per finder request
# may grow from 5,000 to 50,000 programmes.
BARS = {
    "finder": 0.2,
    "finder_text": 0.15,
    "cold": 0.1,
    "cacheable": 0.5,
    "p95_ms": 80,
    "town_search_p95_ms": 50,
    "rss_mb": 150,
    "seed_s": 60,
    "growth_cpu": 1.5,
}


def main():
    ensure_wrk()
    RESULTS.mkdir(exist_ok=True)
    database_url = replace_database(POSTGRES, DATABASE)
    env = production_environment(database_url)
    prepare_database(database_url)
    flush_redis()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference_data", "-v0")
    if GROWTH:
        # The reference data alone, for the growth runs to start from (a copy costs a second).
        copy_database(DATABASE, f"{DATABASE}_reference")
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
            runs = FINDER_RUNS if target["kind"] == "finder" else 1
            measured = []
            for _run in range(runs):
                result = run_target(port, target)
                result["worker_rss_mb"] = worker_rss(server.pid)
                # Other processes on the same cores skew every number; the load shows how much.
                result["load_average_1min"] = round(os.getloadavg()[0], 2)
                # The speed of a shared machine drifts by half within minutes: each target is
                # compared with the static file measured right after it, not only at the start.
                if target is not baseline:
                    again = run_target(port, baseline, BASELINE_DURATION, warm_up=False)
                    result["baseline_rps"] = again["rps"]
                measured.append(result)
            result = lower_ratio(measured, results[0]["rps"] if results else None)
            results.append(result)
            print_row(result, results[0])
        rss = worker_rss(server.pid)
    finally:
        stop(server)
    growth = measure_growth(env) if GROWTH else []
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
        "growth": growth,
        "bars": BARS,
    }
    if growth:
        print_growth(growth)
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


def copy_database(source, name):
    """``name`` anew as a copy of ``source`` (which must have no open connections)."""
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')


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
            "config.wsgi:application",
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
    status, _headers, body = fetch(port, path)
    return status, body


def fetch(port, path):
    """(status, headers, body) of one GET, as nginx would forward it (HTTPS)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


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
    stages, districts = rows["stages"], rows["districts"]
    # Two to four programmes side by side, as a visitor picks them in the finder.
    comparisons = [
        "/foerderungen/vergleich/?"
        + urllib.parse.urlencode([("p", slug) for slug in rng.sample(rows["programmes"], size)])
        for size in (rng.randint(2, 4) for _ in range(100))
    ]
    candidates = [
        ("static", "baseline", paths_target([static])),
        ("ping", "floor", paths_target(["/bench/ping"])),
        ("healthz", "floor", paths_target(["/healthz"])),
        ("home", "cacheable", paths_target(["/"])),
        # Right after a start or a content change no result card is kept yet: measured first,
        # without warm-up; the finder rows after it meet warm cards.
        ("finder_cold", "cold", ["finder", str(finder_options)]),
        ("finder", "finder", ["finder", str(finder_options)]),
        ("finder_text", "finder", ["finder", str(finder_options), "text"]),
        ("detail", "cacheable", paths_target([f"/foerderungen/{s}/" for s in details])),
        ("district", "cacheable", paths_target([f"/regionen/{s}/" for s in districts])),
        ("partner_list", "cacheable", paths_target(["/netzwerk/partner/"])),
        (
            "partner_detail",
            "cacheable",
            paths_target([f"/netzwerk/partner/{s}/" for s in partners]),
        ),
        ("career_stage", "cacheable", paths_target([f"/fuer/{s}/" for s in stages])),
        ("feed", "cacheable", paths_target(["/foerderungen/feed/"])),
        (
            "feed_filtered",
            "cacheable",
            paths_target([f"/foerderungen/feed/?stufe={s}" for s in stages]),
        ),
        (
            "check_form",
            "cacheable",
            paths_target(
                ["/foerder-check/", *(f"/foerder-check/?schritt=region&stufe={s}" for s in stages)]
            ),
        ),
        (
            "check_result",
            "cacheable",
            paths_target(
                [
                    f"/foerder-check/?schritt=ergebnis&stufe={s}&kreis={d}&fach=offen"
                    for s in stages
                    for d in districts
                ]
            ),
        ),
        ("compare", "cacheable", paths_target(comparisons)),
        ("events", "cacheable", paths_target(["/veranstaltungen/"])),
        (
            "event_detail",
            "cacheable",
            paths_target([f"/veranstaltungen/{s}/" for s in rows["events"]]),
        ),
        ("ical_deadlines", "cacheable", paths_target(["/foerderungen/fristen.ics"])),
        (
            "ical_filtered",
            "cacheable",
            paths_target(
                [f"/foerderungen/fristen.ics?stufe={s}" for s in stages]
                + [f"/foerderungen/fristen.ics?kreis={d}" for d in districts]
            ),
        ),
        ("ical_events", "cacheable", paths_target(["/veranstaltungen/kalender.ics"])),
        (
            "search",
            "cacheable",
            paths_target(
                [f"/suche/?{urllib.parse.urlencode({'q': word})}" for word in SEARCH_WORDS]
            ),
        ),
        # A town's page for a stage and specialty, as a shared link opens it.
        (
            "place",
            "cacheable",
            paths_target(
                [
                    f"/orte/{t}/?stufe={s}&fach=allgemeinmedizin"
                    for t in rng.sample(rows["towns"], min(100, len(rows["towns"])))
                    for s in stages[:3]
                ]
            ),
        ),
        # The town search: names (with and without umlauts, typos) and postcodes; its bar is
        # the p95, as for a search box that answers while one types.
        (
            "town_search",
            "town_search",
            paths_target(
                [f"/orte/?{urllib.parse.urlencode({'q': word})}" for word in TOWN_WORDS]
                + [f"/orte/?q={code}" for code in rows["shared_postcodes"][:50]]
            ),
        ),
        # The form sets the CSRF cookie, so it is never cached: measured, without a bar.
        ("contact", "page", paths_target(["/kontakt/"])),
        ("sitemap", "cacheable", paths_target(["/sitemap.xml", *sitemap_files(port)])),
    ]
    return checked_targets(port, candidates)


def checked_targets(port, candidates):
    """The targets, each with its sample page; exits if one does not answer 200.

    A page that is broken or missing must fail the benchmark, not vanish from its table.
    A target counted as cacheable must be: its sample's second answer comes from the page cache.
    """
    targets = []
    for name, kind, args in candidates:
        sample = sample_path(args)
        status, _headers, _body = fetch(port, sample)
        if status != 200:
            sys.exit(f"Ziel {name} ist kaputt: {sample} antwortet {status} statt 200")
        if kind == "cacheable":
            _status, headers, _body = fetch(port, sample)
            if headers.get("X-Page-Cache") != "hit":
                sys.exit(f"Ziel {name} kommt nicht aus dem Cache: {sample}")
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
            "events": column("SELECT slug FROM events_event WHERE status = 'published'"),
            "towns": column("SELECT slug FROM portal_gemeinde ORDER BY slug"),
            # Postcodes of several towns, where the search asks which one is meant.
            "shared_postcodes": column(
                "SELECT p.code FROM portal_postcode p JOIN portal_postcode_gemeinden l "
                "ON l.postcode_id = p.id GROUP BY p.code HAVING COUNT(*) > 1 ORDER BY p.code"
            ),
        }


def run_target(port, target, duration=DURATION, warm_up=True, before_measuring=None):
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
    if before_measuring:
        before_measuring()
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


def worker_pids(master_pid):
    """The gunicorn workers: the processes whose parent is the master."""
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.MULTILINE):
            pids.append(int(status.parent.name))
    return sorted(pids)


def worker_rss(master_pid):
    """Resident memory of each gunicorn worker, in MB."""
    sizes = []
    for pid in worker_pids(master_pid):
        try:
            text = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kb = int(re.search(r"^VmRSS:\s+(\d+) kB", text, re.MULTILINE).group(1))
        sizes.append(round(kb / 1024, 1))
    return sorted(sizes)


def cpu_ticks(stat):
    """User plus system CPU time, in clock ticks, from the text of ``/proc/<pid>/stat``.

    The command name (second field) is in parentheses and may itself hold spaces or
    parentheses, so the fields are counted from the last ``)``: utime and stime are fields 14
    and 15 of the whole line.
    """
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def workers_cpu_ticks(master_pid):
    """Worker id → CPU ticks used so far."""
    ticks = {}
    for pid in worker_pids(master_pid):
        with contextlib.suppress(OSError):
            ticks[pid] = cpu_ticks(Path(f"/proc/{pid}/stat").read_text())
    return ticks


def cpu_ms_per_request(before, after, requests, ticks_per_second):
    """CPU milliseconds the workers spent per request between two ``workers_cpu_ticks``.

    None if a worker was replaced in between (its time would be lost) or nothing was served.
    """
    if not requests or set(before) != set(after):
        return None
    spent = sum(after[pid] - before[pid] for pid in after)
    return round(spent / ticks_per_second * 1000 / requests, 2)


def ratio(result, baseline_rps):
    """Throughput relative to the static file measured next to it (else the first one).

    None when that baseline served nothing (a second of wrk on an overloaded machine can).
    """
    baseline = result.get("baseline_rps", baseline_rps)
    return round(result["rps"] / baseline, 3) if baseline else None


def lower_ratio(runs, baseline_rps=None):
    """The run with the lower ratio to its baseline, and every run's ratio and worst p95.

    Several runs of one target differ by the machine's drift more than by the code; the lower
    ratio is the one the bar must survive, and the bar's p95 is the worse of the runs.
    """
    for run in runs:
        run["ratio"] = ratio(run, baseline_rps or run["rps"])
    chosen = dict(min(runs, key=lambda run: -1 if run["ratio"] is None else run["ratio"]))
    if len(runs) > 1:
        chosen["runs"] = [run["ratio"] for run in runs]
        chosen["p95_ms_worst"] = max(run["p95_ms"] for run in runs)
    return chosen


def seed_growth(env, programmes, partners):
    """Seed the growth database up to ``programmes`` (and ``partners``); returns seconds."""
    started = time.monotonic()
    manage(
        env,
        "seed_demo",
        f"--programmes={programmes}",
        f"--partners={partners}",
        f"--seed={programmes}",
    )
    return round(time.monotonic() - started, 1)


def measure_growth(env):
    """The finder at each of ``GROWTH_SIZES`` programmes: CPU per request and worker RSS.

    The database starts from the reference data and is seeded up from one size to the next;
    each size gets a fresh gunicorn (so RSS is that size's, not the largest one's so far), a
    warm-up that builds the index and the cards, then one wrk run of the finder's filter mix.
    """
    print(f"\nWachstum: Finder bei {', '.join(f'{n:,}' for n in GROWTH_SIZES)} Programmen")
    database_url = replace_database(POSTGRES, GROWTH_DATABASE)
    copy_database(f"{DATABASE}_reference", GROWTH_DATABASE)
    growth_env = env | {"DATABASE_URL": database_url}
    finder_options = RESULTS / "finder-options.txt"
    rows, programmes, partners = [], 0, 0
    for size in GROWTH_SIZES:
        seconds = seed_growth(growth_env, size - programmes, size // 5 - partners)
        programmes, partners = size, size // 5
        flush_redis()
        port = free_port()
        server = start_gunicorn(growth_env, port)
        try:
            target = {
                "name": f"finder_{size}",
                "kind": "finder",
                "args": ["finder", str(finder_options)],
                "sample": "/foerderungen/?stufe=studium",
            }
            # Each worker builds the index and its sort orders on its first finder requests
            # (seconds at 50,000): done here, one request at a time, not in the measured run.
            for sort in ("relevanz", "neu", "frist", "betrag") * 3:
                get(port, f"/foerderungen/?stufe=studium&sort={sort}&page=2")
            before = {}

            def start_counting(server=server, before=before):
                before.update(workers_cpu_ticks(server.pid))

            result = run_target(port, target, before_measuring=start_counting)
            after = workers_cpu_ticks(server.pid)
            result |= {
                "programmes": size,
                "seed_s": seconds,
                "cpu_ms_per_request": cpu_ms_per_request(
                    before, after, result["requests"], os.sysconf("SC_CLK_TCK")
                ),
                "worker_rss_mb": worker_rss(server.pid),
                "load_average_1min": round(os.getloadavg()[0], 2),
            }
        finally:
            stop(server)
        rows.append(result)
        print(
            f"  {size:>6,} Programme: {result['cpu_ms_per_request']} ms CPU je Aufruf, "
            f"RSS {result['worker_rss_mb']} MB (seed_demo {seconds} s)"
        )
    return rows


def growth_verdicts(rows):
    """Per growth row '' or 'ok'/'VERFEHLT (…)': RSS at every size, CPU from 5,000 to 50,000."""
    by_size = {row["programmes"]: row for row in rows}
    verdicts = {}
    for row in rows:
        misses = []
        if row["errors"]:
            misses.append("Fehler")
        if row["worker_rss_mb"] and max(row["worker_rss_mb"]) > BARS["rss_mb"]:
            misses.append(f"RSS > {BARS['rss_mb']} MB")
        if row["programmes"] == GROWTH_SIZES[-1] and GROWTH_SIZES[-2] in by_size:
            growth = cpu_growth(by_size[GROWTH_SIZES[-2]], row)
            if growth is None:
                misses.append("CPU nicht messbar")
            elif growth > BARS["growth_cpu"]:
                misses.append(f"CPU {growth:.2f} × > {BARS['growth_cpu']} ×")
        verdicts[row["programmes"]] = "VERFEHLT (" + ", ".join(misses) + ")" if misses else "ok"
    return verdicts


def cpu_growth(smaller, larger):
    """How many times the CPU per request of ``larger`` is that of ``smaller`` (None if unknown)."""
    if not smaller.get("cpu_ms_per_request") or larger.get("cpu_ms_per_request") is None:
        return None
    return round(larger["cpu_ms_per_request"] / smaller["cpu_ms_per_request"], 2)


def print_growth(rows):
    verdicts = growth_verdicts(rows)
    print(
        f"\n{'Programme':<15}{'req/s':>9}{'p95 ms':>9}{'CPU ms':>9}{'× vorher':>10}"
        f"{'RSS MB':>12}  Balken"
    )
    previous = None
    for row in rows:
        growth = cpu_growth(previous, row) if previous else None
        cpu = row["cpu_ms_per_request"]
        hits = row["cache_hits"] / max(row["requests"], 1)
        rss = "/".join(str(round(mb)) for mb in row["worker_rss_mb"])
        print(
            f"{row['programmes']:<15,}{row['rps']:>9.0f}{row['p95_ms']:>9.1f}"
            f"{cpu if cpu is not None else '–':>9}{growth if growth else '':>10}{rss:>12}  "
            f"{verdicts[row['programmes']]}; {hits:.0%} aus dem Cache; "
            f"seed_demo {row['seed_s']} s; Last {row['load_average_1min']}"
        )
        previous = row
    row["growth_verdicts"] = verdicts


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
    result.setdefault("ratio", ratio(result, baseline["rps"]))
    result["bar"] = bar_for(result)
    hits = result["cache_hits"] / max(result["requests"], 1)
    notes = [result["bar"]] if result["bar"] else []
    if "runs" in result:
        ratios = " und ".join("–" if r is None else f"{r:.2f}" for r in result["runs"])
        notes.append(f"niedrigeres Verhältnis von {len(result['runs'])} Läufen ({ratios})")
    if result["kind"] in {"finder", "cold"}:
        notes.append(f"{hits:.0%} aus dem Cache")
    if "baseline_rps" in result:
        notes.append(f"Basis daneben {result['baseline_rps']:.0f}/s")
    rss = "/".join(str(round(mb)) for mb in result["worker_rss_mb"])
    notes.append(f"RSS {rss} MB, Last {result['load_average_1min']}")
    print(
        f"{result['name']:<15}{result['rps']:>9.0f}{result['p50_ms']:>9.1f}{result['p95_ms']:>9.1f}"
        f"{result['p99_ms']:>9.1f}{result['errors']:>8}"
        f"{'–' if result['ratio'] is None else format(result['ratio'], '.2f'):>9}  "
        + "; ".join(notes)
    )


def bar_for(result):
    """'ok', 'VERFEHLT (…)' or '' when no bar applies to the target.

    The finder rows: free text (``finder_text``) has a bar of its own, the others the finder's;
    their p95 is the worst of their runs.
    """
    misses = []
    if result["errors"]:
        misses.append("Fehler")
    kind = result["kind"]
    if result["ratio"] is None and kind in {"finder", "cacheable", "cold"}:
        misses.append("Basis nicht gemessen")
    elif kind == "finder":
        least = BARS.get(result["name"], BARS["finder"])
        if result["ratio"] < least:
            misses.append(f"< {least} × Basis")
        if result.get("p95_ms_worst", result["p95_ms"]) > BARS["p95_ms"]:
            misses.append(f"p95 > {BARS['p95_ms']} ms")
    elif kind == "town_search":
        if result["p95_ms"] > BARS["town_search_p95_ms"]:
            misses.append(f"p95 > {BARS['town_search_p95_ms']} ms")
    elif kind in {"cacheable", "cold"} and result["ratio"] < BARS[kind]:
        misses.append(f"< {BARS[kind]} × Basis")
    if misses:
        return "VERFEHLT (" + ", ".join(misses) + ")"
    return "ok" if kind in {"finder", "cacheable", "cold", "town_search"} else ""


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
