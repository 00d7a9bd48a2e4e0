using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using Ledger.Samples.Lockbox;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 8 (slips and the purchaser block): junk after a resident name, a speck beside the resident number, a label word OCR
/// split, a city line whose punctuation a stamp turned into marks, and the stamp's gray dropped before a crop is read again.
/// Word boxes are as the page pass gave them on the tuning items named.
/// </summary>
public class SlipRound8Tests
{
    [Fact]
    public void Lower_case_junk_after_a_name_in_capitals_is_not_part_of_it()
    {
        Assert.Equal(2, SlipNames.WithoutTrailingJunk(["LOPEZ,", "DARNELL", "mesial", "aeapahcant"]));
        Assert.Equal(2, SlipNames.WithoutTrailingJunk(["WILLIAM", "HILL", "mi"]));
        Assert.Equal(3, SlipNames.WithoutTrailingJunk(["WILLIAM", "WRIGHT", "_", "Sak", "lian"]));
        // Nothing to drop; one word of capitals would be left (the name is not whole: left as it is); a name typed in mixed case.
        Assert.Equal(2, SlipNames.WithoutTrailingJunk(["LOPEZ,", "DARNELL"]));
        Assert.Equal(2, SlipNames.WithoutTrailingJunk(["BARBARA", "a"]));
        Assert.Equal(2, SlipNames.WithoutTrailingJunk(["Lopez,", "Darnell"]));
    }

    [Fact]
    public void A_speck_right_of_the_resident_number_and_a_little_higher_does_not_hide_it()
    {
        // Tuning seed 8200 #239: `=` at x 1421 sat 10 px above 56441-219; the number was read as nothing.
        var page = new PageLayout(
        [
            W("RESIDENT", 791, 158, 97, 14), W("NUMBER", 896, 158, 83, 14), W("=", 1421, 181, 15, 16, 56), W("56441-219", 800, 191, 140, 32, 86),
            W("PHONE", 792, 258, 68, 14),
        ], 1700, 1100);
        var label = page.Find("RESIDENT", "NUMBER").First();
        var stop = label.WordIndexes.Append(4).ToHashSet();

        Assert.Empty(page.Below(label.Box, stop, byMiddle: true));
        Assert.Equal("56441-219", page.Text(page.Below(label.Box, stop, byMiddle: true, nearLabelFirst: true)));
    }

    [Fact]
    public void The_purchaser_block_is_looked_for_again_at_its_label_never_at_a_signature_lines_caption()
    {
        // Tuning seed 7800 #2 (MoneyGram): `PURCHASER` over the block, `SIGNATURE OF PURCHASER` under a signature line.
        var page = new PageLayout(
        [
            W("PURCHASER", 125, 606, 171, 21), W("PATRICIA", 126, 653, 164, 31), W("HILL", 305, 653, 76, 31),
            W("SIGNATURE", 1198, 751, 104, 14), W("OF", 1310, 751, 22, 14), W("PURCHASER", 1340, 751, 109, 14),
        ], 2100, 980);
        var labels = page.Find("PURCHASER").ToList();

        Assert.Equal(2, labels.Count);
        var value = Assert.Single(PurchaserBlock.ValueLabels(page, labels));
        Assert.Equal(606, value.Box.Top);
        // The place read again reaches the name's row above the label's and three lines under it.
        var region = PurchaserBlock.Region(value.Box, 29, 2100, 980);
        Assert.True(region.Top <= 606 - 29 && region.Bottom >= 627 + 8 * 29 && region.Left <= 125 && region.Right >= 1200, region.ToString());
    }

    [Fact]
    public void A_label_word_split_in_two_takes_its_rest_as_label_not_as_the_value()
    {
        // Outside tuning seed 40 #144: `NAM` `E`; the name under it was read as `E`.
        var page = new PageLayout(
        [
            W("RESIDENT", 34, 104, 99, 16), W("NAM", 141, 81, 42, 39, 91), W("E", 187, 104, 10, 16, 87),
            W("ANA", 37, 132, 46, 20), W("YOUNG", 100, 132, 94, 20),
        ], 1700, 1100);

        var label = page.Find("RESIDENT", "NAME").First();

        Assert.Equal("RESIDENT NAM E", page.Text(label.WordIndexes));
        var stop = label.WordIndexes.ToHashSet();
        Assert.Empty(page.RightOf(label.Box, stop));
        Assert.Equal("ANA YOUNG", page.Text(page.Below(label.Box, stop, byMiddle: true, nearLabelFirst: true)));
        // A label read whole takes nothing more: a one-letter value right after it stays the value.
        var whole = new PageLayout([W("RESIDENT", 34, 104, 99, 16), W("NAME", 141, 104, 60, 16), W("E", 205, 104, 10, 16)], 900, 400);
        Assert.Equal("RESIDENT NAME", whole.Text(whole.Find("RESIDENT", "NAME").First().WordIndexes));
    }
}

