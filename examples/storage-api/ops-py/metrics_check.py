"""Checks that storage-api's error counter counts exactly the errors it sent.

Reads `GET /metrics`, sends a run of successes and failures over HTTP and
gRPC, reads `/metrics` again and compares the increase of every series of
`terror_errors_total` with what the server answered: for each failed request
the `code` and `status` of its problem body (over gRPC, the `ErrorInfo.reason`
and status code of its rich status). Nothing else may have increased, and
every `code` label must be a catalog code, never free text.

The exposition is read with prometheus-client's parser, as a scraper reads
it. The server may have served requests before (only increases are
compared), but nothing else may use it while the check runs.

Usage: metrics_check.py HOST:PORT   (a running storage-api, gRPC on the same
port)
"""

import collections
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families
from prometheus_client.parser import text_string_to_metric_families

COUNTER = "terror_errors_total"
PROMETHEUS_TEXT = "text/plain;version=0.0.4"
# A catalog code: dotted snake_case segments, such as `volume.not_found`.
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*(\.[a-z][a-z0-9]*(_[a-z0-9]+)*)+$")
HTTP_STATUS = re.compile(r"^[1-5][0-9][0-9]$")
GRPC_CODES = {code.name for code in grpc.StatusCode}
TIMEOUT = 10


class CheckFailed(Exception):
    """A mismatch between what the server answered and what it counted."""


def http_request(target, method, path, body=None, headers=None):
    """One HTTP/1.1 request: (status, content type, body bytes), whatever
    the status (http.client, unlike urllib, raises nothing for a 4xx)."""
    host, port = target.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def show(labels):
    """A series as the exposition writes it, its labels in a fixed order."""
    labels = dict(labels)
    order = ["code", "status", "transport", "grpc_code"]
    keys = [k for k in order if k in labels] + sorted(k for k in labels if k not in order)
    return COUNTER + "{" + ",".join(f'{k}="{labels[k]}"' for k in keys) + "}"


def series(target):
    """Every series of the error counter now: {frozenset of labels: value}.

    A label with an empty value is dropped, as Prometheus itself treats it
    as absent, so `grpc_code=""` on an HTTP series equals no `grpc_code`."""
    status, content_type, body = http_request(target, "GET", "/metrics", headers={"Accept": PROMETHEUS_TEXT})
    if status != 200:
        raise CheckFailed(f"GET /metrics answered {status}: {body[:300]!r}")
    # The Prometheus text format is asked for; a server that answers in
    # OpenMetrics anyway (as some client libraries only can) is read with
    # that format's parser, whose families drop the _total.
    if content_type.startswith("application/openmetrics-text"):
        parse = openmetrics_families
    elif content_type.startswith("text/plain"):
        parse = text_string_to_metric_families
    else:
        raise CheckFailed(f"GET /metrics has content type {content_type!r}, not Prometheus text (text/plain)")
    found = {}
    for family in parse(body.decode("utf-8")):
        for sample in family.samples:
            if sample.name != COUNTER:
                continue
            if family.type != "counter":
                raise CheckFailed(f"{COUNTER} has the type {family.type}, not counter (is its # TYPE line missing?)")
            labels = frozenset((k, v) for k, v in sample.labels.items() if v != "")
            if labels in found:
                raise CheckFailed(f"{show(labels)} is exposed twice")
            found[labels] = sample.value
    return found


def label_problems(all_series):
    """What is wrong with the labels of each series: every series must name
    a catalog code, an HTTP status, a transport, and a gRPC status code
    exactly when the transport is gRPC."""
    problems = []
    for labels in all_series:
        where = show(labels)
        labels = dict(labels)
        code = labels.get("code")
        if code is None or not CODE.match(code):
            problems.append(f"{where}: the code label is not a catalog code (dotted snake_case): {code!r}")
        if not HTTP_STATUS.match(labels.get("status", "")):
            problems.append(f"{where}: the status label is not an HTTP status")
        transport = labels.get("transport")
        if transport not in ("http", "grpc"):
            problems.append(f"{where}: the transport label is neither http nor grpc")
        expected_keys = {"code", "status", "transport"} | ({"grpc_code"} if transport == "grpc" else set())
        if set(labels) != expected_keys:
            problems.append(f"{where}: labels {sorted(labels)}, expected {sorted(expected_keys)}")
        if transport == "grpc" and labels.get("grpc_code") not in GRPC_CODES:
            problems.append(f"{where}: grpc_code is not a google.rpc.Code name")
    return problems


