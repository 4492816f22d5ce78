"""The other editions of a plain build, each in its own process, while the main one builds.

An edition is a whole MkDocs build (every page rendered, then indexed for search): three of
them one after another make a 1,000-SOP handbook wait for three builds. The main build (zh)
therefore starts the others as child processes (`mkdocs build` of their config, with the same
hooks, told by HANDBOOK_EDITION_PROCESS that they are an edition of a build and not a build of
their own) and collects them when its own pages are done. A child writes into a folder beside
the site (MkDocs empties the main build's folder before it writes), its output goes to a file
(relayed: warnings and errors), and its folder moves into the main one only when every edition
succeeded. `mkdocs serve` keeps building in one process (its incremental state lives there).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

CHILD_ENV = "HANDBOOK_EDITION_PROCESS"


def is_child() -> bool:
    """This process builds one edition for a main build (which checked and will swap)."""
    return os.environ.get(CHILD_ENV) == "1"


@dataclass
class Child:
    code: str
    folder: Path  # where the child builds: <tmp>/<code>
    process: subprocess.Popen[bytes]
    output: IO[bytes]

    @classmethod
    def start(cls, root: Path, code: str, config: str, site_dir: Path, *, strict: bool) -> Child:
        """Start building edition `code` (its MkDocs `config`) beside `site_dir`."""
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        holder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.{code}-", dir=site_dir.parent))
        folder = holder / code
        output = tempfile.TemporaryFile()  # noqa: SIM115 (open until the child is collected)
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / config), "-d", str(folder)]
        if strict:
            command.append("--strict")
        env = {**os.environ, CHILD_ENV: "1", "NO_MKDOCS_2_WARNING": "1"}
        process = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
        return cls(code, folder, process, output)

    def wait(self) -> bool:
        return self.process.wait() == 0

    def relay(self, log: logging.Logger) -> None:
        """Pass on the child's warnings and errors (its INFO lines are its own business)."""
        self.output.seek(0)
        for raw in self.output.read().decode("utf-8", "replace").splitlines():
            level, _, message = raw.partition(" -  ")
            level = level.strip()
            if level in ("WARNING", "ERROR"):
                (log.warning if level == "WARNING" else log.error)(f"[{self.code}] {message.strip()}")
            elif self.process.returncode and raw.strip() and not level.startswith(("INFO", "DEBUG")):
                log.error(f"[{self.code}] {raw.strip()}")

    def move_into(self, site_dir: Path) -> None:
        target = site_dir / self.code
        shutil.rmtree(target, ignore_errors=True)
        self.folder.rename(target)
        self.cleanup()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.cleanup()

    def cleanup(self) -> None:
        shutil.rmtree(self.folder.parent, ignore_errors=True)
        self.output.close()
