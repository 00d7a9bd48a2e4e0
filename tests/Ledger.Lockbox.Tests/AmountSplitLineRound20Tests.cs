using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 20 (issue #11, amount20): legible orders whose amount had one reading only because the page pass split or clipped the
/// line of the other print. Outside tuning 561 #69: the words read at 92–97 but `AND` stood in a segment of its own (the box of
/// `SEVENTY-ONE` drawn over it), so no segment parsed. Ours 9752 #136 and outside 557 #39: the words read as junk or behind fill
/// letters (`*AKSEVENTY`), and the crop around the junk segment missed the line's first words (`Be` | `ere ee ten …`) or kept
/// the fill; the line read whole across the page says the amount. Outside 558 #86: `$***543.92` read as `ie` `ves` `92`, and the
/// place cut out around the tall `ves` stopped short of the 92. Each order waited on main; each now posts because both prints
/// say the same amount.
/// </summary>
public class AmountSplitLineRound20Tests
{
    private static OcrWord W(string text, double confidence, int left, int top, int width, int height) => new(text, confidence, new PixelRect(left, top, width, height), 0);

    // The page words of outside tuning 561 #69 around its amount (positions and confidences as the page pass gave them).
    private static readonly OcrWord[] Page561 =
    [
        W("DOLLARS.", 97, 1211, 239, 78, 15), W("AND", 96, 1303, 239, 32, 14), W("CENTS", 96, 1348, 239, 55, 15),
        W("$371.84", 26, 1182, 267, 225, 43),
        W("PAY", 91, 50, 270, 33, 15), W("TO", 40, 96, 270, 23, 16), W("LEDGER", 96, 132, 268, 138, 32), W("INMATE", 96, 282, 268, 128, 31), W("SERVICES", 97, 423, 268, 178, 31),
        W("THREE", 96, 48, 350, 82, 33), W("HUNDRED", 93, 151, 350, 116, 38), W("SEVENTY-ONE", 92, 286, 350, 502, 32),
        W("AND", 97, 485, 335, 53, 57), W("84/100", 96, 552, 335, 100, 57), W("DOLLARS", 96, 671, 335, 119, 57),
        W("SENDER", 35, 49, 431, 71, 16), W("MARIA", 94, 138, 429, 99, 19), W("O'NEILL", 96, 246, 429, 116, 20),
    ];

    private static List<int>? Joined(PageLayout page)
    {
        var region = page.Segments.Single(s => page.Keys[s[0]] == "THREE");
        return MoneyOrderReader.RowWordsJoined(page, region);
    }

    [Fact]
    public void A_row_of_amount_words_split_into_segments_is_its_words_in_order()
    {
        var page = new PageLayout(Page561, 1742, 886);
        // The page pass's segments: the words split, none of them parses alone.
        Assert.Contains(page.Segments, s => s.Count == 1 && page.Keys[s[0]] == "AND" && page.Words[s[0]].Box.Top == 335);
        var row = Joined(page);
        Assert.NotNull(row);
        Assert.Equal("THREE HUNDRED SEVENTY-ONE AND 84/100 DOLLARS", page.Text(row));
        Assert.True(LegalAmountWords.TryParse(page.Text(row), out var cents));
        Assert.Equal(37184L, cents);
        Assert.Equal(92, page.MinConfidence(row));
    }

    [Fact]
    public void A_row_with_a_word_left_out_or_a_word_before_it_is_not_joined()
    {
        // Junk between the words, in a segment of its own (no amount word, so not in the row): a word of the amount may be lost there.
        var junk = new PageLayout(Page561.Append(W("xq", 20, 380, 352, 20, 28)).ToList(), 1742, 886);
        Assert.Contains(junk.Segments, s => s.Count == 1 && junk.Keys[s[0]] == "XQ");
        Assert.Null(Joined(junk));
        // A word the page pass was unsure of just left of the row (a number word misread: `pone` for ONE).
        var before = Page561.Select(w => w.Text == "THREE" ? w with { Box = new PixelRect(148, 350, 82, 33) } : w)
            .Select(w => w.Text == "HUNDRED" ? w with { Box = new PixelRect(240, 350, 40, 38) } : w)
            .Append(W("pone", 30, 20, 350, 60, 33)).ToList();
        var page = new PageLayout(before, 1742, 886);
        Assert.Null(MoneyOrderReader.RowWordsJoined(page, page.Segments.Single(s => s.Any(j => page.Keys[j] == "THREE"))));
        // Nothing to join: the region is its row already.
        var plain = new PageLayout(Page561.Where(w => w.Box.Top != 335).ToList(), 1742, 886);
        Assert.Null(Joined(plain));
    }

    [Fact]
    public void The_place_around_a_tall_junk_word_spans_its_segment()
    {
        // Outside tuning 558 #86: `$***543.92` read as `ie` `ves` `92`, the legal line and the sender under it as read.
        var words = new List<OcrWord>
        {
            W("LEDGER", 96, 180, 301, 169, 49), W("INMATE", 93, 365, 316, 153, 34), W("SVCS", 93, 550, 316, 100, 33),
            W("ie", 4, 1401, 315, 78, 70), W("ves", 13, 1539, 320, 281, 111), W("92", 97, 1838, 322, 66, 47),
            W("FIVE", 93, 76, 394, 84, 91), W("HUNDRED", 93, 178, 433, 195, 34), W("FORTY-THREE", 89, 393, 413, 257, 54),
            W("DOLLARS", 97, 668, 408, 182, 71), W("92", 97, 866, 434, 43, 34), W("CENTS", 97, 921, 424, 135, 44),
            W("SENDER.", 93, 76, 514, 94, 41), W("TERRENCE.", 74, 193, 513, 189, 30), W("NGUYEN", 97, 410, 512, 140, 32),
            W("7131", 96, 193, 567, 92, 31), W("ELM", 96, 314, 559, 68, 38), W("CT", 96, 410, 567, 44, 30), W("APT", 96, 481, 568, 69, 29),
        };
        var places = MoneyOrderReader.NumeralPlaces(new PageLayout(words, 2272, 1087), []);
        // One place holds the whole print, from the dollar sign under `ves` to the end of the 92.
        Assert.Contains(places, p => p.Left <= 1539 && p.Right > 1904 && p.Top <= 320 && p.Bottom >= 431);
    }
}

/// <summary>Round 20: the orders of the tuning sets that waited with one print read; both prints now say the amount.</summary>
[Collection("ocr")]
public class AmountSplitLineRound20ImageTests(EngineFixture fixture, OutsideSeed557 o557, OutsideSeed558 o558, OutsideSeed561 o561)
    : IClassFixture<OutsideSeed557>, IClassFixture<OutsideSeed558>, IClassFixture<OutsideSeed561>
{
    [Fact]
    public void Ours_9752_item_136_words_read_as_junk_in_two_pieces_are_read_whole()
    {
        using var order = TuningItems.Order(9752, 136, "61314876731");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(22400L, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void Outside_557_item_39_words_behind_fill_letters_are_read_whole()
    {
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(o557.Order(39)));
        Assert.Equal(7000L, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void Outside_558_item_86_numerals_beside_a_tall_junk_word_are_read_whole()
    {
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(o558.Order(86)));
        Assert.Equal(54392L, reading.AgreedAmount?.MinorUnits);
        Assert.Equal(54392L, reading.CourtesyAmount.Value?.MinorUnits);
    }

    [Fact]
    public void Outside_561_item_69_words_split_into_segments_are_joined()
    {
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(o561.Order(69)));
        Assert.Equal(37184L, reading.AgreedAmount?.MinorUnits);
        Assert.Equal(37184L, reading.LegalAmount.Value?.MinorUnits);
    }
}

