"""Fault matrix on cmmgate-sim: each injected fault gives its typed failure from `cmmgate probe`
(exit status 1 and the line that says what happened), and the next transaction on the same
bus succeeds with the served value: no crash, no stuck port. Plus scan on a bus with absent
slaves, and the simulator's own refusals of a bad configuration."""
import os
import pathlib
import subprocess

import pytest

import peers


@pytest.fixture(scope="module")
def sim_path(cmmgate):
    path = pathlib.Path(cmmgate.path).with_name("cmmgate-sim")
    assert path.is_file(), f"cmmgate-sim not built next to {cmmgate.path}"
    return str(path)


def start_sim(sim_path, *lines):
    return peers.running([sim_path, *lines], ready="ready")


def buses(lines):
    return dict(line.split() for line in lines if line != "ready")


MODBUS_FAULTS = [
    # (slave, fault directive, what the failure must say)
    (1, "fault crc at=1", ["bad reply", "CRC", "bytes seen:"]),
    (2, "fault noreply at=1", ["timeout after"]),
    (3, "fault exception=3 at=1", ["exception 3 (illegal data value)"]),
    (4, "fault noise at=1", ["bad reply", "bytes seen:"]),
    (5, "fault wrong-slave at=1", ["bad reply", "bytes seen: 06 03"]),
]


def modbus_config():
    lines = ["seed 7", "modbus-rtu baud=19200 parity=E stop=1"]
    for slave, fault, _ in MODBUS_FAULTS + [(6, "fault slow=40 at=1", None), (7, "fault noise-before at=1", None)]:
        lines += [f"slave {slave}", f"holding 0 uint16 value={1000 + slave}", "holding 1 float32:CDAB value=-2.5", fault]
    return lines


def probe(cmmgate, port, slave, *extra):
    return cmmgate("probe", "modbus", "--port", port, "--baud", "19200", "--parity", "E", "--slave", str(slave),
                   "--read", "holding:0:1", "--timeout", "150", *extra)


@pytest.mark.parametrize("slave,fault,says", MODBUS_FAULTS, ids=[f[1] for f in MODBUS_FAULTS])
def test_each_modbus_fault_is_reported_and_the_next_read_succeeds(cmmgate, sim_path, slave, fault, says):
    with start_sim(sim_path, *modbus_config()) as (_, lines):
        port = buses(lines)["modbus-rtu"]
        failed = probe(cmmgate, port, slave)
        assert failed.returncode == 1, failed.stdout
        for text in says:
            assert text in failed.stderr, (fault, failed.stderr)
        assert failed.stdout == ""
        good = probe(cmmgate, port, slave)
        assert good.returncode == 0, good.stderr
        assert good.stdout == f"{1000 + slave}\n"
        typed = cmmgate("probe", "modbus", "--port", port, "--baud", "19200", "--slave", str(slave),
                        "--read", "holding:1:2", "--as", "float32:CDAB")
        assert typed.returncode == 0, typed.stderr
        assert typed.stdout == "-2.5\n"


def test_slow_bytes_fail_the_deadline_and_the_bus_recovers(cmmgate, sim_path):
    with start_sim(sim_path, *modbus_config()) as (_, lines):
        port = buses(lines)["modbus-rtu"]
        failed = probe(cmmgate, port, 6)
        assert failed.returncode == 1
        assert "timeout after" in failed.stderr or "bad reply" in failed.stderr, failed.stderr
        good = probe(cmmgate, port, 6)
        assert good.returncode == 0, good.stderr
        assert good.stdout == "1006\n"


def test_noise_before_a_good_reply_is_skipped(cmmgate, sim_path):
    with start_sim(sim_path, *modbus_config()) as (_, lines):
        port = buses(lines)["modbus-rtu"]
        result = probe(cmmgate, port, 7)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "1007\n"


def test_a_retry_rides_out_a_single_fault(cmmgate, sim_path):
    with start_sim(sim_path, *modbus_config()) as (_, lines):
        port = buses(lines)["modbus-rtu"]
        for slave in (1, 2, 4):
            result = probe(cmmgate, port, slave, "--retries", "1")
            assert result.returncode == 0, (slave, result.stderr)
            assert result.stdout == f"{1000 + slave}\n"


def test_dlt645_faults_then_success(cmmgate, sim_path):
    config = ["dlt645 baud=2400 parity=E", "meter 210987654321", "di 00010000 value=4321.09",
              "fault crc at=1", "fault exception=2 at=2", "fault noreply at=3"]
    with start_sim(sim_path, *config) as (_, lines):
        port = buses(lines)["dlt645"]
        args = ["probe", "dlt645", "--port", port, "--address", "210987654321", "--di", "00010000", "--timeout", "200"]
        crc = cmmgate(*args)
        assert crc.returncode == 1 and "bad reply" in crc.stderr and "bytes seen:" in crc.stderr, crc.stderr
        abnormal = cmmgate(*args)
        assert abnormal.returncode == 1 and "abnormal reply, error word 0x02" in abnormal.stderr, abnormal.stderr
        silent = cmmgate(*args)
        assert silent.returncode == 1 and "timeout after" in silent.stderr, silent.stderr
        good = cmmgate(*args)
        assert good.returncode == 0, good.stderr
        assert good.stdout == "4321.09 kWh\n"
        unknown = cmmgate("probe", "dlt645", "--port", port, "--address", "210987654321", "--di", "02010100")
        assert unknown.returncode == 1 and "no requested data" in unknown.stderr, unknown.stderr


