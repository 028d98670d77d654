"""Writes fuzz seed corpora from the golden vectors in ../shared/vectors, one file per frame,
so every fuzz run starts from valid frames of its protocol (coverage comes much faster).

Usage: fuzz_seeds.py OUT_DIR   (creates OUT_DIR/ModbusFuzz, OUT_DIR/DLT645Fuzz, OUT_DIR/HJ212Fuzz)
"""
import csv
import pathlib
import sys

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "vectors"


def rows(name):
    with open(VECTORS / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def hj212_frame(segment, crc):
    data = segment.encode()
    return b"##%04d" % len(data) + data + crc.encode() + b"\r\n"


def main():
    out = pathlib.Path(sys.argv[1])
    seeds = {
        "ModbusFuzz": [bytes.fromhex(r["hex"]) for r in rows("modbus-rtu.tsv")],
        "DLT645Fuzz": [bytes.fromhex(r["hex"]) for r in rows("dlt645-2007.tsv")],
        "HJ212Fuzz": [hj212_frame(r["segment"], r["crc"]) for r in rows("hj212-crc.tsv")]
        + [hj212_frame(r["segment_as_transmitted"], r["crc_over_plaintext"]) for r in rows("hj212-2025-sm4.tsv")],
    }
    for target, frames in seeds.items():
        directory = out / target
        directory.mkdir(parents=True, exist_ok=True)
        for index, frame in enumerate(frames):
            (directory / f"vector-{index:03d}").write_bytes(frame)


if __name__ == "__main__":
    main()
