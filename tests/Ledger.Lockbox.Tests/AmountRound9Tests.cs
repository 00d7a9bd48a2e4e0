using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 9 (issue #11, amounts): repairs of the words that stay unambiguous, the numerals' CENTS cut to its first letter at a
/// form's edge, and clear words settling a shape dispute of a DOLLARS digit (never of the cents).
/// </summary>
public class AmountRound9WordsTests
{
    [Theory]
    [InlineData("S EVEN HUNDRED TWENTY AND 00/100 DOLLARS", 72000)]
    [InlineData("FIVE HUNDRED FOR TY-ONE AND 15/100 DOLLARS", 54115)]
    [InlineData("EIGH TEEN DOLLARS AND 40 CENTS", 1840)]
    public void A_number_word_split_in_two_pieces_is_joined(string words, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(words, out var parsed), words);
        Assert.Equal(cents, parsed);
        Assert.False(LegalAmountWords.ReadsPlainly(words));
    }

    [Theory]
    [InlineData("SIX TEEN AND 00/100 DOLLARS")]       // a whole word and a piece: SIX and a TEN misread, or SIXTEEN?
    [InlineData("S EVE HUNDRED AND 00/100 DOLLARS")]  // the pieces make no word
    [InlineData("SE VEN TY AND 00/100 DOLLARS")]      // three pieces
    public void Pieces_that_are_not_exactly_one_word_are_refused(string words) => Assert.False(LegalAmountWords.TryParse(words, out _));

    [Fact]
    public void Splitting_any_word_anywhere_never_yields_another_amount()
    {
        // Every dollars shape 1..999 and the thousands, each word split at each place: the same amount or a refusal.
        var amounts = Enumerable.Range(1, 999).Select(d => d * 100L + 37).Concat(Enumerable.Range(1, 99).Select(d => d * 100_000L + 10_064));
        foreach (var cents in amounts)
        {
            var words = LegalAmountWords.ToWords(cents).Split(' ');
            for (var w = 0; w < words.Length; w++)
                for (var at = 1; at < words[w].Length; at++)
                {
                    var split = string.Join(' ', words.Take(w).Append(words[w][..at] + " " + words[w][at..]).Concat(words.Skip(w + 1)));
                    if (LegalAmountWords.TryParse(split, out var back))
                        Assert.True(back == cents, $"{split} parsed as {back}, not {cents}");
                }
        }
    }

    [Theory]
    [InlineData("SIX HUNDRED TWENTY AND 94/160 DOLLARS", 62094)]
    [InlineData("FORTY AND 69/300 DOLLARS", 4069)]
    [InlineData("ONE HUNDRED TWENTY-FIVE AND 00/106 DOLLARS", 12500)] // refused before round 9: the denominator carries no value
    [InlineData("SIX HUNDRED TWENTY AND 94/166 DOLLARS", 62094)]      // refused before round 30: two characters misread as dotted digits are
    public void A_misread_denominator_keeps_the_cents_as_read(string words, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(words, out var parsed), words);
        Assert.Equal(cents, parsed);
        Assert.False(LegalAmountWords.ReadsPlainly(words));
    }

    [Theory]
    [InlineData("SIX HUNDRED TWENTY AND 94/288 DOLLARS")] // three characters of it: not the denominator as printed
    [InlineData("SIX HUNDRED TWENTY AND 94/1AB DOLLARS")] // two, as letters no dotted digit is read as
    [InlineData("SIX HUNDRED TWENTY AND 94/1000 DOLLARS")]
    [InlineData("SIX HUNDRED TWENTY AND 9/100 DOLLARS")]
    public void A_denominator_further_from_100_is_refused(string words) => Assert.False(LegalAmountWords.TryParse(words, out _));

    [Theory]
    [InlineData("*eKSEVEN HUNDRED FIFTY-ONE AND 00/100 DOLLARS***", 75100)]
    [InlineData("EKSIX HUNDRED AND 00/100 DOLLARS", 60000)]
    public void Fill_read_as_E_beside_another_fill_letter_is_taken_off_the_first_word(string words, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(words, out var parsed), words);
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("ESIX HUNDRED AND 00/100 DOLLARS")]  // an E alone may be the start of EIGHT or ELEVEN: not fill
    [InlineData("EESIX HUNDRED AND 00/100 DOLLARS")]
    public void An_E_alone_before_the_first_word_is_not_fill(string words) => Assert.False(LegalAmountWords.TryParse(words, out _));

    [Fact]
    public void Fill_letters_before_any_first_word_never_yield_another_amount()
    {
        string[] fences = ["K", "KE", "EK", "XE", "EX", "*E", "E*", "KEK", "EEK", "QEX"];
        var amounts = Enumerable.Range(1, 999).Select(d => d * 100L + 37).Concat(Enumerable.Range(1, 99).Select(d => d * 100_000L + 10_064));
        var bad = new List<string>();
        foreach (var cents in amounts)
            foreach (var fence in fences)
            {
                var words = fence + LegalAmountWords.ToWords(cents);
                if (LegalAmountWords.TryParse(words, out var back) && back != cents) bad.Add($"{words} parsed as {back}, not {cents}");
            }
    }

    [Theory]
    [InlineData("FIVE HUNDRED NINETY-FIVE AND 97/100 DOLLARS", true)]
    [InlineData("***FIVE HUNDRED NINETY-FIVE DOLLARS AND 97 CENTS***", true)]
    [InlineData("***STX HUNDRED EIGHTY-ONE AND 00/100 DOLLARS***", false)] // one letter corrected
    [InlineData("**KQONE HUNDRED AND 00/100 DOLLARS", false)]            // fence letters taken off
    [InlineData("SIX HUNDRED SEVENTY-FOUR DOLLARS AND OO CENTS", false)] // O for zero
    [InlineData("FIVE HUNDRED NINETY-FIVE", false)]                      // does not parse
    public void Words_read_plainly_are_those_nothing_was_repaired_in(string words, bool plain) =>
        Assert.Equal(plain, LegalAmountWords.ReadsPlainly(words));

    [Theory]
    [InlineData("452 DOLLARS 00 C", 45200)]   // outside forms print the line past their own edge
    [InlineData("296 DOLLARS 00 CI", 29600)]
    [InlineData("674 DOLLARS 49 CE!", 67449)]
    public void Numerals_with_only_the_first_letter_of_CENTS_left_parse(string text, long cents)
    {
        Assert.True(CourtesyAmount.TryParse(text, out var parsed), text);
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("452 DOLLARS 00")]
    [InlineData("452 DOLLARS 0 C")]
    [InlineData("452 DOLLARS 00 CENTURY")]
    [InlineData("452 DOLLARS 00 X")]
    public void Numerals_without_any_of_CENTS_stay_refused(string text) => Assert.False(CourtesyAmount.TryParse(text, out _));
}

