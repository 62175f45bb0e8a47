"""A small fault-injecting HTTP proxy for S3 tests: sits on a loopback port between boto3 and moto's server and,
per planned request, answers 500/503, drops the connection mid-body, loses the answer after forwarding, or
stalls past the client's read timeout. Everything else is forwarded unchanged."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ERROR_XML = ('<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>injected</Message>'
             '<RequestId>fault</RequestId></Error>')
STATUS = {"500": (500, "InternalError"), "503": (503, "SlowDown")}


class FaultProxy:
    """Forward to `upstream`; `plan(method, [actions])` queues faults for the next requests of that method,
    `always(fragment, action)` fails every request whose path contains `fragment`."""

    def __init__(self, upstream: str, delay: float = 2.0) -> None:
        up = urlsplit(upstream)
        self.upstream = (up.hostname or "127.0.0.1", up.port or 80)
        self.delay = delay
        self.queues: dict[str, deque[str]] = {}
        self.rules: list[tuple[str, str]] = []
        self.injected: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                proxy.handle(self)

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def plan(self, method: str, actions: list[str]) -> None:
        with self.lock:
            self.queues.setdefault(method, deque()).extend(actions)

    def always(self, fragment: str, action: str) -> None:
        with self.lock:
            self.rules.append((fragment, action))

    def _action(self, method: str, path: str) -> str | None:
        with self.lock:
            for fragment, action in self.rules:
                if fragment in path:
                    return action
            queue = self.queues.get(method)
            return queue.popleft() if queue else None

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        action = self._action(h.command, h.path)
        if action:
            with self.lock:
                self.injected.append((h.command, h.path, action))
        if action == "drop_mid_body":
            h.rfile.read(length // 2)
            h.connection.shutdown(socket.SHUT_RDWR)
            h.close_connection = True
            return
        body = h.rfile.read(length) if length else b""
        if action in STATUS:
            status, code = STATUS[action]
            payload = ERROR_XML.format(code=code).encode()
            h.send_response(status)
            h.send_header("Content-Type", "application/xml")
            h.send_header("Content-Length", str(len(payload)))
            h.end_headers()
            h.wfile.write(payload)
            return
        if action == "delay":
            time.sleep(self.delay)
        conn = http.client.HTTPConnection(*self.upstream, timeout=30)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in {"connection", "keep-alive"}}
        conn.request(h.command, h.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        if action == "drop_after_forward":  # the write reached S3 but the client never hears back
            h.connection.shutdown(socket.SHUT_RDWR)
            h.close_connection = True
            return
        try:
            h.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() not in {"connection", "transfer-encoding", "content-length", "date", "server"}:
                    h.send_header(k, v)
            h.send_header("Content-Length", resp.getheader("Content-Length", "0") if h.command == "HEAD"
                          else str(len(data)))
            h.end_headers()
            if h.command != "HEAD":
                h.wfile.write(data)
        except OSError:  # the client gave up (read timeout) while we were stalling
            h.close_connection = True
