using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 26 (issue #11): legible orders whose amount waited on the digit-shape check though both prints said it.
/// (1) Western-union `65 DOLLARS 76 CENTS` read from its line cut out of the pixels: the agreed amount's check did not get the
/// line, so the cents' 6 (plain on it) was "not seen" (ours tuning 9824 #451, 9826 #146). (2) Postal-b `93/100`, `87/100` and
/// `$104.87` in a pale bold face: at the lighter threshold the glyphs show, but two digits run together (`00`, `04`) made the
/// glyphs count one short, so nothing was placed (9824 #427, 9827 #429). (3) Other-bank `AND 06/100` in a thin face: at the
/// lighter threshold the 6's mouth closes into an 8 ("6 looks Eight") while `$***440.06` shows a plain 6 (9822 #333).
/// (4) Postal `$****792 00` on the page, `792.88` read again from the crop beside `… AND 00/100`: the re-read's cents were placed
/// on no glyph; they are now placed on the page pass's digits, whose glyphs are plain zeros, and the cents settle 00 (9824 #386).
/// </summary>
[Collection("ocr")]
public class AmountShapeRound26Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData(9824, 451, "89875201746", 65_76)]
    [InlineData(9826, 146, "82532301379", 9_36)]
    [InlineData(9824, 427, "51782178745", 372_93)]
    [InlineData(9827, 429, "73767681178", 104_87)]
    [InlineData(9822, 333, "3857513142", 440_06)]
    [InlineData(9824, 386, "11824271076", 792_00)]
    public void A_plainly_printed_amount_both_prints_say_is_agreed(int seed, int sequence, string serial, long cents)
    {
        using var order = TuningItems.Order(seed, sequence, serial);
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(cents, reading.AgreedAmount?.MinorUnits);
    }

    private static GrayImage Paper(int w, int h) => new(w, h, Enumerable.Repeat((byte)250, w * h).ToArray());

    private static void Ring(GrayImage image, int left, int top, int width, int height)
    {
        for (var y = top; y < top + height; y++)
            for (var x = left; x < left + width; x++)
                if (y < top + 3 || y >= top + height - 3 || x < left + 3 || x >= left + width - 3) image.Pixels[y * image.Width + x] = 30;
    }

    [Fact]
    public void Two_digits_run_together_stand_for_two_characters_and_are_judged_as_neither()
    {
        // `0000` printed as a ring, two rings run together (one glyph 34 px wide, 24 tall), a ring: the first and last are placed.
        var page = Paper(200, 60);
        Ring(page, 20, 18, 14, 24);
        Ring(page, 40, 18, 17, 24);
        Ring(page, 54, 18, 17, 24);
        Ring(page, 80, 18, 14, 24);
        var box = new PixelRect(18, 16, 80, 28);
        Assert.Equal(3, DigitShape.Glyphs(page, box).Count);
        var forms = DigitShape.FormsAt(page, box, "0000", [0, 1, 2, 3]);
        Assert.Equal([DigitForm.Zero, null, null, DigitForm.Zero], forms);
        // Read with one character fewer or more, the glyphs do not count alike: nothing is placed.
        Assert.All(DigitShape.FormsAt(page, box, "000", [0, 2]), f => Assert.Null(f));
        Assert.All(DigitShape.FormsAt(page, box, "00000", [0, 4]), f => Assert.Null(f));
        // A glyph wider than two digits could be three: nothing is placed.
        var wide = Paper(200, 60);
        Ring(wide, 20, 18, 14, 24);
        Ring(wide, 40, 18, 52, 24);
        Assert.All(DigitShape.FormsAt(wide, new PixelRect(18, 16, 76, 28), "0000", [0, 3]), f => Assert.Null(f));
    }

    [Fact]
    public void An_eight_the_lighter_ink_shows_says_nothing_of_a_6_or_9_read_but_a_zero_still_doubts_a_6()
    {
        Assert.True(DigitShape.MouthClosedByLighterInk("06/100", 1, DigitForm.Eight));
        Assert.True(DigitShape.MouthClosedByLighterInk("29", 1, DigitForm.Eight));
        // A dotted zero read as 6 whose ring the lighter ink closes still doubts the 6; an 8 read as 8 is still confirmed.
        Assert.False(DigitShape.MouthClosedByLighterInk("06/100", 1, DigitForm.Zero));
        Assert.False(DigitShape.MouthClosedByLighterInk("08/100", 1, DigitForm.Eight));
    }

    [Fact]
    public void A_reread_of_the_numerals_is_judged_on_the_page_pass_digits_when_it_reads_as_many_and_the_same_dollars()
    {
        // 9824 #386's page as the reader recognises it, and its page pass's words of the two prints.
        using var order = TuningItems.Order(9824, 386, "11824271076");
        var clean = GrayImage.Load(order.Path).NormalizeBackground();
        if (clean.PaperGrain() > 7.5) clean = clean.Median3();
        var image = clean.WithoutRules();
        var page = new PageLayout([W("$****792", 1113, 312, 165, 57, 56), W("00", 1304, 312, 51, 31, 45), W("AND", 540, 410, 50, 23),
            W("00/100", 602, 410, 99, 23, 95)], image.Width, image.Height);
        var legal = new MoneyOrderReader.AmountCandidateView(792_00, [2, 3], "AND 00/100");
        // `792.88` read again over the page's `$****792 00`: the glyphs under its cents are plain zeros, as the words' are.
        var reread = new MoneyOrderReader.AmountCandidateView(792_88, [0, 1], "792.88");
        Assert.Equal(792_00L, MoneyOrderReader.CentsSettledByShape(image, page, reread, legal));
        // Agreed at 88 cents by both (a words print misread alike), the zeros under the 8s doubt it.
        Assert.NotNull(MoneyOrderReader.DigitsDoubted(image, page, reread, legal with { Cents = 792_88, Text = "AND 88/100" }));
        // Other dollars than the page pass read: the re-read's cents are placed on no glyph, and settle nothing.
        Assert.Null(MoneyOrderReader.CentsSettledByShape(image, page, reread with { Cents = 782_88 }, legal with { Cents = 782_00 }));
    }
}

