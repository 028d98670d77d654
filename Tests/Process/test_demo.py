"""`make demo`'s script runs end to end on the simulator: a README command must not rot."""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_demo_reads_the_simulated_meters_and_decodes_frames():
    result = subprocess.run([str(ROOT / "Scripts" / "demo")], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 ok" in out                      # scan found the flow computer
    assert "\n32.5\n3.2\n" in out             # temperature and pressure as configured
    assert "kWh" in out.split("forward active energy:")[1].split("==")[0]
    assert out.count("[valid]") == 3
