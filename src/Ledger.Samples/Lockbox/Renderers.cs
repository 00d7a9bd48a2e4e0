using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using SkiaSharp;

namespace Ledger.Samples.Lockbox;

internal sealed record OrderContent(
    MoneyOrderIssuer Issuer, string Serial, string Courtesy, string Legal, string PayTo,
    string PurchaserName, string PurchaserStreet, string PurchaserCity, DateOnly Date);

internal sealed record SlipContent(
    string ResidentName, string ResidentNumber, string Facility, AccountKind? Marked, bool TypedX,
    string SenderName, string SenderStreet, string SenderCity, string Phone);

/// <summary>A drawn page and the areas an illegible scan must spoil (image pixels, before skew).</summary>
internal sealed record RenderedPage(ScanRaster Raster, IReadOnlyList<SKRectI> AmountAreas, IReadOnlyList<SKRectI> AddressAreas);

/// <summary>Money-order fronts, one layout per issuer, each nudged a little per item so no two scans line up.</summary>
internal static class MoneyOrderRenderer
{
    public const int Width = 2100;
    public const int Height = 950;

    public static RenderedPage Render(OrderContent c, Random rng, (float X, float Y)? stampAt)
    {
        using var sheet = new Sheet(Width, Height, paper: (byte)(242 + rng.Next(10)), bed: 215);
        sheet.Guilloche(rng, (byte)(212 + rng.Next(20)));
        sheet.Box(new SKRect(12, 12, Width - 12, Height - 12), 4, 90);
        float J() => rng.Next(-14, 15);
        var amounts = new List<SKRectI>();
        var valueFont = rng.Next(3) == 0 ? SampleFonts.MonoBold : SampleFonts.Mono;
        var dx = J();
        var dy = J();

        switch (c.Issuer.Code)
        {
            case "USPS":
            {
                sheet.Text("UNITED STATES POSTAL SERVICE", 80 + dx, 100 + dy, SampleFonts.SansBold, 30);
                sheet.Text("POSTAL MONEY ORDER", 80 + dx, 175 + dy, SampleFonts.SerifBold, 62);
                var sx = 1320 + J();
                var sy = 95 + J();
                sheet.Text("SERIAL NUMBER", sx, sy, SampleFonts.SansBold, 28);
                sheet.Text(c.Serial, sx, sy + 65, SampleFonts.MonoBold, 50);
                sheet.Text("YEAR  MONTH  DAY", sx, sy + 140, SampleFonts.Sans, 24);
                sheet.Text(c.Date.ToString("yyyy   MM     dd", System.Globalization.CultureInfo.InvariantCulture), sx, sy + 185, SampleFonts.Mono, 34);
                var ax = 1400 + J();
                var ay = 400 + J();
                sheet.Box(new SKRect(ax - 30, ay - 62, 2040, ay + 26), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, SampleFonts.MonoBold, 54));
                var ly = 500 + J();
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, SampleFonts.MonoBold, 40));
                var py = 610 + J();
                sheet.Text("PAY TO", 80 + dx, py, SampleFonts.SansBold, 30);
                sheet.Text(c.PayTo, 330 + dx, py, valueFont, 42);
                sheet.Line(320 + dx, py + 14, 1300, py + 14, 2, 80);
                sheet.Text("FROM", 80 + dx, py + 100, SampleFonts.SansBold, 30);
                sheet.Text(c.PurchaserName, 330 + dx, py + 100, valueFont, 42);
                sheet.Text(c.PurchaserStreet, 330 + dx, py + 160, valueFont, 42);
                sheet.Text(c.PurchaserCity, 330 + dx, py + 220, valueFont, 42);
                sheet.Text("NEGOTIABLE ONLY IN THE U.S. AND POSSESSIONS", 1250, 880, SampleFonts.Sans, 22);
                break;
            }
            case "MONEYGRAM":
            {
                sheet.Text("MONEYGRAM", 80 + dx, 120 + dy, SampleFonts.SansBold, 72);
                sheet.Text("MONEY ORDER", 80 + dx, 178 + dy, SampleFonts.Sans, 34);
                var sx = 1300 + J();
                var sy = 110 + J();
                sheet.Text("NO.", sx, sy, SampleFonts.SansBold, 30);
                sheet.Text(c.Serial, sx + 90, sy, SampleFonts.Mono, 46);
                sheet.Text("DATE", sx, sy + 75, SampleFonts.SansBold, 26);
                sheet.Text(c.Date.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture), sx + 100, sy + 75, SampleFonts.Mono, 38);
                var py = 320 + J();
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, SampleFonts.SansBold, 30);
                sheet.Text(c.PayTo, 520 + dx, py, valueFont, 42);
                sheet.Line(510 + dx, py + 14, 1500, py + 14, 2, 80);
                var ax = 1450 + J();
                var ay = 440 + J();
                sheet.Box(new SKRect(ax - 30, ay - 62, 2040, ay + 26), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, SampleFonts.MonoBold, 56));
                var ly = 550 + J();
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, SampleFonts.MonoBold, 40));
                var ry = 660 + J();
                sheet.Text("PURCHASER", 80 + dx, ry, SampleFonts.SansBold, 30);
                sheet.Text(c.PurchaserName, 80 + dx, ry + 60, valueFont, 40);
                sheet.Text(c.PurchaserStreet, 80 + dx, ry + 115, valueFont, 40);
                sheet.Text(c.PurchaserCity, 80 + dx, ry + 170, valueFont, 40);
                break;
            }
            case "WESTERN_UNION":
            {
                sheet.Text("WESTERN UNION", 80 + dx, 115 + dy, SampleFonts.SansBold, 64);
                sheet.Text("MONEY ORDER", 80 + dx, 170 + dy, SampleFonts.SansBold, 32);
                var sx = 1250 + J();
                var sy = 110 + J();
                sheet.Text("SERIAL NO.", sx, sy, SampleFonts.SansBold, 30);
                sheet.Text(c.Serial, sx + 210, sy, SampleFonts.Mono, 46);
                var ax = 1200 + J();
                var ay = 250 + J();
                sheet.Box(new SKRect(ax - 30, ay - 58, 2040, ay + 24), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, ay, SampleFonts.MonoBold, 46));
                var py = 350 + J();
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, SampleFonts.SansBold, 28);
                sheet.Text(c.PayTo, 80 + dx, py + 62, valueFont, 42);
                var ly = 530 + J();
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, SampleFonts.MonoBold, 40));
                var ry = 660 + J();
                sheet.Text("PURCHASER", 80 + dx, ry, SampleFonts.SansBold, 30);
                sheet.Text(c.PurchaserName, 380 + dx, ry, valueFont, 40);
                sheet.Text(c.PurchaserStreet, 380 + dx, ry + 58, valueFont, 40);
                sheet.Text(c.PurchaserCity, 380 + dx, ry + 116, valueFont, 40);
                break;
            }
            default:
            {
                sheet.Text(c.Issuer.Name, 80 + dx, 110 + dy, SampleFonts.SerifBold, 56);
                sheet.Text("PERSONAL MONEY ORDER", 80 + dx, 165 + dy, SampleFonts.Sans, 30);
                var sx = 1450 + J();
                var sy = 100 + J();
                sheet.Text("NO.", sx, sy, SampleFonts.SansBold, 30);
                sheet.Text(c.Serial, sx + 85, sy, SampleFonts.Mono, 46);
                sheet.Text("DATE", sx, sy + 75, SampleFonts.SansBold, 26);
                sheet.Text(c.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), sx + 100, sy + 75, SampleFonts.Mono, 38);
                var py = 340 + J();
                sheet.Text("PAY TO THE ORDER OF", 80 + dx, py, SampleFonts.SansBold, 28);
                sheet.Text(c.PayTo, 470 + dx, py, valueFont, 40);
                sheet.Line(460 + dx, py + 14, 1380, py + 14, 2, 80);
                var ax = 1500 + J();
                sheet.Box(new SKRect(ax - 30, py - 58, 2040, py + 24), 3, 60);
                amounts.Add(sheet.Text(c.Courtesy, ax, py, SampleFonts.MonoBold, 48));
                var ly = 460 + J();
                amounts.Add(sheet.Text(c.Legal, 80 + dx, ly, SampleFonts.MonoBold, 40));
                var ry = 600 + J();
                sheet.Text("FROM", 80 + dx, ry, SampleFonts.SansBold, 30);
                sheet.Text(c.PurchaserName, 250 + dx, ry, valueFont, 40);
                sheet.Text(c.PurchaserStreet, 250 + dx, ry + 58, valueFont, 40);
                sheet.Text(c.PurchaserCity, 250 + dx, ry + 116, valueFont, 40);
                break;
            }
        }

        if (stampAt is { } at) sheet.Stamp(rng, at.X, at.Y, "RECEIVED", "LOCKBOX");
        return new RenderedPage(sheet.ToRaster(), amounts, []);
    }
}

/// <summary>This company's deposit slip: fixed labels, values typed beside them or printed under them.</summary>
internal static class DepositSlipRenderer
{
    public const int Width = 2100;
    public const int Height = 1100;

    public static RenderedPage Render(SlipContent c, Random rng, bool stamped)
    {
        using var sheet = new Sheet(Width, Height, paper: (byte)(244 + rng.Next(10)), bed: 215);
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
        if (stamped) sheet.Stamp(rng, 1500 + rng.Next(-150, 150), 250 + rng.Next(0, 80), "RECEIVED", "LOCKBOX");
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
