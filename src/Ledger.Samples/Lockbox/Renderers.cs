using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using SkiaSharp;

namespace Ledger.Samples.Lockbox;

internal sealed record OrderContent(
    MoneyOrderIssuer Issuer, OrderLayout Layout, string Serial, string Courtesy, string Legal, string PayTo,
    string PurchaserName, string PurchaserStreet, string PurchaserCity, DateOnly Date);

internal sealed record SlipContent(
    string ResidentName, string ResidentNumber, string Facility, AccountKind? Marked, bool TypedX,
    string SenderName, string SenderStreet, string SenderCity, string Phone);

/// <summary>A drawn page and the areas an illegible scan must spoil (image pixels, before skew).</summary>
internal sealed record RenderedPage(ScanRaster Raster, IReadOnlyList<SKRectI> AmountAreas, IReadOnlyList<SKRectI> AddressAreas);

/// <summary>The issuer layouts the generator draws. Each uses its own labels (all variants of FORMATS.md) and arrangement.</summary>
public enum OrderLayout
{
    Postal,
    PostalB,
    MoneyGram,
    WesternUnion,
    PrairieBank,
    OtherBank,
}

/// <summary>
/// Money-order fronts: six issuer layouts, each placed, sized and typed differently per item (positions,
/// fonts, sizes, dpi), with the print real forms carry around the fields (date boxes, captions, NOT VALID
/// OVER $1,000, agent codes, signature lines, a MICR line) so a reader cannot rely on one template.
/// </summary>
internal static class MoneyOrderRenderer
{
    public const int Width = 2100;
    public const int Height = 950;

