"""`make demo`'s script runs the whole chain on the simulator: a README command must not rot. Meters
on ptys, cmmgate run, the HJ 212 uplink to cmmgate-relay on loopback, a cut link, a SIGKILL and a
restart, then the relay's report: nearly every second present, the events, and the tCO2e."""
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_demo_runs_the_chain_and_the_relay_report_accounts_for_the_run():
    result = subprocess.run([str(ROOT / "Scripts" / "demo")], cwd=ROOT, capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    out = result.stdout
    assert ": valid: site 'Example coal mine" in out
    assert "[link down]" in out and "[back-filling]" in out
    holds = [int(n) for n in re.findall(r"relay holds (\d+) s", out)]
    assert holds == sorted(holds) and holds[-1] >= 40, holds
    report = out.split("$ cmmgate-relay report")[1]
    expected, present = map(int, re.search(r"(\d+) samples expected, (\d+) with a record", report).groups())
    # The SIGKILL's restart and the final stop may each cost a second; the cut link costs none.
    assert expected - present <= 3, report[:400]
    for event in ("kind=started", "kind=configurationLoaded", "kind=calibrationOverdue;meter=heat"):
        assert event in report, event
    assert re.search(r"total: [\d.]+ kg CH4 destroyed = [\d.]+ tCO2e", report)
    assert "lastRecordSecond=" in report  # the restart after SIGKILL resumed from the journal
