"""The benchmark corpus: real test suites, downloaded from PyPI at run time.

Nothing here is committed: archives and unpacked trees live in ``bench/.corpus/``
(gitignored). A package that is already unpacked is not downloaded again.

pytest and aiohttp ship their test suites in their sdists, which ``pip download``
fetches as they are. pandas is taken from its wheel: ``pip download`` of the
pandas sdist must prepare its metadata with meson-python, which compiles all of
pandas; the wheel ships the very same ``pandas/tests`` tree (1,100+ files, 21
conftest.py files up to four directories deep, plus ``pandas/conftest.py``), and
pinning the wheel's platform makes the corpus identical on every machine.

Run ``python bench/corpus.py`` to fetch the corpus and print its test directories.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS_DIR = Path(os.environ.get("FIXTURE_LINT_BENCH_CORPUS", BENCH_DIR / ".corpus"))
_DONE_MARKER = ".bench-unpacked"

# The wheel's platform is pinned so the corpus is the same on any machine.
_WHEEL_TARGET = (
    "--platform", "manylinux2014_x86_64",
    "--python-version", "3.11",
    "--implementation", "cp",
    "--abi", "cp311",
)


@dataclass(frozen=True)
class Package:
    """One pinned distribution and the test directories inside it."""

    suite: str
    name: str
    version: str
    kind: str  # "sdist" or "wheel"
    test_dirs: Tuple[str, ...]  # relative to the unpacked root
    extra_files: Tuple[Tuple[str, str], ...] = ()  # (relative path, text) written after unpacking

    @property
    def root_name(self) -> str:
        return f"{self.name}-{self.version}"


PACKAGES: Tuple[Package, ...] = (
    Package("pytest", "pytest", "8.3.5", "sdist", ("testing",)),
    Package("aiohttp", "aiohttp", "3.11.18", "sdist", ("tests",)),
    Package(
        "pandas", "pandas", "2.2.3", "wheel", ("pandas/tests",),
        # The wheel has no pyproject.toml; the sdist's pytest section (testpaths = "pandas",
        # default python_files) makes the unpacked root pytest's rootdir, as in a checkout.
        extra_files=((
            "pyproject.toml",
            "# Written by fixture-lint's bench/corpus.py: the pytest section of pandas 2.2.3's\n"
            "# pyproject.toml, as far as it decides rootdir and test discovery.\n"
            '[tool.pytest.ini_options]\ntestpaths = "pandas"\n',
        ),),
    ),
)


def _log(message: str) -> None:
    print(f"[corpus] {message}", file=sys.stderr, flush=True)


def _download(pkg: Package, downloads: Path) -> Path:
    """Return the archive of ``pkg`` in ``downloads``, fetching it with pip if absent."""
    suffix = ".tar.gz" if pkg.kind == "sdist" else ".whl"

    def existing() -> List[Path]:
        return sorted(downloads.glob(f"{pkg.name}-{pkg.version}*{suffix}"))

    found = existing()
    if not found:
        downloads.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(downloads)]
        if pkg.kind == "sdist":
            # Only the package itself must come as an sdist; its build
            # dependencies (needed for pip's metadata step) may be wheels.
            cmd += ["--no-binary", pkg.name]
        else:
            cmd += ["--only-binary", ":all:", *_WHEEL_TARGET]
        cmd.append(f"{pkg.name}=={pkg.version}")
        _log(f"downloading {pkg.root_name} ({pkg.kind})")
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        found = existing()
    if len(found) != 1:
        raise RuntimeError(f"expected one {suffix} archive of {pkg.root_name} in {downloads}, found {found}")
    return found[0]


def _extract_sdist(archive: Path, dest: Path, pkg: Package) -> None:
    prefix = f"{pkg.root_name}/"
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(prefix) and (m.isfile() or m.isdir())]
        for member in members:
            member.name = member.name[len(prefix):]
        if hasattr(tarfile, "data_filter"):  # Python 3.12, and 3.11.4+ / 3.9.17+
            tar.extractall(dest, members=members, filter="data")
        else:
            tar.extractall(dest, members=members)


def _extract_wheel(archive: Path, dest: Path) -> None:
    """Unpack the wheel's Python files (test data and binaries are not needed)."""
    with zipfile.ZipFile(archive) as whl:
        for name in whl.namelist():
            if name.endswith(".py") and ".dist-info/" not in name and not name.startswith("/") and ".." not in name:
                whl.extract(name, dest)


def ensure(pkg: Package, corpus_dir: Path = DEFAULT_CORPUS_DIR) -> Path:
    """Download and unpack ``pkg`` if needed; return its unpacked root."""
    root = corpus_dir / pkg.root_name
    if (root / _DONE_MARKER).exists():
        _own_work_tree(root)
        return root
    archive = _download(pkg, corpus_dir / "downloads")
    tmp = corpus_dir / f".{pkg.root_name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    _log(f"unpacking {archive.name}")
    if pkg.kind == "sdist":
        _extract_sdist(archive, tmp, pkg)
    else:
        _extract_wheel(archive, tmp)
    for rel in pkg.test_dirs:
        if not (tmp / rel).is_dir():
            raise RuntimeError(f"{archive.name} has no {rel}/ directory")
    for rel, text in pkg.extra_files:
        (tmp / rel).write_text(text, encoding="utf-8")
    (tmp / _DONE_MARKER).write_text(f"{archive.name}\n")
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    _own_work_tree(root)
    return root


def _own_work_tree(root: Path) -> None:
    """An empty ``.git`` makes the unpacked suite the top of its own work tree, as a
    checkout is: fixture-lint respects ``.gitignore``, and this repository's
    ``bench/.gitignore`` ignores ``.corpus/``, so without it nothing would be checked.
    Git itself does not take an empty ``.git`` for a repository."""
    (root / ".git").mkdir(exist_ok=True)


def suites(names: Tuple[str, ...] = (), corpus_dir: Path = DEFAULT_CORPUS_DIR) -> Dict[str, List[Path]]:
    """Return {suite name: its test directories}, fetching what is missing.

    ``names`` restricts the suites (default: all of them), in ``PACKAGES`` order.
    """
    unknown = set(names) - {p.suite for p in PACKAGES}
    if unknown:
        raise ValueError(f"unknown suites: {sorted(unknown)}")
    result: Dict[str, List[Path]] = {}
    for pkg in PACKAGES:
        if names and pkg.suite not in names:
            continue
        root = ensure(pkg, corpus_dir)
        result[pkg.suite] = [root / rel for rel in pkg.test_dirs]
    return result


def main() -> int:
    for name, dirs in suites(tuple(sys.argv[1:])).items():
        for d in dirs:
            print(f"{name}\t{d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
