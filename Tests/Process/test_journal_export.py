"""`cmmgate journal export` of the agent's record types, on a journal that cmmgate-journal-writer
fills with payloads built by the Metering codecs (`append --agent-sample`, mirrored in
journal_writer.py): every jsonl line parses and its decoded fields equal what was written, the csv
`decoded` column is RFC 4180, a damaged payload is exported with the byte it went wrong at and
fails the command, and --config names the values or refuses a configuration that did not make them."""
import csv
import io
import json
import os

import pytest

from conftest import ROOT
from journal_writer import configuration_tag, run_writer, sample_value

START_MS = 1795824000000  # 2026-11-28T00:00:00Z, on a minute
STEP_MS = 60000
EXAMPLE = ROOT / "Board" / "example-site.conf"
REFERENCE = ROOT / "Board" / "reference.conf"
GEOMETRY = ("--erase-size", 4096)
GOOD = ("--from", "2026-11-28T00:00", "--to", "2026-11-28T00:05")  # the five good records
ALL = ("--from", "2026-11-28T00:00", "--to", "2026-11-28T00:06")  # and the damaged sixth


def parameter_names(path):
    """The [parameter NAME] sections of a configuration, in file order."""
    return [line[len("[parameter "):-1] for line in path.read_text(encoding="utf-8").split("\n")
            if line.startswith("[parameter ")]


NAMES = parameter_names(EXAMPLE)


@pytest.fixture(scope="module")
def journal(cmmgate, tmp_path_factory):
    """A journal holding AgentSample's six records for the example site's parameters."""
    path = str(tmp_path_factory.mktemp("export") / "agent.journal")
    created = run_writer(cmmgate, "create", path, "--blocks", 4, *GEOMETRY)
    assert created.returncode == 0, created.stderr
    appended = run_writer(cmmgate, "append", path, *GEOMETRY, "--time", START_MS, "--step", STEP_MS,
                          "--agent-sample", ",".join(NAMES), "--pause-us", 0)
    assert appended.returncode == 0, appended.stderr
    yield path
    os.unlink(path)


def export(cmmgate, journal, *args):
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    try:
        return cmmgate("journal", "export", journal, *args)
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous


