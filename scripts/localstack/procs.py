"""Background processes and their pid files.

A pid file holds only the pid, so `kill $(cat .local/run/people.pid)` works by hand. Each
process is started in a session of its own (it survives the shell that ran `make up`, and
its process group id equals its pid), so stopping signals the whole group: `npm start`
and the node process under it go together.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

# How much later than its pid file a process may have started and still be the one we wrote
# it for; later than that, the pid was reused by an unrelated process (after a reboot, say).
PID_REUSE_SLACK_S = 5.0


def write_pidfile(path: Path, pid: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(f"{pid}\n")
    tmp.replace(path)


def read_pidfile(path: Path) -> int | None:
    """The pid in `path`, or None when the file is missing or does not hold a pid."""
    try:
        text = path.read_text().strip()
    except (FileNotFoundError, IsADirectoryError):
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


def pid_alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _proc_state(pid) != "Z"


def _proc_stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    return raw[raw.rfind(")") + 2 :].split()


def _proc_state(pid: int) -> str | None:
    fields = _proc_stat_fields(pid)
    return fields[0] if fields else None


def process_start_time(pid: int) -> float | None:
    """When `pid` started, as a Unix time, where /proc tells (Linux); else None."""
    fields = _proc_stat_fields(pid)
    if not fields:
        return None
    try:
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, StopIteration):
        return None
    # Field 22 of /proc/<pid>/stat is the start time in clock ticks after boot; `fields`
    # begins at field 3.
    return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def is_same_process(pidfile_mtime: float, started_at: float | None) -> bool:
    """Whether a process that started at `started_at` is the one its pid file was written for."""
    return started_at is None or started_at <= pidfile_mtime + PID_REUSE_SLACK_S


def running_pid(path: Path) -> int | None:
    """The pid recorded in `path` if that process still runs and is ours, else None."""
    pid = read_pidfile(path)
    if pid is None or not pid_alive(pid):
        return None
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return pid if is_same_process(mtime, process_start_time(pid)) else None


def recorded(run_dir: Path) -> list[str]:
    """Names of every pid file in `run_dir`."""
    return sorted(p.stem for p in run_dir.glob("*.pid")) if run_dir.is_dir() else []


def spawn(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    log: Path,
    pidfile: Path,
) -> int:
    """Start `argv` detached in its own session, output appended to `log`; record its pid."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        out.write(f"\n==== {stamp} start: {' '.join(argv)}\n".encode())
        out.flush()
        child = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    write_pidfile(pidfile, child.pid)
    return child.pid


def _reap(pid: int) -> None:
    """Collect `pid` if it is our own child (tests; `up` exits long before its children)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _group_alive(pgid: int) -> bool:
    _reap(pgid)
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def stop(pids: Sequence[int], *, timeout: float) -> list[int]:
    """SIGTERM the process groups of `pids`, SIGKILL what is left after `timeout` s.

    Returns the pids whose group still exists after that (normally none).
    """
    left = list(pids)
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        for pid in left:
            _signal_group(pid, sig)
        deadline = time.monotonic() + wait
        while left and time.monotonic() < deadline:
            left = [pid for pid in left if _group_alive(pid)]
            if left:
                time.sleep(0.1)
        left = [pid for pid in left if _group_alive(pid)]
        if not left:
            break
    return left


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)


@contextlib.contextmanager
def exclusive(lockfile: Path) -> Iterator[bool]:
    """Hold an exclusive lock on `lockfile` while the block runs; yields False if it is taken."""
    lockfile.parent.mkdir(parents=True, exist_ok=True)
    with lockfile.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
