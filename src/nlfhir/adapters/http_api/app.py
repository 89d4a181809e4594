"""Routes of the v1 API and the Litestar application factory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

import msgspec
from litestar import Litestar, Request, get, post
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.datastructures import ResponseSpec
from litestar.response import Response

from nlfhir import __version__
from nlfhir.adapters.http_api import problems as pb
from nlfhir.adapters.http_api import schemas as s
from nlfhir.adapters.http_api.middleware import observed
from nlfhir.adapters.http_api.openapi import (
    BatchOperation,
    BundleOperation,
    ConvertOperation,
    ExecuteOperation,
)
from nlfhir.adapters.http_api.security import AuthConfig, RateLimiter, authenticate
from nlfhir.adapters.http_api.views import convert_response, validation_view
from nlfhir.domain.patient import PatientRef
from nlfhir.ports.conversion import ConversionService
from nlfhir.ports.telemetry import Telemetry

if TYPE_CHECKING:
    from litestar.types import ASGIApp

T = TypeVar("T")
Readiness = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]
Hook = Callable[[], Awaitable[None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class HttpDeps:
    """What the composition root hands the HTTP adapter."""

    service: ConversionService
    readiness: Readiness
    new_id: Callable[[], str]
    errors: Mapping[type[Exception], Callable[[Exception], pb.ProblemError]]
    telemetry: Telemetry
    metrics: Callable[[], tuple[bytes, str]] | None = None
    auth: AuthConfig = field(default_factory=AuthConfig)
    limiter: RateLimiter | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 1_048_576
    on_startup: list[Hook] = field(default_factory=list[Hook])
    on_shutdown: list[Hook] = field(default_factory=list[Hook])


def _deps(state: State) -> HttpDeps:
    deps: HttpDeps = state["deps"]
    return deps


def _guard(request: Request[Any, Any, Any], state: State, scope: str, cost: int = 1) -> HttpDeps:
    """Authenticate, check the scope, and charge the client's rate limit."""
    deps = _deps(state)
    client = authenticate(deps.auth, request.headers, scope)
    if deps.limiter is not None:
        deps.limiter.take(client.name, cost)
    return deps


def _request_id(request: Request[Any, Any, Any]) -> str:
    state = cast("dict[str, object]", cast("dict[str, Any]", request.scope).get("state", {}))
    return str(state.get("request_id", ""))


async def _json_body(request: Request[Any, Any, Any]) -> bytes:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise pb.ProblemError(pb.UNSUPPORTED_MEDIA, f"got '{media or 'none'}'")
    body = await request.body()
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise pb.ProblemError(pb.MALFORMED, "body is not UTF-8") from e
    return body


def _decode(body: bytes, kind: type[T]) -> T:
    try:
        msgspec.json.decode(body)
    except msgspec.DecodeError as e:
        raise pb.ProblemError(pb.MALFORMED, "body is not valid JSON") from e
    try:
        return msgspec.json.decode(body, type=kind)
    except msgspec.ValidationError as e:
        raise pb.ProblemError(pb.INVALID, str(e), errors=[str(e)]) from e


async def _call(deps: HttpDeps, coro: Awaitable[T]) -> T:
    """Await a use case, turning known error types into problems via the root's table."""
    try:
        return await coro
    except Exception as e:
        for kind, make in deps.errors.items():
            if isinstance(e, kind):
                raise make(e) from e
        raise


@post(
    "/v1/convert",
    status_code=200,
    summary="Convert order text to a FHIR R4 transaction Bundle",
    operation_class=ConvertOperation,
)
async def convert(request: Request[Any, Any, Any], state: State) -> s.ConvertResponse:
    deps = _guard(request, state, "convert")
    payload = _decode(await _json_body(request), s.ConvertRequest)
    return await _convert_one(deps, payload.text, payload.patient, _request_id(request))


async def _convert_one(
    deps: HttpDeps, text: str, patient_raw: str | None, request_id: str
) -> s.ConvertResponse:
    patient = await _call(deps, _parse_patient(patient_raw))
    conversion = await _call(deps, deps.service.convert(text, patient, request_id=request_id))
    return convert_response(conversion, text)


