"""`cmmgate run` delivers its records over HJ 212 to an independent platform (hj212_platform.py,
written from the standard): a 2011 real-time upload per second with every parameter's -Rtd and
-Flag, CRC and framing the platform accepts, each sent with Flag A and counted delivered only on the
9014 with its QN; when the platform stops acknowledging or drops the link, the agent resends and
reconnects, and in the end the platform holds every journaled second exactly once."""
import time

from hj212_platform import Platform, cp_items
from test_run_e2e import export, realtime, run_daemon, sim_ports, site_config
from test_sim_faults import sim_path, start_sim  # noqa: F401 (sim_path is a fixture)

FACTORS = {"g01-flow", "g01-ch4", "g01-temp", "g01-press", "g01-run", "p01-flow", "p01-ch4", "e01-gen", "h01-heat"}


def uplink_config(tmp_path, port):
    config = site_config(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        "[uplink relay]\nhost = 127.0.0.1\nport = 9212\n",
        f"[uplink relay]\nhost = 127.0.0.1\nport = {port}\novertime_s = 1\nrecount = 2\nbacklog_rate = 200\n")
    assert f"port = {port}" in text
    config.write_text(text, encoding="utf-8")
    return config


def datatimes(platform):
    return [cp_items(upload["CP"])["DataTime"] for upload in platform.uploads("2011")]


def test_every_second_reaches_the_platform_once_through_drops_and_missing_acks(cmmgate, sim_path, tmp_path):
    platform = Platform()
    config = uplink_config(tmp_path, platform.port)
    journal = tmp_path / "journal"
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), journal)
            try:
                platform.wait_for(lambda p: len(p.uploads("2011")) >= 3, what="three real-time uploads")
                first = platform.uploads("2011")[0]
                assert first["MN"] == "010000A8900016F000169DC0" and first["ST"] == "31" and first["PW"] == "123456"
                assert int(first["Flag"]) & 1 == 1, "uploads ask for an acknowledgement"
                items = cp_items(first["CP"])
                assert {key.rsplit("-", 1)[0] for key in items if key != "DataTime"} == FACTORS
                assert all(items[f"{factor}-Flag"] in "NBTDF" for factor in FACTORS)
                # No acknowledgement for a while: the agent resends the same QN, then gives the link up.
                platform.ack = False
                time.sleep(4)
                platform.ack = True
                # The link drops: the agent reconnects and sends what was not acknowledged.
                platform.drop()
                time.sleep(3)
                connections = len(platform.connections)
            finally:
                daemon.terminate()
                _, err = daemon.communicate(timeout=30)
        assert daemon.returncode == 0, err
        assert connections >= 2, "the agent did not reconnect after the drop"
        records = export(cmmgate, journal, config)
        journaled = [r["timestamp"] for r in realtime(records)]
        # Every journaled second was uploaded (resends allowed), and each at least once.
        received = datatimes(platform)
        assert platform.errors == [], platform.errors[:3]
        wanted = {time.strftime("%Y%m%d%H%M%S", time.gmtime(second + 8 * 3600)) for second in journaled}
        # At most the seconds made while the agent was being stopped may be undelivered (they stay
        # in the journal for the next start).
        assert wanted - set(received) <= set(sorted(wanted)[-2:]), sorted(wanted - set(received))[:5]
        assert len(received) > len(set(received)), "without acknowledgements the agent must have resent"
        # Resends carry the QN of the first try: distinct (QN, DataTime) pairs map one to one.
        pairs = {(u["QN"], cp_items(u["CP"])["DataTime"]) for u in platform.uploads("2011")}
        assert len({qn for qn, _ in pairs}) == len(pairs)
        stats = cmmgate("journal", "stats", str(journal))
        assert "hj212-relay" in stats.stdout, stats.stdout
    finally:
        platform.close()


