"""CI is green only after a real, complete test run (``.ci/run`` and ``.ci/check-report``)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

CHECK_REPORT = settings.BASE_DIR / ".ci" / "check-report"


def case(suite, name="test_it_works", outcome=""):
    return f'<testcase classname="tests.{suite}.test_x" name="{name}">{outcome}</testcase>'


COMPLETE = [case("browser"), case("security"), case("portal")]


def report(*cases):
    return (
        '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">'
        + "".join(cases)
        + "</testsuite></testsuites>"
    )


def check(tmp_path, *runs):
    """Run the checker over one report per run; each run is a list of test cases."""
    paths = []
    for number, cases in enumerate(runs):
        path = tmp_path / f"report-{number}.xml"
        path.write_text(report(*cases))
        paths.append(path)
    return subprocess.run(
        [sys.executable, CHECK_REPORT, *paths], capture_output=True, text=True, timeout=30
    )


def test_a_complete_green_run_passes(tmp_path):
    result = check(tmp_path, COMPLETE, COMPLETE)

    assert result.returncode == 0, result.stderr
    assert "in Ordnung" in result.stdout


def test_a_run_without_tests_fails(tmp_path):
    result = check(tmp_path, COMPLETE, [])

    assert result.returncode == 1
    assert "keine Tests ausgeführt" in result.stderr


def test_a_run_without_the_browser_suite_fails(tmp_path):
    result = check(tmp_path, [case("security"), case("portal")])

    assert result.returncode == 1
    assert "Keine Tests aus tests.browser gelaufen" in result.stderr


@pytest.mark.parametrize(
    "outcome",
    ['<skipped message="Chromium fehlt"/>', '<failure message="x"/>', '<error message="x"/>'],
)
def test_a_skipped_or_failed_test_fails_the_run(tmp_path, outcome):
    result = check(tmp_path, [*COMPLETE, case("browser", "test_axe", outcome)])

    assert result.returncode == 1
    assert "tests.browser.test_x::test_axe" in result.stderr


SKIPPED_ON_SQLITE = case("funding", "test_stemming", '<skipped message="needs PostgreSQL"/>')


def test_a_test_skipped_on_one_database_must_pass_on_the_other(tmp_path):
    passed_on_postgresql = check(
        tmp_path, [*COMPLETE, SKIPPED_ON_SQLITE], [*COMPLETE, case("funding", "test_stemming")]
    )
    skipped_on_both = check(
        tmp_path, [*COMPLETE, SKIPPED_ON_SQLITE], [*COMPLETE, SKIPPED_ON_SQLITE]
    )

    assert passed_on_postgresql.returncode == 0, passed_on_postgresql.stderr
    assert skipped_on_both.returncode == 1
    assert "skipped: tests.funding.test_x::test_stemming" in skipped_on_both.stderr


def test_pytest_fails_when_it_collects_no_test():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/browser", "-q", "-k", "kein_test_heisst_so"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED


# Stand-ins for `make` and `dpkg`, so `.ci/run` itself runs without running the whole suite: the
# fake make logs its database and writes the JUnit report that FAKE_REPORT holds.
FAKE_MAKE = """#!/bin/sh
echo "${DATABASE_URL:-sqlite}" >> "$FAKE_LOG"
for arg in "$@"; do
  case "$arg" in PYTEST_ARGS=*) report=${arg#*--junitxml=}; report=${report%% *} ;; esac
done
printf '%s' "$FAKE_REPORT" > "$report"
exit "${FAKE_STATUS:-0}"
"""


def run_ci(tmp_path, cases, status=0):
    """Run ``.ci/run`` with the fake make; (exit code, databases make was run with)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "make").write_text(FAKE_MAKE)
    (bin_dir / "dpkg").write_text("#!/bin/sh\nexit 0\n")
    for tool in ("make", "dpkg"):
        (bin_dir / tool).chmod(0o755)
    log = tmp_path / "make.log"
    log.touch()
    result = subprocess.run(
        [settings.BASE_DIR / ".ci" / "run"],
        env={
            "PATH": f"{bin_dir}:/usr/bin:/bin",
            "FAKE_LOG": str(log),
            "FAKE_REPORT": report(*cases),
            "FAKE_STATUS": str(status),
            "CI_POSTGRES_URL": "postgres://postgres@127.0.0.1:5432/ci",
            # Never the real reports: this test may itself run inside `.ci/run`.
            "CI_REPORTS": str(tmp_path / "reports"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, log.read_text().split()


def test_ci_runs_the_suite_on_sqlite_and_on_postgresql(tmp_path):
    status, databases = run_ci(tmp_path, COMPLETE)

    assert status == 0
    assert databases == ["sqlite", "postgres://postgres@127.0.0.1:5432/ci"]


def test_ci_ends_red_when_the_runs_executed_no_tests(tmp_path):
    status, _databases = run_ci(tmp_path, [])

    assert status != 0


def test_ci_stops_red_when_make_test_fails(tmp_path):
    status, databases = run_ci(tmp_path, COMPLETE, status=2)

    assert status != 0
    assert databases == ["sqlite"]


def test_the_sqlite_pass_skips_the_system_tests_with_a_reason():
    """They run once, in the PostgreSQL pass; check-report wants them passed there."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n0", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/browser/test_keyboard.py", "tests/portal/test_settings.py"],
        cwd=settings.BASE_DIR,
        env={name: value for name, value in os.environ.items() if name != "DATABASE_URL"},
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "läuft einmal, im PostgreSQL-Durchgang" in result.stdout
    # The settings file's tests through the test client do run on SQLite.
    assert " passed" in result.stdout
