"""`cmmgate run` end to end on the simulated example site: the daemon polls the meters of
Board/example-site.conf served by `cmmgate-sim --example-site` on pseudo-terminals, journals a
real-time record every second with the right flags, closes the minute with statistics and
accounting that an independent computation (here, from the exported real-time records) agrees
with, survives SIGKILL without a duplicate or a lost second, refuses a bad configuration with
exit 78 before opening anything, and kicks a watchdog (a FIFO) while it runs."""
import json
import os
import pathlib
import signal
import subprocess
import time

import pytest

from test_config_cli import EXAMPLE
from test_sim_faults import buses, sim_path, start_sim  # noqa: F401 (sim_path is a fixture)

PARAMETERS = ["ox1-inlet-flow", "ox1-inlet-ch4", "ox1-inlet-temperature", "ox1-inlet-pressure", "ox1-running",
              "pump-outlet-flow", "pump-outlet-ch4", "electricity-generated", "heat-supplied"]


def site_config(tmp_path, text=None, **agent):
    """The example site with `agent` keys replaced in [agent] (a 2 MiB journal unless given)."""
    agent.setdefault("journal_size_mb", "2")
    text = text if text is not None else EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("[agent]")
    for key, value in agent.items():
        lines = [line for line in lines if not line.startswith(f"{key} =")]
        lines.insert(start + 1, f"{key} = {value}")
    path = tmp_path / "site.conf"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_daemon(cmmgate, config, ports, journal, *extra, env=None):
    args = [cmmgate.path, "run", "--config", str(config), "--journal", str(journal)]
    for bus, port in ports.items():
        args += ["--port", f"{bus}={port}"]
    return subprocess.Popen(args + list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def sim_ports(lines):
    found = buses(lines)
    return {"field": found["modbus-rtu"], "energy": found["dlt645"]}


def export(cmmgate, journal, config):
    result = cmmgate("journal", "export", str(journal), "--from", "2000-01-01T00:00:00", "--to", "2100-01-01T00:00:00",
                     "--format", "jsonl", "--config", str(config))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def realtime(records):
    return [r for r in records if r["kind"] == "realtime"]


def events(records, name=None):
    return [r for r in records if r["kind"] == "event" and (name is None or r["event"] == name)]


def values(record):
    return {v["name"]: (v["value"], v["flag"]) for v in record["values"]}


def assert_consecutive(records):
    seconds = [r["timestamp"] for r in realtime(records)]
    assert seconds == sorted(set(seconds)), "a second was recorded twice or out of order"
    assert seconds == list(range(seconds[0], seconds[0] + len(seconds))), f"a second is missing: {seconds}"


def test_records_every_second_with_the_flags_the_meters_earn(cmmgate, sim_path, tmp_path):
    config = site_config(tmp_path)
    journal = tmp_path / "journal"
    # Windows in seconds after the simulator is ready; the daemon starts within them.
    faults = ["slave 1", "override holding 2 value=9.5 between=0,5", "slave 2", "fault noreply between=0,5"]
    with start_sim(sim_path, "--example-site", *faults) as (_, lines):
        daemon = run_daemon(cmmgate, config, sim_ports(lines), journal, "--seconds", "10")
        out, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err
    records = export(cmmgate, journal, config)
    rows = realtime(records)
    assert len(rows) >= 7
    assert_consecutive(records)
    assert all([v["name"] for v in r["values"]] == PARAMETERS for r in rows)
    first, last = values(rows[0]), values(rows[-1])
    # While the override and the fault hold: CH4 above its 8 % range is T, the silent pump meter B.
    assert first["ox1-inlet-ch4"] == (9.5, "T"), first
    assert first["pump-outlet-flow"] == (None, "B") and first["pump-outlet-ch4"] == (None, "B"), first
    # Afterwards everything is normal and within its range.
    assert {flag for _, flag in last.values()} == {"N"}, last
    assert 0 < last["ox1-inlet-ch4"][0] < 8 and last["ox1-running"] == (1.0, "N")
    assert [e["event"] for e in events(records)][:2] == ["started", "configurationLoaded"]
    assert events(records)[-1]["event"] == "stopped"
    assert any("meter=heat" in e["text"] for e in events(records, "calibrationOverdue"))
    assert "stopped (--seconds 10 elapsed)" in err


def test_a_killed_daemon_resumes_without_a_duplicate_second(cmmgate, sim_path, tmp_path):
    config = site_config(tmp_path)
    journal = tmp_path / "journal"
    with start_sim(sim_path, "--example-site") as (_, lines):
        ports = sim_ports(lines)
        daemon = run_daemon(cmmgate, config, ports, journal)
        time.sleep(5)
        daemon.send_signal(signal.SIGKILL)
        killed_at = time.time()
        daemon.communicate(timeout=10)
        again = run_daemon(cmmgate, config, ports, journal, "--seconds", "4")
        _, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    records = export(cmmgate, journal, config)
    seconds = [r["timestamp"] for r in realtime(records)]
    assert seconds == sorted(set(seconds)), "a second was recorded twice"
    starts = events(records, "started")
    assert len(starts) == 2
    # The second start names the newest second the first one journaled (what survived the kill).
    killed = [r for r in realtime(records) if r["sequence"] < starts[1]["sequence"]]
    assert killed and f"lastRecordSecond={killed[-1]['timestamp']}" in starts[1]["text"]
    assert len(realtime(records)) > len(killed)
    # The stated loss window (docs/journal-design.md): what was appended since the last group
    # commit (commit_interval_ms = 1000) plus the second being made, with a second of slack for
    # a loaded machine. The seconds the daemon was down are missing, nothing before them.
    assert killed[-1]["timestamp"] >= int(killed_at) - 3, (killed[-1]["timestamp"], killed_at)
    before = [r["timestamp"] for r in killed]
    assert before == list(range(before[0], before[0] + len(before)))


def test_the_minute_closes_with_statistics_and_accounting_an_independent_computation_agrees_with(
        cmmgate, sim_path, tmp_path):
    from hj212_platform import Platform, cp_items
    platform = Platform()
    config = site_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace("port = 9212", f"port = {platform.port}"), encoding="utf-8")
    journal = tmp_path / "journal"
    # The inlet flow above the pump's outlet (1390 m3/h + 5 %) all along: the cross-check trips after 60 s.
    try:
        with start_sim(sim_path, "--example-site", "slave 1", "override holding 0 value=1600 between=0,3600") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), journal, "--seconds", "66")
            # The closed minute goes out live (2051); then the platform pulls it as history.
            platform.wait_for(lambda p: len(p.uploads("2051")) >= 1, timeout=90, what="a minute upload")
            minute_time = cp_items(platform.uploads("2051")[0]["CP"])["DataTime"]
            qn = "20261202120000777"
            platform.send(f"QN={qn};ST=32;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
                          f"CP=&&BeginTime={minute_time};EndTime={minute_time}&&")
            platform.wait_for(lambda p: any(u["QN"] == qn for u in p.uploads("9012")), what="the pull's 9012")
            _, err = daemon.communicate(timeout=200)
    finally:
        platform.close()
    assert daemon.returncode == 0, err
    pulled = platform.uploads("2051")[1:]
    assert [cp_items(u["CP"])["DataTime"] for u in pulled] == [minute_time], "the pulled minute, once"
    assert cp_items(pulled[0]["CP"]) == cp_items(platform.uploads("2051")[0]["CP"])
    assert "ExeRtn=1" in next(u for u in platform.uploads("9012") if u["QN"] == qn)["CP"]
    records = export(cmmgate, journal, config)
    assert_consecutive(records)
    minutes = [r for r in records if r["kind"] == "accounting" and r["period"] == "minute"]
    assert minutes, "no minute closed in 66 s"
    # The first minute may be the partial one the daemon started in; every closed minute must agree.
    for minute in minutes:
        start = minute["period_start"]
        seconds = [r for r in realtime(records) if start <= r["timestamp"] < start + 60]
        assert 1 <= len(seconds) <= 60
        expected = independent_destroyed_kg(seconds)
        unit = minute["oxidizers"][0]
        assert unit["counted_s"] == len(seconds)
        assert unit["destroyed_kg"] == pytest.approx(expected, rel=1e-9)
        assert minute["tco2e"] == pytest.approx(expected / 1000 * 21, rel=1e-9)
        stats = [r for r in records if r["kind"] == "statistics" and r["period"] == "minute" and r["period_start"] == start]
        assert len(stats) == 1, stats
        flow = stats[0]["parameters"][0]
        assert flow["name"] == "ox1-inlet-flow" and flow["valid_count"] == len(seconds)
        assert flow["avg"] == pytest.approx(1600) and flow["min"] == flow["max"] == pytest.approx(1600)
        assert flow["cumulative"] == pytest.approx(1600 / 3600 * len(seconds))  # m3 over the minute
        assert flow["flag"] == ("N" if len(seconds) >= 12 else "D"), flow
    trips = events(records, "crossCheckTripped")
    assert trips and "name=safe-transport" in trips[0]["text"]


