"""`make demo`'s script runs end to end on the simulator: a README command must not rot. It runs the
daemon on the simulated example site with a silent meter and a value over range scripted, and shows
what the journal holds: events, flagged real-time records, and a closed minute of statistics and
accounting."""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_demo_runs_the_daemon_on_the_simulated_site_and_shows_the_journal():
    result = subprocess.run([str(ROOT / "Scripts" / "demo")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ": valid: site 'Example coal mine" in out
    assert "stopped (--seconds 65 elapsed)" in out
    for event in ("kind=started", "kind=configurationLoaded", "kind=calibrationOverdue;meter=heat",
                  "kind=meterOffline;name=pump-outlet", "kind=meterOnline;name=pump-outlet", "kind=stopped"):
        assert event in out, event
    flagged = out.split("with a flag other than N")[1].split("-- closed minutes")[0]
    assert "pump-outlet-flow=- B;" in flagged and "ox1-inlet-ch4=9.5 T;" in flagged
    closed = out.split("-- closed minutes")[1]
    assert "statistics: minute" in closed and "accounting: minute" in closed and "tCO2e" in closed