def test_a_platform_that_stalls_without_rst_is_given_up_and_everything_is_delivered_after(cmmgate, sim_path, tmp_path):
    platform = Platform()
    config = uplink_config(tmp_path, platform.port)
    journal = tmp_path / "journal"
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), journal)
            try:
                platform.wait_for(lambda p: len(p.uploads("2011")) >= 2, what="two real-time uploads")
                platform.stall = True      # the connection stays open; nothing is read or answered
                # Without acknowledgements (OverTime 1 s × ReCount 2) the agent gives the link up
                # and connects again.
                platform.wait_for(lambda p: len(p.connections) >= 2, what="a new connection")
                platform.stall = False
                count = len(platform.uploads("2011"))
                platform.wait_for(lambda p: len(p.uploads("2011")) >= count + 5, what="uploads after the stall")
            finally:
                daemon.terminate()
                _, err = daemon.communicate(timeout=30)
        assert daemon.returncode == 0, err
        assert len(platform.connections) >= 2, f"the agent did not give the stalled link up and reconnect: {err}"
        journaled = [r["timestamp"] for r in realtime(export(cmmgate, journal, config))]
        wanted = {time.strftime("%Y%m%d%H%M%S", time.gmtime(second + 8 * 3600)) for second in journaled}
        received = set(datatimes(platform))
        # At most the seconds made while the agent was being stopped may be undelivered.
        tail = set(sorted(wanted)[-2:])
        assert wanted - received <= tail, sorted(wanted - received)
    finally:
        platform.close()


def test_a_password_the_platform_sets_is_used_at_once_and_after_a_restart(cmmgate, sim_path, tmp_path):
    platform = Platform()
    config = uplink_config(tmp_path, platform.port)
    journal = tmp_path / "journal"
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            ports = sim_ports(lines)
            daemon = run_daemon(cmmgate, config, ports, journal)
            try:
                platform.wait_for(lambda p: len(p.uploads("2011")) >= 1, what="a real-time upload")
                platform.send("QN=20261202120000001;ST=32;CN=1072;PW=123456;MN=010000A8900016F000169DC0;"
                              "Flag=5;CP=&&NewPW=654321&&")
                platform.wait_for(lambda p: any(u["PW"] == "654321" for u in p.uploads("2011")),
                                  what="uploads with the new password")
                replies = platform.uploads("9012")
                assert replies and "ExeRtn=1" in replies[-1]["CP"], replies
            finally:
                daemon.terminate()
                daemon.communicate(timeout=30)
            count = len(platform.uploads("2011"))
            again = run_daemon(cmmgate, config, ports, journal, "--seconds", "4")
            _, err = again.communicate(timeout=60)
        assert again.returncode == 0, err
        after = platform.uploads("2011")[count:]
        assert after and all(u["PW"] == "654321" for u in after), [u["PW"] for u in after]
        assert (tmp_path / "journal.uplink-relay").read_text().count("password=654321") == 1
    finally:
        platform.close()


def test_a_history_pull_is_answered_9011_then_9012_from_the_journal(cmmgate, sim_path, tmp_path):
    """A 2051 (minute history) pull for an hour that holds no minute answers QnRtn=1, then ExeRtn=100
    (no data), each carrying the request's QN; the agent keeps uploading meanwhile."""
    platform = Platform()
    config = uplink_config(tmp_path, platform.port)
    try:
        with start_sim(sim_path, "--example-site") as (_, lines):
            daemon = run_daemon(cmmgate, config, sim_ports(lines), tmp_path / "journal")
            try:
                platform.wait_for(lambda p: len(p.uploads("2011")) >= 1, what="a real-time upload")
                qn = "20261202120000123"
                platform.send(f"QN={qn};ST=32;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
                              "CP=&&BeginTime=20200101000000;EndTime=20200101010000&&")
                platform.wait_for(lambda p: any(u["QN"] == qn for u in p.uploads("9012")), what="the 9012")
                count = len(platform.uploads("2011"))
                platform.wait_for(lambda p: len(p.uploads("2011")) > count, what="uploads after the pull")
            finally:
                daemon.terminate()
                daemon.communicate(timeout=30)
        replies = [u for u in platform.received_fields() if u.get("QN") == qn]
        assert [u["CN"] for u in replies] == ["9011", "9012"], replies
        assert "QnRtn=1" in replies[0]["CP"] and "ExeRtn=100" in replies[1]["CP"]
        assert platform.uploads("2051") == []
    finally:
        platform.close()
