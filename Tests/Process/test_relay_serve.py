"""`cmmgate-relay serve` over loopback, spoken to from Python with HJ 212 frames built here from
the standard (HJ 212-2017 §6.3 and Appendix A, domain.md §2), sharing no code with the project's
codec: acknowledgements with the same QN, the set-time request on connect and its answers,
de-duplication of a resend, malformed input logged and survived, many connections at once and a
flood past the connection limit, the history pull for missing minutes, and the SQLite contents.

Every wait is for a reply (a socket read with a deadline), never a sleep: the relay commits a
round's frames before it writes their 9014, so an acknowledgement proves what came before it on
the connection is stored."""
import pathlib
import socket
import sqlite3
import subprocess

import pytest

# The tests' HJ 212 codec, written from the standard and shared with no project code.
from hj212_platform import crc16, encode

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE_SITE = ROOT / "Board" / "example-site.conf"
MN = "010000A8900016F000169DC0"
PW = "123456"
FACTORS = ["g01-flow", "g01-ch4", "g01-temp", "g01-press", "g01-run", "p01-flow", "p01-ch4", "e01-gen", "h01-heat"]


# --- HJ 212, independently -------------------------------------------------------------------

def segment(cn, cp, qn, flag=5, mn=MN, pw=PW, st="31"):
    return f"QN={qn};ST={st};CN={cn};PW={pw};MN={mn};Flag={flag};CP=&&{cp}&&"


def parse(packet: bytes) -> dict:
    """The header fields and CP text of one whole packet, after checking length and CRC."""
    assert packet[:2] == b"##" and packet[-2:] == b"\r\n", packet
    length = int(packet[2:6])
    data = packet[6:-6]
    assert len(data) == length, packet
    assert int(packet[-6:-2], 16) == crc16(data), packet
    text = data.decode()
    head, cp = text.split("CP=&&", 1)
    fields = dict(item.split("=", 1) for item in head.rstrip(";").split(";"))
    fields["CP"] = cp[:-2]
    return fields


def realtime_cp(data_time, values, flag="N"):
    items = [f"DataTime={data_time}"]
    items += [f"{code}-Rtd={value},{code}-Flag={flag}" for code, value in zip(FACTORS, values)]
    return ";".join(items)


def test_the_encoder_reproduces_the_standards_crc_vectors():
    example = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
    assert encode(example) == b"##0101" + example.encode() + b"1C80\r\n"
    assert crc16(b"123456789") == 0x2F80  # CRC-16/MODBUS would give 0x4B37


# --- the relay under test ----------------------------------------------------------------------

