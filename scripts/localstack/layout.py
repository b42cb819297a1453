"""Where the stack keeps its state: everything lives under `<repo>/.local/`."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def local(self) -> Path:
        return self.root / ".local"

    @property
    def data(self) -> Path:
        return self.local / "data"

    @property
    def logs(self) -> Path:
        return self.local / "logs"

    @property
    def run(self) -> Path:
        return self.local / "run"

    @property
    def mongo_data(self) -> Path:
        return self.data / "mongo"

    @property
    def venv(self) -> Path:
        return self.root / ".venv"

    @property
    def gateway(self) -> Path:
        return self.root / "gateway"

    @property
    def admin_password(self) -> Path:
        """The platform admin's password for this checkout's stack (mode 600, made once)."""
        return self.local / "admin-password"

    def log(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def pidfile(self, name: str) -> Path:
        return self.run / f"{name}.pid"

    def marker(self, name: str) -> Path:
        """A file whose presence records that the stack started something without a pid."""
        return self.run / f"{name}.started"

    def ensure_dirs(self) -> None:
        for path in (self.mongo_data, self.logs, self.run):
            path.mkdir(parents=True, exist_ok=True)

    def python(self) -> str:
        """The interpreter for services and helpers: the repository's venv when it has one."""
        candidate = self.venv / "bin" / "python"
        if candidate.exists() and os.access(candidate, os.X_OK):
            return str(candidate)
        return sys.executable