def independent_destroyed_kg(rows):
    """CH4 destroyed (kg) recomputed from the records with the example's constants: working flow
    normalised to 0 °C and 101.325 kPa, gauge pressure + the configured 96.5 kPa atmosphere,
    density 0.716 kg/m3 (docs/accounting.md)."""
    total = 0.0
    for row in rows:
        v = values(row)
        flow, ch4, temperature, gauge = (v[name][0] for name in PARAMETERS[:4])
        assert v["ox1-running"] == (1.0, "N")
        standard = flow / 3600 * ((gauge + 96.5) / 101.325) * (273.15 / (273.15 + temperature))
        total += standard * ch4 / 100 * 0.716
    return total


def test_an_invalid_configuration_exits_78_before_opening_anything(cmmgate, tmp_path):
    config = site_config(tmp_path, commit_interval_ms="1000", colour="blue")
    journal = tmp_path / "journal"
    result = cmmgate("run", "--config", str(config), "--journal", str(journal))
    assert result.returncode == 78
    assert f"{config}:" in result.stderr and "colour" in result.stderr
    assert not journal.exists()
    unknown_bus = cmmgate("run", "--config", str(site_config(tmp_path)), "--journal", str(journal), "--port", "nosuch=/dev/null")
    assert unknown_bus.returncode == 78 and "no serial bus 'nosuch'" in unknown_bus.stderr
    assert not journal.exists()
    missing = cmmgate("run", "--config", str(tmp_path / "absent.conf"))
    assert missing.returncode == 78 and "absent.conf" in missing.stderr


