#!/usr/bin/env python3
"""Deterministic CSVs for bench/ml_bench.sh (lead scoring, docs/ml.md "Benchmarks").

  ml_data.py wide  --rows 200000 --cols 40 --out FILE [--seed 1] [--no-label]
      40 numeric features (3 decimals, ~2% blanks) and a 0/1 `label` drawn from a
      logistic model of a few of them (so AUC is well above 0.5).
  ml_data.py leads --rows 20000 --out FILE [--seed 1] [--no-label]
      the lead table of tests/support/lead_csv_generator.hpp's shape: created_on (date),
      source (inquiry: base rate 0.45 instead of 0.10), prefecture, population ("1,234", blanks),
      pages_viewed and `result` 受注/失注 (own RNG; same planted effects, not the same rows).
"""
import argparse
import math

import numpy as np


def wide(rows, cols, seed, label, out):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, cols))
    margin = -1.0 + 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + 0.5 * np.sin(3 * x[:, 4])
    y = rng.random(rows) < 1.0 / (1.0 + np.exp(-margin))
    blank = rng.random((rows, cols)) < 0.02
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(f"f{i:02d}" for i in range(cols)) + (",label\n" if label else "\n"))
        for r in range(rows):
            cells = ["" if blank[r, c] else f"{x[r, c]:.3f}" for c in range(cols)]
            if label:
                cells.append("1" if y[r] else "0")
            f.write(",".join(cells) + "\n")


def leads(rows, seed, label, out):
    rng = np.random.default_rng(seed)
    sources = ["inquiry", "seminar", "web", "referral", "cold_call"]
    prefs = ["北海道", "東京都", "大阪府", "福岡県"]
    day0 = np.datetime64("2023-04-01")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("lead_id,created_on,source,prefecture,population,pages_viewed,country" + (",result\n" if label else "\n"))
        for i in range(rows):
            s = int(rng.random() * 5)
            p = int(rng.random() * 4)
            pages = int(rng.random() * 15)
            pop = 3000 + int(rng.random() * 500000)
            pop_text = "" if rng.random() < 0.1 else f'"{pop:,}"'
            prob = (0.45 if s == 0 else 0.10) + 0.025 * pages
            won = rng.random() < prob
            date = str(day0 + np.timedelta64(i * 3 // max(1, rows // 1000 + 1), "D"))
            cells = [f"L{i + 1:06d}", date, sources[s], prefs[p], pop_text, str(pages), "JP"]
            if label:
                cells.append("受注" if won else "失注")
            f.write(",".join(cells) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["wide", "leads"])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--cols", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-label", action="store_true")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.kind == "wide":
        wide(a.rows, a.cols, a.seed, not a.no_label, a.out)
    else:
        leads(a.rows, a.seed, not a.no_label, a.out)


if __name__ == "__main__":
    main()
