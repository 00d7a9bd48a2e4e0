using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 10 (issue #11, the amount in words): a line whose first words the page pass lost is no reading of the amount; its
/// row is read whole from the pixels. Page words as the page pass gave them on own tuning seed 8400 #205 (`$325.00` beside
/// `THREE pone TWENTY-FIVE AND 00/100 DOLLARS`, HUNDRED read as noise at confidence 0).
/// </summary>
public class LegalLineStartTests
{
    private static OcrWord W(string text, double confidence, int left, int top, int width, int height) => new(text, confidence, new PixelRect(left, top, width, height), 0);

    private static readonly OcrWord[] Row8400_205 =
        [W("THREE", 97, 96, 323, 113, 40), W("pone", 0, 223, 327, 171, 55), W("TWENTY-FIVE", 96, 405, 327, 229, 36), W("AND", 96, 646, 327, 72, 23),
         W("00/100", 97, 731, 327, 105, 25), W("DOLLARS", 96, 849, 327, 153, 23)];

    [Fact]
    public void A_tail_after_a_word_read_as_noise_does_not_start_the_amount()
    {
        var page = new PageLayout(Row8400_205, 2000, 900);
        var seg = page.Segments.Single();
        // TWENTY-FIVE AND 00/100 DOLLARS parses (25.00) but HUNDRED was read as "pone": not the whole amount.
        Assert.False(LegalLine.StartsWhole(page, seg, seg.Skip(2).ToList()));
        Assert.True(LegalLine.StartsWhole(page, seg, seg));
    }

    [Fact]
    public void Fill_and_specks_before_the_first_word_do_not_cut_it_short()
    {
        var page = new PageLayout([W("**", 10, 330, 330, 30, 20), W("KQ", 20, 365, 330, 30, 30), .. Row8400_205.Skip(2)], 2000, 900);
        var seg = page.Segments.Single();
        Assert.True(LegalLine.StartsWhole(page, seg, seg.Skip(2).ToList()));
    }

    [Fact]
    public void A_segment_left_on_the_row_ending_in_noise_cuts_the_line_short()
    {
        // HUNDRED read as noise far enough from TWENTY-FIVE for the page to split the row in two.
        var page = new PageLayout([W("THREE", 97, 96, 323, 113, 40), W("HUNORFD", 30, 223, 327, 140, 40), .. Row8400_205.Skip(2).Select(w => w with { Box = w.Box with { Left = w.Box.Left + 60 } })], 2000, 900);
        Assert.Equal(2, page.Segments.Count);
        var right = page.Segments.Single(s => page.Keys[s[0]] == "TWENTY-FIVE");
        Assert.False(LegalLine.StartsWhole(page, right, right));
    }

    [Theory]
    [InlineData("pone", 0, true)]
    [InlineData("THREEHUNDRED", 96, true)]
    [InlineData("HUNORFD", 90, true)]     // two letters from HUNDRED
    [InlineData("SEVFN", 91, true)]
    [InlineData("AMOUNT", 95, false)]
    [InlineData("PAY", 95, false)]        // two letters from TWO, but a short word must be one off
    [InlineData("THE", 95, false)]
    [InlineData("**", 0, false)]
    [InlineData("KQ", 10, false)]
    public void Words_that_may_hide_a_number_word(string text, double confidence, bool hides) =>
        Assert.Equal(hides, LegalLine.MayHideNumberWord(text, confidence));

    [Theory]
    [InlineData("THREE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS", 32500)]
    [InlineData("** | THREE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS DOLLARS", 32500)]  // the caption right of prairie-bank's line
    [InlineData("***KSEVEN HUNDRED TEN AND 72/100 DOLLARS***", 71072)]
    public void A_line_read_whole_says_its_amount(string text, long cents)
    {
        Assert.True(LegalLine.TryParseWhole(text, out var parsed), text);
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("TWENTY-FIVE AND 00/100 DOLLARS", "THREE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS", true)]   // words the page pass lost
    [InlineData("TEN AND 72/100 DOLLARS***", "***SEVEN HUNDRED TEN AND 72/100 DOLLARS***", true)]
    [InlineData("WO HUNDRED FORTY DOLLARS AND 71 CENTS", "TWO HUNDRED FORTY DOLLARS AND 71 CENTS", true)]  // no reading before
    [InlineData("EIGHTY-TWO DOLLARS AND 60 CENTS", "EIGHTY-TWO DOLLARS AND 00 CENTS", false)]            // the cents changed
    [InlineData("SEVEN HUNDRED TEN AND 72/100", "SEVEN HUNDRED TWENTY AND 72/100", false)]               // a word changed
    public void A_row_read_again_may_add_words_never_change_them(string pageRead, string reRead, bool counts) =>
        Assert.Equal(counts, LegalLine.AddsOnly(pageRead, reRead));

    [Theory]
    [InlineData("pone TWENTY-FIVE AND 00/100 DOLLARS")]        // a tail: something that may be a number word before it
    [InlineData("HUNORED TWENTY-FIVE AND 00/100 DOLLARS")]
    [InlineData("I TEN AND 72/100 DOLLARS")]
    [InlineData("FIFTY AND 00/100 DOLLARS FORTY AND 00/100")]  // two amounts on one line
    public void A_tail_or_two_amounts_is_no_reading(string text) => Assert.False(LegalLine.TryParseWhole(text, out _));
}

/// <summary>Round 10: the row of a line cut short is read again across the page's width, from rendered pixels.</summary>
[Collection("ocr")]
public class LegalLineReadTests(EngineFixture fixture)
{
    private (PageLayout Page, PixelRect Tail) Render(string printed, int tailWords)
    {
        var line = GrayImage.Decode(LockboxSampleImages.RenderTextLine(printed, 40, serifBold: true));
        var width = line.Width + 400;
        var height = line.Height + 300;
        var px = Enumerable.Repeat((byte)250, width * height).ToArray();
        int l = int.MaxValue, t = int.MaxValue, r = -1, b = -1;
        for (var y = 0; y < line.Height; y++)
            for (var x = 0; x < line.Width; x++)
            {
                var v = line.Pixels[y * line.Width + x];
                px[(150 + y) * width + 100 + x] = v;
                if (v < 128) (l, t, r, b) = (Math.Min(l, 100 + x), Math.Min(t, 150 + y), Math.Max(r, 100 + x), Math.Max(b, 150 + y));
            }
        var page = new GrayImage(width, height, px);
        fixture.Engine.SetImage(page);
        // The page pass as it went wrong: only the tail of the line read, as one word in the right part of the line's box.
        var box = PixelRect.FromEdges(l, t, r + 1, b + 1);
        var words = printed.Split(' ');
        var tailText = string.Join(' ', words.TakeLast(tailWords));
        var tailLeft = box.Right - (int)((long)box.Width * tailText.Length / printed.Length);
        var tail = PixelRect.FromEdges(tailLeft, box.Top, box.Right, box.Bottom);
        return (new PageLayout([new OcrWord(tailText, 96, tail, 0)], width, height), tail);
    }

    [Fact]
    public void A_line_cut_short_is_read_whole_from_its_row()
    {
        var (page, tail) = Render("THREE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS", 4);
        var reads = LegalLine.ReadRow(fixture.Engine, page, tail);
        Assert.NotEmpty(reads);
        Assert.All(reads, read => Assert.Equal(325_00, read.Cents));
    }

    [Fact]
    public void A_line_that_is_only_the_smaller_amount_stays_the_smaller_amount()
    {
        // The words really say 25.00 (beside numerals that read $325.00, they must wait): reading the row never makes them more.
        var (page, tail) = Render("TWENTY-FIVE AND 00/100 DOLLARS", 4);
        var reads = LegalLine.ReadRow(fixture.Engine, page, tail);
        Assert.All(reads, read => Assert.Equal(25_00, read.Cents));
        Assert.DoesNotContain(reads, read => read.Cents == 325_00);
    }
}

/// <summary>Round 10: asterisk fill glued to the first word, taken off only where exactly one number word fits.</summary>
public class LegalFillRound10Tests
{
    [Theory]
    [InlineData("*kFQOUR HUNDRED FIFTY-TWO DOLLARS AND 00 CENTS***", 45200)]   // fill read as KF, FOUR's F read as Q
    [InlineData("**KFQOUR HUNDRED AND 10/100 DOLLARS", 40010)]
    [InlineData("**&KSIX HUNDRED AND 00/100 DOLLARS", 60000)]
    [InlineData("SIX HUNDRED SEVENTY FOUR'DOLLARS AND 32 CENTS", 67432)]       // a speck read as an apostrophe between words
    public void Fill_glued_to_the_first_word_comes_off_when_one_word_fits(string words, long cents)
    {
        Assert.True(LegalAmountWords.TryParse(words, out var parsed), words);
        Assert.Equal(cents, parsed);
    }

    [Theory]
    [InlineData("**&kGTX HUNDRED AND 00/100 DOLLARS")]  // two letters from SIX: not one word for sure
    [InlineData("FSIX HUNDRED AND 00/100 DOLLARS")]     // an F alone may begin FIVE, FOUR, FORTY...
    [InlineData("WO HUNDRED FORTY DOLLARS AND 71 CENTS")] // a letter lost is not guessed: the line is read again instead
    public void Fill_that_leaves_no_single_word_is_refused(string words) => Assert.False(LegalAmountWords.TryParse(words, out _));

    [Fact]
    public void Fill_letters_before_any_first_word_never_yield_another_amount()
    {
        string[] fences = ["K", "KF", "FK", "*F", "F*", "&K", "K&", "&", "KFQ", "QF", "FKE", "EFK", "KE", "XE", "EX", "*E", "KEK", "QEX"];
        var amounts = Enumerable.Range(1, 999).Select(d => d * 100L + 37).Concat(Enumerable.Range(1, 99).Select(d => d * 100_000L + 10_064));
        var bad = new List<string>();
        foreach (var cents in amounts)
            foreach (var fence in fences)
            {
                var words = fence + LegalAmountWords.ToWords(cents);
                if (LegalAmountWords.TryParse(words, out var back) && back != cents) bad.Add($"{words} parsed as {back}, not {cents}");
                // The first word with one letter misread behind the fence (the case the fence letters could steal from).
                var first = words.IndexOf(' ', StringComparison.Ordinal);
                for (var at = fence.Length; at < first; at++)
                {
                    var misread = words[..at] + 'Q' + words[(at + 1)..];
                    if (LegalAmountWords.TryParse(misread, out back) && back != cents) bad.Add($"{misread} parsed as {back}, not {cents}");
                }
            }
        Assert.Empty(bad);
    }
}
