using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 32 (issue #11): clear slips and MICR lines of the third generator that left legible orders waiting. A resident number
/// the page pass boxed in part, as noise, or not at all is read again from the strips where the form prints its value (beside
/// and under its label), for the roster to confirm under the name the slip reads; `CREDIT TO:` is found from `TO:` or from two
/// of its box words; an on-us symbol printed heavily enough to glue its bar and square is a symbol, not an eleventh digit; and
/// an issuer's known serial length and check digit say nothing of a serial of another length.
/// </summary>
[Collection("ocr")]
public class SlipAndMicrRound32Tests(EngineFixture fixture, ThirdSeed6Round32 six, ThirdSeed4Round32 four, ThirdSeed5Round32 five, ThirdSeed7Round32 seven)
    : IClassFixture<ThirdSeed6Round32>, IClassFixture<ThirdSeed4Round32>, IClassFixture<ThirdSeed5Round32>, IClassFixture<ThirdSeed7Round32>
{
    private readonly MoneyOrderReader _reader = new();

    private ThirdDrawnItems Seed(int seed) => seed switch { 4 => four, 5 => five, _ => six };

    [Theory]
    [InlineData(6, 117, "72928-790", "CHARLES GONZALEZ")] // boxed mono number read `a` at 0 over its first four digits
    [InlineData(6, 125, "72551-689", "ANDRE HALL")]       // a stamp's speck right of the label taken for the value
    [InlineData(6, 124, "11049-952", "HERNANDEZ, JOSE")]  // a stamp glued to the label: its box 66 px tall, the credit row read
    [InlineData(6, 141, "66662-028", "BARBARA RODRIGUEZ")] // the number never boxed on a gray, speckled slip
    [InlineData(4, 9, "83462-090", "DAVID MITCHELL")]     // only NUMBER found; every crop of its word lost the first two digits
    public void A_number_the_page_pass_did_not_read_is_read_where_the_form_prints_it_for_the_roster_to_confirm(int seed, int sequence, string number, string name)
    {
        // The first reading alone (round 36's reading of the slip without its specks settles 6 #117 and #141 on its own).
        var slip = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false }).ReadDepositSlip(fixture.Engine, GrayImage.Load(Seed(seed).Scan(sequence, "slip")));

        // Never settled by these reads alone: only a reading among others for the roster.
        Assert.Null(slip.ResidentNumber.Value);
        Assert.Contains(number, slip.ResidentNumber.Alternatives);
        var roster = new Dictionary<string, (string Last, string First)> { [number] = Split(name), ["12345-678"] = ("NOBODY", "ELSE") };
        var confirmed = LockboxDecider.ConfirmedByRoster(slip, n => roster.TryGetValue(n, out var p) ? p : null);
        Assert.Equal(number, confirmed.ResidentNumber.Value);
        // The same reads under a roster that holds the number under another name settle nothing.
        var stranger = new Dictionary<string, (string Last, string First)> { [number] = ("OTHER", "PERSON") };
        Assert.Null(LockboxDecider.ConfirmedByRoster(slip, n => stranger.TryGetValue(n, out var p) ? p : null).ResidentNumber.Value);
    }

    private static (string Last, string First) Split(string name) =>
        name.Contains(',', StringComparison.Ordinal) ? (name.Split(',')[0].Trim(), name.Split(',')[1].Trim()) : (name.Split(' ')[^1], name.Split(' ')[0]);

    [Theory]
    [InlineData(6, 37, AccountKind.Trust)]       // `crept to:`, MEDIA read `eo`: no box marked, the form's default
    [InlineData(6, 69, AccountKind.Trust)]       // skewed: `TO:` read, CREDIT and TRUST lost
    [InlineData(5, 109, AccountKind.Restitution)] // noisy gray: only `TO:` and a box glued into `Trust`
    [InlineData(4, 188, AccountKind.Restitution)]
    public void Credit_to_is_read_when_its_label_is_half_lost(int seed, int sequence, AccountKind kind)
    {
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(Seed(seed).Scan(sequence, "slip")));
        Assert.Equal(kind, slip.CreditTo.Value);
    }

    [Fact]
    public void A_heavy_on_us_symbol_glued_into_one_blob_bounds_the_serial_so_the_micr_print_confirms_it()
    {
        // Western Union, clean: `5515688393` at the top read at 97, its MICR repeat counted 11 glyphs with the symbol after it.
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(four.Scan(198, "order")));
        Assert.Equal("5515688393", order.Serial.Value);
    }

    [Fact]
    public void A_micr_fields_cut_leaves_out_the_symbol_beside_it()
    {
        // Credit-union stub, clean: `⑈7931772266⑈`, the symbol's square a pixel from the 7; with a sliver of it in the field's cut
        // the field read `1931772266` and contradicted the top print and the stub's, which agree.
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seven.Scan(132, "order")));
        Assert.Equal("7931772266", order.Serial.Value);
    }

    [Fact]
    public void Numerals_a_place_began_inside_are_read_whole()
    {
        // MoneyGram, clean: `$*****60.00` beside `**SIXTY AND 00/100 DOLLARS` (read `STXTY AND 90/100`); the place above-left of
        // NOT VALID OVER began inside the 6, and the rest read `30.00`.
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(six.Scan(161, "order")));
        Assert.Equal(60_00L, order.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void Numerals_printed_in_dots_are_read_with_their_dots_joined()
    {
        // Grocery, clean: `50 DOLLARS 00 CENTS` in bold dots, never read as a line before, beside FIFTY AND 00/100 DOLLARS.
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seven.Scan(120, "order")));
        Assert.Equal(50_00L, order.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData(6, "8801008139")]   // top print read `8801608139` beside the MICR field's 8801008139: the glyphs settle the 0
    [InlineData(145, "4036616407")]
    public void A_moneygram_serial_of_ten_digits_is_judged_as_an_unknown_issuers(int sequence, string serial)
    {
        var order = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seven.Scan(sequence, "order")));
        Assert.Equal(MoneyOrderIssuer.MoneyGram.Code, order.Issuer);
        Assert.Equal(serial, order.Serial.Value);
    }
}

