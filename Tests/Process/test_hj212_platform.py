"""The tests' independent HJ 212 platform is itself checked against the standard's vectors before
it judges the agent: its CRC reproduces every golden vector, its framing refuses a bad CRC, a bad
length and garbage without losing the next good frame, and it acknowledges with the same QN."""
import socket

import pytest

from conftest import vector_rows
from hj212_platform import FrameError, Platform, cp_items, crc16, encode, fields, take_frame


def test_crc_reproduces_every_golden_vector():
    rows = vector_rows("hj212-crc.tsv")
    assert rows
    for row in rows:
        segment = row["segment"].encode("utf-8")
        assert f"{crc16(segment):04X}" == row["crc"].upper(), row["source"]
        if row["length"].isdigit():
            assert len(segment) == int(row["length"])
    assert crc16(b"123456789") == 0x2F80  # not CRC-16/MODBUS (4B37)


def test_framing_keeps_good_frames_and_refuses_bad_ones():
    good = "QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857;w01001-Rtd=7.1,w01001-Flag=N&&"
    frame = encode(good)
    segment, rest = take_frame(b"noise" + frame + frame[:10])
    assert segment == good and rest == frame[:10]
    bad_crc = frame[:-6] + b"0000\r\n"
    with pytest.raises(FrameError, match="CRC"):
        take_frame(bad_crc)
    with pytest.raises(FrameError, match="not 4 digits"):
        take_frame(b"##00x1QN=1")
    parsed = fields(good)
    assert parsed["CN"] == "2011" and parsed["Flag"] == "5"
    assert cp_items(parsed["CP"]) == {"DataTime": "20160801085857", "w01001-Rtd": "7.1", "w01001-Flag": "N"}


def test_the_platform_acknowledges_with_the_same_qn_and_survives_garbage():
    platform = Platform()
    try:
        client = socket.create_connection(("127.0.0.1", platform.port), timeout=5)
        segment = "QN=20260101000000001;ST=31;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20260101000000&&"
        client.sendall(b"garbage##00zz" + encode(segment).replace(b"QN", b"QN", 1)[:-6] + b"FFFF\r\n" + encode(segment))
        reply = b""
        while not reply.endswith(b"\r\n"):
            reply += client.recv(4096)
        text, _ = take_frame(reply)
        assert fields(text)["CN"] == "9014" and fields(text)["QN"] == "20260101000000001"
        platform.wait_for(lambda p: len(p.uploads("2011")) == 1, what="one upload")
        assert len(platform.errors) >= 2
        client.close()
    finally:
        platform.close()
