"""Helpers for the journal process tests: the cmmgate-journal-writer binary (built next to cmmgate)
and the payloads it writes, recomputed here so a test can tell an intact record from a damaged one."""
import pathlib
import subprocess

MASK = (1 << 64) - 1


def writer_path(cmmgate):
    """The writer binary in the same build directory as the cmmgate under test."""
    path = pathlib.Path(cmmgate.path).parent / "cmmgate-journal-writer"
    assert path.is_file(), f"cmmgate-journal-writer not built at {path}"
    return str(path)


def run_writer(cmmgate, *args, timeout=60):
    return subprocess.run([writer_path(cmmgate), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def _mix(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def expected_payload(run, index):
    """WriterPayload.bytes(run:index:) of Sources/cmmgate-journal-writer/WriterPayload.swift."""
    state = (run << 32) | index
    data = run.to_bytes(4, "little") + index.to_bytes(4, "little")
    state, value = _mix(state)
    for _ in range(value % 72):
        state, value = _mix(state)
        data += bytes([value & 0xFF])
    return data


def expected_type(index):
    """WriterPayload.type: 0x20-0x22, clear of the agent's record types."""
    return 0x20 + index % 3


def configuration_tag(names):
    """RealtimeRecordCodec.configurationTag(names:): FNV-1a over the UTF-8 names joined by NUL."""
    value = 0x811C9DC5
    for byte in b"\0".join(name.encode() for name in names):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def sample_value(position):
    """AgentSample.value: position 1 is missing (flag B), the others 12.5 x (p + 1) + 0.125 (flag N)."""
    return None if position == 1 else 12.5 * (position + 1) + 0.125


def parse_dump(text):
    """(verify line fields, problems, records as (sequence, type, timestamp, payload bytes)) of `dump`."""
    lines = text.splitlines()
    assert lines and lines[0].startswith("verify "), text[:200]
    summary = dict(field.split("=") for field in lines[0].split()[1:])
    problems = [line for line in lines[1:] if line.startswith("problem ")]
    records = []
    for line in lines[1:]:
        if line.startswith("record "):
            _, sequence, kind, timestamp, payload = (line.split() + [""])[:5]
            records.append((int(sequence), int(kind), int(timestamp), bytes.fromhex(payload)))
    return summary, problems, records