/// <summary>
/// Round 9: a DOLLARS digit whose glyph looks like another (`$595.97 [digit shape: 9 looks Eight]` on a right amount) is
/// settled by the words when they were read clearly; the cents never are (both prints of them are numerals: round 7's
/// `1101 DOLLARS 60 CENTS` over printed zeros must still wait). The glyphs are drawn; the texts are what OCR gave.
/// </summary>
public class AmountRound9ShapeTests
{
    private static string? Check(string[] printed, string[] read, long cents, bool wordsClear)
    {
        var (image, boxes) = DigitShapeAmountTests.Page("DejaVuSansMono.ttf", 44, 0, printed);
        var page = new PageLayout(read.Select((t, i) => new OcrWord(t, 90, boxes[i], 0)).ToList(), image.Width, image.Height);
        return MoneyOrderReader.DigitsDoubted(image, page, new(cents, [0, 1, 2, 3], string.Join(' ', read[..4])),
            new(cents, [4, 5, 6], string.Join(' ', read[4..])), wordsClear);
    }

    [Fact]
    public void Clear_words_settle_a_dollars_digit_whose_glyph_looks_like_another()
    {
        string[] printed = ["585", "DOLLARS", "25", "CENTS", "AND", "25", "CENTS"];
        string[] read = ["595", "DOLLARS", "25", "CENTS", "AND", "25", "CENTS"];
        Assert.NotNull(Check(printed, read, 595_25, wordsClear: false));
        Assert.Null(Check(printed, read, 595_25, wordsClear: true));
    }

    [Fact]
    public void Clear_words_never_settle_the_cents()
    {
        string[] printed = ["1101", "DOLLARS", "00", "CENTS", "AND", "00", "CENTS"];
        string[] read = ["1101", "DOLLARS", "60", "CENTS", "AND", "60", "CENTS"];
        Assert.NotNull(Check(printed, read, 1101_60, wordsClear: true));
    }
}

