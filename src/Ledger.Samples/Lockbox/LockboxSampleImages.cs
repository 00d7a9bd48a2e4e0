using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;

namespace Ledger.Samples.Lockbox;

/// <summary>Single clean scans for tests: a line of text, or a money order / slip with chosen contents.</summary>
public static class LockboxSampleImages
{
    /// <summary>
    /// One line of text in DejaVu Sans Mono (or Serif Bold, as the postal forms print amounts, or Sans Bold, as titles and
    /// serials are often printed), as an 8-bit gray PNG at 300 dpi.
    /// </summary>
    public static byte[] RenderTextLine(string text, float size = 48, bool serifBold = false, bool sansBold = false)
    {
        var font = serifBold ? SampleFonts.SerifBold : sansBold ? SampleFonts.SansBold : SampleFonts.Mono;
        var width = (int)Sheet.Measure(text, font, size) + 120;
        using var sheet = new Sheet(width, (int)(size * 2.2f), 250, 250);
        sheet.Text(text, 40, size * 1.4f, font, size, 20);
        return sheet.ToRaster().EncodePng();
    }

    /// <summary>A clean money order whose numerals and words may say different things (to test the cross-check).</summary>
    public static byte[] RenderMoneyOrder(string issuerCode, string serial, string courtesyText, string legalText, string payTo = "LEDGER INMATE SERVICES",
        string purchaserName = "MARY SMITH", string street = "12 MAIN ST", string city = "ERIE, PA 16501", int seed = 1, OrderLayout? layout = null, int dpi = 300, bool micr = true)
    {
        var issuer = MoneyOrderIssuer.FromCode(issuerCode) ?? new MoneyOrderIssuer(issuerCode, "LAKESHORE SAVINGS BANK", [], serial.Length, CheckDigitScheme.None);
        var drawn = layout ?? issuer.Code switch
        {
            "USPS" => OrderLayout.Postal,
            "MONEYGRAM" => OrderLayout.MoneyGram,
            "WESTERN_UNION" => OrderLayout.WesternUnion,
            "FIRST_PRAIRIE_BANK" => OrderLayout.PrairieBank,
            _ => OrderLayout.OtherBank,
        };
        var rng = new Random(seed);
        var page = MoneyOrderRenderer.Render(new OrderContent(issuer, drawn, serial, courtesyText, legalText, payTo, purchaserName, street, city, new DateOnly(2026, 11, 20)), rng, dpi, null, false, micr);
        return page.Raster.EncodePng();
    }

    /// <summary>A clean deposit slip.</summary>
    public static byte[] RenderDepositSlip(string residentName, string residentNumber, string facility, AccountKind? marked,
        string senderName = "MARY SMITH", string street = "12 MAIN ST", string city = "ERIE, PA 16501", string phone = "(814) 555-0100", int seed = 1)
    {
        var rng = new Random(seed);
        var page = DepositSlipRenderer.Render(new SlipContent(residentName, residentNumber, facility, marked, false, senderName, street, city, phone), rng, false);
        return page.Raster.EncodePng();
    }
}
