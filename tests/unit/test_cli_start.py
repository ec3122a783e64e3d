"""The start-up fast path of the command line: no subcommand means the application."""

import pytest

from app.cli import gui_data_dir


@pytest.mark.parametrize("argv, expected", [
    ([], (True, None)),
    (["--data-dir", "/x"], (True, "/x")),
    (["--data-dir=/x"], (True, "/x")),
    (["--data-dir", "/x", "demo"], (False, None)),
    (["demo", "--forms", "3"], (False, None)),
    (["--help"], (False, None)),
    (["--version"], (False, None)),
    (["--data-dir"], (False, None)),  # the full parser says what is missing
    (["--data-dir", "--help"], (False, None)),
])
def test_only_the_application_takes_the_fast_path(argv, expected):
    assert gui_data_dir(argv) == expected
