#!/usr/bin/env python3
"""Generates N notice titles from the 885 real デジタル庁 titles, deterministically
(random.Random(seed)), for bench/notice_match_bench.sh. Each line is a real title,
recombined so that the file is not the same few hundred strings repeated:

  1. its leading 令和N年度 / YYYY年度 (if any) is removed, then one of: nothing,
     令和4..8年度, 令和4..8年度 followed by a full-width space;
  2. with probability 1/2 an organisation prefix is added: a municipality or ministry
     from a fixed list of 48, followed by nothing or の;
  3. with probability 3/10 the title is cut at its first の / に係る / に関する / における
     and its tail replaced by the tail of another random real title (phrase swap);
  4. with probability 2/5 a suffix is added: （再度公告）, 一式, （単価契約）, に係る業務委託,
     （令和N年度～令和N+2年度）, の請負.

Usage: gen_notice_titles.py NOTICES_CSV N [SEED] > titles.txt
"""
import csv
import random
import re
import sys

path, n = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
rng = random.Random(seed)

titles = []
for row in csv.DictReader(open(path, encoding="utf-8")):
    if "anken=" in row["URL"]:
        titles.append(row["タイトル"].strip().rstrip(":"))

YEAR = re.compile(r"^(令和[0-9０-９]+年度|[0-9]{4}年度)[\s　、,]*")
CUT = re.compile(r"(の|に係る|に関する|における)")
ORGS = ["札幌市", "青森県", "盛岡市", "仙台市", "秋田市", "山形県", "福島市", "水戸市", "宇都宮市", "前橋市",
        "桐生市", "さいたま市", "千葉県", "千代田区", "世田谷区", "横浜市", "川崎市", "新潟市", "富山県", "金沢市",
        "福井市", "甲府市", "長野県", "岐阜市", "静岡県", "浜松市", "名古屋市", "津市", "大津市", "京都府",
        "大阪市", "堺市", "神戸市", "奈良県", "和歌山市", "鳥取県", "松江市", "岡山市", "広島市", "山口県",
        "徳島市", "高松市", "松山市", "高知県", "福岡市", "熊本市", "那覇市", "総務省"]
SUFFIXES = ["（再度公告）", "一式", "（単価契約）", "に係る業務委託", None, "の請負"]

out = sys.stdout
for i in range(n):
    t = YEAR.sub("", titles[rng.randrange(len(titles))])
    if rng.random() < 0.3:
        m = CUT.search(t)
        other = titles[rng.randrange(len(titles))]
        m2 = CUT.search(other)
        if m and m2:
            t = t[: m.end()] + other[m2.end():]
    if rng.random() < 0.5:
        t = rng.choice(ORGS) + rng.choice(["", "の"]) + t
    y = rng.randrange(3)
    if y:
        t = f"令和{rng.randint(4, 8)}年度" + ("　" if y == 2 else "") + t
    if rng.random() < 0.4:
        s = rng.choice(SUFFIXES)
        if s is None:
            a = rng.randint(4, 8)
            s = f"（令和{a}年度～令和{a + 2}年度）"
        t += s
    out.write(t + "\n")
