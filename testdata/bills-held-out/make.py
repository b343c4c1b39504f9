#!/usr/bin/env python3
"""Generate a held-out corpus of synthetic US medical itemized bills plus their labels.

Every bill is drawn with reportlab from the same in-memory charge list that is written to
labels/<name>.toml, so the labels are exact.  Some bills are then rasterised (pymupdf) and
degraded (Pillow) into "scans" or "phone photos".

Run:  /tmp/heldout/venv/bin/python /tmp/heldout/bills/make.py
"""
import datetime
import math
import os
import random
from dataclasses import dataclass, field

import pymupdf as fitz
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

OUT = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(OUT, "_src")        # clean source PDFs of the degraded bills
LABELS = os.path.join(OUT, "labels")
PAGE_W, PAGE_H = letter

# --------------------------------------------------------------------------------------
# data helpers
# --------------------------------------------------------------------------------------


def D(s):
    return datetime.date.fromisoformat(s)


MON = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()


def fdate(d, st):
    if st == "mdY":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if st == "iso":
        return d.isoformat()
    if st == "mdy":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if st == "mdy2":
        return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
    if st == "dMonY":
        return f"{d.day:02d}-{MON[d.month - 1]}-{d.year}"
    if st == "mdY-dash":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if st == "long":
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    raise ValueError(st)


def money(c, st="dollar", neg="minus"):
    n = c < 0
    c = abs(c)
    if st == "plain":
        s = f"{c // 100}.{c % 100:02d}"
    else:
        s = f"{c // 100:,}.{c % 100:02d}"
    if st == "dollar":
        s = "$" + s
    if n:
        if neg == "minus":
            s = "-" + s
        elif neg == "paren":
            s = "(" + s + ")"
        elif neg == "cr":
            s = s + " CR"
        elif neg == "trail":
            s = s + "-"
    return s


@dataclass
class Ch:
    date: datetime.date
    code: str | None
    desc: str
    units: int = 1
    unit: int = 0               # cents per unit
    mods: tuple = ()
    rev: str | None = None
    extra: dict = field(default_factory=dict)
    label_date: bool = True

    @property
    def cents(self):
        return self.units * self.unit


@dataclass
class Bill:
    name: str
    style: str
    fmt: str                   # text | scan-pdf | scan-png | photo
    charges: list
    note: str
    pages: int = 0
    files: list = field(default_factory=list)

    @property
    def total(self):
        return sum(c.cents for c in self.charges)


# --------------------------------------------------------------------------------------
# table layout engine
# --------------------------------------------------------------------------------------


@dataclass
class Col:
    key: str
    title: str
    width: float
    align: str = "L"
    wrap: bool = False


@dataclass
class Row:
    cells: dict
    bold: bool = False
    wrap: bool = True
    shade: bool = False
    rule_above: bool = False
    rule_below: bool = False
    gap_before: float = 0
    italic: bool = False
    size: float | None = None


class Table:
    def __init__(self, cols, x0, font="Helvetica", bold="Helvetica-Bold", italic=None, size=8,
                 leading=10, head_size=None, head_fill=None, head_box=False, head_rule=True,
                 zebra=None, pad=2, vlines=False, head_font=None):
        self.cols = cols
        self.x0 = x0
        self.font, self.boldf = font, bold
        self.italicf = italic or font
        self.size, self.leading = size, leading
        self.head_size = head_size or size
        self.head_fill = head_fill
        self.head_box = head_box
        self.head_rule = head_rule
        self.head_font = head_font or bold
        self.zebra = zebra
        self.pad = pad
        self.vlines = vlines
        self.xs = []
        x = x0
        for c in cols:
            self.xs.append(x)
            x += c.width
        self.x1 = x
        self.ncol = {c.key: i for i, c in enumerate(cols)}

    # lines of each cell
    def cell_lines(self, row, key, text):
        if text is None:
            return []
        if isinstance(text, (list, tuple)):
            return list(text)
        col = self.cols[self.ncol[key]]
        if col.wrap and row.wrap:
            f = self.boldf if row.bold else self.font
            return simpleSplit(text, f, row.size or self.size, col.width - 2 * self.pad) or [""]
        return [text]

    def row_height(self, row):
        n = max([len(self.cell_lines(row, k, v)) for k, v in row.cells.items()] + [1])
        return n * self.leading + row.gap_before

    def head_height(self):
        n = max(len(c.title.split("\n")) for c in self.cols)
        return n * (self.head_size + 2) + 6

    def draw_head(self, c, y):
        h = self.head_height()
        if self.head_fill is not None:
            c.setFillGray(self.head_fill)
            c.rect(self.x0, y - h, self.x1 - self.x0, h, stroke=0, fill=1)
            c.setFillGray(0)
        if self.head_box:
            c.setLineWidth(0.6)
            c.rect(self.x0, y - h, self.x1 - self.x0, h, stroke=1, fill=0)
        c.setFont(self.head_font, self.head_size)
        for i, col in enumerate(self.cols):
            lines = col.title.split("\n")
            for j, ln in enumerate(lines):
                yy = y - 3 - self.head_size - j * (self.head_size + 2)
                self._text(c, i, yy, ln, col.align, self.head_font, self.head_size)
        if self.head_rule:
            c.setLineWidth(0.8)
            c.line(self.x0, y - h, self.x1, y - h)
        return y - h - 2

    def _text(self, c, i, y, s, align, font, size):
        col = self.cols[i]
        x = self.xs[i]
        c.setFont(font, size)
        if align == "R":
            c.drawRightString(x + col.width - self.pad, y, s)
        elif align == "C":
            c.drawCentredString(x + col.width / 2, y, s)
        else:
            c.drawString(x + self.pad, y, s)

    def draw_row(self, c, row, y, idx):
        h = self.row_height(row)
        y -= row.gap_before
        if row.shade or (self.zebra is not None and idx % 2 == 1):
            c.setFillGray(self.zebra if self.zebra is not None else 0.9)
            c.rect(self.x0, y - h + row.gap_before + 1, self.x1 - self.x0, h - row.gap_before, stroke=0,
                   fill=1)
            c.setFillGray(0)
        if row.rule_above:
            c.setLineWidth(0.5)
            c.line(self.x0, y, self.x1, y)
        size = row.size or self.size
        font = self.boldf if row.bold else (self.italicf if row.italic else self.font)
        for k, v in row.cells.items():
            i = self.ncol[k]
            for j, ln in enumerate(self.cell_lines(row, k, v)):
                self._text(c, i, y - size - 1 - j * self.leading + (self.leading - size) / 2 - 0.5, ln,
                           self.cols[i].align, font, size)
        if row.rule_below:
            c.setLineWidth(0.5)
            c.line(self.x0, y - h + row.gap_before, self.x1, y - h + row.gap_before)
        return y - h + row.gap_before


def render(path, table, rows, first_top, other_top, bottom, page_fn, repeat_head=True,
           after_fn=None, max_rows=None):
    """Lay rows out on pages; page_fn(c, pno, npages) draws the page's furniture."""
    # pass 1: paginate
    pages = []
    cur = []
    y = first_top - table.head_height() - 2
    for r in rows:
        h = table.row_height(r)
        if cur and (y - h < bottom or (max_rows and len(cur) >= max_rows)):
            pages.append(cur)
            cur = []
            y = other_top - (table.head_height() + 2 if repeat_head else 0)
        cur.append(r)
        y -= h
    pages.append(cur)
    n = len(pages)
    c = canvas.Canvas(path, pagesize=letter, invariant=1)
    c.setTitle(os.path.basename(path))
    c.setAuthor("synthetic test data")
    idx = 0
    for p, prs in enumerate(pages, 1):
        page_fn(c, p, n)
        y = first_top if p == 1 else other_top
        if p == 1 or repeat_head:
            y = table.draw_head(c, y)
        for r in prs:
            y = table.draw_row(c, r, y, idx)
            idx += 1
        if after_fn:
            after_fn(c, p, n, y)
        c.showPage()
    c.save()
    return n


# little drawing helpers ----------------------------------------------------------------

def txt(c, x, y, s, font="Helvetica", size=8, align="L", gray=0):
    c.setFillGray(gray)
    c.setFont(font, size)
    if align == "R":
        c.drawRightString(x, y, s)
    elif align == "C":
        c.drawCentredString(x, y, s)
    else:
        c.drawString(x, y, s)
    c.setFillGray(0)


def lines(c, x, y, ls, font="Helvetica", size=8, leading=None, align="L"):
    leading = leading or size + 2
    for i, s in enumerate(ls):
        txt(c, x, y - i * leading, s, font, size, align)
    return y - len(ls) * leading


def kv(c, x, y, pairs, font="Helvetica", bold="Helvetica-Bold", size=8, lw=70, leading=None):
    leading = leading or size + 2.5
    for i, (k, v) in enumerate(pairs):
        txt(c, x, y - i * leading, k, bold, size)
        txt(c, x + lw, y - i * leading, v, font, size)
    return y - len(pairs) * leading


def box(c, x, y, w, h, lw=0.7, fill=None):
    c.setLineWidth(lw)
    if fill is not None:
        c.setFillGray(fill)
        c.rect(x, y, w, h, stroke=1, fill=1)
        c.setFillGray(0)
    else:
        c.rect(x, y, w, h, stroke=1, fill=0)


def logo_cross(c, x, y, s):
    c.setFillGray(0.25)
    c.rect(x + s / 3, y, s / 3, s, stroke=0, fill=1)
    c.rect(x, y + s / 3, s, s / 3, stroke=0, fill=1)
    c.setFillGray(0)


def mods_join(ch, sep):
    return ch.code + "".join(sep + m for m in ch.mods) if ch.code else ""


# --------------------------------------------------------------------------------------
# 1. Hospital inpatient itemized statement (3 pages, 50+ rows, text PDF)
# --------------------------------------------------------------------------------------

