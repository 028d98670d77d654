"""Shared fixtures for process-level tests: the built cmmgate binary and the golden vectors."""
import csv
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT.parent / "shared" / "vectors"


@pytest.fixture(scope="session")
def cmmgate():
    binary = os.environ.get("CMMGATE_BIN")
    if not binary:
        out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True)
        binary = str(pathlib.Path(out.stdout.strip()) / "cmmgate")
    binary = str(pathlib.Path(binary).resolve())
    assert pathlib.Path(binary).is_file(), f"cmmgate not built at {binary}"

    def run(*args, stdin=None):
        return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=60)

    run.path = binary
    return run


def vector_rows(name):
    """Rows of a golden-vector TSV in ../shared/vectors as dicts."""
    with open(VECTORS / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
