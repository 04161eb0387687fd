"""A small, deliberately slow SMTP server for the fault tests (no aiosmtpd needed).

It speaks just enough SMTP for Django's SMTP backend. While `hold` is set, the next
DATA command is not answered until `release` is set or the client goes away, like a
mail server that stalls mid-conversation; a message counts as delivered only once it
has been received in full and answered 250 (what SMTP means by "accepted").
"""

from __future__ import annotations

import email
import socket
import threading


class SlowSmtpServer:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.delivered: list[dict] = []
        self.hold = threading.Event()
        self.stalled = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._closing = False
        threading.Thread(target=self._serve, daemon=True).start()

    def recipients(self) -> list[str]:
        with self._lock:
            return sorted(r for message in self.delivered for r in message["to"])

    def close(self) -> None:
        self._closing = True
        self.release.set()
        self.sock.close()

    def _serve(self) -> None:
        while not self._closing:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")

        def reply(line: str) -> None:
            conn.sendall(line.encode() + b"\r\n")

        recipients: list[str] = []
        try:
            reply("220 slow.test ESMTP")
            while True:
                line = reader.readline()
                if not line:
                    return
                command = line.decode(errors="replace").strip()
                verb = command[:4].upper()
                if verb in {"EHLO", "HELO"}:
                    reply("250 slow.test")
                elif verb == "MAIL":
                    recipients = []
                    reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                    reply("250 OK")
                elif verb == "DATA":
                    if self.hold.is_set():
                        self.hold.clear()
                        self.stalled.set()
                        self.release.wait(120)
                    reply("354 go ahead")
                    lines = []
                    while True:
                        chunk = reader.readline()
                        if not chunk:
                            return  # the client died: nothing was delivered
                        if chunk in (b".\r\n", b".\n"):
                            break
                        lines.append(chunk)
                    message = email.message_from_bytes(b"".join(lines))
                    with self._lock:
                        self.delivered.append(
                            {"to": list(recipients), "subject": message["Subject"]}
                        )
                    reply("250 accepted")
                elif verb == "QUIT":
                    reply("221 bye")
                    return
                else:  # RSET, NOOP and anything else
                    reply("250 OK")
        except OSError:
            return
        finally:
            reader.close()
            conn.close()
