"""cmmgate check-config and cmmgate info as processes: exit statuses, every error with its line,
check-config's summary line, the basic information table and overdue calibrations (info's later
sections: test_info_sections.py)."""
import pathlib

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "Board" / "example-site.conf"
REFERENCE = ROOT / "Board" / "reference.conf"
PER_OXIDIZER = {"inlet_flow_working", "inlet_flow_standard", "inlet_ch4", "inlet_temperature", "inlet_pressure",
                "unit_running", "bed_temperature"}  # docs/configuration.md: the quantities of an oxidizer unit


def edited(tmp_path, replacements, name="site.conf"):
    """The example site with each (old line, new line) replaced; returns its path."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    for old, new in replacements:
        index = lines.index(old)
        lines[index] = new
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def line_of(path, text, after=None):
    lines = pathlib.Path(path).read_text(encoding="utf-8").split("\n")
    start = lines.index(after) if after else 0
    return lines.index(text, start) + 1


@pytest.mark.parametrize("path", [EXAMPLE, REFERENCE])
def test_board_files_are_valid(cmmgate, path):
    result = cmmgate("check-config", "--today", "2026-11-25", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: valid: site '")
    assert result.stdout.count("\n") == 1


def counted(count, singular, plural):
    return f"{count} {singular if count == 1 else plural}"


def sections_of(path):
    """[(kind, {key: value})] of a configuration file, in file order."""
    sections = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("["):
            sections.append((line.strip("[]").split()[0], {}))
        elif "=" in line and sections and not line.lstrip().startswith("#"):
            key, value = (part.strip() for part in line.split("=", 1))
            sections[-1][1][key] = value
    return sections


def expected_summary(path):
    """check-config's summary line for `path`, from the file: its site, how many of each section,
    the oxidizer units named on per-oxidizer parameters and the constant set."""
    sections = sections_of(path)
    site = next(keys for kind, keys in sections if kind == "site")
    oxidizers = {keys["oxidizer"] for kind, keys in sections
                 if kind == "parameter" and keys["quantity"] in PER_OXIDIZER}
    counts = [counted(sum(1 for kind, _ in sections if kind == section), singular, plural)
              for section, singular, plural in (("bus", "bus", "buses"), ("meter", "meter", "meters"),
                                                ("point", "point", "points"), ("parameter", "parameter", "parameters"))]
    counts.append(counted(len(oxidizers), "oxidizer unit", "oxidizer units"))
    counts.append(counted(sum(1 for kind, _ in sections if kind == "crosscheck"), "cross-check", "cross-checks"))
    return f"{path}: valid: site '{site['name']}', {', '.join(counts)}, constants {site['constants']}\n"


@pytest.mark.parametrize("path", [EXAMPLE, REFERENCE])
def test_summary_counts_what_the_file_holds(cmmgate, path):
    result = cmmgate("check-config", "--today", "2026-11-25", str(path))
    assert result.stdout == expected_summary(path)


def test_summary_counts_oxidizer_units_and_cross_checks(cmmgate, tmp_path):
    # No cross-check and a second oxidizer unit with only a running status (enough for the rules).
    text = EXAMPLE.read_text(encoding="utf-8").split("[crosscheck safe-transport]")[0]
    text += "[parameter ox2-bed]\nquantity = bed_temperature\noxidizer = ox2\npoint = ox1-inlet-temperature\n"
    text += "factor = g02-bed\nlower = 0\nupper = 1200\nunit = C\nrunning_threshold = 400\n"
    path = tmp_path / "site.conf"
    path.write_text(text, encoding="utf-8")
    result = cmmgate("check-config", "--today", "2026-11-25", str(path))
    assert result.returncode == 0, result.stderr
    assert ", 10 parameters, 2 oxidizer units, 0 cross-checks, constants " in result.stdout
    assert result.stdout == expected_summary(path)


def test_every_error_is_printed_with_its_line_and_exit_is_1(cmmgate, tmp_path):
    path = edited(tmp_path, [
        ("mn = 010000A8900016F000169DC0", "mn = 12345"),
        ("slave = 2", "slave = 248"),
        ("address = 123456789012", "address = 1234"),
        ("meter = pump-outlet", "meter = pump-inlet"),
        ("baud = 2400", "bauds = 2400"),
    ])
    result = cmmgate("check-config", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    errors = result.stderr.strip().split("\n")
    assert errors[-1] == "cmmgate check-config: 5 errors"
    expected = [
        (line_of(path, "mn = 12345"), "mn: '12345' is not 24 hexadecimal characters"),
        (line_of(path, "bauds = 2400"), "unknown key 'bauds' in [bus]"),
        (line_of(path, "slave = 248"), "slave: 248 is outside 1…247"),
        (line_of(path, "address = 1234"), "address: '1234' is not 12 decimal digits"),
        (line_of(path, "[point pump-flow]"), "point pump-flow: meter 'pump-inlet' is not defined"),
    ]
    assert len(errors) == len(expected) + 1
    for (line, message), printed in zip(expected, errors):
        assert printed.startswith(f"{path}:{line}: "), printed
        assert message in printed


def test_unreadable_file_and_usage_errors(cmmgate, tmp_path):
    missing = cmmgate("check-config", str(tmp_path / "absent.conf"))
    assert missing.returncode == 70
    assert "absent.conf" in missing.stderr
    assert cmmgate("check-config").returncode == 64
    assert cmmgate("check-config", "a.conf", "b.conf").returncode == 64
    assert cmmgate("info", "--config", str(EXAMPLE), "--today", "tomorrow").returncode == 64


def test_info_prints_identity_and_registry_and_marks_overdue(cmmgate):
    result = cmmgate("info", "--config", str(EXAMPLE), "--today", "2026-11-25")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "MN          010000A8900016F000169DC0" in out
    assert "123456" not in out.replace("123456789012", "")  # the password is never printed
    assert "UTC offset  +08:00" in out
    assert "instruments (4):" in out
    lines = out.split("\n")
    start = lines.index("instruments (4):") + 2
    rows = {line.split()[0]: line for line in lines[start:lines.index("", start)]}  # the table ends at a blank line
    assert set(rows) == {"ox1-flow-computer", "pump-outlet", "generator-kwh", "heat"}
    for field in ("Example Thermal", "HM-50", "HM50-0099", "0-20 GJ/h", "heat exchanger supply line",
                  "2025-01-10", "2026-01-10"):
        assert field in rows["heat"]
    assert rows["heat"].endswith("OVERDUE")
    assert rows["generator-kwh"].endswith("ok") and "123456789012" in rows["generator-kwh"]
    assert result.stderr == f"{EXAMPLE}:{line_of(EXAMPLE, '[meter heat]')}: warning: meter heat calibration was due 2026-01-10\n"


def test_info_due_date_is_judged_on_the_given_day(cmmgate):
    on_due_day = cmmgate("info", "--config", str(EXAMPLE), "--today", "2026-01-10")
    assert on_due_day.stderr == ""
    assert "OVERDUE" not in on_due_day.stdout
    later = cmmgate("info", "--config", str(EXAMPLE), "--today", "2027-05-01")
    assert later.stdout.count("OVERDUE") == 2  # the kWh meter (due 2027-03-01) and the heat meter
    assert later.stderr.count("warning:") == 2


def test_info_on_a_bad_config_prints_errors_and_no_table(cmmgate, tmp_path):
    path = edited(tmp_path, [("bus = energy", "bus = nowhere")])
    result = cmmgate("info", "--config", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{path}:{line_of(path, '[meter generator-kwh]')}: meter generator-kwh: bus 'nowhere' is not defined" in result.stderr


def test_info_default_path_is_named_when_absent(cmmgate):
    if pathlib.Path("/etc/cmmgate/cmmgate.conf").exists():
        pytest.skip("this machine has a site configuration")
    result = cmmgate("info")
    assert result.returncode == 70
    assert "/etc/cmmgate/cmmgate.conf" in result.stderr


def test_accounting_rules_are_errors_with_their_lines(cmmgate, tmp_path):
    # A cross-check on the pump's CH4 instead of its flow, a flow in litres per second, a gauge
    # pressure key on a CH4 parameter, and the oxidizer's running status moved to another unit.
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("reference = pump-outlet-flow", "reference = pump-outlet-ch4")
    text = text.replace("upper = 3000\nunit = m3/h", "upper = 3000\nunit = l/s")
    text = text.replace("upper = 8\nunit = %", "upper = 8\nunit = %\npressure = gauge")
    text = text.replace("point = ox1-running", "point = ox1-running\noxidizer = ox2").replace(
        "quantity = unit_running\noxidizer = ox1\n", "quantity = unit_running\n")
    path = tmp_path / "site.conf"
    path.write_text(text, encoding="utf-8")
    result = cmmgate("check-config", str(path))
    assert result.returncode == 1
    errors = result.stderr.strip().split("\n")
    assert errors[-1] == "cmmgate check-config: 4 errors"
    expected = [
        (line_of(path, "[parameter ox1-inlet-flow]"), "oxidizer ox1 has no unit_running or bed_temperature parameter"),
        (line_of(path, "unit = l/s"), "unit: 'l/s' is not a unit of inlet_flow_working (m3/h, m3/min, m3/s)"),
        (line_of(path, "pressure = gauge"), "pressure: has no meaning on a parameter other than inlet_pressure"),
        (line_of(path, "reference = pump-outlet-ch4"),
         "reference: parameter pump-outlet-ch4 measures pump_outlet_ch4, not the extraction pump's outlet flow"),
    ]
    for (line, message), printed in zip(expected, errors):
        assert printed.startswith(f"{path}:{line}: "), printed
        assert message in printed, printed
