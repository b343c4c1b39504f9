#!/usr/bin/env python3
"""Sanity check of the held-out bill corpus: labels parse, files exist, sums match."""
import glob, os, tomllib, re
import pymupdf as fitz

HERE = os.path.dirname(os.path.abspath(__file__))
ok = True
ALLOWED = {"date", "code", "modifiers", "revenue_code", "units", "cents", "description"}
for lp in sorted(glob.glob(os.path.join(HERE, "labels", "*.toml"))):
    name = os.path.basename(lp)[:-5]
    with open(lp, "rb") as f:
        lab = tomllib.load(f)
    files = lab.get("pages", [lab["file"]])
    assert files[0] == lab["file"], name
    for fn in files:
        p = os.path.join(HERE, fn)
        if not os.path.exists(p):
            print("MISSING", name, fn); ok = False
        elif os.path.getsize(p) >= 5 * 1024 * 1024:
            print("TOO BIG", name, fn, os.path.getsize(p)); ok = False
    ch = lab["charge"]
    s = sum(c["cents"] for c in ch)
    if s != lab["stated_total"]:
        print("SUM MISMATCH", name, s, lab["stated_total"]); ok = False
    for c in ch:
        if set(c) - ALLOWED or not {"units", "cents", "description"} <= set(c):
            print("BAD KEYS", name, c); ok = False
        if "date" in c and not re.fullmatch(r"\d{4}-\d\d-\d\d", c["date"]):
            print("BAD DATE", name, c); ok = False
        if "code" in c and not re.fullmatch(r"[0-9]{5}|[A-Z][0-9]{4}|[0-9]{4}[A-Z]", c["code"]):
            print("BAD CODE", name, c); ok = False
    # text PDFs: every code and the total must be findable in the extracted text
    ext = os.path.splitext(lab["file"])[1]
    npages = "?"
    if ext == ".pdf":
        doc = fitz.open(os.path.join(HERE, lab["file"]))
        npages = len(doc)
        text = "".join(pg.get_text() for pg in doc)
        if text.strip():
            for c in ch:
                if "code" in c and c["code"] not in text:
                    print("CODE NOT IN TEXT", name, c["code"]); ok = False
            t = lab["stated_total"]
            if f"{t // 100:,}.{t % 100:02d}" not in text and f"{t // 100}.{t % 100:02d}" not in text \
                    and f"{t // 100:,}.{t % 100:02d}".replace(",", " ") not in text:
                print("TOTAL NOT IN TEXT", name); ok = False
    else:
        npages = len(files)
    print(f"{name:34s} file={lab['file']:38s} pages={npages} charges={len(ch):3d} "
          f"total={lab['stated_total']} no-code={sum('code' not in c for c in ch)}")
print("ALL OK" if ok else "PROBLEMS FOUND")
