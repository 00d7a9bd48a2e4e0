using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 28 (issue #11, the third generator: scans drawn from FORMATS.md by someone who never saw the reader or the other
/// generators). Third tuning s1 #3: a clean slip's `RESIDENT NAME` read `eer OeaT NAME` (a speck split RESIDENT into two
/// noise words of other widths), so no label was found and the plainly printed name was never read. Third tuning s1 #31:
/// `***FIFTY AND 91/100***` read `***ETFTY AND 91/100***`: no number word left, so the line was not looked at again.
/// </summary>
public class SlipNameAndLegalRound28Tests
{
    // Third s1 #3's slip rows as the page pass read them (1736 × 1149, 200 dpi).
    private static List<OcrWord> Seed1Item3Slip() =>
    [
        W("MONEY", 535, 66, 173, 48, 97), W("ORDER", 724, 74, 165, 39), W("DEPOSIT", 904, 83, 206, 31), W("SLIP", 1127, 83, 102, 31, 97),
        W("OeaT", 160, 187, 59, 39, 0), W("NAME", 228, 199, 60, 27, 97), W("MARY", 487, 208, 66, 21, 97), W("NELSON", 563, 208, 97, 21),
        W("eer", 113, 212, 39, 14, 5), W("24515-690", 486, 291, 132, 22, 92), W("RESIDENT", 113, 295, 106, 15), W("NUMBER", 228, 295, 91, 15),
        W("FCI-DUB", 487, 375, 98, 21, 92), W("FACILITY", 113, 378, 92, 15), W("MCKINNEY", 586, 538, 126, 21, 97),
        W("TAMIKA", 485, 539, 90, 20, 97), W("SENDER", 113, 542, 85, 14, 97), W("NAME", 207, 542, 61, 14, 97),
    ];

    private static LabelHit? Label(PageLayout page) =>
        MoneyOrderReader.ResidentNameLabelByName(page, page.Find("SENDER", "NAME").FirstOrDefault(), page.Find("RESIDENT", "NUMBER").FirstOrDefault());

    [Fact]
    public void A_clear_NAME_that_is_not_the_senders_and_stands_above_the_number_is_the_residents_label()
    {
        var page = new PageLayout(Seed1Item3Slip(), 1736, 1149);
        Assert.Empty(page.Find("RESIDENT", "NAME"));
        Assert.Null(MoneyOrderReader.ResidentNameLabelHalfRead(page, page.Find("RESIDENT", "NUMBER").FirstOrDefault(), page.Find("SENDER", "NAME").FirstOrDefault()));
        var label = Label(page);
        Assert.NotNull(label);
        Assert.Equal("NAME", page.Text(label!.WordIndexes));
        Assert.Equal(199, label.Box.Top);
        Assert.Equal("MARY NELSON", page.Text(MoneyOrderReader.SlipValue(page, label.Box, new HashSet<int>(label.WordIndexes), page.Width)));
    }

    [Fact]
    public void The_senders_NAME_is_never_taken_even_when_SENDER_is_read_apart_from_it()
    {
        // Without the resident's NAME, the only NAME left is the sender's: SENDER before it on its row rules it out.
        var words = Seed1Item3Slip().Where(w => !(w.Text == "NAME" && w.Box.Top == 199)).ToList();
        Assert.Null(Label(new PageLayout(words, 1736, 1149)));
        // With SENDER lost too, that NAME stands below the number's label: still not the resident's.
        var noSender = words.Where(w => w.Text != "SENDER").ToList();
        Assert.Null(Label(new PageLayout(noSender, 1736, 1149)));
    }

    [Fact]
    public void Two_names_that_could_be_the_residents_or_a_doubtful_one_give_no_label()
    {
        var two = Seed1Item3Slip().Append(W("NAME", 900, 199, 60, 27, 97)).ToList();
        Assert.Null(Label(new PageLayout(two, 1736, 1149)));
        var doubtful = Seed1Item3Slip().Select(w => w.Text == "NAME" && w.Box.Top == 199 ? w with { Confidence = 60 } : w).ToList();
        Assert.Null(Label(new PageLayout(doubtful, 1736, 1149)));
    }

    [Theory]
    [InlineData("91/100", true)]
    [InlineData("00/100", true)]
    [InlineData("07/1O0", true)]
    [InlineData("29/1OO", true)]
    [InlineData("9/100", false)]
    [InlineData("291/100", false)]
    [InlineData("29/160", false)]
    [InlineData("29/101", false)]
    [InlineData("AND", false)]
    public void A_cents_fraction_is_two_digits_over_a_hundred(string key, bool expected) =>
        Assert.Equal(expected, MoneyOrderReader.IsCentsFraction(key));

    [Fact]
    public void Lower_case_is_allowed_in_a_re_read_only_where_the_page_pass_read_the_words_in_lower_case()
    {
        // Third s2 #6's words row (`Hundred` lost by the page pass), and the same row in capitals.
        List<OcrWord> Row(Func<string, string> cased) =>
        [
            W(cased("Eight"), 81, 270, 88, 29), W(cased("Thirty"), 342, 270, 110, 29), W(cased("Three"), 473, 270, 90, 23, 97),
            W(cased("Dollars"), 586, 270, 126, 23), W(cased("and"), 735, 270, 52, 23), W("00/100", 810, 270, 109, 23),
        ];
        var row = new Ledger.Intake.Lockbox.Imaging.PixelRect(81, 270, 838, 29);
        Assert.Contains('a', LegalLine.WhitelistFor(new PageLayout(Row(t => t), 2000, 900), row));
        Assert.DoesNotContain('a', LegalLine.WhitelistFor(new PageLayout(Row(t => t.ToUpperInvariant()), 2000, 900), row));
        // Lower case read doubtfully (junk) is no reason.
        var doubtful = Row(t => t).Select(w => w with { Confidence = 30 }).ToList();
        Assert.DoesNotContain('a', LegalLine.WhitelistFor(new PageLayout(doubtful, 2000, 900), row));
    }
}
