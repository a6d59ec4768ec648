"""Reading files that may be hostile: only regular files, never more than a limit.

Every file fixture-lint reads (test modules, conftest.py files, configuration, the cache)
goes through :func:`read_regular_file`. A FIFO, a device (``/dev/zero``), a socket or a
directory is refused without blocking: the file is opened with ``O_NONBLOCK`` and
checked with ``fstat`` before a byte is read, so a FIFO with no writer cannot hang the
run, and the size limit stops a file that grows without end.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024
"""Files larger than this (in bytes) are not read: 16 MiB, far above any real test
module. ``max-file-size`` in ``[tool.fixture-lint]`` changes it."""


class UnreadableFile(OSError):
    """A path that is not a regular file, is too large, or cannot be opened."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """A readable name for what a non-regular file is."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular_file(path: Path, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises :class:`UnreadableFile` with a one-line reason otherwise (and for every
    ``OSError`` on the way: missing, permission denied, name too long, a symlink loop).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(path, describe_os_error(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, f"{file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(path, f"larger than the {limit:,}-byte limit (max-file-size): {info.st_size:,} bytes")
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise UnreadableFile(path, f"larger than the {limit:,}-byte limit (max-file-size)")
            chunks.append(chunk)
        return b"".join(chunks)
    except UnreadableFile:
        raise
    except OSError as exc:
        raise UnreadableFile(path, describe_os_error(exc)) from None
    finally:
        os.close(fd)


def describe_os_error(exc: OSError) -> str:
    """``permission denied``, ``file not found``..., without Python's decoration."""
    if exc.errno == errno.ENOENT:
        return "file not found (deleted during the run?)"
    if exc.errno == errno.EISDIR:
        return "a directory, not a regular file"
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is too long for this system"
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


STALE_SECONDS = 60.0
"""A temp file older than this is a killed run's: a live run's are younger."""


def remove_stale_files(directory: Path, prefix: str, suffix: str, older_than: float = STALE_SECONDS) -> None:
    """Remove ``prefix*suffix`` files in ``directory`` that a killed run left behind."""
    import time

    now = time.time()
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix):
            stale = directory / name
            try:
                if now - stale.lstat().st_mtime > older_than:
                    stale.unlink()
            except OSError:
                pass
