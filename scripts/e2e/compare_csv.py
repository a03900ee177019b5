#!/usr/bin/env python3
"""Compare two SPARQL CSV results as sets of rows: compare_csv.py EMBEDDED.csv OTHER.csv NAME.

Both files are parsed as CSV (Virtuoso quotes every string, policykg only where needed) and each
value is normalised (normalise() below) before the rows are compared as multisets, so row order
and CSV quoting do not count. The header must be the same. Prints the differing rows; exit 1 on
a difference.
"""
import csv
import re
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def normalise(value: str) -> str:
    # A number is compared by value: engines write xsd:decimal 2.50 as 2.5 or 2.50, a double as
    # 1.0E1 or 10, and Virtuoso writes an integral decimal without its point.
    if NUMBER.match(value):
        try:
            d = Decimal(value)
            return format(d.normalize(), "f") if d == d.to_integral() else str(d.normalize())
        except InvalidOperation:
            return value
    # Line ends inside a literal: CRLF and LF are one.
    return value.replace("\r\n", "\n")


def rows(path: str, norm=normalise):
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    if not table:
        return [], Counter()
    return table[0], Counter(tuple(norm(v) for v in row) for row in table[1:])


def main() -> int:
    a_path, b_path, name = sys.argv[1:4]
    a_head, a = rows(a_path)
    b_head, b = rows(b_path)
    if a_head != b_head:
        print(f"{name}: header differs: {a_head} vs {b_head}")
        return 1
    if a == b:
        # Say whether the normalisation was needed: rows equal only once normalised.
        raw = rows(a_path, str)[1] - rows(b_path, str)[1]
        note = f" ({sum(raw.values())} only after normalising)" if raw else ""
        print(f"{name}: {sum(a.values())} rows, same{note}")
        return 0
    only_a = a - b
    only_b = b - a
    print(f"{name}: differs ({sum(only_a.values())} rows only embedded, {sum(only_b.values())} only the other)")
    for row in list(only_a.elements())[:10]:
        print("  embedded:", row)
    for row in list(only_b.elements())[:10]:
        print("  other:   ", row)
    return 1


if __name__ == "__main__":
    sys.exit(main())
