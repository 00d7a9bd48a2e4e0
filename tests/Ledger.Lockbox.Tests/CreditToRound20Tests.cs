using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 20 (issue #11, the deposit slip's CREDIT TO row): legible outside orders that waited for a person because the marked
/// box was not read. The TRUST box glued by OCR to `TO:` was taken for the label's print (557 #60); the MEDIA box glued to its
/// word as strokes (`[X)/MEDIA`) under a stamp that hid the label left no stand-in label (558 #41); boxes found only at
/// near-black ink with no mark were never TRUST, even when the usual mark ink saw them empty too (560 #140).
/// </summary>
public class CreditToRound20Tests
{
    [Fact]
    public void The_labels_print_ends_at_TO_when_a_box_was_glued_after_it()
    {
        // Outside 557 #60 as the page pass read the row (29 px print): the TRUST box (1499–1532) inside `TO:.{-]`'s box.
        var page = new PageLayout([W("CREDIT", 1307, 239, 110, 23), W("TO:.{-]", 1426, 234, 106, 31, 53), W("FRUST", 1541, 239, 92, 21, 61)], 2550, 1158);
        var label = page.Find("CREDIT", "TO").Single();
        Assert.Equal(1532, label.Box.Right);

        var end = CreditBoxes.LabelPrintEnd(page, label);

        // `TO:` is three of the word's seven characters; the box (1499) is no longer left of the print's end less a print height.
        Assert.Equal(1426 + 106 * 3 / 7, end);
        Assert.True(1499 >= end - 29 && 1499 < label.Box.Right - 29);
        // The label read cleanly: its box is its print.
        var clean = new PageLayout([W("CREDIT", 1307, 239, 110, 23), W("TO:", 1426, 239, 45, 23)], 2550, 1158);
        Assert.Equal(1471, CreditBoxes.LabelPrintEnd(clean, clean.Find("CREDIT", "TO").Single()));
        var glued = new PageLayout([W("CREDITTO:", 1307, 239, 160, 23)], 2550, 1158);
        Assert.Equal(1467, CreditBoxes.LabelPrintEnd(glued, glued.Find("CREDITTO").Single()));
        // A letter after `TO` (not box strokes alone): the box is kept.
        var letter = new PageLayout([W("CREDITTOI", 1307, 239, 170, 23)], 2550, 1158);
        Assert.Equal(1477, CreditBoxes.LabelPrintEnd(letter, letter.Find("CREDITTO").Single()));
        // A stand-in label (no words) keeps its box.
        var standIn = new LabelHit([], PixelRect.FromEdges(1400, 239, 1401, 262));
        Assert.Equal(1401, CreditBoxes.LabelPrintEnd(page, standIn));
    }

    [Fact]
    public void A_box_read_as_strokes_before_its_word_is_still_the_word()
    {
        // Outside 558 #41: `[X)/MEDIA` (key `X)/MEDIA`), as before `LJTRUST`, `XMEDIA`.
        Assert.True(CreditBoxes.IsBoxWord("X)/MEDIA", "MEDIA"));
        Assert.True(CreditBoxes.IsBoxWord("LJTRUST", "TRUST"));
        Assert.True(CreditBoxes.IsBoxWord("XMEDIA", "MEDIA"));
        Assert.True(CreditBoxes.IsBoxWord("FRUST", "TRUST"));
        // More than two letters or five characters before it is another word, not a box glued to this one.
        Assert.False(CreditBoxes.IsBoxWord("ABCMEDIA", "MEDIA"));
        Assert.False(CreditBoxes.IsBoxWord("X)/(-_MEDIA", "MEDIA"));
        Assert.False(CreditBoxes.IsBoxWord("TRUSTEE", "TRUST"));

        // The stand-in label is found from the three words as 558 #41's page pass read them (`CREDIT TO:` read `CRED!IT_TO:-[,`).
        var page = new PageLayout(
        [
            W("CRED!IT_TO:-[,", 1307, 265, 258, 33, 19), W("[X)/MEDIA", 1715, 265, 151, 33, 8), W("[_]", 1897, 265, 33, 33, 83),
            W("|TRUST", 1574, 271, 110, 22, 36), W("RESTITUTION", 1942, 271, 219, 22),
        ], 2550, 1159);
        Assert.Empty(page.Find("CREDIT", "TO"));
        var label = CreditBoxes.LabelFromWords(page, ["TRUST", "MEDIA", "RESTITUTION"]);
        Assert.NotNull(label);
        Assert.Equal(1574 - 4 * 22, label.Box.Right);
    }
}

/// <summary>Round 20: the CREDIT TO row of real drawn slips, read whole by the product reader; real Tesseract.</summary>
[Collection("ocr")]
public class CreditToRound20SlipTests(EngineFixture fixture, OutsideSeed557 seed557, OutsideSeed558 seed558)
    : IClassFixture<OutsideSeed557>, IClassFixture<OutsideSeed558>
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void A_box_glued_to_the_label_is_read_as_the_rows_first_box()
    {
        // Outside 557 #60 (noisy western_union slip, MEDIA marked): was "2 boxes on the row, not one beside each word".
        var credit = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(seed557.Slip(60))).CreditTo;
        Assert.Equal(AccountKind.Media, credit.Value);
    }

    [Fact]
    public void A_stamped_slips_row_is_found_by_its_words_with_a_box_read_as_strokes()
    {
        // Outside 558 #41 (stamped bank_citizens slip, MEDIA marked, a LOCKBOX stamp over `CREDIT TO:`): was no row found.
        var credit = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(seed558.Slip(41))).CreditTo;
        Assert.Equal(AccountKind.Media, credit.Value);
    }

    /// <summary>
    /// Our slip with a gray band (as a scan's gray fringe, or a stamp's border) drawn through the TRUST box's top-left corner:
    /// at the usual box threshold the box and the band are one shape, no square, so the row is found only at near-black.
    /// </summary>
    private GrayImage Banded(AccountKind? marked, byte gray)
    {
        var image = GrayImage.Decode(LockboxSampleImages.RenderDepositSlip("JOHN DOE", "12345-678", "FCI-LOR", marked, seed: 3));
        var trust = Checkbox.FindSquares(image, image.Bounds, 30, 80).GroupBy(q => q.Outer.Top / 20)
            .Select(g => g.OrderBy(q => q.Outer.Left).ToList()).Single(g => g.Count == 3)[0].Outer;
        var px = (byte[])image.Pixels.Clone();
        for (var x = trust.Left - 60; x < trust.Left + 40; x++)
        for (var w = 0; w < 5; w++)
        {
            var at = (trust.Top + (x - trust.Left) / 2 + w - 2) * image.Width + x;
            px[at] = Math.Min(px[at], gray);
        }
        return new GrayImage(image.Width, image.Height, px);
    }

    [Fact]
    public void Boxes_found_only_at_near_black_and_empty_at_the_usual_mark_ink_are_trust()
    {
        // A band of gray 150: ink for the box threshold (170), not for a mark (128). No box marked: TRUST, as the form says.
        var none = _reader.ReadDepositSlip(fixture.Engine, Banded(null, 150)).CreditTo;
        Assert.Equal(AccountKind.Trust, none.Value);
        // A marked box is read as before.
        Assert.Equal(AccountKind.Media, _reader.ReadDepositSlip(fixture.Engine, Banded(AccountKind.Media, 150)).CreditTo.Value);
    }

    [Fact]
    public void A_stamps_gray_in_a_box_still_leaves_an_unmarked_row_to_a_person()
    {
        // A band of gray 120 (a stamp's border): at the usual mark ink it is ink in the TRUST box, so no mark seen at near-black
        // is not taken as TRUST: the row waits, as in round 9.
        var credit = _reader.ReadDepositSlip(fixture.Engine, Banded(null, 120)).CreditTo;
        Assert.Null(credit.Value);
        Assert.Contains("no mark seen", credit.RawText, StringComparison.Ordinal);
    }
}
