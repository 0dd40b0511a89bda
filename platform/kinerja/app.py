"""create_app(settings) -> Starlette: /graphql, /healthz, the CSV reports, the web console and survey, and a
lifespan that opens the database."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
import os
from typing import Any, AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult

from kinerja import db
from kinerja.graphql import answer_cache, pacing
from kinerja.graphql.context import build_context
from kinerja.graphql import trusted_documents
from kinerja.graphql.schema import build_schema
from kinerja.http.compression import Compression
from kinerja.http import graphql_response
from kinerja.http.guard import GraphQLHttpGuard
from kinerja.http.proxy import forwarded_headers
from kinerja.http.list_files import list_csv, list_xlsx
from kinerja.http.monitoring import monitoring_people_csv, monitoring_people_xlsx
from kinerja.http.people_files import people_commit, people_csv, people_preview, people_xlsx
from kinerja.http.target_files import targets_commit, targets_csv, targets_preview, targets_xlsx
from kinerja.http.reports import report_csv, report_xlsx
from kinerja.http.documents import evaluasi_pdf, evaluasi_zip, kurva_pdf, skp_pdf, tahunan_pdf, verify_page
from kinerja.http.documents import tindak_lanjut_pdf
from kinerja.http.worker import WorkerHeader
from kinerja.http.web import graphiql as web_graphiql
from kinerja.http.web import routes as web_routes
from kinerja.services.core import clock
from kinerja.services.evaluation import credit_points, curve
from kinerja.services.indicators.catalog import Catalog
from kinerja.settings import Settings

log = logging.getLogger("kinerja")


@dataclass
class KeptResult(ExecutionResult):
    """A kept answer (graphql/answer_cache.py): no data or errors of its own, only the encoded body."""

    body: bytes = b""


class EncodedBody(dict):
    """The view's answer already encoded (a dict to strawberry, whose view hands it to encode_json)."""

    def __init__(self, body: bytes):
        super().__init__()
        self.body = body


class KinerjaGraphQL(GraphQL):
    def __init__(self, settings: Settings, catalog: Catalog):
        self.catalog = catalog
        super().__init__(
            build_schema(settings),
            graphql_ide=None if settings.production else "graphiql",
            allow_queries_via_get=not settings.production,
        )
        self.settings = settings

    async def render_graphql_ide(self, request: Any) -> Any:
        """The package's own GraphiQL page (http/web.py), not strawberry's, whose scripts come from a CDN."""
        return web_graphiql(request)

    async def execute_single(self, request: Any, request_adapter: Any, sub_response: Any, context: Any,
                             root_value: Any, request_data: Any) -> Any:
        """A report-only query asked again within the data's generation is answered from the answer kept for it
        (graphql/answer_cache.py); every other operation, and the first of each, runs in full."""
        found = None
        if answer_cache.eligible(request_data.query, request_data.operation_name, self.settings.max_tokens):
            found = await answer_cache.key(context, request_data.query, request_data.operation_name,
                                           request_data.variables)
        if found is not None:
            body = answer_cache.get(found)
            if body is not None:
                return KeptResult(data=None, errors=None, body=body)
        result = await super().execute_single(request, request_adapter, sub_response, context, root_value,
                                              request_data)
        if found is not None and isinstance(result, ExecutionResult) and not result.errors and result.data:
            body = answer_cache.put(found, result.data)
            if body is not None:  # encoded once: the answer sent is the one kept
                return KeptResult(data=None, errors=None, body=body)
        return result

    async def process_result(self, request: Any, result: Any) -> Any:
        """The answer in the type the request asks for (http/graphql_response.py): a request error in
        application/graphql-response+json has no `data` key. A kept answer is its body, already encoded."""
        if isinstance(result, KeptResult):
            graphql_response.note(request.headers.get("accept"), result)
            return EncodedBody(body=result.body)
        body = await super().process_result(request, result)
        graphql_response.note(request.headers.get("accept"), result)
        return graphql_response.shape(body)

    def encode_json(self, data: Any) -> Any:
        return data.body if isinstance(data, EncodedBody) else super().encode_json(data)

    def create_response(self, response_data: Any, sub_response: Any) -> Any:
        response = super().create_response(response_data, sub_response)
        status, media_type = graphql_response.status_and_type()
        if media_type != graphql_response.JSON:
            response.headers["content-type"] = f"{media_type}; charset=utf-8"
        if status is not None and not sub_response.status_code:
            response.status_code = status
        return response

    async def get_context(self, request: Any, response: Any) -> Any:
        ctx = await build_context(self.settings, self.catalog, request, response)
        if response is not None and hasattr(response, "headers"):
            response.headers["X-Request-ID"] = ctx.request_id
        return ctx


