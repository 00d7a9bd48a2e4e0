#!/usr/bin/python3
"""Third, independent generator of lockbox batches (scanned money orders + deposit slips).

Written from docs FORMATS.md ("Lockbox batch of scanned money orders") and the reference
roster/facilities only.  Pillow only (no numpy).

    /usr/bin/python3 tools/third-scans/draw_batch.py OUT_DIR --items 200 --seed 1
"""
import argparse
import csv
import io
import math
import os
import random
import sys
from statistics import NormalDist

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

DJ = "/usr/share/fonts/truetype/dejavu/"
LB = "/usr/share/fonts/truetype/liberation/"
FF = "/usr/share/fonts/truetype/freefont/"


def _pick_existing(*paths):
    for p in paths:
        if os.path.exists(p):
            return p
    return paths[-1]


FONTS = {
    "sans": DJ + "DejaVuSans.ttf",
    "sansb": DJ + "DejaVuSans-Bold.ttf",
    "sanso": DJ + "DejaVuSans-Oblique.ttf",
    "sansxl": DJ + "DejaVuSans-ExtraLight.ttf",
    "cond": DJ + "DejaVuSansCondensed.ttf",
    "condb": DJ + "DejaVuSansCondensed-Bold.ttf",
    "condo": DJ + "DejaVuSansCondensed-Oblique.ttf",
    "serif": DJ + "DejaVuSerif.ttf",
    "serifb": DJ + "DejaVuSerif-Bold.ttf",
    "serifi": DJ + "DejaVuSerif-Italic.ttf",
    "mono": DJ + "DejaVuSansMono.ttf",
    "monob": DJ + "DejaVuSansMono-Bold.ttf",
    "lsans": _pick_existing(LB + "LiberationSans-Regular.ttf", DJ + "DejaVuSans.ttf"),
    "lsansb": _pick_existing(LB + "LiberationSans-Bold.ttf", DJ + "DejaVuSans-Bold.ttf"),
    "lnarrow": _pick_existing(LB + "LiberationSansNarrow-Regular.ttf", DJ + "DejaVuSansCondensed.ttf"),
    "lnarrowb": _pick_existing(LB + "LiberationSansNarrow-Bold.ttf", DJ + "DejaVuSansCondensed-Bold.ttf"),
    "lserif": _pick_existing(LB + "LiberationSerif-Regular.ttf", DJ + "DejaVuSerif.ttf"),
    "lserifb": _pick_existing(LB + "LiberationSerif-Bold.ttf", DJ + "DejaVuSerif-Bold.ttf"),
    "lmono": _pick_existing(LB + "LiberationMono-Regular.ttf", DJ + "DejaVuSansMono.ttf"),
    "fmono": _pick_existing(FF + "FreeMono.ttf", DJ + "DejaVuSansMono.ttf"),
    "fmonob": _pick_existing(FF + "FreeMonoBold.ttf", DJ + "DejaVuSansMono-Bold.ttf"),
    "fserif": _pick_existing(FF + "FreeSerif.ttf", DJ + "DejaVuSerif.ttf"),
    "fsansb": _pick_existing(FF + "FreeSansBold.ttf", DJ + "DejaVuSans-Bold.ttf"),
    "fsanso": _pick_existing(FF + "FreeSansOblique.ttf", DJ + "DejaVuSans-Oblique.ttf"),
}
_font_cache = {}


def F(name, size):
    key = (name, int(size))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(FONTS[name], int(size))
    return _font_cache[key]


