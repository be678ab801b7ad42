"""The data file reader (pure Python) and the file's agreement with its build script."""

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from motcua.units import dataset

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build_units_data.py"


def write(tmp_path, raw) -> Path:
    path = tmp_path / "units.json.gz"
    path.write_bytes(gzip.compress(json.dumps(raw).encode()))
    return path


@pytest.fixture(scope="module")
def raw():
    with gzip.open(dataset.DEFAULT_PATH, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def test_the_owned_file_reads_with_version_sources_and_notes():
    data = dataset.read()
    assert data.version == "2026-09-20"
    assert len(data.units) > 14_000 and len(data.successions) > 14_000
    assert any("valid_from_exact" in note for note in data.notes)


def test_header_names_its_sources_and_corrections(raw):
    assert [s["licence"] for s in raw["sources"]] == ["MIT", "MIT", "BSD-3-Clause"]
    assert "commune code 06978 -> 06970 (Xã Ba Chẽ)" in raw["corrections"]


def test_unknown_parent_is_rejected(tmp_path, raw):
    broken = dict(raw, units=[dict(raw["units"][-1], parent="province:99:2025-07-01")], successions=[])
    with pytest.raises(dataset.DatasetError, match="unknown parent"):
        dataset.read(write(tmp_path, broken))


def test_unsupported_format_is_rejected(tmp_path, raw):
    with pytest.raises(dataset.DatasetError, match="unsupported format"):
        dataset.read(write(tmp_path, dict(raw, format=2)))


def test_committed_file_is_what_the_build_script_produces():
    """Needs the shared source snapshot (development machines only); the app never reads it."""
    spec = importlib.util.spec_from_file_location("build_units_data", BUILD_SCRIPT)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    if not build.DEFAULT_SOURCE.exists():
        pytest.skip(f"source snapshot {build.DEFAULT_SOURCE} not available")
    blob = build.render(build.Builder(build.DEFAULT_SOURCE).build())
    assert blob == dataset.DEFAULT_PATH.read_bytes(), "run scripts/build_units_data.py and commit the file"