    public static RenderedPage Render(OrderContent c, Random rng, int dpi, (float X, float Y)? stampAt, bool signatureOver, bool micr = true)
    {
        using var sheet = new Sheet(Width, Height, paper: (byte)(240 + rng.Next(12)), bed: 215, dpi);
        if (rng.Next(3) == 0) sheet.Hatch((byte)(222 + rng.Next(20)), 14 + rng.Next(20));
        else sheet.Guilloche(rng, (byte)(205 + rng.Next(30)));
        sheet.Box(new SKRect(12, 12, Width - 12, Height - 12), 4, 90);
        float J(int r = 30) => rng.Next(-r, r + 1);
        float S() => (float)(0.85 + rng.NextDouble() * 0.3);
        SKTypeface Pick() => SampleFonts.Values[rng.Next(SampleFonts.Values.Count)];
        var label = rng.Next(3) switch { 0 => SampleFonts.Sans, 1 => SampleFonts.SansCondensedBold, _ => SampleFonts.SansBold };
        var valueFont = Pick();
        var amountFont = Pick();
        var serialFont = rng.Next(2) == 0 ? SampleFonts.MonoBold : Pick();
        var amounts = new List<SKRectI>();
        var s = S();
        var dx = J(40);
        var dy = J(20);
        var date = c.Date;

        void Micr(float y)
        {
            if (!micr) return;
            var size = 42 * S();
            var x = 220 + J(120);
            var face = rng.Next(2) == 0 ? SampleFonts.MonoBold : SampleFonts.SansCondensedBold;
            var routing = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + rng.Next(10))));
            sheet.MicrSymbol(x, y, size, 0);
            x += size * 0.7f;
            sheet.Text(routing, x, y, face, size);
            x += Sheet.Measure(routing, face, size) + size * 0.2f;
            sheet.MicrSymbol(x, y, size, 0);
            x += size * 1.2f;
            sheet.Text(c.Serial, x, y, face, size);
            x += Sheet.Measure(c.Serial, face, size) + size * 0.2f;
            sheet.MicrSymbol(x, y, size, 1);
        }

        void Purchaser(string labelText, float x, float y, bool valuesRight, bool addressLabel)
        {
            sheet.Text(labelText, x, y, label, 28 * s);
            var vs = 40 * s;
            var vx = valuesRight ? x + Sheet.Measure(labelText, label, 28 * s) + 40 + rng.Next(60) : x;
            var vy = valuesRight ? y : y + vs * 1.4f;
            sheet.Text(c.PurchaserName, vx, vy, valueFont, vs);
            if (addressLabel)
            {
                sheet.Text("ADDRESS", x, vy + vs * 1.45f, label, 24 * s);
                var ax = x + Sheet.Measure("ADDRESS", label, 24 * s) + 40;
                sheet.Text(c.PurchaserStreet, Math.Max(vx, ax), vy + vs * 1.45f, valueFont, vs);
                sheet.Text(c.PurchaserCity, Math.Max(vx, ax), vy + vs * 2.9f, valueFont, vs);
            }
            else
            {
                sheet.Text(c.PurchaserStreet, vx, vy + vs * 1.45f, valueFont, vs);
                sheet.Text(c.PurchaserCity, vx, vy + vs * 2.9f, valueFont, vs);
            }
        }

        void SignatureLine(float x, float y, string caption)
        {
            sheet.Line(x, y, x + 600, y, 2, 60);
            sheet.Text(caption, x, y + 30, SampleFonts.Sans, 20);
            if (rng.Next(2) == 0) sheet.Signature(rng, x + 30, y - 20, 300 + rng.Next(250));
        }

        var ci = System.Globalization.CultureInfo.InvariantCulture;
        switch (c.Layout)
        {
            case OrderLayout.Postal:
            {
                sheet.Text("UNITED STATES POSTAL SERVICE", 80 + dx, 90 + dy, label, 30 * s);
                sheet.Text("POSTAL MONEY ORDER", 80 + dx, 165 + dy, rng.Next(2) == 0 ? SampleFonts.SerifBold : SampleFonts.SansBold, 60 * s);
                var sx = 1300 + J(60);
                var sy = 90 + J(15);
                sheet.Text("SERIAL NUMBER", sx, sy, label, 26 * s);
                sheet.Text(c.Serial, sx, sy + 60 * s, serialFont, 48 * s);
                sheet.Text("YEAR    MONTH    DAY", sx, sy + 130 * s, SampleFonts.Sans, 22 * s);
                sheet.Text(date.ToString("yyyy      MM        dd", ci), sx, sy + 175 * s, SampleFonts.Mono, 32 * s);
                sheet.Text(string.Create(ci, $"POST OFFICE {rng.Next(100000, 999999)}"), sx + 450, sy + 20, SampleFonts.Sans, 20);
                var ax = 1350 + J(60);
                var ay = 400 + J(20);
                sheet.Text("DOLLARS AND CENTS", ax, ay - 80 * s, SampleFonts.Sans, 22 * s);
                sheet.Box(new SKRect(ax - 30, ay - 62 * s, 2050, ay + 26), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, amountFont, 52 * s));
                var ly = 500 + J(20);
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, amountFont, 38 * s));
                var py = 610 + J(20);
                sheet.Text("PAY TO", 80 + dx, py, label, 28 * s);
                sheet.Text(c.PayTo, 300 + dx, py, valueFont, 40 * s);
                sheet.Line(290 + dx, py + 14, 1250, py + 14, 2, 80);
                Purchaser("FROM", 80 + dx, py + 85, valuesRight: true, addressLabel: true);
                sheet.Text("NOT VALID OVER $1,000", 1420 + J(40), 620 + J(20), label, 24);
                SignatureLine(1380, 760, "PURCHASER SIGNATURE");
                Micr(905);
                break;
            }
            case OrderLayout.PostalB:
            {
                sheet.Text("POSTAL MONEY ORDER", 600 + dx, 95 + dy, SampleFonts.SerifBold, 54 * s);
                sheet.Text("UNITED STATES POSTAL SERVICE", 600 + dx, 140 + dy, SampleFonts.Sans, 24 * s);
                var sy = 230 + J(20);
                sheet.Text("NO.", 80 + dx, sy, label, 28 * s);
                sheet.Text(c.Serial, 160 + dx, sy, serialFont, 46 * s);
                sheet.Text("DATE", 900 + J(60), sy, label, 24 * s);
                sheet.Text(date.ToString("MM/dd/yyyy", ci), 1000 + J(40), sy, SampleFonts.Mono, 34 * s);
                var ax = 1450 + J(60);
                sheet.Text("AMOUNT", ax, sy - 60, SampleFonts.Sans, 22 * s);
                amounts.Add(sheet.Text(c.Courtesy, ax, sy, amountFont, 50 * s));
                var ly = 360 + J(20);
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, amountFont, 38 * s));
                sheet.Line(80 + dx, ly + 14, 2000, ly + 14, 2, 90);
                var py = 480 + J(20);
                sheet.Text("PAY TO", 80 + dx, py, label, 28 * s);
                sheet.Text(c.PayTo, 80 + dx, py + 60 * s, valueFont, 40 * s);
                Purchaser("FROM", 1150 + J(40), py, valuesRight: false, addressLabel: false);
                sheet.Text("NOT VALID OVER $1,000", 80 + dx, 760, SampleFonts.Sans, 22);
                sheet.Text(string.Create(ci, $"CLERK {rng.Next(10, 99)}   OFFICE {rng.Next(100000, 999999)}"), 80 + dx, 800, SampleFonts.Sans, 20);
                Micr(905);
                break;
            }
            case OrderLayout.MoneyGram:
            {
                sheet.Text("MONEYGRAM", 80 + dx, 120 + dy, SampleFonts.SansBold, 70 * s);
                sheet.Text("MONEY ORDER", 80 + dx, 175 + dy, SampleFonts.Sans, 32 * s);
                var sx = 1250 + J(60);
                var sy = 100 + J(20);
                sheet.Text("NO.", sx, sy, label, 28 * s);
                sheet.Text(c.Serial, sx + 90, sy, serialFont, 46 * s);
                sheet.Text("DATE", sx, sy + 75, label, 24 * s);
                sheet.Text(date.ToString("MM/dd/yyyy", ci), sx + 100, sy + 75, SampleFonts.Mono, 36 * s);
                sheet.Text(string.Create(ci, $"AGENT NO. {rng.Next(10000, 99999)}"), sx, sy + 140, SampleFonts.Sans, 22);
                var py = 330 + J(20);
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, label, 28 * s);
                sheet.Text(c.PayTo, 480 + dx + rng.Next(60), py, valueFont, 40 * s);
                sheet.Line(470 + dx, py + 14, 1450, py + 14, 2, 80);
                var ax = 1500 + J(40);
                var ay = 450 + J(20);
                sheet.Text("AMOUNT", ax, ay - 75 * s, SampleFonts.Sans, 22 * s);
                sheet.Box(new SKRect(ax - 30, ay - 60 * s, 2050, ay + 26), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, amountFont, 52 * s));
                var ly = 555 + J(20);
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, amountFont, 38 * s));
                Purchaser("PURCHASER", 80 + dx, 660 + J(15), valuesRight: false, addressLabel: false);
                sheet.Text("NOT VALID OVER $1,000", 1450, 640, SampleFonts.SansBold, 22);
                SignatureLine(1300, 790, "SIGNATURE OF PURCHASER");
                Micr(912);
                break;
            }
            case OrderLayout.WesternUnion:
            {
                sheet.Text("WESTERN UNION", 80 + dx, 115 + dy, SampleFonts.SansBold, 62 * s);
                sheet.Text("MONEY ORDER", 80 + dx, 170 + dy, label, 30 * s);
                var sx = 1200 + J(60);
                var sy = 100 + J(20);
                sheet.Text("SERIAL NO.", sx, sy, label, 28 * s);
                sheet.Text(c.Serial, sx + 220, sy, serialFont, 44 * s);
                var ax = 1150 + J(60);
                var ay = 250 + J(20);
                sheet.Text("DOLLARS AND CENTS", ax, ay - 70 * s, SampleFonts.Sans, 20 * s);
                sheet.Box(new SKRect(ax - 30, ay - 58 * s, 2050, ay + 24), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, amountFont, 44 * s));
                var py = 360 + J(20);
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, label, 26 * s);
                sheet.Text(c.PayTo, 80 + dx, py + 60 * s, valueFont, 40 * s);
                sheet.Text("DATE", 1300 + J(40), py, label, 24);
                sheet.Text(date.ToString("MMM dd yyyy", ci).ToUpperInvariant(), 1400 + J(30), py, SampleFonts.Mono, 32);
                var ly = 530 + J(20);
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, amountFont, 36 * s));
                Purchaser("PURCHASER", 80 + dx, 650 + J(15), valuesRight: true, addressLabel: false);
                sheet.Text(string.Create(ci, $"AGENT {rng.Next(100000, 999999)}-{rng.Next(10, 99)}"), 1450, 700, SampleFonts.Sans, 22);
                SignatureLine(1350, 820, "DRAWER");
                Micr(910);
                break;
            }
            case OrderLayout.PrairieBank:
            {
                sheet.Text(c.Issuer.Name, 80 + dx, 110 + dy, SampleFonts.SerifBold, 54 * s);
                sheet.Text("PERSONAL MONEY ORDER", 80 + dx, 160 + dy, SampleFonts.Serif, 28 * s);
                var sx = 1450 + J(60);
                var sy = 100 + J(20);
                sheet.Text("NO.", sx, sy, label, 28 * s);
                sheet.Text(c.Serial, sx + 80, sy, serialFont, 44 * s);
                sheet.Text("DATE", sx, sy + 70, label, 24 * s);
                sheet.Text(date.ToString("yyyy-MM-dd", ci), sx + 100, sy + 70, SampleFonts.Mono, 36 * s);
                var py = 340 + J(20);
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, label, 26 * s);
                sheet.Text(c.PayTo, 450 + dx, py, valueFont, 40 * s);
                sheet.Line(440 + dx, py + 14, 1380, py + 14, 2, 80);
                var ax = 1500 + J(40);
                sheet.Box(new SKRect(ax - 30, py - 58 * s, 2050, py + 24), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, py, amountFont, 46 * s));
                var ly = 460 + J(20);
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, amountFont, 36 * s));
                sheet.Text("DOLLARS", 1850, ly, SampleFonts.Sans, 20);
                Purchaser("FROM", 80 + dx, 590 + J(15), valuesRight: true, addressLabel: rng.Next(2) == 0);
                SignatureLine(1350, 800, "AUTHORIZED SIGNATURE");
                Micr(905);
                break;
            }
            default:
            {
                sheet.Text(c.Issuer.Name, 700 + dx, 90 + dy, SampleFonts.SansBold, 44 * s);
                sheet.Text("MONEY ORDER", 700 + dx, 145 + dy, SampleFonts.Serif, 34 * s);
                var sy = 90 + J(15);
                sheet.Text("SERIAL NO.", 80 + dx, sy, label, 24 * s);
                sheet.Text(c.Serial, 80 + dx, sy + 55 * s, serialFont, 42 * s);
                sheet.Text("DATE", 1700, sy, label, 22);
                sheet.Text(date.ToString("MM-dd-yyyy", ci), 1700, sy + 50, SampleFonts.Mono, 32);
                var py = 300 + J(20);
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, label, 26 * s);
                sheet.Text(c.PayTo, 450 + dx, py, valueFont, 40 * s);
                var ly = 410 + J(20);
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, amountFont, 36 * s));
                var ax = 1400 + J(60);
                var ay = 560 + J(20);
                sheet.Text("AMOUNT", ax - 200, ay, label, 26);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, amountFont, 50 * s));
                Purchaser("PURCHASER", 80 + dx, 560 + J(15), valuesRight: false, addressLabel: false);
                sheet.Text("NOT VALID OVER $1,000", 1400, 680, SampleFonts.Sans, 22);
                SignatureLine(1300, 800, "PURCHASER");
                Micr(905);
                break;
            }
        }

        if (stampAt is { } at) sheet.Stamp(rng, at.X, at.Y, "RECEIVED", "LOCKBOX");
        if (signatureOver) sheet.Signature(rng, 150 + rng.Next(800), 800 + rng.Next(60), 500);
        return new RenderedPage(sheet.ToRaster(), amounts, []);
    }
}