/// <summary>
/// Round 9: courtesy numerals the page pass did not read at all, with no caption saying where they are (a skewed box it
/// skipped, a box on hatching read as junk): the tallest line of glyphs among what it did not read is cut out and read.
/// </summary>
[Collection("ocr")]
public class UnreadNumeralLineTests(EngineFixture fixture)
{
    [Fact]
    public void The_tallest_line_the_page_pass_did_not_read_is_the_numerals_not_the_title_it_read()
    {
        var title = GrayImage.Decode(LockboxSampleImages.RenderTextLine("POSTAL MONEY ORDER", 70, sansBold: true));
        var amount = GrayImage.Decode(LockboxSampleImages.RenderTextLine("$***681.00", 46, serifBold: true));
        var width = Math.Max(title.Width, amount.Width) + 40;
        var height = title.Height + amount.Height + 40;
        var px = Enumerable.Repeat((byte)250, width * height).ToArray();
        PixelRect Blit(GrayImage img, int x0, int y0)
        {
            int l = int.MaxValue, t = int.MaxValue, r = -1, b = -1;
            for (var y = 0; y < img.Height; y++)
                for (var x = 0; x < img.Width; x++)
                {
                    var v = img.Pixels[y * img.Width + x];
                    px[(y0 + y) * width + x0 + x] = v;
                    if (v < 128) (l, t, r, b) = (Math.Min(l, x0 + x), Math.Min(t, y0 + y), Math.Max(r, x0 + x), Math.Max(b, y0 + y));
                }
            return PixelRect.FromEdges(l, t, r + 1, b + 1);
        }
        var titleBox = Blit(title, 20, 10);
        Blit(amount, 20, title.Height + 30);
        var page = new GrayImage(width, height, px);
        fixture.Engine.SetImage(page);

        string Read(GrayImage? line)
        {
            Assert.NotNull(line);
            return MoneyOrderReader.ReadAlone(fixture.Engine, line, "$*., 0123456789").Text;
        }
        // Without the page pass's words whitened the title is the tallest line, and it is no amount.
        Assert.False(CourtesyAmount.TryParseFound(Read(NumeralLine.Find(page, page.Bounds, 20)), out _));
        var read = Read(NumeralLine.FindUnread(page, [titleBox], page.Bounds, 20));
        Assert.True(CourtesyAmount.TryParseFound(read, out var cents), read);
        Assert.Equal(681_00, cents);
    }

    [Fact]
    public void An_unread_line_counts_as_numerals_only_with_its_dollar_sign()
    {
        // `$417.00` whose "$4" the page pass read (and so is whitened) and whose "17.00" it did not: the rest of the line is no
        // amount, however well it parses (words that lost their first words, "SEVENTEEN AND 00/100", could agree with it).
        var (drawn, boxes) = DigitShapeAmountTests.Page("DejaVuSerif-Bold.ttf", 44, 0, "$4", "17.00");
        var width = drawn.Width + 100;
        var height = drawn.Height + 200;
        var px = Enumerable.Repeat((byte)255, width * height).ToArray();
        for (var y = 0; y < drawn.Height; y++)
            for (var x = 0; x < drawn.Width; x++) px[(y + 50) * width + x + 50] = drawn.Pixels[y * drawn.Width + x];
        var page = new GrayImage(width, height, px);
        var (sign, rest) = (new PixelRect(boxes[0].Left + 50, boxes[0].Top + 50, boxes[0].Width, boxes[0].Height), new PixelRect(boxes[1].Left + 50, boxes[1].Top + 50, boxes[1].Width, boxes[1].Height));
        fixture.Engine.SetImage(page);
        var partly = new PageLayout([new OcrWord("$4", 90, sign, 0), new OcrWord("17.00", 20, rest, 0)], width, height);
        Assert.Empty(MoneyOrderReader.ReadUnreadNumeralsCents(fixture.Engine, partly));
        // The whole line unread, sign and all: it is read.
        var unread = new PageLayout([new OcrWord("$417.00", 20, sign.Union(rest), 0)], width, height);
        Assert.Contains(417_00L, MoneyOrderReader.ReadUnreadNumeralsCents(fixture.Engine, unread));
    }

    [Fact]
    public void Low_confidence_numerals_are_confirmed_only_by_their_line_read_again_saying_the_same_amount()
    {
        // Own seed 8400 #145: `$*68 1.00` at confidence 0 beside `***STX HUNDRED EIGHTY-ONE AND 00/100 DOLLARS***` at 38. The
        // numerals' line, cut out around the page pass's word and read alone, must say the very amount the two prints agree on.
        var amount = GrayImage.Decode(LockboxSampleImages.RenderTextLine("$***681.00", 46, serifBold: true));
        var width = amount.Width + 200;
        var height = amount.Height + 200;
        var px = Enumerable.Repeat((byte)250, width * height).ToArray();
        int l = int.MaxValue, t = int.MaxValue, r = -1, b = -1;
        for (var y = 0; y < amount.Height; y++)
            for (var x = 0; x < amount.Width; x++)
            {
                var v = amount.Pixels[y * amount.Width + x];
                px[(100 + y) * width + 100 + x] = v;
                if (v < 128) (l, t, r, b) = (Math.Min(l, 100 + x), Math.Min(t, 100 + y), Math.Max(r, 100 + x), Math.Max(b, 100 + y));
            }
        var page = new GrayImage(width, height, px);
        fixture.Engine.SetImage(page);
        var layout = new PageLayout([new OcrWord("$*68 1.00", 0, PixelRect.FromEdges(l, t, r + 1, b + 1), 0)], width, height);
        // Read clearly on its own, so its confidence may stand for the numerals' (the amount's threshold still applies).
        Assert.True(MoneyOrderReader.NumeralsReadAgain(fixture.Engine, layout, new(681_00, [0], "$*68 1.00")) >= 50);
        // Words misread into another amount that the numerals' first reading matched: the line read again does not say it.
        Assert.Null(MoneyOrderReader.NumeralsReadAgain(fixture.Engine, layout, new(661_00, [0], "$*66 1.00")));
        // No page words to cut around: nothing confirms.
        Assert.Null(MoneyOrderReader.NumeralsReadAgain(fixture.Engine, layout, new(681_00, [], "$681.00")));
    }
}