class Relay:
    def __init__(self, binary, tmp_path, **relay_keys):
        self.db = tmp_path / "relay.db"
        keys = {"listen": "127.0.0.1:0", "database": str(self.db), "history_pull_delay_s": "0"}
        keys.update(relay_keys)
        text = "[relay]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items())
        text += f"\n[site {MN}]\npassword = {PW}\nprofile = 2017\nsite_config = {EXAMPLE_SITE}\n"
        self.config = tmp_path / "relay.conf"
        self.config.write_text(text)
        self.process = subprocess.Popen([binary, "serve", "--config", str(self.config)], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        assert "listening on" in line, (line, self.stop())
        self.port = int(line.split("listening on ")[1].split()[0].rsplit(":", 1)[1])

    def connect(self):
        return Gateway(socket.create_connection(("127.0.0.1", self.port), timeout=10))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, err

    def query(self, sql, *args):
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as db:
            return db.execute(sql, args).fetchall()


class Gateway:
    """A test gateway: sends frames, collects the relay's packets in order."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""
        self.received = []

    def send(self, data: bytes):
        self.sock.sendall(data)

    def next_packet(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the relay")
            self.buffer += chunk
        packet, self.buffer = self.buffer.split(b"\r\n", 1)
        fields = parse(packet + b"\r\n")
        self.received.append(fields)
        return fields

    def wait_for(self, cn, qn=None):
        """Packets until one with CN `cn` (and QN `qn`); returns it."""
        for _ in range(1000):
            fields = self.next_packet()
            if fields["CN"] == cn and (qn is None or fields["QN"] == qn):
                return fields
        raise AssertionError(f"no CN {cn}")

    def close(self):
        self.sock.close()


@pytest.fixture
def relay_binary(cmmgate):
    path = pathlib.Path(cmmgate.path).with_name("cmmgate-relay")
    assert path.is_file(), f"cmmgate-relay not built next to {cmmgate.path}"
    return str(path)


@pytest.fixture
def relay(relay_binary, tmp_path):
    server = Relay(relay_binary, tmp_path)
    yield server
    server.stop()


def qn(n):
    return f"20260115100000{n:03d}"


# --- tests ---------------------------------------------------------------------------------------

def test_an_upload_is_acknowledged_with_its_qn_after_the_set_time_request(relay):
    gateway = relay.connect()
    gateway.send(encode(segment(2011, realtime_cp("20260115100000", range(9)), qn(1))))
    set_time = gateway.next_packet()
    assert set_time["CN"] == "1012" and set_time["MN"] == MN and set_time["PW"] == PW and set_time["Flag"] == "5"
    assert set_time["ST"] == "31" and set_time["CP"].startswith("SystemTime=") and len(set_time["CP"]) == 25
    ack = gateway.wait_for("9014")
    assert (ack["QN"], ack["ST"], ack["Flag"], ack["MN"], ack["CP"]) == (qn(1), "91", "4", MN, "")
    # The gateway answers the set-time request; the next ack proves the answers were recorded.
    gateway.send(encode(segment(9011, "QnRtn=1", set_time["QN"], flag=4, st="91")))
    gateway.send(encode(segment(9012, "ExeRtn=1", set_time["QN"], flag=4, st="91")))
    gateway.send(encode(segment(2011, realtime_cp("20260115100001", range(9)), qn(2))))
    assert gateway.wait_for("9014")["QN"] == qn(2)
    assert relay.query("SELECT cn, qn_rtn, exe_rtn FROM requests") == [(1012, 1, 1)]
    rows = relay.query("SELECT factor, value, flag FROM realtime WHERE data_time = ? ORDER BY factor",
                       1768442400)  # 2026-01-15 10:00:00 +08:00
    assert rows == sorted((code, float(i), "N") for i, code in enumerate(FACTORS))


def test_no_acknowledgement_without_flag_a(relay):
    gateway = relay.connect()
    gateway.send(encode(segment(2011, realtime_cp("20260115100000", range(9)), qn(1), flag=4)))
    gateway.send(encode(segment(2011, realtime_cp("20260115100001", range(9)), qn(2), flag=5)))
    gateway.wait_for("9014", qn(2))
    assert [p["QN"] for p in gateway.received if p["CN"] == "9014"] == [qn(2)]
    assert relay.query("SELECT count(DISTINCT data_time) FROM realtime") == [(2,)]


def test_a_resend_is_stored_once_and_counted(relay):
    gateway = relay.connect()
    cp = realtime_cp("20260115100000", range(9))
    for n in (1, 2, 3):
        gateway.send(encode(segment(2011, cp, qn(n))))
        gateway.wait_for("9014", qn(n))  # every copy is acknowledged: the gateway must stop resending
    changed = realtime_cp("20260115100000", [7] * 9)
    gateway.send(encode(segment(2011, changed, qn(4))))
    gateway.wait_for("9014", qn(4))
    assert relay.query("SELECT count(*) FROM realtime") == [(9,)]
    assert relay.query("SELECT value FROM realtime WHERE factor = 'g01-flow'") == [(0.0,)]
    assert relay.query("SELECT duplicates, conflicting_duplicates, qn FROM frames WHERE cn = 2011") == [(3, 1, qn(1))]
    _, err = relay.stop()
    assert "differs from the stored frame" in err and "3 duplicates" in err


def test_garbage_bad_crc_bad_length_and_strangers_are_logged_and_survived(relay):
    gateway = relay.connect()
    good = segment(2011, realtime_cp("20260115100000", range(9)), qn(1))
    bad_crc = encode(good)[:-6] + b"0000\r\n"
    bad_length = b"##0999" + encode(good)[6:]
    too_long = b"##9999" + encode(good)[6:]
    stranger = encode(segment(2011, realtime_cp("20260115100000", range(9)), qn(2), mn="FFFFFFFFFFFFFFFFFFFFFFFF"))
    wrong_pw = encode(segment(2011, realtime_cp("20260115100000", range(9)), qn(3), pw="654321"))
    no_time = encode(segment(2011, "g01-flow-Rtd=1,g01-flow-Flag=N", qn(4)))
    garbage = bytes(range(256)).replace(b"#", b"") * 4 + b"#\x00##ab"
    gateway.send(garbage + bad_crc + bad_length + too_long + stranger + wrong_pw + no_time + b"\r\n\r\n")
    gateway.send(encode(segment(2011, realtime_cp("20260115100005", range(9)), qn(5))))
    assert gateway.wait_for("9014")["QN"] == qn(5)  # nothing refused was acknowledged
    reasons = {r for (r,) in relay.query("SELECT DISTINCT reason FROM rejects")}
    assert {"garbage", "badChecksum", "malformed", "tooLong", "unknownMN", "badPassword", "noDataTime"} <= reasons, reasons
    assert relay.query("SELECT count(*) FROM frames") == [(1,)]
    returncode, err = relay.stop()
    assert returncode == 0
    assert "rejected (badChecksum)" in err and "rejected (unknownMN)" in err and "CRC mismatch" in err


def test_many_gateways_at_once(relay):
    gateways = [relay.connect() for _ in range(40)]
    for index, gateway in enumerate(gateways):
        data_time = f"20260115100{index // 60:01d}{index % 60:02d}"
        gateway.send(encode(segment(2011, realtime_cp(data_time, [index] * 9), qn(index))))
    for index, gateway in enumerate(gateways):
        assert gateway.wait_for("9014")["QN"] == qn(index)
    assert relay.query("SELECT count(DISTINCT data_time) FROM realtime") == [(40,)]
    for gateway in gateways:
        gateway.close()


def test_a_flood_of_connections_is_capped_and_the_relay_serves_on(relay_binary, tmp_path):
    relay = Relay(relay_binary, tmp_path, max_connections="4")
    try:
        held = [relay.connect() for _ in range(4)]
        for gateway in held:  # each is accepted once it is answered
            gateway.send(encode(segment(9015, "", qn(0), flag=4)))
            gateway.wait_for("9013")
        flood = [socket.create_connection(("127.0.0.1", relay.port), timeout=10) for _ in range(30)]
        for sock in flood:
            assert sock.recv(100) == b""  # closed at once
            sock.close()
        for gateway in held:
            gateway.close()
        late = relay.connect()
        late.send(encode(segment(2011, realtime_cp("20260115100000", range(9)), qn(1))))
        assert late.wait_for("9014")["QN"] == qn(1)
    finally:
        returncode, err = relay.stop()
    assert returncode == 0 and "refused: 4 connections open, the limit is 4" in err


def test_missing_minutes_are_pulled_with_begin_and_end_time(relay):
    gateway = relay.connect()
    stats = "g01-flow-Min=1,g01-flow-Avg=2,g01-flow-Max=3,g01-flow-Cou=120,g01-flow-Flag=N"
    gateway.send(encode(segment(2051, f"DataTime=20260115100000;{stats}", qn(1))))
    gateway.wait_for("9014", qn(1))
    gateway.send(encode(segment(2051, f"DataTime=20260115100300;{stats}", qn(2))))
    pull = gateway.wait_for("2051")
    assert pull["CP"] == "BeginTime=20260115100100;EndTime=20260115100200" and pull["Flag"] == "5"
    # The gateway answers the pull as HJ 212-2017 App. C says: 9011, the records, 9012.
    gateway.send(encode(segment(9011, "QnRtn=1", pull["QN"], flag=4, st="91")))
    for n, minute in ((3, "01"), (4, "02")):
        gateway.send(encode(segment(2051, f"DataTime=2026011510{minute}00;{stats}", qn(n))))
    gateway.send(encode(segment(9012, "ExeRtn=1", pull["QN"], flag=4, st="91")))
    gateway.send(encode(segment(2011, realtime_cp("20260115100400", range(9)), qn(5))))
    gateway.wait_for("9014", qn(5))
    assert relay.query("SELECT count(DISTINCT data_time) FROM statistics WHERE cn = 2051") == [(4,)]
    assert relay.query("SELECT cn, begin_time, end_time, qn_rtn, exe_rtn FROM requests WHERE cn = 2051") == [
        (2051, 1768442460, 1768442520, 1, 1)]


def test_events_and_heartbeats(relay):
    gateway = relay.connect()
    gateway.send(encode(segment(9015, "", qn(1), flag=4)))
    assert gateway.wait_for("9013")["QN"] == qn(1)
    cp = ("DataTime=20260115100007;EventCode=300,EventKind=crossCheckTripped,EventLevel=alarm;"
          "EventText=code%3D300%3Bkind%3DcrossCheckTripped%3Bname%3Dsafe-transport")
    gateway.send(encode(segment(2072, cp, qn(2))))
    assert gateway.wait_for("9014")["QN"] == qn(2)
    assert relay.query("SELECT cn, data_time, code, kind, level, text, cp FROM events") == [
        (2072, 1768442407, 300, "crossCheckTripped", "alarm", "code=300;kind=crossCheckTripped;name=safe-transport", cp)]


def test_an_invalid_configuration_is_refused_with_file_and_line(relay_binary, tmp_path):
    config = tmp_path / "bad.conf"
    config.write_text("[relay]\nlisten = nowhere\ndatabase = x.db\ncolour = blue\n\n[site 12AB]\nprofile = 2019\n")
    result = subprocess.run([relay_binary, "serve", "--config", str(config)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 78
    for expected in (f"{config}:2: listen 'nowhere'", f"{config}:4: unknown key 'colour'", f"{config}:6: [site 12AB] needs password",
                     f"{config}:7: profile '2019'"):
        assert expected in result.stderr, result.stderr