/// <summary>This company's deposit slip: fixed labels, values typed beside them or printed under them.</summary>
internal static class DepositSlipRenderer
{
    public const int Width = 2100;
    public const int Height = 1100;

    public static RenderedPage Render(SlipContent c, Random rng, bool stamped, int dpi = 300)
    {
        using var sheet = new Sheet(Width, Height, paper: (byte)(244 + rng.Next(10)), bed: 215, dpi);
        sheet.Box(new SKRect(12, 12, Width - 12, Height - 12), 4, 90);
        float J() => rng.Next(-12, 13);
        var valueFont = rng.Next(4) switch
        {
            0 => SampleFonts.Sans,
            1 => SampleFonts.SansCondensed,
            _ => SampleFonts.Mono,
        };
        const string title = "MONEY ORDER DEPOSIT SLIP";
        var tw = Sheet.Measure(title, SampleFonts.SansBold, 56);
        sheet.Text(title, (Width - tw) / 2 + J(), 105, SampleFonts.SansBold, 56);
        const string sub = "LEDGER INMATE SERVICES - PO BOX 12345 - PITTSBURGH PA 15230";
        var sw = Sheet.Measure(sub, SampleFonts.Sans, 24);
        sheet.Text(sub, (Width - sw) / 2, 150, SampleFonts.Sans, 24);
        var address = new List<SKRectI>();

        if (rng.Next(2) == 0)
        {
            // Values typed beside their labels.
            var lx = 80 + J();
            var vx = 640 + J();
            var y = 250 + J();
            void Row(string label, string value, bool isAddress = false)
            {
                sheet.Text(label, lx, y, SampleFonts.SansBold, 30);
                var box = sheet.Text(value, vx, y, valueFont, 44);
                sheet.Line(vx - 10, y + 14, Width - 120, y + 14, 2, 110);
                if (isAddress) address.Add(box);
                y += 82;
            }
            Row("RESIDENT NAME:", c.ResidentName);
            Row("RESIDENT NUMBER:", c.ResidentNumber);
            Row("FACILITY:", c.Facility);
            y += 20;
            CreditTo(sheet, c, lx, vx, y, rng);
            y += 110;
            Row("SENDER NAME:", c.SenderName);
            Row("SENDER ADDRESS:", c.SenderStreet, isAddress: true);
            Row("CITY, STATE ZIP:", c.SenderCity, isAddress: true);
            Row("PHONE:", c.Phone);
        }
        else
        {
            // Labels in small print, values printed on the line under them, in two columns.
            var left = 80 + J();
            var right = 1150 + J();
            var y = 230 + J();
            SKRectI Cell(string label, string value, float x, float top)
            {
                sheet.Text(label, x, top, SampleFonts.SansBold, 26);
                var box = sheet.Text(value, x + 10, top + 62, valueFont, 44);
                sheet.Line(x, top + 76, x + 880, top + 76, 2, 110);
                return box;
            }
            Cell("RESIDENT NAME", c.ResidentName, left, y);
            Cell("RESIDENT NUMBER", c.ResidentNumber, right, y);
            y += 150;
            Cell("FACILITY", c.Facility, left, y);
            Cell("PHONE", c.Phone, right, y);
            y += 160;
            CreditTo(sheet, c, left, left + 300, y, rng);
            y += 120;
            Cell("SENDER NAME", c.SenderName, left, y);
            y += 150;
            address.Add(Cell("SENDER ADDRESS", c.SenderStreet, left, y));
            address.Add(Cell("CITY, STATE ZIP", c.SenderCity, right, y));
        }
        sheet.Text("PLEASE MAIL WITH YOUR MONEY ORDER. DO NOT SEND CASH.", 80, Height - 40, SampleFonts.Sans, 22);
        // The mailroom stamps the slip's lower right, over the phone line and the footer, not over the resident's number.
        if (stamped) sheet.Stamp(rng, 1650 + rng.Next(-100, 100), 930 + rng.Next(0, 60), "RECEIVED", "LOCKBOX");
        return new RenderedPage(sheet.ToRaster(), [], address);
    }

