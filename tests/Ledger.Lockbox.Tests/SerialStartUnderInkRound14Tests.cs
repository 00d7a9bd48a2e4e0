using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 14 (outside forms): a top print whose first digits lie under a title's taller letters shows only its end as a word of
/// digits alone (`920891` for 94129920891 under `LOAN`, outside tuning seed 401 #52; `4250942847` for 94250942847, 401 #165).
/// That word counts as the print's visible end only when it is four digits or more of the value's end
/// (`MoneyOrderReader.ShowsEndOf`) and the pixels show taller ink glued to its start (`MicrLine.CoveredStart`); the MICR print,
/// read twice alike, gives the hidden digits (`MoneyOrderReader.StartUnderInk`).
/// </summary>
public class SerialStartUnderInkRound14Tests
{
    [Theory]
    [InlineData("920891", "94129920891", true)]
    [InlineData("4250942847", "94250942847", true)]   // one digit hidden
    [InlineData("2847", "94250942847", true)]         // four digits: agree by chance once in 10,000
    [InlineData("847", "94250942847", false)]         // three: too little of the print
    [InlineData("94250942847", "94250942847", false)] // nothing hidden: the page pass's own candidate rules apply
    [InlineData("920892", "94129920891", false)]      // an end that disagrees
    [InlineData("920891.", "94129920891", false)]     // a mark: a re-read of its pixels may repeat it
    [InlineData("\"920891", "94129920891", false)]
    [InlineData("N920891", "94129920891", false)]     // letters glued are round 13's VisibleEndOf, with its own bounds
    public void A_word_of_digits_alone_shows_the_values_end(string word, string value, bool shows) =>
        Assert.Equal(shows, MoneyOrderReader.ShowsEndOf(word, value));

    /// <summary>Ten digits drawn at 30 px cap height, at (140, 50) on a wider page with room before them.</summary>
    private static (GrayImage Page, PixelRect Digits) Page()
    {
        var (line, parts) = MicrLineTests.Draw("4250942847");
        const int dx = 120, dy = 30, width = 440, height = 130;
        var px = Enumerable.Repeat((byte)250, width * height).ToArray();
        for (var y = 0; y < line.Height; y++)
            for (var x = 0; x < line.Width; x++)
                px[(y + dy) * width + x + dx] = line.Pixels[y * line.Width + x];
        var digits = new PixelRect(parts[0].Left + dx, parts[0].Top + dy, parts[0].Width, parts[0].Height);
        return (new GrayImage(width, height, px), digits);
    }

    /// <summary>A letter-like outline (strokes 5 px wide, not solid like a MICR symbol's bar) from <paramref name="left"/> to
    /// <paramref name="right"/>, <paramref name="top"/> to <paramref name="bottom"/>.</summary>
    private static void Outline(GrayImage page, int left, int top, int right, int bottom)
    {
        for (var y = top; y < bottom; y++)
            for (var x = left; x < right; x++)
                if (x < left + 5 || x >= right - 5 || y < top + 5 || y >= bottom - 5) page.Pixels[y * page.Width + x] = 25;
    }

    [Fact]
    public void Taller_ink_glued_to_the_prints_start_covers_it()
    {
        // A title's letter twice the digits' height, ending three pixels before the first digit (outside forms: the title's
        // last word over the serial's first digits).
        var (page, digits) = Page();
        Outline(page, digits.Left - 40, digits.Top - 30, digits.Left - 3, digits.Bottom + 2);
        var line = MicrLine.Find(page, digits);
        Assert.NotNull(line);
        Assert.True(line.CoveredStart(digits));
        Assert.True(line.ClearEnds(digits).End);
    }

    [Fact]
    public void A_letter_run_into_the_first_digit_covers_the_rest()
    {
        // The letter's ink runs into the first digit (one piece of ink, as `N` and `9` on 401 #165), and the word the page
        // pass read holds the other nine digits.
        var (page, digits) = Page();
        Outline(page, digits.Left - 30, digits.Top - 30, digits.Left + 8, digits.Bottom + 2);
        var lastNine = PixelRect.FromEdges(digits.Left + 26, digits.Top, digits.Right, digits.Bottom);
        var line = MicrLine.Find(page, lastNine);
        Assert.NotNull(line);
        Assert.True(line.CoveredStart(lastNine));
    }

    [Fact]
    public void A_label_beside_the_print_or_its_own_digits_do_not_cover_it()
    {
        var (page, digits) = Page();
        var line = MicrLine.Find(page, digits)!;
        Assert.False(line.CoveredStart(digits)); // nothing before it
        // The word lacks the first two digits, but what lies before it is digits of the print's own height: a shorter number
        // read whole, or a part of a longer one, never a covered start.
        var lastEight = PixelRect.FromEdges(digits.Left + 52, digits.Top, digits.Right, digits.Bottom);
        Assert.False(MicrLine.Find(page, lastEight)!.CoveredStart(lastEight));

        // A label (FORMATS.md's `NO.`) right before the digits, smaller than they are.
        var (labelled, labelledDigits) = Page();
        Outline(labelled, labelledDigits.Left - 34, labelledDigits.Bottom - 22, labelledDigits.Left - 6, labelledDigits.Bottom);
        Assert.False(MicrLine.Find(labelled, labelledDigits)!.CoveredStart(labelledDigits));

        // A tall letter, but a word's gap away from the print: the print's start is whole.
        var (apart, apartDigits) = Page();
        Outline(apart, apartDigits.Left - 100, apartDigits.Top - 30, apartDigits.Left - 60, apartDigits.Bottom + 2);
        Assert.False(MicrLine.Find(apart, apartDigits)!.CoveredStart(apartDigits));
    }
}
