"""`make bench`: the performance figures of the handbook toolchain, measured in one run.

Every figure is a ratio or a time measured in this run, on this machine, against a baseline
measured in the same run (machines are noisy; ratios travel). Writes bench/RESULTS.md.

  1. `handbook check` against a bare libyaml load of the same SOP files (goal ≤ 2×)
  2. the full site build with the hooks against a plain `mkdocs build` of the same pages
     pre-generated as Markdown by `handbook pages` (goal ≤ 1.15×)
  3. scaling at 100, 1,000 and 10,000 SOPs: time and peak memory (goal: linear, i.e. 10× the
     SOPs in ≤ 11× the time; 10,000 in ≤ 10 s and ≤ 1 GiB), cold and with the result cache
  4. live editing: save an SOP under `mkdocs serve`, time until its page is served rebuilt
     (goal ≤ 2 s)
  5. start-up costs: imports and jieba's dictionary
  6. the stale-translation check (`i18n.stale`): `handbook check` in a git checkout against the
     same files without `.git` (bench/stale.py)
  7–10. the built site (bench/site_bench.py): build time and page weight per engine at the shipped
     size, 100, 300 and 1,000 SOPs; the bytes a phone fetches for the home page and a first
     Chinese search; Lighthouse mobile scores; the site's goals against this run's figures

Usage: python bench/run.py [--quick] [--out bench/RESULTS.md]
  --quick: 100 and 1,000 SOPs only, one repetition; the site at the shipped size and 100 SOPs,
  MkDocs only, no Lighthouse (the short run CI does)
"""

from __future__ import annotations

import argparse
import contextlib
import html
import itertools
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from corpus import REPO, make_corpus
from site_bench import figures as site_figures
from site_bench import section as site_section
from stale import figures as stale_figures
from stale import section as stale_section

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEASURE = Path(__file__).with_name("measure.py")


def measure(what: str, path: Path) -> dict[str, float]:
    """One figure from a fresh process (see measure.py)."""
    proc = subprocess.run([sys.executable, str(MEASURE), what, str(path)], capture_output=True, text=True, env=ENV,
                          timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"{what} {path} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def timed_cli(*args: str, cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "handbook"), *args], cwd=cwd, capture_output=True, text=True, env=ENV)
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    return time.perf_counter() - start


def copy_repo(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.zh-hant.yml", "overrides", "hooks", "standards", "sop", "docs",
                 "quality"):
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def check_vs_bare(work: Path, sizes: list[int], reps: int) -> list[dict[str, float]]:
    rows = []
    for n in sizes:
        root = make_corpus(work / f"corpus-{n}", n)
        bare = [measure("bare", root)["seconds"] for _ in range(reps)]
        checks = [measure("check", root) for _ in range(reps)]
        shutil.rmtree(root / ".handbook-cache", ignore_errors=True)
        cold_cli = timed_cli("check", "--root", str(root), cwd=root)
        warm_cli = timed_cli("check", "--root", str(root), cwd=root)
        check_s = statistics.median(c["seconds"] for c in checks)
        rows.append({"n": n, "bare": statistics.median(bare), "check": check_s,
                     "ratio": check_s / statistics.median(bare),
                     "peak_mib": max(c["peak_mib"] for c in checks),
                     "workers_mib": max(c["workers_peak_mib"] for c in checks),
                     "cli_cold": cold_cli, "cli_warm": warm_cli})
        shutil.rmtree(root)
    return rows


def build_vs_plain(work: Path, reps: int) -> dict[str, float]:
    root = copy_repo(work / "site-repo")
    plain = work / "site-plain"
    subprocess.run([str(BIN / "handbook"), "pages", "--out", str(plain)], cwd=root, check=True, capture_output=True,
                   env=ENV)
    hooks, bare = [], []
    for _ in range(reps):  # alternate, so drift hits both alike
        hooks.append(measure("build-hooks", root)["seconds"])
        bare.append(measure("build-plain", plain)["seconds"])
    return {"hooks": statistics.median(hooks), "plain": statistics.median(bare),
            "ratio": statistics.median(hooks) / statistics.median(bare)}


def live_edit(work: Path, reps: int) -> dict[str, float]:
    root = copy_repo(work / "live-repo")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=log, stderr=subprocess.STDOUT, env=ENV)  # what `make serve` runs
    sop = root / "sop" / "complaint-handling.yml"
    good = sop.read_text(encoding="utf-8")
    zh_url = f"http://127.0.0.1:{port}/sop/complaint-handling.html"
    en_url = f"http://127.0.0.1:{port}/en/sop/complaint-handling.html"

    def page(url: str) -> str:
        """The page's text as a reader sees it (author text is written as character references)."""
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return html.unescape(r.read().decode("utf-8"))
        except OSError:
            return ""

    def wait(pred, limit: float = 120) -> float:  # type: ignore[no-untyped-def]
        start = time.monotonic()
        while not pred():
            if time.monotonic() - start > limit:
                raise SystemExit("live edit: timed out")
            time.sleep(0.02)
        return time.monotonic() - start

    try:
        first = wait(lambda: "顾客投诉处理" in page(zh_url))
        zh_times, both_times = [], []
        for i in range(reps):
            time.sleep(1.5)
            say_zh, say_en = f"您好，请您慢慢说（第{i}次修改）", f"Hello, please take your time (edit {i})"
            sop.write_text(good.replace("      - zh: ", f"      - zh: {say_zh}", 1)
                           .replace('        en: "', f'        en: "{say_en} ', 1), encoding="utf-8")
            start = time.monotonic()
            wait(lambda s=say_zh: s in page(zh_url))
            zh_times.append(time.monotonic() - start)
            wait(lambda s=say_en: s in page(en_url))
            both_times.append(time.monotonic() - start)
        nav_times = []
        # A new title changes the navigation, so every page is re-rendered. With navigation.prune a page
        # carries only its own section of the nav: the glossary no longer shows SOP titles, a sibling
        # SOP of the same section does (in its nav, and in its escalation and related links).
        sibling = f"http://127.0.0.1:{port}/sop/complaint-escalation.html"
        for i in range(reps):
            time.sleep(1.5)
            title = f"顾客投诉处理（第{i}版）"
            sop.write_text(good.replace("title:\n  zh: 顾客投诉处理\n", f"title:\n  zh: {title}\n", 1),
                           encoding="utf-8")
            start = time.monotonic()
            wait(lambda t=title: t in page(sibling))
            nav_times.append(time.monotonic() - start)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return {"first": first, "zh": statistics.median(zh_times), "both": statistics.median(both_times),
            "nav": statistics.median(nav_times)}


