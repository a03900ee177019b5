#!/usr/bin/env python3
"""Extraction on a cluster engine: policykg run per partition by Apache Spark's RDD.pipe.

Usage:
  scripts/scale/spark_extract.py PATH... --out DIR [--master local[2]] [--partitions N]
                                 [--policykg BIN] [--base-iri IRI]

PATH are files or directories (read recursively, skipping what `policykg extract DIR` skips:
dotfiles, README*/SOURCES*, data and code files). The driver lists the files, Spark splits the
list into partitions, and each partition's paths go, one a line, to

  policykg extract --files-from - --format nquads

whose standard output (each document's named graph, exactly as `policykg ingest` would store
it) becomes that partition's part of DIR: part-00000.nq, part-00001.nq ... (N-Quads, ready for
a bulk loader: Virtuoso's ld_dir, QLever, `oxigraph load`). The shared graphs (vocabulary,
gazetteer, works, agencies, versions, sources) are not in the parts: export them once from an
embedded store (`policykg ingest` of the same files, then `policykg export`) if the target needs
them. Prints documents/s and quads/s of the Spark job.

The same code runs on a cluster: give --master (or run it with spark-submit, which sets it),
put the policykg binary and the documents at the same absolute paths on every worker (a shared
file system), and write DIR to a file system every worker sees. Per-file failures (a file that
cannot be read) are printed by policykg on the executor's stderr and leave that file out; any
other policykg error (exit status 2 and above) fails the Spark task, which Spark retries.

Needs PySpark (`pip install pyspark`) and Java 17 or later.
"""

import argparse
import os
import shlex
import shutil
import sys
import time

# What `policykg extract DIR` skips inside directories (crates/read/src/discover.rs): named
# explicitly on the list, policykg would try to read them.
DATA_EXTENSIONS = {
    "json", "jsonl", "tsv", "csv", "snap", "rq", "sparql", "ttl", "nt", "nq", "trig", "py", "sh",
    "rs", "toml", "lock", "yml", "yaml",
}


def skipped(name):
    stem = name.split(".")[0]
    ext = name.rsplit(".", 1)[1].lower() if "." in name else None
    return (
        name.startswith(".")
        or name.startswith("README")
        or name.startswith("SOURCES")
        or stem.lower() in ("readme", "sources")
        or ext in DATA_EXTENSIONS
    )


def list_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(os.path.join(root, n) for n in sorted(names) if not skipped(n))
        else:
            files.append(p)
    return [os.path.abspath(f) for f in files]


def graph_of(line):
    """The graph IRI of an N-Quads line (policykg writes every quad in a named graph)."""
    return line.rstrip()[:-1].rstrip().rsplit(" ", 1)[1]


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", metavar="PATH")
    ap.add_argument("--out", required=True, help="output directory (must not exist)")
    ap.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[2]"))
    ap.add_argument("--partitions", type=int, default=None,
                    help="number of partitions [default: Spark's default parallelism]")
    ap.add_argument("--policykg", default=os.environ.get(
        "POLICYKG_BIN", os.path.join(repo, "target", "debug", "policykg")))
    ap.add_argument("--base-iri", default=None)
    args = ap.parse_args()

    if os.path.exists(args.out):
        sys.exit(f"spark_extract: {args.out} exists; give a new directory")
    files = list_files(args.paths)
    if not files:
        sys.exit("spark_extract: no files found")
    policykg = os.path.abspath(args.policykg)
    if not os.access(policykg, os.X_OK):
        sys.exit(f"spark_extract: {policykg} is not an executable (build it: cargo build -p policykg)")

    command = [policykg, "extract", "--files-from", "-", "--format", "nquads"]
    if args.base_iri:
        command += ["--base-iri", args.base_iri]
    # Exit status 1 (some files failed, named on stderr) is not the task's failure; 2 and above
    # are. RDD.pipe splits the command with shlex, so it is one shell command line.
    shell = (
        "sh -c " + shlex.quote(shlex.join(command) + '; rc=$?; [ "$rc" -le 1 ] || exit "$rc"')
    )

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("policykg-extract").setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        partitions = args.partitions or sc.defaultParallelism
        started = time.monotonic()
        quads = sc.parallelize(files, partitions).pipe(shell, checkCode=True)
        quads.saveAsTextFile(args.out)
        seconds = time.monotonic() - started
        written = sc.textFile(args.out)
        n_quads = written.count()
        n_docs = written.map(graph_of).distinct().count()
    finally:
        sc.stop()

    # Parts as bulk loaders find them: *.nq (on a local file system; HDFS keeps part-NNNNN).
    if os.path.isdir(args.out):
        for name in sorted(os.listdir(args.out)):
            if name.startswith("part-") and "." not in name:
                shutil.move(os.path.join(args.out, name), os.path.join(args.out, name + ".nq"))

    print(f"files: {len(files)} in {partitions} partitions, master {args.master}")
    print(f"documents (named graphs): {n_docs}, quads: {n_quads}")
    print(f"time: {seconds:.1f} s: {n_docs / seconds:.2f} documents/s, "
          f"{n_quads / seconds:,.0f} quads/s")
    print(f"parts: {args.out}/part-*.nq")
    if n_docs < len(files):
        print(f"note: {len(files) - n_docs} files gave no graph of their own (failed, see the "
              "executors' stderr, or another copy of the same text)")


if __name__ == "__main__":
    main()
