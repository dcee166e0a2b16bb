"""Shared fixtures: one real Assistant (real model, real index) per test session."""

from __future__ import annotations

import pytest

from assistant.paths import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus" / "jipdec-cloud-2019.md"


@pytest.fixture(scope="session")
def assistant():
    from assistant.core import Assistant

    # the default index (built by `make test` before pytest; built here if missing)
    return Assistant.load()


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return CORPUS.read_text(encoding="utf-8")
