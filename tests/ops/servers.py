"""Small real servers for fault tests: free ports in this checkout's range, SMTP sinks."""

import os
import socket
import threading

# Servers the tests start listen in this range (never the shared services' ports).
PORT_RANGE = range(int(os.environ.get("KZ_TEST_PORT_BASE", "18300")), int(os.environ.get("KZ_TEST_PORT_BASE", "18300")) + 100)


def free_port() -> int:
    for port in PORT_RANGE:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORT_RANGE}")


def closed_port() -> int:
    """A port in range that nothing listens on (connections are refused)."""
    return free_port()


class _Server:
    def __init__(self):
        self.port = None
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for port in PORT_RANGE:
            try:
                self._sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            self.port = port
            break
        self._sock.listen(16)
        self._clients = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._sock.close()
        for client in self._clients:
            client.close()

    def _accept(self):
        while not self._stop.is_set():
            try:
                client, _addr = self._sock.accept()
            except OSError:
                return
            self._clients.append(client)
            threading.Thread(target=self.handle, args=(client,), daemon=True).start()

    def handle(self, client):
        raise NotImplementedError


class SilentSMTPServer(_Server):
    """Accepts connections and never says a word: a hung mail server."""

    def handle(self, client):
        self._stop.wait()


class SMTPSink(_Server):
    """Just enough SMTP to accept mail; keeps each message's raw DATA."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle(self, client):
        stream = client.makefile("rb")

        def say(line):
            client.sendall(line.encode() + b"\r\n")

        say("220 sink ESMTP")
        try:
            while True:
                line = stream.readline()
                if not line:
                    return
                verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
                if verb in {"EHLO", "HELO"}:
                    say("250 sink")
                elif verb == "DATA":
                    say("354 go ahead")
                    data = b""
                    while True:
                        chunk = stream.readline()
                        if chunk in (b".\r\n", b""):
                            break
                        data += chunk
                    self.messages.append(data.decode("utf-8", "replace"))
                    say("250 queued")
                elif verb == "QUIT":
                    say("221 bye")
                    return
                else:
                    say("250 ok")
        except OSError:
            return
