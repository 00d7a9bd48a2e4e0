using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 30 (issue #11): amounts of the third generator's forms that a person reads at a glance and the reader did not. Each
/// scan is an order of third tuning seed 4 whose amount waited for keying; each rule is also held to what it must refuse.
/// </summary>
[Collection("ocr")]
public class ThirdGeneratorRound30Tests(EngineFixture fixture, ThirdSeed4Round30 third) : IClassFixture<ThirdSeed4Round30>
{
    private readonly MoneyOrderReader _reader = new();

    [Theory]
    [InlineData(57, 1000L)]     // grocery: solid `$10.00` beside dotted `Ten and 00/100 Dollars` read `96/160`
    [InlineData(85, 15000L)]    // MoneyGram: both prints dotted, cents read 66 and 86, both glyphs plainly zeros
    [InlineData(124, 6000L)]    // MoneyGram: dotted `00/100` read `66/166`, its two zeros touching
    [InlineData(130, 10082L)]   // MoneyGram: dotted `82/100` read `82/166`, two digits of the denominator misread
    [InlineData(143, 58200L)]   // grocery: both prints dotted, both read `06`
    [InlineData(192, 1500L)]    // bank: a LOCKBOX BATCH stamp across `FIFTEEN DOLLARS AND 00/100`
    [InlineData(131, 2500L)]    // Western Union: a stamp's edge read as `*` in `AND*00/100`
    [InlineData(187, 7500L)]    // credit union: a signature's loops across `$75.00`
    [InlineData(167, 552L)]     // Western Union: `$*****5.52` read `$5 52`, the point in the pixels
    [InlineData(64, 6217L)]     // bank on guilloche: `$****62.17` in a ruled box the page pass never read
    [InlineData(172, 3000L)]    // MoneyGram: dotted `$30.00` read `$36.66` beside THIRTY AND 00/100 read plainly
    [InlineData(113, 3000L)]    // MoneyGram: dotted `30 DOLLARS 00 CENTS` read `36 DOLLARS 80 CENTS`
    public void An_amount_a_person_reads_at_a_glance_is_read(int sequence, long cents)
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(sequence, "order")));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
    }

    [Theory]
    [InlineData(56)]   // bank: gray bars over both amounts; the form's `NOT VALID OVER ONE THOUSAND DOLLARS` is no amount read
    [InlineData(73)]   // postal: a blot under the date row, the patch's cells taking the row in
    public void An_order_whose_amounts_are_blotted_out_is_known_illegible(int sequence)
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(sequence, "order")));
        Assert.Null(reading.AgreedAmount);
        Assert.True(reading.AmountIllegible);
    }

    [Theory]
    [InlineData(64)]   // the same bank form, legible, on guilloche
    [InlineData(192)]  // another bank form under a stamp
    public void A_legible_order_of_those_forms_is_not(int sequence) =>
        Assert.False(_reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(third.Scan(sequence, "order"))).AmountIllegible);

    [Theory]
    [InlineData(112, "19211-416")]   // a box's corner beside RESIDENT NUMBER read `cee` at 0, the number in the row under it
    [InlineData(75, "62339-916")]    // RESIDENT read as `Spat`: the label found by NUMBER alone began right of the value
    [InlineData(141, "20243-967")]   // both words of the label read as noise (`ore ee`), the number beside it clear
    [InlineData(128, "31287-094")]   // an unread row under the label is the value itself when a label follows it: not skipped
    public void A_slip_s_resident_number_is_read(int sequence, string number)
    {
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(sequence, "slip")));
        Assert.Equal(number, slip.ResidentNumber.Value);
    }

    [Fact]
    public void An_unread_row_under_a_label_is_not_skipped_for_the_next_field_s_value()
    {
        // Tuning 4 #92: the number row read as noise, the sender's name under the next label: the number stays unread by the
        // first reading (its readings go to the roster), it is never taken from another field.
        var firstReadingOnly = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false });
        var slip = firstReadingOnly.ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(92, "slip")));
        Assert.Null(slip.ResidentNumber.Value);
        Assert.Contains("50087-852", slip.ResidentNumber.Alternatives);
        // Round 36/37: the slip read again without what is not print (MoneyOrderReader.PagesAgain) settles the number row itself.
        var again = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(92, "slip")));
        Assert.Equal("50087-852", again.ResidentNumber.Value);
        Assert.True(again.ResidentNumber.IsAccepted);
    }

    [Fact]
    public void A_resident_name_in_title_case_is_read_again_in_title_case()
    {
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(third.Scan(141, "slip")));
        Assert.Equal("Darnell Jackson", slip.ResidentName.Value);
    }

    [Theory]
    [InlineData("AND 86/166", 4)]
    [InlineData("96/160", 0)]
    [InlineData("*00/100*", 1)]
    [InlineData("@0/100", 0)]       // round 33: a dot-matrix zero read as @ beside a digit (third tuning 7 #143)
    [InlineData("AND 6O/100", 4)]
    public void A_fraction_s_cents_are_the_two_digits_before_its_slash(string text, int at) =>
        Assert.Equal(at, MoneyOrderReader.FractionCentsAt(text));

    [Theory]
    [InlineData("@@/18@")]      // no digit before the slash (round 33: one digit beside an @ or O is a fraction)
    [InlineData("A6/100")]      // a letter other than a zero's misread
    [InlineData("100/100")]     // three
    [InlineData("AND 00")]
    public void A_word_without_two_digits_before_a_slash_has_no_fraction(string text) =>
        Assert.Null(MoneyOrderReader.FractionCentsAt(text));

    [Theory]
    [InlineData("$5 52", 552L)]
    [InlineData("$*****5 52", 552L)]
    [InlineData("$ 1,250 75", 125075L)]
    public void Numerals_whose_point_was_dropped_parse_as_cents(string text, long cents)
    {
        Assert.True(CourtesyAmount.TryParsePointLost(text, out var parsed));
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("$5 5")]        // one digit after the gap: no cents
    [InlineData("$5 525")]      // three
    [InlineData("$5.52")]       // a point: the usual parse reads it
    [InlineData("$5 52 00")]
    public void Numerals_with_no_two_digit_group_at_the_end_are_not_taken_for_a_lost_point(string text) =>
        Assert.False(CourtesyAmount.TryParsePointLost(text, out _));

    [Theory]
    [InlineData("One Hundred and 82/166 Dollars", 10082L)]
    [InlineData("FIFTY AND 00/1e@ DOLLARS", 5000L)]
    [InlineData("FIFTY AND 00/160 DOLLARS", 5000L)]
    public void A_denominator_with_two_dotted_digits_misread_is_still_a_hundredth(string text, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(text, out var parsed));
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("One Hundred and 82/288 Dollars")]   // three misread: nothing of /100 left
    [InlineData("FIFTY AND 00/1AB DOLLARS")]         // letters no dotted digit is read as
    public void A_denominator_that_is_no_longer_a_hundred_is_refused(string text) =>
        Assert.False(LegalAmountWords.TryParse(text, out _));

    [Theory]
    [InlineData("0", "0", "Zero", "Zero")]
    [InlineData("6", "0", "Six", "Zero")]
    [InlineData("0", "8", "Zero", "Eight")]
    public void Two_digits_run_together_are_judged_each_on_its_half(string first, string second, string left, string right)
    {
        // Two glyphs of a bold mono face two pixels apart, joined by a speck of ink between them (as a dot-matrix print's
        // averaged dots join two zeros).
        var a = DigitShapeTests.Render(first, "DejaVuSansMono-Bold.ttf", 40);
        var b = DigitShapeTests.Render(second, "DejaVuSansMono-Bold.ttf", 40);
        int Ink(GrayImage g, bool last) => last
            ? Enumerable.Range(0, g.Width).Last(x => Enumerable.Range(0, g.Height).Any(y => g[x, y] < 128))
            : Enumerable.Range(0, g.Width).First(x => Enumerable.Range(0, g.Height).Any(y => g[x, y] < 128));
        var gapLeft = Ink(a, last: true) + 1;
        var offset = gapLeft + 2 - Ink(b, last: false);
        var width = offset + b.Width;
        var pixels = Enumerable.Repeat((byte)255, width * a.Height).ToArray();
        for (var y = 0; y < a.Height; y++)
            for (var x = 0; x < width; x++)
            {
                var fromA = x < a.Width ? a[x, y] : (byte)255;
                var fromB = x - offset >= 0 && x - offset < b.Width ? b[x - offset, y] : (byte)255;
                pixels[y * width + x] = Math.Min(fromA, fromB);
            }
        var firstB = Ink(b, last: false);
        var middle = Enumerable.Range(0, a.Height).Where(y => a[gapLeft - 1, y] < 128 && b[firstB, y] < 128).Average();
        for (var y = (int)middle - 1; y <= (int)middle; y++)
            for (var x = gapLeft - 2; x < gapLeft + 4; x++) pixels[y * width + x] = 0;
        var image = new GrayImage(width, a.Height, pixels);
        Assert.Single(DigitShape.Glyphs(image, image.Bounds));   // one blob, as the page gives it
        var forms = DigitShape.FormsAt(image, image.Bounds, first + second, [0, 1]);
        Assert.Equal([Enum.Parse<DigitForm>(left), Enum.Parse<DigitForm>(right)], forms.Cast<DigitForm>());
    }

    [Fact]
    public void An_asterisk_between_words_separates_them()
    {
        Assert.True(LegalAmountWords.TryParse("*TWENTY-FIVE AND*00/100*", out var cents));
        Assert.Equal(2500, cents);
        Assert.False(LegalAmountWords.TryParse("TWEN*Y-FIVE AND 00/100", out _));
    }

    [Fact]
    public void The_point_is_seen_only_where_a_dot_sits_on_the_baseline_before_the_cents()
    {
        var withPoint = DigitShapeTests.Render("$5.52", "DejaVuSans-Bold.ttf", 40);
        var withoutPoint = DigitShapeTests.Render("$5 52", "DejaVuSans-Bold.ttf", 40);
        Assert.True(NumeralLine.PointBeforeLastTwo(withPoint));
        Assert.False(NumeralLine.PointBeforeLastTwo(withoutPoint));
    }

    [Fact]
    public void A_clean_line_is_not_read_again_for_its_dark_ink_and_a_stamped_one_keeps_only_its_print()
    {
        var clean = DigitShapeTests.Render("FIFTEEN DOLLARS AND 00/100", "DejaVuSans.ttf", 30);
        Assert.Null(NumeralLine.DarkInkOnly(clean));
        // The same line with a gray band of grain across it, as a stamp prints.
        var pixels = (byte[])clean.Pixels.Clone();
        var random = new Random(7);
        for (var i = 0; i < pixels.Length; i++)
            if (i / clean.Width > clean.Height / 4 && random.NextDouble() < 0.5 && pixels[i] > 200) pixels[i] = (byte)random.Next(110, 200);
        var stamped = new GrayImage(clean.Width, clean.Height, pixels);
        var dark = NumeralLine.DarkInkOnly(stamped);
        Assert.NotNull(dark);
        Assert.Equal(clean.Pixels.Count(p => p < 60), dark.Pixels.Count(p => p < 60));
        Assert.DoesNotContain(dark.Pixels, p => p is >= 110 and < 200);
    }

    [Fact]
    public void A_pen_stroke_goes_and_bold_print_stays_when_thin_strokes_are_taken_out()
    {
        var print = DigitShapeTests.Render("$75.00", "DejaVuSans-Bold.ttf", 48);
        var pixels = (byte[])print.Pixels.Clone();
        // A 2 px pen line across the numerals' middle.
        for (var x = 0; x < print.Width; x++)
            for (var y = print.Height / 2; y < print.Height / 2 + 2; y++) pixels[y * print.Width + x] = 0;
        var opened = NumeralLine.WithoutThinStrokes(new GrayImage(print.Width, print.Height, pixels));
        Assert.Equal(255, opened[print.Width - 1, print.Height / 2]);   // the stroke past the print is gone
        var bold = print.Pixels.Count(p => p < 128);
        var kept = Enumerable.Range(0, print.Pixels.Length).Count(i => print.Pixels[i] < 128 && opened.Pixels[i] < 128);
        Assert.True(kept > 0.8 * bold, $"{kept} of {bold} ink pixels kept");
    }
}
