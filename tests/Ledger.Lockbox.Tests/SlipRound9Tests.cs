using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 9 (the deposit slip): a resident number read cut short, a one-word name before lower-case junk, the CREDIT TO row
/// found by its box words when a stamp hid its label, and its boxes found with a stamp's gray dropped.
/// </summary>
public class SlipRound9Tests
{
    [Fact]
    public void A_number_read_cut_short_is_read_again_over_a_whole_numbers_width()
    {
        // Tuning seed 8400 #83: `31925-` at 80 for 31925-566, six characters in a box 84 px wide (14 px each).
        var place = ResidentNumberDigits.WholeNumberPlace(new PixelRect(800, 191, 84, 32), "31925-", 1700, 1100);

        Assert.NotNull(place);
        // A first digit lost (one and a half characters before) and the three digits after the dash (to nine and a half after the start).
        Assert.True(place.Value.Left <= 800 - 21 && place.Value.Right >= 800 + 9 * 14, place.ToString());
        Assert.True(place.Value.Top < 191 && place.Value.Bottom > 191 + 32, place.ToString());
        // A read holding eight digits or none is not widened.
        Assert.Null(ResidentNumberDigits.WholeNumberPlace(new PixelRect(800, 191, 126, 32), "31925-566", 1700, 1100));
        Assert.Null(ResidentNumberDigits.WholeNumberPlace(new PixelRect(800, 191, 126, 32), "AONE", 1700, 1100));
        // Kept on the page.
        Assert.True(ResidentNumberDigits.WholeNumberPlace(new PixelRect(1650, 191, 40, 32), "319", 1700, 1100)!.Value.Right <= 1700);
    }

    [Fact]
    public void A_read_with_a_digit_too_many_beside_its_dash_gives_the_numbers_without_it()
    {
        // Tuning seed 8400 #51: `57660-0928` for 57660-028, the 9 repeating no neighbour (not an undoubled read).
        Assert.DoesNotContain("57660-028", ResidentNumberDigits.Undoubled("57660-0928"));
        Assert.Equal(["57660-928", "57660-028", "57660-098", "57660-092"], ResidentNumberDigits.WithoutExtraDigit("57660-0928"));
        // Six before the dash: one of those dropped.
        Assert.Contains("51995-006", ResidentNumberDigits.WithoutExtraDigit("519953-006"));
        Assert.Equal(6, ResidentNumberDigits.WithoutExtraDigit("123456-789").Count);
        // Well formed already, a digit short, no dash, two dashes, letters: nothing.
        Assert.Empty(ResidentNumberDigits.WithoutExtraDigit("57660-028"));
        Assert.Empty(ResidentNumberDigits.WithoutExtraDigit("57660-02"));
        Assert.Empty(ResidentNumberDigits.WithoutExtraDigit("576600928"));
        Assert.Empty(ResidentNumberDigits.WithoutExtraDigit("57660-09-28"));
        Assert.Empty(ResidentNumberDigits.WithoutExtraDigit("5766O-0928"));
    }

    [Fact]
    public void A_one_word_name_before_lower_case_junk_lacks_a_word()
    {
        // Tuning seed 8400 #261: HERNANDEZ, LUIS over a skewed rule read `HERNANDEZ, pee ee cee ere`; held back: `RICHARD Ba Sc`.
        Assert.True(SlipNames.LostWordBehindJunk(["HERNANDEZ,", "pee", "ee", "cee", "ere"]));
        Assert.True(SlipNames.LostWordBehindJunk(["RICHARD", "Ba", "Sc"]));
        // Two words of capitals before the junk: round 8 drops the junk, nothing is lost. No junk; a name in mixed case.
        Assert.False(SlipNames.LostWordBehindJunk(["LOPEZ,", "DARNELL", "mesial"]));
        Assert.False(SlipNames.LostWordBehindJunk(["HERNANDEZ,", "LUIS"]));
        Assert.False(SlipNames.LostWordBehindJunk(["Hernandez,", "luis"]));
        Assert.False(SlipNames.LostWordBehindJunk(["ee", "cee"]));
    }

