#!/usr/bin/env python3
"""The Python baseline of bench/notice_match_bench.sh: python3-mecab (import MeCab)
tokenising each title with the same rules as Kyoso's tokeniser (NFKC, nouns minus stop
words, adjacent-noun compounds), then plain BM25 against the same product profiles
(the index `kyoso intel match-bench --export-index` wrote: terms, weight·IDF per
product, avgdl, k1, b, threshold). Single process. Prints the same line as Kyoso:
"titles N threads 1 seconds S matches M checksum C".

Usage: notice_match_baseline.py INDEX_JSON TITLES [DICDIR]
"""
import json
import sys
import time
import unicodedata

import MeCab

index = json.load(open(sys.argv[1], encoding="utf-8"))
dicdir = sys.argv[3] if len(sys.argv) > 3 else "/var/lib/mecab/dic/debian"
tagger = MeCab.Tagger(f"-r /dev/null -d {dicdir}")
stop = set(index["stop_words"])
terms_index = {t: [(p, w) for p, w in postings] for t, postings in index["terms"].items()}
k1, b, avgdl, threshold = index["k1"], index["b"], index["avgdl"], index["threshold"]
CONTENT = {"一般", "固有名詞", "サ変接続", "形容動詞語幹", "ナイ形容詞語幹"}


def symbols_only(s):
    # No letter, digit, kana or kanji: ASCII punctuation, U+3000..U+303F, ・ only.
    for ch in s:
        o = ord(ch)
        if o < 0x80:
            if ch.isascii() and ch.isalnum():
                return False
        elif not (0x3000 <= o <= 0x303F or o == 0x30FB):
            return False
    return True


def terms_of(text):
    text = unicodedata.normalize("NFKC", text)
    out = []
    prev, prev_stop, prev_suffix = None, True, False
    node = tagger.parseToNode(text)
    while node:
        if node.stat in (2, 3):  # BOS, EOS
            node = node.next
            continue
        surface = node.surface
        f = node.feature.split(",", 2)
        kind = None
        if f[0] == "名詞":
            if f[1] == "接尾":
                kind = "suffix"
            elif f[1] in CONTENT and not symbols_only(surface):
                kind = "content"
        if kind is None:
            prev = None
            node = node.next
            continue
        s = surface in stop
        if kind == "content" and not s and not (len(surface) == 1 and ord(surface) < 0x80):
            out.append(surface)
        if prev is not None and not prev_suffix and not (s and prev_stop):
            compound = prev + surface
            if compound not in stop:
                out.append(compound)
        prev, prev_stop, prev_suffix = surface, s, kind == "suffix"
        node = node.next
    return out


def match(text):
    terms = terms_of(text)
    if not terms:
        return []
    tf = {}
    for t in terms:
        if t in terms_index:
            tf[t] = tf.get(t, 0) + 1
    norm = k1 * (1 - b + b * len(terms) / avgdl)
    scores = {}
    for t, f in tf.items():
        part = f * (k1 + 1) / (f + norm)
        for p, w in terms_index[t]:
            scores[p] = scores.get(p, 0.0) + w * part
    return [p for p, s in scores.items() if s >= threshold]


titles = [line.rstrip("\n") for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
start = time.perf_counter()
matches = 0
checksum = 0
for i, title in enumerate(titles):
    hits = match(title)
    matches += len(hits)
    checksum += sum(hits) * (i + 1)
seconds = time.perf_counter() - start
print(f"titles {len(titles)} threads 1 seconds {seconds:.3f} matches {matches} checksum {checksum}")
