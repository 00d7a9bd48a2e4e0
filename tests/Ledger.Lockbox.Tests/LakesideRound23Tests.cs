using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 23 (issue #11): legible outside bank_lakeside items that waited on the amount or the slip.
/// Outside tuning 616 #91 (clean, bold sans): the page pass read `$673.00` as `$075.00`; a re-read of the line said $673.00, as
/// the words do, but the glyph check judged the page pass's misread 0 against its glyph, a plain 6 ("0 looks Six"). The
/// numerals are judged as the amount they are taken to say.
/// Outside tuning 616 #68 (clean, serif bold): `***NINE` read `**KEN` `INE`; INE, repaired to ONE, made the rest of the line
/// ONE HUNDRED FIFTY FIVE…, a tail, so the line was read whole: `NINE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS` at 94, refused
/// because it "changed" the page pass's ONE. The page pass's word was a repair of INE, and NINE holds INE.
/// Outside tuning 620 #64 (skewed slip): OCR boxed `CREDIT` 345 px wide, over `TO:` and the TRUST box; the label's print was taken
/// to end there, the TRUST box was not looked at ("2 boxes on the row").
/// Outside tuning 612 #179 (noisy slip): `MALIK TORRES` read `MALIK TORRE` at 96 by the page pass, the S plainly printed after
/// the word's box: nothing read the line again, and the name, not the roster's, waited.
/// </summary>
public class LakesideRound23Tests
{
    [Fact]
    public void A_words_reread_holds_a_first_word_whose_first_letter_the_fill_took()
    {
        // 616 #68: the page pass's row from INE on, and the line read whole with its fill erased.
        Assert.True(LegalLine.AddsOnly("INE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS***", "NINE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS"));
        // A word the page pass read as printed is never changed by a re-read: ONE is ONE, TEN is not SEVENTEEN.
        Assert.False(LegalLine.AddsOnly("ONE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS", "NINE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS"));
        Assert.False(LegalLine.AddsOnly("TEN DOLLARS AND 00 CENTS", "SEVENTEEN DOLLARS AND 00 CENTS"));
        // Only the first word, and the cents still as read.
        Assert.False(LegalLine.AddsOnly("NINE HUNDRED FIFTY INE DOLLARS AND 00 CENTS", "NINE HUNDRED FIFTY NINE DOLLARS AND 00 CENTS"));
        Assert.False(LegalLine.AddsOnly("INE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS", "NINE HUNDRED FIFTY FIVE DOLLARS AND 60 CENTS"));
        // The re-read's word must end with the letters read.
        Assert.False(LegalLine.AddsOnly("INE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS", "FIVE HUNDRED FIFTY FIVE DOLLARS AND 00 CENTS"));
    }

    [Fact]
    public void The_credit_labels_print_ends_with_its_last_word_not_a_box_ocr_stretched_over_the_row()
    {
        // 620 #64 as the page pass read the row: CREDIT boxed 1306–1651, over `To:` (1435–1489) and the TRUST box (1508–1549).
        var page = new PageLayout([
            W("CREDIT", 1306, 262, 345, 30, 95), W("To:", 1435, 258, 54, 40, 82), W("[_]", 1508, 258, 41, 40, 83),
            W("TRUST", 1565, 258, 91, 40), W("L]MEDIA", 1682, 262, 137, 30, 45), W("[X]", 1841, 258, 44, 40, 79),
            W("RESTITUTION", 1891, 262, 197, 30),
        ], 2550, 1116);
        var label = page.Find("CREDIT", "TO").Single();
        Assert.Equal(1651, label.Box.Right);
        Assert.Equal(1489, CreditBoxes.LabelPrintEnd(page, label));
    }
}

/// <summary>Round 23: the lakeside items themselves, read whole by the product reader; real Tesseract.</summary>
[Collection("ocr")]
public class LakesideRound23ImageTests(EngineFixture fixture, OutsideSeed616 seed616, OutsideSeed620 seed620)
    : IClassFixture<OutsideSeed616>, IClassFixture<OutsideSeed620>
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void Numerals_misread_by_the_page_pass_are_judged_by_their_glyphs_as_the_amount_read_again()
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seed616.Order(91)));
        Assert.Equal(67300L, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void A_misread_page_word_does_not_hide_a_glyph_that_contradicts_the_amount()
    {
        // 616 #91's page as the reader recognises it, and its page pass's words of the two prints.
        var image = GrayImage.Load(seed616.Order(91)).NormalizeBackground().WithoutRules();
        var page = new PageLayout([
            W("*SIX", 52, 211, 92, 30, 0), W("HUNDRED", 156, 211, 148, 21, 93), W("SEVENTY-THREE", 317, 210, 235, 21, 91),
            W("AND", 564, 210, 64, 30), W("00/100", 640, 210, 101, 22, 93), W("DOLLARS***", 754, 208, 180, 30, 92),
            W("$075.00", 964, 238, 146, 67, 49),
        ], image.Width, image.Height);
        int At(string text) => page.Words.ToList().FindIndex(w => w.Text == text);
        var words = new[] { "*SIX", "HUNDRED", "SEVENTY-THREE", "AND", "00/100", "DOLLARS***" }.Select(At).ToList();
        var legal = new MoneyOrderReader.AmountCandidateView(67300, words, "*SIX HUNDRED SEVENTY-THREE AND 00/100 DOLLARS***");
        // The glyph under the page pass's 0 is a plain 6: $673.00 as read again stands, no doubt.
        Assert.Null(MoneyOrderReader.DigitsDoubted(image, page, new(67300, [At("$075.00")], "$673.00"), legal));
        // An amount whose digit there is another (an 8 where the glyph is a 6) is doubted.
        Assert.NotNull(MoneyOrderReader.DigitsDoubted(image, page, new(87300, [At("$075.00")], "$873.00"), legal with { Cents = 87300 }));
    }

    [Fact]
    public void A_first_number_word_split_by_its_fill_is_read_whole_from_its_line()
    {
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Load(seed616.Order(68)));
        Assert.Equal(95500L, reading.LegalAmount.Value?.MinorUnits);
        Assert.Equal(95500L, reading.AgreedAmount?.MinorUnits);
    }

    [Fact]
    public void A_credit_label_boxed_over_the_first_box_still_leaves_three_boxes()
    {
        var credit = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(seed620.Slip(64))).CreditTo;
        Assert.Equal(AccountKind.Restitution, credit.Value);
    }

    [Fact]
    public void A_name_read_short_of_its_last_letter_is_read_again_for_the_roster()
    {
        // Our slip with MALIK TORRES typed; the page pass's words as read, then its last word cut short of its S.
        var image = GrayImage.Decode(LockboxSampleImages.RenderDepositSlip("MALIK TORRES", "92913-163", "FCI-ALI", null, seed: 3));
        var engine = fixture.Engine;
        engine.SetImage(image.NormalizeBackground().WithoutRules(), 300);
        var words = engine.ReadWords(PageSegMode.SparseText).Words.ToList();
        var torres = words.FindIndex(w => w.Text == "TORRES");
        Assert.True(torres >= 0, string.Join(' ', words.Select(w => w.Text)));
        var whole = new PageLayout(words, image.Width, image.Height);
        Assert.False(SlipNames.LetterAfter(engine.Image!, whole, whole.Words.ToList().FindIndex(w => w.Text == "TORRES")));
        var box = words[torres].Box;
        words[torres] = words[torres] with { Text = "TORRE", Box = box with { Width = box.Width * 5 / 6 - 2 } };
        var cut = new PageLayout(words, image.Width, image.Height);
        Assert.True(SlipNames.LetterAfter(engine.Image!, cut, cut.Words.ToList().FindIndex(w => w.Text == "TORRE")));
        // No other word of the slip, read whole, has a letter after it.
        Assert.DoesNotContain(Enumerable.Range(0, whole.Words.Count), j => SlipNames.LetterAfter(engine.Image!, whole, j));
    }
}