def create_app(settings: Settings, *, apply_migrations: bool = True) -> Starlette:
    """The app; plugins and the curve file load here, so a broken plugin or curve file stops start-up
    (PluginLoadError, CurveFileError: each names the file)."""
    catalog = Catalog.load(settings)
    curve.rules_for(settings.curve_file)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        with clock.pinned(settings.today):  # the one clock every rule that reads today's date asks
            with credit_points.configured(settings.credit_point_percentages):  # the exports' and documents'
                async with _database(app):
                    yield

    @contextlib.asynccontextmanager
    async def _database(app: Starlette) -> AsyncIterator[None]:
        async with db.database(settings.database_url, apply_migrations=apply_migrations):
            await catalog.sync()
            # What start-up built (modules, schema, specs) lives as long as the process: frozen, so full
            # collections walk only what requests allocate, and they run between large answers (graphql/pacing.py)
            policy = pacing.collection_policy() if settings.freeze_gc else contextlib.nullcontext()
            with policy:
                log.info("kinerja ready on %s", _safe_url(settings.database_url))
                yield

    async def healthz(request: Request) -> JSONResponse:
        try:
            await db.ping()
        except Exception as exc:  # the database is down or unreachable
            log.warning("health check failed: %s", exc)
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "up"})

    middleware = forwarded_headers(settings.trusted_proxies)  # first: what follows sees the client's address
    # gzip for the console's files, the CSV exports and large answers; never a sign-in answer (http/compression.py)
    middleware.append(Middleware(Compression))
    if settings.worker_header:  # tests only: which worker answered
        middleware.append(Middleware(WorkerHeader))
    if settings.cors_origins:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type"], expose_headers=["X-Request-ID"])
        )
    graphql = KinerjaGraphQL(settings, catalog)
    app = Starlette(
        routes=[
            Route("/graphql", GraphQLHttpGuard(graphql, max_body_bytes=settings.max_body_bytes,
                                               timeout_seconds=settings.request_timeout_seconds,
                                               queries_via_get=not settings.production,
                                               trusted=trusted_documents.load(),
                                               trusted_only=settings.trusted_documents == "only"),
                  methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/reports/{name}.csv", report_csv, methods=["GET"]),
            Route("/reports/{name}.xlsx", report_xlsx, methods=["GET"]),
            # the official documents (http/documents.py): a person's, an agency's as a ZIP, and the public check
            Route("/documents/evaluasi.zip", evaluasi_zip, methods=["GET"]),
            Route("/documents/evaluasi/{nip}/{period}.pdf", evaluasi_pdf, methods=["GET"]),
            Route("/documents/evaluasi-tahunan/{nip}/{year}.pdf", tahunan_pdf, methods=["GET"]),
            Route("/documents/skp/{nip}/{year}.pdf", skp_pdf, methods=["GET"]),
            Route("/documents/kurva/{agency}/{period}.pdf", kurva_pdf, methods=["GET"]),
            Route("/documents/tindak-lanjut/{agency}/{period}.pdf", tindak_lanjut_pdf, methods=["GET"]),
            Route("/verify/{code}", verify_page, methods=["GET"]),
            Route("/monitoring/people.csv", monitoring_people_csv, methods=["GET"]),
            Route("/monitoring/people.xlsx", monitoring_people_xlsx, methods=["GET"]),
            Route("/imports/people/preview", people_preview, methods=["POST"]),
            Route("/imports/people", people_commit, methods=["POST"]),
            Route("/exports/people.csv", people_csv, methods=["GET"]),
            Route("/exports/people.xlsx", people_xlsx, methods=["GET"]),
            Route("/imports/targets/preview", targets_preview, methods=["POST"]),
            Route("/imports/targets", targets_commit, methods=["POST"]),
            Route("/exports/targets.csv", targets_csv, methods=["GET"]),
            Route("/exports/targets.xlsx", targets_xlsx, methods=["GET"]),
            # the console's other lists (after people and targets, whose routes are their own)
            Route("/exports/{name}.csv", list_csv, methods=["GET"]),
            Route("/exports/{name}.xlsx", list_xlsx, methods=["GET"]),
            *web_routes(),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.catalog = catalog
    return app


def _safe_url(url: str) -> str:
    """The database URL without its password, for logs."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return url


def app_from_environment() -> Starlette:
    """The app a uvicorn worker builds (`kinerja serve` passes its settings through the environment)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return create_app(Settings.from_env(), apply_migrations=os.environ.get("KINERJA_MIGRATE", "1") != "0")