@post(
    "/v1/convert/batch",
    status_code=200,
    operation_class=BatchOperation,
    summary=f"Convert up to {s.MAX_BATCH} texts; each item is answered on its own",
)
async def convert_batch(request: Request[Any, Any, Any], state: State) -> s.BatchResponse:
    deps = _deps(state)
    body = await _json_body(request)
    payload = _decode(body, s.BatchRequest)
    deps = _guard(request, state, "convert", cost=len(payload.items))
    request_id = _request_id(request)
    results: list[s.BatchResult] = []
    for item in payload.items:
        try:
            result = await _convert_one(deps, item.text, item.patient, deps.new_id())
            results.append(s.BatchResult(id=item.id, status=200, result=result))
        except pb.ProblemError as e:
            results.append(
                s.BatchResult(
                    id=item.id,
                    status=e.kind.status,
                    problem=pb.problem_of(e, instance=request.url.path, request_id=request_id),
                )
            )
    return s.BatchResponse(request_id=request_id, results=results)


async def _parse_patient(raw: str | None) -> PatientRef | None:
    return PatientRef.parse(raw) if raw else None


@post(
    "/v1/validate",
    status_code=200,
    summary="Validate a FHIR R4 Bundle",
    operation_class=BundleOperation,
)
async def validate(request: Request[Any, Any, Any], state: State) -> s.ValidationView:
    deps = _guard(request, state, "validate")
    bundle = _decode(await _json_body(request), dict[str, Any])
    outcome = await _call(deps, deps.service.validate(bundle))
    return validation_view(outcome)


@post(
    "/v1/execute",
    status_code=200,
    summary="Run a transaction Bundle on the FHIR server",
    operation_class=ExecuteOperation,
)
async def execute(request: Request[Any, Any, Any], state: State) -> s.ExecuteResponse:
    deps = _guard(request, state, "execute")
    bundle = _decode(await _json_body(request), dict[str, Any])
    entries = await _call(deps, deps.service.execute(bundle))
    request_id = _request_id(request)
    return s.ExecuteResponse(
        request_id=request_id,
        entries=[s.ExecutedView(status=e.status, location=e.location) for e in entries],
    )


@get("/health/live", summary="The process answers")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@get(
    "/health/ready",
    summary="Dependencies ready under the configured policy",
    responses={
        503: ResponseSpec(
            data_container=dict[str, Any],
            description="A dependency the policy needs is not ready; `checks` says which",
        )
    },
)
async def ready(state: State) -> Response[dict[str, Any]]:
    ok, checks = await _deps(state).readiness()
    return Response(
        {"status": "ready" if ok else "not_ready", "checks": checks}, status_code=200 if ok else 503
    )


@get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics(state: State) -> Response[bytes]:
    render = _deps(state).metrics
    if render is None:
        raise pb.ProblemError(pb.NOT_FOUND, "metrics are not enabled")
    body, content_type = render()
    return Response(body, media_type=content_type)


def create_app(deps: HttpDeps) -> ASGIApp:
    """The ASGI application: Litestar wrapped in the observing layer."""
    return observed(create_litestar(deps), deps.new_id, deps.telemetry)


def create_litestar(deps: HttpDeps) -> Litestar:
    async def startup() -> None:
        for hook in deps.on_startup:
            await hook()

    async def shutdown() -> None:
        for hook in deps.on_shutdown:
            await hook()

    return Litestar(
        route_handlers=[convert, convert_batch, validate, execute, live, ready, metrics],
        cors_config=CORSConfig(allow_origins=list(deps.cors_origins), allow_methods=["GET", "POST"])
        if deps.cors_origins
        else None,
        state=State({"deps": deps}),
        exception_handlers={
            pb.ProblemError: pb.on_problem,
            HTTPException: pb.on_http_exception,
            Exception: pb.on_unexpected,
        },
        request_max_body_size=deps.max_body_bytes,
        on_startup=[startup],
        on_shutdown=[shutdown],
        openapi_config=OpenAPIConfig(
            title="nl-fhir",
            version=__version__,
            path="/schema",
        ),
        debug=False,
    )
