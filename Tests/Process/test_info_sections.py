"""cmmgate info's sections after the instrument registry: the constant set in use, the monitoring
parameters, the cross-checks, the statistics rules and the agent settings, each checked against
the configuration file parsed here independently of the agent's parser."""
import re

from conftest import ROOT

EXAMPLE = ROOT / "Board" / "example-site.conf"
REFERENCE = ROOT / "Board" / "reference.conf"
TODAY = "2026-11-25"


def conf_sections(text):
    """[{_kind, _name, key: value…}] of a configuration text, in file order (`_`: [site] has a
    key called name)."""
    sections, current = [], None
    for line in text.split("\n"):
        if line.startswith("["):
            words = line.strip("[]").split()
            current = {"_kind": words[0], "_name": words[1] if len(words) > 1 else ""}
            sections.append(current)
        elif "=" in line and current is not None and not line.lstrip().startswith("#"):
            key, value = (part.strip() for part in line.split("=", 1))
            current[key] = value
    return sections


def of_kind(sections, kind):
    return {s["_name"]: s for s in sections if s["_kind"] == kind}


def blocks(out):
    """{header's first word: (header line, [lines])} of the blocks after info's identity block
    (blocks are separated by blank lines)."""
    found = {}
    for block in out.split("\n\n")[1:]:
        lines = [line for line in block.split("\n") if line]
        found[lines[0].split()[0].rstrip(":")] = (lines[0], lines[1:])
    return found


def labelled(lines):
    """{label: value} of `label  value` lines (labels are words with single spaces)."""
    return dict(re.split(r"\s{2,}", line, maxsplit=1) for line in lines)


def table(lines):
    """Rows of an aligned table as {first cell: {column: cell}}."""
    header = re.split(r"\s{2,}", lines[0])
    rows = {}
    for line in lines[1:]:
        cells = re.split(r"\s{2,}", line)
        assert len(cells) == len(header), line
        rows[cells[0]] = dict(zip(header, cells))
    return rows


