#!/usr/bin/env python3
"""Second held-out corpus of synthetic US itemized medical bills.

Every bill is drawn from one list of charges; the same list writes the label.
Run with the venv in /tmp/heldout/venv:  python make.py
Outputs: <name>.pdf / .png / -pN.jpg beside this script, labels/<name>.toml.
"""
import datetime as dt
import io
import json
import os
from dataclasses import dataclass, field

import numpy as np
import pymupdf
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = os.path.dirname(os.path.abspath(__file__))
LAB = os.path.join(OUT, "labels")
W, H = letter

DJ = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DJCond", DJ + "DejaVuSansCondensed.ttf"))
pdfmetrics.registerFont(TTFont("DJCond-B", DJ + "DejaVuSansCondensed-Bold.ttf"))
pdfmetrics.registerFont(TTFont("DJSans", DJ + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DJSans-B", DJ + "DejaVuSans-Bold.ttf"))


# --------------------------------------------------------------------------
# data

@dataclass
class Ch:
    date: dt.date
    code: str | None
    desc: str
    units: int
    cents: int
    mods: tuple = ()
    rev: str | None = None
    x: dict = field(default_factory=dict)


def D(s):
    return dt.date.fromisoformat(s)


def m_comma(c):
    a = abs(c)
    return f"{a // 100:,}.{a % 100:02d}"


def m_plain(c):
    a = abs(c)
    return f"{a // 100}.{a % 100:02d}"


def d_mdy2(d):
    return d.strftime("%m/%d/%y")


def d_mdy4(d):
    return d.strftime("%m/%d/%Y")


# --------------------------------------------------------------------------
# drawing helpers

class Col:
    def __init__(self, key, head, x, align="l", wrap=None):
        self.key, self.head, self.x, self.align, self.wrap = key, head, x, align, wrap


def put(c, x, y, text, align="l"):
    if align == "r":
        c.drawRightString(x, y, text)
    elif align == "c":
        c.drawCentredString(x, y, text)
    else:
        c.drawString(x, y, text)


class Table:
    """Rows whose cells all sit on the baseline of the description's first line."""

    def __init__(self, c, cols, font, size, leading, bottom, new_page, head_font=None):
        self.c, self.cols, self.font, self.size = c, cols, font, size
        self.leading, self.bottom, self.new_page = leading, bottom, new_page
        self.head_font = head_font or font

    def header(self, y, rule=True, size=None):
        c = self.c
        c.setFont(self.head_font, size or self.size)
        for col in self.cols:
            for i, part in enumerate(col.head.split("\n")):
                put(c, col.x, y - i * (size or self.size) * 1.15, part, col.align)
        nh = max(len(col.head.split("\n")) for col in self.cols)
        y -= (nh - 1) * (size or self.size) * 1.15
        if rule:
            c.setLineWidth(0.6)
            c.line(self.cols[0].x - 2, y - 3, W - 34, y - 3)
        return y - self.leading - 2

    def lines(self, cells, font):
        out = {}
        for col in self.cols:
            v = cells.get(col.key, "")
            if col.wrap and v:
                out[col.key] = simpleSplit(v, font, self.size, col.wrap) or [""]
            else:
                out[col.key] = [v]
        return out

    def row(self, y, cells, font=None, gap=0.0, rule_above=False):
        c = self.c
        font = font or self.font
        ls = self.lines(cells, font)
        n = max(len(v) for v in ls.values())
        if y - (n - 1) * self.leading < self.bottom:
            y = self.new_page()
        if rule_above:
            y -= 2
            c.setLineWidth(0.4)
            c.line(self.cols[0].x - 2, y + self.size + 2.5, W - 34, y + self.size + 2.5)
        c.setFont(font, self.size)
        for col in self.cols:
            for i, t in enumerate(ls[col.key]):
                if t:
                    put(c, col.x, y - i * self.leading, t, col.align)
        return y - n * self.leading - gap


# --------------------------------------------------------------------------
# image degradation

def render_pages(pdf, dpi, gray):
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    out = []
    for p in doc:
        cs = pymupdf.csGRAY if gray else pymupdf.csRGB
        pix = p.get_pixmap(dpi=dpi, colorspace=cs, alpha=False)
        out.append(Image.frombytes("L" if gray else "RGB", (pix.width, pix.height), pix.samples))
    return out


def scan_degrade(img, angle, rng, noise=6.0):
    img = img.filter(ImageFilter.GaussianBlur(0.55))
    a = np.asarray(img, dtype=np.float32)
    a = 24 + a * 0.89          # grey-ish paper, not-quite-black toner
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=252)
    a = np.asarray(img, dtype=np.float32)
    a += rng.normal(0, noise, a.shape)
    # scanner dust specks
    n = int(a.size * 0.00004)
    ys, xs = rng.integers(0, a.shape[0], n), rng.integers(0, a.shape[1], n)
    a[ys, xs] = rng.integers(40, 140, n)
    # faint uneven scan lamp toward the right edge
    a *= (1.0 - 0.04 * np.linspace(0, 1, a.shape[1]))[None, :]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def photo_degrade(img, angle, rng):
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    rot = img.convert("RGBA").rotate(angle, resample=Image.BICUBIC, expand=True)
    bw, bh = int(rot.width * 1.09), int(rot.height * 1.07)
    desk = np.zeros((bh, bw, 3), np.float32)
    desk[:] = (96, 82, 66)
    desk += rng.normal(0, 6, (bh, 1, 1)) + rng.normal(0, 3, (bh, bw, 1))
    bg = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8))
    ox, oy = int(bw * 0.045) + int(rng.integers(-10, 10)), int(bh * 0.03) + int(rng.integers(-8, 8))
    bg.paste(rot, (ox, oy), rot)
    a = np.asarray(bg, dtype=np.float32)
    yy, xx = np.mgrid[0:bh, 0:bw].astype(np.float32)
    grad = 1.02 - 0.30 * (0.65 * xx / bw + 0.35 * yy / bh)
    # a soft lamp hot-spot near the upper left
    cx, cy = bw * 0.28, bh * 0.22
    grad += 0.06 * np.exp(-(((xx - cx) / (bw * 0.35)) ** 2 + ((yy - cy) / (bh * 0.3)) ** 2))
    a *= grad[..., None]
    a *= np.array([1.0, 0.965, 0.9], np.float32)   # warm indoor light
    a += rng.normal(0, 4.0, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


# --------------------------------------------------------------------------
# labels

def q(s):
    return json.dumps(s)


def write_label(name, file, pages, note, charges):
    total = sum(ch.cents for ch in charges)
    out = [f"file = {q(file)}"]
    if pages:
        out.append("pages = [" + ", ".join(q(p) for p in pages) + "]")
    out += [f"stated_total = {total}", f"note = {q(note)}", ""]
    for ch in charges:
        out.append("[[charge]]")
        out.append(f"date = {q(ch.date.isoformat())}")
        if ch.code:
            out.append(f"code = {q(ch.code)}")
        if ch.mods:
            out.append("modifiers = [" + ", ".join(q(m) for m in ch.mods) + "]")
        if ch.rev:
            out.append(f"revenue_code = {q(ch.rev)}")
        out.append(f"description = {q(ch.desc)}")
        out.append(f"units = {ch.units}")
        out.append(f"cents = {ch.cents}")
        out.append("")
    with open(os.path.join(LAB, name + ".toml"), "w") as f:
        f.write("\n".join(out))


# --------------------------------------------------------------------------
# generic page furniture

def two_pass(draw):
    """draw(c, npages) -> None; returns pdf bytes with correct 'of N'."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    draw(c, None)
    c.save()
    n = len(pymupdf.open(stream=buf.getvalue(), filetype="pdf"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    draw(c, n)
    c.save()
    return buf.getvalue()


def page_of(c, npages):
    return f"Page {c.getPageNumber()} of {npages or '?'}"


# ==========================================================================
# 1. behavioral health practice: running balance, (45.00) credits, proc-mod
# ==========================================================================

def cedar():
    name = "cedar-grove-behavioral-health"
    ORT, PAT = "ORTEGA J, LCSW", "PATEL R, PSYD"
    ev = []

    def ch(d, code, desc, amt, units=1, mods=(), clin=ORT):
        ev.append(("c", Ch(D(d), code, desc, units, amt, tuple(mods), None, {"clin": clin})))

    def pay(d, desc, amt, kind):
        ev.append(("p", D(d), desc, amt, kind))

    ch("2024-01-08", "90791", "DIAGNOSTIC EVAL INTAKE (NO MED SVCS)", 32500, clin=PAT)
    ch("2024-01-08", "96127", "BRIEF BEHAV ASSMT PHQ-9 SCORED", 2500, clin=PAT)
    ch("2024-01-08", "96127", "BRIEF BEHAV ASSMT GAD-7 SCORED", 2500, clin=PAT)
    ch("2024-01-15", "90837", "IND PSYTX 53+ MIN", 21000)
    ch("2024-01-22", "90837", "IND PSYTX 53+ MIN", 21000)
    pay("2024-01-26", "AETNA EFT 7781204 PMT", 26240, "ins")
    pay("2024-01-26", "AETNA CONTRACTUAL ADJ", 11260, "adj")
    ch("2024-01-29", "90834", "IND PSYTX 38-52 MIN", 16500)
    ch("2024-02-05", "90837", "IND PSYTX 53+ MIN", 21000)
    ch("2024-02-05", "90785", "INTERACT CMPLX ADD-ON", 3500)
    ch("2024-02-12", "90847", "FAMILY THERAPY SESSION PT PRESENT 50M (CONJOINT)", 19500)
    ch("2024-02-19", "90834", "IND PSYTX 38-52 MIN", 16500)
    ch("2024-02-19", "90834", "IND PSYTX 38-52 MIN", 16500)
    pay("2024-02-23", "AETNA EFT 7794410 PMT", 41875, "ins")
    pay("2024-02-23", "AETNA CONTRACTUAL ADJ", 17825, "adj")
    ch("2024-02-26", "90837", "IND PSYTX 53+ MIN TELEHEALTH VIDEO", 21000, mods=["95"])
    ch("2024-03-04", "90837", "IND PSYTX 53+ MIN TELEHEALTH VIDEO", 21000, mods=["95"])
    pay("2024-03-08", "PATIENT PMT VISA x4417", 4000, "pt")
    ch("2024-03-11", "90839", "CRISIS SESSION 1ST HR", 29500, clin=PAT)
    ch("2024-03-11", "90840", "CRISIS SESSION ADDL 30M", 14000, clin=PAT)
    ch("2024-03-18", "96127", "BRIEF BEHAV ASSMTS PHQ-9 + GAD-7", 5000, units=2)
    ch("2024-03-18", "90837", "IND PSYTX 53+ MIN", 21000)
    pay("2024-03-22", "AETNA EFT 7810032 PMT", 38610, "ins")
    pay("2024-03-22", "AETNA CONTRACTUAL ADJ", 16390, "adj")

    charges = [e[1] for e in ev if e[0] == "c"]
    total = sum(x.cents for x in charges)
    sums = {"ins": 0, "adj": 0, "pt": 0}
    for e in ev:
        if e[0] == "p":
            sums[e[4]] += e[3]

    cols = [Col("date", "Svc Date", 36), Col("proc", "Proc", 82),
            Col("desc", "Description", 134, wrap=150), Col("clin", "Clinician", 292),
            Col("units", "Units", 398, "r"), Col("amt", "Billed Amt", 462, "r"),
            Col("pay", "Pmt/Adj", 520, "r"), Col("bal", "Balance", 576, "r")]

    def draw(c, npages):
        def head():
            c.setFont("Helvetica-Bold", 15)
            c.drawString(36, 748, "Cedar Grove Behavioral Health, PLLC")
            c.setFont("Helvetica", 8.5)
            c.drawString(36, 735, "2210 Linden Ave, Suite 300  |  Bloomington, IN 47401  |  (812) 555-0147")
            c.drawString(36, 724, "Tax ID 35-4418820   NPI 1841392207")
            c.setFont("Helvetica-Bold", 12)
            c.drawRightString(576, 748, "PATIENT STATEMENT")
            c.setFont("Helvetica", 8.5)
            c.drawRightString(576, 735, "Statement Date: 03/29/2024")
            c.drawRightString(576, 724, "Account No: CG-104428    " + page_of(c, npages))

        head()
        c.rect(36, 630, 250, 76, stroke=1, fill=0)
        c.setFont("Helvetica", 9)
        for i, t in enumerate(["Morgan T. Keller", "418 W Kirkwood Ave Apt 2", "Bloomington, IN 47404",
                               "Guarantor: Self", "Primary Ins: AETNA CHOICE POS II"]):
            c.drawString(44, 694 - i * 12, t)
        c.rect(326, 630, 250, 76, stroke=1, fill=0)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(334, 694, "Questions about this statement?")
        c.setFont("Helvetica", 8.5)
        c.drawString(334, 682, "Call our billing office Mon-Fri 8:30-4:30.")
        c.drawString(334, 670, "Balances are due within 30 days of the")
        c.drawString(334, 658, "statement date. Sliding-fee plans available.")
        c.drawString(334, 640, "Pay online: cedargrovebh.example/pay")

        t = None

        def new_page():
            c.showPage()
            head()
            return t.header(700) if t else 700

        t = Table(c, cols, "Helvetica", 8.5, 12.5, 70, new_page, head_font="Helvetica-Bold")
        y = t.header(604)
        bal = 0
        for e in ev:
            if e[0] == "c":
                x = e[1]
                bal += x.cents
                proc = x.code + ("-" + "-".join(x.mods) if x.mods else "")
                y = t.row(y, {"date": d_mdy2(x.date), "proc": proc, "desc": x.desc, "clin": x.x["clin"],
                              "units": str(x.units), "amt": m_comma(x.cents), "bal": m_comma(bal)})
            else:
                bal -= e[3]
                y = t.row(y, {"date": d_mdy2(e[1]), "desc": e[2], "pay": f"({m_comma(e[3])})",
                              "bal": m_comma(bal)})
        y -= 8
        c.setLineWidth(0.8)
        c.line(330, y + 8, 576, y + 8)
        c.setFont("Helvetica", 9)
        for lab, val in [("Total Charges", m_comma(total)),
                         ("Insurance Payments", f"({m_comma(sums['ins'])})"),
                         ("Insurance Adjustments", f"({m_comma(sums['adj'])})"),
                         ("Patient Payments", f"({m_comma(sums['pt'])})")]:
            y -= 13
            c.drawString(340, y, lab)
            c.drawRightString(576, y, val)
        y -= 16
        c.setFont("Helvetica-Bold", 10)
        c.drawString(340, y, "Amount Due")
        c.drawRightString(576, y, "$" + m_comma(bal))
        assert bal == total - sum(sums.values())

    pdf = two_pass(draw)
    return dict(name=name, style="behavioral health practice", kind="pdf", pdf=pdf, charges=charges,
                note="Patient statement with a running Balance column beside Billed Amt; payments and "
                     "contractual adjustments print in the Pmt/Adj column in parentheses and are not charges. "
                     "Modifier 95 is attached to the code in the Proc column (90837-95). 90834 on 2024-02-19 "
                     "is printed twice (duplicate). 96127 on 2024-03-18 is one line with 2 units.")


# ==========================================================================
# 2. dental office ledger: tooth/surface columns, CDT codes, scan PDF
# ==========================================================================

def dental():
    name = "brightsmile-family-dental-ledger"
    ev = []

    def ch(d, pt, code, th, surf, desc, amt, prov="DR. NGUYEN"):
        ev.append(("c", Ch(D(d), code, desc, 1, amt, (), None, {"pt": pt, "th": th, "surf": surf, "prov": prov})))

    def cr(d, pt, desc, amt):
        ev.append(("p", D(d), pt, desc, amt))

    ch("2024-03-04", "JENNIFER", "D0150", "", "", "COMP EXAM NEW PT", 9500)
    ch("2024-03-04", "JENNIFER", "D0210", "", "", "FMX FULL MOUTH XRAYS", 14500)
    ch("2024-03-04", "JENNIFER", "D1110", "", "", "ADULT PROPHY CLEANING", 11500, prov="K. ROSS RDH")
    ch("2024-03-04", "JENNIFER", "D1206", "", "", "FL VARNISH", 4200, prov="K. ROSS RDH")
    ch("2024-03-04", "OWEN", "D0120", "", "", "RECALL EXAM", 6200)
    ch("2024-03-04", "OWEN", "D0272", "", "", "BWX 2 FILMS", 5800)
    ch("2024-03-04", "OWEN", "D1120", "", "", "PROPHY CHILD", 8500, prov="K. ROSS RDH")
    ch("2024-03-04", "OWEN", "D1206", "", "", "FL VARNISH", 4200, prov="K. ROSS RDH")
    ch("2024-03-04", "OWEN", "D1351", "3", "O", "PIT/FISSURE SEALANT", 5500, prov="K. ROSS RDH")
    ch("2024-03-04", "OWEN", "D1351", "14", "O", "PIT/FISSURE SEALANT", 5500, prov="K. ROSS RDH")
    ch("2024-03-04", "OWEN", "D1351", "19", "O", "PIT/FISSURE SEALANT", 5500, prov="K. ROSS RDH")
    ch("2024-03-04", "OWEN", "D1351", "30", "O", "PIT/FISSURE SEALANT", 5500, prov="K. ROSS RDH")
    cr("2024-03-04", "JENNIFER", "COPAY - DEBIT CARD", 2500)
    ch("2024-03-18", "JENNIFER", "D2391", "19", "O", "COMPOSITE FILLING 1S POST", 19500)
    ch("2024-03-18", "JENNIFER", "D2392", "30", "MO", "COMPOSITE FILLING 2S POST", 24500)
    ch("2024-03-18", "JENNIFER", "D2391", "31", "O", "COMPOSITE FILLING 1S POST", 19500)
    ch("2024-03-18", "JENNIFER", "D9230", "", "", "NITROUS OXIDE", 6500)
    cr("2024-03-27", "", "DELTA DENTAL PPO PMT CK#0093318", 41240)
    cr("2024-03-27", "", "DELTA DENTAL PPO WRITE-OFF", 9600)
    ch("2024-04-02", "JENNIFER", "D4341", "UR", "", "SRP 4+ TEETH QUAD - DEEP CLEANING", 26500)
    ch("2024-04-02", "JENNIFER", "D4341", "UL", "", "SRP 4+ TEETH QUAD - DEEP CLEANING", 26500)
    ch("2024-04-02", "JENNIFER", "D4381", "3", "", "ARESTIN SITE PER TOOTH", 11000)
    cr("2024-04-02", "JENNIFER", "PATIENT PMT - CHECK #2215", 10000)

    charges = [e[1] for e in ev if e[0] == "c"]
    total = sum(x.cents for x in charges)
    credits = sum(e[4] for e in ev if e[0] == "p")

    cols = [Col("date", "Date", 36), Col("pt", "Patient", 104), Col("code", "Code", 166),
            Col("th", "Th", 212), Col("surf", "Surf", 234), Col("desc", "Description", 264, wrap=168),
            Col("prov", "Prov", 438), Col("amt", "Charges", 530, "r"), Col("cr", "Credits", 576, "r")]

    def draw(c, npages):
        c.setFont("Times-Bold", 17)
        c.drawCentredString(W / 2, 746, "BrightSmile Family Dental")
        c.setFont("Times-Roman", 9.5)
        c.drawCentredString(W / 2, 732, "77 Commerce Park Dr.  -  Medford, OR 97504  -  541-555-0190")
        c.setFont("Times-Bold", 12)
        c.drawCentredString(W / 2, 708, "ACCOUNT LEDGER / DETAILED STATEMENT")
        c.setFont("Times-Roman", 9.5)
        c.drawString(36, 684, "Responsible Party:  Jennifer Walsh")
        c.drawString(36, 671, "Account #:  40917")
        c.drawString(36, 658, "Family members:  Jennifer Walsh, Owen Walsh")
        c.drawRightString(576, 684, "Statement Date: Apr 10, 2024")
        c.drawRightString(576, 671, "Dental Ins: Delta Dental PPO")
        c.drawRightString(576, 658, page_of(c, npages))
        t = Table(c, cols, "Times-Roman", 9, 13, 80, None, head_font="Times-Bold")
        y = t.header(630)
        for e in ev:
            if e[0] == "c":
                x = e[1]
                y = t.row(y, {"date": x.date.strftime("%b %d, %Y"), "pt": x.x["pt"], "code": x.code,
                              "th": x.x["th"], "surf": x.x["surf"], "desc": x.desc, "prov": x.x["prov"],
                              "amt": m_plain(x.cents)})
            else:
                y = t.row(y, {"date": e[1].strftime("%b %d, %Y"), "pt": e[2], "desc": e[3],
                              "cr": "-" + m_plain(e[4])})
        y -= 10
        c.setLineWidth(0.8)
        c.line(300, y + 9, 576, y + 9)
        c.setFont("Times-Roman", 10)
        for lab, val in [("Total Charges", m_plain(total)), ("Total Credits", "-" + m_plain(credits))]:
            y -= 14
            c.drawString(320, y, lab)
            c.drawRightString(576, y, val)
        y -= 16
        c.setFont("Times-Bold", 10.5)
        c.drawString(320, y, "Account Balance")
        c.drawRightString(576, y, m_plain(total - credits))
        c.setFont("Times-Italic", 8.5)
        c.drawString(36, 52, "Th = tooth number or quadrant (UR/UL/LR/LL).  Surf = surfaces treated.  "
                             "Insurance estimates are not guarantees of payment.")

    pdf = two_pass(draw)
    return dict(name=name, style="dental office ledger (CDT codes)", kind="scan-pdf", pdf=pdf, charges=charges,
                dpi=300, angle=-0.7,
                note="Scanned family ledger (300 dpi, PDF of images) for two patients (Patient column). CDT codes in the Code column; the Th "
                     "column holds tooth numbers or quadrants (UR/UL) and Surf the surfaces: neither is units "
                     "(every line is 1 unit). Credits (copay, Delta Dental payment and write-off, patient check) "
                     "print as -N.NN in the Credits column and are not charges. D1351 on 2024-03-04 is billed for "
                     "four teeth; D4341 twice on 2024-04-02 (two quadrants).")


# ==========================================================================
# 3. skilled nursing facility: rev codes, from/thru, qty/days x rate, $ 1,234.56
# ==========================================================================

def snf():
    name = "willow-creek-snf-itemized"
    rows = []   # (rev, code, desc, from, thru, qty, rate_cents)

    def r(rev, code, desc, f, t, qty, rate):
        rows.append(Ch(D(f), code, desc, qty, qty * rate, (), rev, {"thru": D(t), "rate": rate}))

    r("0191", None, "RM & BRD SUBACUTE LEVEL I SEMI-PRIVATE", "2024-04-01", "2024-04-14", 14, 52500)
    r("0192", None, "RM & BRD SUBACUTE LEVEL II SEMI-PRIVATE", "2024-04-15", "2024-04-21", 7, 48500)
    r("0250", None, "PHARMACY ROUTINE MEDS PER DOSE PASS", "2024-04-01", "2024-04-21", 42, 1875)
    r("0636", "J1644", "HEPARIN NA INJ PER 1000 UNITS", "2024-04-01", "2024-04-21", 42, 650)
    r("0636", "J0696", "CEFTRIAXONE NA INJ PER 250 MG", "2024-04-03", "2024-04-06", 4, 3800)
    r("0270", None, "MED/SURG SUPPLIES GENERAL DAILY", "2024-04-01", "2024-04-21", 21, 2200)
    r("0272", None, "STERILE SUPPLY WOUND DRESSINGS", "2024-04-01", "2024-04-21", 8, 1450)
    r("0300", "85025", "CBC AUTOMATED W/ DIFF", "2024-04-02", "2024-04-02", 1, 3800)
    r("0300", "80048", "BMP CHEM 8", "2024-04-02", "2024-04-02", 1, 5200)
    r("0300", "85025", "CBC AUTOMATED W/ DIFF", "2024-04-09", "2024-04-09", 1, 3800)
    r("0300", "80048", "BMP CHEM 8", "2024-04-09", "2024-04-09", 1, 5200)
    r("0300", "80048", "BMP CHEM 8", "2024-04-09", "2024-04-09", 1, 5200)
    r("0300", "87086", "URINE CULTURE COLONY COUNT", "2024-04-05", "2024-04-05", 1, 6400)
    r("0258", "J7030", "IV SOLN NS 0.9% 1000 ML", "2024-04-03", "2024-04-06", 4, 4200)
    r("0410", "94760", "PULSE OX SPOT CHECK", "2024-04-01", "2024-04-21", 12, 1200)
    r("0410", "94640", "NEB TX INHALATION", "2024-04-03", "2024-04-05", 6, 2800)
    r("0420", "97161", "PT EVAL LOW CPLX", "2024-04-01", "2024-04-01", 1, 18500)
    r("0420", "97110", "PT THERAPEUTIC EXERCISE EA 15 MIN", "2024-04-01", "2024-04-21", 36, 4800)
    r("0420", "97140", "PT MANUAL THER EA 15M", "2024-04-03", "2024-04-19", 10, 4700)
    r("0420", "97116", "PT GAIT TRNG EA 15M", "2024-04-02", "2024-04-21", 18, 4500)
    r("0420", "97530", "PT THER ACTIVITIES FUNCTIONAL EA 15M", "2024-04-03", "2024-04-21", 20, 5200)
    r("0430", "97165", "OT EVAL LOW CPLX", "2024-04-02", "2024-04-02", 1, 17500)
    r("0430", "97535", "OT SELF-CARE / ADL TRAINING EA 15 MIN", "2024-04-02", "2024-04-21", 24, 5000)
    r("0430", "97110", "OT THERAPEUTIC EXERCISE EA 15 MIN", "2024-04-02", "2024-04-21", 14, 4800)
    r("0440", "92610", "SLP SWALLOW EVAL BEDSIDE", "2024-04-02", "2024-04-02", 1, 21000)
    r("0440", "92526", "SLP DYSPHAGIA TX SESSION", "2024-04-03", "2024-04-19", 8, 9500)

    charges = rows
    total = sum(x.cents for x in charges)
    gname = {"0191": "ROOM & BOARD", "0192": "ROOM & BOARD", "0250": "PHARMACY", "0636": "DRUGS DETAIL CODED",
             "0270": "MED/SURG SUPPLIES", "0272": "STERILE SUPPLIES", "0300": "LABORATORY",
             "0410": "RESPIRATORY SVCS", "0258": "IV SOLUTIONS", "0420": "PHYSICAL THERAPY", "0430": "OCCUPATIONAL THERAPY",
             "0440": "SPEECH-LANGUAGE PATHOLOGY"}
    groups = {}
    for x in charges:
        groups.setdefault(gname[x.rev], []).append(x)

    def dol(c):
        return ("-$ " if c < 0 else "$ ") + m_comma(c)

    cols = [Col("rev", "Rev Cd", 36), Col("desc", "Description", 72, wrap=150),
            Col("code", "HCPCS", 228), Col("from", "Svc From", 270), Col("thru", "Svc Thru", 322),
            Col("qty", "Qty/Days", 408, "r"), Col("rate", "Rate", 466, "r"), Col("amt", "Gross Charge", 576, "r")]

    def draw(c, npages):
        def head(first):
            c.setFont("Helvetica-Bold", 13)
            c.drawString(36, 750, "WILLOW CREEK HEALTH & REHABILITATION CENTER")
            c.setFont("Helvetica", 8.5)
            c.drawString(36, 738, "A Skilled Nursing Facility  *  1450 Orchard Rd  *  Greeley, CO 80634  *  970-555-0122")
            c.drawRightString(576, 750, page_of(c, npages))
            c.drawRightString(576, 738, "Resident: HALVORSEN, ARNE P    Acct 200418-03")
            c.setLineWidth(1.2)
            c.line(36, 730, 576, 730)
            if not first:
                c.setFont("Helvetica-Oblique", 8)
                c.drawString(36, 720, "Itemized Statement of Charges (continued)")
                return 700
            return None

        head(True)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(36, 710, "ITEMIZED STATEMENT OF CHARGES")
        c.setFont("Helvetica", 8.5)
        info = [("Admission Date", "04/01/2024"), ("Discharge Date", "04/22/2024"), ("Payer", "MEDICARE PART A"),
                ("Medicare ID", "7XK4-TE3-MN21"), ("Attending", "R. DELACROIX MD"), ("Bill Type", "0211")]
        for i, (k, v) in enumerate(info):
            x = 36 + (i % 3) * 180
            yy = 692 - (i // 3) * 13
            c.drawString(x, yy, k + ":")
            c.drawString(x + 76, yy, v)
        c.setFont("Helvetica-Oblique", 8)
        c.drawString(36, 660, "Charges are listed by revenue code. Qty/Days = days for room & board, units for all "
                              "other lines. Gross Charge = Qty/Days x Rate.")
        t = None

        def new_page():
            c.showPage()
            return t.header(head(False))

        t = Table(c, cols, "Helvetica", 8.5, 13.5, 64, new_page, head_font="Helvetica-Bold")
        y = t.header(640)
        for gn, xs in groups.items():
            for x in xs:
                y = t.row(y, {"rev": x.rev, "desc": x.desc, "code": x.code or "",
                              "from": d_mdy4(x.date), "thru": d_mdy4(x.x["thru"]), "qty": str(x.units),
                              "rate": m_comma(x.x["rate"]), "amt": dol(x.cents)})
            if len(xs) > 1:
                sub = sum(x.cents for x in xs)
                y = t.row(y, {"desc": f"SUBTOTAL {gn}", "amt": dol(sub)},
                          font="Helvetica-Bold", gap=4)
            else:
                y -= 4
        pay = 1488000
        coins = 7 * 20400
        lines = [("TOTAL CHARGES", dol(total), True), ("Medicare Part A Payment", dol(-pay), False),
                 ("Contractual Allowance", dol(-(total - pay - coins)), False),
                 ("Coinsurance Days 21 (1 day x $204.00)", "", False),
                 ("Resident Responsibility", dol(coins), True)]
        if y < 150:
            y = new_page()
        y -= 6
        c.setLineWidth(0.8)
        c.line(300, y + 10, 576, y + 10)
        for lab, val, bold in lines:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 9)
            c.drawString(310, y, lab)
            if val:
                c.drawRightString(576, y, val)
            y -= 13

    pdf = two_pass(draw)
    return dict(name=name, style="skilled nursing facility (rev codes, from/thru, qty x rate)", kind="pdf",
                pdf=pdf, charges=charges,
                note="SNF stay grouped by revenue code with Svc From / Svc Thru dates (label date = Svc From). "
                     "Room & board 0191/0192 have no HCPCS; units = days. Qty/Days x Rate = Gross Charge. "
                     "Bold SUBTOTAL rows per department and the payment block are not charges. 97110 appears "
                     "under both PT (0420) and OT (0430); 80048 on 2024-04-09 is printed twice.")


# ==========================================================================
# 4. home health agency: per-week subtotals, ISO dates, phone photo 2 pages
# ==========================================================================

def homehealth():
    name = "riverbend-home-health"
    DISC = {"SN": ("0551", "G0299", "SKILLED NSG VISIT RN EA 15 MIN", 4500),
            "PT": ("0421", "G0151", "HH PHYSICAL THERAPY EA 15 MIN", 4800),
            "OT": ("0431", "G0152", "HH OCCUPATIONAL THERAPY EA 15 MIN", 4800),
            "HHA": ("0571", "G0156", "HOME HEALTH AIDE EA 15 MIN", 1800),
            "MSW": ("0561", "G0155", "MSW VISIT EA 15 MIN - CAREGIVER / COMMUNITY RESOURCE PLANNING", 5500)}
    visits = [
        ("2024-05-06", "SN", 4), ("2024-05-06", "SUP", 6450), ("2024-05-07", "PT", 4), ("2024-05-08", "SN", 3),
        ("2024-05-09", "HHA", 6), ("2024-05-09", "PT", 3), ("2024-05-10", "OT", 4), ("2024-05-10", "SN", 3),
        ("2024-05-13", "SN", 3), ("2024-05-13", "HHA", 4), ("2024-05-13", "HHA", 4), ("2024-05-14", "PT", 3),
        ("2024-05-15", "SN", 3), ("2024-05-16", "OT", 3), ("2024-05-16", "HHA", 6), ("2024-05-17", "PT", 3),
        ("2024-05-17", "MSW", 3),
        ("2024-05-20", "SN", 3), ("2024-05-20", "SUP", 4825), ("2024-05-21", "PT", 3), ("2024-05-22", "HHA", 6),
        ("2024-05-23", "SN", 3), ("2024-05-23", "OT", 3), ("2024-05-24", "PT", 3),
        ("2024-05-28", "SN", 4), ("2024-05-29", "PT", 3), ("2024-05-29", "HHA", 6), ("2024-05-30", "OT", 3),
        ("2024-05-31", "SN", 3),
        ("2024-06-03", "SN", 3), ("2024-06-03", "HHA", 6), ("2024-06-04", "PT", 3), ("2024-06-05", "OT", 3),
        ("2024-06-06", "SN", 3), ("2024-06-06", "HHA", 6), ("2024-06-07", "PT", 4), ("2024-06-07", "MSW", 2),
        ("2024-06-10", "SN", 3), ("2024-06-11", "PT", 3), ("2024-06-12", "HHA", 6), ("2024-06-12", "SUP", 3910),
        ("2024-06-13", "OT", 3), ("2024-06-14", "SN", 4),
    ]
    charges = []
    for d, disc, u in visits:
        if disc == "SUP":
            charges.append(Ch(D(d), None, "WOUND CARE SUPPLIES NON-ROUTINE", 1, u, (), "0270", {"disc": "SUP"}))
        else:
            rev, code, desc, rate = DISC[disc]
            charges.append(Ch(D(d), code, desc, u, u * rate, (), rev, {"disc": disc}))
    total = sum(x.cents for x in charges)
    weeks = [("2024-05-11", []), ("2024-05-18", []), ("2024-05-25", []), ("2024-06-01", []), ("2024-06-08", []), ("2024-06-15", [])]
    for x in charges:
        for we, lst in weeks:
            if x.date <= D(we):
                lst.append(x)
                break

    cols = [Col("date", "Visit Date", 36), Col("disc", "Disc", 100), Col("rev", "Rev", 134),
            Col("code", "HCPCS", 170), Col("desc", "Description", 218, wrap=190),
            Col("units", "Units", 452, "r"), Col("amt", "Charges", 560, "r")]

    def draw(c, npages):
        def head():
            c.setFont("Helvetica-Bold", 14)
            c.drawString(36, 748, "Riverbend Home Health Services")
            c.setFont("Helvetica", 8.5)
            c.drawString(36, 735, "Medicare-certified home health agency  |  9 Mill Race Rd, Dubuque, IA 52001")
            c.drawRightString(576, 748, "DETAIL OF SERVICES")
            c.drawRightString(576, 735, page_of(c, npages))
            c.drawRightString(576, 723, "Patient: Dorothy E. Lindgren   MR# HH-55031")
            c.line(36, 716, 576, 716)

        head()
        c.setFont("Helvetica", 9)
        blk = ["Episode / Period of Care: 2024-05-06 through 2024-07-04",
               "Certifying physician: S. Abernathy, DO",
               "Primary payer: Medicare (claim pending - this is not a bill for payment)",
               "Units are billed in 15-minute increments for each visit."]
        for i, s in enumerate(blk):
            c.drawString(36, 700 - i * 13, s)
        t = None

        def new_page():
            c.showPage()
            head()
            return t.header(700)

        t = Table(c, cols, "Helvetica", 9, 14, 70, new_page, head_font="Helvetica-Bold")
        y = t.header(640)
        for we, xs in weeks:
            for x in xs:
                y = t.row(y, {"date": x.date.isoformat(), "disc": x.x["disc"], "rev": x.rev, "code": x.code or "",
                              "desc": x.desc, "units": str(x.units), "amt": m_plain(x.cents)})
            sub = sum(x.cents for x in xs)
            y = t.row(y, {"desc": f"Week ending {we} subtotal", "amt": m_plain(sub)}, font="Helvetica-Bold",
                      gap=6)
        if y < 130:
            y = new_page()
        y -= 4
        c.line(330, y + 11, 576, y + 11)
        for lab, val, f in [("Total Charges", m_plain(total), "Helvetica-Bold"),
                            ("Payments Received", "0.00", "Helvetica"),
                            ("Balance (pending Medicare)", m_plain(total), "Helvetica")]:
            c.setFont(f, 9.5)
            c.drawString(340, y, lab)
            c.drawRightString(560, y, val)
            y -= 14

    pdf = two_pass(draw)
    return dict(name=name, style="home health agency (per-week subtotals)", kind="photo", pdf=pdf,
                charges=charges, dpi=200, angles=[2.1, -1.7],
                note="Two phone photos (p1, p2). Disc column = discipline (SN/PT/OT/HHA/MSW/SUP), Rev = revenue "
                     "code, HCPCS G-codes; units are 15-minute increments. Supply lines (rev 0270) have no code. "
                     "Bold 'Week ending ... subtotal' rows are not charges. G0156 is printed twice on 2024-05-13 "
                     "(two aide visits).")


# ==========================================================================
# 5. dialysis center: Courier, per-date totals, 45.00CR credits, scan PDF
# ==========================================================================

def dialysis():
    name = "lakeview-dialysis-june-statement"
    days = ["2024-06-03", "2024-06-05", "2024-06-07", "2024-06-10", "2024-06-12", "2024-06-14", "2024-06-17",
            "2024-06-19", "2024-06-21", "2024-06-24", "2024-06-26", "2024-06-28"]
    charges = []

    def a(d, rev, code, desc, units, rate):
        charges.append(Ch(D(d), code, desc, units, units * rate, (), rev))

    for d in days:
        wd = D(d).weekday()
        a(d, "0821", None, "HEMODIALYSIS OP TREATMENT", 1, 185000)
        a(d, "0636", "J1644", "HEPARIN SOD 1000U", 3, 500)
        if d == "2024-06-12":
            a(d, "0636", "J1644", "HEPARIN SOD 1000U", 3, 500)
        a(d, "0636", "J2501", "PARICALCITOL 1MCG", 4, 925)
        if wd == 0:
            a(d, "0636", "J0882", "DARBEPOETIN ESRD 1MCG", 40, 1250)
        if wd == 2:
            a(d, "0636", "J1756", "IRON SUCROSE 1MG", 100, 110)
        if d == "2024-06-03":
            a(d, "0300", "80069", "RENAL PNL", 1, 8200)
            a(d, "0300", "85025", "CBC W/ AUTO DIFF", 1, 3800)
            a(d, "0300", "83970", "PTH INTACT", 1, 14500)
            a(d, "0300", "82728", "FERRITIN SERUM", 1, 5800)
            a(d, "0300", "83540", "IRON SERUM", 1, 3200)
            a(d, "0300", "83550", "TIBC", 1, 4000)
        if d == "2024-06-17":
            a(d, "0300", "87340", "HEP B SURFACE AG", 1, 4400)
            a(d, "0300", "85025", "CBC W/ AUTO DIFF", 1, 3800)
            a(d, "0300", "80069", "RENAL PNL", 1, 8200)
    total = sum(x.cents for x in charges)
    pay, contr = 481220, total - 481220 - 120305

    cols = [Col("date", "TX DATE", 36), Col("rev", "REV", 110), Col("code", "HCPCS", 146),
            Col("desc", "DESCRIPTION", 196, wrap=170), Col("units", "UNITS", 420, "r"),
            Col("amt", "AMOUNT", 498, "r"), Col("dt", "DATE TOTAL", 576, "r")]

    def draw(c, npages):
        def head():
            c.setFont("Courier-Bold", 12)
            c.drawString(36, 750, "LAKEVIEW KIDNEY & DIALYSIS CENTER")
            c.setFont("Courier", 8.5)
            c.drawString(36, 738, "3300 SHORELINE BLVD STE 110   RACINE WI 53403   (262) 555-0184")
            c.drawRightString(576, 750, "STATEMENT PERIOD 06/01/24-06/30/24")
            c.drawRightString(576, 738, page_of(c, npages).upper())
            c.drawString(36, 724, "PATIENT: OKONKWO, SAMUEL A      ACCT: LKD-0087231      MODALITY: IN-CENTER HD")
            c.line(36, 716, 576, 716)

        head()
        t = None

        def new_page():
            c.showPage()
            head()
            return t.header(698)

        t = Table(c, cols, "Courier", 8.5, 11.5, 66, new_page, head_font="Courier-Bold")
        y = t.header(698)
        for d in days:
            xs = [x for x in charges if x.date == D(d)]
            for x in xs:
                y = t.row(y, {"date": D(d).strftime("%m-%d-%Y"), "rev": x.rev, "code": x.code or "",
                              "desc": x.desc, "units": str(x.units), "amt": m_comma(x.cents)})
            y = t.row(y, {"desc": "** DATE TOTAL **", "dt": m_comma(sum(x.cents for x in xs))}, gap=5)
        if y < 140:
            y = new_page()
        c.setFont("Courier", 8.5)
        y -= 6
        for lab, val in [("TOTAL CHARGES FOR PERIOD", m_comma(total)),
                         ("MEDICARE PMT 07/11/24", m_comma(pay) + "CR"),
                         ("CONTRACTUAL ALLOWANCE", m_comma(contr) + "CR"),
                         ("COINS BILLED TO SECONDARY (AARP MEDSUP)", m_comma(120305)),
                         ("PATIENT BALANCE", "0.00")]:
            c.drawString(196, y, lab)
            c.drawRightString(576, y, val)
            y -= 12

    pdf = two_pass(draw)
    return dict(name=name, style="dialysis center monthly (per-date totals, CR credits)", kind="scan-pdf",
                pdf=pdf, charges=charges, dpi=250, angle=1.1,
                note="Monthly in-center hemodialysis statement, scanned. Treatment lines (rev 0821) print no "
                     "HCPCS. The '** DATE TOTAL **' rows (amount in the DATE TOTAL column) are per-date subtotals, "
                     "not charges. Credits at the end print with a CR suffix. J1644 is printed twice on "
                     "2024-06-12 (extra heparin bolus).")


# ==========================================================================
# 6. hospital observation stay: CDM number before description, CPT after
# ==========================================================================

def observation():
    name = "mercy-valley-observation-stay"
    charges = []

    def a(d, cdm, desc, code, rev, qty, amt):
        charges.append(Ch(D(d), code, desc, qty, amt, (), rev, {"cdm": cdm}))

    d1, d2 = "2024-05-12", "2024-05-13"
    a(d1, "45000214", "EMERGENCY DEPT VISIT LEVEL 4", "99284", "0450", 1, 214500)
    a(d1, "30000123", "CBC AUTOMATED W/ AUTO DIFF WBC", "85025", "0300", 1, 8600)
    a(d1, "30000456", "CMP CHEM 14", "80053", "0301", 1, 21200)
    a(d1, "30001120", "TROPONIN I HIGH SENSITIVITY", "84484", "0300", 1, 17800)
    a(d1, "30001120", "TROPONIN I HIGH SENSITIVITY", "84484", "0300", 1, 17800)
    a(d1, "30001410", "BNP NATRIURETIC PEPTIDE", "83880", "0301", 1, 19600)
    a(d1, "73000310", "EKG 12-LEAD TRACING", "93005", "0730", 1, 29500)
    a(d1, "32000075", "XR CHEST 2 VIEWS PA/LAT", "71046", "0324", 1, 41800)
    a(d1, "35002210", "CT ANGIOGRAPHY CHEST W CONTRAST (PE PROTOCOL)", "71275", "0352", 1, 341200)
    a(d1, "25500100", "IOHEXOL 350 MG/ML LOW OSMOLAR CONTRAST PER ML", "Q9967", "0636", 100, 31000)
    a(d1, "26000540", "IV PUSH INITIAL", "96374", "0260", 1, 31200)
    a(d1, "26000541", "IV PUSH ADDL SEQ NEW DRUG", "96375", "0260", 1, 14800)
    a(d1, "25000220", "ONDANSETRON HCL INJ PER 1 MG", "J2405", "0636", 4, 6400)
    a(d1, "25000300", "KETOROLAC TROMETH INJ PER 15 MG", "J1885", "0636", 2, 5800)
    a(d1, "25000001", "PHARMACY MISC ORAL MEDS", None, "0250", 3, 2700)
    a(d1, "76200100", "OBS SVCS HOURLY", "G0378", "0762", 9, 112500)
    a(d2, "76200100", "OBS SVCS HOURLY", "G0378", "0762", 14, 175000)
    a(d2, "30001120", "TROPONIN I HIGH SENSITIVITY", "84484", "0300", 1, 17800)
    a(d2, "30000789", "BMP CHEM 8 W/ IONIZED CA", "80048", "0301", 1, 12400)
    a(d2, "30000912", "MAGNESIUM SERUM", "83735", "0301", 1, 5800)
    a(d2, "48300210", "ECHO TTE COMPLETE W/ STRESS AND ECG MONITORING", "93351", "0483", 1, 286000)
    a(d2, "25500420", "PERFLUTREN LIPID MICROSPHERE PER ML", "Q9957", "0636", 2, 42000)
    a(d2, "73000310", "EKG 12-LEAD TRACING", "93005", "0730", 1, 29500)
    a(d2, "27000015", "IV INFUSION NS 0.9% 1000 ML", "J7030", "0258", 1, 9600)
    a(d2, "27200410", "IV START KIT W/ CATHETER", None, "0270", 1, 6800)
    a(d2, "25000001", "PHARMACY MISC ORAL MEDS", None, "0250", 2, 1800)
    total = sum(x.cents for x in charges)

    def amt(c):
        return m_comma(c) + " "

    cols = [Col("date", "Svc Date", 36), Col("cdm", "Chg Code", 92), Col("desc", "Description", 144, wrap=178),
            Col("code", "CPT/HCPCS", 330), Col("rev", "Rev", 390), Col("qty", "Qty", 446, "r"),
            Col("amt", "Amount", 566, "r")]

    def draw(c, npages):
        def head():
            c.setFont("Times-Bold", 14)
            c.drawString(36, 752, "MERCY VALLEY REGIONAL HOSPITAL")
            c.setFont("Times-Roman", 9)
            c.drawString(36, 740, "Patient Financial Services  |  PO Box 4410  |  Yakima, WA 98901  |  509-555-0163")
            c.setFont("Times-Bold", 10)
            c.drawRightString(576, 752, "DETAILED ITEMIZED BILL")
            c.setFont("Times-Roman", 9)
            c.drawRightString(576, 740, page_of(c, npages))
            c.drawString(36, 726, "Patient: ARCHULETA, LUCIA M")
            c.drawString(220, 726, "Account: 9100388245")
            c.drawString(380, 726, "Patient Type: OUTPATIENT OBSERVATION")
            c.drawString(36, 714, "Service Dates: 05/12/2024 - 05/13/2024")
            c.drawString(220, 714, "MRN: 00771902")
            c.drawString(380, 714, "Payer: REGENCE BCBS PPO")
            c.setLineWidth(1)
            c.line(36, 706, 576, 706)

        head()
        c.setFont("Times-Italic", 8.5)
        c.drawString(36, 694, "Chg Code is the hospital charge-master number. Observation is billed per hour. "
                              "This itemization is provided at your request.")
        t = None

        def new_page():
            c.showPage()
            head()
            return t.header(690)

        t = Table(c, cols, "Times-Roman", 9, 13.5, 72, new_page, head_font="Times-Bold")
        y = t.header(672)
        for d in (d1, d2):
            xs = [x for x in charges if x.date == D(d)]
            for x in xs:
                y = t.row(y, {"date": d_mdy4(x.date), "cdm": x.x["cdm"], "desc": x.desc, "code": x.code or "",
                              "rev": x.rev, "qty": str(x.units), "amt": amt(x.cents)}, gap=1.5)
            y = t.row(y, {"desc": f"Subtotal for {d_mdy4(D(d))}", "amt": amt(sum(x.cents for x in xs))},
                      font="Times-Bold", gap=8, rule_above=True)
        if y < 150:
            y = new_page()
        c.setFont("Times-Bold", 10)
        y -= 4
        c.line(330, y + 12, 576, y + 12)
        for lab, val in [("Total Charges", amt(total)), ("Insurance Payments", "0.00 "),
                         ("Patient Payments", "0.00 "), ("Account Balance", amt(total))]:
            c.drawString(340, y, lab)
            c.drawRightString(566, y, val)
            c.setFont("Times-Roman", 10)
            y -= 14

    pdf = two_pass(draw)
    return dict(name=name, style="hospital observation stay (CDM before description, CPT after)", kind="pdf",
                pdf=pdf, charges=charges,
                note="Outpatient observation stay. Each row prints the 8-digit charge-master number (Chg Code) "
                     "before the description and the CPT/HCPCS after it, then revenue code and quantity. "
                     "Pharmacy and supply rows have no CPT. Amounts carry a trailing space. Bold 'Subtotal for' "
                     "rows are per-date subtotals, not charges. 84484 is printed twice on 2024-05-12 (serial "
                     "troponins); G0378 units are hours.")


# ==========================================================================
# 7. sleep lab: code first, separate Mod column, payments in charge column
# ==========================================================================

def sleep():
    name = "summit-sleep-diagnostics"
    ev = []

    def ch(d, code, mod, desc, units, amt):
        ev.append(("c", Ch(D(d), code, desc, units, amt, (mod,) if mod else ())))

    def pay(d, desc, amt):
        ev.append(("p", D(d), desc, amt))

    ch("2024-04-22", "99204", "", "NEW PT CONSULT SLEEP MEDICINE", 1, 38500)
    ch("2024-05-14", "95810", "TC", "IN-LAB SLEEP STUDY PSG - TECHNICAL", 1, 215000)
    ch("2024-05-14", "95810", "26", "IN-LAB SLEEP STUDY PSG - READING", 1, 42500)
    ch("2024-05-28", "95811", "TC", "SPLIT/TITRATION STUDY CPAP - TECHNICAL", 1, 238000)
    ch("2024-05-28", "95811", "26", "SPLIT/TITRATION STUDY CPAP - READING", 1, 44500)
    pay("2024-05-30", "BCBS PAYMENT - CLAIM 24151A0093", 118844)
    pay("2024-05-30", "BCBS CONTRACTUAL ADJUSTMENT", 97156)
    ch("2024-06-11", "99214", "25", "EST PT F/U DETAILED", 1, 24500)
    ch("2024-06-11", "94660", "", "CPAP SETUP & MGMT", 1, 13500)
    ch("2024-06-11", "A7030", "", "CPAP FULL FACE MASK", 1, 21000)
    ch("2024-06-11", "A7037", "", "CPAP HOSE 6FT", 1, 4800)
    pay("2024-06-20", "BCBS PAYMENT - CLAIM 24172B1150", 181244)
    pay("2024-06-20", "BCBS CONTRACTUAL ADJUSTMENT", 143656)
    pay("2024-06-24", "PATIENT PAYMENT - THANK YOU", 5000)

    charges = [e[1] for e in ev if e[0] == "c"]
    total = sum(x.cents for x in charges)
    credits = sum(e[3] for e in ev if e[0] == "p")

    def dol(c):
        return ("-$" if c < 0 else "$") + m_comma(c)

    cols = [Col("code", "Procedure Code", 40), Col("mod", "Mod", 118), Col("desc", "Description", 150, wrap=196),
            Col("dos", "DOS", 362), Col("units", "Units", 444, "r"), Col("amt", "Charge", 566, "r")]

    def draw(c, npages):
        c.setFont("Times-Bold", 16)
        c.drawString(40, 748, "Summit Sleep Diagnostics")
        c.setFont("Times-Italic", 9.5)
        c.drawString(40, 735, "Sleep Disorders Center & Sleep Laboratory")
        c.setFont("Times-Roman", 9.5)
        c.drawString(40, 722, "560 Aspen Grove Way, Bldg C  -  Provo, UT 84604  -  (801) 555-0138")
        c.setFont("Times-Bold", 11)
        c.drawRightString(572, 748, "Itemized Statement")
        c.setFont("Times-Roman", 9.5)
        c.drawRightString(572, 735, "Date: 6/28/2024")
        c.drawRightString(572, 722, "Acct: SSD-22817")
        c.rect(40, 640, 532, 66)
        c.drawString(50, 692, "Patient:  Bradley K. Osterman")
        c.drawString(50, 678, "DOB:  09/14/1971")
        c.drawString(50, 664, "Insurance:  BCBS of Utah  ID XUH884210773")
        c.drawString(310, 692, "Referring:  T. Whitaker, MD")
        c.drawString(310, 678, "Interpreting:  J. Salas, MD, D.ABSM")
        c.drawString(310, 664, "Place of service:  Sleep lab (11)")
        c.drawString(50, 650, "Please pay the Balance Due shown below.")
        t = Table(c, cols, "Times-Roman", 10, 15, 60, None, head_font="Times-Bold")
        y = t.header(616)
        for e in ev:
            if e[0] == "c":
                x = e[1]
                y = t.row(y, {"code": x.code, "mod": x.mods[0] if x.mods else "", "desc": x.desc,
                              "dos": f"{x.date.month}/{x.date.day}/{x.date.year}", "units": str(x.units),
                              "amt": dol(x.cents)})
            else:
                d = e[1]
                y = t.row(y, {"desc": e[2], "dos": f"{d.month}/{d.day}/{d.year}", "amt": dol(-e[3])})
        y -= 8
        c.line(330, y + 11, 572, y + 11)
        for lab, val, f in [("Total Charges", dol(total), "Times-Bold"),
                            ("Total Payments & Adjustments", dol(-credits), "Times-Roman"),
                            ("Balance Due", dol(total - credits), "Times-Bold")]:
            c.setFont(f, 10.5)
            c.drawString(340, y, lab)
            c.drawRightString(566, y, val)
            y -= 15

    pdf = two_pass(draw)
    return dict(name=name, style="sleep lab (code first, TC/26 mod column)", kind="photo", pdf=pdf,
                charges=charges, dpi=200, angles=[-2.6],
                note="Phone photo of a one-page sleep-lab statement. The code is the first column; modifiers "
                     "(TC, 26, 25) in their own Mod column; DOS after the description in M/D/YYYY. Payments and "
                     "adjustments print as -$N in the same Charge column and are not charges. 95810 and 95811 "
                     "each appear twice on one date with different modifiers (technical and interpretation).")


# ==========================================================================
# 8. chiropractic: charge/credit/balance columns, trailing-minus credits, PNG scan
# ==========================================================================

def chiro():
    name = "align-spine-chiropractic"
    ev = []

    def ch(d, code, mods, desc, units, amt):
        ev.append(("c", Ch(D(d), code, desc, units, amt, tuple(mods))))

    def cr(d, desc, amt):
        ev.append(("p", D(d), desc, amt))

    ch("2024-03-05", "99203", ["25"], "NEW PT E/M LOW MDM", 1, 18500)
    ch("2024-03-05", "72100", [], "XR LUMBOSACRAL SPINE 2-3 VIEWS", 1, 9500)
    ch("2024-03-05", "98941", ["AT"], "CMT SPINAL 3-4 REGIONS", 1, 6800)
    ch("2024-03-05", "97140", ["GP", "59"], "MANUAL THER TECH EA 15M", 2, 9600)
    cr("2024-03-05", "COPAY - VISA", 3000)
    plan = {
        "2024-03-07": [("97012", ["GP"], "TRACTION MECH", 1, 3200)],
        "2024-03-12": [("G0283", ["GP"], "E-STIM UNATTENDED", 1, 2800)],
        "2024-03-14": [("97110", ["GP"], "THER EXERCISE EA 15M", 2, 9000)],
        "2024-03-19": [("G0283", ["GP"], "E-STIM UNATTENDED", 1, 2800),
                       ("G0283", ["GP"], "E-STIM UNATTENDED", 1, 2800)],
        "2024-03-21": [("97012", ["GP"], "TRACTION MECH", 1, 3200),
                       ("97110", ["GP"], "THER EXERCISE EA 15M", 2, 9000)],
        "2024-03-26": [("97110", ["GP"], "THER EXERCISE EA 15M", 2, 9000)],
        "2024-03-28": [("G0283", ["GP"], "E-STIM UNATTENDED", 1, 2800)],
    }
    for d, extra in plan.items():
        ch(d, "98941", ["AT"], "CMT SPINAL 3-4 REGIONS", 1, 6800)
        ch(d, "97140", ["GP", "59"], "MANUAL THER TECH EA 15M", 1, 4800)
        for e in extra:
            ch(d, *e)
        cr(d, "COPAY - VISA", 3000)
        if d == "2024-03-21":
            cr("2024-03-22", "UHC PMT CHK 5512390", 21240)
            cr("2024-03-22", "UHC CONTRACTUAL W/O", 11860)

    charges = [e[1] for e in ev if e[0] == "c"]
    total = sum(x.cents for x in charges)
    credits = sum(e[3] for e in ev if e[0] == "p")

    cols = [Col("date", "Date", 36), Col("code", "Code", 88), Col("mod", "Mod", 128),
            Col("desc", "Description", 164, wrap=170), Col("qty", "Qty", 352, "r"),
            Col("amt", "Charge", 418, "r"), Col("cr", "Credit", 490, "r"), Col("bal", "Balance", 572, "r")]

    def draw(c, npages):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(36, 752, "ALIGN SPINE & CHIROPRACTIC")
        c.setFont("Helvetica", 8)
        c.drawString(36, 740, "Dr. Tessa Moreland, DC  |  815 Harbor View Rd, Unit 4  |  Traverse City, MI 49684")
        c.drawString(36, 730, "Phone 231-555-0109  |  Fax 231-555-0110")
        c.setFont("Helvetica-Bold", 10)
        c.drawRightString(576, 752, "ACCOUNT HISTORY")
        c.setFont("Helvetica", 8)
        c.drawRightString(576, 740, "Printed 04/01/2024 09:14")
        c.drawRightString(576, 730, "Patient: Gareth L. Pruitt   Acct 11873")
        c.line(36, 722, 576, 722)
        c.drawString(36, 710, "Insurance: UnitedHealthcare Choice Plus   Copay $30.00 per visit")
        c.drawString(36, 699, "Dates of service 03/05/2024 - 03/28/2024")
        t = Table(c, cols, "Helvetica", 8, 11.2, 60, None, head_font="Helvetica-Bold")
        y = t.header(678)
        bal = 0
        for e in ev:
            if e[0] == "c":
                x = e[1]
                bal += x.cents
                y = t.row(y, {"date": d_mdy4(x.date), "code": x.code, "mod": " ".join(x.mods), "desc": x.desc,
                              "qty": str(x.units), "amt": m_comma(x.cents), "bal": m_comma(bal)})
            else:
                bal -= e[3]
                y = t.row(y, {"date": d_mdy4(e[1]), "desc": e[2], "cr": m_comma(e[3]) + "-",
                              "bal": m_comma(bal)})
        y -= 6
        c.line(300, y + 9, 576, y + 9)
        c.setFont("Helvetica-Bold", 9)
        for lab, val in [("Total Charges", m_comma(total)), ("Total Credits", m_comma(credits) + "-"),
                         ("Balance Due", m_comma(total - credits))]:
            c.drawString(310, y, lab)
            c.drawRightString(572, y, val)
            y -= 12
        assert bal == total - credits

    pdf = two_pass(draw)
    return dict(name=name, style="chiropractic office (charge/credit/balance)", kind="scan-png", pdf=pdf,
                charges=charges, dpi=200, angle=-0.45,
                note="Scanned account history. Modifiers print space-separated in their own Mod column "
                     "(AT; GP 59). Credit column holds copays, UHC payment and write-off with a trailing minus "
                     "(30.00-); Balance is a running balance; neither is a charge. G0283 is printed twice on "
                     "2024-03-19 (duplicate).")


# ==========================================================================
# 9. hospital, two-column Date / Description / Code / Amount layout, 7-pt type
# ==========================================================================

def twocol():
    name = "st-agnes-labor-delivery-itemized"
    rows = []   # (date, code, desc, cents, dept)

    def a(d, code, desc, amt, dept, n=1):
        for _ in range(n):
            rows.append(Ch(D(d), code, desc, 1, amt, (), None, {"dept": dept}))

    d1, d2, d3, d4 = "2024-06-02", "2024-06-03", "2024-06-04", "2024-06-05"
    a(d1, None, "OB TRIAGE ASSESSMENT", 48500, "LABOR & DELIVERY")
    a(d1, None, "LABOR ROOM ROUTINE 1ST HR", 96000, "LABOR & DELIVERY")
    a(d1, None, "LABOR ROOM ROUTINE ADDL HR", 42000, "LABOR & DELIVERY", 7)
    a(d1, "59409", "VAGINAL DELIVERY FACILITY", 485000, "LABOR & DELIVERY")
    a(d1, None, "EXT FETAL MONITORING PER HR", 9500, "LABOR & DELIVERY", 8)
    a(d1, None, "ICE PACK PERINEAL", 800, "SUPPLIES", 3)
    a(d1, None, "EPIDURAL ANESTHESIA FACILITY 1ST HR", 115000, "ANESTHESIA")
    a(d1, None, "EPIDURAL ANESTHESIA ADDL 15 MIN", 18500, "ANESTHESIA", 4)
    for code, desc, amt in [("85025", "CBC W AUTO DIFF", 9200), ("86900", "ABO GROUP", 4800),
                            ("86901", "RH TYPE", 4800), ("86850", "ANTIBODY SCREEN", 11200),
                            ("86592", "RPR SYPHILIS SCREEN", 4400),
                            ("87340", "HEPATITIS B SURFACE AG IA", 7600), ("86703", "HIV 1/2 AG/AB SCREEN", 9800),
                            ("81003", "URINALYSIS AUTO NO MICRO", 3200)]:
        a(d1, code, desc, amt, "LABORATORY")
    a(d1, "36415", "VENIPUNCTURE DRAW", 2400, "LABORATORY", 2)
    a(d1, "J2590", "OXYTOCIN INJ UP TO 10 UNITS", 4200, "PHARMACY", 3)
    a(d1, "J7120", "LACTATED RINGERS 1000 ML", 6800, "IV SOLUTIONS", 3)
    a(d1, "J3010", "FENTANYL CITRATE INJ 0.1 MG", 3800, "PHARMACY", 2)
    a(d1, "J2405", "ONDANSETRON INJ 1 MG", 2200, "PHARMACY")
    a(d1, None, "BUPIVACAINE 0.125% / FENTANYL EPIDURAL BAG 250 ML", 14600, "PHARMACY")
    a(d1, None, "LIDOCAINE 1% 5 ML AMPULE", 1800, "PHARMACY")
    a(d1, "J1885", "KETOROLAC INJ PER 15 MG", 3100, "PHARMACY")
    for desc, amt in [("EPIDURAL TRAY CONTINUOUS", 31200), ("IV START KIT", 4600), ("IV CATHETER 18G", 2800),
                      ("FETAL SCALP ELECTRODE", 13400), ("DELIVERY PACK VAGINAL", 28500),
                      ("URINARY CATHETER STRAIGHT", 3600), ("UMBILICAL CORD CLAMP", 1200)]:
        a(d1, None, desc, amt, "SUPPLIES")
    a(d1, None, "PERINEAL PADS PK 10", 1400, "SUPPLIES", 2)
    a(d1, None, "RM & BRD OB SEMI-PRIVATE", 214000, "ROOM & BOARD")
    for d, last in ((d2, False), (d3, False), (d4, True)):
        if not last:
            a(d, None, "RM & BRD OB SEMI-PRIVATE", 214000, "ROOM & BOARD")
        a(d, None, "IBUPROFEN 800 MG TAB", 600, "PHARMACY", 1 if last else 3)
        a(d, None, "ACETAMINOPHEN 325 MG TAB X2", 450, "PHARMACY", 2 if last else 4)
        a(d, None, "DOCUSATE SODIUM 100 MG CAP", 325, "PHARMACY", 1 if last else 2)
        a(d, None, "PRENATAL VITAMIN TAB", 275, "PHARMACY")
        if not last:
            a(d, None, "SIMETHICONE 80 MG CHEW TAB", 350, "PHARMACY", 2)
            a(d, None, "IV INFUSION PUMP DAILY", 8800, "IV SOLUTIONS")
        if d == d2:
            a(d, "85025", "CBC W AUTO DIFF", 9200, "LABORATORY")
            a(d, "36415", "VENIPUNCTURE DRAW", 2400, "LABORATORY")
            a(d, "J2790", "RHO(D) IMMUNE GLOBULIN 300 MCG", 48600, "PHARMACY")
            a(d, "90715", "TDAP VACCINE 7 YRS+ IM", 11800, "PHARMACY")
            a(d, "90471", "IMMUNIZATION ADMIN 1ST VACCINE", 4600, "LABOR & DELIVERY")
            a(d, None, "WITCH HAZEL PADS", 900, "PHARMACY")
            a(d, None, "BENZOCAINE TOPICAL SPRAY 20%", 1800, "PHARMACY")
            a(d, None, "LANOLIN NIPPLE CREAM 7 G", 1200, "PHARMACY")
            a(d, None, "SITZ BATH KIT", 2200, "SUPPLIES")
            a(d, None, "LACTATION CONSULT 30 MIN", 14500, "LABOR & DELIVERY")
        if d == d3:
            a(d, None, "OXYCODONE 5 MG TAB", 750, "PHARMACY", 2)
            a(d, None, "LACTATION CONSULT 30 MIN", 14500, "LABOR & DELIVERY")
            a(d, None, "BREAST PUMP KIT PERSONAL", 6400, "SUPPLIES")
            a(d, "85025", "CBC W AUTO DIFF", 9200, "LABORATORY")
            a(d, "36415", "VENIPUNCTURE DRAW", 2400, "LABORATORY")
        if last:
            a(d, None, "OXYCODONE 5 MG TAB", 750, "PHARMACY")
            a(d, None, "SIMETHICONE 80 MG CHEW TAB", 350, "PHARMACY")
            a(d, None, "POSTPARTUM DISCHARGE KIT", 3400, "SUPPLIES")
    charges = rows
    total = sum(x.cents for x in charges)
    depts = {}
    for x in charges:
        depts[x.x["dept"]] = depts.get(x.x["dept"], 0) + x.cents

    FONT, FB, SZ, LD = "DJCond", "DJCond-B", 7, 8.6
    colx = [36, 312]
    offs = dict(date=0, desc=34, code=198, amt=262)
    DESCW = 158

    def draw(c, npages):
        def head(first):
            c.setFont(FB, 11)
            c.drawString(36, 754, "ST. AGNES REGIONAL MEDICAL CENTER")
            c.setFont(FONT, 7.5)
            c.drawString(36, 744, "1 Hospital Plaza, Fond du Lac, WI 54935   Patient Accounts 920-555-0115")
            c.drawRightString(576, 754, "ITEMIZED STATEMENT - " + page_of(c, npages))
            c.drawRightString(576, 744, "ANNIKA B. VOSS   ACCT 0006251877   ADM 06/02/24  DIS 06/05/24   INPATIENT")
            c.setLineWidth(0.8)
            c.line(36, 738, 576, 738)
            if not first:
                return 724
            c.setFont(FB, 8)
            c.drawString(36, 726, "SUMMARY OF CHARGES BY DEPARTMENT")
            c.setFont(FONT, 7.5)
            y = 715
            items = list(depts.items())
            for i, (k, v) in enumerate(items):
                xx = 36 + (i % 2) * 276
                yy = y - (i // 2) * 9.5
                c.drawString(xx, yy, k)
                c.drawRightString(xx + 250, yy, m_comma(v))
            yb = y - ((len(items) + 1) // 2) * 9.5
            c.setFont(FB, 7.5)
            c.drawString(36, yb - 2, "TOTAL CHARGES")
            c.drawRightString(286, yb - 2, m_comma(total))
            c.setFont(FONT, 7.5)
            c.drawString(312, yb - 2, "Detail of charges follows, in order of service date.")
            c.line(36, yb - 9, 576, yb - 9)
            yb -= 22
            blocks = [("PATIENT", ["ANNIKA B. VOSS", "DOB 11/03/1993   MRN 00418862", "N6420 LAKEVIEW DR",
                                   "FOND DU LAC WI 54937"]),
                      ("GUARANTOR", ["ANNIKA B. VOSS", "N6420 LAKEVIEW DR", "FOND DU LAC WI 54937",
                                     "PHONE 920-555-0188"]),
                      ("INSURANCE", ["PRIMARY: WEA TRUST HMO", "POLICY 7731940022 GRP 4410",
                                     "CLAIM SUBMITTED 06/11/24", "STATUS: PENDING"])]
            for i, (h, ls) in enumerate(blocks):
                xx = 36 + i * 182
                c.setFont(FB, 7.5)
                c.drawString(xx, yb, h)
                c.setFont(FONT, 7.5)
                for j, s in enumerate(ls):
                    c.drawString(xx, yb - 10 - j * 9, s)
            yb -= 56
            c.setFont(FB, 7.5)
            c.drawString(36, yb, "MESSAGES")
            c.setFont(FONT, 7.5)
            for j, s in enumerate(["This itemized statement is provided at your request and lists every charge posted to this "
                                   "account.", "Physician, anesthesiologist and newborn charges are billed separately. "
                                   "Financial assistance is available; call Patient Accounts."]):
                c.drawString(36, yb - 10 - j * 9, s)
            c.line(36, yb - 26, 576, yb - 26)
            return yb - 40

        def colhead(x0, y):
            c.setFont(FB, SZ)
            c.drawString(x0 + offs["date"], y, "Date")
            c.drawString(x0 + offs["desc"], y, "Description")
            c.drawString(x0 + offs["code"], y, "Code")
            c.drawRightString(x0 + offs["amt"], y, "Amount")
            c.setLineWidth(0.4)
            c.line(x0, y - 2.5, x0 + offs["amt"], y - 2.5)
            return y - LD - 1

        top = head(True)
        ci = 0
        y = colhead(colx[0], top)
        bottom = 44
        for x in charges:
            lines = simpleSplit(x.desc, FONT, SZ, DESCW)
            if y - (len(lines) - 1) * LD < bottom:
                ci += 1
                if ci == 2:
                    c.showPage()
                    top = head(False)
                    ci = 0
                y = colhead(colx[ci], top)
            x0 = colx[ci]
            c.setFont(FONT, SZ)
            c.drawString(x0 + offs["date"], y, d_mdy2(x.date))
            for i, s in enumerate(lines):
                c.drawString(x0 + offs["desc"], y - i * LD, s)
            if x.code:
                c.drawString(x0 + offs["code"], y, x.code)
            c.drawRightString(x0 + offs["amt"], y, m_comma(x.cents))
            y -= LD * len(lines)
        y -= 4
        if y < bottom + 30:
            ci += 1
            if ci == 2:
                c.showPage()
                top = head(False)
                ci = 0
            y = top
        x0 = colx[ci]
        c.setFont(FB, 7.5)
        c.line(x0, y + 6, x0 + offs["amt"], y + 6)
        for lab, val in [("TOTAL CHARGES", m_comma(total)), ("INSURANCE PAYMENTS", "0.00"),
                         ("AMOUNT DUE", m_comma(total))]:
            c.drawString(x0 + offs["desc"], y - 2, lab)
            c.drawRightString(x0 + offs["amt"], y - 2, val)
            y -= 10

    pdf = two_pass(draw)
    return dict(name=name, style="hospital L&D, two-column Date/Description/Code/Amount, 7-pt", kind="pdf",
                pdf=pdf, charges=charges,
                note="Inpatient labor & delivery itemization set in two newspaper columns of tiny 7-pt type "
                     "(read the left column, then the right). No units column: every row is one "
                     "unit, and multiple doses/hours are printed as repeated identical rows (e.g. 7 x LABOR ROOM "
                     "ADDL HR, 8 x EXT FETAL MONITORING, 3 x J2590, 2 x 36415 on 2024-06-02). Code is blank for room, supplies and oral "
                     "meds. The department summary box and TOTAL CHARGES at the top of page 1 are not charge lines; "
                     "the patient/guarantor/insurance blocks hold phone and policy numbers.")


# ==========================================================================
# 10. orthopaedic clinic: line numbers, M1/M2 columns, units x unit fee, J-codes
# ==========================================================================

def ortho():
    name = "granite-orthopaedic-sports-med"
    encs = []

    def enc(d, prov, items, pos="11"):
        encs.append((D(d), prov, pos, [Ch(D(d), code, desc, u, u * fee, tuple(m for m in mods if m), None,
                                     {"dx": dx, "fee": fee, "m": mods})
                                  for code, mods, desc, dx, u, fee in items]))

    enc("2024-05-20", "K. LINDQVIST MD", [
        ("99204", ("", ""), "NEW PT OFFICE VISIT MOD MDM", "AB", 1, 31000),
        ("73562", ("RT", ""), "XR KNEE 3 VIEWS", "A", 1, 14800),
        ("73562", ("LT", ""), "XR KNEE 3 VIEWS", "B", 1, 14800),
        ("20610", ("RT", ""), "ASPIRATE/INJECT LG JOINT NO US", "A", 1, 24500),
        ("20610", ("LT", "59"), "ASPIRATE/INJECT LG JOINT NO US", "B", 1, 24500),
        ("J3301", ("", ""), "TRIAMCINOLONE ACETONIDE PER 10 MG", "AB", 8, 850),
        ("J3490", ("", ""), "UNCLASSIFIED DRUG - LIDOCAINE 1% 5 ML", "AB", 1, 1200),
    ])
    enc("2024-06-03", "M. OSEI PA-C", [
        ("99214", ("25", ""), "EST PT OFFICE VISIT MOD MDM", "A", 1, 21500),
        ("20611", ("RT", ""), "ASPIRATE/INJECT LG JOINT W/ US GUIDE + IMAGE RECORD", "A", 1, 31000),
        ("J7325", ("RT", ""), "HYLAN G-F 20 VISCOSUPPLEMENT PER MG", "A", 48, 2650),
    ])
    enc("2024-06-17", "K. LINDQVIST MD", [
        ("99213", ("25", ""), "EST PT OFFICE VISIT LOW MDM", "A", 1, 16500),
        ("73721", ("RT", ""), "MRI KNEE W/O CONTRAST", "A", 1, 165000),
        ("L1833", ("RT", "NU"), "KNEE ORTHOSIS ADJ JOINTS PREFAB OFF-THE-SHELF", "A", 1, 68500),
        ("97760", ("GP", ""), "ORTHOTIC FIT/TRAIN EA 15M", "A", 2, 6200),
        ("97760", ("GP", ""), "ORTHOTIC FIT/TRAIN EA 15M", "A", 2, 6200),
    ])
    enc("2024-07-01", "K. LINDQVIST MD", [
        ("29881", ("RT", ""), "ARTHROSCOPY KNEE PARTIAL MENISCECTOMY (SURGEON FEE)", "C", 1, 485000),
    ], pos="24")
    enc("2024-07-15", "M. OSEI PA-C", [
        ("99024", ("", ""), "POSTOP F/U VISIT IN GLOBAL PERIOD", "C", 1, 0),
        ("20610", ("LT", "79"), "ASPIRATE/INJECT LG JOINT NO US", "B", 1, 24500),
        ("J3301", ("", ""), "TRIAMCINOLONE ACETONIDE PER 10 MG", "B", 4, 850),
    ])
    pays = [("UHC EFT 06/12/24 PMT", 41872), ("UHC CONTRACTUAL ADJ", 35208),
            ("UHC EFT 07/22/24 PMT", 412553), ("UHC CONTRACTUAL ADJ", 287447)]
    charges = [x for _, _, _, xs in encs for x in xs]
    total = sum(x.cents for x in charges)
    paid = sum(p[1] for p in pays)

    def dd(d):
        return d.strftime("%d-%b-%y").upper()

    cols = [Col("ln", "Ln", 48, "r"), Col("dos", "DOS", 56), Col("code", "CPT/HCPCS", 104),
            Col("m1", "M1", 156), Col("m2", "M2", 176), Col("desc", "Description", 200, wrap=162),
            Col("dx", "Dx Ptr", 370), Col("units", "Units", 428, "r"), Col("fee", "Unit Fee", 486, "r"),
            Col("amt", "Line Total", 574, "r")]

    def draw(c, npages):
        def head(first):
            c.setFont("DJSans-B", 12)
            c.drawString(36, 752, "Granite Orthopaedic & Sports Medicine")
            c.setFont("DJSans", 7.5)
            c.drawString(36, 741, "4020 Summit Ridge Pkwy  Manchester, NH 03104  |  603-555-0177  |  TIN 02-0771346")
            c.drawRightString(576, 752, "STATEMENT OF SERVICES")
            c.drawRightString(576, 741, page_of(c, npages))
            c.line(36, 734, 576, 734)
            return 716

        head(True)
        c.setFont("DJSans", 8)
        info = [("Patient", "Carl J. Fenwick"), ("Account", "GOS-339104"), ("DOB", "02/27/1966"),
                ("Insurance", "UnitedHealthcare PPO"), ("Member ID", "UHC 9938 1170 02"),
                ("Statement", "31-JUL-24")]
        for i, (k, v) in enumerate(info):
            xx = 36 + (i % 3) * 184
            yy = 720 - (i // 3) * 12
            c.drawString(xx, yy, k + ":")
            c.drawString(xx + 58, yy, v)
        c.setFont("DJSans", 7)
        c.drawString(36, 690, "Dx: A = M17.11 primary OA right knee   B = M17.12 primary OA left knee   "
                              "C = S83.241A medial meniscus tear right knee")
        t = None

        def new_page():
            c.showPage()
            return t.header(head(False))

        t = Table(c, cols, "DJSans", 7.5, 11, 64, new_page, head_font="DJSans-B")
        y = t.header(670)
        ln = 0
        for d, prov, pos, xs in encs:
            y = t.row(y, {"dos": f"Encounter {dd(d)}   Provider: {prov}   POS {pos}"}, font="DJSans-B")
            for x in xs:
                ln += 1
                m = x.x["m"]
                y = t.row(y, {"ln": str(ln), "dos": dd(x.date), "code": x.code, "m1": m[0], "m2": m[1],
                              "desc": x.desc, "dx": x.x["dx"], "units": str(x.units),
                              "fee": m_comma(x.x["fee"]), "amt": m_comma(x.cents)})
            y = t.row(y, {"desc": "Encounter total", "amt": m_comma(sum(x.cents for x in xs))},
                      font="DJSans-B", gap=7, rule_above=True)
        y = t.row(y, {"dos": "Payments / Adjustments"}, font="DJSans-B")
        for desc, amt in pays:
            y = t.row(y, {"desc": desc, "amt": f"({m_comma(amt)})"})
        y -= 8
        if y < 110:
            y = new_page()
        c.line(330, y + 10, 576, y + 10)
        for lab, val, f in [("Total Charges", m_comma(total), "DJSans-B"),
                            ("Payments & Adjustments", f"({m_comma(paid)})", "DJSans"),
                            ("Patient Balance", m_comma(total - paid), "DJSans-B")]:
            c.setFont(f, 8.5)
            c.drawString(340, y, lab)
            c.drawRightString(574, y, val)
            y -= 13

    pdf = two_pass(draw)
    return dict(name=name, style="orthopedic clinic (M1/M2 columns, J-codes, unit fee)", kind="pdf", pdf=pdf,
                charges=charges,
                note="Line-numbered statement (Ln column) grouped by encounter; modifiers in separate M1/M2 "
                     "columns; Dx Ptr letters are diagnosis pointers. Units x Unit Fee = Line Total (label cents "
                     "is the Line Total). J-codes: J3301 8 and 4 units, J7325 48 units. 99024 is a $0.00 global "
                     "postop line. 97760 printed twice on 2024-06-17 (duplicate). Bold encounter header and "
                     "'Encounter total' rows and the parenthesized payments are not charges.")


# ==========================================================================

def emit(b, rng):
    name, kind, pdf = b["name"], b["kind"], b["pdf"]
    pages = None
    if kind == "pdf":
        file = name + ".pdf"
        open(os.path.join(OUT, file), "wb").write(pdf)
        npages = len(pymupdf.open(stream=pdf, filetype="pdf"))
    elif kind == "scan-pdf":
        imgs = render_pages(pdf, b["dpi"], gray=True)
        doc = pymupdf.open()
        for i, im in enumerate(imgs):
            im = scan_degrade(im, b["angle"] + 0.15 * i, rng)
            bio = io.BytesIO()
            im.save(bio, "JPEG", quality=72)
            pg = doc.new_page(width=W, height=H)
            pg.insert_image(pg.rect, stream=bio.getvalue())
        file = name + ".pdf"
        doc.set_metadata({"producer": "", "creator": "", "creationDate": "", "modDate": ""})
        doc.save(os.path.join(OUT, file), garbage=3, deflate=True, no_new_id=True)
        npages = len(imgs)
    elif kind == "scan-png":
        imgs = render_pages(pdf, b["dpi"], gray=True)
        assert len(imgs) == 1
        file = name + ".png"
        scan_degrade(imgs[0], b["angle"], rng, noise=4.5).save(os.path.join(OUT, file), optimize=True)
        npages = 1
    elif kind == "photo":
        imgs = render_pages(pdf, b["dpi"], gray=False)
        files = []
        for i, im in enumerate(imgs):
            fn = f"{name}-p{i + 1}.jpg"
            photo_degrade(im, b["angles"][i], rng).save(os.path.join(OUT, fn), "JPEG", quality=80)
            files.append(fn)
        file = files[0]
        pages = files if len(files) > 1 else None
        npages = len(files)
    # keep the clean drawing for reference
    os.makedirs(os.path.join(OUT, "_src"), exist_ok=True)
    open(os.path.join(OUT, "_src", name + ".clean.pdf"), "wb").write(pdf)
    write_label(name, file, pages, b["note"], b["charges"])
    return dict(name=name, style=b["style"], kind=kind, file=file, pages=npages, charges=len(b["charges"]))


def main():
    os.makedirs(LAB, exist_ok=True)
    rng = np.random.default_rng(20240611)
    summary = []
    for fn in (cedar, dental, snf, homehealth, dialysis, observation, sleep, chiro, twocol, ortho):
        summary.append(emit(fn(), rng))
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(summary, f, indent=1)
    for s in summary:
        print(f"{s['name']:40s} {s['kind']:9s} pages={s['pages']} charges={s['charges']}  {s['style']}")


if __name__ == "__main__":
    main()
