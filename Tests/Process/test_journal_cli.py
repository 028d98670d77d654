"""`cmmgate journal stats|verify|export|inspect` on a journal file made by cmmgate-journal-writer:
outputs checked against what the writer wrote (its payloads are recomputed here), time zones
through TZ, a corrupted byte named by verify, and the errors for bad arguments and bad files."""
import json
import os
import re
import shutil

import pytest

from journal_writer import expected_payload, expected_type, parse_dump, run_writer

RECORDS = 300
START_MS = 1795824000000  # 2026-11-28T00:00:00Z
STEP_MS = 60000  # one record a minute
SEGMENT = 4096
GEOMETRY = ("--erase-size", SEGMENT)


@pytest.fixture(scope="module")
def journal(cmmgate, tmp_path_factory):
    """A 16-segment journal of RECORDS records (types 0x20-0x22) and one consumer, plus what the
    writer reported and its own dump of the records."""
    path = str(tmp_path_factory.mktemp("journal") / "cli.journal")
    created = run_writer(cmmgate, "create", path, "--blocks", 16, *GEOMETRY)
    assert created.returncode == 0, created.stderr
    appended = run_writer(cmmgate, "append", path, *GEOMETRY, "--records", RECORDS, "--time", START_MS,
                          "--step", STEP_MS, "--consumer", "hj212", "--pause-us", 0)
    assert appended.returncode == 0, appended.stderr
    last_synced = int(appended.stdout.splitlines()[-1].split()[1])
    dump = run_writer(cmmgate, "dump", path, *GEOMETRY)
    _, _, records = parse_dump(dump.stdout)
    yield {"path": path, "last_synced": last_synced, "records": records}
    os.unlink(path)


