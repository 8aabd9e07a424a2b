"""NLTK baseline for tests/bench/agreement.bench.ts (run with Debian's /usr/bin/python3).

Reads the benchmark's codings and segment units from a JSON file, builds the character-level
reliability data itself (independently of Casecoder's run-length code), and times NLTK's
AnnotationTask construction plus alpha() and pi() (multi-pi = Fleiss' kappa for complete data).
Prints one JSON object.
"""
import json
import sys
import time

from nltk.metrics.agreement import AnnotationTask

src = json.load(open(sys.argv[1]))
coders = src["coders"]

# Character level: one item per (document, code, character); label 1 when the coder covers it.
cover = {}
for doc, code, coder, start, end in src["codings"]:
    key = (doc, code, coder)
    arr = cover.get(key)
    if arr is None:
        arr = cover[key] = bytearray(src["lengths"][doc])
    arr[start:end] = b"\x01" * (end - start)
char_triples = []
for doc, length in src["lengths"].items():
    for code in src["codes"]:
        rows = [cover.get((doc, code, c)) or bytearray(length) for c in coders]
        for i in range(length):
            item = f"{doc}:{code}:{i}"
            for c, row in zip(coders, rows):
                char_triples.append((c, item, row[i]))

seg_triples = [(c, uid, v) for uid, vals in src["segmentUnits"] for c, v in zip(coders, vals)]


def timed(triples):
    t0 = time.perf_counter()
    task = AnnotationTask(data=triples)
    t1 = time.perf_counter()
    alpha = task.alpha()
    t2 = time.perf_counter()
    pi = task.pi()
    t3 = time.perf_counter()
    return {"init_ms": (t1 - t0) * 1e3, "alpha_ms": (t2 - t1) * 1e3, "pi_ms": (t3 - t2) * 1e3, "alpha": alpha, "pi": pi, "items": len(triples) // len(coders)}


print(json.dumps({"character": timed(char_triples), "segment": timed(seg_triples)}))
