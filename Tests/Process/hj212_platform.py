"""An independent HJ 212 platform for the tests, written from the standard (HJ 212-2017 §6 and
Appendix A, as summarised in ../shared/reference/domain.md §2), sharing no code with the project's
codec: it frames, checks the length and the CRC, splits the data segment into its fields and the CP
area into items, acknowledges uploads that ask for it (Flag bit A) with a 9014 carrying the same QN,
and records everything it received, so a test can check the agent's frames and its ack protocol.

Faults a test can switch on: stop acknowledging (`ack = False`), drop every connection
(`drop()`), refuse new ones (`refuse = True`), and stall without RST (`stall = True`: keep the
connection open, read nothing, answer nothing)."""
import socket
import threading
import time


def crc16(data: bytes) -> int:
    """HJ 212 Appendix A: each byte goes into the HIGH byte (crc >> 8 ^ b), not the low one as in
    CRC-16/MODBUS; then 8 reflected 0xA001 shifts."""
    crc = 0xFFFF
    for byte in data:
        crc = (crc >> 8) ^ byte
        for _ in range(8):
            lsb = crc & 1
            crc >>= 1
            if lsb:
                crc ^= 0xA001
    return crc


def encode(segment: str) -> bytes:
    data = segment.encode("utf-8")
    return b"##" + b"%04d" % len(data) + data + b"%04X" % crc16(data) + b"\r\n"


class FrameError(ValueError):
    pass


def take_frame(buffer: bytes):
    """(segment text, rest) for the first whole frame in `buffer`, (None, buffer) when more bytes
    are needed. Raises FrameError for a frame that is whole but wrong (the bytes up to the next
    `##` are then dropped by the caller)."""
    start = buffer.find(b"##")
    if start < 0:
        return None, buffer[-1:] if buffer.endswith(b"#") else b""
    buffer = buffer[start:]
    if len(buffer) < 6:
        return None, buffer
    digits = buffer[2:6]
    if not digits.isdigit():
        raise FrameError(f"length field {digits!r} is not 4 digits")
    length = int(digits)
    end = 6 + length + 4 + 2
    if len(buffer) < end:
        return None, buffer
    data, crc_text, tail = buffer[6:6 + length], buffer[6 + length:10 + length], buffer[10 + length:end]
    if tail != b"\r\n":
        raise FrameError(f"frame does not end in CRLF after {length} characters: {tail!r}")
    if int(crc_text, 16) != crc16(data):
        raise FrameError(f"CRC {crc_text.decode()} != {crc16(data):04X}")
    return data.decode("utf-8"), buffer[end:]


def fields(segment: str) -> dict:
    """The header fields (QN, ST, CN, PW, MN, Flag, PNUM, PNO, RF …) and `CP` (the raw CP text)."""
    head, separator, cp = segment.partition("CP=&&")
    if not separator or not cp.endswith("&&"):
        raise FrameError(f"no CP=&&…&& in {segment!r}")
    parsed = dict(item.split("=", 1) for item in head.rstrip(";").split(";") if item)
    parsed["CP"] = cp[:-2]
    return parsed


def cp_items(cp: str) -> dict:
    """`a=1;b-Rtd=2,b-Flag=N` → {"a": "1", "b-Rtd": "2", "b-Flag": "N"}."""
    items = {}
    for group in cp.split(";"):
        for item in group.split(","):
            if item:
                key, _, value = item.partition("=")
                items[key] = value
    return items


class Platform:
    """A platform listening on a loopback port; `received` holds (connection number, fields)."""

    def __init__(self, password="123456"):
        self.password = password
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.received, self.errors, self.connections = [], [], []
        self.ack, self.refuse, self.stall = True, False, False
        self.lock = threading.RLock()  # wait_for holds it while predicates call uploads()
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            if self.refuse:
                connection.close()
                continue
            with self.lock:
                self.connections.append(connection)
                number = len(self.connections)
            threading.Thread(target=self._serve, args=(connection, number), daemon=True).start()

    def _serve(self, connection, number):
        buffer = b""
        while self.running:
            if self.stall:
                time.sleep(0.05)
                continue
            try:
                chunk = connection.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while True:
                try:
                    segment, buffer = take_frame(buffer)
                except FrameError as error:
                    self.errors.append(str(error))
                    # Drop the bad frame's start and resynchronise on the next `##`.
                    next_start = buffer.find(b"##", buffer.find(b"##") + 2)
                    buffer = buffer[next_start:] if next_start >= 0 else b""
                    continue
                if segment is None:
                    break
                self._handle(connection, number, segment)

    def _handle(self, connection, number, segment):
        try:
            parsed = fields(segment)
        except FrameError as error:
            self.errors.append(str(error))
            return
        with self.lock:
            self.received.append((number, parsed))
        if self.ack and int(parsed.get("Flag", "0")) & 1:
            reply = f"QN={parsed['QN']};ST=91;CN=9014;PW={parsed.get('PW', self.password)};MN={parsed['MN']};Flag=4;CP=&&&&"
            try:
                connection.sendall(encode(reply))
            except OSError:
                pass

    def send(self, segment: str, connection_number=None):
        """Sends a request to the newest connection (or the given one)."""
        with self.lock:
            connection = self.connections[(connection_number or len(self.connections)) - 1]
        connection.sendall(encode(segment))

    def drop(self):
        """Closes every open connection (the link drops)."""
        with self.lock:
            for connection in self.connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                connection.close()

    def received_fields(self):
        """Every segment received, in order, as its fields."""
        with self.lock:
            return [parsed for _, parsed in self.received]

    def uploads(self, cn):
        with self.lock:
            return [parsed for _, parsed in self.received if parsed.get("CN") == cn]

    def wait_for(self, predicate, timeout=30, what="a condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if predicate(self):
                    return
            time.sleep(0.05)
        raise AssertionError(f"platform: timed out waiting for {what}; received {len(self.received)} frames, "
                             f"errors {self.errors[:5]}")

    def close(self):
        self.running = False
        self.drop()
        self.listener.close()
