"""HJ 212-2025 SM4 against OpenSSL's CLI as the independent implementation: the agent's encrypted
uploads decrypt with `openssl enc -sm4-ecb` under the configured key, and a key update the platform
sends (CN 1014, itself encrypted with the old key) is acknowledged, kept in the key file, and used
for every upload after it."""
import socket
import subprocess
import threading
import time

from test_run_e2e import run_daemon, sim_ports, site_config
from test_sim_faults import sim_path, start_sim  # noqa: F401 (sim_path is a fixture)
from hj212_platform import crc16

MN = "010000A8900016F000169DC0"
OLD_KEY = "30" * 16   # HJ 212-2025 App. A.2's test key ("0000000000000000")
NEW_KEY = "31" * 16


def sm4(key_hex, data, decrypt=False):
    args = ["openssl", "enc", "-sm4-ecb", "-K", key_hex, "-nopad"] + (["-d"] if decrypt else [])
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout


def encrypt_segment(segment, key_hex):
    """The 2025 transmitted form (§6.4): whole 16-byte blocks of the CP area as {0x..}, the tail plain."""
    head, area = segment.split("CP=&&", 1)
    area = area[:-2].encode()
    whole = len(area) // 16 * 16
    cipher = sm4(key_hex, area[:whole])
    return f"{head}CP=&&{{{','.join(f'0x{b:02X}' for b in cipher)}}}{area[whole:].decode()}&&"


def decrypt_area(segment, key_hex):
    area = segment.split("CP=&&", 1)[1][:-2]
    if not area.startswith("{"):
        return area
    blocks, tail = area[1:].split("}", 1)
    return sm4(key_hex, bytes(int(b, 16) for b in blocks.split(",")), decrypt=True).decode() + tail


def packet(plain, transmitted):
    """Length field = plaintext length (the standard's example), CRC over the plaintext."""
    return b"##%04d" % len(plain.encode()) + transmitted.encode() + b"%04X\r\n" % crc16(plain.encode())


class Platform2025:
    """Frames by CRLF (an encrypted packet is longer than its length field says), answers Flag A."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.segments, self.connection = [], None
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.connection, _ = self.listener.accept()
        buffer = b""
        while True:
            try:
                chunk = self.connection.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b"\r\n" in buffer:
                frame, buffer = buffer.split(b"\r\n", 1)
                segment = frame[6:-4].decode()
                self.segments.append(segment)
                fields = dict(f.split("=", 1) for f in segment.split("CP=&&")[0].rstrip(";").split(";"))
                if int(fields["Flag"]) & 1:
                    reply = f"QN={fields['QN']};ST=91;CN=9014;PW=123456;MN={MN};Flag=8;CP=&&&&"
                    self.connection.sendall(packet(reply, reply))

    def uploads(self, cn):
        return [s for s in list(self.segments) if f";CN={cn};" in s]

    def wait_for(self, predicate, what, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}: {self.segments[-3:]}")


def test_uploads_decrypt_with_openssl_and_a_1014_key_update_takes_effect(cmmgate, sim_path, tmp_path):
    key_file = tmp_path / "site.sm4"
    key_file.write_text(OLD_KEY + "\n")
    key_file.chmod(0o600)
    platform = Platform2025()
    config = site_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "[uplink relay]\nhost = 127.0.0.1\nport = 9212\nprofile = 2017\n",
        f"[uplink relay]\nhost = 127.0.0.1\nport = {platform.port}\nprofile = 2025\nsm4_key_file = {key_file}\n"),
        encoding="utf-8")
    with start_sim(sim_path, "--example-site") as (_, lines):
        agent = run_daemon(cmmgate, config, sim_ports(lines), tmp_path / "journal")
        try:
            platform.wait_for(lambda: len(platform.uploads("2011")) >= 2, "encrypted uploads")
            first = platform.uploads("2011")[0]
            assert "CP=&&{0x" in first, first
            assert decrypt_area(first, OLD_KEY).startswith("DataTime=")
            request = f"QN=20261202120000001;ST=32;CN=1014;PW=123456;MN={MN};Flag=9;CP=&&NewSK={NEW_KEY};SKCreateTime=20261202120000&&"
            platform.connection.sendall(packet(request, encrypt_segment(request, OLD_KEY)))
            platform.wait_for(lambda: any("ExeRtn=" in s for s in platform.uploads("9012")), "the 9012")
            assert "ExeRtn=1" in platform.uploads("9012")[-1], platform.uploads("9012")
            count = len(platform.uploads("2011"))
            platform.wait_for(lambda: len(platform.uploads("2011")) >= count + 2, "uploads after the update")
        finally:
            agent.terminate()
            agent.communicate(timeout=30)
    later = platform.uploads("2011")[-1]
    assert decrypt_area(later, NEW_KEY).startswith("DataTime="), "uploads after 1014 use the new key"
    assert key_file.read_text().strip().lower() == NEW_KEY
