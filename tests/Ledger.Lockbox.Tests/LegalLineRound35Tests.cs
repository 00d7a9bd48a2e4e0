using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 35 (issue #11): a wrong posting on third held-back seed 5018 #39. The words `**THREE HUNDRED SI` and `SEVENTY-THREE AND
/// 00/100 DOLLARS` came out of the page pass as two segments, the first one's last box drawn over the second's start, so the
/// check that no number word stands left of the words (rounds 10 and 20) did not see them; the tail parsed as $73.00, a read of
/// the numerals again lost their first digit alike, and the two agreed on $73.00 for $373.00.
/// </summary>
public class LegalLineRound35Tests
{
    [Fact]
    public void A_segment_whose_last_box_runs_into_the_words_still_stands_left_of_them()
    {
        var page = new PageLayout([W("**THREE", 66, 214, 120, 60, 73), W("HUNDRED", 190, 214, 120, 60), W("SI", 320, 214, 30, 60, 50),
            W("SEVENTY-THREE", 330, 225, 200, 58, 86), W("AND", 540, 225, 60, 58), W("00/100", 610, 225, 100, 58), W("DOLLARS", 720, 225, 120, 58)], 1500, 700);
        var seg = page.Segments.Single(s => s.Contains(3));
        Assert.DoesNotContain(2, seg); // two segments, as the page pass made them
        Assert.False(LegalLine.StartsWhole(page, seg, [3, 4, 5, 6]));
    }

    [Theory]
    [InlineData(300, 20, true)]  // ends left of the words
    [InlineData(300, 80, true)]  // runs 50 px (under one height, 58) into them
    [InlineData(300, 120, false)] // runs past a height into them: over the words, not before them
    [InlineData(340, 20, false)] // starts inside them
    public void Ends_left_of(int left, int width, bool expected) =>
        Assert.Equal(expected, LegalLine.EndsLeftOf(new PixelRect(left, 214, width, 60), new PixelRect(330, 225, 500, 58), 58));
}

/// <summary>The item itself: now read $373.00 in both prints.</summary>
[Collection("ocr")]
public class LegalLineRound35ScanTests(EngineFixture fixture, ThirdSeed5018Round35 items) : IClassFixture<ThirdSeed5018Round35>
{
    [Fact]
    public void The_words_tail_is_not_taken_for_the_amount()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(items.Scan(39, "order")));
        Assert.Equal(37300, order.AgreedAmount?.MinorUnits);
    }
}
