"""cmmgate-sim --example-site serves every meter of Board/example-site.conf with values that
make physical sense together, and the three faults the end-to-end tests need can be scripted on
top of it: an inlet flow above the pump's outlet flow and a value over its range (`override`
for a time window), and a meter that stops answering and comes back (`fault noreply between=`)."""
import re
import subprocess
import time

import pytest

from test_config_cli import EXAMPLE
from test_sim_faults import buses, sim_path, start_sim  # noqa: F401 (sim_path is a fixture)


def read(cmmgate, port, slave, registers, kind="float32:ABCD", timeout="300"):
    return cmmgate("probe", "modbus", "--port", port, "--baud", "9600", "--parity", "N", "--slave", str(slave),
                   "--read", registers, "--as", kind, "--timeout", timeout)


def floats(result):
    assert result.returncode == 0, result.stderr
    return [float(line) for line in result.stdout.split()]


def example_points():
    """{(slave, register): (unit, lower, upper)} of the example's Modbus parameters, from the file."""
    sections, current = [], None
    for line in EXAMPLE.read_text(encoding="utf-8").split("\n"):
        if line.startswith("["):
            current = {"kind": line.strip("[]").split()[0], "name": line.strip("[]").split()[-1]}
            sections.append(current)
        elif "=" in line and current is not None and not line.startswith("#"):
            key, value = (part.strip() for part in line.split("=", 1))
            current[key] = value
    meters = {s["name"]: s for s in sections if s["kind"] == "meter"}
    points = {s["name"]: s for s in sections if s["kind"] == "point"}
    found = {}
    for parameter in (s for s in sections if s["kind"] == "parameter"):
        point = points[parameter["point"]]
        meter = meters[point["meter"]]
        if meter["protocol"] == "modbus":
            found[(int(meter["slave"]), point["register"])] = (parameter["unit"], float(parameter["lower"]),
                                                               float(parameter["upper"]))
    return found


def test_every_modbus_point_of_the_example_is_served_within_its_range(cmmgate, sim_path):
    points = example_points()
    assert set(points) == {(1, "holding:0"), (1, "holding:2"), (1, "holding:4"), (1, "holding:6"), (1, "coil:0"),
                           (2, "holding:0"), (2, "holding:2"), (3, "holding:10")}
    with start_sim(sim_path, "--example-site") as (_, lines):
        port = buses(lines)["modbus-rtu"]
        for (slave, register), (unit, lower, upper) in sorted(points.items()):
            table, address = register.split(":")
            if table == "coil":
                result = cmmgate("probe", "modbus", "--port", port, "--baud", "9600", "--parity", "N",
                                 "--slave", str(slave), "--read", f"coil:{address}:1")
                assert result.returncode == 0 and result.stdout.split() == ["1"], result
                continue
            kind = "uint32:CDAB" if slave == 3 else "float32:ABCD"
            value = floats(read(cmmgate, port, slave, f"{register}:2", kind))[0]
            if slave == 3:
                value *= 0.001  # the example's scale: GJ
            assert lower <= value <= upper, (slave, register, value, unit)


def test_the_pump_outlet_carries_more_gas_and_methane_than_the_oxidizer_inlet(cmmgate, sim_path):
    with start_sim(sim_path, "--example-site") as (_, lines):
        port = buses(lines)["modbus-rtu"]
        for _ in range(5):
            inlet_flow, inlet_ch4 = floats(read(cmmgate, port, 1, "holding:0:4"))
            pump_flow, pump_ch4 = floats(read(cmmgate, port, 2, "holding:0:4"))
            assert 1235 <= inlet_flow <= 1265 and 1390 <= pump_flow <= 1410
            assert pump_flow > inlet_flow and pump_flow * pump_ch4 > inlet_flow * inlet_ch4


def test_heat_and_electricity_grow(cmmgate, sim_path):
    with start_sim(sim_path, "--example-site") as (_, lines):
        found = buses(lines)
        first = floats(read(cmmgate, found["modbus-rtu"], 3, "holding:10:2", "uint32:CDAB"))[0]
        assert first >= 1234567
        deadline = time.monotonic() + 15
        while floats(read(cmmgate, found["modbus-rtu"], 3, "holding:10:2", "uint32:CDAB"))[0] <= first:
            assert time.monotonic() < deadline, "the heat register did not grow"
            time.sleep(0.2)
        energy = cmmgate("probe", "dlt645", "--port", found["dlt645"], "--baud", "2400", "--parity", "N",
                         "--address", "123456789012", "--di", "00010000")
        assert energy.returncode == 0, energy.stderr
        assert re.fullmatch(r"123\d\d\.\d\d kWh\n", energy.stdout), energy.stdout


