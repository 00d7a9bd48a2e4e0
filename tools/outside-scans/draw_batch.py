#!/usr/bin/python3
"""
Draws a lockbox batch the way an outsider would: from ../shared/design/FORMATS.md alone, with code that shares nothing
with Ledger.Samples (another language, another drawing library, its own layouts). It exists to check the product's
reader against forms its own generator never drew: the reader was once tuned to this project's samples and credited
1 order in 88 of a batch drawn by someone else.

Writes batch.csv, items.csv, images/ and truth.csv (the columns `./ledger samples evaluate --from DIR` reads).

    /usr/bin/python3 tools/outside-scans/draw_batch.py OUT_DIR --items 200 --seed 1 [--roster samples/reference/roster.csv]
    ./ledger samples evaluate --from OUT_DIR --misses

Needs Debian's python3-pil (`apt-get install python3-pil`) and the DejaVu fonts.
Never tune the reader on what this draws: it is a check, not a training set.
"""
import argparse
import csv
import math
import os
import random
from datetime import date, timedelta

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FACES = {
    "sans": "DejaVuSans.ttf", "sans-bold": "DejaVuSans-Bold.ttf", "sans-cond": "DejaVuSansCondensed.ttf",
    "sans-cond-bold": "DejaVuSansCondensed-Bold.ttf", "serif": "DejaVuSerif.ttf", "serif-bold": "DejaVuSerif-Bold.ttf",
    "serif-cond": "DejaVuSerifCondensed.ttf", "mono": "DejaVuSansMono.ttf", "mono-bold": "DejaVuSansMono-Bold.ttf",
}
_fonts = {}


def font(face, px):
    key = (face, int(px))
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(os.path.join(FONT_DIR, FACES[face]), int(px))
    return _fonts[key]


