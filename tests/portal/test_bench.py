"""``make bench``: broken targets fail it, and the arithmetic of its table (no server started)."""

import pytest

from bench import run


class FakeServer(dict):
    """Path → status it answers with (200 for any other path).

    Every answer after the first for a path comes from the page cache, except for the paths in
    ``uncached``.
    """

    def __init__(self):
        super().__init__()
        self.uncached = set()
        self.seen = set()

    def fetch(self, port, path):
        cached = path in self.seen and path not in self.uncached
        self.seen.add(path)
        return self.get(path, 200), {"X-Page-Cache": "hit"} if cached else {}, ""


@pytest.fixture
def answers(monkeypatch):
    server = FakeServer()
    monkeypatch.setattr(run, "fetch", server.fetch)
    return server


def candidates(tmp_path):
    paths = tmp_path / "paths.txt"
    paths.write_text("/regionen/goerlitz/\n")
    return [
        ("finder", "finder", ["finder", "options.txt"]),
        ("district", "cacheable", ["paths", str(paths)]),
    ]


def test_every_target_that_answers_200_is_measured(answers, tmp_path):
    targets = run.checked_targets(8000, candidates(tmp_path))

    assert [(t["name"], t["sample"]) for t in targets] == [
        ("finder", "/foerderungen/?stufe=studium"),
        ("district", "/regionen/goerlitz/"),
    ]


@pytest.mark.parametrize("status", [404, 500])
def test_a_target_that_does_not_answer_200_fails_the_benchmark(answers, tmp_path, status):
    answers["/regionen/goerlitz/"] = status

    with pytest.raises(SystemExit) as stopped:
        run.checked_targets(8000, candidates(tmp_path))

    assert str(stopped.value) == (
        f"Ziel district ist kaputt: /regionen/goerlitz/ antwortet {status} statt 200"
    )


def test_a_cacheable_target_the_page_cache_does_not_serve_fails_the_benchmark(answers, tmp_path):
    answers.uncached.add("/regionen/goerlitz/")

    with pytest.raises(SystemExit) as stopped:
        run.checked_targets(8000, candidates(tmp_path))

    assert str(stopped.value) == "Ziel district kommt nicht aus dem Cache: /regionen/goerlitz/"


def finder_run(rps, baseline_rps, p95_ms=40.0, name="finder"):
    return {
        "name": name,
        "kind": "finder",
        "rps": rps,
        "baseline_rps": baseline_rps,
        "p95_ms": p95_ms,
        "errors": 0,
    }


def test_of_two_finder_runs_the_table_reports_the_lower_ratio():
    first, second = finder_run(600, 2000, p95_ms=70), finder_run(500, 2500, p95_ms=50)

    reported = run.lower_ratio([first, second])

    assert (reported["rps"], reported["ratio"], reported["runs"]) == (500, 0.2, [0.3, 0.2])


def test_the_p95_bar_holds_the_worse_of_the_two_runs():
    slow = finder_run(900, 3000, p95_ms=85)
    fast_but_lower = finder_run(600, 2400, p95_ms=60)

    reported = run.lower_ratio([slow, fast_but_lower])

    assert reported["p95_ms"] == 60
    assert run.bar_for(reported) == "VERFEHLT (p95 > 80 ms)"


@pytest.mark.parametrize(
    ("name", "rps", "verdict"),
    [
        ("finder", 400, "ok"),
        ("finder", 398, "VERFEHLT (< 0.2 × Basis)"),
        ("finder_text", 300, "ok"),
        ("finder_text", 298, "VERFEHLT (< 0.15 × Basis)"),
    ],
)
def test_the_finder_with_free_text_has_a_bar_of_its_own(name, rps, verdict):
    reported = run.lower_ratio([finder_run(rps, 2000, name=name)])

    assert run.bar_for(reported) == verdict


