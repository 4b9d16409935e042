"""Profile finder misses in process: N random finder URLs through Django's test client.

    DATABASE_URL=postgres://…/afs_bench CACHE_URL=redis://127.0.0.1:6379/7 \
        .venv/bin/python bench/profile_finder.py [--requests 300] [--text] [--cold] [--top 25]

The URLs are drawn like ``bench/wrk.lua`` draws them (same facets, chances, sorts and pages). The
page cache is bypassed — every request is a miss, as most finder requests under load are — but
everything else runs as in production: the content version read once per request, the index and
the rendered cards kept per content version, warmed by a first pass over ``--warm`` other URLs
(1,500 by default, about what the benchmark's warm-up and first seconds see) unless ``--cold``:
then every request of the measured pass starts a new content version.
Prints the milliseconds per request and pyinstrument's heaviest frames (``PROFILE_ALL=1``: the
whole call tree, Django's own frames included).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# wrk.lua's mix: how often each facet is in a URL, how often with a second value.
CHANCES = {"stufe": 0.6, "kreis": 0.5, "fach": 0.3, "art": 0.3}
SORTS = ["relevanz", "relevanz", "neu", "frist", "betrag"]


def finder_url(rng, options, words=None):
    """One random finder URL, drawn as ``bench/wrk.lua`` draws them."""
    from urllib.parse import urlencode

    query = []
    for name, chance in CHANCES.items():
        if options[name] and rng.random() < chance:
            query.append((name, rng.choice(options[name])))
            if rng.random() < 0.15:
                query.append((name, rng.choice(options[name])))
    if words:
        query.append(("q", rng.choice(words)))
    if rng.random() < 0.3:
        query.append(("sort", rng.choice(SORTS)))
    if rng.random() < 0.3:
        query.append(("page", str(rng.randint(2, 6))))
    return "/foerderungen/" + ("?" + urlencode(query) if query else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--text", action="store_true", help="every URL carries a search word")
    parser.add_argument("--cold", action="store_true", help="a new content version per request")
    parser.add_argument("--warm", type=int, default=1500, help="URLs of the warm-up pass")
    parser.add_argument("--top", type=int, default=25, help="how many frames to print")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_ENV", "production")
    os.environ.setdefault("SECRET_KEY", "profile-" + os.urandom(16).hex())
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("EMAIL_HOST", "127.0.0.1")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from bench.run import SEARCH_WORDS
    from funding.models import CareerStage, FundingProgramme, Specialty
    from portal import cache as page_cache
    from portal.models import District

    # Every request a miss: nothing found, nothing stored; the rest of the middleware as is.
    middleware = page_cache.PublicPageCacheMiddleware
    middleware.lookup = lambda self, key: (page_cache.current_content_version(), None)
    middleware.store = lambda self, key, version, response: None

    options = {
        "stufe": list(CareerStage.objects.values_list("slug", flat=True)),
        "kreis": list(District.objects.values_list("slug", flat=True)),
        "fach": list(Specialty.objects.values_list("slug", flat=True)),
        "art": sorted(set(FundingProgramme.objects.values_list("kind", flat=True))),
    }
    words = SEARCH_WORDS if args.text else None
    rng = random.Random(args.seed)  # noqa: S311 - picks URLs, not a secret
    client = Client()
    warm_up = [finder_url(rng, options, words) for _ in range(args.warm)]
    timed = [finder_url(rng, options, words) for _ in range(args.requests)]
    profiled = [finder_url(rng, options, words) for _ in range(args.requests)]
    if not args.cold:
        for url in warm_up:
            check(client.get(url, secure=True), url)

    # Timed without the profiler (it slows Python code down more than waiting), then profiled
    # over other URLs, so neither pass meets the cards the other rendered.
    spent = cpu = 0.0
    for url in timed:
        if args.cold:
            page_cache.bump_content_version()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, secure=True)
        spent += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        check(response, url)
    profiler = Profiler(interval=0.0005)
    for url in profiled:
        if args.cold:
            page_cache.bump_content_version()
        profiler.start()
        response = client.get(url, secure=True)
        profiler.stop()
        check(response, url)
    print(
        profiler.output_text(
            unicode=True, color=False, show_all=os.environ.get("PROFILE_ALL") == "1"
        )
    )
    print_top(profiler, args.top)
    mode = ("kalt" if args.cold else "warm") + (", Freitext" if args.text else "")
    wall, cpu = spent / args.requests * 1000, cpu / args.requests * 1000
    print(
        f"{args.requests} Finder-Aufrufe ({mode}, ohne Profiler): "
        f"{wall:.2f} ms je Aufruf, davon {cpu:.2f} ms CPU"
    )


def check(response, url):
    if response.status_code != 200:
        sys.exit(f"{url} antwortet {response.status_code}")


def print_top(profiler, count):
    """The frames with the most time spent in themselves (self time), heaviest first."""
    totals = {}

    def walk(frame):
        if frame.is_synthetic:  # the root's and each frame's "[self]" stand-ins
            return
        key = f"{frame.function}  {Path(frame.file_path or '?').name}:{frame.line_no}"
        totals[key] = totals.get(key, 0.0) + frame.total_self_time
        for child in frame.children:
            walk(child)

    walk(profiler.last_session.root_frame())
    total = sum(totals.values()) or 1
    print(f"\nAm meisten Zeit in sich selbst (Summe {total * 1000:.0f} ms):")
    for key, seconds in sorted(totals.items(), key=lambda item: -item[1])[:count]:
        print(f"{seconds * 1000:9.1f} ms {seconds / total:6.1%}  {key}")


if __name__ == "__main__":
    main()