ONES = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE",
        "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN"]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def words(n, hyphen=True):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + (("-" if hyphen else " ") + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return ONES[n // 100] + " HUNDRED" + (" " + words(n % 100, hyphen) if n % 100 else "")
    return words(n // 1000, hyphen) + " THOUSAND" + (" " + words(n % 1000, hyphen) if n % 1000 else "")


def legal_text(cents, rng):
    dollars, c = divmod(cents, 100)
    w = words(dollars, hyphen=rng.random() < 0.7)
    style = rng.randrange(4)
    if style == 0:
        text = f"{w} AND {c:02d}/100 DOLLARS"
    elif style == 1:
        text = f"{w} DOLLARS AND {c:02d} CENTS"
    elif style == 2:
        text = f"{w} DOLLARS {c:02d} CENTS"
    else:
        text = f"{w} AND {c:02d}/100"
        text += " DOLLARS" if rng.random() < 0.5 else ""
    if rng.random() < 0.3:
        text = "***" + text + "***"
    return text


def courtesy_text(cents, rng):
    d, c = divmod(cents, 100)
    style = rng.randrange(5)
    return [f"${d}.{c:02d}", f"$***{d}.{c:02d}", f"$ {d}.{c:02d}", f"{d} DOLLARS {c:02d} CENTS",
            f"${d:,}.{c:02d}"][style]


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


ISSUERS = [
    # code, title lines, subtitle, serial length, check digit
    ("USPS", ["UNITED STATES POSTAL SERVICE"], "POSTAL MONEY ORDER", 11, "mod9"),
    ("MONEYGRAM", ["MONEYGRAM"], "MONEY ORDER", 10, None),
    ("WESTERN_UNION", ["WESTERN UNION"], "MONEY ORDER", 10, None),
    ("BANK_CITIZENS", ["CITIZENS STATE BANK"], "PERSONAL MONEY ORDER", 10, None),
    ("BANK_LAKESIDE", ["LAKESIDE SAVINGS & LOAN"], "MONEY ORDER", 11, "luhn"),
    ("BANK_HERITAGE", ["HERITAGE COMMUNITY BANK", "MEMBER FDIC"], "OFFICIAL MONEY ORDER", 10, None),
]

STREETS = ["MAPLE AVE", "OAK ST", "N 5TH ST", "LINCOLN BLVD", "CEDAR LN", "W MAIN ST", "PARK RD", "RIVERSIDE DR", "ELM CT",
           "SUNSET BLVD", "HIGHLAND AVE", "S BROADWAY"]
CITIES = [("CHICAGO", "IL", "60614"), ("ATLANTA", "GA", "30310"), ("DENVER", "CO", "80205"), ("TOLEDO", "OH", "43604"),
          ("FRESNO", "CA", "93721"), ("MOBILE", "AL", "36602"), ("TULSA", "OK", "74103"), ("AKRON", "OH", "44308"),
          ("LAREDO", "TX", "78040"), ("BOISE", "ID", "83702"), ("ST. LOUIS", "MO", "63103"), ("EL PASO", "TX", "79901")]
FIRST = ["MARIA", "JAMES", "LINDA", "ROBERT", "ANA", "KEISHA", "DAVID", "ROSA", "TERRENCE", "EMILY", "LUIS", "GRACE"]
LAST = ["GARCIA", "JOHNSON", "NGUYEN", "WILLIAMS", "O'NEILL", "MARTINEZ", "BROWN", "DAVIS", "HERNANDEZ", "WALKER", "SMITH",
        "LEE"]


def serial_for(issuer, rng):
    _, _, _, length, check = issuer
    body = str(rng.randrange(1, 10)) + "".join(str(rng.randrange(10)) for _ in range(length - 2))
    if check == "mod9":
        return body + str(sum(int(c) for c in body) % 9)
    if check == "luhn":
        return body + luhn_digit(body)
    return body + str(rng.randrange(10))


class Sheet:
    """A white page at a given dpi; remembers the boxes of the fields that must stay legible."""

    def __init__(self, w_in, h_in, dpi, rng):
        self.s = dpi / 300.0
        self.img = Image.new("L", (int(w_in * dpi), int(h_in * dpi)), 255)
        self.d = ImageDraw.Draw(self.img)
        self.rng = rng
        self.protect = []

    def px(self, v):
        return int(v * self.s)

    def text(self, xy, s, face, size, fill=0, protect=False):
        f = font(face, self.px(size))
        x, y = self.px(xy[0]), self.px(xy[1])
        self.d.text((x, y), s, font=f, fill=fill)
        box = self.d.textbbox((x, y), s, font=f)
        if protect:
            self.protect.append(box)
        return box

    def line(self, x0, y0, x1, y1, width=2, fill=0):
        self.d.line([(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))], fill=fill, width=max(1, self.px(width)))

    def rect(self, x0, y0, x1, y1, width=2, fill=None, outline=0):
        self.d.rectangle([self.px(x0), self.px(y0), self.px(x1), self.px(y1)], fill=fill, outline=outline,
                         width=max(1, self.px(width)))


def background(sheet, rng):
    w, h = sheet.img.size
    kind = rng.randrange(3)
    shade = rng.randrange(205, 235)
    if kind == 0:  # guilloche-like waves
        for k in range(0, h, max(6, sheet.px(rng.randrange(14, 26)))):
            pts = [(x, k + 8 * sheet.s * math.sin(x / (30 * sheet.s) + k)) for x in range(0, w, 6)]
            sheet.d.line(pts, fill=shade, width=1)
    elif kind == 1:  # diagonal hatching
        step = max(5, sheet.px(rng.randrange(12, 22)))
        for k in range(-h, w, step):
            sheet.d.line([(k, 0), (k + h, h)], fill=shade, width=1)
    # kind 2: plain paper


def micr(sheet, y, serial, rng):
    """A MICR-like line: digits in a heavy mono face between E-13B-like symbol blocks."""
    routing = "".join(str(rng.randrange(10)) for _ in range(9))
    x = rng.randrange(120, 400)
    size = rng.randrange(34, 44)
    f = font("mono-bold", sheet.px(size))
    for part in [("T", routing), ("T", ""), ("", serial), ("O", ""), ("", str(rng.randrange(10, 99)))]:
        sym, digits = part
        if sym:
            h = sheet.px(size * 0.7)
            sheet.d.rectangle([sheet.px(x), sheet.px(y) + h // 4, sheet.px(x) + sheet.px(6), sheet.px(y) + h], fill=0)
            sheet.d.rectangle([sheet.px(x + 10), sheet.px(y) + h // 2, sheet.px(x + 16), sheet.px(y) + h], fill=0)
            x += 28
        if digits:
            sheet.d.text((sheet.px(x), sheet.px(y)), digits, font=f, fill=0)
            x += int(f.getlength(digits) / sheet.s) + 22


def draw_money_order(rng, issuer, serial, cents, pay_to, purchaser, street, city, issued, dpi):
    code, titles, subtitle, _, _ = issuer
    sheet = Sheet(7.5 + rng.uniform(-0.3, 0.3), 3.6 + rng.uniform(-0.1, 0.3), dpi, rng)
    W, H = sheet.img.size[0] / sheet.s, sheet.img.size[1] / sheet.s
    background(sheet, rng)
    sheet.rect(20, 20, W - 20, H - 20, width=rng.choice([2, 3, 5]))
    serif = rng.random() < 0.5
    title_face = rng.choice(["serif-bold", "sans-bold", "sans-cond-bold"])
    body = rng.choice(["sans", "serif", "sans-cond", "serif-cond", "mono"])
    value_face = rng.choice(["mono-bold", "sans-bold", "serif-bold", "mono", "sans-cond-bold"])
    big = rng.randrange(54, 70)
    mid = rng.randrange(36, 46)
    small = rng.randrange(24, 30)

    # Where the big blocks go: the issuer's own arrangement, jittered.
    title_left = rng.random() < 0.6
    y = 50 + rng.randrange(0, 30)
    tx = 60 + rng.randrange(0, 60) if title_left else W / 2 - 420 + rng.randrange(-40, 40)
    for t in titles:
        sheet.text((tx, y), t, title_face, big if t == titles[0] else small)
        y += (big if t == titles[0] else small) + 12
    sheet.text((tx, y), subtitle, title_face if rng.random() < 0.5 else body, mid)
    title_bottom = y + mid + 10

    # Serial, top right (or under the title).
    label = rng.choice(["SERIAL NUMBER", "SERIAL NO.", "NO."])
    sx = W - 700 + rng.randrange(-60, 80)
    sy = 55 + rng.randrange(0, 40)
    if rng.random() < 0.5:
        sheet.text((sx, sy), label, body, small)
        sheet.text((sx, sy + small + 8), serial, value_face, mid + 4, protect=True)
    else:
        lb = sheet.text((sx - 40, sy + 10), label, body, small)
        sheet.text((lb[2] / sheet.s + 18, sy), serial, value_face, mid + 4, protect=True)

    # Date, in boxes or on a line (a distractor).
    dx, dy = sx + rng.randrange(-30, 30), sy + 2 * mid + 30
    if rng.random() < 0.5:
        for k, (lab, val) in enumerate([("YEAR", f"{issued.year}"), ("MONTH", f"{issued.month:02d}"), ("DAY", f"{issued.day:02d}")]):
            sheet.rect(dx + k * 150, dy, dx + k * 150 + 140, dy + 80, width=2)
            sheet.text((dx + k * 150 + 8, dy + 4), lab, body, 18)
            sheet.text((dx + k * 150 + 20, dy + 30), val, value_face, 34)
    else:
        sheet.text((dx, dy + 20), "DATE", body, small)
        sheet.text((dx + 90, dy + 14), issued.strftime(rng.choice(["%m/%d/%Y", "%b %d %Y", "%Y-%m-%d"])).upper(), value_face, mid)

    # The body: the courtesy amount on the right beside PAY TO, the legal amount across the form (above or below that row),
    # then the purchaser. The issuer picks the order; positions and sizes are jittered.
    ctext = courtesy_text(cents, rng)
    legal = legal_text(cents, rng)
    pay_label = rng.choice(["PAY TO", "PAY TO THE ORDER OF"])
    left = 60 + rng.randrange(0, 50)
    y = max(title_bottom, dy + 110) + 20 + rng.randrange(0, 30)
    legal_first = rng.random() < 0.4

    def legal_row(y):
        lf = rng.choice([mid - 2, mid, mid + 2])
        sheet.text((left, y), legal, value_face if rng.random() < 0.5 else body, lf, protect=True)
        sheet.line(left, y + lf + 10, W - 60, y + lf + 10, 1)
        return y + lf + 40 + rng.randrange(0, 30)

    def pay_and_courtesy_row(y):
        cx = W - 700 + rng.randrange(-60, 60)
        cy = y
        if rng.random() < 0.7:
            sheet.text((cx, cy), rng.choice(["DOLLARS AND CENTS", "AMOUNT", "DOLLARS   CENTS", "PAY EXACTLY"]), body, small - 2)
            cy += small + 8
        if rng.random() < 0.5:
            sheet.rect(cx - 12, cy - 8, cx + 620, cy + big + 18, width=2)
        sheet.text((cx, cy), ctext, value_face, big - 4, protect=True)
        bottom = cy + big + 24
        if rng.random() < 0.6:
            sheet.text((cx, bottom), "NOT VALID OVER $1,000", body, 20 + rng.randrange(0, 6))
            bottom += 34
        py = y + (cy - y) + 6
        lb = sheet.text((left, py), pay_label, body, small)
        sheet.text((lb[2] / sheet.s + 20, py - 6), pay_to, value_face, mid)
        sheet.line(lb[2] / sheet.s + 14, py + mid + 4, cx - 60, py + mid + 4, 1)
        return max(bottom, py + mid + 30) + rng.randrange(10, 40)

    if legal_first:
        y = legal_row(y)
        y = pay_and_courtesy_row(y)
    else:
        y = pay_and_courtesy_row(y)
        # The courtesy amount must be drawn before the legal one: the illegible items blur protect[1:3].
        y = legal_row(y)

    # Purchaser block.
    plabel = rng.choice(["FROM", "PURCHASER", "SENDER"]) if rng.random() < 0.9 else "PURCHASER"
    py = y
    lb = sheet.text((left, py), plabel, body, small)
    vx = lb[2] / sheet.s + 20
    sheet.text((vx, py - 4), purchaser, value_face, mid - 4)
    py += mid + 10
    if rng.random() < 0.5:
        lb2 = sheet.text((left, py), "ADDRESS", body, small)
        vx = lb2[2] / sheet.s + 20
    sheet.text((vx, py - 4), street, value_face, mid - 4)
    py += mid + 6
    sheet.text((vx, py - 4), city, value_face, mid - 4)

    # Signature line and agent code (more print around the fields).
    sgx = W - 720 + rng.randrange(-40, 40)
    sgy = H - 170 + rng.randrange(-20, 10)
    sheet.line(sgx, sgy, sgx + 560, sgy, 1)
    sheet.text((sgx, sgy + 6), rng.choice(["PURCHASER SIGNATURE", "SIGNATURE OF PURCHASER", "DRAWER"]), body, 18)
    pts = [(sheet.px(sgx + 40 + k * 18), sheet.px(sgy - 20 - 18 * math.sin(k / 2.0 + rng.random()))) for k in range(22)]
    sheet.d.line(pts, fill=40, width=max(1, sheet.px(3)))
    if rng.random() < 0.7:
        sheet.text((W - 420, H - 118), rng.choice(["AGENT ", "POST OFFICE ", "LOC "]) + str(rng.randrange(10000, 99999)), body, 20)
    micr(sheet, H - 92 + rng.randrange(-8, 4), serial, rng)
    sheet.courtesy, sheet.legal = ctext, legal
    return sheet


def draw_slip(rng, person_name, number, facility, credit, sender, street, city, phone, dpi):
    sheet = Sheet(8.5, 3.5 + rng.uniform(0, 0.5), dpi, rng)
    W, H = sheet.img.size[0] / sheet.s, sheet.img.size[1] / sheet.s
    sheet.rect(16, 16, W - 16, H - 16, width=3)
    label_face = rng.choice(["sans-bold", "sans", "sans-cond-bold"])
    value_face = rng.choice(["mono", "mono-bold", "sans", "serif", "sans-cond"])
    lsz = rng.randrange(28, 34)
    vsz = rng.randrange(36, 46)
    sheet.text((W / 2 - 420, 36), "MONEY ORDER DEPOSIT SLIP", "sans-bold", 48)
    under = rng.random() < 0.4  # values under their labels instead of beside them

    def field(x, y, label, value, protect=False):
        lb = sheet.text((x, y), label, label_face, lsz)
        if under:
            sheet.text((x + 6, y + lsz + 8), value, value_face, vsz, protect=protect)
            sheet.line(x, y + lsz + vsz + 16, x + 900, y + lsz + vsz + 16, 1)
        else:
            vx = lb[2] / sheet.s + 24
            sheet.text((vx, y - 4), value, value_face, vsz, protect=protect)
            sheet.line(vx - 6, y + vsz + 2, vx + 820, y + vsz + 2, 1)

    step = (lsz + vsz + 44) if under else (vsz + 44)
    y = 150
    lx, rx = 50, W / 2 + 30
    field(lx, y, "RESIDENT NAME", person_name, True)
    field(rx, y, "RESIDENT NUMBER", number, True)
    y += step
    field(lx, y, "FACILITY", facility)
    # CREDIT TO: with boxes, one marked with an X (or none: trust).
    cl = sheet.text((rx, y), "CREDIT TO:", label_face, lsz)
    bx = cl[2] / sheet.s + 24
    for name in ["TRUST", "MEDIA", "RESTITUTION"]:
        sheet.rect(bx, y, bx + lsz, y + lsz, width=2)
        if credit == name.lower():
            sheet.line(bx + 3, y + 3, bx + lsz - 3, y + lsz - 3, 4)
            sheet.line(bx + lsz - 3, y + 3, bx + 3, y + lsz - 3, 4)
        nb = sheet.text((bx + lsz + 10, y), name, label_face, lsz - 2)
        bx = nb[2] / sheet.s + 30
    y += step
    field(lx, y, "SENDER NAME", sender)
    field(rx, y, "PHONE", phone)
    y += step
    field(lx, y, "SENDER ADDRESS", street, True)
    y += step
    field(lx, y, "CITY, STATE ZIP", city, True)
    return sheet


def finish(sheet, rng, condition, obscure_boxes=()):
    img = sheet.img
    for box in obscure_boxes:  # truly illegible: blur, smear or tear over the amounts
        x0, y0, x1, y1 = [int(v) for v in box]
        pad = sheet.px(12)
        region = (max(0, x0 - pad), max(0, y0 - pad), min(img.size[0], x1 + pad), min(img.size[1], y1 + pad))
        how = rng.choice(["blur", "smear", "tear"])
        crop = img.crop(region)
        if how == "blur":
            crop = crop.filter(ImageFilter.GaussianBlur(sheet.px(rng.uniform(9, 14))))
        elif how == "smear":
            smear = crop.copy()
            for k in range(1, 40):
                smear = Image.blend(smear, crop.transform(crop.size, Image.AFFINE, (1, 0, -k * sheet.px(3), 0, 1, k * sheet.px(0.6))), 0.12)
            crop = smear.filter(ImageFilter.GaussianBlur(sheet.px(4))).point(lambda v: int(v * 0.6))
        else:
            d = ImageDraw.Draw(crop)
            w, h = crop.size
            pts = [(0, h * 0.1)] + [(x, h * rng.uniform(0.0, 0.3)) for x in range(0, w, max(8, w // 25))] + [(w, h * 0.2), (w, h), (0, h)]
            d.polygon(pts, fill=248)
            d.line(pts[:-2], fill=90, width=max(1, sheet.px(3)))
            crop = crop.filter(ImageFilter.GaussianBlur(sheet.px(2)))
        img.paste(crop, region[:2])
    if condition == "stamped":
        stamp = Image.new("L", (sheet.px(520), sheet.px(200)), 0)
        sd = ImageDraw.Draw(stamp)
        sd.rectangle([4, 4, stamp.size[0] - 5, stamp.size[1] - 5], outline=255, width=sheet.px(6))
        sd.text((sheet.px(30), sheet.px(40)), rng.choice(["RECEIVED", "PAID", "LOCKBOX", "VERIFIED"]), font=font("sans-bold", sheet.px(70)), fill=255)
        sd.text((sheet.px(30), sheet.px(125)), "NOV 24 2026", font=font("sans", sheet.px(40)), fill=255)
        stamp = stamp.rotate(rng.uniform(-25, 25), expand=True)
        # Over some print, but not wholly over a field the reading rests on (it is still legible).
        for _ in range(30):
            x = rng.randrange(0, max(1, img.size[0] - stamp.size[0]))
            y = rng.randrange(0, max(1, img.size[1] - stamp.size[1]))
            box = (x, y, x + stamp.size[0], y + stamp.size[1])
            if not any(box[0] < p[2] and p[0] < box[2] and box[1] < p[3] and p[1] < box[3] for p in sheet.protect):
                break
        ink = Image.new("L", img.size, rng.randrange(90, 150))
        mask = Image.new("L", img.size, 0)
        mask.paste(stamp.point(lambda v: int(v * 0.55)), (x, y))
        img = Image.composite(ink, img, mask)
    if condition in ("skewed", "noisy", "stamped", "illegible") or rng.random() < 0.5:
        angle = rng.uniform(1, 4) * rng.choice([-1, 1]) if condition == "skewed" else rng.uniform(-1.5, 1.5)
        img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    if condition == "noisy" or rng.random() < 0.4:
        dots = int(img.size[0] * img.size[1] * (rng.uniform(0.002, 0.006) if condition == "noisy" else 0.0008))
        px = img.load()
        for _ in range(dots):
            x, y = rng.randrange(img.size[0]), rng.randrange(img.size[1])
            v = rng.randrange(0, 120)
            px[x, y] = v
            if rng.random() < 0.3 and x + 1 < img.size[0]:
                px[x + 1, y] = v
        img = img.filter(ImageFilter.GaussianBlur(0.5 if condition == "noisy" else 0.3))
    return img


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--items", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--roster", default="samples/reference/roster.csv")
    ap.add_argument("--batch-number", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.roster, newline="") as f:
        people = [r for r in csv.DictReader(f) if r["status"] == "in_custody"]
    known = {r["person_number"] for r in csv.DictReader(open(args.roster, newline=""))}
    os.makedirs(os.path.join(args.out, "images"), exist_ok=True)
    deposit = date(2026, 11, 24)
    truth, items, total = [], [], 0
    conditions = ["clean"] * 4 + ["skewed"] * 2 + ["noisy"] * 2 + ["stamped"] * 2 + ["illegible"]
    for seq in range(1, args.items + 1):
        condition = rng.choice(conditions)
        dpi = rng.choice([200, 240, 300, 300])
        issuer = rng.choice(ISSUERS)
        serial = serial_for(issuer, rng)
        cents = rng.choice([rng.randrange(5, 1001) * 100, rng.randrange(500, 100001)])
        unknown = rng.random() < 0.07
        if unknown:
            while True:
                number = f"{rng.randrange(10000, 99999)}-{rng.randrange(100, 999)}"
                if number not in known:
                    break
            person = {"person_number": number, "last_name": rng.choice(LAST), "first_name": rng.choice(FIRST), "facility_code": "FCI-LOR"}
        else:
            person = rng.choice(people)
        name = f"{person['last_name']}, {person['first_name']}" if rng.random() < 0.5 else f"{person['first_name']} {person['last_name']}"
        sender = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        street = f"{rng.randrange(10, 9999)} {rng.choice(STREETS)}" + (f" APT {rng.randrange(1, 40)}" if rng.random() < 0.2 else "")
        c = rng.choice(CITIES)
        city = f"{c[0]}, {c[1]} {c[2]}"
        phone = f"({rng.randrange(200, 999)}) {rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}"
        credit = rng.choice(["trust", "trust", "media", "restitution", None])
        pay_to = rng.choice(["LEDGER INMATE SERVICES", "LEDGER INMATE SVCS", "INMATE TRUST FUND"])
        order = draw_money_order(rng, issuer, serial, cents, pay_to, sender, street, city, deposit - timedelta(days=rng.randrange(2, 12)), dpi)
        illegible = condition == "illegible"
        # The amount boxes are the protected boxes that hold the amounts (the courtesy and the legal amount).
        amount_boxes = [b for b in order.protect[1:3]] if illegible else []
        order_img = finish(order, rng, condition, amount_boxes)
        slip_address_illegible = illegible and rng.random() < 0.2
        slip = draw_slip(rng, name, person["person_number"], person["facility_code"], credit, sender, street, city, phone, dpi)
        slip_img = finish(slip, rng, "clean" if condition == "illegible" else condition, slip.protect[2:4] if slip_address_illegible else [])
        mo, ds = f"images/{seq:04d}-order.png", f"images/{seq:04d}-slip.png"
        order_img.save(os.path.join(args.out, mo), dpi=(dpi, dpi))
        slip_img.save(os.path.join(args.out, ds), dpi=(dpi, dpi))
        items.append((seq, mo, ds))
        total += cents
        truth.append({
            "sequence": seq, "category": condition, "issuer": issuer[0], "serial": serial, "amount_cents": cents,
            "courtesy_text": order.courtesy, "pay_to": pay_to, "purchaser_name": sender, "purchaser_address": f"{street}, {city}",
            "resident_number": person["person_number"], "resident_name": name, "facility": person["facility_code"],
            "credit_to_marked": credit or "none", "sender_name": sender, "sender_address": street, "sender_city_state_zip": city,
            "phone": phone, "order_illegible": str(illegible).lower(), "slip_address_illegible": str(slip_address_illegible).lower(),
            "over_limit": "false", "unknown_person": str(unknown).lower(), "money_order_image": mo, "deposit_slip_image": ds,
            "layout": "outside-" + issuer[0].lower(),
        })
    with open(os.path.join(args.out, "batch.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["lockbox_id", "batch_number", "deposit_date", "item_count", "declared_total"])
        w.writerow(["LBX-OUT-01", args.batch_number, deposit.isoformat(), len(items), f"{total // 100}.{total % 100:02d}"])
    with open(os.path.join(args.out, "items.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sequence", "money_order_image", "deposit_slip_image"])
        w.writerows(items)
    with open(os.path.join(args.out, "truth.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(truth[0].keys()))
        w.writeheader()
        w.writerows(truth)
    print(f"wrote {args.out}: {len(items)} items, ${total / 100:,.2f}")


if __name__ == "__main__":
    main()
