"""`cmmgate-relay report` on a small synthetic day: 120 seconds of real-time records for the example
site sent over HJ 212 (one 10-second gap, one second with the flow flagged B, one with the unit
stopped, a kWh counter that resets), an alarm, and a resend; the coverage, the outage, the event and
the methane destroyed and tCO2e are checked against a computation written here from the
methodology's formulas (docs/accounting.md) with the example's constants, not the project's code;
and `export` gives the same seconds, packets and events as CSV."""
import csv
import io
import json
import subprocess

import pytest

from test_relay_serve import MN, FACTORS, Relay, crc16, encode, qn, relay_binary, segment  # noqa: F401

DAY_START = 1768406400  # 2026-01-15 00:00:00 +08:00
TEN = 1768442400        # 10:00:00
GAP = range(50, 60)


def second_values(s):
    """The nine factors of second `s`: (value, flag) in FACTORS order."""
    flow = 1200 + 5 * s
    return [(flow, "B" if s == 20 else "N"), (2.0 + s / 100, "N"), (15 + s / 10, "N"), (2.5, "N"),
            (0 if s == 30 else 1, "N"), (1500, "N"), (35, "N"), ((3 if s >= 100 else 1000) + s, "N"), (50, "N")]


def send_day(relay):
    gateway = relay.connect()
    for s in range(120):
        if s in GAP:
            continue
        items = [f"DataTime=20260115100{s // 60}{s % 60:02d}"]
        items += [f"{code}-Rtd={value},{code}-Flag={flag}" for code, (value, flag) in zip(FACTORS, second_values(s))]
        gateway.send(encode(segment(2011, ";".join(items), qn(s % 1000), flag=4)))
    resend = [f"DataTime=20260115100000"] + [f"{c}-Rtd={v},{c}-Flag={f}" for c, (v, f) in zip(FACTORS, second_values(0))]
    gateway.send(encode(segment(2011, ";".join(resend), "20260115100200001", flag=4)))
    alarm = ("DataTime=20260115100105;EventCode=300,EventKind=crossCheckTripped,EventLevel=alarm;"
             "EventText=code%3D300%3Bkind%3DcrossCheckTripped")
    gateway.send(encode(segment(2072, alarm, "20260115100200002")))
    gateway.wait_for("9014", "20260115100200002")
    gateway.close()


def expected_destroyed_kg():
    total = 0.0
    for s in range(120):
        if s in GAP or s in (20, 30):  # flow flagged B: excluded; unit stopped: not running
            continue
        (flow, _), (ch4, _), (temperature, _), (gauge, _) = second_values(s)[:4]
        standard = flow / 3600 * ((gauge + 96.5) / 101.325) * (273.15 / (273.15 + temperature))
        total += standard * ch4 / 100 * 0.716
    return total