def bill_hospital_inpatient(rng):
    name = "st-brendan-inpatient-itemized"
    d = [D("2025-03-10") + datetime.timedelta(days=i) for i in range(5)]
    cdm_cache = {}

    def cdm(rev, desc):
        k = (rev, desc)
        if k not in cdm_cache:
            cdm_cache[k] = str(rng.randint(10, 99)) + str(rng.randint(100000, 999999))
        return cdm_cache[k]

    def C(day, rev, code, desc, units, unit, mods=()):
        return Ch(d[day], code, desc, units, unit, tuple(mods), rev)

    RB = ("0120", None, "ROOM & BOARD SEMI-PRIVATE MED/SURG 4 WEST", 1, 287500)
    ch = [
        C(0, "0450", "99285", "EMERGENCY DEPT VISIT LEVEL 5 HIGH COMPLEXITY", 1, 341200, ["25"]),
        C(0, "0300", "36415", "VENIPUNCTURE ROUTINE", 1, 3800),
        C(0, "0301", "80053", "COMPREHENSIVE METABOLIC PANEL", 1, 31250),
        C(0, "0305", "85025", "CBC W/AUTO DIFF & PLATELET", 1, 14800),
        C(0, "0301", "83690", "LIPASE", 1, 12975),
        C(0, "0300", "81001", "URINALYSIS AUTO W/MICROSCOPY", 1, 6240),
        C(0, "0301", "83605", "LACTIC ACID (LACTATE)", 1, 11420),
        C(0, "0301", "84484", "TROPONIN I QUANTITATIVE", 1, 18960),
        C(0, "0306", "87040", "BLOOD CULTURE FOR BACTERIA AEROBIC/ANAEROBIC", 1, 16850),
        C(0, "0306", "87040", "BLOOD CULTURE FOR BACTERIA AEROBIC/ANAEROBIC", 1, 16850),
        C(0, "0730", "93005", "ECG TRACING ONLY 12 LEAD", 1, 21500),
        C(0, "0352", "74177", "CT ABDOMEN & PELVIS WITH CONTRAST", 1, 428600),
        C(0, "0255", "Q9967", "LOW OSMOLAR CONTRAST 300-399 MG/ML IODINE CONC PER ML (OMNIPAQUE 350)",
          100, 185),
        C(0, "0636", "J2405", "ONDANSETRON HCL INJ PER 1 MG", 4, 1120),
        C(0, "0636", "J2270", "MORPHINE SULFATE INJ UP TO 10 MG", 1, 3650),
        C(0, "0258", None, "SODIUM CHLORIDE 0.9% 1000 ML IV BAG", 1, 9400),
        C(0, "0260", "96374", "IV PUSH SINGLE OR INITIAL DRUG", 1, 41200),
        C(0, "0260", "96375", "IV PUSH EA ADDL SEQUENTIAL NEW DRUG", 1, 16800),
        C(0, "0270", None, "IV START KIT", 1, 4200),
        C(0, "0270", None, "SALINE FLUSH SYRINGE 10 ML", 3, 925),
        C(0, "0250", None, "ACETAMINOPHEN 325 MG TAB", 2, 310),
        C(0, *RB),
        # day 2: surgery
        C(1, "0300", "36415", "VENIPUNCTURE ROUTINE", 1, 3800),
        C(1, "0300", "36415", "VENIPUNCTURE ROUTINE", 1, 3800),
        C(1, "0301", "80048", "BASIC METABOLIC PANEL", 1, 19800),
        C(1, "0305", "85025", "CBC W/AUTO DIFF & PLATELET", 1, 14800),
        C(1, "0250", None, "PANTOPRAZOLE 40 MG TAB EC", 1, 1840),
        C(1, "0360", "44970", "OR SERVICES LEVEL 3 - LAPAROSCOPIC APPENDECTOMY 1ST 30 MIN", 1, 612000),
        C(1, "0360", None, "OR SERVICES LEVEL 3 EA ADDL 15 MIN", 3, 114200),
        C(1, "0370", None, "ANESTHESIA GENERAL 1ST 30 MIN", 1, 128500),
        C(1, "0370", None, "ANESTHESIA GENERAL EA ADDL 15 MIN", 3, 41000),
        C(1, "0636", "J0690", "CEFAZOLIN SODIUM INJ 500 MG", 4, 1460),
        C(1, "0636", "J2250", "MIDAZOLAM HCL INJ PER 1 MG", 2, 1275),
        C(1, "0636", "J3010", "FENTANYL CITRATE INJ 0.1 MG", 1, 2400),
        C(1, "0636", "J2704", "PROPOFOL INJ 10 MG", 20, 415),
        C(1, "0258", None, "LACTATED RINGERS 1000 ML IV BAG", 2, 8800),
        C(1, "0272", None, "TROCAR 5MM BLADELESS OPTICAL", 2, 16800),
        C(1, "0272", None, "ENDO GIA UNIVERSAL STAPLER RELOAD 45MM ARTICULATING TAN", 1, 124000),
        C(1, "0272", None, "SPECIMEN RETRIEVAL BAG 10MM", 1, 14600),
        C(1, "0272", None, "ELECTROSURGICAL PENCIL W/ HOLSTER", 1, 8900),
        C(1, "0272", None, "SUTURE VICRYL 4-0 PS-2 UNDYED", 2, 4150),
        C(1, "0250", None, "SEVOFLURANE INHALATION PER ML", 40, 215),
        C(1, "0636", "J1885", "KETOROLAC TROMETHAMINE INJ PER 15 MG", 2, 1180),
        C(1, "0310", "88305", "SURGICAL PATHOLOGY LEVEL IV GROSS & MICRO", 1, 48600),
        C(1, "0710", None, "RECOVERY ROOM PHASE I 1ST 30 MIN", 1, 106000),
        C(1, "0710", None, "RECOVERY ROOM PHASE I EA ADDL 15 MIN", 2, 32500),
        C(1, *RB),
        # day 3
        C(2, "0300", "36415", "VENIPUNCTURE ROUTINE", 1, 3800),
        C(2, "0300", "36415", "VENIPUNCTURE ROUTINE", 1, 3800),
        C(2, "0306", "87040", "BLOOD CULTURE FOR BACTERIA AEROBIC/ANAEROBIC", 1, 16850),
        C(2, "0301", "80048", "BASIC METABOLIC PANEL", 1, 19800),
        C(2, "0305", "85025", "CBC W/AUTO DIFF & PLATELET", 1, 14800),
        C(2, "0636", "J0690", "CEFAZOLIN SODIUM INJ 500 MG", 4, 1460),
        C(2, "0636", "J0690", "CEFAZOLIN SODIUM INJ 500 MG", 4, 1460),
        C(2, "0250", None, "OXYCODONE HCL 5 MG TAB", 2, 680),
        C(2, "0250", None, "ACETAMINOPHEN 325 MG TAB", 2, 310),
        C(2, "0250", None, "PANTOPRAZOLE 40 MG TAB EC", 1, 1840),
        C(2, "0424", "97161", "PHYSICAL THERAPY EVALUATION LOW COMPLEXITY", 1, 31500, ["GP"]),
        C(2, *RB),
        # day 4
        C(3, "0300", "36415", "VENIPUNCTURE ROUTINE", 1, 3800),
        C(3, "0305", "85025", "CBC W/AUTO DIFF & PLATELET", 1, 14800),
        C(3, "0636", "J0690", "CEFAZOLIN SODIUM INJ 500 MG", 4, 1460),
        C(3, "0250", None, "OXYCODONE HCL 5 MG TAB", 1, 680),
        C(3, "0250", None, "DOCUSATE SODIUM 100 MG CAP", 2, 195),
        C(3, "0271", None, "INCENTIVE SPIROMETER 4000 ML", 1, 3850),
        C(3, "0636", "J1885", "KETOROLAC TROMETHAMINE INJ PER 15 MG", 2, 1180),
        C(3, "0250", None, "ENOXAPARIN 40 MG/0.4 ML SYRINGE", 1, 6275),
        C(3, *RB),
        # day 5: discharge day, no room charge
        C(4, "0250", None, "ACETAMINOPHEN 325 MG TAB", 2, 310),
        C(4, "0250", None, "ONDANSETRON 4 MG ODT TAB", 1, 740),
    ]
    for x in ch:
        x.extra["cdm"] = cdm(x.rev, x.desc)

    cols = [
        Col("date", "Date of\nService", 58),
        Col("rev", "Rev", 30),
        Col("cdm", "Chg Code", 54),
        Col("cpt", "CPT/HCPCS", 58),
        Col("desc", "Description", 196, wrap=True),
        Col("qty", "Qty", 30, "R"),
        Col("amt", "Charges", 72, "R"),
    ]
    t = Table(cols, 42, font="Courier", bold="Courier-Bold", size=8, leading=12.6, head_size=7.8,
              head_fill=0.85)
    rows = []
    total = 0
    for i in range(5):
        day = [x for x in ch if x.date == d[i]]
        for x in day:
            rows.append(Row({"date": fdate(x.date, "mdY"), "rev": x.rev, "cdm": x.extra["cdm"],
                             "cpt": mods_join(x, "-"), "desc": x.desc, "qty": str(x.units),
                             "amt": money(x.cents, "dollar")}))
        st = sum(x.cents for x in day)
        total += st
        rows.append(Row({"desc": f"SUBTOTAL {fdate(d[i], 'mdY')}", "amt": money(st, "dollar")},
                        bold=True, rule_above=False, gap_before=1))
        rows.append(Row({"date": ""}, gap_before=2))
    pay1 = -round(total * 0.4137)
    adj = -round(total * 0.3912)
    pay2 = -25000
    bal = total + pay1 + adj + pay2
    rows += [
        Row({"desc": "TOTAL CHARGES", "amt": money(total, "dollar")}, bold=True, rule_above=True),
        Row({"date": "04/02/2025", "desc": "PAYMENT - BLUE CROSS BLUE SHIELD WI",
             "amt": money(pay1, "dollar", "minus")}),
        Row({"date": "04/02/2025", "desc": "CONTRACTUAL ADJUSTMENT - BCBS PPO",
             "amt": money(adj, "dollar", "minus")}),
        Row({"date": "04/18/2025", "desc": "PATIENT PAYMENT - THANK YOU", "amt": money(pay2, "dollar")}),
        Row({"desc": "BALANCE DUE FROM PATIENT", "amt": money(bal, "dollar")}, bold=True, rule_above=True),
    ]

    def page(c, p, n):
        if p == 1:
            logo_cross(c, 42, 726, 26)
            txt(c, 76, 744, "ST. BRENDAN MEDICAL CENTER", "Times-Bold", 16)
            lines(c, 76, 732, ["1400 Lakeview Parkway  Madison, WI 53704",
                               "Patient Financial Services  (608) 555-0142   Fed Tax ID 39-0812274"],
                  "Times-Roman", 8.5)
            txt(c, 570, 744, "ITEMIZED STATEMENT", "Helvetica-Bold", 12, "R")
            txt(c, 570, 731, "Statement Date: 04/21/2025", "Helvetica", 8, "R")
            box(c, 42, 610, 260, 100)
            txt(c, 48, 700, "PATIENT", "Helvetica-Bold", 8)
            kv(c, 48, 688, [("Name", "HALVERSON, KAREN M"), ("DOB", "07/22/1968"),
                            ("MRN", "004418257"), ("Account No", "V00027561934"),
                            ("Admit", "03/10/2025  08:14"), ("Discharge", "03/14/2025  11:40"),
                            ("Attending", "OKONKWO, ADAEZE MD")], lw=62, size=7.5)
            box(c, 310, 610, 260, 100)
            txt(c, 316, 700, "GUARANTOR / INSURANCE", "Helvetica-Bold", 8)
            kv(c, 316, 688, [("Guarantor", "HALVERSON, KAREN M"), ("Address", "2217 Orchard Ridge Dr"),
                             ("", "Fitchburg, WI 53711"), ("Phone", "(608) 555-0187"),
                             ("Primary Ins", "BCBS WI PPO  ID XKW884120377"), ("Group", "0091552"),
                             ("Patient Type", "INPATIENT  DRG 343")], lw=62, size=7.5)
            txt(c, 42, 596, "Detail of charges for this hospital stay. Charges are listed by date of service.",
                "Helvetica-Oblique", 7.5)
        else:
            txt(c, 42, 750, "ST. BRENDAN MEDICAL CENTER - ITEMIZED STATEMENT", "Times-Bold", 11)
            txt(c, 42, 738, "Patient: HALVERSON, KAREN M    Account No: V00027561934    Admit 03/10/2025",
                "Helvetica", 7.5)
            txt(c, 570, 750, "Statement Date: 04/21/2025", "Helvetica", 7.5, "R")
        c.setLineWidth(0.4)
        c.line(42, 52, 570, 52)
        txt(c, 42, 42, "Questions about this statement? Call (608) 555-0142, Mon-Fri 8:00 AM - 4:30 PM.  "
            "Pay online at stbrendan-health.example.org/pay", "Helvetica", 6.8)
        txt(c, 570, 32, f"Page {p} of {n}", "Helvetica-Bold", 7.5, "R")
        txt(c, 42, 32, "V00027561934  HALVERSON, KAREN M", "Helvetica", 6.8)

    b = Bill(name, "hospital inpatient itemized statement", "text", ch,
             "Inpatient stay, charges grouped by date with a SUBTOTAL line per date (not charges). "
             "A charge-master number column (Chg Code) sits beside the CPT/HCPCS column; rows with only a "
             "revenue code (room & board 0120, pharmacy 0250, supplies 027x, anesthesia/OR/recovery time "
             "lines) have no code. Payments, contractual adjustment and balance due follow TOTAL CHARGES. "
             "Repeated header/footer on each page.")
    path = os.path.join(OUT, name + ".pdf")
    b.pages = render(path, t, rows, 582, 724, 64, page)
    b.files = [name + ".pdf"]
    return b


# --------------------------------------------------------------------------------------
# 2. Emergency department facility bill (1 page, scan PDF)
# --------------------------------------------------------------------------------------

def bill_er(rng):
    name = "lakeshore-er-facility"
    dt = D("2025-01-02")
    ch = [
        Ch(dt, "99284", "ED VISIT LEVEL 4 MODERATE SEVERITY", 1, 218400, ("25",), "0450"),
        Ch(dt, "12002", "SIMPLE REPAIR SCALP/NECK/AXILLAE/EXT GENITALIA/TRUNK/EXTREMITIES 2.6-7.5 CM",
           1, 104600, (), "0450"),
        Ch(dt, "73130", "X-RAY HAND MINIMUM 3 VIEWS", 1, 48600, ("RT",), "0320"),
        Ch(dt, "90715", "TDAP VACCINE 7 YRS OR OLDER IM", 1, 14200, (), "0636"),
        Ch(dt, "90471", "IMMUNIZATION ADMINISTRATION 1 VACCINE", 1, 6400, (), "0771"),
        Ch(dt, "J1885", "KETOROLAC TROMETHAMINE INJ PER 15 MG", 2, 1140, (), "0636"),
        Ch(dt, "96372", "THERAPEUTIC/PROPHYLACTIC/DIAGNOSTIC INJECTION SC/IM", 1, 23600, (), "0260"),
        Ch(dt, None, "LIDOCAINE HCL 1% 20 ML VIAL", 1, 2860, (), "0250"),
        Ch(dt, None, "LACERATION REPAIR TRAY", 1, 11800, (), "0270"),
        Ch(dt, None, "SUTURE NYLON 4-0 ETHILON", 2, 3450, (), "0270"),
        Ch(dt, None, "BACITRACIN OINTMENT 0.9 G PKT", 1, 625, (), "0250"),
    ]
    cols = [
        Col("date", "Svc Date", 58),
        Col("rev", "Rev Code", 40),
        Col("desc", "Description", 214, wrap=True),
        Col("cpt", "HCPCS", 46),
        Col("mod", "Mod", 30),
        Col("units", "Units", 36, "R"),
        Col("amt", "Amount", 70, "R"),
    ]
    t = Table(cols, 46, size=8, leading=11, head_box=True, head_fill=0.88)
    rows = []
    for x in ch:
        rows.append(Row({"date": fdate(x.date, "iso"), "rev": x.rev, "desc": x.desc, "cpt": x.code or "",
                         "mod": " ".join(x.mods), "units": str(x.units), "amt": money(x.cents, "comma")}))
    total = sum(x.cents for x in ch)
    rows += [
        Row({"desc": "Total Charges", "amt": money(total, "comma")}, bold=True, rule_above=True, gap_before=4),
        Row({"date": "2025-01-02", "desc": "Patient Payment - ED Registration (Visa x4471)",
             "amt": money(-15000, "comma", "paren")}),
        Row({"date": "2025-02-11", "desc": "Insurance Payment - Cigna",
             "amt": money(-186211, "comma", "paren")}),
        Row({"date": "2025-02-11", "desc": "Cigna Contractual Discount",
             "amt": money(-128775, "comma", "paren")}),
        Row({"desc": "Balance Due", "amt": money(total - 15000 - 186211 - 128775, "comma")}, bold=True,
            rule_above=True),
    ]

    def page(c, p, n):
        txt(c, 46, 744, "LAKESHORE REGIONAL HOSPITAL", "Helvetica-Bold", 15)
        txt(c, 46, 731, "Emergency Department  |  5100 N Sheridan Rd, Chicago IL 60640  |  (773) 555-0199",
            "Helvetica", 8)
        txt(c, 566, 744, "PATIENT STATEMENT", "Helvetica-Bold", 11, "R")
        txt(c, 566, 731, "Statement date 2025-03-04", "Helvetica", 8, "R")
        c.setLineWidth(1.5)
        c.line(46, 722, 566, 722)
        kv(c, 46, 706, [("Patient:", "Marcus T. Delgado"), ("Date of Birth:", "1991-11-03"),
                        ("Account #:", "ED-2025-0004871"), ("Visit #:", "100398412")], lw=66)
        kv(c, 300, 706, [("Guarantor:", "Marcus T. Delgado"), ("", "4417 N Malden St Apt 2"),
                         ("", "Chicago, IL 60640"), ("Insurance:", "Cigna OAP  ID U4418829301")], lw=60)
        box(c, 426, 618, 140, 36, fill=0.93)
        txt(c, 432, 642, "AMOUNT DUE", "Helvetica-Bold", 8)
        txt(c, 560, 626, money(total - 15000 - 186211 - 128775, "dollar"), "Helvetica-Bold", 12, "R")
        txt(c, 46, 640, "Arrival 2025-01-02 21:47   Discharge 2025-01-03 00:52", "Helvetica", 8)
        txt(c, 46, 628, "Attending: R. Venkataraman, MD    Dx: S61.412A, S01.01XA", "Helvetica", 8)
        txt(c, 46, 70, "Physician services are billed separately by Lakeshore Emergency Physicians, "
            "(773) 555-0123.", "Helvetica-Oblique", 7)
        txt(c, 46, 58, "Lakeshore Regional Hospital is a not-for-profit hospital. Financial assistance is "
            "available; call (773) 555-0199 opt 3.", "Helvetica", 7)
        txt(c, 566, 46, f"Page {p} of {n}", "Helvetica", 7, "R")

    b = Bill(name, "emergency department facility bill", "scan-pdf", ch,
             "Scanned ED facility bill (one page, slightly rotated). Modifiers are in their own Mod "
             "column. Rows without HCPCS (pharmacy 0250, supplies 0270) have no code. Payments and "
             "discount in parentheses after Total Charges; Amount Due box at top is a balance, not a "
             "charge.")
    src = os.path.join(SRC, name + ".pdf")
    b.pages = render(src, t, rows, 606, 606, 90, page)
    return b, src


