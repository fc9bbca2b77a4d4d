"""Tune the fusion weights and hit spacing of qa.retrieval on the QMSum committee train split.

Features are computed once per question; every weight combination of the grid then only
re-weights them. Prints the best combinations by hit@1 + hit@5, and a cross-validated estimate
(fit on half the meetings, score the other half, both ways, over several random splits), which
is the figure to trust: the in-sample best is optimistic.

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/qa_tune.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.embedding_cache import CachedEmbedder  # noqa: E402
from bench.qa_eval import DEFAULT_DATA, load, overlaps  # noqa: E402
from qa.embedding import SentenceTransformerEmbedder  # noqa: E402
from qa.retrieval import FEATURES, HybridIndex, Weights, select  # noqa: E402

GRID = {
    "lexical_back": (1.0,),
    "lexical_wide": (0.25, 0.5),
    "dense_turn": (0.5, 1.0),
    "dense_wide": (1.0, 2.0, 3.0),
    "dense_broad": (0.5, 1.0),
    "dense_statement": (0.0, 0.25, 0.5, 1.0),
    "speaker_name": (0.2, 0.4),
}
SPACINGS = (600, 1000, 1500)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/minutes-kg-embeddings"))
    parser.add_argument("--splits", type=int, default=5, help="random half/half meeting splits for the CV estimate")
    args = parser.parse_args()
    meetings, cases = load(args.data)
    embedder = CachedEmbedder(SentenceTransformerEmbedder(), args.cache)
    prepared = []  # (meeting, table, inside-gold mask)
    for name, meeting in meetings.items():
        index = HybridIndex(embedder)
        index.add_meeting(meeting)
        spans = {s.id: (s.span.start, s.span.end) for s in meeting.statements}
        for case in (c for c in cases if c.meeting == name):
            table, _ = index.score(case.query)
            inside = np.array([overlaps(spans[table.statement(c)], case.gold) for c in range(len(table))])
            prepared.append((name, table, inside))
    embedder.save()
    print("ablations (spacing 1000):")
    defaults = Weights()
    variants = {
        "defaults": defaults,
        "statement cosine only": Weights(**{f: 1.0 if f == "dense_statement" else 0.0 for f in FEATURES}),
        "BM25 back window only": Weights(**{f: 1.0 if f == "lexical_back" else 0.0 for f in FEATURES}),
        "dense windows only": Weights(**{f: getattr(defaults, f) if f.startswith("dense") else 0.0 for f in FEATURES}),
        "BM25 windows only": Weights(**{f: getattr(defaults, f) if f.startswith("lexical") else 0.0 for f in FEATURES}),
        **{
            f"defaults without {f}": dataclasses.replace(defaults, **{f: 0.0}) for f in FEATURES if getattr(defaults, f)
        },
    }
    for label, weights in variants.items():
        found = []
        for _, table, inside in prepared:
            chosen = select(table, weights.vector() @ table.features, 5)
            hits = [inside[i] for _, i in chosen]
            found.append((bool(hits and hits[0]), any(hits)))
        print(f"  {label:34s} hit@1 {np.mean([f[0] for f in found]):.3f} hit@5 {np.mean([f[1] for f in found]):.3f}")
    combos = [dict(zip(FEATURES, values, strict=True)) for values in itertools.product(*(GRID[f] for f in FEATURES))]
    settings = [(Weights(**c), spacing) for c in combos for spacing in SPACINGS]
    results = np.zeros((len(settings), len(prepared), 2), dtype=bool)
    for s, (weights, spacing) in enumerate(settings):
        vector = weights.vector()
        for q, (_, table, inside) in enumerate(prepared):
            chosen = select(table, vector @ table.features, 5, spacing=spacing)
            found = [inside[i] for _, i in chosen]
            results[s, q] = (bool(found and found[0]), any(found))
    mean = results.mean(axis=1)
    order = np.argsort(-(mean[:, 0] + mean[:, 1]), kind="stable")
    print(f"{len(settings)} settings x {len(prepared)} questions; best in-sample:")
    for s in order[:10]:
        print(f"  hit@1 {mean[s, 0]:.3f} hit@5 {mean[s, 1]:.3f}  {settings[s][0]} spacing={settings[s][1]}")
    default = next(s for s, (w, sp) in enumerate(settings) if w == Weights() and sp == 1000)
    print(f"  current defaults: hit@1 {mean[default, 0]:.3f} hit@5 {mean[default, 1]:.3f}")
    names = sorted(meetings)
    folds = []
    rng = random.Random(0)
    for _ in range(args.splits):
        rng.shuffle(names)
        halves = (set(names[: len(names) // 2]), set(names[len(names) // 2 :]))
        for fit, held in (halves, halves[::-1]):
            fit_mask = np.array([m in fit for m, _, _ in prepared])
            held_mask = np.array([m in held for m, _, _ in prepared])
            fit_mean = results[:, fit_mask].mean(axis=1)
            best = int(np.argmax(fit_mean[:, 0] + fit_mean[:, 1]))
            folds.append(results[best, held_mask].mean(axis=0))
    cv = np.mean(folds, axis=0)
    print(f"cross-validated ({args.splits} splits x 2 folds, by meeting): hit@1 {cv[0]:.3f} hit@5 {cv[1]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
