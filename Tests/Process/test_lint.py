"""Scripts/lint enforces the import rules: prove it catches each kind of violation."""
import pathlib
import subprocess

LINT = pathlib.Path(__file__).resolve().parents[2] / "Scripts" / "lint"


def lint(tree):
    return subprocess.run([str(LINT), str(tree)], capture_output=True, text=True, timeout=60)


def write(tree, path, text):
    file = tree / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)


def test_clean_tree_passes(tmp_path):
    write(tmp_path, "Sources/Wire/A.swift", "public struct A {}\n")
    write(tmp_path, "Sources/DeviceIO/B.swift", "import Glibc\nimport CLinuxShim\n")
    write(tmp_path, "Sources/cmmgate-relay/C.swift", "import Foundation\n")
    result = lint(tmp_path)
    assert result.returncode == 0, result.stderr


def test_each_violation_is_reported_with_file_and_line(tmp_path):
    write(tmp_path, "Sources/AgentCore/A.swift", "// x\nimport Glibc\n")
    write(tmp_path, "Sources/DeviceIO/B.swift", "@_implementationOnly import FoundationEssentials\n")
    write(tmp_path, "Sources/Wire/C.swift", "import Synchronization\n")
    write(tmp_path, "Sources/cmmgate/D.swift", "public import CCryptoShim\n")
    write(tmp_path, "Sources/FieldBus/E.swift", "import CGPIOShim\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "Sources/AgentCore/A.swift:2 imports Glibc" in result.stderr
    assert "Sources/DeviceIO/B.swift:1 imports FoundationEssentials" in result.stderr
    assert "Sources/Wire/C.swift:1 imports Synchronization" in result.stderr
    assert "Sources/cmmgate/D.swift:1 imports CCryptoShim" in result.stderr
    assert "Sources/FieldBus/E.swift:1 imports CGPIOShim" in result.stderr
    assert "5 violation(s)" in result.stderr