/// <summary>Round 8: where a return may be mailed when a stamp turned the slip's city line's punctuation into marks.</summary>
public class StampedCityLineTests
{
    private static MoneyOrderReading Order(string purchaserAddress, double confidence) => PurchaserLinesTests.Order(purchaserAddress, confidence);

    private static DepositSlipReading Slip(params AddressLineRead[] reads) => PurchaserLinesTests.SlipWith("2885 LAKE RD", reads);

    [Fact]
    public void A_city_line_spelling_the_purchasers_with_marks_for_punctuation_is_mailed_as_the_purchaser_block_prints_it()
    {
        // Tuning seed 8200 #18: under a RECEIVED stamp the slip's city line read `DAYTON{ OH~45402` (45), `DAYTONOH-45402` (0).
        var slip = Slip(new(AddressLine.Street, AddressReadKind.Page, "2885 LAKE RD", 96),
            new(AddressLine.City, AddressReadKind.Page, "DAYTON{ OH~45402", 45), new(AddressLine.City, AddressReadKind.Crop, "DAYTONOH-45402", 0));

        Assert.Equal("2885 LAKE RD, DAYTON, OH 45402", ReturnAddress.Confirmed(Order("2885 LAKE RD, DAYTON, OH 45402", 96), slip));
        // A digit or a letter apart, or both sheets faint: a person.
        Assert.Null(ReturnAddress.Confirmed(Order("2885 LAKE RD, DAYTON, OH 45403", 96), slip));
        Assert.Null(ReturnAddress.Confirmed(Order("2885 LAKE RD, DALTON, OH 45402", 96), slip));
        var faint = Slip(new(AddressLine.Street, AddressReadKind.Page, "2885 LAKE RD", 50), new(AddressLine.City, AddressReadKind.Page, "DAYTON{ OH~45402", 45));
        Assert.Null(ReturnAddress.Confirmed(Order("2885 LAKE RD, DAYTON, OH 45402", 55), faint));
        // Without the purchaser block such a line confirms nothing.
        Assert.Null(ReturnAddress.Confirmed(Order("", 0), slip));
    }
}

/// <summary>Round 8: a stamp's gray dropped before a line is read again (<see cref="PurchaserBlock.WithoutStamp"/>), real Tesseract.</summary>
[Collection("ocr")]
public class StampGrayTests(EngineFixture fixture)
{
    /// <summary>The line with a word in a stamp's gray (alpha-blended ink 90 at 150/255, as the generator stamps) laid over its end.</summary>
    private static GrayImage Stamped(string text, string stamp)
    {
        var line = GrayImage.Decode(LockboxSampleImages.RenderTextLine(text, 40, sansBold: true), deskew: false);
        var over = GrayImage.Decode(LockboxSampleImages.RenderTextLine(stamp, 56, sansBold: true), deskew: false);
        var pixels = (byte[])line.Pixels.Clone();
        var dx = line.Width - over.Width * 4 / 5;
        for (var y = 0; y < Math.Min(line.Height, over.Height); y++)
        for (var x = 0; x < over.Width && dx + x < line.Width; x++)
        {
            // The stamp's ink share at this pixel, blended like the generator's alpha 150 over the line.
            var share = (250 - over[x, y]) / 230.0 * (150 / 255.0);
            if (share <= 0) continue;
            var i = y * line.Width + dx + x;
            pixels[i] = (byte)Math.Min(pixels[i], Math.Round(pixels[i] * (1 - share) + 90 * share));
        }
        return new GrayImage(line.Width, line.Height, pixels);
    }

    [Fact]
    public void A_line_under_a_stamp_reads_once_the_stamps_gray_is_dropped()
    {
        var image = Stamped("DAYTON, OH 45402", "RECEIVED");
        fixture.Engine.SetImage(image);
        var stamped = MoneyOrderReader.ReadAlone(fixture.Engine, image, PurchaserBlock.Characters).Text;
        var clean = MoneyOrderReader.ReadAlone(fixture.Engine, PurchaserBlock.WithoutStamp(image), PurchaserBlock.Characters).Text;

        Assert.NotEqual("DAYTONOH45402", PurchaserLines.Chars(stamped));
        Assert.Equal("DAYTONOH45402", PurchaserLines.Chars(clean));
        // The print itself is kept whole: no pixel darker than the stamp is touched.
        Assert.All(PurchaserBlock.WithoutStamp(image).Pixels.Zip(image.Pixels), p => Assert.True(p.First == 255 || p.First == p.Second));
    }
}
