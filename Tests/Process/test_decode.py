"""`cmmgate decode` as a process: golden vectors, broken frames, stdin, SM4 keys, and frames
built by independent implementations (pymodbus, dlt645) that must decode as valid."""
import random

from conftest import vector_rows

TEST_KEY = "30303030303030303030303030303030"  # HJ 212-2025 App. A.2 test key


def hj212_packet(segment, crc, length=None):
    return "##%04d" % (len(segment.encode()) if length is None else length) + segment + crc


def test_every_binary_vector_decodes_as_valid(cmmgate):
    frames = [r["hex"] for r in vector_rows("modbus-rtu.tsv") + vector_rows("dlt645-2007.tsv")]
    result = cmmgate("decode", *frames)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("[valid]") == len(frames)
    assert "Modbus RTU" in result.stdout and "DL/T 645-2007" in result.stdout
    assert "12345.67 kWh" in result.stdout and "220.1 V" in result.stdout


def test_every_hj212_crc_vector_decodes_as_valid_from_stdin(cmmgate):
    rows = [r for r in vector_rows("hj212-crc.tsv") if r["segment"].startswith("QN=")]
    lines = "".join(hj212_packet(r["segment"], r["crc"]) + "\r\n" for r in rows)
    result = cmmgate("decode", stdin=lines)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("[valid]") == len(rows)
    for r in rows:
        assert f"{r['crc']}  (matches)" in result.stdout


def test_bad_crc_is_invalid_and_shows_the_expected_value(cmmgate):
    row = vector_rows("hj212-crc.tsv")[0]
    wrong = "0000" if row["crc"] != "0000" else "1111"
    result = cmmgate("decode", hj212_packet(row["segment"], wrong))
    assert result.returncode == 1
    assert "[INVALID]" in result.stdout
    assert f"expected {row['crc']}" in result.stdout


def test_bad_modbus_crc_names_the_expected_wire_bytes(cmmgate):
    result = cmmgate("decode", "01 03 00 00 00 0A C5 CE")
    assert result.returncode == 1
    assert "expected C5 CD" in result.stdout


def test_bad_dlt645_checksum_names_the_expected_value(cmmgate):
    result = cmmgate("decode", "68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 89 16")
    assert result.returncode == 1
    assert "DL/T 645-2007" in result.stdout
    assert "88" in result.stdout.split("problem:")[1]


def test_one_bad_frame_among_good_ones_fails_the_run(cmmgate):
    result = cmmgate("decode", stdin="01 03 00 00 00 0A C5 CD\n\nnot a frame\n01 03 00 00 00 02 C4 0B\n")
    assert result.returncode == 1
    assert result.stdout.count("[valid]") == 2
    assert "frame 2: unknown" in result.stdout
    assert "not a hex digit" in result.stdout


def test_no_frames_is_an_error(cmmgate):
    result = cmmgate("decode", stdin="\n\n")
    assert result.returncode == 1
    assert "no frames given" in result.stderr


def test_encrypted_2025_frame_needs_the_key_and_decrypts_with_it(cmmgate, tmp_path):
    row = vector_rows("hj212-2025-sm4.tsv")[0]
    packet = hj212_packet(row["segment_as_transmitted"], row["crc_over_plaintext"],
                          length=len(row["plaintext_segment"]))
    without = cmmgate("decode", packet)
    assert without.returncode == 1
    assert "no key was given" in without.stdout
    key = tmp_path / "sm4.key"
    key.write_text(TEST_KEY + "\n")
    with_key = cmmgate("decode", "--sm4-key-file", str(key), packet)
    assert with_key.returncode == 0, with_key.stdout
    assert "a01014-Avg   3.211" in with_key.stdout
    assert "2200  (matches)" in with_key.stdout


def test_a_wrong_key_file_is_refused_with_its_reason(cmmgate, tmp_path):
    key = tmp_path / "short.key"
    key.write_text("3030")
    result = cmmgate("decode", "--sm4-key-file", str(key), "01 03 00 00 00 0A C5 CD")
    assert result.returncode == 70
    assert "16 raw bytes or 32 hex digits" in result.stderr
    missing = cmmgate("decode", "--sm4-key-file", str(tmp_path / "none"), "01")
    assert missing.returncode == 70
    assert "cannot open" in missing.stderr


