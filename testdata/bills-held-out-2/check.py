#!/usr/bin/env python3
"""Sanity check of the second held-out corpus: labels parse, files exist and are small,
charges sum to stated_total, and each labelled charge is printed on one baseline
(amount and code share a text line) in the drawn PDF (for scans/photos, the clean
drawing kept in _src/)."""
import collections
import glob
import json
import os
import re
import sys
import tomllib

import pymupdf

HERE = os.path.dirname(os.path.abspath(__file__))
bad = 0


def fail(msg):
    global bad
    bad += 1
    print("FAIL", msg)


def norm(w):
    w = w.replace("$", "").replace(",", "").strip()
    m = re.match(r"^([A-Z0-9]{5})-[A-Z0-9]{2}(-[A-Z0-9]{2})*$", w)   # code-modifier as printed (90837-95)
    return m.group(1) if m else w


kinds = {m["name"]: m["kind"] for m in json.load(open(os.path.join(HERE, "manifest.json")))}
rows = []
for lab in sorted(glob.glob(os.path.join(HERE, "labels", "*.toml"))):
    name = os.path.basename(lab)[:-5]
    with open(lab, "rb") as f:
        t = tomllib.load(f)
    for k in ("file", "stated_total", "note", "charge"):
        if k not in t:
            fail(f"{name}: missing {k}")
    files = t.get("pages") or [t["file"]]
    if t["file"] != files[0]:
        fail(f"{name}: file is not the first page")
    for fn in files:
        p = os.path.join(HERE, fn)
        if not os.path.exists(p):
            fail(f"{name}: {fn} missing")
        elif os.path.getsize(p) >= 4 * 1024 * 1024:
            fail(f"{name}: {fn} is {os.path.getsize(p)} bytes")
    ch = t["charge"]
    s = sum(c["cents"] for c in ch)
    if s != t["stated_total"]:
        fail(f"{name}: charges sum {s} != stated_total {t['stated_total']}")
    for c in ch:
        for k, ty in (("units", int), ("cents", int), ("date", str), ("description", str)):
            if not isinstance(c.get(k), ty):
                fail(f"{name}: charge {c} lacks {k}")
        if "code" in c and "-" in c["code"]:
            fail(f"{name}: code with modifier {c['code']}")
    # baseline check on the drawn PDF
    src = os.path.join(HERE, t["file"]) if t["file"].endswith(".pdf") else None
    clean = os.path.join(HERE, "_src", name + ".clean.pdf")
    doc = pymupdf.open(clean)
    if src:
        d2 = pymupdf.open(src)
        if kinds[name] == "pdf" and any(p.get_text().strip() == "" for p in d2):
            fail(f"{name}: text PDF has no text")
    lines = collections.defaultdict(list)
    for pno, page in enumerate(doc):
        for w in page.get_text("words"):
            lines[(pno, round(w[3], 1))].append(norm(w[4]))
    need = collections.Counter()
    for c in ch:
        amt = f"{c['cents'] // 100}.{c['cents'] % 100:02d}"
        need[(c.get("code", ""), amt)] += 1
    for (code, amt), n in need.items():
        have = sum(min(ws.count(amt), ws.count(code) if code else 1) for ws in lines.values())
        if have < n:
            fail(f"{name}: {code or '(no code)'} {amt} printed on {have} baselines, label has {n}")
    total_str = f"{t['stated_total'] // 100}.{t['stated_total'] % 100:02d}"
    if not any(total_str in ws for ws in lines.values()):
        fail(f"{name}: stated total {total_str} not printed")
    rows.append((name, kinds[name], t["file"], len(files), len(doc), len(ch), t["stated_total"]))

for r in rows:
    print(f"{r[0]:34s} {r[1]:9s} {r[2]:38s} files={r[3]} pages={r[4]} charges={r[5]:3d} total={r[6]}")
print("OK" if not bad else f"{bad} problems")
sys.exit(1 if bad else 0)
