"""A TCP proxy for link faults between the agent and the relay: forwards bytes both ways, and
on request drops every connection (RST-free close), or stalls (keeps the connections open but
forwards nothing, as a dead NAT or a hung middlebox does), or refuses new connections."""
import select
import socket
import threading
import time


class Proxy:
    def __init__(self, target_port):
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.stall, self.refuse, self.running = False, False, True
        self.pairs, self.accepted = [], 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refuse:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
                self.accepted += 1
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client, upstream):
        sockets = [client, upstream]
        while self.running:
            if self.stall:
                time.sleep(0.05)
                continue
            try:
                readable, _, _ = select.select(sockets, [], [], 0.1)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        raise OSError("closed")
                    (upstream if source is client else client).sendall(data)
            except OSError:
                for sock in sockets:
                    try:
                        sock.close()
                    except OSError:
                        pass
                return

    def drop(self):
        with self.lock:
            for client, upstream in self.pairs:
                for sock in (client, upstream):
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            self.pairs = []

    def close(self):
        self.running = False
        self.drop()
        self.listener.close()
