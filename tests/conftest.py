"""Shared fixtures: one real Assistant (real model, real index) per test session."""

from __future__ import annotations

import pytest

from assistant.paths import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus" / "jipdec-cloud-2019.md"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # a test that asks the real Assistant loads the model (~10 s): it is slow
    # wherever it lives, so `make test-fast` stays fast as tests are added
    for item in items:
        if "assistant" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def assistant():
    from assistant.core import Assistant

    # the default index (built by `make test` before pytest; built here if missing)
    return Assistant.load()


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return CORPUS.read_text(encoding="utf-8")