def report(binary, relay, *extra):
    result = subprocess.run([binary, "report", "--db", str(relay.db), "--site", MN, "--day", "2026-01-15", *extra],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def day(relay_binary, tmp_path):
    relay = Relay(relay_binary, tmp_path)
    send_day(relay)
    relay.stop()
    return relay


def test_the_report_agrees_with_an_independent_computation(relay_binary, day):
    data = json.loads(report(relay_binary, day, "--from", "10:00:00", "--to", "10:02:00", "--format", "json"))
    assert (data["expected_samples"], data["samples_with_records"]) == (120, 110)
    assert (data["frames"], data["duplicates"], data["conflicting_duplicates"]) == (111, 1, 0)
    flow = data["parameters"][0]
    assert (flow["name"], flow["factor"], flow["present"], flow["normal"], flow["flags"]) == (
        "ox1-inlet-flow", "g01-flow", 110, 109, {"B": 1, "N": 109})
    assert flow["present_share"] == pytest.approx(110 / 120) and flow["normal_share"] == pytest.approx(109 / 120)
    assert all(p["present"] == 110 and p["normal"] == 110 for p in data["parameters"][1:])
    assert [(o["start"], o["end"], o["seconds"]) for o in data["outages"]] == [
        ("2026-01-15 10:00:50", "2026-01-15 10:00:59", 10)]
    assert [(e["time"], e["cn"], e["code"], e["kind"], e["level"], e["text"]) for e in data["events"]] == [
        ("2026-01-15 10:01:05", 2072, 300, "crossCheckTripped", "alarm", "code=300;kind=crossCheckTripped")]
    accounting = data["accounting"]
    unit = accounting["oxidizers"][0]
    assert (unit["counted_s"], unit["not_running_s"], unit["excluded_s"]) == (108, 1, 1)
    assert accounting["exclusions"] == {"ox1: flow flagged invalid": 1}
    assert accounting["destroyed_kg"] == pytest.approx(expected_destroyed_kg(), rel=1e-12)
    assert accounting["tco2e"] == pytest.approx(expected_destroyed_kg() / 1000 * 21, rel=1e-12)
    # kWh: +1 a second except across the reset at 100 s (that second adds nothing), +10 across the gap.
    assert accounting["generated_kwh"] == pytest.approx(99 + 19) and accounting["counter_resets"] == 1
    assert accounting["heat_gj"] == pytest.approx(0)
    # From the relay configuration rather than what serve recorded in the database: the same report.
    with_config = report(relay_binary, day, "--from", "10:00:00", "--to", "10:02:00", "--format", "json", "--config", str(day.config))
    assert json.loads(with_config) == data


def test_the_whole_day_report_counts_every_second_of_the_day(relay_binary, day):
    text = report(relay_binary, day)
    assert "86400 samples expected, 110 with a record (0.13 %)" in text
    assert "2026-01-15 00:00:00 … 2026-01-15 09:59:59  36000 s" in text
    assert "2026-01-15 10:00:50 … 2026-01-15 10:00:59  10 s" in text
    assert "2026-01-15 10:02:00 … 2026-01-15 23:59:59  50280 s" in text
    assert "ox1-inlet-flow         g01-flow   110      0.13 %  109     0.13 %  B 1" in text
    assert f"= {expected_destroyed_kg() / 1000 * 21:.6f} tCO2e" in text
    assert "gateway's own figure: none uploaded" in text


def test_a_report_needs_a_known_site_and_a_real_day(relay_binary, day):
    for args, status in (([ "--site", "0A", "--day", "2026-01-15"], 65), (["--site", MN, "--day", "2026-02-30"], 64),
                         (["--site", MN, "--day", "2026-01-15", "--from", "10:00:00", "--to", "09:00:00"], 64)):
        result = subprocess.run([relay_binary, "report", "--db", str(day.db), *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == status, (args, result.stderr)


def export(binary, relay, kind, start="2026-01-15T10:00:00", end="2026-01-15T10:02:00"):
    result = subprocess.run([binary, "export", "--db", str(relay.db), "--site", MN, "--from", start, "--to", end,
                             "--kind", kind, "--format", "csv"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout, newline="")))


def test_the_csv_export_gives_verifiers_every_stored_value_and_packet(relay_binary, day):
    rows = export(relay_binary, day, "realtime")
    assert len(rows) == 110 * 9
    first = rows[0]
    assert (first["mn"], first["data_time"], first["data_time_utc"], first["factor"], first["parameter"], first["value"],
            first["flag"]) == (MN, "2026-01-15 10:00:00", str(TEN), "e01-gen", "electricity-generated", "1000", "N")
    flows = [r for r in rows if r["factor"] == "g01-flow"]
    assert [float(r["value"]) for r in flows] == [1200 + 5 * s for s in range(120) if s not in GAP]
    assert [r["flag"] for r in flows].count("B") == 1
    assert len(export(relay_binary, day, "realtime", "2026-01-15T10:00:30", "2026-01-15T10:00:31")) == 9
    frames = export(relay_binary, day, "frames")
    assert len(frames) == 111 and sum(int(f["duplicates"]) for f in frames) == 1
    for frame in frames:  # every packet as received: its CRC checks again
        data = frame["raw"][6:-4].encode()
        assert int(frame["raw"][2:6]) == len(data) and int(frame["raw"][-4:], 16) == crc16(data)
    events = export(relay_binary, day, "events")
    assert [(e["time"], e["cn"], e["code"], e["kind"], e["text"]) for e in events] == [
        ("2026-01-15 10:01:05", "2072", "300", "crossCheckTripped", "code=300;kind=crossCheckTripped")]
    assert export(relay_binary, day, "statistics") == []
