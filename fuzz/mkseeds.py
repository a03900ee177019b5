#!/usr/bin/env python3
"""Copies the bundled corpus into fuzz/seeds/raw as fuzzing seeds, each cut to 128 KiB (the
runs' -max_len), so libFuzzer starts from real notices in every encoding the corpus holds.
The seeds are not committed (fuzz/seeds is ignored): python3 fuzz/mkseeds.py
"""
import pathlib

MAX_LEN = 131072
root = pathlib.Path(__file__).resolve().parent
out = root / "seeds" / "raw"
out.mkdir(parents=True, exist_ok=True)
n = 0
for path in sorted((root.parent / "corpus").rglob("*")):
    if path.is_file() and path.suffix not in {".json", ".snap", ".tsv"} and path.name != "README.md":
        (out / f"{n:03}_{path.name}").write_bytes(path.read_bytes()[:MAX_LEN])
        n += 1
print(f"{n} seeds in {out}")
