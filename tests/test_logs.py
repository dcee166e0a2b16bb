"""Library modules log; one stderr handler shows what a user should see
(``assistant: <message>``) and, with the CLI's ``-v``, the debug lines with
their module's name."""

import logging

import pytest

from assistant import cli
from assistant.logs import stderr_handler
from assistant.paths import default_index_dir


@pytest.fixture(autouse=True)
def concise_again():
    yield
    stderr_handler(verbose=False)  # the handler is process-wide: leave it as the package sets it


def test_info_is_shown_concisely_and_debug_is_not(capsys):
    stderr_handler(verbose=False)
    log = logging.getLogger("assistant.some_module")
    log.info("index damaged: x; rebuilding y")
    log.debug("internal detail")
    assert capsys.readouterr().err == "assistant: index damaged: x; rebuilding y\n"


def test_verbose_shows_debug_with_the_module_name(capsys):
    stderr_handler(verbose=True)
    logging.getLogger("assistant.some_module").debug("internal detail %d", 3)
    assert capsys.readouterr().err == "assistant.some_module: internal detail 3\n"


def test_one_handler_however_often_it_is_attached():
    for verbose in (False, True, False):
        stderr_handler(verbose=verbose)
    assert sum(type(h).__name__ == "_CurrentStderr" for h in logging.getLogger("assistant").handlers) == 1


@pytest.mark.slow
def test_cli_verbose_flag_shows_the_index_loaders_debug_line(capsys):
    if not (default_index_dir() / "manifest.json").exists():
        pytest.fail("no index built: run `assistant index build` first (make test does)")
    assert cli.main(["index", "info"]) == 0
    quiet = capsys.readouterr()
    assert "assistant.index_load" not in quiet.err and "fresh" in quiet.out, quiet
    assert cli.main(["-v", "index", "info"]) == 0
    err = capsys.readouterr().err
    assert "assistant.index_load: loaded " in err and " passages in " in err, err
