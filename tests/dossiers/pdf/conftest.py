"""The PDF tests need Poppler and ZBar: missing tools fail the run instead of skipping it."""

import shutil

import pytest

from .readers import TOOLS


@pytest.fixture(scope="session", autouse=True)
def _tools():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: run `make browser` (poppler-utils, zbar-tools)")
