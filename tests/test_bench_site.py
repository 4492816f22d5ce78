"""The site benchmark's own instruments (bench/site_bench.py): a wrong byte count or a server
that never sends the precompressed files would make every figure of RESULTS.md wrong."""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import site_bench  # noqa: E402


def fetch(url: str, path: str, accept: str | None) -> bytes:
    """Everything the server sends for one GET, as read from the socket."""
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    head = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
    head += f"Accept-Encoding: {accept}\r\n" if accept else ""
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall((head + "\r\n").encode())
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "sop").mkdir(parents=True)
    (site / "index.html").write_text("<p>首页</p>" * 500, encoding="utf-8")
    (site / "sop" / "a.html").write_text("<p>投诉</p>" * 300, encoding="utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 4)
    return site


def test_the_server_sends_the_gzip_copy_when_accepted_and_counts_every_byte(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    assert "gzip" in site_bench.precompress(site)
    assert (site / "index.html.gz").is_file() and not (site / "logo.png.gz").exists()
    with site_bench.serve(site) as (url, counter):
        packed = fetch(url, "/index.html", "gzip, deflate, br")
        head, body = packed.split(b"\r\n\r\n", 1)
        assert b"Content-Encoding: gzip" in head
        assert gzip.decompress(body) == (site / "index.html").read_bytes()
        plain = fetch(url, "/sop/a.html", None)
        assert b"Content-Encoding" not in plain.split(b"\r\n\r\n", 1)[0]
        assert plain.endswith((site / "sop" / "a.html").read_bytes())
        directory = fetch(url, "/", "gzip")
        assert gzip.decompress(directory.split(b"\r\n\r\n", 1)[1]) == (site / "index.html").read_bytes()
        assert counter.sent == len(packed) + len(plain) + len(directory)
        assert counter.requests == 3 and counter.encoded == {"gzip": 2}
    assert len(body) < (site / "index.html").stat().st_size / 5


def test_the_precache_figure_sums_the_files_the_worker_lists(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    site_bench.precompress(site)
    config = {"version": "x", "precache": ["index.html", "sop/a.html", "logo.png", "gone.html"], "exclude": []}
    (site / "sw.js").write_text('"use strict";\nconst CONFIG = ' + json.dumps(config, indent=1) + ";\nself.x = {};\n",
                                encoding="utf-8")
    figures = site_bench.precache(site)
    raw = sum((site / p).stat().st_size for p in ("index.html", "sop/a.html", "logo.png"))
    packed = sum((site / p).stat().st_size for p in ("index.html.gz", "sop/a.html.gz", "logo.png"))
    assert figures == {"entries": 4, "raw": raw, "gzip": packed, "missing": 1}


def test_an_engine_the_cli_does_not_know_is_recognised_as_refused() -> None:
    proc = subprocess.run([str(Path(sys.executable).parent / "handbook"), "build", "--engine", "no-such-engine"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2
    assert site_bench.refused(proc.stderr), proc.stderr
    assert not site_bench.refused("handbook: build failed: something else\n")