@pytest.mark.parametrize(
    ("kind", "rps", "verdict"),
    [
        ("cold", 200, "ok"),
        ("cold", 198, "VERFEHLT (< 0.1 × Basis)"),
        ("cacheable", 1000, "ok"),
        ("cacheable", 998, "VERFEHLT (< 0.5 × Basis)"),
        ("page", 10, ""),
    ],
)
def test_cold_finder_and_cacheable_pages_have_their_bars(kind, rps, verdict):
    result = {"name": "x", "kind": kind, "rps": rps, "baseline_rps": 2000, "errors": 0}
    result["ratio"] = run.ratio(result, None)

    assert run.bar_for(result) == verdict


def test_cpu_time_is_read_past_a_command_name_with_spaces_and_parentheses():
    # pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    # utime stime cutime cstime …
    stat = "4242 (gunicorn: worker (x) [portal]) S 1 4242 4242 0 -1 4194560 9 0 0 0 1234 56 7 8 20"

    assert run.cpu_ticks(stat) == 1234 + 56


def test_cpu_per_request_is_the_workers_time_between_the_readings_over_the_requests():
    before, after = {11: 100, 12: 200}, {11: 150, 12: 300}

    # 150 ticks at 100 per second: 1.5 s for 500 requests.
    assert run.cpu_ms_per_request(before, after, 500, 100) == 3.0


def test_cpu_per_request_is_unknown_when_a_worker_was_replaced_meanwhile():
    assert run.cpu_ms_per_request({11: 100, 12: 200}, {11: 150, 13: 10}, 500, 100) is None


def growth_row(programmes, cpu_ms, rss=(90.0, 95.0)):
    return {
        "programmes": programmes,
        "cpu_ms_per_request": cpu_ms,
        "worker_rss_mb": list(rss),
        "errors": 0,
    }


def test_growth_passes_while_the_cost_per_request_grows_at_most_one_and_a_half_times():
    rows = [growth_row(500, 3.0), growth_row(5000, 4.0), growth_row(50000, 6.0)]

    assert run.growth_verdicts(rows) == {500: "ok", 5000: "ok", 50000: "ok"}


def test_growth_fails_when_fifty_thousand_programmes_cost_more_per_request():
    rows = [growth_row(500, 3.0), growth_row(5000, 4.0), growth_row(50000, 6.1)]

    assert run.growth_verdicts(rows)[50000] == "VERFEHLT (CPU 1.52 × > 1.5 ×)"


def test_growth_fails_when_a_worker_outgrows_its_memory_at_any_size():
    rows = [growth_row(500, 3.0), growth_row(5000, 4.0, rss=(90, 151)), growth_row(50000, 5.0)]

    assert run.growth_verdicts(rows) == {
        500: "ok",
        5000: "VERFEHLT (RSS > 150 MB)",
        50000: "ok",
    }


def test_a_baseline_that_served_nothing_fails_the_row_instead_of_the_benchmark():
    reported = run.lower_ratio([finder_run(500, 0), finder_run(500, 2000)])

    assert reported["ratio"] is None
    assert run.bar_for(reported) == "VERFEHLT (Basis nicht gemessen)"


def test_the_growth_table_shows_how_much_each_size_costs_more_than_the_one_before(capsys):
    rows = [growth_row(500, 3.0), growth_row(5000, 4.5), growth_row(50000, 6.3)]
    for row in rows:
        row |= {"rps": 100.0, "p95_ms": 50.0, "requests": 1000, "cache_hits": 100}
        row |= {"seed_s": 1.0, "load_average_1min": 1.0}

    run.print_growth(rows)

    lines = capsys.readouterr().out.splitlines()
    assert lines[4].split()[:5] == ["50,000", "100", "50.0", "6.3", "1.4"]
    assert lines[3].split()[:5] == ["5,000", "100", "50.0", "4.5", "1.5"]


@pytest.mark.parametrize(("p95", "verdict"), [(49.0, "ok"), (51.0, "VERFEHLT (p95 > 50 ms)")])
def test_the_town_search_has_a_p95_bar(p95, verdict):
    result = {"name": "town_search", "kind": "town_search", "p95_ms": p95, "errors": 0}
    result["ratio"] = None

    assert run.bar_for(result) == verdict
