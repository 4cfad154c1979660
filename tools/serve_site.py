"""Serve build/site/ on 127.0.0.1 as it will be published: nginx with deploy/nginx.conf.

    python tools/serve_site.py [--port 8000] [build/site]     # make preview

The server block is the shipped file with only ``listen`` and ``root``
changed, so the preview sends the same headers, gzip and 404 pages as the
real host (tests/browser/test_web_server.py uses the same code). Without
nginx it falls back to Python's http.server, and says what that lacks.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def find_nginx() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def server_block(site: Path, port: int) -> str:
    """deploy/nginx.conf listening on 127.0.0.1:port and serving ``site``."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+80;", rf"\g<1>listen 127.0.0.1:{port};", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s+\S+;", lambda m: f"{m.group(1)}root {site.resolve()};", text, flags=re.M)
    if listens != 1 or roots != 1:
        raise SystemExit(f"{NGINX_CONF}: needs exactly one `listen 80;` and one `root …;` line")
    return text


def nginx_command(nginx: str, site: Path, port: int, prefix: Path) -> list[str]:
    """Write a minimal nginx.conf around the server block into ``prefix``; return the command to run it."""
    (prefix / "server.conf").write_text(server_block(site, port), encoding="utf-8")
    temp_paths = "".join(f"  {kind}_temp_path {prefix / kind};\n" for kind in TEMP_KINDS)
    # As root, the workers would otherwise switch to "nobody", who may not read the site.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
        f"events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n{temp_paths}  include {prefix / 'server.conf'};\n}}\n",
        encoding="utf-8",
    )  # fmt: skip
    return [nginx, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")]


def start_nginx(site: Path, port: int, prefix: Path) -> subprocess.Popen:
    """nginx in the foreground, once it accepts connections; raises RuntimeError if it cannot."""
    nginx = find_nginx()
    if nginx is None:
        raise RuntimeError("nginx is not installed: install the Debian package nginx ('make system-deps' does it).")
    command = nginx_command(nginx, site, port, prefix)
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx rejects {NGINX_CONF}:\n{check.stderr}")
    server = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"nginx did not start: {server.stderr.read()}") from None
            if time.monotonic() > deadline:
                server.terminate()
                raise RuntimeError("nginx did not listen within 10 s") from None
            time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"No site in {args.site}: run 'make' first.", file=sys.stderr)
        return 1
    url = f"http://127.0.0.1:{args.port}/"
    if find_nginx() is None:
        print(f"nginx is not installed (Debian: nginx): serving with Python's http.server on {url}, "
              "without the response headers, gzip or per-language 404 pages of deploy/nginx.conf.")  # fmt: skip
        return subprocess.call([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                                "--directory", str(args.site), str(args.port)])  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="handbook-nginx-") as prefix:
        try:
            server = start_nginx(args.site, args.port, Path(prefix))
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Serving {args.site} with nginx and deploy/nginx.conf on {url} (Ctrl+C stops it).")
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
