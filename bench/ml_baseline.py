#!/usr/bin/env python3
"""Python xgboost (Debian python3-xgboost 1.7) on the same CSV as `kyoso leads evaluate`,
for bench/ml_bench.sh. Prints one JSON line of timings.

Same rows as Kyoso: with --test-fraction F (a time split), the first n - ceil(n F) rows
are the training part, and Kyoso fits on that part's first 80% (the last 20% calibrate),
so this script trains on those same first rows; it measures AUC on the test part.
Encoding (outside the timings): a column whose cells all parse as numbers (after removing
thousands separators) is numeric; YYYY-MM-DD dates become days since 1970; anything else
is one-hot over its 20 most frequent values plus "other" (as Kyoso does); blanks are NaN.
Scoring (--score FILE): predict, then pred_contribs exact and approximate, on FILE's rows.
"""
import argparse
import csv
import json
import math
import time
from collections import Counter

import numpy as np
import xgboost as xgb


def parse_number(s):
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def parse_date(s):
    if len(s) >= 10 and s[4] in "-/" and s[7] in "-/":
        try:
            return float((np.datetime64(s[:10].replace("/", "-")) - np.datetime64("1970-01-01")).astype(int))
        except ValueError:
            return None
    return None


def fit_encoding(header, rows, skip):
    enc = []
    for c, name in enumerate(header):
        if c in skip:
            continue
        values = [r[c].strip() for r in rows if r[c].strip()]
        if not values:
            continue
        if all(parse_number(v) is not None for v in values):
            enc.append((c, "number", None))
        elif all(parse_date(v) is not None for v in values):
            enc.append((c, "date", None))
        else:
            counts = Counter(values)
            if len(counts) == len(values):
                continue  # id-like
            levels = sorted(v for v, n in counts.most_common(20) if n >= 2)
            enc.append((c, "category", {v: i for i, v in enumerate(levels)}))
    return enc


def apply_encoding(enc, rows):
    width = sum(1 if k == "number" else 3 if k == "date" else len(lv) + 1 for _, k, lv in enc)
    x = np.full((len(rows), width), np.nan, dtype=np.float32)
    for r, row in enumerate(rows):
        f = 0
        for c, kind, levels in enc:
            v = row[c].strip()
            if kind == "number":
                if v:
                    n = parse_number(v)
                    x[r, f] = np.nan if n is None else n
                f += 1
            elif kind == "date":
                d = parse_date(v) if v else None
                if d is not None:
                    m = int(v[5:7])
                    x[r, f : f + 3] = (d, m, (m + 8) % 12 + 1)
                f += 3
            else:
                if v:
                    x[r, f : f + len(levels) + 1] = 0
                    x[r, f + levels.get(v, len(levels))] = 1
                f += len(levels) + 1
    return x


def auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    s = np.asarray(scores)[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i : j + 1] = (i + j) / 2 + 1
        i = j + 1
    y = np.asarray(labels)[order]
    pos = y.sum()
    neg = len(y) - pos
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--positive", required=True)
    ap.add_argument("--test-fraction", type=float, default=0.2)
    ap.add_argument("--trees", type=int, default=300)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--score", help="CSV of rows to score (same columns, target optional)")
    a = ap.parse_args()

    t0 = time.perf_counter()
    with open(a.input, encoding="utf-8-sig", newline="") as f:
        data = list(csv.reader(f))
    header, rows = data[0], [r for r in data[1:] if r]
    t_idx = header.index(a.target)
    rows = [r for r in rows if r[t_idx].strip()]
    n = len(rows)
    n_test = math.ceil(n * a.test_fraction)
    n_train = n - n_test
    n_fit = n_train - n_train // 5
    enc = fit_encoding(header, rows[:n_train], {t_idx})
    x = apply_encoding(enc, rows)
    y = np.array([1.0 if r[t_idx].strip() == a.positive else 0.0 for r in rows], dtype=np.float32)
    read_s = time.perf_counter() - t0

    params = {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "max_depth": a.depth,
        "eta": a.learning_rate,
        "min_child_weight": 1.0,
        "lambda": 1.0,
        "nthread": a.threads,
        "seed": 7,
    }
    t0 = time.perf_counter()
    dtrain = xgb.DMatrix(x[:n_fit], label=y[:n_fit], missing=np.nan, nthread=a.threads)
    booster = xgb.train(params, dtrain, num_boost_round=a.trees)
    train_s = time.perf_counter() - t0
    p = booster.predict(xgb.DMatrix(x[n_train:], missing=np.nan))
    out = {
        "rows": n,
        "n_fit": n_fit,
        "features": int(x.shape[1]),
        "read_encode_seconds": round(read_s, 3),
        "train_seconds": round(train_s, 3),
        "auc": round(auc(p, y[n_train:]), 4),
    }
    if a.score:
        with open(a.score, encoding="utf-8-sig", newline="") as f:
            sdata = list(csv.reader(f))
        sheader, srows = sdata[0], [r for r in sdata[1:] if r]
        # Map columns by name to the training layout.
        pos = {name: i for i, name in enumerate(sheader)}
        remapped = [[r[pos[h]] if h in pos else "" for h in header] for r in srows]
        xs = apply_encoding(enc, remapped)
        booster.set_param({"nthread": a.threads})
        dm = xgb.DMatrix(xs, missing=np.nan)
        t0 = time.perf_counter()
        booster.predict(dm)
        out["score_rows"] = len(srows)
        out["predict_seconds"] = round(time.perf_counter() - t0, 4)
        t0 = time.perf_counter()
        booster.predict(dm, pred_contribs=True, approx_contribs=True)
        out["approx_contribs_seconds"] = round(time.perf_counter() - t0, 4)
        t0 = time.perf_counter()
        booster.predict(dm, pred_contribs=True)
        out["exact_contribs_seconds"] = round(time.perf_counter() - t0, 4)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
