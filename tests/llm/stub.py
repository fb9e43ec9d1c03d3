"""A stand-in for an OpenAI-compatible server: canned replies, recorded requests.

It listens on 127.0.0.1 on a free port in a thread. Each test queues the replies it
wants (`reply`, `error`, `slow`) and reads back what the client sent (`requests`).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Canned:
    status: int = 200
    body: str = ""
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


def completion(content: str, finish: str = "stop") -> str:
    """A chat completion whose message says `content`."""
    return json.dumps(
        {
            "id": "stub-1",
            "object": "chat.completion",
            "model": "stub",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish,
                }
            ],
        }
    )


class StubServer:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.queue: deque[Canned] = deque()
        # Optional: decide the reply from the request (e.g. refuse json_schema).
        self.rule: Callable[[Seen], Canned | None] | None = None
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                stub.requests.append(seen)
                canned = stub.rule(seen) if stub.rule else None
                if canned is None:
                    canned = stub.queue.popleft() if stub.queue else Canned(500, "no reply queued")
                if canned.delay:
                    time.sleep(canned.delay)
                data = canned.body.encode()
                try:
                    self.send_response(canned.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in canned.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def reply(self, payload: Any) -> None:
        """Queue a completion whose content is `payload` as JSON (or as given, a str)."""
        content = payload if isinstance(payload, str) else json.dumps(payload)
        self.queue.append(Canned(200, completion(content)))

    def error(self, status: int, message: str = "error") -> None:
        self.queue.append(Canned(status, json.dumps({"error": {"message": message}})))

    def slow(self, seconds: float, payload: Any) -> None:
        content = payload if isinstance(payload, str) else json.dumps(payload)
        self.queue.append(Canned(200, completion(content), delay=seconds))

    def __enter__(self) -> StubServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