/// <summary>
/// Round 9: where courtesy numerals may be when the page pass read nothing of them nor of their caption. Page words as the
/// page pass gave them on tuning items (own seed 8100 #141, outside seed 120 #40), positions included.
/// </summary>
public class NumeralPlacesRound9Tests
{
    private static OcrWord W(string text, double confidence, int left, int top, int width, int height) => new(text, confidence, new PixelRect(left, top, width, height), 0);

    private static readonly OcrWord[] Legal =
        [W("***TWENTY", 85, 77, 505, 263, 33), W("TWO", 97, 355, 505, 109, 33), W("AND", 97, 482, 506, 100, 32), W("00/100", 93, 601, 505, 157, 36), W("DOLLARS***", 91, 777, 505, 282, 33)];

    private static bool Covered(IEnumerable<PixelRect> places, int x, int y) => places.Any(p => p.Left <= x && x < p.Right && p.Top <= y && y < p.Bottom);

    [Fact]
    public void A_CENTS_glued_to_junk_is_a_caption()
    {
        // "DOLLARS AND CENTS" read as "potart Ano CENTS" beside the date: the numerals are beside and under it.
        var words = Legal.Concat([W("2026", 96, 1290, 283, 79, 26), W("potart", 15, 1402, 282, 111, 40), W("Ano", 34, 1526, 278, 45, 55), W("CENTS", 97, 1580, 303, 78, 19)]).ToList();
        var places = MoneyOrderReader.NumeralPlaces(new PageLayout(words, 2000, 1000), []);
        Assert.True(Covered(places, 1700, 360), string.Join(" ", places));
        // Without the CENTS the same junk says nothing of where numerals are.
        var without = MoneyOrderReader.NumeralPlaces(new PageLayout(words.Take(Legal.Length + 3).ToList(), 2000, 1000), []);
        Assert.False(Covered(without, 1700, 360), string.Join(" ", without));
    }

    [Fact]
    public void Above_NOT_VALID_OVER_is_a_place()
    {
        var words = Legal.Concat([W("NOT", 95, 1453, 650, 54, 18), W("VALID", 96, 1516, 650, 80, 19), W("OVER", 96, 1606, 650, 72, 19), W("$1,000", 96, 1688, 650, 91, 21)]).ToList();
        var places = MoneyOrderReader.NumeralPlaces(new PageLayout(words, 2000, 1000), []);
        Assert.True(Covered(places, 1550, 600), string.Join(" ", places));
        // Not the limit itself: the place ends above the line that prints it.
        Assert.DoesNotContain(places, p => p.Bottom > 650);
    }

    [Fact]
    public void Stacked_junk_above_the_MICR_line_is_one_place()
    {
        // A box on hatching read as lines of junk (outside seed 120 #40): one place around those OCR was sure of nothing in.
        var words = Legal.Concat([W("OS", 41, 1529, 314, 43, 28), W("Ads", 29, 1590, 314, 73, 28), W("SOSA", 14, 1623, 341, 40, 28), W("sss", 14, 1672, 341, 35, 28),
            W("RA", 30, 1525, 410, 26, 28), W("SAO", 30, 1562, 410, 78, 28), W("OSS", 50, 1646, 410, 49, 28)]).ToList();
        var places = MoneyOrderReader.NumeralPlaces(new PageLayout(words, 2000, 1000), []);
        Assert.Contains(places, p => p.Left <= 1529 && p.Right >= 1707 && p.Top <= 314 && p.Bottom >= 369);
        // Junk in the MICR band at the foot of the page is not looked at.
        var micr = MoneyOrderReader.NumeralPlaces(new PageLayout(Legal.Concat([W("OS", 41, 1529, 914, 43, 28), W("Ads", 29, 1590, 914, 73, 28)]).ToList(), 2000, 1000), []);
        Assert.DoesNotContain(micr, p => p.Top > 850);
    }
}
