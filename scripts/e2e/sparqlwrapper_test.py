#!/usr/bin/env python3
"""A real SPARQL client against a running `policykg serve`.

Python's SPARQLWrapper (as researchers use it) asks which tasks 省经信厅 leads, in JSON and in
CSV, by GET and by POST, and checks the answer on the bundled corpus: 安徽省经济和信息化厅 leads
exactly the 11 tasks of seed 001 (corpus/seeds/001_a6818095697d7a7c.txt), each with the role
basis "first listed" (the notice never marks a lead; the first listed agency leads), plus
whatever the other documents in force give it, each with a basis (the draft of seed 001 is not
in force: `?e pkg:inView pkg:InForce`). It also runs the bundled example query
(scripts/queries/tasks-led-by-sheng-jingxinting.rq) and checks it gives the same number of tasks.

usage: python3 scripts/e2e/sparqlwrapper_test.py --endpoint http://127.0.0.1:7878/sparql
Ends with "N passed, N failed"; exit status 0 only if all passed.
"""

import argparse
import csv
import io
import os
import sys

from SPARQLWrapper import CSV, JSON, POST, GET, SPARQLWrapper

SEED_001 = "001_a6818095697d7a7c.txt"
SEED_001_LED_TASKS = 11
AGENCY = "安徽省经济和信息化厅"

QUERY = """
PREFIX pkg: <https://policykg.org/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# Tasks led by 省经信厅 (the alias) in the texts in force, with the agency's full name, the role
# basis and every source file of the version (copies of one text in other encodings are one
# version).
SELECT ?task ?agency ?files ?basis ?text WHERE {
  ?a skos:altLabel "省经信厅"@zh ;
     dcterms:spatial/skos:prefLabel "安徽省"@zh ;
     skos:prefLabel ?agency .
  ?ra pkg:agency ?a ; pkg:role pkg:Lead ; pkg:roleBasis ?b .
  ?b rdfs:label ?basis FILTER(LANG(?basis) = "en")
  ?task pkg:assignment ?ra ; pkg:text ?text ; dcterms:isPartOf ?e .
  ?e pkg:inView pkg:InForce .
  { SELECT ?e (GROUP_CONCAT(?path; separator="\\n") AS ?files)
    WHERE { ?source pkg:expresses ?e ; pkg:path ?path } GROUP BY ?e }
}
ORDER BY ?files ?task
"""

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}{': ' + str(detail) if detail else ''}")


def client(endpoint, query, fmt, method=GET):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    sparql.setTimeout(60)
    return sparql


def rows_from_json(result):
    return [
        {var: binding[var]["value"] for var in binding}
        for binding in result["results"]["bindings"]
    ]


def rows_from_csv(data):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return list(csv.DictReader(io.StringIO(text)))


def key(row):
    return (row["task"], row["files"], row["basis"])


def from_seed_001(row):
    return any(os.path.basename(f) == SEED_001 for f in row["files"].split("\n"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True)
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument(
        "--example",
        default=os.path.join(here, "..", "queries", "tasks-led-by-sheng-jingxinting.rq"),
    )
    args = parser.parse_args()

    # JSON by GET (SPARQLWrapper's default method).
    response = client(args.endpoint, QUERY, JSON).query()
    check("JSON answer has the SPARQL JSON media type",
          response.info()["content-type"].startswith("application/sparql-results+json"),
          response.info()["content-type"])
    json_rows = rows_from_json(response.convert())
    check("some tasks are led by 省经信厅", len(json_rows) > 0, "no rows")
    check(f"the alias resolves to {AGENCY}",
          json_rows and all(r["agency"] == AGENCY for r in json_rows),
          {r["agency"] for r in json_rows})

    seed = [r for r in json_rows if from_seed_001(r)]
    check(f"exactly {SEED_001_LED_TASKS} led tasks in seed 001",
          len({r["task"] for r in seed}) == SEED_001_LED_TASKS and len(seed) == SEED_001_LED_TASKS,
          f"{len(seed)} rows, {len({r['task'] for r in seed})} tasks")
    check("each seed-001 task has the basis 'first listed'",
          seed and all(r["basis"] == "first listed" for r in seed),
          sorted({r["basis"] for r in seed}))
    others = [r for r in json_rows if not from_seed_001(r)]
    check("tasks from other documents each carry a basis",
          all(r["basis"] for r in others), others)
    for r in json_rows:
        print(f"     {os.path.basename(min(r['files'].split(chr(10))))}  {r['basis']:<14} {r['text'][:40]}")

    # CSV by GET, and JSON by POST: the same answer.
    csv_data = client(args.endpoint, QUERY, CSV).query()
    check("CSV answer has the CSV media type",
          csv_data.info()["content-type"].startswith("text/csv"),
          csv_data.info()["content-type"])
    csv_rows = rows_from_csv(csv_data.convert())
    check("CSV gives the same rows as JSON",
          sorted(map(key, csv_rows)) == sorted(map(key, json_rows)),
          f"{len(csv_rows)} CSV rows vs {len(json_rows)} JSON rows")
    check("CSV keeps the Chinese text",
          any(AGENCY == r["agency"] for r in csv_rows))
    post_rows = rows_from_json(client(args.endpoint, QUERY, JSON, POST).query().convert())
    check("POST gives the same rows as GET",
          sorted(map(key, post_rows)) == sorted(map(key, json_rows)))

    # The example query shipped with policykg (and shown on the query page) agrees.
    with open(args.example, encoding="utf-8") as f:
        example = f.read()
    example_rows = rows_from_json(client(args.endpoint, example, JSON).query().convert())
    check("the bundled example query gives the same number of tasks",
          len(example_rows) == len(json_rows),
          f"{len(example_rows)} vs {len(json_rows)}")

    # A malformed query is a clean client error for SPARQLWrapper too.
    try:
        client(args.endpoint, "SELECT ?s WHERE { ?s ?p", JSON).query()
        check("a syntax error raises QueryBadFormed", False, "no error")
    except Exception as e:  # SPARQLWrapper raises QueryBadFormed on 400
        check("a syntax error raises QueryBadFormed",
              type(e).__name__ == "QueryBadFormed" and "SPARQL syntax error" in str(e),
              f"{type(e).__name__}: {e}")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
