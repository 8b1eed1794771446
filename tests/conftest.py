"""Shared fixtures: one pipeline per session; paths to the shared real data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = SHARED / "real"
CORPUS = ROOT / "corpus" / "articles"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.language import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not (REAL / "articles").is_dir():
        pytest.skip("../shared/real is not present on this machine")
    return REAL