def info(cmmgate, path):
    result = cmmgate("info", "--config", str(path), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sections_follow_the_registry_in_order(cmmgate):
    out = info(cmmgate, EXAMPLE)
    headers = [block.split("\n")[0] for block in out.split("\n\n")]
    assert headers[1] == "instruments (4):"
    assert [h.split()[0].rstrip(":") for h in headers[2:]] == ["constants", "parameters", "cross-checks", "statistics", "agent", "uplinks"]
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_constant_set_in_use(cmmgate):
    sections = conf_sections(EXAMPLE.read_text(encoding="utf-8"))
    name = of_kind(sections, "site")[""]["constants"]
    expected = of_kind(sections, "constants")[name]
    header, lines = blocks(info(cmmgate, EXAMPLE))["constants"]
    assert header == f"constants {name} (in use; 1 set defined):"
    values = labelled(lines)
    assert values["version"] == expected["version"]
    assert values["GWP CH4"] == f"{number(expected['gwp_ch4'])} t CO2e/t CH4"
    assert values["CH4 density"] == f"{number(expected['ch4_density'])} kg/m3"
    assert values["reference temperature"] == f"{expected['reference_temperature']} °C"
    assert values["standard pressure"] == f"{number(expected['standard_pressure'])} kPa"


def number(text):
    """A configuration number as info prints it: whole numbers without a fraction."""
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(value)


def test_parameters_table_matches_the_file(cmmgate):
    sections = conf_sections(EXAMPLE.read_text(encoding="utf-8"))
    parameters, points = of_kind(sections, "parameter"), of_kind(sections, "point")
    header, lines = blocks(info(cmmgate, EXAMPLE))["parameters"]
    assert header == f"parameters ({len(parameters)}):"
    rows = table(lines)
    assert list(rows) == list(parameters)  # file order
    for name, expected in parameters.items():
        row = rows[name]
        lower, upper = row["lower…upper"].split("…")
        assert (row["quantity"], row["oxidizer"], row["factor"], row["unit"]) == (
            expected["quantity"], expected.get("oxidizer", "-"), expected["factor"], expected["unit"])
        assert (float(lower), float(upper)) == (float(expected["lower"]), float(expected["upper"]))
        period, tolerance = expected.get("period_s", "1"), expected.get("tolerance_s", "1")
        assert row["period + tolerance"] == f"{period} s + {tolerance} s"
        assert (row["point"], row["meter"]) == (expected["point"], points[expected["point"]]["meter"])
        if expected.get("pressure") == "gauge":
            assert row["notes"] == f"gauge pressure + atmosphere {expected['atmosphere_kpa']} kPa"
        elif expected["quantity"] == "inlet_pressure":
            assert row["notes"] == "absolute pressure"
        else:
            assert row["notes"] == "-"
    assert rows["ox1-inlet-pressure"]["notes"].startswith("gauge")  # the example does have one


def test_cross_checks_match_the_file(cmmgate):
    checks = of_kind(conf_sections(EXAMPLE.read_text(encoding="utf-8")), "crosscheck")
    header, lines = blocks(info(cmmgate, EXAMPLE))["cross-checks"]
    assert header == f"cross-checks ({len(checks)}):"
    rows = table(lines)
    assert list(rows) == list(checks)
    for name, expected in checks.items():
        row = rows[name]
        assert row["inlet (summed)"].split(" + ") == [part.strip() for part in expected["inlet"].split(",")]
        assert row["reference"] == expected["reference"]
        assert row["tolerance"] == f"{number(expected['tolerance_percent'])} %"
        assert row["duration"] == f"{expected['duration_s']} s"


def test_statistics_match_the_file(cmmgate):
    expected = of_kind(conf_sections(EXAMPLE.read_text(encoding="utf-8")), "statistics")[""]
    header, lines = blocks(info(cmmgate, EXAMPLE))["statistics"]
    assert header == "statistics:"
    values = labelled(lines)
    assert values["minute"] == f"valid with at least {expected['minute_min_samples']} of 60 valid seconds"
    assert values["hour"] == f"valid with at least {expected['hour_min_minutes']} of 60 valid minutes"
    assert values["day"] == f"valid with at least {expected['day_min_hours']} of 24 valid hours"
    assert float(values["normal fraction"].split()[0]) == float(expected["normal_fraction"])


def agent_expected(text):
    """The example's [agent] keys over the defaults, which reference.conf writes out."""
    defaults = of_kind(conf_sections(REFERENCE.read_text(encoding="utf-8")), "agent")[""]
    written = of_kind(conf_sections(text), "agent").get("", {})
    return {**defaults, **written}


def check_agent(values, expected):
    assert values["journal"] == f"{expected['journal']}, {expected['journal_size_mb']} MiB"
    assert values["commit interval"].startswith(f"{expected['commit_interval_ms']} ms ")
    assert values["overwrite"].split()[0] == expected["overwrite"]
    assert values["log"] == (f"{expected['log']}, each kind of message at most {expected['log_burst']} at once "
                             f"then {expected['log_per_minute']} per minute")
    assert values["clock step"].startswith(f"{expected['clock_step_ms']} ms ")
    assert values["clock sync check"].split()[0] == expected["clock_sync_check"]
    assert values["offline after"] == f"{expected['offline_after_s']} s without an answer"


def test_agent_settings_match_the_file(cmmgate):
    expected = agent_expected(EXAMPLE.read_text(encoding="utf-8"))
    header, lines = blocks(info(cmmgate, EXAMPLE))["agent"]
    assert header == "agent:"
    values = labelled(lines)
    check_agent(values, expected)
    assert values["watchdog"] == "none"
    assert set(values) == {"journal", "commit interval", "overwrite", "watchdog", "log", "clock step",
                           "clock sync check", "offline after"}


def without_section(text, header):
    """`text` without the section opened by the line `header` (up to the next blank line)."""
    lines = text.split("\n")
    start = lines.index(header)
    end = lines.index("", start)
    return "\n".join(lines[:start] + lines[end:])


def test_defaults_are_named_when_the_sections_are_absent(cmmgate, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = without_section(without_section(text, "[agent]"), "[statistics]")
    text = without_section(text, "[crosscheck safe-transport]")
    path = tmp_path / "site.conf"
    path.write_text(text, encoding="utf-8")
    found = blocks(info(cmmgate, path))
    assert found["cross-checks"] == ("cross-checks (0): none", [])
    header, lines = found["agent"]
    assert header == "agent (defaults: no [agent] section):"
    check_agent(labelled(lines), agent_expected(text))
    header, lines = found["statistics"]
    assert header == "statistics (defaults: no [statistics] section):"
    defaults = of_kind(conf_sections(REFERENCE.read_text(encoding="utf-8")), "statistics")[""]
    assert labelled(lines)["minute"] == f"valid with at least {defaults['minute_min_samples']} of 60 valid seconds"


def test_device_watchdog_bed_temperature_and_a_summed_cross_check(cmmgate, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("watchdog = none\n", "watchdog = device\nwatchdog_device = /dev/watchdog1\n"
                        "watchdog_timeout_s = 25\nwatchdog_magic_close = yes\n")
    text = text.replace("inlet = ox1-inlet-flow\n", "inlet = ox1-inlet-flow, ox2-inlet-flow\n")
    text += """
[point ox2-flow]
meter = ox1-flow-computer
register = holding:20

[point ox2-bed]
meter = ox1-flow-computer
register = holding:22

[parameter ox2-inlet-flow]
quantity = inlet_flow_standard
oxidizer = ox2
point = ox2-flow
factor = g02-flow
lower = 0
upper = 3000
unit = Nm3/h
period_s = 5
tolerance_s = 3

[parameter ox2-bed]
quantity = bed_temperature
oxidizer = ox2
point = ox2-bed
factor = g02-bed
lower = 0
upper = 1200
unit = C
running_threshold = 850.5
"""
    path = tmp_path / "site.conf"
    path.write_text(text, encoding="utf-8")
    found = blocks(info(cmmgate, path))
    assert labelled(found["agent"][1])["watchdog"] == (
        "device /dev/watchdog1, timeout 25 s, kicked every 12.5 s, magic close yes (disarmed on an orderly stop)")
    rows = table(found["parameters"][1])
    assert rows["ox2-bed"]["notes"] == "running above 850.5 °C"
    assert rows["ox2-inlet-flow"]["period + tolerance"] == "5 s + 3 s"
    assert rows["ox2-inlet-flow"]["unit"] == "Nm3/h"
    check = table(found["cross-checks"][1])["safe-transport"]
    assert check["inlet (summed)"] == "ox1-inlet-flow + ox2-inlet-flow"


def test_systemd_watchdog_and_refuse(cmmgate, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("watchdog = none\n", "watchdog = systemd\n")
    text = text.replace("overwrite = oldest\n", "overwrite = refuse\n")
    path = tmp_path / "site.conf"
    path.write_text(text, encoding="utf-8")
    values = labelled(blocks(info(cmmgate, path))["agent"][1])
    assert values["watchdog"] == "systemd, timeout 30 s, kicked every 15 s"
    assert values["overwrite"].startswith("refuse ")


def test_reference_file_sections(cmmgate):
    sections = conf_sections(REFERENCE.read_text(encoding="utf-8"))
    found = blocks(info(cmmgate, REFERENCE))
    assert found["parameters"][0] == f"parameters ({len(of_kind(sections, 'parameter'))}):"
    assert found["cross-checks"][0] == f"cross-checks ({len(of_kind(sections, 'crosscheck'))}):"
    check_agent(labelled(found["agent"][1]), agent_expected(REFERENCE.read_text(encoding="utf-8")))


def test_info_lists_the_uplinks(cmmgate):
    section = info(cmmgate, EXAMPLE).split("\nuplinks (")[1]
    assert section.startswith("1):")
    assert "relay: HJ 212-2017 to 127.0.0.1:9212 (wired), OverTime 5 s × 3" in section
    assert "consumer hj212-relay" in section
