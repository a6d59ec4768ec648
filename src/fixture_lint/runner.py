"""Checking many files: through the cache, and on every core.

Workers are forked from the parent after it has parsed the conftest.py files the run
needs, so each worker starts with the fixture index already warm and only parses the
test modules it is given. Where ``fork`` is not available the run stays in one process.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import os
import signal
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from .cache import ResultCache, content_hash
from .engine import Engine, FileResult
from .fsutil import read_regular_file

# Below this many files to check, starting worker processes costs more than it saves.
MIN_FILES_FOR_WORKERS = 48
_CHUNK = 8

_worker_engine: Optional[Engine] = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run_checks(
    engine: Engine,
    files: Sequence[Path],
    jobs: int = 1,
    cache: Optional[ResultCache] = None,
    progress: Optional["Progress"] = None,
) -> list[FileResult]:
    """Results for ``files``, in order: cached where valid, checked otherwise."""
    results: dict[Path, FileResult] = {}
    pending: list[Path] = []
    keys: dict[Path, tuple[str, str, tuple[Path, ...]]] = {}
    for path in files:
        if cache is None:
            pending.append(path)
            continue
        try:
            digest = content_hash(read_regular_file(path, engine.max_file_size))
        except OSError:
            pending.append(path)
            continue
        settings_key = content_hash(repr(engine.settings.for_path(path)).encode())
        conftests = engine.index.conftest_paths(path.parent)
        keys[path] = (digest, settings_key, conftests)
        hit = cache.lookup(path, digest, settings_key, engine.display(path), conftests)
        if hit is not None:
            results[path] = hit
            if progress is not None:
                progress.advance()
        else:
            pending.append(path)
    for result in _check(engine, pending, jobs, progress):
        results[result.path] = result
        if cache is not None and result.path in keys:
            digest, settings_key, conftests = keys[result.path]
            cache.store(result, digest, settings_key, conftests)
    return [results[path] for path in files]


def _check(engine: Engine, files: Sequence[Path], jobs: int, progress: Optional["Progress"]) -> Iterator[FileResult]:
    if jobs <= 1 or len(files) < MIN_FILES_FOR_WORKERS or "fork" not in multiprocessing.get_all_start_methods():
        for path in files:
            yield engine.check_file(path)
            if progress is not None:
                progress.advance()
        return
    _warm_index(engine, files)
    gc.freeze()  # the parent's objects stay shared with the forked workers, untouched
    global _worker_engine
    _worker_engine = engine
    context = multiprocessing.get_context("fork")
    # Workers are forked with SIGINT blocked, so a Ctrl-C that arrives before their
    # initializer ignores it cannot kill one halfway (and make it print a traceback).
    blocked = hasattr(signal, "pthread_sigmask")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if blocked else None
    try:
        pool = context.Pool(processes=min(jobs, len(files) // _CHUNK + 1), initializer=_ignore_interrupts)
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    try:
        for result in pool.imap(_check_in_worker, files, chunksize=_CHUNK):
            yield result
            if progress is not None:
                progress.advance()
        pool.close()
        pool.join()
    except BaseException:
        # Ctrl-C or an error: kill the workers outright. Pool.terminate() joins its
        # handler threads and can wait forever on a worker that died mid-task. First stop
        # the pool's worker handler, which replaces dead workers every 0.1 s: a worker it
        # started after the kill would pick up a task and, with this process gone, print
        # a BrokenPipeError traceback on the terminal when it sends its result.
        handler = getattr(pool, "_worker_handler", None)
        if handler is not None:
            handler._state = getattr(multiprocessing.pool, "TERMINATE", "TERMINATE")
        for worker in getattr(pool, "_pool", ()):
            try:
                worker.kill()
            except (OSError, ValueError):
                pass
        raise
    finally:
        _worker_engine = None
        gc.unfreeze()


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; only the parent answers it (and the pool's
    exit terminates the workers), so no worker prints a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _warm_index(engine: Engine, files: Iterable[Path]) -> None:
    """Parse every conftest.py the run needs once, before the workers fork."""
    for directory in {path.parent for path in files}:
        for conftest in engine.index.conftest_paths(directory):
            engine.modules.get(conftest)


def _check_in_worker(path: Path) -> FileResult:
    assert _worker_engine is not None
    return _worker_engine.check_file(path)


class Progress:
    """A one-line counter on a terminal's stderr, for long runs only."""

    def __init__(self, total: int, stream: object) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self._shown = -1

    def advance(self) -> None:
        self.done += 1
        percent = self.done * 100 // max(self.total, 1)
        if percent != self._shown:
            self._shown = percent
            self.stream.write(f"\rfixture-lint: {self.done}/{self.total} files ({percent}%)")  # type: ignore[attr-defined]
            self.stream.flush()  # type: ignore[attr-defined]

    def close(self) -> None:
        if self._shown >= 0:
            self.stream.write("\r\033[K")  # type: ignore[attr-defined]
            self.stream.flush()  # type: ignore[attr-defined]