def startup(work: Path) -> dict[str, float]:
    figures = measure("startup", work)
    repo = copy_repo(work / "startup-repo")
    figures["check_shipped_cli"] = timed_cli("check", "--no-cache", cwd=repo)
    return figures


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu or 'unknown'}), {mem}, "
            f"Python {platform.python_version()}")


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(args: argparse.Namespace, rows, build, live, start) -> str:  # type: ignore[no-untyped-def]
    lines = [
        "# Benchmark results", "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `python bench/run.py{' --quick' if args.quick else ''}` "
        f"on: {machine()}. Each figure is the median of {args.reps} run(s), each in a fresh process; ratios "
        "compare figures taken in this same run.", "",
        "## 1 and 3. `handbook check` against a bare libyaml load, and scaling", "",
        "| SOPs | bare `yaml.load` (CSafeLoader) | `handbook check` | ratio (goal ≤ 2×) | peak memory: main / "
        "each worker | CLI end to end, cold | CLI, warm cache |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['bare']:.2f} s | {r['check']:.2f} s | {r['ratio']:.2f}× "
                     f"({verdict(r['ratio'] <= 2)}) | {r['peak_mib']:.0f} / {r['workers_mib']:.0f} MiB | "
                     f"{r['cli_cold']:.2f} s | "
                     f"{r['cli_warm']:.2f} s |")
    lines.append("")
    for a, b in itertools.pairwise(rows):
        growth = b["check"] / a["check"]
        lines.append(f"- {a['n']:,} → {b['n']:,} SOPs: {b['n'] / a['n']:.0f}× the SOPs in {growth:.1f}× the time "
                     f"(goal ≤ 11×: {verdict(growth <= 11 * b['n'] / a['n'] / 10)}).")
    big = next((r for r in rows if r["n"] == 10_000), None)
    if big:
        lines.append(f"- 10,000 SOPs: {big['check']:.1f} s (goal ≤ 10 s: {verdict(big['check'] <= 10)}), peak "
                     f"{big['peak_mib']:.0f} MiB in the main process and {big['workers_mib']:.0f} MiB in each of "
                     f"the workers (goal ≤ 1 GiB: {verdict(big['peak_mib'] + 2 * big['workers_mib'] <= 1024)}); "
                     "with the result cache warm, "
                     f"{big['cli_warm']:.1f} s end to end.")
    lines += ["", "## 2. Site build: hooks against plain MkDocs on the same pages", "",
              "| build (both languages) | time |", "| --- | ---: |",
              f"| `mkdocs build` with the hooks (check + generate + build) | {build['hooks']:.2f} s |",
              f"| `mkdocs build` of the pages pre-generated by `handbook pages`, no hooks | {build['plain']:.2f} s |",
              f"| ratio (goal ≤ 1.15×) | {build['ratio']:.2f}× ({verdict(build['ratio'] <= 1.15)}) |", ""]
    if live:
        lines += ["## 4. Live editing under `mkdocs serve --dirty` (`make serve`, shipped handbook)", "",
                  f"- first build: {live['first']:.1f} s",
                  f"- after saving a text change in an SOP, its Chinese page is served rebuilt in {live['zh']:.2f} s "
                  f"(goal ≤ 2 s: {verdict(live['zh'] <= 2)}), its English page in {live['both']:.2f} s",
                  f"- after a change of an SOP's title (the navigation of every page changes, so every page of "
                  f"both languages is re-rendered), until a sibling SOP shows it: {live['nav']:.2f} s", ""]
    lines += ["## 5. Start-up", "",
              f"- importing the checker: {start['imports'] * 1000:.0f} ms",
              f"- jieba's dictionary (search segmentation, loaded once per build process): {start['jieba']:.2f} s",
              f"- `handbook check` of the shipped handbook, whole process, no cache: "
              f"{start['check_shipped_cli']:.2f} s", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("RESULTS.md"))
    args = parser.parse_args()
    args.reps = 1 if args.quick else 3
    sizes = [100, 1_000] if args.quick else [100, 1_000, 10_000]
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        work = Path(tmp)
        start = startup(work)
        rows = check_vs_bare(work, sizes, args.reps)
        build = build_vs_plain(work, args.reps)
        live = None if args.quick else live_edit(work, args.reps)
        stale = stale_figures(work, args.reps)
        site = site_figures(work, args.quick)
    text = report(args, rows, build, live, start) + "\n".join([*stale_section(stale), *site_section(site, live)])
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