# --------------------------------------------------------------------------------------
# 3. Physician group statement (2 pages, text PDF, per-row insurance columns)
# --------------------------------------------------------------------------------------

def bill_physician(rng):
    name = "northside-physicians-statement"
    P = {"D": "DANIEL", "M": "MAYA"}
    raw = [
        ("2024-10-07", "D", "HSU", "99396", (), "PREVENTIVE VISIT EST AGE 40-64", 1, 31500),
        ("2024-10-07", "D", "HSU", "99213", ("25",), "OFFICE/OUTPT VISIT EST LOW MDM", 1, 18500),
        ("2024-10-07", "D", "HSU", "90686", (), "FLU VACCINE QUAD PRESERV FREE 0.5ML IM", 1, 4800),
        ("2024-10-07", "D", "HSU", "90471", (), "IMMUNIZATION ADMIN ONE VACCINE", 1, 3200),
        ("2024-10-07", "D", "HSU", "93000", (), "ELECTROCARDIOGRAM COMPLETE", 1, 8800),
        ("2024-10-07", "D", "HSU", "36415", (), "ROUTINE VENIPUNCTURE", 1, 2200),
        ("2024-10-21", "M", "PATEL", "99213", (), "OFFICE/OUTPT VISIT EST LOW MDM", 1, 18500),
        ("2024-10-21", "M", "PATEL", "87880", ("QW",), "STREP A ASSAY W/OPTIC", 1, 4500),
        ("2024-11-12", "M", "PATEL", "99392", (), "PREVENTIVE VISIT EST AGE 1-4", 1, 24500),
        ("2024-11-12", "M", "PATEL", "90700", (), "DTAP VACCINE < 7 YRS IM", 1, 6200),
        ("2024-11-12", "M", "PATEL", "90713", (), "POLIOVIRUS VACCINE IPV SC/IM", 1, 5800),
        ("2024-11-12", "M", "PATEL", "90460", (), "IMM ADMIN THRU 18YR ANY RTE 1ST COMPONENT W/COUNSEL",
         2, 4000),
        ("2024-11-12", "M", "PATEL", "90461", (), "IMM ADMIN THRU 18YR ANY RTE ADDL COMPONENT", 2, 2500),
        ("2024-11-12", "M", "PATEL", "96110", (), "DEVELOPMENTAL SCREENING W/SCORING", 1, 2800),
        ("2024-12-03", "D", "HSU", "99214", ("25",), "OFFICE/OUTPT VISIT EST MOD MDM", 1, 26500),
        ("2024-12-03", "D", "HSU", "20610", ("RT",), "ARTHROCENTESIS/INJECTION MAJOR JOINT W/O US", 1,
         21000),
        ("2024-12-03", "D", "HSU", "J3301", (), "TRIAMCINOLONE ACETONIDE NOS 10 MG", 4, 650),
        ("2024-12-03", "D", "HSU", "73562", ("RT",), "X-RAY KNEE 3 VIEWS", 1, 11800),
        ("2025-01-14", "D", "AMADI", "99213", ("25",), "OFFICE/OUTPT VISIT EST LOW MDM", 1, 18500),
        ("2025-01-14", "D", "AMADI", "11102", (), "TANGENTIAL BIOPSY SKIN SINGLE LESION", 1, 16500),
        ("2025-01-14", "D", "AMADI", "17110", (), "DESTRUCTION BENIGN LESIONS UP TO 14", 1, 14200),
        ("2025-02-04", "M", "PATEL", "99213", ("25",), "OFFICE/OUTPT VISIT EST LOW MDM", 1, 18500),
        ("2025-02-04", "M", "PATEL", "87804", ("QW",), "INFLUENZA ASSAY W/OPTIC", 1, 5200),
        ("2025-02-04", "M", "PATEL", "87804", ("59", "QW"), "INFLUENZA ASSAY W/OPTIC", 1, 5200),
        ("2025-02-04", "M", "PATEL", "87880", ("QW",), "STREP A ASSAY W/OPTIC", 1, 4500),
        ("2025-02-18", "D", "HSU", "99212", (), "OFFICE/OUTPT VISIT EST SF MDM", 1, 12500),
        ("2025-02-18", "D", "HSU", "69210", ("LT",), "REMOVE IMPACTED EAR WAX UNI", 1, 9800),
    ]
    ch = []
    for (ds, pt, prov, code, mods, desc, u, unit) in raw:
        ch.append(Ch(D(ds), code, desc, u, unit, mods, None, {"pt": P[pt], "prov": prov}))
    cols = [
        Col("date", "Date", 40),
        Col("pt", "Patient", 42),
        Col("prov", "Provider", 38),
        Col("cpt", "Proc Code", 56),
        Col("desc", "Description", 150, wrap=True),
        Col("u", "Units", 26, "R"),
        Col("chg", "Charges", 48, "R"),
        Col("ins", "Ins Paid", 46, "R"),
        Col("adj", "Adjust", 46, "R"),
        Col("bal", "Pt Balance", 50, "R"),
    ]
    t = Table(cols, 34, size=7.4, leading=12.2, head_size=7.4, zebra=0.93, head_rule=True)
    rows = []
    rrng = random.Random(33)
    paid_by_date = {}
    for x in ch:
        ins = -round(x.cents * rrng.uniform(0.35, 0.55))
        adj = -round(x.cents * rrng.uniform(0.25, 0.4))
        if x.code in ("99396", "99392", "90700", "90713", "90460", "90461", "90686", "90471", "96110"):
            ins, adj = -round(x.cents * 0.62), -(x.cents - round(x.cents * 0.62))
        bal = x.cents + ins + adj
        paid_by_date.setdefault(x.date, 0)
        paid_by_date[x.date] += bal
        rows.append(Row({"date": fdate(x.date, "mdy"), "pt": x.extra["pt"], "prov": x.extra["prov"],
                         "cpt": mods_join(x, "-"), "desc": x.desc, "u": str(x.units),
                         "chg": money(x.cents, "plain"), "ins": money(ins, "plain"),
                         "adj": money(adj, "plain"), "bal": money(bal, "plain")}))
    # patient payments as separate rows, placed after the visits they pay
    tot_bal = sum(paid_by_date.values())
    pays = [("2024-11-20", "PATIENT PAYMENT - CHECK #2231 THANK YOU", -4000),
            ("2025-01-08", "PATIENT PAYMENT - ONLINE THANK YOU", -6500),
            ("2025-03-01", "PATIENT PAYMENT - ONLINE THANK YOU", -3000)]
    out = []
    pi = 0
    for r, x in zip(rows, ch):
        while pi < len(pays) and D(pays[pi][0]) <= x.date:
            out.append(Row({"date": fdate(D(pays[pi][0]), "mdy"), "desc": pays[pi][1],
                            "bal": money(pays[pi][2], "plain")}, italic=True))
            pi += 1
        out.append(r)
    while pi < len(pays):
        out.append(Row({"date": fdate(D(pays[pi][0]), "mdy"), "desc": pays[pi][1],
                        "bal": money(pays[pi][2], "plain")}, italic=True))
        pi += 1
    total = sum(x.cents for x in ch)
    ins_t = sum(float(r.cells["ins"]) for r in rows)
    adj_t = sum(float(r.cells["adj"]) for r in rows)
    paid_pt = sum(p[2] for p in pays)
    due = tot_bal + paid_pt
    out += [
        Row({"desc": "ACCOUNT TOTALS", "chg": money(total, "plain"), "ins": f"{ins_t:.2f}",
             "adj": f"{adj_t:.2f}", "bal": money(tot_bal, "plain")}, bold=True, rule_above=True,
            gap_before=3),
        Row({"desc": "Patient payments", "bal": money(paid_pt, "plain")}),
        Row({"desc": "AMOUNT DUE NOW", "bal": money(due, "plain")}, bold=True),
    ]
    rows = out

    def stub(c):
        # remittance stub at the top of page 1
        txt(c, 34, 752, "NORTHSIDE PHYSICIANS GROUP, PC", "Helvetica-Bold", 13)
        lines(c, 34, 740, ["880 Ridgeway Ave Suite 300", "Evanston, IL 60202", "Billing office (847) 555-0166"],
              size=8)
        box(c, 360, 700, 218, 62)
        kv(c, 366, 752, [("Statement Date", "03/05/25"), ("Account Number", "44871-0"),
                         ("Amount Due", money(due, "dollar")), ("Due By", "03/31/25"),
                         ("Amount Enclosed", "$____________")], lw=76, size=7.6, leading=11.5)
        lines(c, 60, 684, ["DANIEL R OKAFOR", "1526 HINMAN AVE APT 4B", "EVANSTON IL 60201-4419"],
              "Courier", 8.5, 10.5)
        lines(c, 360, 684, ["Make checks payable to:", "NORTHSIDE PHYSICIANS GROUP", "PO BOX 4471",
                            "CAROL STREAM IL 60197-4471"], "Courier", 8, 10)
        c.setDash(3, 2)
        c.line(34, 632, 578, 632)
        c.setDash()
        txt(c, 306, 625, "Please detach and return top portion with your payment", "Helvetica-Oblique",
            6.5, "C")

    def page(c, p, n):
        if p == 1:
            stub(c)
            txt(c, 34, 604, "STATEMENT OF ACCOUNT", "Helvetica-Bold", 10)
            kv(c, 34, 590, [("Guarantor", "Daniel R Okafor   Acct 44871-0"),
                            ("Primary Insurance", "Aetna Choice POS II   Member W229184455")], lw=82, size=7.6)
            kv(c, 330, 590, [("Phone", "(847) 555-0166"), ("Office hours", "M-F 8am-5pm")], lw=60, size=7.6)
        else:
            txt(c, 34, 752, "NORTHSIDE PHYSICIANS GROUP, PC  -  Statement of Account (continued)",
                "Helvetica-Bold", 9)
            txt(c, 34, 740, "Guarantor: Daniel R Okafor    Account 44871-0    Statement Date 03/05/25",
                "Helvetica", 7.5)
        txt(c, 306, 40, f"Page {p} of {n}", "Helvetica", 7, "C")
        txt(c, 34, 52, "Charges shown are billed amounts. Insurance payments and contractual adjustments are "
            "shown per line. Questions: (847) 555-0166.", "Helvetica", 6.5)

    b = Bill(name, "physician group statement (family account)", "text", ch,
             "Physician group statement for two family members. Codes print with hyphenated modifiers "
             "(99213-25, 87804-59-QW). Each row also carries Ins Paid, Adjust and Pt Balance amounts "
             "that are not charges; patient payment rows, ACCOUNT TOTALS and AMOUNT DUE are not "
             "charges. Page 1 has a remittance stub at the top.")
    path = os.path.join(OUT, name + ".pdf")
    b.pages = render(path, t, rows, 566, 726, 66, page)
    b.files = [name + ".pdf"]
    return b