def test_overrides_put_the_inlet_flow_above_the_pump_and_ch4_over_range_in_their_windows(cmmgate, sim_path):
    faults = ["slave 1", "override holding 0 value=1600 between=0,3600", "override holding 2 value=9.5 between=3600,7200",
              "override coil 0 off between=0,3600"]
    with start_sim(sim_path, "--example-site", *faults) as (_, lines):
        port = buses(lines)["modbus-rtu"]
        inlet_flow, inlet_ch4 = floats(read(cmmgate, port, 1, "holding:0:4"))
        pump_flow = floats(read(cmmgate, port, 2, "holding:0:2"))[0]
        assert inlet_flow == 1600 and pump_flow < inlet_flow
        assert 4.4 <= inlet_ch4 <= 4.8  # its window has not begun
        running = cmmgate("probe", "modbus", "--port", port, "--baud", "9600", "--parity", "N", "--slave", "1",
                          "--read", "coil:0:1")
        assert running.stdout.split() == ["0"], running
    with start_sim(sim_path, "--example-site", "slave 1", "override holding 2 value=9.5 between=0,3600") as (_, lines):
        port = buses(lines)["modbus-rtu"]
        assert floats(read(cmmgate, port, 1, "holding:2:2"))[0] == 9.5  # over the example's upper limit 8


def test_a_meter_stops_answering_in_its_window_and_comes_back(cmmgate, sim_path):
    with start_sim(sim_path, "--example-site", "slave 2", "fault noreply between=0,3", "slave 3",
                   "fault noreply between=3600,3700") as (_, lines):
        port = buses(lines)["modbus-rtu"]
        silent = read(cmmgate, port, 2, "holding:0:2", timeout="150")
        assert silent.returncode == 1 and "timeout after" in silent.stderr, silent
        assert read(cmmgate, port, 1, "holding:0:2").returncode == 0  # the bus and the others are fine
        assert read(cmmgate, port, 3, "holding:10:2", "uint32:CDAB").returncode == 0  # its window is later
        deadline = time.monotonic() + 20
        while read(cmmgate, port, 2, "holding:0:2", timeout="150").returncode != 0:
            assert time.monotonic() < deadline, "slave 2 did not come back after its window"
            time.sleep(0.2)


def test_dlt645_override(cmmgate, sim_path):
    with start_sim(sim_path, "--example-site", "meter 123456789012", "override di 00010000 value=42 between=0,3600") as (_, lines):
        energy = cmmgate("probe", "dlt645", "--port", buses(lines)["dlt645"], "--baud", "2400", "--parity", "N",
                         "--address", "123456789012", "--di", "00010000")
        assert energy.stdout == "42.00 kWh\n", energy


@pytest.mark.parametrize("lines,says", [
    (["slave 1", "override holding 9 value=1 between=0,1"], "slave 1 has no holding point at 9"),
    (["slave 1", "override holding 0 value=1 between=5,2"], "0 ≤ FROM < UNTIL"),
    (["slave 1", "override holding 0 value=1"], "override holding|input|coil|discrete"),
    (["slave 1", "override coil 0 maybe between=0,1"], "on|off"),
    (["slave 2", "fault noreply between=1"], "between= needs FROM,UNTIL"),
    (["meter 123456789012", "override di 00010001 value=1 between=0,1"], "has no di 00010001"),
])
def test_bad_overrides_and_windows_are_refused(sim_path, lines, says):
    result = subprocess.run([sim_path, "--example-site", *lines], capture_output=True, text=True, timeout=30,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 64
    assert says in result.stderr, result.stderr


def test_help_documents_the_example_site_and_the_faults(sim_path):
    result = subprocess.run([sim_path, "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for text in ("--example-site", "override holding|input ADDRESS SOURCE between=FROM,UNTIL", "between=FROM,UNTIL",
                 "fault noreply between=T,U"):
        assert text in result.stdout
