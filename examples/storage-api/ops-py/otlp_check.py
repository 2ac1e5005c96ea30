"""Checks that storage-api exports the span of a failed request over OTLP,
in the client's trace, with the error's code and status.

Runs an OTLP trace receiver built from the protocol's official protobuf
packages (opentelemetry-proto): the collector's TraceService over gRPC
(grpcio), and `POST /v1/traces` over HTTP (http.server), each decoding
`ExportTraceServiceRequest`s. For each protocol, `grpc` then
`http/protobuf`, it starts the storage-api binary exporting to the matching
receiver, sends `GET /volumes/<a name no volume has>` with a fresh W3C
`traceparent` and waits for the server span of that trace: its `error.type`
must be the problem's `code`, its `http.response.status_code` 404, its
parent the client span the `traceparent` names, its resource's
`service.name` storage-api, and the problem must carry the trace id. A
request with a malformed `traceparent` must get a problem that carries no
trace id and does not echo the header.

Usage: otlp_check.py PATH-TO-STORAGE-API
"""

import gzip
import http.client
import http.server
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent import futures

import grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from opentelemetry.proto.trace.v1 import trace_pb2

SERVICE_NAME = "storage-api"
# How long the server may take to answer its first request, and the span
# to arrive (the batch processor is told to export every 200 ms).
STARTUP_SECONDS = 15
SPAN_SECONDS = 15


class CheckFailed(Exception):
    """Something the server did, or did not do, that the contract requires."""


class Received:
    """Every span the receivers decoded, with the protocol it came over."""

    def __init__(self):
        self._lock = threading.Lock()
        self._spans = []  # (protocol, resource attributes, span)
        self.rejected = []  # why a request to a receiver was refused

    def add(self, protocol, request):
        with self._lock:
            for resource_spans in request.resource_spans:
                resource = attributes(resource_spans.resource.attributes)
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        self._spans.append((protocol, resource, span))

    def reject(self, reason):
        with self._lock:
            self.rejected.append(reason)

    def of_trace(self, trace_id_hex):
        """The spans of one trace, as (protocol, resource attributes, span)."""
        # A span's trace_id is the 16 raw bytes; the W3C header and the
        # problem body spell it as 32 lowercase hex digits.
        wanted = bytes.fromhex(trace_id_hex)
        with self._lock:
            return [entry for entry in self._spans if entry[2].trace_id == wanted]


