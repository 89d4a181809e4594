"""Starting the real service (`nlfhir serve`) on 127.0.0.1 and a free port, and calling it."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

_BOOT_TIMEOUT_S = 90


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    log: Path

    def call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str | None = "application/json",
    ) -> Answer:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Content-Type": content_type} if content_type and body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        out = Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        conn.close()
        return out

    def post_json(self, path: str, payload: object) -> Answer:
        return self.call("POST", path, json.dumps(payload).encode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    tmp: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], Server]:
    port = free_port()
    log = tmp / f"server-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "nlfhir.app.main",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    full_env = {**os.environ, "NLFHIR_LOG_LEVEL": "INFO", **(env or {})}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=full_env)
    server = Server("127.0.0.1", port, log)
    deadline = time.monotonic() + _BOOT_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited early:\n{log.read_text()}")
        try:
            if server.call("GET", "/health/ready").status == 200:
                return proc, server
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    pytest.fail(f"server not ready in {_BOOT_TIMEOUT_S}s:\n{log.read_text()}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
