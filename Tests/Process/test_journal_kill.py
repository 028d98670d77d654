"""The journal in a real process killed with SIGKILL at random moments (seeded): every record the
writer reported as synced survives, intact and with the sequence number it was reported under;
sequence numbers strictly increase without gaps; verify() finds nothing wrong.

CMMGATE_KILL_SEED reproduces a run; CMMGATE_KILL_RUNS changes the number of kills (default 40)."""
import os
import random
import select
import signal
import subprocess
import time

from journal_writer import expected_payload, expected_type, parse_dump, run_writer, writer_path

SEED = int(os.environ.get("CMMGATE_KILL_SEED", "20261125"))
RUNS = int(os.environ.get("CMMGATE_KILL_RUNS", "40"))
DEADLINE_SECONDS = 30  # per run, for the first report to arrive; generous, never a measured duration


def read_until_first_report(process):
    """Bytes of stdout up to and including the first complete line (b"" if the writer exits first)."""
    data = b""
    give_up = time.monotonic() + DEADLINE_SECONDS
    while b"\n" not in data and time.monotonic() < give_up:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                break
            data += chunk
    return data


def kill_one_run(writer, path, run, rng):
    """Starts the writer, SIGKILLs it a random moment after its first commit, returns its reports."""
    process = subprocess.Popen(
        [writer, "append", path, "--run", str(run), "--records", "3000",
         "--interval-ms", str(rng.choice([1, 5, 10, 20])), "--pause-us", str(rng.choice([50, 200, 500]))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        data = read_until_first_report(process)
        time.sleep(rng.uniform(0.0, 0.06))
        process.send_signal(signal.SIGKILL)
        rest, errors = process.communicate(timeout=DEADLINE_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode in (-signal.SIGKILL, 0), f"run {run}: writer failed: {errors.decode()}"
    reports = []
    for line in (data + rest).decode().split("\n")[:-1]:  # a line without its newline is not a report
        _, sequence, reported_run, count = line.split()
        assert int(reported_run) == run
        reports.append((int(sequence), int(count)))
    return process.returncode, reports


def check_journal(cmmgate, path, synced, seed):
    """The journal after a kill holds every synced record intact, numbered as reported."""
    dump = run_writer(cmmgate, "dump", path)
    assert dump.returncode == 0, f"seed {seed}: dump failed: {dump.stderr}"
    summary, problems, records = parse_dump(dump.stdout)
    assert problems == [] and summary["problems"] == "0", f"seed {seed}: verify found {problems}"
    sequences = [record[0] for record in records]
    assert sequences == list(range(1, len(records) + 1)), f"seed {seed}: sequences not 1…n without gaps"
    by_sequence = {}
    present = {}
    for sequence, kind, _, payload in records:
        run, index = int.from_bytes(payload[0:4], "little"), int.from_bytes(payload[4:8], "little")
        assert payload == expected_payload(run, index), f"seed {seed}: record {sequence} damaged"
        assert kind == expected_type(index), f"seed {seed}: record {sequence} has type {kind:#x}"
        assert index == present.get(run, 0), f"seed {seed}: run {run} record {index} out of order"
        present[run] = index + 1
        by_sequence[sequence] = (run, index)
    for run, reports in synced.items():
        for sequence, count in reports:
            assert by_sequence.get(sequence) == (run, count - 1), \
                f"seed {seed}: run {run} reported {sequence} synced as record {count - 1}; found {by_sequence.get(sequence)}"
        if reports:
            assert present.get(run, 0) >= reports[-1][1], f"seed {seed}: run {run} lost synced records"
    return records


def test_every_synced_record_survives_sigkill(cmmgate, tmp_path):
    rng = random.Random(SEED)
    writer = writer_path(cmmgate)
    path = str(tmp_path / "killed.journal")
    created = run_writer(cmmgate, "create", path, "--blocks", "32")  # 2 MiB of 64 KiB segments: never wraps
    assert created.returncode == 0, created.stderr
    synced = {}
    killed_after_reports = 0
    try:
        for run in range(1, RUNS + 1):
            status, reports = kill_one_run(writer, path, run, rng)
            synced[run] = reports
            if status == -signal.SIGKILL and reports:
                killed_after_reports += 1
            records = check_journal(cmmgate, path, synced, SEED)
        # The kills landed while the writer was committing, not before it started or after it ended.
        assert killed_after_reports >= RUNS // 2, f"seed {SEED}: only {killed_after_reports} runs killed mid-write"
        assert records, "nothing was written"
        print(f"seed {SEED}: {RUNS} runs, {killed_after_reports} killed mid-write, {len(records)} records")
    finally:
        os.unlink(path)