def attribute_value(value):
    """An OTLP AnyValue as a Python value: int stays int, string stays str."""
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [attribute_value(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return attributes(value.kvlist_value.values)
    return getattr(value, kind)


def attributes(key_values):
    return {kv.key: attribute_value(kv.value) for kv in key_values}


class TraceService(trace_service_pb2_grpc.TraceServiceServicer):
    """The collector's gRPC TraceService: decodes and keeps every span."""

    def __init__(self, received):
        self.received = received

    def Export(self, request, context):
        self.received.add("grpc", request)
        return trace_service_pb2.ExportTraceServiceResponse()


def http_handler(received):
    """A handler of OTLP/HTTP's `POST /v1/traces` with a protobuf body."""

    class Handler(http.server.BaseHTTPRequestHandler):
        # Keep-alive, as exporters expect of a collector.
        protocol_version = "HTTP/1.1"

        def read_body(self):
            if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
                return self.rfile.read(int(self.headers.get("Content-Length", 0)))
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    # The trailer section, up to its empty line.
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()  # the CRLF ending the chunk

        def do_POST(self):
            body = self.read_body()
            content_type = self.headers.get("Content-Type", "")
            if self.path != "/v1/traces":
                received.reject(f"POST {self.path}, not /v1/traces")
                self.send_error(404)
                return
            if content_type.split(";")[0].strip() != "application/x-protobuf":
                received.reject(f"POST /v1/traces with content type {content_type!r}, not application/x-protobuf")
                self.send_error(415)
                return
            # OTLP/HTTP allows a gzip-compressed body.
            if self.headers.get("Content-Encoding", "").lower() == "gzip":
                body = gzip.decompress(body)
            try:
                request = trace_service_pb2.ExportTraceServiceRequest.FromString(body)
            except Exception as error:  # the protobuf runtime's DecodeError
                received.reject(f"POST /v1/traces with a body that is no ExportTraceServiceRequest: {error}")
                self.send_error(400)
                return
            received.add("http/protobuf", request)
            answer = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):
            # The exporter posts every 200 ms: its requests are not news.
            pass

    return Handler


def start_receivers(received):
    """Both receivers on free ports of 127.0.0.1: (gRPC port, HTTP port,
    a function that stops them)."""
    grpc_server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(TraceService(received), grpc_server)
    grpc_port = grpc_server.add_insecure_port("127.0.0.1:0")
    grpc_server.start()
    http_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http_handler(received))
    threading.Thread(target=http_server.serve_forever, daemon=True).start()

    def stop():
        http_server.shutdown()
        http_server.server_close()
        grpc_server.stop(grace=None)

    return grpc_port, http_server.server_address[1], stop


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, headers=None):
    """GET over HTTP/1.1: (status, content type, body bytes), whatever the
    status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


class Server:
    """The storage-api binary, exporting its spans over `protocol` to
    `endpoint`; its output goes to a temporary file, shown on failure."""

    def __init__(self, binary, protocol, endpoint):
        self.port = free_port()
        # Nothing inherited may redirect the export: a signal-specific
        # variable (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) would win over ours.
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_") and k != "TERROR_GRPC_ADDR"}
        env.update({
            "TERROR_ADDR": f"127.0.0.1:{self.port}",
            "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
            "OTEL_EXPORTER_OTLP_PROTOCOL": protocol,
            "OTEL_BSP_SCHEDULE_DELAY": "200",
            "OTEL_SERVICE_NAME": SERVICE_NAME,
        })
        self.log = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen([binary], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        except OSError as error:
            raise CheckFailed(f"cannot start {binary}: {error}") from None

    def wait_until_it_answers(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CheckFailed(f"storage-api exited with {self.process.returncode} before answering")
            try:
                get(self.port, "/volumes")
                return
            except OSError:
                time.sleep(0.1)
        raise CheckFailed(f"storage-api did not answer on port {self.port} within {STARTUP_SECONDS} s")

    def output(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def problem_of(port, path, headers):
    """The problem document a request gets; it must be one."""
    status, content_type, body = get(port, path, headers)
    if not content_type.startswith("application/problem+json"):
        raise CheckFailed(f"GET {path} answered {status} with {content_type!r}, not a problem: {body[:300]!r}")
    return status, body.decode("utf-8"), json.loads(body)


def check_trace(received, server, protocol):
    """A traced failed request: its problem, then its span over `protocol`."""
    trace_id = secrets.token_hex(16)
    parent_id = secrets.token_hex(8)
    path = f"/volumes/ops-missing-{secrets.token_hex(4)}"
    status, _, problem = problem_of(server.port, path, {"traceparent": f"00-{trace_id}-{parent_id}-01"})
    if status != 404:
        raise CheckFailed(f"GET {path} answered {status}, not 404: {problem}")
    if problem.get("trace_id") != trace_id:
        raise CheckFailed(f"GET {path} with trace {trace_id}: the problem's trace_id is {problem.get('trace_id')!r}")
    code = problem["code"]
    print(f"[{protocol}] GET {path}: {status} {code}, trace_id {trace_id}")

    wanted = {"error.type": code, "http.response.status_code": 404}
    deadline = time.monotonic() + SPAN_SECONDS
    while True:
        spans = received.of_trace(trace_id)
        matching = [
            (via, resource, span) for via, resource, span in spans
            if span.kind == trace_pb2.Span.SPAN_KIND_SERVER
            and all(attributes(span.attributes).get(k) == v for k, v in wanted.items())
        ]
        if matching or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    if not matching:
        seen = "\n".join(
            f"    via {via}: {span.name!r} {trace_pb2.Span.SpanKind.Name(span.kind)} {attributes(span.attributes)}"
            for via, _, span in spans
        ) or "    none"
        rejected = "".join(f"\n  the receiver refused: {reason}" for reason in received.rejected)
        raise CheckFailed(
            f"no SERVER span of trace {trace_id} with {wanted} within {SPAN_SECONDS} s; spans of that trace:\n"
            f"{seen}{rejected}"
        )
    via, resource, span = matching[0]
    print(f"[{protocol}] span {span.name!r}, kind {trace_pb2.Span.SpanKind.Name(span.kind)}, via the {via} receiver")
    for key, value in sorted(attributes(span.attributes).items()):
        print(f"    {key} = {value!r}")
    if via != protocol:
        raise CheckFailed(f"the span came over {via}, though the server was told to export over {protocol}")
    # The server span continues the client's: its parent is the client span
    # the traceparent named.
    if span.parent_span_id.hex() != parent_id:
        raise CheckFailed(f"the span's parent is {span.parent_span_id.hex()!r}, not the traceparent's {parent_id}")
    if resource.get("service.name") != SERVICE_NAME:
        raise CheckFailed(f"the span's resource has service.name {resource.get('service.name')!r}, "
                          f"not {SERVICE_NAME!r} (OTEL_SERVICE_NAME)")


def check_malformed_traceparent(server, protocol):
    """A traceparent that does not parse is ignored: no trace id in the
    problem, and the header's text nowhere in it."""
    traceparent = "00-" + "z" * 32 + "-" + "z" * 16 + "-01"
    path = f"/volumes/ops-missing-{secrets.token_hex(4)}"
    status, text, problem = problem_of(server.port, path, {"traceparent": traceparent})
    if "trace_id" in problem:
        raise CheckFailed(f"GET {path} with a malformed traceparent: the problem has trace_id {problem['trace_id']!r}")
    if traceparent in text or "z" * 16 in text:
        raise CheckFailed(f"GET {path} with a malformed traceparent: the problem echoes it: {text}")
    print(f"[{protocol}] GET {path} with traceparent {traceparent}: {status} {problem.get('code')}, no trace_id")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: otlp_check.py PATH-TO-STORAGE-API")
    # A CI job cancelled with SIGTERM still runs the `finally` blocks that
    # stop the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # Progress lines in order with the failure message, in a CI log too.
    sys.stdout.reconfigure(line_buffering=True)
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        sys.exit(f"otlp check FAILED: {binary} is not an executable")
    received = Received()
    grpc_port, http_port, stop_receivers = start_receivers(received)
    print(f"OTLP receivers: gRPC on 127.0.0.1:{grpc_port}, HTTP on 127.0.0.1:{http_port}")
    try:
        for protocol, port in (("grpc", grpc_port), ("http/protobuf", http_port)):
            try:
                server = Server(binary, protocol, f"http://127.0.0.1:{port}")
            except CheckFailed as failure:
                sys.exit(f"otlp check FAILED: {failure}")
            try:
                server.wait_until_it_answers()
                check_trace(received, server, protocol)
                check_malformed_traceparent(server, protocol)
            except (CheckFailed, OSError) as failure:
                tail = "\n".join(server.output().strip().splitlines()[-30:]) or "(nothing)"
                sys.exit(f"otlp check FAILED [{protocol}]: {failure}\n--- storage-api output (last lines) ---\n{tail}")
            finally:
                server.stop()
    finally:
        stop_receivers()
    print("storage-api exports the failed request's span over both OTLP protocols")


if __name__ == "__main__":
    main()