# ----------------------------------------------------------------------------- words
ONES = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
        "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN",
        "NINETEEN"]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def words(n, hyphen=True):
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ((("-" if hyphen else " ") + ONES[o]) if o else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return ONES[h] + " HUNDRED" + ((" " + words(r, hyphen)) if r else "")
    th, r = divmod(n, 1000)
    return words(th, hyphen) + " THOUSAND" + ((" " + words(r, hyphen)) if r else "")


def legal_amount(rng, cents):
    d, c = divmod(cents, 100)
    hy = rng.random() < 0.7
    w = words(d, hy)
    style = rng.choice(["slash", "slash", "slash", "cents", "slashnodollars", "slashfirst"])
    if style == "slash":
        s = f"{w} AND {c:02d}/100 DOLLARS"
    elif style == "cents":
        s = f"{w} DOLLARS AND {c:02d} CENTS"
    elif style == "slashnodollars":
        s = f"{w} DOLLARS AND {c:02d}/100"
    else:
        s = f"{w} AND {c:02d}/100"
    if rng.random() < 0.15:  # mixed case
        s = s.title().replace(" And ", " and ")
    if rng.random() < 0.3:
        s = "***" + s + "***"
    elif rng.random() < 0.2:
        s = "**" + s
    return s


def courtesy_amount(rng, cents, allow_words=True):
    d, c = divmod(cents, 100)
    dstr = f"{d:,}"
    style = rng.choice(["plain", "plain", "stars", "stars", "space", "words" if allow_words else "plain"])
    if style == "plain":
        return f"${dstr}.{c:02d}"
    if style == "stars":
        n = rng.choice([3, 3, 4, 5])
        return "$" + "*" * n + f"{dstr}.{c:02d}"
    if style == "space":
        return f"$ {dstr}.{c:02d}"
    return f"{d} DOLLARS {c:02d} CENTS"


# ----------------------------------------------------------------------------- people
FIRST = ["JAMES", "MARY", "ROBERT", "PATRICIA", "LINDA", "MICHAEL", "BARBARA", "DEBORAH", "ANGELA",
         "TERESA", "GLORIA", "ROSA", "DARNELL", "LATOYA", "YOLANDA", "CARMEN", "WANDA", "HECTOR",
         "BRENDA", "SHIRLEY", "DENISE", "TAMIKA", "ESPERANZA", "VERONICA", "MARCUS", "CURTIS",
         "LORETTA", "EARL", "BEATRICE", "RAMONA", "TRACY", "KIMBERLY", "DOLORES", "WILLIE",
         "FRANCES", "GUADALUPE", "ANTOINETTE", "REGINALD", "CHARLOTTE", "IRMA"]
LAST = ["JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ",
        "HERNANDEZ", "WASHINGTON", "JEFFERSON", "OKAFOR", "NGUYEN", "KOWALSKI", "FITZGERALD",
        "BECKETT", "ALVARADO", "PRICE", "COLEMAN", "HAYES", "BRYANT", "GUTIERREZ", "PATTERSON",
        "RIVERA", "SIMMONS", "FOSTER", "GRAHAM", "WALLACE", "MCKINNEY", "DOMINGUEZ", "HOLLOWAY",
        "BATTLE", "CRUZ", "PEARSON", "STOKES", "VANCE", "ORTIZ", "BELL", "WHITFIELD"]
STREETS = ["MAPLE", "OAK", "CEDAR", "ELM", "PINE", "WASHINGTON", "LINCOLN", "MARTIN LUTHER KING",
           "PEACHTREE", "MAIN", "CHURCH", "HIGHLAND", "RIVERSIDE", "LAKEVIEW", "SUNSET", "WALNUT",
           "HICKORY", "MAGNOLIA", "FRANKLIN", "JACKSON", "MILL", "COUNTY ROAD 12", "SPRING"]
STYPES = ["ST", "AVE", "RD", "DR", "BLVD", "LN", "CT", "WAY", "PL"]
CITIES = [("ATLANTA", "GA", "303"), ("BIRMINGHAM", "AL", "352"), ("TUSCALOOSA", "AL", "354"),
          ("PITTSBURGH", "PA", "152"), ("ALTOONA", "PA", "166"), ("CHICAGO", "IL", "606"),
          ("JOLIET", "IL", "604"), ("OAKLAND", "CA", "946"), ("FRESNO", "CA", "937"),
          ("MACON", "GA", "312"), ("GARY", "IN", "464"), ("MEMPHIS", "TN", "381"),
          ("HOUSTON", "TX", "770"), ("DETROIT", "MI", "482"), ("COLUMBUS", "OH", "432"),
          ("JACKSON", "MS", "392"), ("SAVANNAH", "GA", "314"), ("STOCKTON", "CA", "952"),
          ("ROCKFORD", "IL", "611"), ("ERIE", "PA", "165"), ("MOBILE", "AL", "366"),
          ("LOUISVILLE", "KY", "402"), ("NEWARK", "NJ", "071"), ("PHOENIX", "AZ", "850")]


def sender(rng):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if rng.random() < 0.15:
        name = f"{rng.choice(FIRST)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(LAST)}"
    st = f"{rng.randint(12, 9899)} {rng.choice(STREETS)} {rng.choice(STYPES)}"
    if rng.random() < 0.15:
        st += rng.choice([" APT 4B", " APT 12", " UNIT 3", " #207"])
    city, state, z = rng.choice(CITIES)
    csz = f"{city}, {state} {z}{rng.randint(0, 99):02d}"
    phone = f"({rng.randint(205, 989)}) {rng.randint(201, 989)}-{rng.randint(0, 9999):04d}"
    return name, st, csz, phone


def load_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


# ----------------------------------------------------------------------------- drawing helpers
class Canvas:
    def __init__(self, w, h, paper=255):
        self.img = Image.new("L", (w, h), paper)
        self.d = ImageDraw.Draw(self.img)
        self.boxes = {}
        self.var = {}

    def text(self, xy, s, font, fill=0, tag=None, anchor="la"):
        self.d.text(xy, s, font=font, fill=fill, anchor=anchor)
        bb = self.d.textbbox(xy, s, font=font, anchor=anchor)
        if tag:
            if tag in self.boxes:
                a = self.boxes[tag]
                bb = (min(a[0], bb[0]), min(a[1], bb[1]), max(a[2], bb[2]), max(a[3], bb[3]))
            self.boxes[tag] = bb
        return bb

    def tw(self, s, font):
        b = self.d.textbbox((0, 0), s, font=font)
        return b[2] - b[0]

    def fit(self, s, name, size, maxw):
        while size > 14 and self.tw(s, F(name, size)) > maxw:
            size -= 1
        return F(name, size)

    def rect(self, box, w=2, fill=0):
        self.d.rectangle(box, outline=fill, width=w)

    def line(self, a, b, w=2, fill=0):
        self.d.line([a, b], fill=fill, width=w)


def guilloche(c, rng, box, shade=215, n=None):
    x0, y0, x1, y1 = box
    n = n or rng.randint(6, 14)
    for k in range(n):
        amp = rng.uniform(8, 60)
        per = rng.uniform(60, 260)
        ph = rng.uniform(0, 6.3)
        yc = rng.uniform(y0, y1)
        pts = [(x, yc + amp * math.sin(x / per * 6.283 + ph) + amp * 0.4 * math.sin(x / per * 17.0))
               for x in range(x0, x1, 6)]
        c.d.line(pts, fill=shade + rng.randint(-8, 12), width=rng.choice([1, 2]))


def tint(c, rng, box, shade):
    c.d.rectangle(box, fill=shade)


def watermark(c, rng, text, shade=232):
    w, h = c.img.size
    layer = Image.new("L", (w, h), 0)
    ld = ImageDraw.Draw(layer)
    f = F(rng.choice(["sansb", "serifb"]), rng.randint(70, 130))
    y = rng.randint(-20, 60)
    while y < h:
        ld.text((rng.randint(-200, 0), y), (text + "   ") * 6, font=f, fill=255)
        y += rng.randint(160, 240)
    layer = layer.rotate(rng.uniform(-20, 20), fillcolor=0)
    solid = Image.new("L", (w, h), shade)
    c.img.paste(ImageChops.darker(c.img, solid), (0, 0), layer)


def dotmatrix(c, xy, s, size, fill=0, tag=None):
    """Imitate a dot-matrix printer: render mono bold text then keep only a dot lattice."""
    f = F("monob", size)
    bb = c.d.textbbox(xy, s, font=f)
    w, h = bb[2] - bb[0] + 8, bb[3] - bb[1] + 8
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).text((xy[0] - bb[0] + 4, xy[1] - bb[1] + 4), s, font=f, fill=255)
    mask = mask.filter(ImageFilter.MaxFilter(3))
    dots = Image.new("L", (w, h), 0)
    dd = ImageDraw.Draw(dots)
    for y in range(0, h, 3):
        for x in range((y // 3) % 2, w, 3):
            dd.ellipse((x - 1, y - 1, x + 1, y + 1), fill=255)
    m = ImageChops.multiply(mask, dots)
    c.img.paste(fill, (bb[0] - 4, bb[1] - 4, bb[0] - 4 + w, bb[1] - 4 + h), m)
    if tag:
        c.boxes[tag] = bb
        c.var[tag] = "dotmatrix"
    return bb


def signature(c, rng, x, y, w, fill=40):
    pts = []
    cx = x
    base = y
    while cx < x + w:
        pts.append((cx, base + rng.uniform(-28, 10)))
        cx += rng.uniform(10, 30)
    c.d.line(pts, fill=fill, width=rng.choice([2, 3]), joint="curve")
    loops = rng.randint(1, 3)
    for _ in range(loops):
        lx = rng.uniform(x, x + w * 0.7)
        c.d.ellipse((lx, base - 45, lx + rng.uniform(25, 60), base + 5), outline=fill, width=2)


def micr(c, rng, y, routing, serial, x=None, size=None):
    """MICR-like line: FreeMono digits (bold-ish) and transit/on-us symbols."""
    f = F("fmono", size or rng.randint(36, 44))
    parts = [f"\u2446{routing}\u2446", f"{serial}\u2448", f"{rng.randint(1, 9999):04d}"]
    if rng.random() < 0.5:
        parts = [f"\u2448{serial}\u2448", f"\u2446{routing}\u2446", f"{rng.randint(10, 99)}"]
    s = "  ".join(parts)
    x = x if x is not None else rng.randint(140, 400)
    ink = rng.randint(0, 40)
    c.d.text((x, y), s, font=f, fill=ink, stroke_width=rng.choice([1, 2]), stroke_fill=ink)


def x_mark(c, rng, box):
    x0, y0, x1, y1 = box
    m = 5
    if rng.random() < 0.6:  # hand-drawn X
        w = rng.choice([3, 4, 5])
        c.d.line([(x0 + m + rng.randint(-3, 3), y0 + m), (x1 - m, y1 - m + rng.randint(-3, 3))], fill=20, width=w)
        c.d.line([(x1 - m + rng.randint(-3, 3), y0 + m), (x0 + m, y1 - m)], fill=20, width=w)
    else:
        f = F("sansb", int((y1 - y0) * 0.9))
        c.text(((x0 + x1) / 2, (y0 + y1) / 2), "X", f, fill=0, anchor="mm")


# ----------------------------------------------------------------------------- money order layouts
def labels(rng, allow=("SERIAL NUMBER", "SERIAL NO.", "NO.")):
    return {
        "serial": rng.choice(allow),
        "pay": rng.choice(["PAY TO", "PAY TO THE ORDER OF"]),
        "from": rng.choice(["FROM", "PURCHASER", "SENDER"]),
        "addr_label": rng.random() < 0.55,
    }


def value_font(rng):
    return rng.choice(["sanso", "condo", "fsanso", "lmono", "mono", "serifi", "lsans"])


def layout_usps(it, rng):
    W, H = 2250 + rng.randint(-30, 30), 1050 + rng.randint(-20, 20)
    c = Canvas(W, H, paper=rng.randint(240, 252))
    dx, dy = rng.randint(-25, 25), rng.randint(-20, 20)
    tint(c, rng, (0, 0, W, H), rng.randint(236, 246))
    guilloche(c, rng, (0, 180, W, H - 160), shade=rng.randint(212, 226))
    if rng.random() < 0.5:
        watermark(c, rng, "USPS", shade=rng.randint(222, 232))
    L = labels(rng)
    c.text((70 + dx, 40 + dy), "UNITED STATES POSTAL SERVICE", F("sansb", rng.randint(40, 48)))
    c.text((70 + dx, 100 + dy), "POSTAL MONEY ORDER", F(rng.choice(["serifb", "lserifb"]), rng.randint(56, 66)))
    # serial top right
    sx = W - 760 + dx
    c.text((sx, 38 + dy), L["serial"], F("sans", 26), fill=50)
    c.text((sx, 72 + dy), it["serial"], F(rng.choice(["mono", "lmono", "monob"]), rng.randint(46, 54)), tag="serial")
    # date boxes
    by = 220 + dy
    bx = 70 + dx
    y, m, d = it["mo_date"]
    for lab, val, w in (("YEAR", y, 150), ("MONTH", m, 120), ("DAY", d, 100)):
        c.rect((bx, by, bx + w, by + 90), 2, 60)
        c.text((bx + 8, by + 4), lab, F("sans", 20), fill=60)
        c.text((bx + 12, by + 38), val, F("mono", 38))
        bx += w + 10
    c.rect((bx, by, bx + 230, by + 90), 2, 60)
    c.text((bx + 8, by + 4), "POST OFFICE", F("sans", 20), fill=60)
    c.text((bx + 12, by + 38), f"{rng.randint(100000, 999999)}-{rng.randint(10, 99)}", F("mono", 36))
    # courtesy amount box
    ax = W - 760 + dx + rng.randint(-30, 30)
    cap = rng.choice(["DOLLARS AND CENTS", "AMOUNT", None])
    c.rect((ax, by, ax + 640, by + 110), 3, 30)
    if cap:
        c.text((ax + 10, by + 4), cap, F("sans", 20), fill=60)
    cf = F(rng.choice(["monob", "sansb", "lmono"]), rng.randint(50, 58))
    cf = c.fit(it["courtesy_text"], _fname(cf), cf.size, 600)
    c.text((ax + 20, by + 42), it["courtesy_text"], cf, tag="courtesy")
    # legal amount line
    ly = 380 + dy + rng.randint(-10, 10)
    lf = c.fit(it["legal_text"], rng.choice(["monob", "condb", "sansb"]), rng.randint(36, 42), W - 200)
    c.text((80 + dx, ly), it["legal_text"], lf, tag="legal")
    c.line((70, ly + 58), (W - 80, ly + 58), 2, 90)
    c.text((W - 430, ly + 66), "NOT VALID OVER $1,000", F("sansb", 24), fill=40)
    # pay to / from
    vf = F(value_font(rng), rng.randint(36, 44))
    py = 520 + dy
    c.text((80 + dx, py), L["pay"], F("sansb", 26))
    lw = c.tw(L["pay"], F("sansb", 26))
    c.text((100 + dx + lw, py - 14), it["pay_to"], vf, tag="pay_to")
    c.line((100 + lw + dx, py + 34), (1250, py + 34), 2, 80)
    fy = py + 90
    c.text((80 + dx, fy), L["from"], F("sansb", 26))
    lw2 = c.tw(L["from"], F("sansb", 26))
    c.text((100 + dx + lw2, fy - 14), it["purchaser_name"], vf, tag="purchaser")
    c.line((100 + lw2 + dx, fy + 34), (1250, fy + 34), 2, 80)
    ay = fy + 80
    if L["addr_label"]:
        c.text((80 + dx, ay), "ADDRESS", F("sansb", 26))
        off = c.tw("ADDRESS", F("sansb", 26)) + 20
    else:
        off = lw2 + 20
    c.text((80 + dx + off, ay - 14), it["purchaser_address"][0], vf, tag="paddr")
    c.text((80 + dx + off, ay + 40), it["purchaser_address"][1], vf, tag="paddr")
    c.line((100 + dx + off - 20, ay + 92), (1250, ay + 92), 2, 80)
    # signature area
    c.line((1400, fy + 90), (W - 100, fy + 90), 2, 60)
    c.text((1400, fy + 100), "PURCHASER SIGNATURE", F("sans", 18), fill=60)
    if rng.random() < 0.8:
        signature(c, rng, 1450, fy + 70, rng.randint(300, 550))
    c.text((1400, py), "CLERK", F("sans", 18), fill=60)
    c.text((1480, py - 6), f"{rng.randint(10, 99)}", F("mono", 30), fill=40)
    micr(c, rng, H - 90, "000008" + str(rng.randint(100, 999)), it["serial"])
    return c


def _fname(font):
    p = font.path
    for k, v in FONTS.items():
        if v == p:
            return k
    return "sans"


def layout_mgram(it, rng):
    W, H = 2200 + rng.randint(-40, 40), 1000 + rng.randint(-30, 30)
    c = Canvas(W, H, paper=rng.randint(242, 254))
    dx, dy = rng.randint(-25, 25), rng.randint(-20, 20)
    guilloche(c, rng, (0, 0, W, H), shade=rng.randint(214, 228), n=rng.randint(10, 20))
    L = labels(rng)
    # outlined logo
    lf = F(rng.choice(["sansb", "lsansb", "fsansb"]), rng.randint(80, 96))
    if rng.random() < 0.5:
        c.d.text((60 + dx, 30 + dy), "MoneyGram", font=lf, fill=255, stroke_width=3, stroke_fill=0)
    else:
        c.d.text((60 + dx, 30 + dy), "MoneyGram", font=lf, fill=30)
    c.text((70 + dx, 140 + dy), rng.choice(["MONEY ORDER", "INTERNATIONAL MONEY ORDER", "MONEY ORDER  \u2022  GIRO POSTAL"]),
           F("condb", 34))
    c.text((70 + dx, 185 + dy), f"AGENT {rng.randint(10000000, 99999999)}   ISSUER: MONEYGRAM PAYMENT SYSTEMS, INC.",
           F("cond", 20), fill=70)
    # serial + date top right, two rows
    rx = W - 720 + dx
    c.text((rx, 40 + dy), L["serial"], F("condb", 24), fill=40)
    c.text((rx + c.tw(L["serial"], F("condb", 24)) + 16, 30 + dy), it["serial"], F(rng.choice(["monob", "mono"]), 46), tag="serial")
    y, m, d = it["mo_date"]
    c.text((rx, 104 + dy), "DATE", F("condb", 24), fill=40)
    c.text((rx + 90, 98 + dy), f"{m}/{d}/{y}", F("mono", 36))
    # amount: dot matrix or normal, with caption
    ax, ay = rx - rng.randint(0, 80), 190 + dy
    cap = rng.choice(["AMOUNT", "DOLLARS AND CENTS", None])
    if cap:
        c.text((ax, ay), cap, F("condb", 22), fill=50)
    if rng.random() < 0.5:
        dotmatrix(c, (ax, ay + 34), it["courtesy_text"], rng.randint(52, 58), tag="courtesy")
    else:
        c.text((ax, ay + 30), it["courtesy_text"], F("monob", rng.randint(50, 56)), tag="courtesy")
    # legal amount
    ly = 330 + dy
    if rng.random() < 0.4:
        c.text((70 + dx, ly - 28), "AMOUNT IN WORDS", F("cond", 18), fill=80)
    lfn = rng.choice(["mono", "monob", "lmono"])
    if rng.random() < 0.35:
        bb = dotmatrix(c, (70 + dx, ly), it["legal_text"], 36, tag="legal")
    else:
        lf = c.fit(it["legal_text"], lfn, rng.randint(34, 40), W - 160)
        c.text((70 + dx, ly), it["legal_text"], lf, tag="legal")
    c.text((W - 420 + dx, ly + 70), "NOT VALID OVER $1,000.00", F("condb", 22), fill=50)
    # labels above values with a gap, values on lines
    vf = F(value_font(rng), rng.randint(36, 42))
    gap = rng.randint(40, 90)
    py = 470 + dy
    c.text((70 + dx, py), L["pay"], F("condb", 24), fill=30)
    c.text((90 + dx, py + gap), it["pay_to"], vf, tag="pay_to")
    c.line((70, py + gap + 52), (1300, py + gap + 52), 2, 70)
    fy = py + gap + 80
    c.text((70 + dx, fy), L["from"], F("condb", 24), fill=30)
    c.text((90 + dx, fy + 34), it["purchaser_name"], vf, tag="purchaser")
    c.line((70, fy + 86), (1300, fy + 86), 2, 70)
    if L["addr_label"]:
        c.text((70 + dx, fy + 100), "ADDRESS", F("condb", 24), fill=30)
        aoff = 40
    else:
        aoff = 0
    c.text((90 + dx, fy + 100 + aoff), it["purchaser_address"][0] + ", " + it["purchaser_address"][1], vf, tag="paddr")
    c.line((70, fy + 152 + aoff), (1500, fy + 152 + aoff), 2, 70)
    c.line((1450, fy + 60), (W - 80, fy + 60), 2, 60)
    c.text((1450, fy + 68), "SIGNATURE OF PURCHASER / FIRMA", F("cond", 18), fill=70)
    if rng.random() < 0.75:
        signature(c, rng, 1480, fy + 40, rng.randint(300, 500))
    micr(c, rng, H - 80, str(rng.randint(100000000, 999999999)), it["serial"])
    return c


def layout_wu(it, rng):
    W, H = 2300 + rng.randint(-40, 40), 1050 + rng.randint(-30, 30)
    c = Canvas(W, H, paper=rng.randint(244, 255))
    dx, dy = rng.randint(-20, 20), rng.randint(-15, 15)
    L = labels(rng, ("SERIAL NO.", "SERIAL NUMBER", "NO."))
    # black banner with reversed title
    bh = rng.randint(110, 140)
    c.d.rectangle((0, 0, W, bh), fill=rng.randint(10, 50))
    c.text((60 + dx, bh // 2), "WESTERN UNION", F(rng.choice(["sansb", "lsansb"]), rng.randint(64, 76)), fill=255, anchor="lm")
    c.text((W - 60, bh // 2), "MONEY ORDER", F("sansb", 44), fill=235, anchor="rm")
    tint(c, rng, (0, bh, W, H), rng.randint(238, 248))
    guilloche(c, rng, (0, bh, W, H), shade=rng.randint(214, 228))
    # two columns
    col = W // 2 + rng.randint(-60, 60)
    c.line((col - 30, bh + 20), (col - 30, H - 140), 2, 120)
    # left column: serial, date, pay to / purchaser
    lx = 60 + dx
    y0 = bh + 30 + dy
    c.text((lx, y0), L["serial"], F("sans", 22), fill=50)
    c.text((lx, y0 + 30), it["serial"], F(rng.choice(["monob", "lmono", "mono"]), 48), tag="serial")
    y, m, d = it["mo_date"]
    c.text((lx + 560, y0), "DATE", F("sans", 22), fill=50)
    c.text((lx + 560, y0 + 34), rng.choice([f"{m}/{d}/{y}", f"{y}-{m}-{d}"]), F("mono", 36))
    vf = F(value_font(rng), rng.randint(34, 40))
    py = y0 + 130
    c.text((lx, py), L["pay"], F("sansb", 22))
    c.text((lx, py + 34), it["pay_to"], c.fit(it["pay_to"], _fname(vf), vf.size, col - lx - 60), tag="pay_to")
    c.line((lx, py + 82), (col - 60, py + 82), 2, 90)
    fy = py + 110
    c.text((lx, fy), L["from"], F("sansb", 22))
    c.text((lx, fy + 34), it["purchaser_name"], vf, tag="purchaser")
    c.line((lx, fy + 82), (col - 60, fy + 82), 2, 90)
    ay = fy + 100
    if L["addr_label"]:
        c.text((lx, ay), "ADDRESS", F("sansb", 22))
        ay += 30
    c.text((lx, ay), it["purchaser_address"][0], c.fit(it["purchaser_address"][0], _fname(vf), vf.size, col - lx - 60), tag="paddr")
    c.text((lx, ay + 46), it["purchaser_address"][1], c.fit(it["purchaser_address"][1], _fname(vf), vf.size, col - lx - 60), tag="paddr")
    # right column: amount block
    rx = col + 10
    cap = rng.choice(["AMOUNT", "DOLLARS AND CENTS", "PAY EXACTLY"])
    c.text((rx, y0), cap, F("sans", 22), fill=50)
    box = (rx, y0 + 30, rx + rng.randint(560, 700), y0 + 130)
    c.rect(box, 3, 20)
    cf = c.fit(it["courtesy_text"], rng.choice(["monob", "sansb", "lsansb"]), rng.randint(52, 60), box[2] - box[0] - 30)
    c.text((rx + 18, y0 + 80), it["courtesy_text"], cf, tag="courtesy", anchor="lm")
    ly = y0 + 180
    lf = c.fit(it["legal_text"], rng.choice(["condb", "lnarrowb", "monob"]), rng.randint(32, 38), W - rx - 60)
    # legal may wrap on two lines when long
    txt = it["legal_text"]
    if c.tw(txt, lf) > W - rx - 60 or lf.size < 28:
        cut = txt.rfind(" ", 0, len(txt) // 2 + 6)
        lf = F(_fname(lf), 34)
        c.text((rx, ly), txt[:cut], lf, tag="legal")
        c.text((rx, ly + 46), txt[cut + 1:], lf, tag="legal")
    else:
        c.text((rx, ly), txt, lf, tag="legal")
    c.text((rx, ly + 120), "NOT VALID OVER $1,000", F("sansb", 22), fill=40)
    c.line((rx, H - 200), (W - 80, H - 200), 2, 70)
    c.text((rx, H - 190), "PURCHASER'S SIGNATURE", F("sans", 18), fill=70)
    if rng.random() < 0.8:
        signature(c, rng, rx + 60, H - 215, rng.randint(300, 500))
    micr(c, rng, H - 90, str(rng.randint(100000000, 999999999)), it["serial"])
    return c


def layout_cu_stub(it, rng):
    """Credit-union money order with a check stub on the left, perforation, values in boxes."""
    stub = rng.randint(520, 640)
    W, H = 2250 + stub, 1050 + rng.randint(-20, 30)
    c = Canvas(W, H, paper=rng.randint(246, 255))
    dx, dy = rng.randint(-15, 15), rng.randint(-15, 15)
    L = labels(rng, ("SERIAL NUMBER", "SERIAL NO."))
    name = rng.choice(["CASCADE FEDERAL CREDIT UNION", "TRI-RIVERS COMMUNITY CREDIT UNION", "KEYSTONE TEACHERS CREDIT UNION"])
    tint(c, rng, (stub, 0, W, H), rng.randint(232, 244))
    if rng.random() < 0.6:
        watermark(c, rng, name.split()[0], shade=rng.randint(218, 228))
    # perforation
    for yy in range(0, H, 14):
        c.d.ellipse((stub - 3, yy, stub + 3, yy + 6), fill=160)
    # stub (purchaser's receipt; repeats serial and amount, small)
    sf = F("cond", 22)
    c.text((30, 40), "PURCHASER'S RECEIPT", F("condb", 24))
    c.text((30, 90), "NOT NEGOTIABLE", F("cond", 20), fill=80)
    c.text((30, 150), L["serial"] + " " + it["serial"], sf)
    c.text((30, 190), "PAYEE __________", sf, fill=80)
    c.text((30, 230), "KEEP THIS RECORD", sf, fill=80)
    # rotated margin text on the stub
    vt = Image.new("L", (H - 80, 50), 0)
    ImageDraw.Draw(vt).text((0, 5), "MONEY ORDER  \u2022  RETAIN FOR YOUR RECORDS  \u2022  " + name, font=F("cond", 24), fill=255)
    vt = vt.rotate(90, expand=True)
    c.img.paste(110, (stub - 70, 40), vt)
    # main body
    bx = stub + 60 + dx
    c.text((bx, 30 + dy), name, F(rng.choice(["serifb", "lserifb"]), rng.randint(46, 54)))
    c.text((bx, 100 + dy), rng.choice(["PERSONAL MONEY ORDER", "MONEY ORDER", "OFFICIAL MONEY ORDER"]), F("sansb", 30), fill=30)
    c.text((bx, 145 + dy), f"ROUTING {it['routing'][:4]}-{it['routing'][4:]}   BRANCH {rng.randint(1, 60):03d}", F("sans", 20), fill=70)
    rx = W - 780 + dx
    c.text((rx, 30 + dy), L["serial"], F("sans", 22), fill=50)
    c.text((rx, 60 + dy), it["serial"], F(rng.choice(["monob", "mono"]), 50), tag="serial")
    # labels above boxes, values inside boxes
    lab = F("sans", 20)
    vf = F(value_font(rng), rng.randint(34, 40))
    y, m, d = it["mo_date"]
    by = 210 + dy
    c.text((bx, by), "DATE", lab, fill=50)
    c.rect((bx, by + 28, bx + 330, by + 100), 2, 60)
    c.text((bx + 14, by + 44), rng.choice([f"{m}/{d}/{y}", f"{y} {m} {d}"]), F("mono", 34))
    c.text((rx, by), rng.choice(["AMOUNT", "DOLLARS AND CENTS"]), lab, fill=50)
    c.rect((rx, by + 28, W - 60, by + 120), 3, 30)
    cf = c.fit(it["courtesy_text"], rng.choice(["monob", "lsansb", "sansb"]), rng.randint(50, 58), W - 60 - rx - 30)
    c.text((rx + 16, by + 74), it["courtesy_text"], cf, tag="courtesy", anchor="lm")
    ly = by + 160
    c.text((bx, ly), "THE SUM OF", lab, fill=50)
    c.rect((bx, ly + 28, W - 60, ly + 96), 2, 80)
    lf = c.fit(it["legal_text"], rng.choice(["condb", "monob", "lnarrowb"]), rng.randint(32, 38), W - 60 - bx - 30)
    c.text((bx + 14, ly + 62), it["legal_text"], lf, tag="legal", anchor="lm")
    py = ly + 130
    c.text((bx, py), L["pay"], lab, fill=50)
    c.rect((bx, py + 28, bx + 1000, py + 96), 2, 80)
    c.text((bx + 14, py + 62), it["pay_to"], c.fit(it["pay_to"], _fname(vf), vf.size, 970), tag="pay_to", anchor="lm")
    fx = bx + 1040
    c.text((fx, py), L["from"], lab, fill=50)
    c.rect((fx, py + 28, W - 60, py + 96), 2, 80)
    c.text((fx + 14, py + 62), it["purchaser_name"], c.fit(it["purchaser_name"], _fname(vf), vf.size, W - 60 - fx - 30), tag="purchaser", anchor="lm")
    ay = py + 130
    c.text((bx, ay), "ADDRESS" if L["addr_label"] else "STREET, CITY, STATE ZIP", lab, fill=50)
    c.rect((bx, ay + 28, W - 60, ay + 96), 2, 80)
    a = it["purchaser_address"][0] + ", " + it["purchaser_address"][1]
    c.text((bx + 14, ay + 62), a, c.fit(a, _fname(vf), vf.size, W - 60 - bx - 30), tag="paddr", anchor="lm")
    c.text((bx, ay + 120), "NOT VALID OVER $1,000.00  \u2022  AUTHORIZED SIGNATURE", F("sans", 18), fill=70)
    if rng.random() < 0.7:
        signature(c, rng, W - 700, ay + 140, 400)
    micr(c, rng, H - 75, it["routing"], it["serial"], x=stub + 200)
    return c


def layout_grocery(it, rng):
    """Retail issuer: light/thin print, 'N DOLLARS NN CENTS' courtesy, SENDER label, rotated margin text."""
    W, H = 2150 + rng.randint(-40, 40), 980 + rng.randint(-30, 30)
    c = Canvas(W, H, paper=rng.randint(244, 255))
    dx, dy = rng.randint(-20, 20), rng.randint(-15, 15)
    store = rng.choice(["HARVEST FRESH MARKETS", "BIG JOHN'S FOOD CITY", "QUIK-STOP FOOD MART"])
    L = labels(rng, ("NO.", "SERIAL NO."))
    if rng.random() < 0.4:
        L["from"] = "SENDER"
    ink = rng.randint(60, 100)  # light gray print
    thin = rng.choice(["sansxl", "lnarrow", "cond"])
    # tiled tint pattern
    for yy in range(0, H, 24):
        for xx in range((yy // 24) % 2 * 12, W, 24):
            c.d.point((xx + 130, yy), fill=200)
    vt = Image.new("L", (H, 44), 0)
    ImageDraw.Draw(vt).text((20, 4), "MONEY ORDER \u2022 NEGOTIABLE \u2022 " + store, font=F("cond", 26), fill=255)
    vt = vt.rotate(90, expand=True)
    c.img.paste(ink, (30, 0), vt)
    bx = 120 + dx
    # logo: large thin title
    c.text((bx, 30 + dy), store, F(rng.choice(["sansxl", "lnarrowb", "condb"]), rng.randint(60, 72)), fill=ink - 30)
    c.text((bx, 115 + dy), "MONEY ORDER", F(thin, 34), fill=ink)
    c.text((W - 720 + dx, 40 + dy), L["serial"], F(thin, 26), fill=ink)
    c.text((W - 720 + dx + c.tw(L["serial"], F(thin, 26)) + 14, 32 + dy), it["serial"], F("mono", 44), fill=ink - 40, tag="serial")
    y, m, d = it["mo_date"]
    c.text((W - 720 + dx, 100 + dy), f"DATE  {m}-{d}-{y}    STORE #{rng.randint(100, 9999)}", F(thin, 26), fill=ink)
    ay = 210 + dy
    cap = rng.choice(["AMOUNT", None, "DOLLARS AND CENTS"])
    if cap:
        c.text((W - 900 + dx, ay), cap, F(thin, 22), fill=ink)
    if rng.random() < 0.6:
        dotmatrix(c, (W - 900 + dx, ay + 32), it["courtesy_text"], rng.randint(46, 52), fill=20, tag="courtesy")
    else:
        c.text((W - 900 + dx, ay + 28), it["courtesy_text"], F("lmono", rng.randint(46, 52)), fill=20, tag="courtesy")
    ly = ay + 130
    if rng.random() < 0.5:
        dotmatrix(c, (bx, ly), it["legal_text"], 34, fill=20, tag="legal")
    else:
        lf = c.fit(it["legal_text"], rng.choice(["lmono", "mono"]), 36, W - bx - 80)
        c.text((bx, ly), it["legal_text"], lf, fill=20, tag="legal")
    py = ly + 110
    vf = F(value_font(rng), rng.randint(34, 40))
    c.text((bx, py), L["pay"] + ":", F(thin, 26), fill=ink)
    c.text((bx + c.tw(L["pay"] + ":", F(thin, 26)) + 24, py - 10), it["pay_to"], vf, tag="pay_to")
    c.line((bx, py + 38), (bx + 1300, py + 38), 1, ink + 40)
    fy = py + 80
    c.text((bx, fy), L["from"] + ":", F(thin, 26), fill=ink)
    fo = c.tw(L["from"] + ":", F(thin, 26)) + 24
    c.text((bx + fo, fy - 10), it["purchaser_name"], vf, tag="purchaser")
    c.line((bx, fy + 38), (bx + 1300, fy + 38), 1, ink + 40)
    ay2 = fy + 70
    if L["addr_label"]:
        c.text((bx, ay2), "ADDRESS:", F(thin, 26), fill=ink)
        fo = c.tw("ADDRESS:", F(thin, 26)) + 24
    c.text((bx + fo, ay2 - 10), it["purchaser_address"][0], vf, tag="paddr")
    c.text((bx + fo, ay2 + 36), it["purchaser_address"][1], vf, tag="paddr")
    c.text((W - 560, fy), "NOT VALID OVER $1,000", F(thin, 24), fill=ink)
    c.line((W - 620, ay2 + 70), (W - 80, ay2 + 70), 1, ink)
    c.text((W - 620, ay2 + 78), "SIGNATURE", F(thin, 18), fill=ink)
    micr(c, rng, H - 70, str(rng.randint(100000000, 999999999)), it["serial"], x=bx + 100)
    return c


def layout_bank(it, rng):
    """Bank money order: serif, check-like, mixed-case captions, date line, $ box right."""
    W, H = 2200 + rng.randint(-30, 30), 1000 + rng.randint(-20, 20)
    c = Canvas(W, H, paper=rng.randint(246, 255))
    dx, dy = rng.randint(-25, 25), rng.randint(-20, 20)
    bank = rng.choice(["OZARK MOUNTAIN BANK", "FIRST MERCHANTS & FARMERS BANK", "GULF COAST NATIONAL BANK"])
    L = labels(rng)
    tint(c, rng, (0, 0, W, H), rng.randint(230, 245))
    guilloche(c, rng, (0, 0, W, H), shade=rng.randint(205, 222), n=rng.randint(14, 24))
    c.d.rectangle((20, 20, W - 20, H - 20), outline=90, width=3)
    sf = rng.choice(["serifb", "lserifb"])
    c.text((70 + dx, 50 + dy), bank, F(sf, rng.randint(50, 58)))
    c.text((70 + dx, 118 + dy), f"{rng.choice(CITIES)[0].title()}, Member FDIC", F("serifi", 22), fill=60)
    c.text((W // 2 + dx, 170 + dy), "MONEY ORDER", F("serifb", 34), anchor="ma")
    c.text((W - 720 + dx, 50 + dy), L["serial"], F("serif", 24), fill=40)
    c.text((W - 720 + dx, 82 + dy), it["serial"], F(rng.choice(["serifb", "monob", "lserif"]), 48), tag="serial")
    y, m, d = it["mo_date"]
    c.text((W - 720 + dx, 160 + dy), "Date", F("serifi", 24), fill=40)
    c.text((W - 640 + dx, 152 + dy), rng.choice([f"{['JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP','OCT','NOV','DEC'][int(m)-1]} {d}, {y}", f"{m}/{d}/{y}"]), F("serif", 34))
    c.line((W - 650, 196 + dy), (W - 120, 196 + dy), 2, 80)
    py = 280 + dy
    vf = F(value_font(rng), rng.randint(36, 42))
    pay = L["pay"].title() if rng.random() < 0.4 else L["pay"]
    c.text((70 + dx, py), pay, F("serif", 26))
    po = c.tw(pay, F("serif", 26)) + 30
    c.text((70 + dx + po, py - 12), it["pay_to"], vf, tag="pay_to")
    c.line((70 + po, py + 36), (W - 760, py + 36), 2, 60)
    # $ box right of pay line
    bx0 = W - 700
    c.rect((bx0, py - 26, W - 80, py + 60), 3, 20)
    if rng.random() < 0.3:
        c.text((bx0 + 6, py - 50), "AMOUNT", F("serif", 18), fill=60)
    ct = it["courtesy_text"]
    cf = c.fit(ct, rng.choice(["monob", "serifb", "lmono"]), rng.randint(46, 54), W - 80 - bx0 - 30)
    c.text((bx0 + 16, py + 17), ct, cf, tag="courtesy", anchor="lm")
    ly = py + 110
    lf = c.fit(it["legal_text"], rng.choice(["serif", "monob", "lserifb", "fserif"]), rng.randint(34, 40), W - 300)
    c.text((80 + dx, ly), it["legal_text"], lf, tag="legal")
    c.line((70, ly + 52), (W - 120, ly + 52), 2, 60)
    c.text((W - 260, ly + 8), "DOLLARS", F("serifb", 24), fill=40) if not it["legal_text"].rstrip("*").upper().endswith("DOLLARS") else None
    fy = ly + 110
    fr = L["from"].title() if rng.random() < 0.4 else L["from"]
    c.text((70 + dx, fy), fr, F("serif", 26))
    fo = c.tw(fr, F("serif", 26)) + 30
    c.text((70 + dx + fo, fy - 12), it["purchaser_name"], vf, tag="purchaser")
    c.line((70 + fo, fy + 36), (1200, fy + 36), 2, 60)
    ay = fy + 70
    if L["addr_label"]:
        c.text((70 + dx, ay), "Address" if rng.random() < 0.4 else "ADDRESS", F("serif", 26))
        fo = c.tw("ADDRESS", F("serif", 26)) + 30
    c.text((70 + dx + fo, ay - 12), it["purchaser_address"][0] + ", " + it["purchaser_address"][1], vf, tag="paddr")
    c.line((70 + fo, ay + 36), (1500, ay + 36), 2, 60)
    c.line((1350, fy + 30), (W - 100, fy + 30), 2, 60)
    c.text((1350, fy + 38), "AUTHORIZED SIGNATURE", F("serif", 18), fill=60)
    signature(c, rng, 1400, fy + 10, rng.randint(300, 500), fill=rng.randint(20, 80))
    c.text((1350, ay + 60), "NOT VALID OVER ONE THOUSAND DOLLARS ($1,000)", F("serif", 20), fill=60)
    micr(c, rng, H - 90, it["routing"], it["serial"])
    return c


def layout_usps_old(it, rng):
    """Older postal-style form printed landscape, amount imprinted twice (top right and in body),
    labels small and far from values, some values right-aligned."""
    W, H = 2250 + rng.randint(-30, 30), 1000 + rng.randint(-20, 20)
    c = Canvas(W, H, paper=rng.randint(238, 250))
    dx, dy = rng.randint(-20, 20), rng.randint(-20, 20)
    tint(c, rng, (0, 0, W, H), rng.randint(232, 244))
    for k in range(0, W, 40):  # fine vertical hatch
        c.d.line([(k, 0), (k + 200, H)], fill=rng.randint(222, 232), width=1)
    L = labels(rng)
    c.text((W // 2 + dx, 30 + dy), "UNITED STATES", F("serifb", 36), anchor="ma")
    tbb = c.text((W // 2 + dx, 72 + dy), "POSTAL MONEY ORDER", F("serifb", 58), anchor="ma")
    c.text((60 + dx, 40 + dy), L["serial"], F("sans", 20), fill=60)
    c.text((60 + dx, 66 + dy), it["serial"], F("monob", 44), tag="serial")
    c.text((W - 80 + dx, 40 + dy), rng.choice(["AMOUNT", "DOLLARS AND CENTS"]), F("sans", 20), fill=60, anchor="ra")
    cfn, csz = rng.choice(["monob", "sansb"]), rng.randint(50, 56)
    # keep a long courtesy ("75 DOLLARS 00 CENTS") clear of the centred title (it overlapped before the fix)
    cf = c.fit(it["courtesy_text"], cfn, csz, (W - 80 + dx) - (tbb[2] + 40))
    c.text((W - 80 + dx, 66 + dy), it["courtesy_text"], cf, tag="courtesy", anchor="ra")
    y, m, d = it["mo_date"]
    by = 190 + dy
    c.text((60 + dx, by), "YEAR   MONTH   DAY", F("sans", 20), fill=60)
    c.text((60 + dx, by + 28), f"{y}   {m}   {d}", F("mono", 34))
    c.text((700 + dx, by), "POST OFFICE", F("sans", 20), fill=60)
    c.text((700 + dx, by + 28), f"{rng.randint(100000, 999999)}", F("mono", 34))
    c.text((1100 + dx, by), "CLERK", F("sans", 20), fill=60)
    c.text((1100 + dx, by + 28), f"{rng.randint(1, 99):02d}", F("mono", 34))
    ly = by + 110
    lf = c.fit(it["legal_text"], rng.choice(["monob", "condb"]), rng.randint(34, 40), W - 160)
    c.text((60 + dx, ly), it["legal_text"], lf, tag="legal")
    c.text((60 + dx, ly + 56), "NOT VALID OVER $1,000", F("sans", 20), fill=60)
    # two columns: PAY TO left (label above, big gap), FROM right
    vf = F(value_font(rng), rng.randint(34, 40))
    gap = rng.randint(50, 110)
    py = ly + 120
    colx = W // 2 + 20
    c.text((60 + dx, py), L["pay"], F("sansb", 22), fill=30)
    c.text((80 + dx, py + gap), it["pay_to"], c.fit(it["pay_to"], _fname(vf), vf.size, colx - 160), tag="pay_to")
    c.text((colx + dx, py), L["from"], F("sansb", 22), fill=30)
    c.text((colx + 20 + dx, py + gap), it["purchaser_name"], vf, tag="purchaser")
    ay = py + gap + 56
    if L["addr_label"]:
        c.text((colx + dx, ay), "ADDRESS", F("sansb", 22), fill=30)
        ay += 34
    c.text((colx + 20 + dx, ay), it["purchaser_address"][0], c.fit(it["purchaser_address"][0], _fname(vf), vf.size, W - colx - 100), tag="paddr")
    c.text((colx + 20 + dx, ay + 46), it["purchaser_address"][1], c.fit(it["purchaser_address"][1], _fname(vf), vf.size, W - colx - 100), tag="paddr")
    sy = min(H - 140, py + gap + 200)
    c.line((80, sy), (colx - 100, sy), 2, 80)
    c.text((80, sy + 8), "PURCHASER SIGNATURE", F("sans", 16), fill=70)
    if rng.random() < 0.7:
        signature(c, rng, 120, sy - 12, rng.randint(300, 500))
    micr(c, rng, H - 80, "000008" + str(rng.randint(100, 999)), it["serial"])
    return c


LAYOUTS = [
    ("third-usps", "usps", layout_usps, 11, "mod9"),
    ("third-usps-old", "usps", layout_usps_old, 11, "mod9"),
    ("third-mgram", "mgram", layout_mgram, 10, None),
    ("third-wu", "wu", layout_wu, 10, "mod7"),
    ("third-cu-stub", "cu", layout_cu_stub, 10, None),
    ("third-grocery", "groc", layout_grocery, 11, None),
    ("third-bank", "bank", layout_bank, 10, None),
]


def make_serial(rng, n, check, used):
    while True:
        body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 2))
        if check == "mod9":
            s = body + str(sum(int(ch) for ch in body) % 9)
        elif check == "mod7":
            s = body + str(int(body) % 7)
        else:
            s = body + str(rng.randint(0, 9))
        if s not in used:
            used.add(s)
            return s


# ----------------------------------------------------------------------------- deposit slip
def draw_slip(it, rng):
    W, H = 2550, 1650 + rng.randint(-100, 100)
    c = Canvas(W, H, paper=rng.randint(244, 255))
    style = rng.choice(["beside", "under", "boxes", "twocol"])
    c.var["slip_style"] = style
    dx, dy = rng.randint(-30, 30), rng.randint(-30, 30)
    c.text((W // 2 + dx, 60 + dy), "MONEY ORDER DEPOSIT SLIP", F(rng.choice(["sansb", "serifb", "lsansb"]), rng.randint(56, 66)), anchor="ma")
    c.text((W // 2 + dx, 140 + dy), "LEDGER INMATE SERVICES  \u2022  LOCKBOX PROCESSING  \u2022  ONE SLIP PER MONEY ORDER",
           F("sans", 22), fill=70, anchor="ma")
    labf = F(rng.choice(["sansb", "condb", "lsansb"]), rng.randint(26, 32))
    vf = F(rng.choice(["mono", "lmono", "sans", "fmono", "sanso", "cond"]), rng.randint(38, 46))
    c.var["slip_font"] = _fname(vf)
    fields = [("RESIDENT NAME", it["resident_name"], "rname"), ("RESIDENT NUMBER", it["resident_number"], "rnum"),
              ("FACILITY", it["facility_printed"], "fac"), ("SENDER NAME", it["sender_name"], "sname"),
              ("SENDER ADDRESS", it["sender_address"], "saddr"), ("CITY, STATE ZIP", it["sender_csz"], "scsz"),
              ("PHONE", it["phone"], "phone")]
    x0 = 120 + dx
    y = 260 + dy

    def credit(yc, xc):
        c.text((xc, yc), "CREDIT TO:", labf)
        bx = xc + c.tw("CREDIT TO:", labf) + 40
        for opt in ("TRUST", "MEDIA", "RESTITUTION"):
            box = (bx, yc - 4, bx + 44, yc + 40)
            c.rect(box, 3, 20)
            if it["credit_to_marked"] == opt.lower():
                x_mark(c, rng, box)
            c.text((bx + 60, yc), opt, labf)
            bx += 60 + c.tw(opt, labf) + 70

    if style in ("beside", "under", "boxes"):
        order = fields[:3] + [None] + fields[3:]
        for f in order:
            if f is None:
                credit(y + 10, x0)
                y += 120
                continue
            lab, val, tag = f
            if style == "beside":
                c.text((x0, y), lab, labf)
                vx = x0 + 560
                c.text((vx, y - 8), val, vf, tag=tag)
                c.line((vx - 10, y + 44), (W - 150, y + 44), 2, 110)
                y += 125
            elif style == "under":
                c.text((x0, y), lab, labf, fill=60)
                c.text((x0 + 30, y + 46), val, vf, tag=tag)
                c.line((x0, y + 100), (W - 150, y + 100), 2, 130)
                y += 150
            else:
                c.text((x0, y), lab, F("sans", 22), fill=60)
                c.rect((x0, y + 30, W - 150, y + 110), 2, 60)
                c.text((x0 + 20, y + 70), val, vf, tag=tag, anchor="lm")
                y += 145
    else:
        # two columns: resident left, sender right
        colx = W // 2 + 40 + dx
        yy = y
        for lab, val, tag in fields[:3]:
            c.text((x0, yy), lab, labf, fill=40)
            c.text((x0 + 20, yy + 46), val, c.fit(val, _fname(vf), vf.size, colx - x0 - 80), tag=tag)
            c.line((x0, yy + 100), (colx - 60, yy + 100), 2, 120)
            yy += 160
        yy2 = y
        for lab, val, tag in fields[3:]:
            c.text((colx, yy2), lab, labf, fill=40)
            c.text((colx + 20, yy2 + 46), val, c.fit(val, _fname(vf), vf.size, W - colx - 150), tag=tag)
            c.line((colx, yy2 + 100), (W - 120, yy2 + 100), 2, 120)
            yy2 += 160
        credit(max(yy, yy2) + 30, x0)
        y = max(yy, yy2) + 150
    if y + 120 < H:
        c.text((x0, min(H - 120, y + 40)), "Do not send cash. Make money orders payable as instructed. Keep your receipt.",
               F("sans", 22), fill=90)
    return c


# ----------------------------------------------------------------------------- scan conditions
def blot(img, rng, box, pad=18):
    """Destroy a region: heavy smear + ink blot over it (unreadable for a person too)."""
    x0, y0, x1, y1 = [int(v) for v in box]
    x0, y0 = max(0, x0 - pad), max(0, y0 - pad)
    x1, y1 = min(img.width, x1 + pad), min(img.height, y1 + pad)
    if x1 <= x0 or y1 <= y0:
        return
    region = img.crop((x0, y0, x1, y1))
    region = region.filter(ImageFilter.GaussianBlur(rng.uniform(14, 22)))
    img.paste(region, (x0, y0))
    d = ImageDraw.Draw(img)
    kind = rng.choice(["ink", "ink", "torn", "smear"])
    if kind == "ink":
        # dark irregular blot covering the whole region
        for _ in range(int((x1 - x0) / 30) + 6):
            cx = rng.uniform(x0, x1)
            cy = rng.uniform(y0, y1)
            r = rng.uniform(30, 70)
            d.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=rng.randint(30, 70))
        d.rectangle((x0 + 4, y0 + 6, x1 - 4, y1 - 6), fill=rng.randint(40, 80))
    elif kind == "torn":
        pts = [(x0, y0)]
        for xx in range(x0, x1 + 30, 30):
            pts.append((xx, y0 + rng.randint(-10, 20)))
        pts += [(x1, y1)]
        for xx in range(x1, x0 - 30, -30):
            pts.append((xx, y1 + rng.randint(-20, 10)))
        d.polygon(pts, fill=rng.choice([10, 255]))
    else:
        d.rectangle((x0, y0, x1, y1), fill=rng.randint(90, 140))
        region = img.crop((x0, y0, x1, y1)).filter(ImageFilter.GaussianBlur(6))
        img.paste(region, (x0, y0))


def stamp(img, rng, text_lines):
    w, h = img.size
    sw, sh = rng.randint(520, 820), rng.randint(170, 260)
    layer = Image.new("L", (sw, sh), 0)
    d = ImageDraw.Draw(layer)
    d.rectangle((4, 4, sw - 5, sh - 5), outline=255, width=6)
    if rng.random() < 0.5:
        d.rectangle((16, 16, sw - 17, sh - 17), outline=255, width=2)
    f = F("sansb", int(sh / (len(text_lines) + 1.3)))
    yy = 22
    for t in text_lines:
        d.text((sw // 2, yy), t, font=f, fill=255, anchor="ma")
        yy += int(sh / (len(text_lines) + 0.7))
    # grainy ink
    noise = seeded_noise((sw, sh), 60, rng).point(lambda v: 255 if v > 90 else 0)
    layer = ImageChops.multiply(layer, noise)
    layer = layer.rotate(rng.uniform(-25, 25), expand=True, fillcolor=0)
    x = rng.randint(0, max(1, w - layer.width))
    y = rng.randint(0, max(1, h - layer.height))
    shade = Image.new("L", layer.size, rng.randint(120, 160))
    region = img.crop((x, y, x + layer.width, y + layer.height))
    region.paste(ImageChops.darker(region, shade), (0, 0), layer)
    img.paste(region, (x, y))


def degrade(img, rng, cat, dpi, boxes=None, destroy=None):
    """Apply the scan condition. destroy: list of boxes to obliterate (illegible)."""
    if destroy:
        for b in destroy:
            blot(img, rng, b)
    if cat == "stamped":
        stamp(img, rng, rng.choice([["PAID"], ["RECEIVED", "DEC 02 2026"], ["FOR DEPOSIT ONLY", "LEDGER INMATE SVCS"],
                                     ["LOCKBOX", f"BATCH {rng.randint(100, 999)}"], ["COPY"]]))
        if rng.random() < 0.5:
            d = ImageDraw.Draw(img)
            c = Canvas(1, 1)
            c.img, c.d = img, d
            signature(c, rng, rng.randint(200, img.width - 700), rng.randint(150, img.height - 100), rng.randint(300, 600), fill=rng.randint(60, 110))
    # uneven illumination
    if cat in ("noisy", "illegible") or rng.random() < 0.25:
        g = Image.linear_gradient("L")
        g = g.rotate(rng.choice([0, 90, 180, 270]))
        g = g.resize(img.size)
        lo = rng.randint(175, 215) if cat == "noisy" else rng.randint(205, 235)
        g = g.point(lambda v: lo + (255 - lo) * v // 255)
        img = ImageChops.multiply(img, g)
    # skew
    if cat == "skewed":
        ang = rng.choice([-1, 1]) * rng.uniform(1.5, 4.0)
    else:
        ang = rng.uniform(-0.6, 0.6)
    bg = rng.choice([255, 250, 235])
    img = img.rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=bg)
    # speckle
    n_speck = {"clean": rng.randint(0, 80), "skewed": rng.randint(50, 250), "noisy": rng.randint(800, 2500),
               "stamped": rng.randint(100, 400), "illegible": rng.randint(300, 1500)}[cat]
    d = ImageDraw.Draw(img)
    for _ in range(n_speck):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        r = rng.choice([1, 1, 1, 2, 2, 3])
        d.ellipse((x, y, x + r, y + r), fill=rng.choice([0, 40, 90, 255]))
    if cat == "noisy":
        noise = seeded_noise(img.size, rng.uniform(10, 22), rng)
        img = Image.blend(img, ImageChops.add(img, noise, 1.0, -128), rng.uniform(0.3, 0.6))
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))
    # resample to target dpi
    if dpi != 300:
        img = img.resize((round(img.width * dpi / 300), round(img.height * dpi / 300)), Image.LANCZOS)
    if cat == "noisy" or rng.random() < 0.2:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=rng.randint(30, 60) if cat == "noisy" else rng.randint(55, 80))
        buf.seek(0)
        img = Image.open(buf).convert("L")
    return img


def save(img, path_base, rng, dpi):
    kind = rng.random()
    if kind < 0.7:
        p = path_base + ".png"
        img.save(p, dpi=(dpi, dpi))
    else:
        p = path_base + ".tif"
        comp = rng.choice(["tiff_lzw", "tiff_deflate", "tiff_lzw", None])
        if comp:
            img.save(p, dpi=(dpi, dpi), compression=comp)
        else:
            img.save(p, dpi=(dpi, dpi))
    return p


def seeded_noise(size, sigma, rng):
    """Gaussian noise around 128 like Image.effect_noise, but from the item's own random stream: effect_noise draws from C's
    rand(), so the same seed gave other pixels on every run (an item drawn again, alone or in its batch, must be the same)."""
    table = [max(0, min(255, round(NormalDist(128, sigma).inv_cdf((v + 0.5) / 256)))) for v in range(256)]
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(table)


# ----------------------------------------------------------------------------- batch
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--roster", default=os.path.join(REPO, "samples/reference/roster.csv"))
    ap.add_argument("--facilities", default=os.path.join(REPO, "samples/reference/facilities.csv"))
    ap.add_argument("--only", default="", help="draw only these sequences (comma-separated); each item has its own random stream, so it comes out as in the whole batch")
    a = ap.parse_args()
    only = {int(x) for x in a.only.split(",") if x.strip()}
    rng = random.Random(a.seed)
    roster = load_csv(a.roster)
    facilities = {r["facility_code"]: r for r in load_csv(a.facilities)}
    people = [r for r in roster if r["status"] == "in_custody"]
    known_numbers = {r["person_number"] for r in roster}
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    used = set()
    truth, items = [], []
    total = 0
    for seq in range(1, a.items + 1):
        if only and seq not in only:
            continue
        irng = random.Random(a.seed * 1000003 + seq)
        cat = irng.choices(["clean", "skewed", "noisy", "stamped", "illegible"], [34, 20, 20, 16, 10])[0]
        lname, issuer, fn, ndig, check = irng.choice(LAYOUTS)
        unknown = irng.random() < 0.065
        if unknown:
            fac = irng.choice(sorted(facilities))
            while True:
                num = f"{irng.randint(10000, 99999)}-{irng.randint(0, 999):03d}"
                if num not in known_numbers:
                    break
            first, last = irng.choice(FIRST), irng.choice(LAST)
        else:
            p = irng.choice(people)
            fac, num, first, last = p["facility_code"], p["person_number"], p["first_name"], p["last_name"]
        limit = int(round(float(facilities[fac]["deposit_limit"]) * 100))
        r = irng.random()
        if r < 0.55:
            dollars = irng.choice([5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 80, 100, 120, 125, 150, 200])
        elif r < 0.85:
            dollars = irng.randint(5, 400)
        else:
            dollars = irng.randint(300, 999)
        cents = 0 if irng.random() < 0.72 else irng.randint(1, 99)
        amount = min(dollars * 100 + cents, limit)
        rname_style = irng.random()
        if rname_style < 0.7:
            rname = f"{first} {last}"
        elif rname_style < 0.88:
            rname = f"{last}, {first}"
        else:
            rname = f"{first.title()} {last.title()}"
        sname, saddr, scsz, phone = sender(irng)
        pname = sname if irng.random() < 0.9 else f"{irng.choice(FIRST)} {sname.split()[-1]}"
        if irng.random() < 0.9:
            paddr = (saddr, scsz)
        else:
            paddr = sender(irng)[1:3]
        credit = irng.choices(["trust", "media", "restitution", "none"], [45, 18, 12, 25])[0]
        payto = irng.choice(["FEDERAL BUREAU OF PRISONS", "LEDGER INMATE SERVICES", rname.upper() + " " + num,
                             f"{first} {last}".upper(), "INMATE TRUST FUND", f"BOP FOR {last} {num}"])
        if irng.random() < 0.3 and not payto.startswith("BOP"):
            payto = payto.title()
        it = {
            "serial": make_serial(irng, ndig, check, used),
            "amount_cents": amount,
            "courtesy_text": courtesy_amount(irng, amount),
            "legal_text": legal_amount(irng, amount),
            "pay_to": payto,
            "purchaser_name": pname,
            "purchaser_address": paddr,
            "mo_date": ("2026", f"{irng.randint(10, 11):02d}", f"{irng.randint(1, 28):02d}"),
            "routing": f"{irng.randint(1, 12):02d}" + "".join(str(irng.randint(0, 9)) for _ in range(7)),
            "resident_name": rname, "resident_number": num,
            "facility_printed": fac if irng.random() < 0.85 else f"{fac} ({facilities[fac]['name']})",
            "credit_to_marked": credit, "sender_name": sname, "sender_address": saddr, "sender_csz": scsz,
            "phone": phone,
        }
        total += amount
        mo = fn(it, irng)
        slip = draw_slip(it, irng)
        order_ill = cat == "illegible"
        slip_ill = order_ill and irng.random() < 0.3
        dpi_mo = irng.choice([200, 240, 300, 300])
        dpi_sl = irng.choice([200, 240, 300, 300])
        destroy = None
        if order_ill:
            destroy = [mo.boxes["courtesy"], mo.boxes["legal"]]
        mo_img = degrade(mo.img, irng, cat, dpi_mo, destroy=destroy)
        sdestroy = [slip.boxes["saddr"], slip.boxes["scsz"]] if slip_ill else None
        slip_cat = cat if cat != "illegible" else irng.choice(["clean", "noisy"])
        if cat == "stamped" and irng.random() < 0.5:
            slip_cat = "clean"
        sl_img = degrade(slip.img, irng, slip_cat, dpi_sl, destroy=sdestroy)
        mo_path = save(mo_img, os.path.join(a.out, "images", f"{seq:04d}-order"), irng, dpi_mo)
        sl_path = save(sl_img, os.path.join(a.out, "images", f"{seq:04d}-slip"), irng, dpi_sl)
        mo_rel = os.path.relpath(mo_path, a.out)
        sl_rel = os.path.relpath(sl_path, a.out)
        items.append([seq, mo_rel, sl_rel])
        truth.append([seq, cat, issuer, it["serial"], amount, it["courtesy_text"], payto, pname,
                      paddr[0] + ", " + paddr[1], num, rname, fac, credit, sname, saddr, scsz, phone,
                      str(order_ill).lower(), str(slip_ill).lower(), "false", str(unknown).lower(),
                      mo_rel, sl_rel, lname, it["legal_text"], dpi_mo, dpi_sl,
                      mo.var.get("courtesy", "solid"), mo.var.get("legal", "solid"), slip.var["slip_style"],
                      slip.var["slip_font"], slip_cat])
    with open(os.path.join(a.out, "batch.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lockbox_id", "batch_number", "deposit_date", "item_count", "declared_total"])
        w.writerow([f"LBX-3{a.seed % 100:02d}", str(30000 + a.seed), "2026-12-01", len(items), f"{total / 100:.2f}"])
    with open(os.path.join(a.out, "items.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sequence", "money_order_image", "deposit_slip_image"])
        w.writerows(items)
    with open(os.path.join(a.out, "truth.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sequence", "category", "issuer", "serial", "amount_cents", "courtesy_text", "pay_to",
                    "purchaser_name", "purchaser_address", "resident_number", "resident_name", "facility",
                    "credit_to_marked", "sender_name", "sender_address", "sender_city_state_zip", "phone",
                    "order_illegible", "slip_address_illegible", "over_limit", "unknown_person",
                    "money_order_image", "deposit_slip_image", "layout", "legal_text", "dpi_order", "dpi_slip",
                    "courtesy_print", "legal_print", "slip_style", "slip_font", "slip_condition"])
        w.writerows(truth)


if __name__ == "__main__":
    main()
