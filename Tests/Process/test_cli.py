"""The multi-call front end: dispatch, help, version and usage errors, as a process."""
import os
import pathlib


def test_version_names_the_release_and_protocols(cmmgate):
    result = cmmgate("version")
    assert result.returncode == 0
    assert result.stdout.startswith("cmmgate 0.")
    assert "HJ 212-2025" in result.stdout and "DL/T 645-2007" in result.stdout


def test_no_command_prints_usage_and_fails(cmmgate):
    result = cmmgate()
    assert result.returncode == 64
    assert "usage: cmmgate <command>" in result.stderr


def test_unknown_command_is_named(cmmgate):
    result = cmmgate("frobnicate")
    assert result.returncode == 64
    assert "unknown command 'frobnicate'" in result.stderr


def test_help_lists_every_command_and_each_has_usage(cmmgate):
    result = cmmgate("help")
    assert result.returncode == 0
    commands = [line.split()[0] for line in result.stdout.splitlines()[3:] if line.startswith("  ")]
    assert "decode" in commands and "version" in commands
    for command in commands:
        if command == "help":
            continue
        usage = cmmgate("help", command)
        assert usage.returncode == 0
        assert usage.stdout.startswith(f"usage: cmmgate {command}")


def test_unknown_option_is_named(cmmgate):
    result = cmmgate("decode", "--frobnicate", "01")
    assert result.returncode == 64
    assert "unknown option --frobnicate" in result.stderr


def test_busybox_style_link_selects_the_command(cmmgate, tmp_path):
    link = tmp_path / "cmmgate-version"
    os.symlink(cmmgate.path, link)
    import subprocess
    result = subprocess.run([str(link)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("cmmgate 0.")