def http_run(target):
    """Sends the HTTP requests; returns each failure's (code, status).

    Only requests that leave the seeded store as it was: the check can run
    again against the same server and provoke the same errors."""
    unknown = f"ops-missing-{secrets.token_hex(4)}"
    as_json = {"Content-Type": "application/json"}
    # (how many times, method, path, body, headers, whether it must fail).
    # The repetitions differ so that a count landing on the wrong series
    # shows.
    plan = [
        (2, "GET", "/volumes", None, {}, False),
        (1, "GET", "/volumes/db-01", None, {}, False),
        (3, "GET", f"/volumes/{unknown}", None, {}, True),
        # db-01 is attached to hosts, so it is never deleted.
        (2, "DELETE", "/volumes/db-01", None, {}, True),
        (1, "POST", "/volumes", json.dumps({"name": "Bad Name", "size_gb": 0}), as_json, True),
        # A valid new name in a pool that does not exist: nothing is created.
        (4, "POST", "/volumes", json.dumps({"name": unknown, "pool": f"{unknown}-pool", "size_gb": 1}), as_json,
         True),
        (1, "POST", "/volumes", "{", as_json, True),
        (1, "GET", "/volumes/db-01/snapshots/0", None, {}, True),
        (1, "PATCH", "/volumes", None, {}, True),
        (2, "GET", f"/{unknown}", None, {}, True),
        # The 5xx: the pool of `logs` has its backend offline, and `scratch`
        # has no hosts, which makes the usage handler panic.
        (2, "POST", "/volumes/logs/snapshots", None, {}, True),
        (1, "GET", "/volumes/scratch/usage", None, {}, True),
    ]
    failures = []
    for times, method, path, body, headers, must_fail in plan:
        for _ in range(times):
            status, content_type, raw = http_request(target, method, path, body, headers)
            what = f"HTTP {method} {path}"
            if not must_fail:
                if status >= 400:
                    raise CheckFailed(f"{what} must succeed, answered {status}: {raw[:300]!r}")
                continue
            if status < 400:
                raise CheckFailed(f"{what} must fail, answered {status}")
            if not content_type.startswith("application/problem+json"):
                raise CheckFailed(f"{what} answered {status} with {content_type!r}, not a problem: {raw[:300]!r}")
            try:
                problem = json.loads(raw)
            except ValueError:
                raise CheckFailed(f"{what} answered {status} with a problem that is no JSON: {raw[:300]!r}") from None
            if problem.get("status") != status:
                raise CheckFailed(f"{what}: the body's status {problem.get('status')!r} is not the response's {status}")
            if not isinstance(problem.get("code"), str):
                raise CheckFailed(f"{what} answered {status} with a problem without a code: {problem}")
            failures.append((problem["code"], str(status)))
    return failures


def stubs():
    """storage.v1's stubs, generated from the example's .proto by grpcio-tools
    into a temporary directory."""
    here = os.path.dirname(os.path.abspath(__file__))
    proto = os.path.join(here, "..", "proto")
    out = tempfile.mkdtemp()
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{proto}", f"--python_out={out}",
         f"--grpc_python_out={out}", "storage/v1/storage.proto"],
        check=True,
    )
    sys.path.insert(0, out)
    from storage.v1 import storage_pb2, storage_pb2_grpc
    return storage_pb2, storage_pb2_grpc


def grpc_run(target):
    """Sends the gRPC calls; returns each failure's (ErrorInfo reason, gRPC
    status code name, the code its Help link names or None)."""
    storage_pb2, storage_pb2_grpc = stubs()
    unknown = f"ops-missing-{secrets.token_hex(4)}"
    plan = [
        (1, "GetVolume", storage_pb2.GetVolumeRequest(name="db-01"), False),
        (2, "GetVolume", storage_pb2.GetVolumeRequest(name=unknown), True),
        (1, "CreateVolume", storage_pb2.CreateVolumeRequest(name="Bad Name", size_gb=0), True),
        (1, "CreateVolume", storage_pb2.CreateVolumeRequest(name=unknown, pool=f"{unknown}-pool", size_gb=1), True),
        (1, "DeleteVolume", storage_pb2.DeleteVolumeRequest(name="db-01"), True),
        (3, "CreateSnapshot", storage_pb2.CreateSnapshotRequest(volume="logs"), True),
    ]
    failures = []
    with grpc.insecure_channel(target) as channel:
        stub = storage_pb2_grpc.StorageStub(channel)
        for times, method, request, must_fail in plan:
            for _ in range(times):
                what = f"gRPC {method}({request})".replace("\n", " ")
                try:
                    getattr(stub, method)(request, timeout=TIMEOUT)
                except grpc.RpcError as error:
                    if not must_fail:
                        raise CheckFailed(f"{what} must succeed, failed with {error.code().name}: {error.details()}")
                    # A call that never reached the server fails without a
                    # rich status too: the details say which it was.
                    status = rpc_status.from_call(error)
                    if status is None:
                        raise CheckFailed(f"{what} failed with {error.code().name} without a rich status: "
                                          f"{error.details()}")
                    info = error_details_pb2.ErrorInfo()
                    help_ = error_details_pb2.Help()
                    for detail in status.details:
                        if detail.Is(info.DESCRIPTOR):
                            detail.Unpack(info)
                        elif detail.Is(help_.DESCRIPTOR):
                            detail.Unpack(help_)
                    if not info.reason:
                        raise CheckFailed(f"{what} failed with {error.code().name}, its rich status has no ErrorInfo")
                    linked = None
                    if help_.links:
                        linked = help_.links[0].url.rstrip("/").rsplit("/", 1)[-1]
                    failures.append((info.reason, error.code().name, linked))
                else:
                    if must_fail:
                        raise CheckFailed(f"{what} must fail, succeeded")
    return failures