    [Fact]
    public void The_credit_to_row_is_found_by_its_box_words_when_its_label_was_not_read()
    {
        // Outside tuning seed 20 #50: a VERIFIED stamp over `CREDIT TO:`; the three words read beside their boxes (22 px print).
        string[] words = ["TRUST", "MEDIA", "RESTITUTION"];
        var page = new PageLayout(
        [
            W("RESIDENT", 300, 150, 150, 22), W("NUMBER", 460, 150, 120, 22), W("47122-923", 600, 148, 190, 30),
            W("TRUST", 790, 240, 100, 22), W("MEDIA", 1000, 241, 105, 22), W("XRESTITUTION", 1220, 243, 230, 22),
            W("PHONE", 300, 320, 100, 22),
        ], 2550, 1180);

        var label = CreditBoxes.LabelFromWords(page, words);

        Assert.NotNull(label);
        // The stand-in ends room for a box (four print heights) before the first word, on its row.
        Assert.Equal(790 - 4 * 22, label.Box.Right);
        Assert.Equal(240, label.Box.Top);
        // A word read twice, the words not on one row left to right, or TRUST missing: no stand-in (the field stays unread).
        // Round 32: MEDIA or RESTITUTION missing beside the other two is a stand-in still (the boxes are then taken as the row's three
        // squares left to right, from before TRUST); without TRUST nothing says where the first box is.
        Assert.Equal(790 - 4 * 22, CreditBoxes.LabelFromWords(new PageLayout([page.Words[3], page.Words[5]], 2550, 1180), words)?.Box.Right);
        Assert.Null(CreditBoxes.LabelFromWords(new PageLayout([page.Words[4], page.Words[5]], 2550, 1180), words));
        Assert.Null(CreditBoxes.LabelFromWords(new PageLayout([.. page.Words, W("TRUST", 300, 600, 100, 22)], 2550, 1180), words));
        Assert.Null(CreditBoxes.LabelFromWords(new PageLayout([page.Words[3], W("MEDIA", 1000, 400, 105, 22), page.Words[5]], 2550, 1180), words));
    }

    [Fact]
    public void A_box_glued_to_its_word_behind_a_speck_is_still_the_words()
    {
        // Outside tuning seed 120 #82 (print 24 px): RESTITUTION read from 9 px before its 34 px box, the box's middle 26 px in.
        var box = new PixelRect(1912, 267, 34, 36);
        var word = new PixelRect(1903, 239, 280, 64);
        Assert.True(MoneyOrderReader.BoxBesideWord(box, word, 24, leftOfWord: true));
        // The box boxed with its word without a speck, and a box before its word, as before.
        Assert.True(MoneyOrderReader.BoxBesideWord(new PixelRect(1537, 268, 37, 34), new PixelRect(1537, 268, 159, 34), 24, leftOfWord: true));
        Assert.True(MoneyOrderReader.BoxBesideWord(new PixelRect(1726, 267, 34, 35), new PixelRect(1772, 239, 118, 58), 24, leftOfWord: true));
        // A box further into the word, or past its end, or more than three print heights before it, is not its box.
        Assert.False(MoneyOrderReader.BoxBesideWord(box with { Left = 1903 + 30 }, word, 24, leftOfWord: true));
        Assert.False(MoneyOrderReader.BoxBesideWord(box with { Left = 2190 }, word, 24, leftOfWord: true));
        Assert.False(MoneyOrderReader.BoxBesideWord(box with { Left = 1903 - 34 - 73 }, word, 24, leftOfWord: true));
        // The other side alike: a box ending within a print height of the word's end.
        Assert.True(MoneyOrderReader.BoxBesideWord(new PixelRect(2183 + 9 - 34 - 9, 267, 34, 36), word, 24, leftOfWord: false));
        Assert.False(MoneyOrderReader.BoxBesideWord(new PixelRect(2183 - 34 - 30, 267, 34, 36), word, 24, leftOfWord: false));
    }

    /// <summary>
    /// Three 40 px boxes on a row, an X in the last, and a stamp's border (gray 120, as the outside forms' stamps: 115–140) drawn
    /// across the first box's corner, joining it into one shape that is no square.
    /// </summary>
    private static GrayImage StampedBoxes()
    {
        const int width = 400, height = 120, side = 40, top = 40;
        var px = Enumerable.Repeat((byte)245, width * height).ToArray();
        int[] lefts = [40, 160, 280];
        foreach (var at in lefts)
        for (var t = 0; t < 3; t++)
        for (var i = 0; i < side; i++)
        {
            px[(top + t) * width + at + i] = 30; px[(top + side - 1 - t) * width + at + i] = 30;
            px[(top + i) * width + at + t] = 30; px[(top + i) * width + at + side - 1 - t] = 30;
        }
        for (var i = 6; i < side - 6; i++)
        for (var w = 0; w < 4; w++)
        {
            px[(top + i) * width + lefts[2] + Math.Min(i + w, side - 4)] = 25;
            px[(top + i) * width + lefts[2] + Math.Max(side - 1 - i - w, 3)] = 25;
        }
        // The stamp's border: a 5 px gray band from the page's top left down through the first box's top-left corner.
        for (var x = 0; x < 120; x++)
        for (var w = 0; w < 5; w++)
        {
            var y = x / 2 + 20 + w;
            if (y < height) px[y * width + x] = Math.Min(px[y * width + x], (byte)120);
        }
        return new GrayImage(width, height, px);
    }

