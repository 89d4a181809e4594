"""A scripted stand-in for HAPI on 127.0.0.1 (real HTTP, no Java), for the adapter's edge cases:
each request takes the next scripted answer; ``seen`` records what arrived."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from aiohttp import web


@dataclass(frozen=True, slots=True)
class Answer:
    """One scripted answer: a status and a JSON body (or raw bytes), after an optional delay;
    ``drop`` closes the connection without answering."""

    status: int = 200
    body: Mapping[str, object] | None = None
    raw: bytes | None = None
    delay_s: float = 0.0
    drop: bool = False


def outcome(*issues: tuple[str, str, str]) -> dict[str, object]:
    """An OperationOutcome from (severity, code, diagnostics) triples."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": s, "code": c, "diagnostics": d} for s, c, d in issues],
    }


NO_ISSUES = outcome(("information", "informational", "No issues detected during validation"))
CAPABILITY_R4 = {"resourceType": "CapabilityStatement", "fhirVersion": "4.0.1"}


@dataclass
class FakeHapi:
    script: list[Answer] = field(default_factory=list[Answer])
    default: Answer = field(default_factory=lambda: Answer(body=NO_ISSUES))
    seen: list[tuple[str, str]] = field(default_factory=list[tuple[str, str]])
    _runner: web.AppRunner | None = None
    base_url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = int(self._runner.addresses[0][1])
        self.base_url = f"http://127.0.0.1:{port}/fhir"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        await request.read()
        self.seen.append((request.method, request.path))
        answer = self.script.pop(0) if self.script else self.default
        if answer.delay_s:
            await asyncio.sleep(answer.delay_s)
        if answer.drop:
            transport = request.transport
            if transport is not None:
                transport.close()
            return web.Response(status=204)
        body = answer.raw if answer.raw is not None else json.dumps(answer.body).encode()
        return web.Response(status=answer.status, body=body, content_type="application/fhir+json")
