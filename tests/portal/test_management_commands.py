"""``manage.py <command> --help`` works for every management command the project ships."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import find_commands, load_command_class


def project_commands():
    """(app, command) for each command defined in one of the project's own apps."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        (config.name, name)
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        for name in sorted(find_commands(str(Path(config.path) / "management")))
    ]


def test_the_project_has_its_import_commands():
    names = {name for _app, name in project_commands()}

    assert {"import_programmes", "import_partners", "load_reference_data"} <= names


@pytest.mark.parametrize(("app_name", "name"), project_commands())
def test_each_command_prints_its_help(app_name, name, capsys):
    command = load_command_class(app_name, name)

    command.print_help("manage.py", name)

    out = capsys.readouterr().out
    assert out.startswith(f"usage: manage.py {name}")
    assert str(command.help).split()[0] in out
