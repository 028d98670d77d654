"""`cmmgate run` keeps the watchdog only while every loop makes progress: kicks to a FIFO standing in
for /dev/watchdog and WATCHDOG=1 datagrams to a fake systemd notify socket flow while the daemon is
healthy, the orderly stop closes the device with the magic character, and a hung bus poller (the
CMMGATE_TEST_HANG_POLLER failpoint) stops every kick while the daemon itself keeps running."""
import os
import pathlib
import select
import signal
import socket
import subprocess
import threading
import time

from test_run_e2e import run_daemon, sim_ports, site_config
from test_sim_faults import sim_path, start_sim  # noqa: F401 (sim_path is a fixture)


class StderrLines:
    """Collects a process's stderr lines on a thread, so a test can wait for one."""

    def __init__(self, process):
        self.lines = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process):
        for line in process.stderr:
            self.lines.append(line)

    def wait_for(self, text, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            time.sleep(0.1)
        raise AssertionError(f"no stderr line with {text!r}: {self.lines}")


def drain_fifo(reader):
    data = b""
    while select.select([reader], [], [], 0)[0]:
        chunk = os.read(reader, 4096)
        if not chunk:
            break
        data += chunk
    return data


def test_the_watchdog_is_kicked_while_running_and_closed_with_the_magic_character(cmmgate, sim_path, tmp_path):
    fifo = tmp_path / "watchdog"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    config = site_config(tmp_path, watchdog="device", watchdog_device=str(fifo), watchdog_timeout_s="2",
                         watchdog_magic_close="yes")
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), tmp_path / "journal", "--seconds", "5")
            _, err = daemon.communicate(timeout=60)
        assert daemon.returncode == 0, err
        written = drain_fifo(reader)
    finally:
        os.close(reader)
    assert written.count(b"\0") >= 2, (written, err)
    assert written.endswith(b"V"), written


def test_a_hung_poller_stops_the_kicks_to_the_watchdog_device(cmmgate, sim_path, tmp_path):
    fifo = tmp_path / "watchdog"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    config = site_config(tmp_path, watchdog="device", watchdog_device=str(fifo), watchdog_timeout_s="2",
                         watchdog_magic_close="yes")
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), tmp_path / "journal",
                                env=dict(os.environ, CMMGATE_TEST_HANG_POLLER="field"))
            try:
                log = StderrLines(daemon)
                log.wait_for("withholding kicks")
                before = drain_fifo(reader)
                time.sleep(3)  # three kick intervals (1 s at a 2 s timeout): no kick may come
                after = drain_fifo(reader)
                assert daemon.poll() is None, "the daemon itself must keep running"
            finally:
                daemon.kill()
                daemon.wait(timeout=10)
    finally:
        os.close(reader)
    assert before.count(b"\0") >= 1, "the daemon kicked while the poller was still within its budget"
    assert after == b"", f"kicked after withholding: {after!r}"
    assert b"V" not in before, "the magic close disarms the hardware: never on a hang"
    assert any("loops overdue: bus field" in line for line in log.lines), log.lines


def test_systemd_gets_ready_and_watchdog_datagrams_until_a_poller_hangs(cmmgate, sim_path, tmp_path):
    address = str(tmp_path / "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(address)
    notify.setblocking(False)
    config = site_config(tmp_path, watchdog="systemd", watchdog_timeout_s="2")
    env = dict(os.environ, NOTIFY_SOCKET=address, WATCHDOG_USEC="2000000", CMMGATE_TEST_HANG_POLLER="field")

    def received():
        messages = []
        while True:
            try:
                messages.append(notify.recv(4096).decode())
            except BlockingIOError:
                return messages

    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), tmp_path / "journal", env=env)
            try:
                log = StderrLines(daemon)
                log.wait_for("withholding kicks")
                before = received()
                time.sleep(3)
                after = received()
                assert daemon.poll() is None
            finally:
                daemon.kill()
                daemon.wait(timeout=10)
    finally:
        notify.close()
    assert "READY=1" in before
    assert "WATCHDOG=1" in before, before
    assert "WATCHDOG=1" not in after, after
    assert any("watchdog: systemd" in line for line in log.lines), log.lines