/// <summary>Round 32: what the number strips and the credit row's fallbacks read, without OCR.</summary>
public class SlipReadingsRound32Tests
{
    [Theory]
    [InlineData("4.0.033-195", "40033-195")]   // stamp ink read as points between the digits (third tuning 6 #191)
    [InlineData("40,033-19'5", "40033-195")]
    [InlineData("AESAOE 4.0.033-195", "AESAOE 40033-195")]
    [InlineData("FCI-ALI. 40033", "FCI-ALI. 40033")] // a point after a letter or before a space stays
    public void Marks_between_two_digits_are_dropped(string read, string expected) =>
        Assert.Equal(expected, ResidentNumberDigits.WithoutMarksBetweenDigits(read));

    [Fact]
    public void Every_register_number_standing_alone_in_a_read_is_found()
    {
        Assert.Equal(["72928-790", "12345-678"], ResidentNumberDigits.RegisterNumbers("=72928-790 FCI 12345 - 678"));
        // Part of a longer run of digits or letters is no register number.
        Assert.Empty(ResidentNumberDigits.RegisterNumbers("172928-7901 A72928-790"));
    }

    [Fact]
    public void To_with_its_colon_once_on_the_slip_stands_for_the_credit_label()
    {
        var page = new PageLayout([W("CREDIT", 100, 500, 80, 18, 10), W("TO:", 190, 500, 34, 18), W("TRUST", 270, 500, 60, 18)], 1200, 800);
        Assert.Equal(new PixelRect(190, 500, 34, 18), CreditBoxes.LabelFromTo(page)!.Box);
        // Without the colon, or twice on the page, it says nothing.
        Assert.Null(CreditBoxes.LabelFromTo(new PageLayout([W("TO", 190, 500, 34, 18)], 1200, 800)));
        Assert.Null(CreditBoxes.LabelFromTo(new PageLayout([W("TO:", 190, 500, 34, 18), W("to:", 190, 700, 34, 18)], 1200, 800)));
    }

    [Fact]
    public void Two_box_words_with_trust_among_them_stand_for_the_credit_label_trust_needed()
    {
        var withTrust = new PageLayout([W("crept", 98, 474, 67, 13, 19), W("TRUST", 267, 474, 61, 13), W("eo", 416, 473, 57, 14, 9),
            W("Restitution", 560, 473, 119, 14, 89)], 1300, 900);
        var label = CreditBoxes.LabelFromWords(withTrust, ["TRUST", "MEDIA", "RESTITUTION"]);
        Assert.NotNull(label);
        Assert.True(label.Box.Right < 267);
        // Without TRUST nothing says where the first box is: the boxes would be taken from the wrong one.
        var withoutTrust = new PageLayout([W("MEDIA", 496, 631, 66, 16), W("RESTITUTION", 669, 632, 137, 16)], 1300, 900);
        Assert.Null(CreditBoxes.LabelFromWords(withoutTrust, ["TRUST", "MEDIA", "RESTITUTION"]));
        // A word found twice is no row.
        var twice = new PageLayout([W("TRUST", 267, 474, 61, 13), W("TRUST", 267, 700, 61, 13), W("MEDIA", 416, 473, 57, 14)], 1300, 900);
        Assert.Null(CreditBoxes.LabelFromWords(twice, ["TRUST", "MEDIA", "RESTITUTION"]));
    }
}

/// <summary>Round 32: a line found in a place that begins inside it is followed past the place's edge.</summary>
public class NumeralLinePastEdgesRound32Tests
{
    [Fact]
    public void A_line_cut_by_the_places_left_edge_is_found_whole_past_it_and_a_whole_line_gives_nothing_more()
    {
        var image = GrayImage.Decode(Ledger.Samples.Lockbox.LockboxSampleImages.RenderTextLine("$*****60.00", 48, sansBold: true));
        var whole = NumeralLine.Find(image, image.Bounds, textHeight: 24);
        Assert.NotNull(whole);
        // The place begins in the middle of the 6 (the second tall glyph, after the `$`), as on the form.
        var tall = AsteriskFill.Components(image, AsteriskFill.InkThreshold(image)).OrderBy(b => b.Box.Left).ToList();
        var six = tall.Where(b => b.Box.Height >= 0.7 * tall.Max(t => t.Box.Height)).ElementAt(1).Box;
        var cut = PixelRect.FromEdges(six.Left + six.Width / 2, 0, image.Width, image.Height);
        var part = NumeralLine.Find(image, cut, textHeight: 24);
        Assert.NotNull(part);
        var past = NumeralLine.FindPastEdges(image, cut, textHeight: 24);
        Assert.NotNull(past);
        Assert.True(past.Width > part.Width + image.Width / 4, $"{past.Width} against {part.Width}");
        Assert.Equal(whole.Width, past.Width);
        // A place that holds the whole line: nothing runs out of it.
        Assert.Null(NumeralLine.FindPastEdges(image, image.Bounds, textHeight: 24));
    }
}