    private static void CreditTo(Sheet sheet, SlipContent c, float lx, float firstBoxX, float y, Random rng)
    {
        sheet.Text("CREDIT TO:", lx, y, SampleFonts.SansBold, 30);
        var x = firstBoxX;
        foreach (var (kind, label) in new[] { (AccountKind.Trust, "TRUST"), (AccountKind.Media, "MEDIA"), (AccountKind.Restitution, "RESTITUTION") })
        {
            const float size = 46;
            var box = new SKRect(x, y - size + 6, x + size, y + 6);
            sheet.Box(box, 3, 30);
            if (c.Marked == kind)
            {
                if (c.TypedX)
                {
                    var w = Sheet.Measure("X", SampleFonts.MonoBold, 44);
                    sheet.Text("X", box.MidX - w / 2, y - 2, SampleFonts.MonoBold, 44, 20);
                }
                else
                {
                    float W() => (float)(rng.NextDouble() * 8 - 4);
                    sheet.Line(box.Left + 6 + W(), box.Top + 6 + W(), box.Right - 6 + W(), box.Bottom - 6 + W(), 6, 25);
                    sheet.Line(box.Right - 6 + W(), box.Top + 6 + W(), box.Left + 6 + W(), box.Bottom - 6 + W(), 6, 25);
                }
            }
            sheet.Text(label, x + size + 24, y, SampleFonts.SansBold, 30);
            x += size + 24 + Sheet.Measure(label, SampleFonts.SansBold, 30) + 110;
        }
    }
}
