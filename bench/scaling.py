"""Does fixture-lint's cost grow linearly with the files? (DESIGN "Performance model".)

Takes the whole corpus's file list (``fixture-lint --show-files``), and every 4th, every
2nd and every file of it (25/50/100%), and times, as fresh processes with the median of
``--runs`` interleaved rounds: the ast.parse floor over the subset, the floor over every
Python file a run over the subset reads (the subset, and the conftests, plugins and project
modules its checks reach: issue 10's measure), and fixture-lint cold (``--no-cache``) over
the subset with ``--jobs 1`` and with the default jobs. Reports seconds per 1,000 files and
the ratios to both floors for each fraction, and the peak RSS. Linear growth shows as a
flat seconds-per-1,000-files column.

    python bench/scaling.py --runs 3
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

import corpus
from run import FLOOR_CODE, Measurement, files_read, find_tool, measure, show_files


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    tool = find_tool()
    dirs = [d for group in corpus.suites().values() for d in group]
    files = show_files(tool, dirs)
    rows: List[str] = [
        "| fraction | files | files read | floor s | floor (files read) s | fxl -j1 s | fxl -j1 / floor "
        "| fxl -j1 / floor (files read) | fxl default s | default / floor | fxl -j1 s per 1,000 files "
        "| peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        for step, label in ((4, "25%"), (2, "50%"), (1, "100%")):
            subset = files[::step]
            workdir = Path(scratch) / label.rstrip("%")
            workdir.mkdir()
            listing = workdir / "files.txt"
            listing.write_text("\n".join(subset) + "\n", encoding="utf-8")
            read = files_read(tool, subset, workdir)
            read_listing = workdir / "files-read.txt"
            read_listing.write_text("\n".join(read) + "\n", encoding="utf-8")
            cold = tool.argv + ["--output-format", "concise", "--no-cache"]
            ms = [
                Measurement("floor", "floor", [[sys.executable, "-c", FLOOR_CODE, str(listing)]], tool.env, workdir, (0,)),
                Measurement("read", "floor (files read)", [[sys.executable, "-c", FLOOR_CODE, str(read_listing)]], tool.env, workdir, (0,)),
                Measurement("j1", "fxl -j1", [cold + ["--jobs", "1", *subset]], tool.env, workdir),
                Measurement("jn", "fxl", [cold + subset], tool.env, workdir),
            ]
            print(f"{label}: {len(subset)} files", file=sys.stderr)
            measure(ms, args.runs)
            floor, floor_read, j1, jn = (m.median or float("nan") for m in ms)
            rss = max(ms[2].max_rss_kib, ms[3].max_rss_kib) / 1024
            rows.append(
                f"| {label} | {len(subset)} | {len(read)} | {floor:.2f} | {floor_read:.2f} | {j1:.2f} | {j1 / floor:.2f}x | "
                f"{j1 / floor_read:.2f}x | {jn:.2f} | {jn / floor:.2f}x | {j1 / len(subset) * 1000:.2f} | {rss:.0f} |"
            )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