def test_sighup_applies_a_valid_configuration_and_keeps_running_on_the_old_one_otherwise(cmmgate, sim_path, tmp_path):
    config = site_config(tmp_path)
    journal = tmp_path / "journal"
    original = config.read_text(encoding="utf-8")
    with start_sim(sim_path, "--example-site") as (_, lines):
        daemon = run_daemon(cmmgate, config, sim_ports(lines), journal)
        try:
            time.sleep(3)
            config.write_text(original.replace("[statistics]", "[statistics]\nbogus_key = 1"), encoding="utf-8")
            daemon.send_signal(signal.SIGHUP)
            time.sleep(3)
            assert daemon.poll() is None, "a bad configuration on SIGHUP must not stop the daemon"
            # Valid, with the CH4 upper limit lowered below what the simulator serves (4.4-4.8 %): T from now on.
            config.write_text(original.replace("lower = 0\nupper = 8\nunit = %", "lower = 0\nupper = 2\nunit = %"),
                              encoding="utf-8")
            daemon.send_signal(signal.SIGHUP)
            time.sleep(4)
            daemon.send_signal(signal.SIGTERM)
            _, err = daemon.communicate(timeout=30)
        finally:
            if daemon.poll() is None:
                daemon.kill()
    assert daemon.returncode == 0, err
    assert "not applied" in err and "bogus_key" in err
    records = export(cmmgate, journal, config)
    assert_consecutive(records)
    rejected = events(records, "configurationRejected")
    assert len(rejected) == 1 and "bogus_key" in rejected[0]["text"]
    loaded = events(records, "configurationLoaded")
    assert len(loaded) == 2
    after = [r for r in realtime(records) if r["sequence"] > loaded[1]["sequence"]]
    before = [r for r in realtime(records) if r["sequence"] < rejected[0]["sequence"]]
    assert before and all(values(r)["ox1-inlet-ch4"][1] == "N" for r in before)
    assert after and all(values(r)["ox1-inlet-ch4"][1] == "T" for r in after[1:])
    assert events(records)[-1]["event"] == "stopped" and "SIGTERM" in events(records)[-1]["text"]