    [Fact]
    public void A_box_a_stamps_border_runs_into_is_found_with_the_stamps_gray_dropped()
    {
        var image = StampedBoxes();

        // At the usual threshold the stamp's gray is ink: the first box and the border are one shape, not a square.
        Assert.Equal(2, Checkbox.FindSquares(image, image.Bounds, 20, 60).Count);
        // With only near-black print as ink, the three boxes; the X is print, the stamp is not a mark.
        var boxes = Checkbox.FindSquares(image, image.Bounds, 20, 60, PurchaserBlock.StampInk);
        Assert.Equal(3, boxes.Count);
        var shares = boxes.Select(b => Checkbox.MarkShare(image, b.Inner, PurchaserBlock.StampInk)).ToList();
        Assert.True(shares[0] <= 0.025 && shares[1] <= 0.025, string.Join(' ', shares));
        Assert.True(shares[2] >= 0.08, string.Join(' ', shares));
    }
}

/// <summary>Round 9: a resident number whose page-pass word held only its first characters, read again over its whole width; real Tesseract.</summary>
[Collection("ocr")]
public class CutNumberTests(EngineFixture fixture)
{
    [Theory]
    [InlineData("31925-566")]
    [InlineData("40042-318")]
    public void The_whole_numbers_place_reads_the_digits_the_cut_word_left_out(string number)
    {
        var image = GrayImage.Decode(LockboxSampleImages.RenderTextLine(number, 40), deskew: false);
        fixture.Engine.SetImage(image);
        // The print's ink, and the word the page pass would have boxed had it read only the first six characters (`31925-`).
        var (left, right, top, bottom) = Ink(image);
        var cut = PixelRect.FromEdges(left, top, left + (right - left) * 6 / 9, bottom);

        var fromCut = ResidentNumberDigits.Reads(fixture.Engine, cut.Inflate(12, 6), null, MoneyOrderReader.ReadAlone).Select(Squeeze).ToList();
        var place = ResidentNumberDigits.WholeNumberPlace(cut, number[..6], image.Width, image.Height);
        Assert.NotNull(place);
        var fromWhole = ResidentNumberDigits.Reads(fixture.Engine, place.Value, null, MoneyOrderReader.ReadAlone).Select(Squeeze).ToList();

        Assert.DoesNotContain(number, fromCut);
        Assert.Contains(number, fromWhole);
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static (int Left, int Right, int Top, int Bottom) Ink(GrayImage image)
    {
        int left = image.Width, right = 0, top = image.Height, bottom = 0;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            if (image[x, y] >= 128) continue;
            (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x + 1), Math.Min(top, y), Math.Max(bottom, y + 1));
        }
        return (left, right, top, bottom);
    }
}

/// <summary>
/// Round 9: CREDIT TO boxes found with only near-black taken as ink (a stamp's gray border across a box) are read only when a
/// mark is seen; a mark in lighter pen is not seen at that ink, and no mark seen is then not TRUST. Real slip, real Tesseract.
/// </summary>
[Collection("ocr")]
public class CreditBoxesUnderStampTests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void Boxes_read_past_a_stamp_need_a_mark_seen()
    {
        var image = GrayImage.Decode(LockboxSampleImages.RenderDepositSlip("JOHN DOE", "12345-678", "FCI-LOR", AccountKind.Media, seed: 3));
        // The row of three boxes (the form's only three squares side by side), left to right.
        var row = Checkbox.FindSquares(image, image.Bounds, 30, 80).GroupBy(q => q.Outer.Top / 20)
            .Select(g => g.OrderBy(q => q.Outer.Left).ToList()).Single(g => g.Count == 3);
        Assert.Equal(AccountKind.Media, _reader.ReadDepositSlip(fixture.Engine, image).CreditTo.Value);

        // A stamp's border (gray 120) through the TRUST box's top-left corner: at the usual ink the box is no square.
        var stamped = (byte[])image.Pixels.Clone();
        var trust = row[0].Outer;
        for (var x = trust.Left - 60; x < trust.Left + 40; x++)
        for (var w = 0; w < 5; w++)
        {
            var (px, py) = (x, trust.Top + (x - trust.Left) / 2 + w - 2);
            stamped[py * image.Width + px] = Math.Min(stamped[py * image.Width + px], (byte)120);
        }
        var darkMark = _reader.ReadDepositSlip(fixture.Engine, new GrayImage(image.Width, image.Height, stamped)).CreditTo;
        Assert.Equal(AccountKind.Media, darkMark.Value);

        // The same with the X in lighter pen (gray 120): not seen at near-black, so the row is left for a person, not TRUST.
        var light = (byte[])stamped.Clone();
        var inside = row[1].Inner.Inflate(-3, -3);
        for (var y = inside.Top; y < inside.Bottom; y++)
        for (var x = inside.Left; x < inside.Right; x++)
            if (light[y * image.Width + x] < 120) light[y * image.Width + x] = 120;
        var lightMark = _reader.ReadDepositSlip(fixture.Engine, new GrayImage(image.Width, image.Height, light)).CreditTo;
        Assert.Null(lightMark.Value);
        Assert.Contains("no mark seen", lightMark.RawText, StringComparison.Ordinal);
    }
}