def upper_snake(code):
    """A code as ErrorInfo.reason spells it: volume.not_found, VOLUME_NOT_FOUND."""
    return code.replace(".", "_").upper()


def expected_series(http_failures, grpc_failures):
    """How much each series must grow: {frozenset of labels: count}.

    A gRPC error carries its code in UPPER_SNAKE and no HTTP status; the
    counter labels it with the dotted code and the error's declared HTTP
    status. Both are taken from the HTTP answers of this run for the same
    error, which is why every gRPC failure above has an HTTP twin."""
    expected = collections.Counter()
    http_status_of = {}
    for code, status in http_failures:
        expected[frozenset({"code": code, "status": status, "transport": "http"}.items())] += 1
        if http_status_of.setdefault(code, status) != status:
            raise CheckFailed(f"{code} was answered over HTTP with both {http_status_of[code]} and {status}")
    by_reason = {upper_snake(code): code for code in http_status_of}
    for reason, grpc_code, linked in grpc_failures:
        code = by_reason.get(reason)
        if code is None:
            raise CheckFailed(f"gRPC reason {reason} has no HTTP twin in this run, so its declared HTTP status "
                              f"is unknown (HTTP codes seen: {sorted(http_status_of)})")
        if linked is not None and linked != code:
            raise CheckFailed(f"gRPC reason {reason}: its Help link names {linked!r}, not {code!r}")
        labels = {"code": code, "status": http_status_of[code], "transport": "grpc", "grpc_code": grpc_code}
        expected[frozenset(labels.items())] += 1
    return expected


def compare(before, after, expected):
    """Every series' increase against the expected one: the rows of the
    table, and the mismatches."""
    def order(labels):
        labels = dict(labels)
        return tuple(labels.get(k, "") for k in ("transport", "code", "status", "grpc_code"))

    rows, mismatches = [], []
    for labels in sorted(set(after) | set(before) | set(expected), key=order):
        increase = after.get(labels, 0) - before.get(labels, 0)
        want = expected.get(labels, 0)
        if labels not in after and labels in before:
            mismatches.append(f"{show(labels)} was exposed before the run and is gone after it")
        if increase == 0 and want == 0:
            continue
        ok = increase == want
        rows.append((dict(labels), want, increase, ok))
        if not ok:
            mismatches.append(f"{show(labels)}: {want} sent, counter grew by {increase:g}")
    return rows, mismatches


def print_table(rows):
    """The series that grew or had to, one a line."""
    header = ("transport", "code", "status", "grpc_code", "sent", "counted", "")
    lines = [header] + [
        (labels.get("transport", "?"), labels.get("code", "?"), labels.get("status", "?"),
         labels.get("grpc_code", "-"), str(want), f"{increase:g}", "ok" if ok else "MISMATCH")
        for labels, want, increase, ok in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: metrics_check.py HOST:PORT")
    target = sys.argv[1]
    # The table in order with the failure message, in a CI log too.
    sys.stdout.reconfigure(line_buffering=True)
    try:
        before = series(target)
        http_failures = http_run(target)
        grpc_failures = grpc_run(target)
        after = series(target)
        rows, mismatches = compare(before, after, expected_series(http_failures, grpc_failures))
        print_table(rows)
    except CheckFailed as failure:
        sys.exit(f"metrics check FAILED: {failure}")
    except OSError as error:
        sys.exit(f"metrics check FAILED: no answer over HTTP from {target}: {error}")
    problems = label_problems(after) + mismatches
    if problems:
        sys.exit("metrics check FAILED:\n  " + "\n  ".join(problems))
    print(f"{COUNTER} counted exactly the {len(http_failures)} HTTP and {len(grpc_failures)} gRPC errors sent")


if __name__ == "__main__":
    main()