# --------------------------------------------------------------------------------------
# 4. Independent lab (1 page, phone photo) - description first, dates only as section heads
# --------------------------------------------------------------------------------------

def bill_lab(rng):
    name = "meridian-lab-invoice"
    d1, d2 = D("2025-01-14"), D("2025-03-03")
    raw = [
        (d1, "Comprehensive Metabolic Panel (14)", "10231", "80053", 1, 14800),
        (d1, "CBC (Includes Differential and Platelets)", "6399", "85025", 1, 6200),
        (d1, "Lipid Panel, Standard, with Reflex to Direct LDL Cholesterol (if Triglycerides > 400 mg/dL)",
         "19946", "80061", 1, 11800),
        (d1, "Hemoglobin A1c with Estimated Average Glucose", "496", "83036", 1, 7400),
        (d1, "TSH with Reflex to Free T4", "36127", "84443", 1, 9600),
        (d1, "Vitamin D, 25-Hydroxy, Total, Immunoassay", "17306", "82306", 1, 16500),
        (d1, "Microalbumin, Random Urine with Creatinine", "6517", "82043", 1, 5800),
        (d1, "      Creatinine, Random Urine", "", "82570", 1, 3400),
        (d1, "Venipuncture", "", "36415", 1, 1800),
        (d2, "Urinalysis, Complete with Microscopic", "5463", "81001", 1, 3800),
        (d2, "Culture, Urine, Routine", "395", "87086", 1, 9200),
        (d2, "      Organism Identification, Aerobic", "", "87077", 1, 6400),
        (d2, "      Organism Identification, Aerobic", "", "87077", 1, 6400),
        (d2, "      Antimicrobial Susceptibility, MIC", "", "87186", 1, 8600),
        (d2, "      Antimicrobial Susceptibility, MIC", "", "87186", 1, 8600),
    ]
    ch = [Ch(dt, code, desc.strip(), u, unit, (), None, {"tc": tc, "raw": desc})
          for dt, desc, tc, code, u, unit in raw]
    cols = [
        Col("desc", "Description", 228, wrap=True),
        Col("tc", "Test Code", 52, "C"),
        Col("cpt", "CPT", 52, "C"),
        Col("u", "Units", 38, "C"),
        Col("amt", "Amount", 80, "R"),
    ]
    t = Table(cols, 60, size=8.6, leading=11.6, head_size=8.6, head_fill=0.8, head_font="Helvetica-Bold")
    rows = []
    for dt, req in ((d1, "7731048"), (d2, "7769215")):
        rows.append(Row({"desc": f"Date of Service: {fdate(dt, 'long')}     Requisition {req}"},
                        bold=True, wrap=False, gap_before=4))
        for x in ch:
            if x.date == dt:
                dsc = [x.extra["raw"]] if x.extra["raw"].startswith(" ") else x.extra["raw"]
                rows.append(Row({"desc": dsc, "tc": x.extra["tc"], "cpt": x.code,
                                 "u": str(x.units), "amt": money(x.cents, "dollar")}))
    total = sum(x.cents for x in ch)
    ins1, ins2 = -24315, -41177
    due = total + ins1 + ins2
    rows += [
        Row({"desc": "Total Charges", "amt": money(total, "dollar")}, bold=True, rule_above=True,
            gap_before=4),
        Row({"desc": "Insurance Adjustment - UnitedHealthcare (01/14/2025 services)",
             "amt": money(ins1, "dollar", "paren")}),
        Row({"desc": "Insurance Adjustment - UnitedHealthcare (03/03/2025 services)",
             "amt": money(ins2, "dollar", "paren")}),
        Row({"desc": "Patient Balance Due", "amt": money(due, "dollar")}, bold=True, rule_above=True),
    ]

    def page(c, p, n):
        c.setFillColorRGB(0.1, 0.3, 0.55)
        c.rect(60, 718, 22, 22, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont("Helvetica-Bold", 14)
        c.drawCentredString(71, 724, "M")
        c.setFillGray(0)
        txt(c, 90, 728, "Meridian Clinical Laboratories", "Helvetica-Bold", 15)
        txt(c, 90, 716, "A CAP-accredited reference laboratory  |  CLIA 14D0992713", "Helvetica", 7.5)
        txt(c, 550, 732, "PATIENT INVOICE", "Helvetica-Bold", 12, "R")
        kv(c, 410, 716, [("Invoice #", "MCL-3318804"), ("Invoice Date", "03/28/2025"),
                         ("Account #", "P-55102874")], size=8, lw=62)
        box(c, 60, 612, 232, 70)
        txt(c, 66, 672, "Bill To", "Helvetica-Bold", 8)
        lines(c, 66, 660, ["Priya Ramaswamy", "731 Greenwood Ave", "Ann Arbor, MI 48104-2210",
                           "Phone (734) 555-0138"], size=8.5)
        box(c, 300, 612, 250, 70)
        txt(c, 306, 672, "Patient / Ordering", "Helvetica-Bold", 8)
        kv(c, 306, 660, [("Patient", "Priya Ramaswamy  DOB 05/19/1979"),
                         ("Ordering", "Elena Fuchs, MD - NPI 1609182244"),
                         ("Insurance", "UnitedHealthcare Choice Plus"),
                         ("Member ID", "914402871 / Grp 770124")], size=7.6, lw=48)
        txt(c, 60, 70, "Billing questions: 1-800-555-0117 (Mon-Fri 7am-7pm ET)  |  meridianlabs.example.com/billing",
            "Helvetica", 7.2)
        txt(c, 60, 59, "Tests billed under the CPT codes shown. Test Code is Meridian's internal order code.",
            "Helvetica-Oblique", 7)
        txt(c, 550, 59, f"Page {p} of {n}", "Helvetica", 7.2, "R")

    b = Bill(name, "independent laboratory invoice", "photo", ch,
             "Phone photo of a lab invoice. Description comes first, then an internal Test Code column "
             "(not a CPT), then CPT. Dates of service appear only as section headings, not per row. "
             "Reflex/add-on rows are indented under their parent test and repeat (87077 and 87186 twice "
             "each). Insurance adjustments in parentheses and Patient Balance Due are not charges.")
    src = os.path.join(SRC, name + ".pdf")
    b.pages = render(src, t, rows, 598, 598, 86, page)
    return b, src


# --------------------------------------------------------------------------------------
# 5. Radiology / imaging center (1 page, text PDF, 5 rows)
# --------------------------------------------------------------------------------------

def bill_radiology(rng):
    name = "summit-imaging-statement"
    raw = [
        ("2025-02-03", "7730184", "73610", ("RT",), "XR ANKLE COMPLETE MIN 3 VIEWS", 41200),
        ("2025-02-03", "7730184", "73630", ("RT",), "XR FOOT COMPLETE MIN 3 VIEWS", 39800),
        ("2025-02-03", "7730185", "73610", ("LT",), "XR ANKLE COMPLETE MIN 3 VIEWS (COMPARISON)", 41200),
        ("2025-02-17", "7741902", "73721", ("RT",), "MRI ANY JOINT LOWER EXTREMITY W/O CONTRAST", 264000),
        ("2025-02-28", "7752210", "76882", ("RT",),
         "US LIMITED JOINT OR OTHER NONVASCULAR EXTREMITY STRUCTURE(S) REAL TIME W/IMAGE DOCUMENTATION",
         58500),
    ]
    ch = [Ch(D(ds), code, desc, 1, amt, mods, None, {"acc": acc}) for ds, acc, code, mods, desc, amt in raw]
    cols = [
        Col("date", "Service Date", 62),
        Col("acc", "Accession #", 58),
        Col("cpt", "CPT", 40),
        Col("mod", "Mod", 28),
        Col("desc", "Exam Description", 226, wrap=True),
        Col("u", "Units", 32, "C"),
        Col("amt", "Charge", 74, "R"),
    ]
    t = Table(cols, 36, font="Times-Roman", bold="Times-Bold", size=9, leading=12, head_size=9,
              head_rule=True, head_box=False)
    rows = [Row({"date": fdate(x.date, "dMonY"), "acc": x.extra["acc"], "cpt": x.code,
                 "mod": " ".join(x.mods), "desc": x.desc, "u": str(x.units), "amt": money(x.cents, "comma")},
                gap_before=2)
            for x in ch]
    total = sum(x.cents for x in ch)
    pay, adj = -201344, -152606
    rows += [
        Row({"desc": "TOTAL CHARGES", "amt": money(total, "comma")}, bold=True, rule_above=True, gap_before=6),
        Row({"date": "21-MAR-2025", "desc": "PAYMENT - HUMANA GOLD PLUS (ERA 88120044)",
             "amt": money(pay, "comma", "trail")}),
        Row({"date": "21-MAR-2025", "desc": "ADJUSTMENT - CONTRACTUAL (CO-45)", "amt": money(adj, "comma", "trail")}),
        Row({"desc": "PATIENT RESPONSIBILITY (COINSURANCE)", "amt": money(total + pay + adj, "comma")},
            bold=True, rule_above=True),
    ]

    def page(c, p, n):
        c.setFillColorRGB(0.2, 0.35, 0.3)
        p_ = c.beginPath()
        p_.moveTo(36, 722)
        p_.lineTo(52, 750)
        p_.lineTo(68, 722)
        p_.close()
        c.drawPath(p_, stroke=0, fill=1)
        c.setFillGray(0)
        txt(c, 76, 736, "SUMMIT IMAGING CENTER", "Times-Bold", 17)
        txt(c, 76, 724, "Diagnostic Radiology  \u2022  MRI  \u2022  CT  \u2022  Ultrasound", "Times-Italic", 9)
        lines(c, 576, 746, ["2950 Foothill Blvd, Suite 110", "Boulder, CO 80301", "Tel 303-555-0171  Fax 303-555-0172"],
              "Times-Roman", 8.5, align="R")
        c.setLineWidth(0.8)
        c.line(36, 712, 576, 712)
        txt(c, 306, 692, "STATEMENT OF SERVICES", "Times-Bold", 12, "C")
        kv(c, 36, 668, [("Patient:", "GUTIERREZ, ROSA L"), ("Patient ID:", "SIC-0918234"),
                        ("DOB:", "14-AUG-1952"), ("Referring MD:", "T. NAKASHIMA, DPM")],
           "Times-Roman", "Times-Bold", 9, 70)
        kv(c, 320, 668, [("Statement Date:", "02-APR-2025"), ("Account No.:", "400-77120-03"),
                         ("Insurance:", "HUMANA GOLD PLUS HMO"), ("Reading Radiologist:", "J. BERGSTROM, MD")],
           "Times-Roman", "Times-Bold", 9, 96)
        txt(c, 36, 96, "Professional interpretation included (global billing). For questions call 303-555-0171.",
            "Times-Italic", 8.5)
        txt(c, 36, 84, "Please pay the Patient Responsibility shown within 30 days. Visa/MC/Discover accepted.",
            "Times-Roman", 8.5)
        txt(c, 576, 60, f"Page {p} of {n}", "Times-Roman", 8, "R")

    b = Bill(name, "radiology / imaging center statement", "text", ch,
             "Imaging center statement, five exams. Dates print as DD-MON-YYYY. Accession numbers sit "
             "beside the CPT column; modifiers (RT/LT) in a Mod column; 73610 appears twice on "
             "03-FEB-2025 (right and left). Payment and adjustment have trailing minus signs.")
    path = os.path.join(OUT, name + ".pdf")
    b.pages = render(path, t, rows, 596, 596, 110, page)
    b.files = [name + ".pdf"]
    return b


# --------------------------------------------------------------------------------------
# 6. Ambulance (1 page, scan PNG)
# --------------------------------------------------------------------------------------

def bill_ambulance(rng):
    name = "tricounty-ems-ambulance"
    dt = D("2024-12-14")
    raw = [
        ("A0427", ("RH",), "ALS LEVEL 1 EMERGENCY TRANSPORT (ALS1-EMERGENCY)", 1, 245000),
        ("A0425", ("RH",), "GROUND MILEAGE, PER STATUTE MILE (LOADED)", 14, 2475),
        ("A0398", (), "ALS ROUTINE DISPOSABLE SUPPLIES", 1, 11000),
        ("A0394", (), "ALS SPECIALIZED SERVICE DISPOSABLE SUPPLIES; IV DRUG THERAPY", 1, 12500),
        ("A0422", (), "AMBULANCE OXYGEN AND OXYGEN SUPPLIES, LIFE SUSTAINING SITUATION", 1, 9500),
        ("J3010", (), "FENTANYL CITRATE INJECTION 0.1 MG", 1, 4500),
    ]
    ch = [Ch(dt, code, desc, u, unit, mods) for code, mods, desc, u, unit in raw]
    cols = [
        Col("date", "DATE", 62),
        Col("cpt", "HCPCS", 44),
        Col("mod", "MOD", 30),
        Col("desc", "DESCRIPTION", 210, wrap=True),
        Col("qty", "QTY", 48, "C"),
        Col("rate", "RATE", 58, "R"),
        Col("amt", "AMOUNT", 66, "R"),
    ]
    t = Table(cols, 40, font="Courier", bold="Courier-Bold", size=8, leading=11, head_size=8,
              head_box=True)
    rows = [Row({"date": fdate(x.date, "dMonY"), "cpt": x.code, "mod": " ".join(x.mods), "desc": x.desc,
                 "qty": f"QTY {x.units}", "rate": money(x.unit, "comma"), "amt": money(x.cents, "comma")},
                gap_before=2) for x in ch]
    total = sum(x.cents for x in ch)
    pay, adj = -162840, -118330
    rows += [
        Row({"desc": "TOTAL CHARGES", "amt": money(total, "comma")}, bold=True, rule_above=True, gap_before=6),
        Row({"date": "22-JAN-2025", "desc": "MEDICARE PART B PAYMENT", "amt": money(pay, "comma", "cr")}),
        Row({"date": "22-JAN-2025", "desc": "MEDICARE CONTRACTUAL ADJ", "amt": money(adj, "comma", "cr")}),
        Row({"date": "22-JAN-2025", "desc": "TRANSFERRED TO SECONDARY: AARP MEDSUPP",
             "amt": "0.00"}),
        Row({"desc": "BALANCE DUE", "amt": money(total + pay + adj, "comma")}, bold=True, rule_above=True),
    ]

    def page(c, p, n):
        c.setLineWidth(2)
        c.circle(62, 730, 20)
        txt(c, 62, 726, "EMS", "Helvetica-Bold", 10, "C")
        txt(c, 92, 740, "TRI-COUNTY EMERGENCY MEDICAL SERVICES", "Helvetica-Bold", 13)
        txt(c, 92, 727, "Ambulance Billing Dept  PO Box 1187  Lebanon, PA 17042   Phone (717) 555-0148",
            "Helvetica", 8)
        txt(c, 92, 716, "Medicare PTAN 3R41177   NPI 1346288810", "Helvetica", 8)
        c.setLineWidth(0.8)
        c.line(40, 704, 558, 704)
        txt(c, 40, 690, "PATIENT ACCOUNT STATEMENT", "Courier-Bold", 10)
        kv(c, 40, 674, [("PATIENT:", "MILLER, HAROLD J"), ("DOB:", "03-MAR-1944"),
                        ("ACCOUNT:", "TC-24-118732"), ("INCIDENT #:", "2024-0347791"),
                        ("MEDICARE ID:", "7TW4-QA2-MK81")], "Courier", "Courier-Bold", 8, 80)
        kv(c, 310, 674, [("STMT DATE:", "05-FEB-2025"), ("RUN #:", "118732  UNIT M-14"),
                         ("PICKUP:", "412 CHESTNUT ST, LEBANON PA"),
                         ("DEST:", "WELLSPAN GOOD SAMARITAN HOSP ED"),
                         ("ODOMETER:", "SCENE 48231.6  DEST 48245.6")], "Courier", "Courier-Bold", 8, 70)
        txt(c, 40, 610, "LOADED MILES: 14.0   CREW: PARAMEDIC/EMT   CALL RECEIVED 14-DEC-2024 06:12",
            "Courier", 8)
        txt(c, 40, 90, "Please remit to: Tri-County EMS, PO Box 1187, Lebanon PA 17042. Call (717) 555-0148",
            "Courier", 7.5)
        txt(c, 40, 80, "with questions. Your secondary insurance has been billed on your behalf.", "Courier", 7.5)
        txt(c, 558, 60, f"PAGE {p} OF {n}", "Courier", 7.5, "R")

    b = Bill(name, "ground ambulance bill", "scan-png", ch,
             "Scanned ambulance bill. HCPCS with origin/destination modifier RH in a MOD column; mileage "
             "A0425 has 14 loaded miles printed as 'QTY 14' with a per-mile RATE column beside the "
             "AMOUNT. Odometer readings, run and incident numbers are not charges. Payments marked CR.")
    src = os.path.join(SRC, name + ".pdf")
    b.pages = render(src, t, rows, 596, 596, 110, page)
    return b, src


# --------------------------------------------------------------------------------------
# 7. Anesthesia (1 page, text PDF, time units)
# --------------------------------------------------------------------------------------

def bill_anesthesia(rng):
    name = "capitol-anesthesia-statement"
    rate = 11800
    raw = [
        # date, code, mods, desc, start, stop, base, (units total), flat
        ("2025-03-11", "00840", ("QK", "P2"), "ANESTH INTRAPERITONEAL PROC LOWER ABDOMEN - LAP APPENDECTOMY",
         "07:42", "09:12", 6),
        ("2025-03-11", "00840", ("QX", "P2"), "ANESTH INTRAPERITONEAL PROC LOWER ABDOMEN - CRNA MED DIRECTED",
         "07:42", "09:12", 6),
        ("2025-03-11", "99140", (), "ANESTHESIA COMPLICATED BY EMERGENCY CONDITIONS", None, None, 2),
        ("2025-03-11", "64488", (), "TAP BLOCK BILATERAL BY INJECTIONS INCL IMAGING GUIDANCE", None, None, None),
        ("2025-04-22", "00813", ("AA", "QS", "P2"), "ANESTH COMBINED UPPER & LOWER GI ENDOSCOPY", "08:05", "08:35", 5),
    ]
    ch = []
    for ds, code, mods, desc, st, en, base in raw:
        if st:
            h1, m1 = map(int, st.split(":"))
            h2, m2 = map(int, en.split(":"))
            mins = (h2 * 60 + m2) - (h1 * 60 + m1)
            tu = math.ceil(mins / 15)
            units = base + tu
            ch.append(Ch(D(ds), code, desc, units, rate, mods, None,
                         {"time": f"{st}-{en}", "min": str(mins), "base": str(base), "tu": str(tu)}))
        elif base:
            ch.append(Ch(D(ds), code, desc, base, rate, mods, None, {"base": str(base)}))
        else:
            ch.append(Ch(D(ds), code, desc, 1, 68500, mods, None, {}))
    cols = [
        Col("date", "DOS", 48),
        Col("cpt", "Procedure", 44),
        Col("mod", "Mod", 40),
        Col("desc", "Description", 150, wrap=True),
        Col("time", "Anes Time", 52, "C"),
        Col("min", "Min", 24, "R"),
        Col("base", "Base\nUnits", 30, "R"),
        Col("tu", "Time\nUnits", 30, "R"),
        Col("u", "Total\nUnits", 32, "R"),
        Col("amt", "Charge", 62, "R"),
    ]
    t = Table(cols, 38, size=7.8, leading=10.4, head_size=7.6, head_fill=0.9, head_box=True, zebra=None)
    rows = []
    for x in ch:
        e = x.extra
        rows.append(Row({"date": fdate(x.date, "mdY"), "cpt": x.code, "mod": " ".join(x.mods), "desc": x.desc,
                         "time": e.get("time", ""), "min": e.get("min", ""), "base": e.get("base", ""),
                         "tu": e.get("tu", ""), "u": str(x.units), "amt": money(x.cents, "dollar")},
                        gap_before=3, rule_below=False))
    total = sum(x.cents for x in ch)
    ins, adj = -228140, -161220
    rows += [
        Row({"desc": "Total Charges", "amt": money(total, "dollar")}, bold=True, rule_above=True, gap_before=6),
        Row({"desc": "Insurance Payments", "amt": money(ins, "dollar")}),
        Row({"desc": "Insurance Adjustments", "amt": money(adj, "dollar")}),
        Row({"desc": "Please Pay This Amount", "amt": money(total + ins + adj, "dollar")}, bold=True,
            rule_above=True),
    ]

    def page(c, p, n):
        txt(c, 38, 746, "Capitol Anesthesia Associates, LLP", "Helvetica-Bold", 14)
        txt(c, 38, 734, "Tax ID 52-1984402  \u00b7  1100 W Broad St, Richmond, VA 23220  \u00b7  Billing (804) 555-0191",
            "Helvetica", 7.8)
        box(c, 400, 690, 176, 60, fill=0.95)
        kv(c, 406, 740, [("Statement Date", "05/06/2025"), ("Account #", "CAA-2025-08812"),
                         ("Balance Due", money(total + ins + adj, "dollar")), ("Due Date", "06/05/2025")],
           size=7.8, lw=70)
        kv(c, 38, 706, [("Patient", "Karen M Halverson"), ("Guarantor", "Karen M Halverson"),
                        ("Facility", "St. Brendan Medical Center / Endoscopy Ctr"),
                        ("Insurance", "BCBS WI PPO  XKW884120377")], size=7.8, lw=52)
        txt(c, 38, 650, "Anesthesia charges are based on base units plus time units (1 unit per 15 minutes) "
            f"at {money(rate, 'dollar')} per unit. Block procedures are billed as a flat fee.",
            "Helvetica-Oblique", 7.2)
        txt(c, 38, 62, "Anesthesiologist: L. Marchetti, MD (NPI 1871026655)   CRNA: B. Osei, CRNA (NPI 1427719034)",
            "Helvetica", 7)
        txt(c, 38, 51, "Questions? (804) 555-0191, Mon-Thu 8-4.  We have billed your insurance; this is the amount "
            "you owe.", "Helvetica", 7)
        txt(c, 576, 40, f"Page {p} of {n}", "Helvetica", 7, "R")

    b = Bill(name, "anesthesia group statement", "text", ch,
             "Anesthesia statement. Units is the printed Total Units (base units + time units; 15-minute "
             "time units from the printed anesthesia time), charge = units x $118.00. The physician (QK) "
             "and CRNA (QX) lines for 00840 on the same date are both charges. Min, Base Units and Time "
             "Units columns are not the units. Payments/adjustments and balance in header box are not "
             "charges.")
    path = os.path.join(OUT, name + ".pdf")
    b.pages = render(path, t, rows, 636, 636, 90, page)
    b.files = [name + ".pdf"]
    return b


# --------------------------------------------------------------------------------------
# 8. Ambulatory surgery center, UB-04 style (2 pages, phone photos)
# --------------------------------------------------------------------------------------

def bill_asc(rng):
    name = "ridgeview-asc-ub04-style"
    dt = D("2025-04-08")
    raw = [
        ("0360", "29888", ("RT",), "ARTHROSCOPICALLY AIDED ACL REPAIR/AUGMENTATION OR RECONSTRUCTION", 1, 1485000),
        ("0360", "29881", ("RT", "59"), "ARTHROSCOPY KNEE SURGICAL W/MENISCECTOMY MEDIAL OR LATERAL", 1, 642000),
        ("0360", "64447", ("RT",), "INJECTION ANESTHETIC AGENT FEMORAL NERVE SINGLE", 1, 112000),
        ("0370", None, (), "ANESTHESIA GENERAL - ASC", 1, 218000),
        ("0710", None, (), "RECOVERY ROOM", 1, 148000),
        ("0278", "C1713", (), "ANCHOR/SCREW FOR OPPOSING BONE-TO-BONE OR SOFT TISSUE-TO-BONE (IMPLANTABLE)", 2,
         128500),
        ("0278", "C1762", (), "CONNECTIVE TISSUE, HUMAN (INCLUDES FASCIA LATA) - TIBIALIS ALLOGRAFT", 1, 395000),
        ("0272", None, (), "ARTHROSCOPY PACK CUSTOM KNEE", 1, 68500),
        ("0272", None, (), "SHAVER BLADE 4.5MM INCISOR PLUS", 1, 41200),
        ("0272", None, (), "RF ABLATION WAND 90 DEG", 1, 84500),
        ("0272", None, (), "ARTHROSCOPIC CANNULA 8MM TWIST-IN", 2, 9600),
        ("0272", None, (), "IRRIGATION TUBING SET PUMP", 1, 14800),
        ("0272", None, (), "ACL GUIDE PIN 2.4MM W/ EYELET", 2, 7800),
        ("0636", "J0690", (), "CEFAZOLIN SODIUM INJECTION 500 MG", 4, 1800),
        ("0636", "J2250", (), "MIDAZOLAM HCL INJECTION PER 1 MG", 2, 1425),
        ("0636", "J3010", (), "FENTANYL CITRATE INJECTION 0.1 MG", 2, 2200),
        ("0636", "J2704", (), "PROPOFOL INJECTION 10 MG", 20, 390),
        ("0636", "J2405", (), "ONDANSETRON HCL INJECTION PER 1 MG", 4, 980),
        ("0636", "J1885", (), "KETOROLAC TROMETHAMINE INJ PER 15 MG", 2, 1050),
        ("0250", None, (), "BUPIVACAINE 0.5% W/EPI 30 ML VIAL", 1, 3800),
        ("0250", None, (), "LIDOCAINE 1% 10 ML VIAL", 1, 1800),
        ("0258", None, (), "LACTATED RINGERS 1000 ML", 2, 7200),
        ("0258", None, (), "LACTATED RINGERS 1000 ML", 1, 7200),
        ("0274", "L1832", ("RT",), "KNEE ORTHOSIS, ADJUSTABLE KNEE JOINTS, POSITIONAL, PREFABRICATED", 1, 112000),
        ("0270", None, (), "COLD THERAPY PAD DISPOSABLE", 2, 1200),
    ]
    ch = [Ch(dt, code, desc, u, unit, mods, rev) for rev, code, mods, desc, u, unit in raw]
    cols = [
        Col("rev", "42 REV. CD.", 42),
        Col("desc", "43 DESCRIPTION", 218, wrap=True),
        Col("cpt", "44 HCPCS / RATE / HIPPS CODE", 92),
        Col("date", "45 SERV. DATE", 52, "C"),
        Col("u", "46 SERV. UNITS", 44, "R"),
        Col("amt", "47 TOTAL CHARGES", 66, "R"),
        Col("nc", "48 NON-COVERED", 56, "R"),
    ]
    t = Table(cols, 22, font="Courier", bold="Courier-Bold", size=8, leading=12.2, head_size=5.8,
              head_box=True, head_font="Helvetica", vlines=True)
    rows = []
    for x in ch:
        nc = money(x.cents, "comma").replace(",", " ") if x.desc.startswith("COLD THERAPY") else ""
        rows.append(Row({"rev": x.rev, "desc": x.desc, "cpt": (x.code or "") + "".join(x.mods),
                         "date": fdate(x.date, "mdy2"), "u": str(x.units),
                         "amt": money(x.cents, "comma").replace(",", " "), "nc": nc}))
    total = sum(x.cents for x in ch)
    rows.append(Row({"rev": "0001", "desc": "TOTAL CHARGES", "amt": money(total, "comma").replace(",", " "),
                     "nc": money(2400, "comma")}, bold=True, rule_above=True, gap_before=2))

    def page(c, p, n):
        # UB-04-like top boxes (simplified)
        c.setLineWidth(0.6)
        box(c, 22, 666, 190, 104)
        lines(c, 26, 760, ["1 RIDGEVIEW SURGERY CENTER LLC", "  4200 E CAMELBACK RD STE 140",
                           "  PHOENIX AZ 85018", "  (602) 555-0114"], "Courier", 7.8, 10)
        box(c, 212, 666, 150, 104)
        lines(c, 216, 760, ["3a PAT. CNTL # RSC-0408-1177", "b. MED. REC. # 2291184", "4 TYPE OF BILL 0831",
                            "5 FED. TAX NO. 86-1172940", "6 STATEMENT COVERS PERIOD", "  FROM 040825 THROUGH 040825"],
              "Courier", 7, 9.5)
        box(c, 362, 666, 228, 104)
        lines(c, 366, 760, ["8 PATIENT NAME", "  NGUYEN, THOMAS A", "9 PATIENT ADDRESS",
                            "  2816 N 44TH PL  PHOENIX AZ 85008", "10 BIRTHDATE 09121986  11 SEX M",
                            "50 PAYER  UMR / UNITEDHEALTHCARE", "60 INSURED ID  7718820144"], "Courier", 7, 9.5)
        txt(c, 22, 652, "ITEMIZED BILL - OUTPATIENT SURGERY", "Helvetica-Bold", 10)
        txt(c, 590, 652, f"PAGE {p} OF {n}", "Courier-Bold", 8, "R")
        if p < n:
            txt(c, 306, 54, "*** CONTINUED ON NEXT PAGE ***", "Courier-Bold", 8, "C")
        else:
            lines(c, 22, 118, ["66 DX  S83.512A  S83.241A   74 PRINCIPAL PROCEDURE 0SUC4KZ",
                               "76 ATTENDING  NPI 1558302217  KOWALCZYK, ERIC MD",
                               "80 REMARKS  PATIENT PAID DEPOSIT 500.00 ON 04/08/25 - NOT REFLECTED ABOVE"],
                  "Courier", 7.5, 10)
        txt(c, 22, 40, "UB-04 CMS-1450  APPROVED OMB NO. 0938-0997   NUBC   ITEMIZED COPY FOR PATIENT",
            "Helvetica", 6)

    b = Bill(name, "ambulatory surgery center itemized bill (UB-04 style)", "photo", ch,
             "Phone photos (two pages) of a UB-04-style ASC itemized bill. HCPCS and modifiers are printed "
             "run together (29888RT, 29881RT59). Amounts use a space as thousands separator like the "
             "UB-04 form (14 850.00). Supplies/pharmacy/anesthesia/recovery rows have only a revenue "
             "code. Line 0001 is the TOTAL CHARGES line, not a charge; the NON-COVERED column is not a "
             "separate charge. Lactated Ringers appears on two lines (2 and 1 units).")
    src = os.path.join(SRC, name + ".pdf")
    b.pages = render(src, t, rows, 640, 640, 136, page, max_rows=22)
    return b, src


# --------------------------------------------------------------------------------------
# 9. Physical therapy (2 pages, scan PDF, 40+ rows, "x2" units, codes like 97110GP)
# --------------------------------------------------------------------------------------

def bill_pt(rng):
    name = "keystone-pt-statement"
    fee = {"97162": 28500, "97164": 16500, "97110": 6800, "97140": 7200, "97530": 7400, "97112": 7000,
           "G0283": 3800, "97035": 3600, "97016": 3200}
    desc = {"97162": "PT EVALUATION MODERATE COMPLEXITY", "97164": "PT RE-EVALUATION",
            "97110": "THERAPEUTIC EXERCISE EA 15 MIN", "97140": "MANUAL THERAPY TECHNIQUES EA 15 MIN",
            "97530": "THERAPEUTIC ACTIVITIES EA 15 MIN", "97112": "NEUROMUSCULAR REEDUCATION EA 15 MIN",
            "G0283": "ELECTRICAL STIMULATION UNATTENDED", "97035": "ULTRASOUND THERAPY EA 15 MIN",
            "97016": "VASOPNEUMATIC DEVICE THERAPY"}
    visits = [
        ("2025-01-06", [("97162", 1), ("97110", 1), ("97140", 1), ("G0283", 1)]),
        ("2025-01-08", [("97110", 2), ("97140", 1), ("97530", 1), ("G0283", 1)]),
        ("2025-01-10", [("97110", 2), ("97140", 1), ("97112", 1), ("G0283", 1)]),
        ("2025-01-14", [("97110", 2), ("97110", 1, ("GP", "CQ")), ("97140", 1), ("G0283", 1)]),
        ("2025-01-16", [("97110", 3), ("97140", 1), ("97140", 1), ("97016", 1)]),
        ("2025-01-21", [("97110", 2), ("97530", 2), ("97140", 1), ("G0283", 1)]),
        ("2025-01-23", [("97110", 2), ("97112", 1), ("97530", 1), ("97035", 1)]),
        ("2025-01-28", [("97110", 2), ("97530", 2), ("97140", 1)]),
        ("2025-01-30", [("97110", 3), ("97112", 1), ("97140", 1), ("G0283", 1)]),
        ("2025-02-04", [("97110", 2), ("97530", 2), ("97016", 1)]),
        ("2025-02-06", [("97110", 2), ("97530", 1), ("97140", 1)]),
        ("2025-02-11", [("97164", 1), ("97110", 2), ("97530", 1)]),
    ]
    ch = []
    for ds, items in visits:
        for it in items:
            code, u = it[0], it[1]
            mods = it[2] if len(it) > 2 else ("GP",)
            ch.append(Ch(D(ds), code, desc[code], u, fee[code], mods, None,
                         {"ther": "J. ABERNATHY, PTA" if "CQ" in mods else "S. LINDQVIST, DPT"}))
    cols = [
        Col("date", "Date", 56),
        Col("cpt", "Code", 56),
        Col("desc", "Description", 196, wrap=True),
        Col("ther", "Therapist", 92),
        Col("u", "Units", 34, "C"),
        Col("rate", "Fee", 46, "R"),
        Col("amt", "Amount", 58, "R"),
    ]
    t = Table(cols, 36, size=7.8, leading=10.8, head_size=8, head_fill=0.82, zebra=None)
    rows = []
    for ds, _ in visits:
        day = [x for x in ch if x.date == D(ds)]
        for i, x in enumerate(day):
            rows.append(Row({"date": fdate(x.date, "mdY") if i == 0 else "", "cpt": x.code + "".join(x.mods),
                             "desc": x.desc, "ther": x.extra["ther"], "u": f"x{x.units}",
                             "rate": money(x.unit, "comma"), "amt": money(x.cents, "comma")}))
        rows.append(Row({"ther": "Visit total", "amt": money(sum(x.cents for x in day), "comma")}, italic=True,
                        rule_below=True, size=7.2))
    total = sum(x.cents for x in ch)
    ins = -round(total * 0.47)
    adj = -round(total * 0.31)
    copays = -12 * 3000
    rows += [
        Row({"desc": "TOTAL CHARGES THIS STATEMENT", "amt": money(total, "comma")}, bold=True, gap_before=6),
        Row({"desc": "Copays received (12 visits @ 30.00)", "amt": money(copays, "comma", "paren")}),
        Row({"desc": "Insurance payments - Independence Blue Cross", "amt": money(ins, "comma", "paren")}),
        Row({"desc": "Insurance contractual adjustments", "amt": money(adj, "comma", "paren")}),
        Row({"desc": "BALANCE DUE", "amt": money(total + copays + ins + adj, "comma")}, bold=True,
            rule_above=True),
    ]

    def page(c, p, n):
        txt(c, 36, 748, "KEYSTONE PHYSICAL THERAPY & SPORTS REHAB", "Helvetica-Bold", 13)
        txt(c, 36, 736, "215 W Lancaster Ave, Ardmore PA 19003   Ph 610-555-0124   Fax 610-555-0125   "
            "NPI 1982047731", "Helvetica", 7.5)
        c.setLineWidth(1)
        c.line(36, 728, 574, 728)
        if p == 1:
            txt(c, 36, 712, "PATIENT STATEMENT", "Helvetica-Bold", 10)
            kv(c, 36, 698, [("Patient:", "Olivia Brennan-Shaw"), ("Account #:", "KPT-10448"),
                            ("Referring:", "M. Castellanos, MD"), ("Diagnosis:", "M75.121, M25.511")],
               size=7.8, lw=54)
            kv(c, 330, 698, [("Statement date:", "02/28/2025"), ("Plan:", "Independence Blue Cross PPO"),
                             ("Member ID:", "QCB901128476"), ("Visits this period:", "12 of 20 authorized")],
               size=7.8, lw=74)
        else:
            txt(c, 36, 712, "Patient: Olivia Brennan-Shaw   Account #: KPT-10448   Statement date: 02/28/2025",
                "Helvetica", 7.8)
        txt(c, 36, 46, "Thank you for choosing Keystone PT. Questions about your bill? Call 610-555-0124 ext 2.",
            "Helvetica", 7)
        txt(c, 574, 46, f"Page {p} of {n}", "Helvetica", 7, "R")

    b = Bill(name, "physical therapy clinic statement", "scan-pdf", ch,
             "Scanned PT statement, two pages, 12 visits. Code and modifiers printed together (97110GP, "
             "97110GPCQ for the assistant's line). Units printed as x2/x3; Fee column is the per-unit fee, "
             "Amount is the line total. Date printed only on the first line of each visit (following lines "
             "share it). 'Visit total' lines are subtotals. 97110 twice on 01/14 (GP and GP CQ) and 97140 "
             "twice on 01/16.")
    src = os.path.join(SRC, name + ".pdf")
    b.pages = render(src, t, rows, 648, 700, 62, page)
    return b, src


# --------------------------------------------------------------------------------------
# 10. Urgent care (1 page, phone photo, 6 rows)
# --------------------------------------------------------------------------------------

def bill_urgent(rng):
    name = "quickcare-urgent-care"
    dt = D("2025-02-11")
    raw = [
        ("99214", ("25",), "Office visit, established, moderate", 1, 24500),
        ("87880", ("QW",), "Rapid strep A antigen test", 1, 5500),
        ("87804", ("QW",), "Influenza A antigen, rapid", 1, 4800),
        ("87804", ("QW",), "Influenza B antigen, rapid", 1, 4800),
        ("96372", (), "Injection, therapeutic, IM", 1, 6500),
        ("J0696", (), "Ceftriaxone sodium injection, per 250 mg", 4, 1650),
    ]
    ch = [Ch(dt, code, desc, u, unit, mods) for code, mods, desc, u, unit in raw]
    cols = [
        Col("date", "Date", 48),
        Col("cpt", "CPT\u00ae / HCPCS", 70),
        Col("desc", "Service", 220, wrap=True),
        Col("u", "Qty", 40, "C"),
        Col("amt", "Charge", 80, "R"),
    ]
    t = Table(cols, 76, size=9.2, leading=14, head_size=9, head_fill=0.88, zebra=0.95)
    rows = [Row({"date": fdate(x.date, "mdy"), "cpt": mods_join(x, "-"), "desc": x.desc, "u": str(x.units),
                 "amt": money(x.cents, "dollar")}) for x in ch]
    total = sum(x.cents for x in ch)
    rows += [
        Row({"desc": "Total charges", "amt": money(total, "dollar")}, bold=True, rule_above=True, gap_before=6),
        Row({"date": "2/11/25", "desc": "Copay collected at check-in", "amt": money(-7500, "dollar")}),
        Row({"date": "3/02/25", "desc": "Insurance paid (Anthem BCBS)", "amt": money(-18124, "dollar")}),
        Row({"date": "3/02/25", "desc": "Insurance discount", "amt": money(-12876, "dollar")}),
        Row({"desc": "You owe", "amt": money(total - 7500 - 18124 - 12876, "dollar")}, bold=True,
            rule_above=True),
    ]

    def page(c, p, n):
        c.setFillColorRGB(0.85, 0.15, 0.2)
        c.roundRect(76, 716, 150, 34, 8, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont("Helvetica-Bold", 16)
        c.drawString(86, 728, "QuickCare")
        c.setFillGray(0)
        txt(c, 232, 738, "URGENT CARE", "Helvetica-Bold", 11)
        txt(c, 232, 726, "Open 7 days  8am-8pm  \u2022  (480) 555-0133", "Helvetica", 8)
        txt(c, 534, 738, "Visit Summary & Bill", "Helvetica-Bold", 11, "R")
        kv(c, 76, 690, [("Patient", "Ethan Moreau (DOB 8/30/2009)"), ("Guarantor", "Claire Moreau"),
                        ("Account", "QC-778120"), ("Visit #", "25021100412")], size=8.5, lw=60)
        kv(c, 330, 690, [("Location", "Tempe - Rural Rd"), ("Provider", "A. Whitfield, PA-C"),
                         ("Statement", "3/10/25"), ("Insurance", "Anthem BCBS")], size=8.5, lw=56)
        txt(c, 76, 110, "Pay online at quickcare.example.com/pay or call (480) 555-0133.", "Helvetica", 8)
        txt(c, 76, 98, "Thank you for trusting QuickCare with your care!", "Helvetica-Oblique", 8)

    b = Bill(name, "urgent care visit bill", "photo", ch,
             "Phone photo of a one-page urgent care bill. Codes print as CPT-modifier (99214-25, 87880-QW). "
             "87804-QW appears twice on the same date (flu A and flu B). J0696 is 4 units. Copay, insurance "
             "paid/discount and 'You owe' are not charges.")
    src = os.path.join(SRC, name + ".pdf")
    b.pages = render(src, t, rows, 630, 630, 130, page)
    return b, src


# --------------------------------------------------------------------------------------
# 11. Hospital outpatient infusion / pharmacy (2 pages, text PDF, J-codes + NDC)
# --------------------------------------------------------------------------------------

def bill_infusion(rng):
    name = "harbor-infusion-center"
    infl = [
        ("0260", "96413", "", "CHEMO/COMPLEX DRUG IV INFUSION UP TO 1 HR", 1, 118000),
        ("0260", "96415", "", "CHEMO/COMPLEX DRUG IV INFUSION EA ADDL HR", 1, 24600),
        ("0260", "96375", "", "THER/PROPH/DIAG INJ EA SEQ IV PUSH", 1, 16800),
        ("0636", "Q5103", "00069-0809-01",
         "INJECTION, INFLIXIMAB-DYYB, BIOSIMILAR (INFLECTRA), 10 MG  100 MG VIAL", 50, 9840),
        ("0636", "J1200", "63323-0664-01", "DIPHENHYDRAMINE HCL INJ UP TO 50 MG", 1, 1850),
        ("0636", "J1720", "00009-0825-01", "HYDROCORTISONE SODIUM SUCCINATE INJ UP TO 100 MG", 1, 3200),
        ("0250", None, "00904-1988-61", "ACETAMINOPHEN 325 MG TAB (2 TABS PO)", 2, 210),
        ("0258", "J7050", "00338-0049-02", "NORMAL SALINE SOLUTION INFUSION 250 CC", 1, 7400),
        ("0270", None, "", "IV START KIT W/ CHLORAPREP", 1, 4200),
        ("0272", None, "", "INFUSION SET W/ 0.2 MICRON IN-LINE FILTER", 1, 5600),
    ]
    hyd = [
        ("0260", "96365", "", "IV INFUSION THERAPY/PROPH/DIAG INITIAL UP TO 1 HR", 1, 84200),
        ("0260", "96375", "", "THER/PROPH/DIAG INJ EA SEQ IV PUSH", 1, 16800),
        ("0260", "96375", "", "THER/PROPH/DIAG INJ EA SEQ IV PUSH", 1, 16800),
        ("0636", "J1885", "00409-3795-01", "KETOROLAC TROMETHAMINE INJ PER 15 MG", 2, 980),
        ("0636", "J2405", "00641-6078-25", "ONDANSETRON HCL INJ PER 1 MG", 4, 1120),
        ("0636", "J1100", "63323-0165-01", "DEXAMETHASONE SODIUM PHOSPHATE INJ 1 MG", 10, 290),
        ("0258", "J7030", "00338-0049-04", "NORMAL SALINE SOLUTION INFUSION 1000 CC", 1, 9600),
        ("0270", None, "", "IV START KIT W/ CHLORAPREP", 1, 4200),
    ]
    hyd2 = [
        ("0260", "96360", "", "IV INFUSION HYDRATION INITIAL 31 MIN TO 1 HOUR", 1, 61800),
        ("0260", "96361", "", "IV INFUSION HYDRATION EACH ADDL HOUR", 1, 19400),
        ("0260", "96374", "", "THER/PROPH/DIAG INJ IV PUSH SINGLE/INITIAL DRUG", 1, 41200),
        ("0636", "J2405", "00641-6078-25", "ONDANSETRON HCL INJ PER 1 MG", 4, 1120),
        ("0258", "J7030", "00338-0049-04", "NORMAL SALINE SOLUTION INFUSION 1000 CC", 2, 9600),
        ("0250", None, "00093-0058-01", "METOCLOPRAMIDE 10 MG TAB PO", 1, 460),
        ("0270", None, "", "IV START KIT W/ CHLORAPREP", 1, 4200),
    ]
    sched = [("2025-01-06", infl), ("2025-02-10", hyd), ("2025-03-03", infl), ("2025-03-24", hyd2)]
    ch = []
    for ds, items in sched:
        for rev, code, ndc, desc, u, unit in items:
            ch.append(Ch(D(ds), code, desc, u, unit, (), rev, {"ndc": ndc}))
    cols = [
        Col("date", "Date", 52),
        Col("rev", "Rev", 28),
        Col("cpt", "HCPCS", 40),
        Col("ndc", "NDC", 70),
        Col("desc", "Description", 212, wrap=True),
        Col("u", "HCPCS\nUnits", 36, "R"),
        Col("amt", "Amount", 62, "R"),
    ]
    t = Table(cols, 30, font="Helvetica", size=7.8, leading=11.6, head_size=7.4, head_fill=None, head_box=False,
              zebra=0.94)
    rows = []
    for ds, _ in sched:
        day = [x for x in ch if x.date == D(ds)]
        rows.append(Row({"date": fdate(D(ds), "mdY-dash"), "desc": "OUTPATIENT INFUSION VISIT - ENC "
                         + str(rng.randint(4100000, 4199999))}, bold=True, gap_before=4))
        for x in day:
            rows.append(Row({"date": fdate(x.date, "mdY-dash"), "rev": x.rev, "cpt": x.code or "",
                             "ndc": x.extra["ndc"], "desc": x.desc, "u": str(x.units),
                             "amt": money(x.cents, "plain")}))
        rows.append(Row({"desc": "Visit Subtotal", "amt": money(sum(x.cents for x in day), "plain")},
                        bold=True, rule_above=True))
    total = sum(x.cents for x in ch)
    pays = [("02-14-2025", "AETNA PAYMENT  ICN 2501448820", -502118),
            ("02-14-2025", "AETNA CONTRACTUAL ADJUSTMENT", -301744),
            ("03-20-2025", "AETNA PAYMENT  ICN 2503187702", -114066),
            ("03-20-2025", "AETNA CONTRACTUAL ADJUSTMENT", -71510),
            ("04-11-2025", "AETNA PAYMENT  ICN 2504092215", -502118),
            ("04-11-2025", "AETNA CONTRACTUAL ADJUSTMENT", -301744),
            ("04-18-2025", "AETNA PAYMENT  ICN 2504170031", -98812),
            ("04-18-2025", "AETNA CONTRACTUAL ADJUSTMENT", -62450)]
    rows.append(Row({"desc": "TOTAL CHARGES", "amt": money(total, "plain")}, bold=True, gap_before=8))
    for dd, dsc, a in pays:
        rows.append(Row({"date": dd, "desc": dsc, "amt": money(a, "plain", "cr")}))
    bal = total + sum(p[2] for p in pays)
    rows.append(Row({"desc": "PATIENT BALANCE", "amt": money(bal, "plain")}, bold=True, rule_above=True))

    def page(c, p, n):
        txt(c, 30, 752, "HARBOR HEALTH", "Helvetica-Bold", 16, gray=0.2)
        txt(c, 30, 740, "Infusion Center & Outpatient Pharmacy", "Helvetica", 9)
        lines(c, 582, 754, ["88 Atlantic Ave, Boston MA 02110", "Billing: (617) 555-0177",
                            "Hospital NPI 1720045519"], size=7.5, align="R")
        c.setLineWidth(0.5)
        c.line(30, 730, 582, 730)
        if p == 1:
            txt(c, 30, 714, "DETAILED PATIENT ACCOUNT STATEMENT", "Helvetica-Bold", 10)
            kv(c, 30, 700, [("Patient", "SANTOS, LUCIA F"), ("Patient ID", "HH-77102934"),
                            ("Guarantor", "SANTOS, LUCIA F"), ("Phone", "(617) 555-0109")], size=7.6, lw=52)
            kv(c, 300, 700, [("Account", "48810023711"), ("Service Period", "01-06-2025 to 03-24-2025"),
                             ("Payer", "AETNA OPEN ACCESS  W441187720"), ("Statement Date", "04-25-2025")],
               size=7.6, lw=66)
        else:
            txt(c, 30, 714, "SANTOS, LUCIA F   Account 48810023711   (continued)", "Helvetica", 7.6)
        txt(c, 30, 40, "Drug charges list the National Drug Code (NDC) of the product dispensed. HCPCS units "
            "reflect the billing unit of the HCPCS code.", "Helvetica", 6.6)
        txt(c, 582, 28, f"Page {p} of {n}", "Helvetica", 7, "R")

    b = Bill(name, "hospital outpatient infusion / pharmacy statement", "text", ch,
             "Infusion center statement, four visits (biosimilar infliximab Q5103 x50 units twice, plus a "
             "migraine visit and a hydration visit). NDC numbers print in their own column beside HCPCS and must not be "
             "read as codes or amounts. Visit header and Visit Subtotal lines are not charges; 96375 twice on "
             "02-10-2025. Oral acetaminophen, kits and filter set have only a revenue code. Payments and "
             "adjustments marked CR.")
    path = os.path.join(OUT, name + ".pdf")
    b.pages = render(path, t, rows, 644, 704, 54, page)
    b.files = [name + ".pdf"]
    return b


# --------------------------------------------------------------------------------------
# 12. Durable medical equipment (1 page, text PDF)
# --------------------------------------------------------------------------------------

def bill_dme(rng):
    name = "pinnacle-dme-invoice"
    raw = [
        ("2025-01-06", "204611-3", "E0601", ("RR", "KH"), "CPAP DEVICE - RENTAL MO 1 (RESMED AIRSENSE 11)",
         "01/06-02/05", 1, 16500),
        ("2025-01-06", "204688-1", "E0562", ("RR", "KH"), "HUMIDIFIER, HEATED, USED WITH PAP - RENTAL MO 1",
         "01/06-02/05", 1, 4250),
        ("2025-01-06", "311020-0", "A7030", ("NU",), "FULL FACE MASK (AIRFIT F20 MED)", "", 1, 18500),
        ("2025-01-06", "311107-2", "A7035", ("NU",), "HEADGEAR USED WITH PAP DEVICE", "", 1, 4800),
        ("2025-01-06", "311230-9", "A7037", ("NU",), "TUBING USED WITH PAP DEVICE", "", 1, 4200),
        ("2025-01-06", "311301-4", "A7038", ("NU",), "FILTER, DISPOSABLE, USED WITH PAP DEVICE", "", 2, 650),
        ("2025-01-20", "508833-7", "L1833", ("RT",),
         "KNEE ORTHOSIS, ADJUSTABLE KNEE JOINTS, POSITIONAL, RIGID SUPPORT, PREFABRICATED OFF-THE-SHELF", "",
         1, 89500),
        ("2025-01-20", "402114-5", "E0114", ("NU",), "CRUTCHES UNDERARM, ALUMINUM, ADJ, PAIR W/ TIPS & PADS", "", 1,
         7800),
        ("2025-02-06", "204611-3", "E0601", ("RR", "KI"), "CPAP DEVICE - RENTAL MO 2", "02/06-03/05", 1, 16500),
        ("2025-02-06", "204688-1", "E0562", ("RR", "KI"), "HUMIDIFIER, HEATED - RENTAL MO 2", "02/06-03/05",
         1, 4250),
        ("2025-02-24", "601004-2", "K0001", ("RR", "KH"), "STANDARD WHEELCHAIR - RENTAL MO 1", "02/24-03/23", 1,
         11800),
        ("2025-02-24", "601290-8", "E0978", ("RR", "KH"), "WHEELCHAIR ACCESSORY, POSITIONING BELT/SAFETY BELT",
         "02/24-03/23", 1, 3800),
        ("2025-03-06", "204611-3", "E0601", ("RR", "KI"), "CPAP DEVICE - RENTAL MO 3", "03/06-04/05", 1, 16500),
        ("2025-03-06", "204688-1", "E0562", ("RR", "KI"), "HUMIDIFIER, HEATED - RENTAL MO 3", "03/06-04/05",
         1, 4250),
        ("2025-03-06", "311045-6", "A7031", ("NU",), "FACE MASK INTERFACE, REPLACEMENT FOR FULL FACE MASK", "", 1,
         6200),
        ("2025-03-06", "311301-4", "A7038", ("NU",), "FILTER, DISPOSABLE, USED WITH PAP DEVICE", "", 2, 650),
    ]
    ch = [Ch(D(ds), code, desc, u, unit, mods, None, {"sku": sku, "per": per})
          for ds, sku, code, mods, desc, per, u, unit in raw]
    cols = [
        Col("date", "DOS", 54),
        Col("sku", "Item #", 50),
        Col("cpt", "HCPCS", 38),
        Col("mod", "Mods", 34),
        Col("desc", "Description", 178, wrap=True),
        Col("per", "Billing Period", 60, "C"),
        Col("qty", "Qty", 38, "C"),
        Col("rate", "Unit Price", 50, "R"),
        Col("amt", "Ext. Amount", 56, "R"),
    ]
    t = Table(cols, 24, size=7.5, leading=10, head_size=7.4, head_fill=0.25, head_font="Helvetica-Bold",
              head_box=False, zebra=0.93)
    rows = [Row({"date": fdate(x.date, "iso"), "sku": x.extra["sku"], "cpt": x.code, "mod": " ".join(x.mods),
                 "desc": x.desc, "per": x.extra["per"], "qty": f"QTY {x.units}", "rate": money(x.unit, "dollar"),
                 "amt": money(x.cents, "dollar")}, gap_before=1) for x in ch]
    total = sum(x.cents for x in ch)
    pays = [("2025-02-19", "PAYMENT - AETNA EOB 77120045", -31644),
            ("2025-02-19", "CONTRACTUAL WRITE-OFF - AETNA", -41106),
            ("2025-03-27", "PAYMENT - AETNA EOB 77310982", -29300),
            ("2025-03-27", "CONTRACTUAL WRITE-OFF - AETNA", -24550),
            ("2025-04-02", "PAYMENT - PATIENT VISA ****4471", -10000)]
    rows.append(Row({"desc": "SUBTOTAL - CHARGES", "amt": money(total, "dollar")}, bold=True, rule_above=True,
                    gap_before=4))
    for dd, dsc, a in pays:
        rows.append(Row({"date": dd, "desc": dsc, "amt": money(a, "dollar", "cr")}))
    bal = total + sum(p[2] for p in pays)
    rows.append(Row({"desc": "BALANCE DUE", "amt": money(bal, "dollar")}, bold=True, rule_above=True))

    def page(c, p, n):
        txt(c, 24, 748, "PINNACLE HOME MEDICAL SUPPLY", "Helvetica-Bold", 14)
        txt(c, 24, 736, "Respiratory \u2022 Mobility \u2022 Orthotics    6120 Brookside Pkwy, Columbus OH 43229    "
            "(614) 555-0152", "Helvetica", 7.8)
        txt(c, 588, 748, "INVOICE / STATEMENT", "Helvetica-Bold", 12, "R")
        box(c, 24, 646, 270, 78)
        lines(c, 30, 714, ["SOLD TO / SHIP TO", "WALTER J PRZYBYLSKI", "88 KENWICK RD",
                           "COLUMBUS OH 43209", "PH (614) 555-0161"], size=8)
        box(c, 318, 646, 270, 78)
        kv(c, 324, 714, [("Customer #", "PHM-0033981"), ("Invoice #", "INV-2025-04-11872"),
                         ("Invoice Date", "2025-04-04"), ("Payer", "AETNA MEDICARE ADV PPO"),
                         ("Policy #", "101844912A"), ("Ordering MD", "S. ABERNETHY DO")], size=7.6, lw=68,
           leading=10.6)
        txt(c, 24, 60, "Rental items convert to purchase after 13 continuous months (CPAP) per payer rules. "
            "Returns within 30 days with receipt.", "Helvetica", 6.8)
        txt(c, 24, 50, "Please reference Customer # PHM-0033981 on your payment. Questions (614) 555-0152.",
            "Helvetica", 6.8)
        txt(c, 588, 50, f"Page {p} of {n}", "Helvetica", 7, "R")

    # white header text on dark fill: patch Table.draw_head with a white font colour
    orig = t.draw_head

    def draw_head_white(c, y):
        h = t.head_height()
        c.setFillGray(t.head_fill)
        c.rect(t.x0, y - h, t.x1 - t.x0, h, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont(t.head_font, t.head_size)
        for i, col in enumerate(t.cols):
            for j, ln in enumerate(col.title.split("\n")):
                yy = y - 3 - t.head_size - j * (t.head_size + 2)
                x = t.xs[i]
                if col.align == "R":
                    c.drawRightString(x + col.width - t.pad, yy, ln)
                elif col.align == "C":
                    c.drawCentredString(x + col.width / 2, yy, ln)
                else:
                    c.drawString(x + t.pad, yy, ln)
        c.setFillGray(0)
        return y - h - 2
    t.draw_head = draw_head_white
    del orig

    b = Bill(name, "durable medical equipment supplier invoice", "text", ch,
             "DME invoice. Monthly rentals (E0601, E0562 with RR KH/KI) repeat each month with the same code. "
             "Item # (SKU) column beside HCPCS; a Billing Period column of date ranges; Qty printed as "
             "'QTY 2'; Unit Price beside Ext. Amount (the line total). SUBTOTAL - CHARGES is the total "
             "charges; payments/write-offs marked CR.")
    path = os.path.join(OUT, name + ".pdf")
    b.pages = render(path, t, rows, 636, 636, 70, page)
    b.files = [name + ".pdf"]
    return b


# --------------------------------------------------------------------------------------
# degradation
# --------------------------------------------------------------------------------------

def raster(pdf, dpi, gray):
    doc = fitz.open(pdf)
    out = []
    for pg in doc:
        pix = pg.get_pixmap(dpi=dpi, colorspace=fitz.csGRAY if gray else fitz.csRGB, alpha=False)
        mode = "L" if gray else "RGB"
        out.append(Image.frombytes(mode, (pix.width, pix.height), pix.samples))
    return out


def noise_img(size, sigma, mode="L"):
    n = Image.effect_noise(size, sigma)
    if mode == "RGB":
        n = Image.merge("RGB", [n, n, n])
    return n


def scanify(img, rng):
    ang = rng.uniform(0.5, 1.5) * rng.choice([-1, 1])
    w, h = img.size
    # slightly off-centre placement on the scanner glass
    canvas_ = Image.new("L", (w, h), 250)
    canvas_.paste(img, (rng.randint(-8, 12), rng.randint(-6, 14)))
    img = canvas_.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=250)
    img = img.filter(ImageFilter.GaussianBlur(0.55))
    # toner: slightly lighter blacks, slightly grey paper
    img = img.point(lambda v: int(22 + v * (246 - 22) / 255))
    img = ImageChops.add(img, noise_img(img.size, rng.uniform(5, 8)), 1.0, -128)
    # a few specks and a faint scanner edge shadow
    dr = ImageDraw.Draw(img)
    for _ in range(rng.randint(25, 60)):
        x, y = rng.randint(0, w - 1), rng.randint(0, h - 1)
        r = rng.choice([1, 1, 1, 2])
        dr.ellipse((x, y, x + r, y + r), fill=rng.randint(60, 140))
    edge = rng.randint(6, 14)
    for i in range(edge):
        dr.line((0, i, w, i), fill=int(150 + 100 * i / edge))
    return img, ang


def solve(A, B):
    n = len(B)
    M = [row[:] + [b] for row, b in zip(A, B)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(M[r][i]))
        M[i], M[p] = M[p], M[i]
        for r in range(n):
            if r != i:
                f = M[r][i] / M[i][i]
                for k in range(i, n + 1):
                    M[r][k] -= f * M[i][k]
    return [M[i][n] / M[i][i] for i in range(n)]


def persp_coeffs(dst, src):
    A, B = [], []
    for (x, y), (X, Y) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        B.append(X)
        A.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
        B.append(Y)
    return solve(A, B)


def photoify(img, rng):
    w, h = img.size
    paper = Image.new("RGB", img.size, (rng.randint(240, 250), rng.randint(236, 244), rng.randint(222, 234)))
    img = ImageChops.multiply(img, paper)
    W, H = int(w * 1.14), int(h * 1.11)
    ang = math.radians(rng.uniform(2, 4) * rng.choice([-1, 1]))
    s = 0.93
    k = rng.uniform(0.025, 0.05)     # keystone: top edge further from the camera
    side = rng.uniform(-0.008, 0.008)  # slight left/right tilt
    corners = [(-w / 2 * (1 - k), -h / 2), (w / 2 * (1 - k), -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    corners = [(x * s, y * s * (1 + side * (x / (w / 2)))) for x, y in corners]
    cx, cy = W / 2 + rng.uniform(-0.015, 0.015) * W, H / 2 + rng.uniform(-0.01, 0.01) * H
    dst = [(cx + x * math.cos(ang) - y * math.sin(ang), cy + x * math.sin(ang) + y * math.cos(ang))
           for x, y in corners]
    coeffs = persp_coeffs(dst, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = img.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", (w, h), 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=0)
    base = rng.choice([(96, 74, 52), (70, 72, 78), (128, 112, 92), (40, 44, 50)])
    bg = Image.new("RGB", (W, H), base)
    bg = ImageChops.add(bg, noise_img((W, H), 18, "RGB").filter(ImageFilter.GaussianBlur(2)), 1.0, -128)
    # soft shadow under the paper
    shadow = mask.filter(ImageFilter.GaussianBlur(18)).point(lambda v: int(v * 0.45))
    bg = Image.composite(Image.new("RGB", (W, H), (15, 15, 15)), bg, shadow)
    out = Image.composite(warped, bg, mask)
    # uneven lighting: directional gradient times vignette, computed small then upscaled
    gw, gh = 96, 96
    th = rng.uniform(0, 2 * math.pi)
    lo = rng.uniform(0.62, 0.74)
    ox, oy = rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)
    data = []
    for j in range(gh):
        for i in range(gw):
            u, v = i / (gw - 1) - 0.5, j / (gh - 1) - 0.5
            g = 0.5 + (u * math.cos(th) + v * math.sin(th))
            r = math.hypot(u - ox, v - oy)
            vig = 1 - 0.35 * min(1, r / 0.8) ** 2
            data.append(int(255 * max(0, min(1, (lo + (1 - lo) * g) * vig + 0.08))))
    light = Image.new("L", (gw, gh))
    light.putdata(data)
    light = light.resize((W, H), Image.BICUBIC).filter(ImageFilter.GaussianBlur(20))
    tint = (255, rng.randint(238, 250), rng.randint(215, 235))
    light_rgb = ImageChops.multiply(Image.merge("RGB", [light] * 3), Image.new("RGB", (W, H), tint))
    out = ImageChops.multiply(out, light_rgb)
    out = out.point(lambda v: min(255, int(v * 1.1)))
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    out = ImageChops.add(out, noise_img((W, H), rng.uniform(6, 10), "RGB"), 1.0, -128)
    return out, math.degrees(ang)


# --------------------------------------------------------------------------------------
# labels
# --------------------------------------------------------------------------------------

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_label(b):
    first = b.files[0]
    out = [f"file = {q(first)}"]
    if len(b.files) > 1:
        out.append("pages = [" + ", ".join(q(f) for f in b.files) + "]")
    out.append(f"stated_total = {b.total}")
    out.append(f"note = {q(b.note)}")
    for x in b.charges:
        out.append("")
        out.append("[[charge]]")
        if x.label_date:
            out.append(f"date = {q(x.date.isoformat())}")
        if x.code:
            out.append(f"code = {q(x.code)}")
        if x.mods:
            out.append("modifiers = [" + ", ".join(q(m) for m in x.mods) + "]")
        if x.rev:
            out.append(f"revenue_code = {q(x.rev)}")
        out.append(f"description = {q(x.desc)}")
        out.append(f"units = {x.units}")
        out.append(f"cents = {x.cents}")
    with open(os.path.join(LABELS, b.name + ".toml"), "w") as f:
        f.write("\n".join(out) + "\n")


# --------------------------------------------------------------------------------------

def main():
    os.makedirs(SRC, exist_ok=True)
    os.makedirs(LABELS, exist_ok=True)
    rng = random.Random(20250417)
    bills = []
    for fn in (bill_hospital_inpatient, bill_er, bill_physician, bill_lab, bill_radiology, bill_ambulance,
               bill_anesthesia, bill_asc, bill_pt, bill_urgent, bill_infusion, bill_dme):
        r = fn(random.Random(rng.randint(0, 2 ** 31)))
        if isinstance(r, tuple):
            b, src = r
            drng = random.Random(rng.randint(0, 2 ** 31))
            if b.fmt == "scan-pdf":
                imgs = [scanify(im, drng)[0] for im in raster(src, 200, True)]
                fn_ = b.name + ".pdf"
                imgs[0].save(os.path.join(OUT, fn_), "PDF", save_all=True, append_images=imgs[1:],
                             resolution=200.0, quality=80)
                b.files = [fn_]
            elif b.fmt == "scan-png":
                imgs = [scanify(im, drng)[0] for im in raster(src, 200, True)]
                if len(imgs) == 1:
                    b.files = [b.name + ".png"]
                else:
                    b.files = [f"{b.name}-p{i}.png" for i in range(1, len(imgs) + 1)]
                for im, f in zip(imgs, b.files):
                    im.save(os.path.join(OUT, f), optimize=True)
            elif b.fmt == "photo":
                dpi = drng.choice([150, 170, 185, 200])
                imgs = raster(src, dpi, False)
                if len(imgs) == 1:
                    b.files = [b.name + ".jpg"]
                else:
                    b.files = [f"{b.name}-p{i}.jpg" for i in range(1, len(imgs) + 1)]
                for im, f in zip(imgs, b.files):
                    ph, _ = photoify(im, drng)
                    ph.save(os.path.join(OUT, f), "JPEG", quality=drng.randint(70, 85))
        else:
            b = r
        write_label(b)
        bills.append(b)
        print(f"{b.name:34s} {b.fmt:9s} pages={b.pages} charges={len(b.charges):3d} total={b.total} "
              f"files={b.files}")


if __name__ == "__main__":
    main()