def run_in_zone(cmmgate, zone, *args):
    """cmmgate with TZ set for the child only."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = zone
    try:
        return cmmgate(*args)
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous


def test_stats_reports_size_counts_span_capacity_and_lag(cmmgate, journal):
    result = run_in_zone(cmmgate, "UTC", "journal", "stats", journal["path"])
    assert result.returncode == 0, result.stderr
    fields = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
              for line in result.stdout.splitlines() if not line.startswith("  ")}
    assert fields["size"].startswith(f"{16 * SEGMENT} bytes (16 segments of {SEGMENT} bytes")
    per_type = ", ".join(f"0x{kind:02X} {sum(1 for i in range(RECORDS) if expected_type(i) == kind)}"
                         for kind in (0x20, 0x21, 0x22))
    assert fields["records"] == f"{RECORDS} ({per_type})"
    assert fields["oldest"] == "2026-11-28T00:00:00.000+00:00"
    last = START_MS + (RECORDS - 1) * STEP_MS
    assert fields["newest"] == f"2026-11-28T{last // 3600000 % 24:02d}:{last // 60000 % 60:02d}:00.000+00:00"
    assert float(fields["capacity"].split()[0]) > 0 and fields["capacity"].endswith("days at the observed rate")
    used, capacity = int(fields["fill"].split()[0]), int(fields["fill"].split()[2])
    assert 0 < used <= capacity
    # The writer acknowledged half of what was durable at its last report, then committed that.
    acknowledged = journal["last_synced"] // 2
    lag = journal["last_synced"] + 1 - acknowledged
    assert fields["consumers"] == "1"
    assert f"hj212" in result.stdout and f"acknowledged through {acknowledged}, lag {lag} records" in result.stdout


def test_verify_reads_everything_and_says_ok(cmmgate, journal):
    result = cmmgate("journal", "verify", journal["path"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "ok"
    assert f"{journal['last_synced'] + 1} records" in result.stdout  # the consumer's acknowledgements included


def expected_hour(journal, hour_utc):
    """Records the writer put in [hour_utc, hour_utc + 1h) on 2026-11-28, as (sequence, type, ms, payload)."""
    begin = START_MS + hour_utc * 3600000
    return [record for record in journal["records"] if begin <= record[2] < begin + 3600000]


def test_export_csv_takes_local_time_and_writes_offsets(cmmgate, journal):
    result = run_in_zone(cmmgate, "Asia/Shanghai", "journal", "export", journal["path"],
                         "--from", "2026-11-28T08:00:00", "--to", "2026-11-28T09:00:00", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sequence,type,time,payload,decoded"
    expected = expected_hour(journal, 0)  # 08:00 in Shanghai is 00:00 UTC
    assert len(lines) - 1 == len(expected) == 60
    for line, (sequence, kind, millis, payload) in zip(lines[1:], expected):
        index = (millis - START_MS) // STEP_MS
        # Not an agent record type: nothing to decode, an empty quoted summary.
        assert line == f'{sequence},0x{kind:02X},2026-11-28T08:{index:02d}:00.000+08:00,{payload.hex().upper()},""'
        assert payload == expected_payload(1, index)


def test_export_jsonl_in_a_zone_behind_utc(cmmgate, journal):
    result = run_in_zone(cmmgate, "America/New_York", "journal", "export", journal["path"],
                         "--from", "2026-11-27T20:00", "--to", "2026-11-27T22:00", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    expected = expected_hour(journal, 1) + expected_hour(journal, 2)  # 01:00-03:00 UTC, EST is UTC-5
    assert [row["sequence"] for row in rows] == [record[0] for record in expected]
    assert rows[0]["time"] == "2026-11-27T20:00:00.000-05:00"
    assert all(row["type"] == f"0x{record[1]:02X}" and bytes.fromhex(row["payload"]) == record[3]
               and row["kind"] == "unknown" for row, record in zip(rows, expected))


def test_export_of_an_empty_range_prints_only_the_header(cmmgate, journal):
    result = cmmgate("journal", "export", journal["path"], "--from", "2020-01-01", "--to", "2020-01-02")
    assert result.returncode == 0
    assert result.stdout == "sequence,type,time,payload,decoded\n"


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-13-01T00:00:00", "--to", "2026-12-01"], "'2026-13-01T00:00:00' is not a local time"),
    (["--from", "2026-02-30T00:00:00", "--to", "2026-12-01"], "'2026-02-30T00:00:00' is not a real local time"),
    (["--from", "2026-11-28T08:00:00Z", "--to", "2026-12-01"], "'2026-11-28T08:00:00Z' is not a local time"),
    (["--from", "2026-12-01", "--to", "2026-11-01"], "--from 2026-12-01 is not before --to 2026-11-01"),
    (["--from", "2026-11-01", "--to", "2026-12-01", "--format", "xml"], "--format must be csv or jsonl, not 'xml'"),
    (["--from", "2026-11-01"], "export needs --from TIME and --to TIME"),
    (["--from", "2026-11-01", "--to", "2026-12-01", "--seq", "3"], "unknown option --seq"),
])
def test_export_argument_errors_are_named(cmmgate, journal, args, message):
    result = cmmgate("journal", "export", journal["path"], *args)
    assert result.returncode == 64
    assert message in result.stderr
    assert "usage: cmmgate journal" in result.stderr


def test_inspect_shows_one_record_and_its_payload(cmmgate, journal):
    sequence, kind, millis, payload = journal["records"][len(journal["records"]) // 2]
    result = run_in_zone(cmmgate, "UTC", "journal", "inspect", journal["path"], "--seq", str(sequence))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"sequence:  {sequence}"
    assert lines[1] == f"type:      0x{kind:02X} (application)"
    assert lines[2].endswith(f"({millis} ms)")
    assert lines[3] == f"payload:   {len(payload)} bytes"
    dumped = bytes.fromhex("".join(line.split(None, 1)[1] for line in lines[4:]))
    assert dumped == payload


def test_inspect_of_a_missing_record_names_what_the_journal_holds(cmmgate, journal):
    result = cmmgate("journal", "inspect", journal["path"], "--seq", "99999")
    assert result.returncode == 1
    assert "holds no readable record 99999" in result.stderr
    assert cmmgate("journal", "inspect", journal["path"]).returncode == 64
    assert "--seq N" in cmmgate("journal", "inspect", journal["path"], "--seq", "x").stderr


def test_verify_names_the_offset_of_a_corrupted_byte(cmmgate, journal, tmp_path):
    damaged = str(tmp_path / "damaged.journal")
    shutil.copyfile(journal["path"], damaged)
    segment = 2  # an older segment, not the one being written
    with open(damaged, "r+b") as handle:
        handle.seek(segment * SEGMENT + 1000)
        byte = handle.read(1)
        handle.seek(segment * SEGMENT + 1000)
        handle.write(bytes([byte[0] ^ 0x40]))
    result = cmmgate("journal", "verify", damaged)
    assert result.returncode == 1
    corrupt = [line for line in result.stdout.splitlines() if line.startswith("corrupt: ")]
    assert len(corrupt) == 1
    found = re.search(r"at byte (\d+) \(segment (\d+), (\d+) B\)", corrupt[0])
    assert found, corrupt[0]
    offset, named, length = (int(group) for group in found.groups())
    assert named == segment
    assert offset <= segment * SEGMENT + 1000 < offset + length
    assert result.stdout.splitlines()[-1] == "1 corrupt region(s)"
    os.unlink(damaged)


def test_files_that_are_not_journals_are_named(cmmgate, tmp_path):
    missing = str(tmp_path / "missing.journal")
    result = cmmgate("journal", "stats", missing)
    assert result.returncode == 70
    assert missing in result.stderr and "No such file or directory" in result.stderr
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    result = cmmgate("journal", "verify", str(empty))
    assert result.returncode == 1 and f"{empty} is not a journal file: it is empty" in result.stderr
    text = tmp_path / "notes.txt"
    text.write_text("not a journal\n")
    result = cmmgate("journal", "stats", str(text))
    assert result.returncode == 1 and f"{text} is not a journal file" in result.stderr
    blank = tmp_path / "blank"
    blank.write_bytes(bytes(2 * 65536))
    result = cmmgate("journal", "export", str(blank), "--from", "2026-11-01", "--to", "2026-12-01")
    assert result.returncode == 1 and f"{blank} is not a journal" in result.stderr and "notFormatted" in result.stderr


def test_usage_errors_name_the_problem(cmmgate):
    assert "needs a verb" in cmmgate("journal").stderr
    result = cmmgate("journal", "compact", "x")
    assert result.returncode == 64 and "unknown verb 'compact'" in result.stderr
    result = cmmgate("journal", "stats")
    assert result.returncode == 64 and "exactly one journal FILE" in result.stderr
    result = cmmgate("journal", "stats", "a", "b")
    assert result.returncode == 64 and "got 2 arguments" in result.stderr
    usage = cmmgate("help", "journal")
    assert usage.returncode == 0 and "configuration issue" in usage.stdout