def jsonl(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_decodes_every_agent_record_type(cmmgate, journal):
    result = export(cmmgate, journal, *GOOD, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = jsonl(result)
    assert [(row["type"], row["kind"]) for row in rows] == [
        ("0x10", "realtime"), ("0x11", "statistics"), ("0x12", "accounting"), ("0x13", "event"), ("0x13", "event")]
    assert all("error" not in row and bytes.fromhex(row["payload"]) for row in rows)
    tag = configuration_tag(NAMES)
    realtime, statistics, accounting, tripped, stopped = rows

    assert realtime["time"] == "2026-11-28T00:00:00.000+00:00"
    assert realtime["timestamp"] == START_MS // 1000 and realtime["clock_synchronised"] is True
    assert realtime["configuration_tag"] == tag
    assert realtime["values"] == [{"value": sample_value(p), "flag": "B" if p == 1 else "N"} for p in range(len(NAMES))]

    assert statistics["period"] == "minute" and statistics["period_start"] == START_MS // 1000 + 60
    assert statistics["configuration_tag"] == tag
    for position, entry in enumerate(statistics["parameters"]):
        value = sample_value(position)
        if value is None:
            assert entry == {"flag": "B", "valid_count": 0, "total_count": 60,
                             "min": None, "avg": None, "max": None, "cumulative": None}
        else:
            assert entry == {"flag": "N", "valid_count": 60, "total_count": 60, "min": value - 1, "avg": value,
                             "max": value + 1, "cumulative": value * 60 / 3600 if position == 0 else None}

    assert accounting["period"] == "minute" and accounting["period_start"] == START_MS // 1000 + 120
    assert (accounting["constants_name"], accounting["constants_version"]) == ("example-0C", "CCER-10-001-V01 placeholder")
    assert accounting["tco2e"] == 0.0721728
    assert accounting["oxidizers"] == [{
        "name": "ox1", "standard_volume_m3": 600.5, "ch4_volume_m3": 4.8, "ch4_mass_kg": 3.4368,
        "destroyed_kg": 3.4368, "destroyed_tco2e": 0.0721728, "measured_s": 60, "running_s": 60, "counted_s": 60,
        "excluded_s": 0, "not_running_s": 0}]
    assert accounting["energy"] == {"generated_kwh": 12.5, "exported_kwh": 11.25, "consumed_kwh": None, "heat_gj": 0.75}

    assert (tripped["code"], tripped["event"], tripped["severity"]) == (300, "crossCheckTripped", "alarm")
    assert tripped["text"] == ("code=300;kind=crossCheckTripped;name=pump-1;since=1795824180;"
                               "inlet=1260.5;reference=1100.0")
    assert (stopped["code"], stopped["event"], stopped["severity"]) == (101, "stopped", "info")
    # The event payload's own escapes (\; \= \\ \t) survive JSON escaping unchanged.
    assert stopped["text"] == 'code=101;kind=stopped;reason=SIGTERM from "systemctl stop"\\; key\\=a\\\\b\\t中文'
    assert bytes.fromhex(stopped["payload"]).decode() == stopped["text"]


def test_csv_has_a_quoted_decoded_column(cmmgate, journal):
    result = export(cmmgate, journal, *GOOD)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["sequence", "type", "time", "payload", "decoded"]
    assert all(len(row) == 5 for row in rows[1:])
    decoded = [row[4] for row in rows[1:]]
    assert decoded[0] == "realtime: clock synchronised, tag %d, %d values: #0=12.625 N; #1=- B; %s" % (
        configuration_tag(NAMES), len(NAMES),
        "; ".join(f"#{p}={sample_value(p)} N" for p in range(2, len(NAMES))))
    assert decoded[1].startswith("statistics: minute, tag ")
    assert decoded[2].startswith("accounting: minute, constants example-0C (CCER-10-001-V01 placeholder), "
                                 "0.0721728 tCO2e; ox1 destroyed 3.4368 kg")
    assert decoded[3].startswith("event: alarm: code=300;kind=crossCheckTripped;")
    assert decoded[4] == 'event: info: code=101;kind=stopped;reason=SIGTERM from "systemctl stop"\\; key\\=a\\\\b\\t中文'
    assert '"event: info: code=101;kind=stopped;reason=SIGTERM from ""systemctl stop""' in result.stdout


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_a_damaged_payload_is_exported_with_its_error_and_fails_the_command(cmmgate, journal, format):
    result = export(cmmgate, journal, *ALL, "--format", format)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    if format == "jsonl":
        rows = [json.loads(line) for line in lines]
        assert len(rows) == 6 and all("error" not in row for row in rows[:5])
        damaged = rows[5]
        assert damaged["kind"] == "realtime" and "values" not in damaged
        assert damaged["error"] == "malformed at byte 16: value 0: entry byte 0xFF holds no data flag"
        assert bytes.fromhex(damaged["payload"])[16] == 0xFF
    else:
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(rows) == 7
        assert rows[6][4] == "realtime: error: malformed at byte 16: value 0: entry byte 0xFF holds no data flag"
    sequence = json.loads(export(cmmgate, journal, *ALL, "--format", "jsonl").stdout.splitlines()[5])["sequence"]
    assert result.stderr == (f"cmmgate journal export: 1 record did not decode (each line says what was wrong "
                             f"and at which byte): sequence {sequence}\n")


def test_config_names_the_values(cmmgate, journal):
    result = export(cmmgate, journal, *GOOD, "--format", "jsonl", "--config", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    realtime, statistics = jsonl(result)[:2]
    assert [value["name"] for value in realtime["values"]] == NAMES
    assert [value["value"] for value in realtime["values"]] == [sample_value(p) for p in range(len(NAMES))]
    assert [entry["name"] for entry in statistics["parameters"]] == NAMES
    csv_result = export(cmmgate, journal, *GOOD, "--config", str(EXAMPLE))
    assert csv_result.returncode == 0
    assert f"{NAMES[0]}=12.625 N; {NAMES[1]}=- B" in csv_result.stdout


def test_a_config_that_did_not_make_the_records_is_refused(cmmgate, journal, tmp_path):
    assert parameter_names(REFERENCE) != NAMES
    result = export(cmmgate, journal, *GOOD, "--config", str(REFERENCE))
    assert result.returncode == 1
    assert result.stdout == ""
    other = configuration_tag(parameter_names(REFERENCE))
    sequence = jsonl(export(cmmgate, journal, *GOOD, "--format", "jsonl"))[0]["sequence"]
    assert (f"record {sequence} (realtime) has configuration tag {configuration_tag(NAMES)}, but the "
            f"{len(parameter_names(REFERENCE))} parameters of {REFERENCE} give tag {other}") in result.stderr
    assert "2 records in the range differ" in result.stderr and "nothing exported" in result.stderr

    # The same parameters in another order (the last two sections swapped) give another tag: refused too.
    blocks = EXAMPLE.read_text(encoding="utf-8").split("\n\n")
    first, second = (next(i for i, block in enumerate(blocks) if block.startswith(f"[parameter {name}]"))
                     for name in NAMES[-2:])
    blocks[first], blocks[second] = blocks[second], blocks[first]
    swapped = tmp_path / "swapped.conf"
    swapped.write_text("\n\n".join(blocks), encoding="utf-8")
    assert parameter_names(swapped) == NAMES[:-2] + NAMES[-2:][::-1]
    result = export(cmmgate, journal, *GOOD, "--config", str(swapped))
    assert result.returncode == 1 and result.stdout == "", result.stderr
    assert f"but the {len(NAMES)} parameters of {swapped} give tag" in result.stderr


def test_config_errors_are_reported_before_anything_is_exported(cmmgate, journal, tmp_path):
    broken = tmp_path / "broken.conf"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("slave = 2", "slave = 248"), encoding="utf-8")
    result = export(cmmgate, journal, *GOOD, "--config", str(broken))
    assert result.returncode == 1 and result.stdout == ""
    assert f"{broken}:" in result.stderr and "nothing exported" in result.stderr
    missing = tmp_path / "missing.conf"
    result = export(cmmgate, journal, *GOOD, "--config", str(missing))
    assert result.returncode == 70 and result.stdout == ""
    assert str(missing) in result.stderr