def pymodbus_frames(rng):
    """Requests and replies of FC 01-04 and exceptions, framed by pymodbus for RTU and TCP."""
    from pymodbus.framer import FramerRTU, FramerSocket
    from pymodbus.pdu import DecodePDU, ExceptionResponse
    from pymodbus.pdu.bit_message import (ReadCoilsRequest, ReadCoilsResponse,
                                          ReadDiscreteInputsRequest, ReadDiscreteInputsResponse)
    from pymodbus.pdu.register_message import (ReadHoldingRegistersRequest, ReadHoldingRegistersResponse,
                                               ReadInputRegistersRequest, ReadInputRegistersResponse)
    rtu, tcp = FramerRTU(DecodePDU(False)), FramerSocket(DecodePDU(False))
    frames = []
    for _ in range(40):
        slave = rng.randint(1, 247)
        registers = [rng.randint(0, 65535) for _ in range(rng.randint(1, 125))]
        bits = [rng.random() < 0.5 for _ in range(rng.randint(1, 2000))]
        # Start + quantity stays within the 65536-entry address space (a request past it is
        # flagged as a problem by cmmgate, rightly).
        register_address = rng.randint(0, 65536 - len(registers))
        bit_address = rng.randint(0, 65536 - len(bits))
        messages = [
            ReadHoldingRegistersRequest(address=register_address, count=len(registers), dev_id=slave),
            ReadInputRegistersRequest(address=register_address, count=len(registers), dev_id=slave),
            ReadCoilsRequest(address=bit_address, count=len(bits), dev_id=slave),
            ReadDiscreteInputsRequest(address=bit_address, count=len(bits), dev_id=slave),
            ReadHoldingRegistersResponse(registers=registers, dev_id=slave),
            ReadInputRegistersResponse(registers=registers, dev_id=slave),
            ReadCoilsResponse(bits=bits, dev_id=slave),
            ReadDiscreteInputsResponse(bits=bits, dev_id=slave),
        ]
        exception = ExceptionResponse(rng.choice([1, 2, 3, 4]), rng.choice([1, 2, 3, 4, 6, 11]))
        exception.dev_id = slave
        messages.append(exception)
        for message in messages:
            message.transaction_id = rng.randint(0, 65535)
            frames.append(("Modbus RTU", rtu.buildFrame(message).hex(" ")))
            if not isinstance(message, ExceptionResponse):
                frames.append(("Modbus TCP", tcp.buildFrame(message).hex(" ")))
    return frames


def test_frames_built_by_pymodbus_decode_as_valid(cmmgate):
    frames = pymodbus_frames(random.Random(2611))
    result = cmmgate("decode", stdin="\n".join(hex_text for _, hex_text in frames) + "\n")
    blocks = result.stdout.strip().split("\n\n")
    assert len(blocks) == len(frames)
    for (protocol, hex_text), block in zip(frames, blocks):
        assert "[valid]" in block.splitlines()[0], f"{hex_text}\n{block}"
        assert protocol in block.splitlines()[0], f"{hex_text}\n{block}"
    assert result.returncode == 0


def test_frames_built_by_dlt645_package_decode_to_the_same_fields(cmmgate):
    from dlt645.protocol.protocol import DLT645Protocol
    rng = random.Random(645)
    cases = []
    for _ in range(60):
        digits = "".join(rng.choice("0123456789") for _ in range(12))
        address = bytes.fromhex(digits)[::-1]  # 12 BCD digits, low byte first on the wire
        kwh = rng.randint(0, 99_999_999)  # XXXXXX.XX
        bcd = bytes.fromhex("%08d" % kwh)[::-1]
        data = bytes([0x00, 0x00, 0x01, 0x00]) + bcd  # DI 00 01 00 00, low byte first
        frame = DLT645Protocol.build_frame(address, 0x91, data, preamble_count=rng.randint(0, 4))
        cases.append((digits, "%d.%02d kWh" % (kwh // 100, kwh % 100), bytes(frame).hex(" ")))
    result = cmmgate("decode", stdin="\n".join(hex_text for *_, hex_text in cases) + "\n")
    assert result.returncode == 0, result.stdout
    blocks = result.stdout.strip().split("\n\n")
    for (digits, value, hex_text), block in zip(cases, blocks):
        assert "DL/T 645-2007" in block and "[valid]" in block, f"{hex_text}\n{block}"
        assert digits in block, f"{hex_text}\n{block}"
        assert value in block, f"{hex_text}\n{block}"
