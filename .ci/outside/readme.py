"""Builds the README's complete example as printed, in a new crate outside
the repository, against the packaged crates, then runs it as a newcomer
would: `cargo test`, `cargo run` and a few requests, and a broken `.ftl`
file at startup.

Usage: readme.py WORK_DIR VERSION TARGET_DIR (called by .ci/outside/check)
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

work, version, target_dir = sys.argv[1:4]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
# The section's fenced blocks whose info string names a file, up to the
# next heading outside a block (an .ftl file's `## ` comments are not one).
blocks, block, inside = [], None, False
for line in readme.split("\n## A complete example\n", 1)[1].splitlines(keepends=True):
    if line.startswith("```"):
        if block is not None:
            blocks.append(block)
            block = None
        else:
            info = line[3:].split()
            if len(info) == 2:
                block = [info[0], info[1], ""]
        inside = not inside
    elif block is not None:
        block[2] += line
    elif not inside and line.startswith("## "):
        break
files = [path for _, path, _ in blocks]
expected = ["Cargo.toml", "src/main.rs", "locales/en-US/volumes.ftl", "locales/ru/volumes.ftl", "build.rs"]
assert files == expected, files

crate = os.path.join(work, "volumes")
for _, path, text in blocks:
    os.makedirs(os.path.dirname(os.path.join(crate, path)) or crate, exist_ok=True)
    with open(os.path.join(crate, path), "w", encoding="utf-8") as f:
        f.write(text)
with open(os.path.join(crate, "Cargo.toml"), "a", encoding="utf-8") as f:
    f.write(
        "\n[patch.crates-io]\n"
        + "".join(
            f'{name} = {{ path = "../crates/{name}-{version}" }}\n'
            for name in ["terror-core", "terror-axum", "terror-derive", "terror-ftl", "terror-contract"]
        )
        + "\n[workspace]\n"
    )
# The workspace's lock file pins the same dependency versions CI tested.
with open(os.path.join(root, "Cargo.lock"), encoding="utf-8") as lock:
    open(os.path.join(crate, "Cargo.lock"), "w", encoding="utf-8").write(lock.read())
env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(target_dir, "outside"))


def cargo(*args):
    subprocess.run(["cargo", *args], cwd=crate, env=env, check=True)


cargo("test", "--quiet")
cargo("build", "--quiet")
binary = os.path.join(target_dir, "outside", "debug", "volumes")

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    addr = "127.0.0.1:%d" % s.getsockname()[1]
server = subprocess.Popen([binary], env=dict(os.environ, ADDR=addr), stdout=subprocess.PIPE, text=True)
try:
    assert server.stdout.readline() == f"listening on http://{addr}\n"

    def request(method, path, language):
        req = urllib.request.Request(f"http://{addr}{path}", method=method, headers={"Accept-Language": language})
        try:
            with urllib.request.urlopen(req, timeout=5) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    status, headers, body = request("GET", "/volumes/db-02", "ru")
    problem = json.loads(body)
    assert (status, headers["Content-Language"]) == (404, "ru"), (status, headers)
    assert problem["detail"] == "Том db-02 не найден.", problem
    assert problem["type"] == "/errors/volume.not_found", problem
    status, _, body = request("GET", "/volumes/db-02", "en")
    assert json.loads(body)["detail"] == "Volume db-02 was not found.", body
    status, _, body = request("DELETE", "/volumes/db-01", "ru")
    assert status == 409 and "подключены 3 хоста" in json.loads(body)["detail"], body
    status, _, body = request("PUT", "/volumes/db-01", "en")
    assert status == 405 and json.loads(body)["args"]["allowed"] == "GET,HEAD,DELETE", body
    status, _, body = request("GET", "/errors/volume.not_found", "ru")
    assert status == 200 and b"volume.not_found" in body, status
finally:
    server.kill()
    server.wait()

# A translator's slip in a file only read at startup: `main` returns the
# error, and what it prints names the file, line and column.
ru = os.path.join(crate, "locales/ru/volumes.ftl")
text = open(ru, encoding="utf-8").read()
open(ru, "w", encoding="utf-8").write(text.replace("Том { $name } не найден.", "Том { $name не найден."))
cargo("build", "--quiet")
broken = subprocess.run([binary], env=dict(os.environ, ADDR=addr), capture_output=True, text=True, timeout=30)
assert broken.returncode == 1, broken
assert broken.stderr.startswith(
    "Error: 1 problem in locales\n  locales/ru/volumes.ftl:4:32: syntax error: "
), broken.stderr
print("the README's complete example builds, tests and answers as printed")
