#!/usr/bin/env python3
"""Linked Data from a client's side: fetch an agency's IRI from `policykg serve` with
`Accept: text/turtle` (and `application/ld+json`) and parse the answers with rdflib.

usage: python3 scripts/e2e/linked_data_rdflib.py --base http://127.0.0.1:7878 \
           [--agency 安徽省经济和信息化厅]

The IRI is the store's (https://policykg.org/id/agency/…); the server answers it at
/id/agency/… (percent-encoded here as any HTTP client sends it). Checks the canonical name
(skos:prefLabel), the type (org:Organization) and that an alias arrived (skos:altLabel).
"""

import argparse
import sys
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

ORG = Namespace("http://www.w3.org/ns/org#")
BASE_IRI = "https://policykg.org/id/"


def fetch(url: str, accept: str) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                response.read().decode("utf-8"),
            )
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:7878")
    parser.add_argument("--agency", default="安徽省经济和信息化厅")
    args = parser.parse_args()
    failures = []

    def check(name: str, ok: bool, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok or not detail else ': ' + detail}")
        if not ok:
            failures.append(name)

    path = "/id/agency/" + urllib.parse.quote(args.agency)
    agency = URIRef(BASE_IRI + "agency/" + args.agency)
    for accept, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld")]:
        status, content_type, body = fetch(args.base.rstrip("/") + path, accept)
        check(f"{accept}: 200", status == 200, f"{status} {body[:300]}")
        check(f"{accept}: content type", content_type.startswith(accept), content_type)
        graph = Graph()
        try:
            graph.parse(data=body, format=fmt)
        except Exception as e:  # noqa: BLE001 - any parse error is the failure reported
            check(f"{accept}: rdflib parses the answer", False, str(e))
            continue
        check(f"{accept}: rdflib parses the answer", len(graph) > 0, "no triples")
        check(
            f"{accept}: skos:prefLabel {args.agency}",
            (agency, SKOS.prefLabel, Literal(args.agency, lang="zh")) in graph,
            body[:500],
        )
        check(f"{accept}: a org:Organization", (agency, RDF.type, ORG.Organization) in graph)
        check(
            f"{accept}: aliases (skos:altLabel)",
            any(True for _ in graph.objects(agency, SKOS.altLabel)),
        )
    status, _, _ = fetch(args.base.rstrip("/") + "/id/agency/" + urllib.parse.quote("没有这个机构"), "text/turtle")
    check("an unknown IRI: 404", status == 404, str(status))
    status, _, _ = fetch(args.base.rstrip("/") + path, "image/png")
    check("an unsupported type: 406", status == 406, str(status))
    print(f"{'FAILED' if failures else 'ok'}: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