/// <summary>
/// Round 26 (issue #11): a resident number read with letters like digits AND its dash lost (`SA784520` for 54784-520, ours tuning
/// 9825 #127, an other-bank slip, the name JAMES BAKER clear): the number with those digits is one more reading for the roster
/// only (`ResidentNumberDigits.LettersAsDigits`; `LockboxDecider.ConfirmedByRoster` unchanged).
/// </summary>
[Collection("ocr")]
public class ResidentNumberDashLostRound26Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData("SA784520", "54784-520")]
    [InlineData("7S771516", "75771-516")]
    public void Eight_characters_with_letters_like_digits_give_the_register_number(string read, string number) =>
        Assert.Contains(number, ResidentNumberDigits.LettersAsDigits(read));

    [Theory]
    [InlineData("SAX84520")] // a letter no digit looks like
    [InlineData("SA7I4O20")] // four letters
    [InlineData("SA78452")] // seven characters
    [InlineData("SA7845201")] // nine characters, no dash
    public void Anything_else_gives_none(string read) =>
        Assert.Empty(ResidentNumberDigits.LettersAsDigits(read));

    [Fact]
    public void The_slip_is_settled_by_the_roster_under_the_name_read()
    {
        using var slip = TuningItems.Slip(9825, 127, "54784-520");
        // The first reading alone (round 36's reading again settles this number on its own).
        var reading = new MoneyOrderReader(new MoneyOrderReaderOptions { ReadsPageAgain = false }).ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        var roster = TuningItems.Roster().ToDictionary(p => p.PersonNumber, p => (p.LastName, p.FirstName));
        (string Last, string First)? Find(string n) => roster.TryGetValue(n, out var p) ? p : null;
        Assert.Equal("54784-520", LockboxDecider.ConfirmedByRoster(reading, Find).ResidentNumber.Value);
        // The same reads against a roster without that number under the name read: nothing is settled.
        Assert.Null(LockboxDecider.ConfirmedByRoster(reading, n => n == "54784-520" ? ("SMITH", "JOHN") : Find(n)).ResidentNumber.Value);
    }
}