def test_scan_lists_the_slaves_that_answer_and_the_meter_address(cmmgate, sim_path):
    config = ["modbus-rtu baud=38400 parity=N stop=2", "slave 2", "holding 0 uint16 value=1",
              "slave 5", "input 0 uint16 value=1", "dlt645", "meter 000011112222", "di 00010000 value=1"]
    with start_sim(sim_path, *config) as (_, lines):
        found = buses(lines)
        scan = cmmgate("scan", "modbus", "--port", found["modbus-rtu"], "--baud", "38400", "--parity", "N", "--stop", "2",
                       "--slaves", "1-6", "--timeout", "100")
        assert scan.returncode == 0, scan.stderr
        # slave 5 has no holding register 0: it refuses, and is still found
        assert scan.stdout == "2 ok\n5 exception 2 (illegal data address)\n"
        meter = cmmgate("scan", "dlt645", "--port", found["dlt645"])
        assert meter.returncode == 0, meter.stderr
        assert meter.stdout == "000011112222\n"
        listed = cmmgate("scan", "dlt645", "--port", found["dlt645"], "--address", "000011112222,000011112223",
                         "--timeout", "100")
        assert listed.stdout == "000011112222\n"
        empty = cmmgate("scan", "modbus", "--port", found["modbus-rtu"], "--baud", "38400", "--parity", "N", "--stop", "2",
                        "--slaves", "10-12", "--timeout", "100")
        assert empty.returncode == 1
        assert "no slave answered in 10-12" in empty.stderr


@pytest.mark.parametrize("line,says", [
    ("slave 3", "slave needs a modbus-rtu bus"),
    ("modbus-rtu baud=0", "baud rate 0"),
    ("bogus", "unknown directive"),
])
def test_the_simulator_refuses_a_bad_configuration(sim_path, line, says):
    result = subprocess.run([sim_path, line], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 64
    assert says in result.stderr


def test_the_simulator_stops_at_end_of_input(sim_path):
    process = subprocess.Popen([sim_path, "modbus-rtu", "slave 1", "holding 0 uint16 value=1"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline().split()
        assert first[0] == "modbus-rtu" and os.path.exists(first[1])
        process.stdin.close()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
        process.stdout.close()
        process.stderr.close()


def test_usage_errors_and_help(cmmgate):
    assert cmmgate("probe").returncode == 64
    assert cmmgate("probe", "modbus", "--port", "/dev/null", "--slave", "1").returncode == 64  # no --read
    bad = cmmgate("probe", "modbus", "--port", "/dev/null", "--slave", "1", "--read", "holding:0:3", "--as", "float32")
    assert bad.returncode == 64 and "not a multiple of 2" in bad.stderr
    order = cmmgate("probe", "modbus", "--port", "/dev/null", "--slave", "1", "--read", "holding:0:2", "--as", "float32:XYZW")
    assert order.returncode == 64 and "word order" in order.stderr
    both = cmmgate("probe", "modbus", "--port", "/dev/null", "--tcp", "127.0.0.1:502", "--slave", "1", "--read", "holding:0:1")
    assert both.returncode == 64
    direction = cmmgate("probe", "modbus", "--port", "/dev/null", "--direction", "gpio:x", "--slave", "1", "--read", "coil:0:1")
    assert direction.returncode == 64 and "gpio:CHIP:LINE" in direction.stderr
    not_tty = cmmgate("probe", "modbus", "--port", "/dev/null", "--slave", "1", "--read", "coil:0:1")
    assert not_tty.returncode == 70 and "/dev/null" in not_tty.stderr and "not a terminal" in not_tty.stderr
    assert "probe modbus" in cmmgate("help", "probe").stdout
    assert "scan modbus" in cmmgate("help", "scan").stdout


def test_direction_modes_a_pty_cannot_do_are_refused_naming_the_port(cmmgate, sim_path):
    with start_sim(sim_path, "modbus-rtu", "slave 1", "holding 0 uint16 value=1") as (_, lines):
        port = buses(lines)["modbus-rtu"]
        for mode, says in [("kernel", "no kernel RS-485 mode"), ("rts", "no RTS modem line")]:
            result = cmmgate("probe", "modbus", "--port", port, "--direction", mode, "--slave", "1", "--read", "holding:0:1")
            assert result.returncode == 70, (mode, result.stderr)
            assert port in result.stderr and says in result.stderr, (mode, result.stderr)
        gpio = cmmgate("probe", "modbus", "--port", port, "--direction", "gpio:/dev/gpiochip-missing:3",
                       "--slave", "1", "--read", "holding:0:1")
        assert gpio.returncode == 70 and "GPIO /dev/gpiochip-missing line 3" in gpio.stderr, gpio.stderr
        fine = cmmgate("probe", "modbus", "--port", port, "--direction", "none", "--slave", "1", "--read", "holding:0:1")
        assert fine.returncode == 0 and fine.stdout == "1\n", fine.stderr
