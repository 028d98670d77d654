"""The whole chain on one machine: cmmgate-sim meters on ptys -> cmmgate run -> HJ 212 -> cmmgate-relay
-> SQLite. The relay goes away and comes back (the link is cut), the agent is killed with SIGKILL while
it back-fills and restarted; afterwards the relay holds every second the agent delivered exactly once,
none it did not journal, and its report accounts for the day."""
import signal
import socket
import subprocess
import time

from test_relay_serve import MN, Relay, relay_binary  # noqa: F401 (relay_binary is a fixture)
from test_run_e2e import export, realtime, run_daemon, sim_ports, site_config
from test_sim_faults import sim_path, start_sim  # noqa: F401 (sim_path is a fixture)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chain_config(tmp_path, port):
    config = site_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "[uplink relay]\nhost = 127.0.0.1\nport = 9212\n",
        f"[uplink relay]\nhost = 127.0.0.1\nport = {port}\novertime_s = 1\nrecount = 2\nbacklog_rate = 2\n")
    config.write_text(text, encoding="utf-8")
    return config


def stored_seconds(relay):
    return [row[0] for row in relay.query("SELECT DISTINCT data_time FROM realtime WHERE mn = ? ORDER BY data_time", MN)]


def wait_until(predicate, timeout=60, what="a condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def has_hole(seconds):
    return len(seconds) >= 2 and len(seconds) < seconds[-1] - seconds[0] + 1


def test_every_delivered_second_is_stored_exactly_once_through_a_cut_link_and_a_killed_agent(
        cmmgate, sim_path, relay_binary, tmp_path):
    port = free_port()
    relay = Relay(relay_binary, tmp_path, listen=f"127.0.0.1:{port}")
    config = chain_config(tmp_path, port)
    journal = tmp_path / "journal"
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            ports = sim_ports(lines)
            agent = run_daemon(cmmgate, config, ports, journal)
            wait_until(lambda: len(stored_seconds(relay)) >= 3, what="three seconds at the relay")
            relay.stop()                                   # the link is cut: connections refused
            time.sleep(4)
            relay = Relay(relay_binary, tmp_path, listen=f"127.0.0.1:{port}")
            # Back-fill under way: live seconds arrive first, the hole of the cut fills at 2/s.
            wait_until(lambda: has_hole(stored_seconds(relay)), what="live data beside an unfilled hole")
            agent.send_signal(signal.SIGKILL)
            agent.communicate(timeout=10)
            killed_with_hole = has_hole(stored_seconds(relay))
            agent = run_daemon(cmmgate, config, ports, journal)
            wait_until(lambda: not has_hole(stored_seconds(relay)), timeout=90, what="the hole to be back-filled")
            time.sleep(2)
            agent.terminate()
            _, err = agent.communicate(timeout=30)
        assert killed_with_hole, "the agent was not killed in the middle of a back-fill"
        assert agent.returncode == 0, err
        records = export(cmmgate, journal, config)
        seconds = [r["timestamp"] for r in realtime(records)]
        stored = stored_seconds(relay)
        assert len(stored) == len(set(stored))
        assert set(stored) <= set(seconds), "the relay holds a second the agent never journaled"
        # Only a tail can be missing: the seconds made while the agent stopped (journaled, not yet
        # delivered: they go at its next start). Never a hole.
        missing = sorted(set(seconds) - set(stored))
        assert all(second > max(stored) for second in missing) and len(missing) <= 5, missing
        # The basic information table arrived (CN 3020) with every instrument's registry data.
        # It is longer than one packet: PNUM/PNO parts, each stored once.
        parts = relay.query("SELECT pno, pnum, segment FROM frames WHERE mn = ? AND cn = 3020 ORDER BY pno", MN)
        assert parts and [pno for pno, _, _ in parts] == list(range(1, (parts[0][1] or 1) + 1)), \
            "journaled once (unchanged on restart), every part delivered once"
        table = "".join(segment for _, _, segment in parts)
        for meter in ("ox1-flow-computer", "pump-outlet", "generator-kwh", "heat"):
            assert f"InfoType=meter,Meter={meter}," in table
        assert "SerialNo=HM50-0099" in table and "CalibrationDue=20260110" in table
        # One row per factor and second: nothing stored twice.
        per_second = relay.query("SELECT data_time, COUNT(*) FROM realtime WHERE mn = ? GROUP BY data_time", MN)
        assert {count for _, count in per_second} == {9}
        day = time.strftime("%Y-%m-%d", time.gmtime(seconds[0] + 8 * 3600))
        report = subprocess.run([relay_binary, "report", "--db", str(relay.db), "--site", MN, "--day", day],
                                capture_output=True, text=True, timeout=60)
        assert report.returncode == 0, report.stderr
        assert "tCO2e" in report.stdout
        assert "site information (CN 3020, uploaded" in report.stdout
        assert "  meter heat: Maker Example Thermal; Model HM-50; SerialNo HM50-0099" in report.stdout, report.stdout
    finally:
        relay.stop()


def test_the_2025_profile_with_sm4_reaches_the_relay_decrypted(cmmgate, sim_path, relay_binary, tmp_path):
    """Both ends hold the site's SM4 key: the agent encrypts the CP area of its 2011/2051/2072
    uploads (HJ 212-2025 §6.4), the relay decrypts and stores the same values."""
    key = tmp_path / "site.sm4"
    key.write_text("30303030303030303030303030303030\n")  # HJ 212-2025 App. A.2's test key
    key.chmod(0o600)
    port = free_port()
    relay = Relay(relay_binary, tmp_path, listen=f"127.0.0.1:{port}")
    relay.stop()
    text = relay.config.read_text().replace("profile = 2017", f"profile = 2025\nsm4_key_file = {key}")
    relay.config.write_text(text)
    relay.process = subprocess.Popen([relay_binary, "serve", "--config", str(relay.config)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "listening on" in relay.process.stdout.readline()
    config = chain_config(tmp_path, port)
    config.write_text(config.read_text(encoding="utf-8").replace("profile = 2017\n", "").replace(
        f"port = {port}\n", f"port = {port}\nprofile = 2025\nsm4_key_file = {key}\n"), encoding="utf-8")
    journal = tmp_path / "journal"
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            agent = run_daemon(cmmgate, config, sim_ports(lines), journal, "--seconds", "6")
            _, err = agent.communicate(timeout=60)
        assert agent.returncode == 0, err
        wait_until(lambda: len(stored_seconds(relay)) >= 4, what="seconds at the relay")
        frames = relay.query("SELECT segment, flag FROM frames WHERE mn = ? AND cn = 2011", MN)
        assert frames and all(flag & 0b11111100 == 8 for _, flag in frames), "2025 version bits"
        raw = relay.query("SELECT raw FROM frames WHERE mn = ? AND cn = 2011 LIMIT 1", MN)[0][0]
        raw = raw.decode() if isinstance(raw, bytes) else raw
        assert "CP=&&{0x" in raw, "the CP area travelled encrypted"
        records = export(cmmgate, journal, config)
        first = realtime(records)[0]
        flow = next(v["value"] for v in first["values"] if v["name"] == "ox1-inlet-flow")
        stored = relay.query("SELECT value FROM realtime WHERE mn = ? AND data_time = ? AND factor = 'g01-flow'",
                             MN, first["timestamp"])
        assert stored and abs(stored[0][0] - flow) < 0.001
    finally:
        relay.stop()


def test_dropped_and_stalled_links_between_agent_and_relay_lose_nothing(cmmgate, sim_path, relay_binary, tmp_path):
    """A proxy between the agent and the relay drops every connection, then stalls (open, nothing
    forwarded, no RST), then refuses connections; after each the agent recovers and the relay ends up
    with every journaled second exactly once (but the tail made while the agent stopped)."""
    from tcp_proxy import Proxy
    relay = Relay(relay_binary, tmp_path)
    proxy = Proxy(relay.port)
    config = chain_config(tmp_path, proxy.port)
    journal = tmp_path / "journal"
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            agent = run_daemon(cmmgate, config, sim_ports(lines), journal)
            try:
                def stored_grows(count):
                    wait_until(lambda: len(stored_seconds(relay)) >= count, what=f"{count} seconds at the relay")
                stored_grows(3)
                proxy.drop()
                stored_grows(len(stored_seconds(relay)) + 3)
                proxy.stall = True
                wait_until(lambda: proxy.accepted >= 3, what="the agent to give the stalled link up and reconnect")
                proxy.stall = False
                proxy.refuse = True
                time.sleep(3)
                proxy.refuse = False
                before = len(stored_seconds(relay))
                stored_grows(before + 3)
                wait_until(lambda: not has_hole(stored_seconds(relay)), timeout=60, what="the back-fill")
            finally:
                agent.terminate()
                _, err = agent.communicate(timeout=30)
        assert agent.returncode == 0, err
        seconds = [r["timestamp"] for r in realtime(export(cmmgate, journal, config))]
        stored = stored_seconds(relay)
        assert len(stored) == len(set(stored)) and set(stored) <= set(seconds)
        missing = sorted(set(seconds) - set(stored))
        assert all(second > max(stored) for second in missing) and len(missing) <= 5, missing
    finally:
        proxy.close()
        relay.stop()
