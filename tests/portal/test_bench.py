"""``make bench``: a target whose page is broken fails the benchmark instead of being skipped."""

import pytest

from bench import run


@pytest.fixture
def answers(monkeypatch):
    """Path → status the fake server answers with (200 for any other path)."""
    statuses = {}
    monkeypatch.setattr(run, "get", lambda port, path: (statuses.get(path, 200), ""))
    return statuses


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
