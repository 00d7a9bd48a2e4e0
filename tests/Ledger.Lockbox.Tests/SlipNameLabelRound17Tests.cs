using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 17 (issue #11, outside forms): the deposit slip's RESIDENT NAME label with one of its two words read as noise by the
/// page pass (`RESIDENT riniae` on outside tuning seed 484 #192, `Renew NAME.` on 484 #100, the same on 483 #8): no label was
/// found, so the plainly printed name was never read and a legible order waited. The other half of the label, with a noise
/// word of the lost word's size glued to it, is the label; the name right of it is read and checked as any name.
/// </summary>
[Collection("ocr")]
public class SlipNameLabelRound17Tests(EngineFixture fixture)
{
    // Outside 484 #192's first rows as the page pass read them (its left RESIDENT NAME read `RESIDENT riniae`).
    private static List<OcrWord> Seed484Item192(double noiseConfidence = 4, int noiseLeft = 168, int noiseWidth = 74) =>
    [
        W("riniae", noiseLeft, 91, noiseWidth, 60, noiseConfidence), W("MARY", 263, 101, 68, 41, 97), W("WALKER", 349, 121, 106, 22),
        W("32175-551", 1302, 122, 155, 23, 43), W("RESIDENT", 42, 124, 121, 16), W("RESIDENT", 1046, 125, 121, 16),
        W("NUMBER", 1176, 125, 105, 16, 43), W("JAMES", 241, 250, 84, 22), W("O'NEILL", 345, 251, 120, 22),
        W("SENDER", 42, 252, 97, 18, 95), W("NAME", 149, 253, 70, 16, 95),
    ];

    private static LabelHit? Label(PageLayout page) =>
        MoneyOrderReader.ResidentNameLabelHalfRead(page, page.Find("RESIDENT", "NUMBER").FirstOrDefault(), page.Find("SENDER", "NAME").FirstOrDefault());

    [Fact]
    public void Resident_with_a_noise_word_glued_after_it_is_the_name_label()
    {
        var page = new PageLayout(Seed484Item192(), 2040, 935);
        Assert.Empty(page.Find("RESIDENT", "NAME"));
        var label = Label(page);
        Assert.NotNull(label);
        Assert.Equal("RESIDENT riniae", page.Text(label!.WordIndexes));
        var labels = new HashSet<int>(label.WordIndexes);
        Assert.Equal("MARY WALKER", page.Text(MoneyOrderReader.SlipValue(page, label.Box, labels, 1046)));
    }

    [Fact]
    public void Name_with_a_noise_word_glued_before_it_is_the_name_label()
    {
        // Outside 484 #100: `Renew NAME.` (RESIDENT read at 5), CARLOS read at 19 further on.
        var page = new PageLayout([
            W("Renew", 35, 73, 104, 47, 5), W("CARLOS", 224, 102, 105, 23, 19), W("MARTINEZ", 342, 102, 135, 29, 97),
            W("NAME.", 147, 104, 58, 16, 36), W("RESIDENT", 872, 105, 104, 15), W("NUMBER", 984, 105, 89, 15, 97),
            W("SENDER", 34, 221, 85, 17, 97), W("TERRENCE", 203, 221, 143, 23, 91), W("NAME", 128, 222, 58, 16, 91),
        ], 1872, 1005);
        var label = Label(page);
        Assert.NotNull(label);
        Assert.Equal("Renew NAME.", page.Text(label!.WordIndexes));
    }

    [Theory]
    [InlineData(40, 168, 74)]   // a word read with some confidence is no noise: it may be the value
    [InlineData(4, 190, 74)]    // a gap wider than a space: the value's first word, not the label's
    [InlineData(4, 168, 160)]   // far wider than NAME: not the lost word
    [InlineData(4, 168, 30)]    // far narrower than NAME
    public void Nothing_else_is_taken_for_the_label(double confidence, int left, int width)
    {
        var page = new PageLayout(Seed484Item192(confidence, left, width), 2040, 935);
        Assert.Null(Label(page));
    }

    [Fact]
    public void Two_such_places_are_no_label()
    {
        var words = Seed484Item192();
        words.Add(W("Renew", 30, 600, 104, 16, 5));
        words.Add(W("NAME", 142, 600, 58, 16));
        Assert.Null(Label(new PageLayout(words, 2040, 935)));
    }

    [Fact]
    public void The_number_and_sender_labels_are_not_taken()
    {
        // The number row's RESIDENT followed by noise, the sender's NAME after noise: both belong to their own labels.
        var page = new PageLayout([
            W("RESIDENT", 1046, 125, 121, 16), W("NUMBR", 1176, 125, 70, 16, 10), W("SENDER", 42, 252, 97, 18, 95), W("NAME", 149, 253, 70, 16, 95),
        ], 2040, 935);
        Assert.Null(MoneyOrderReader.ResidentNameLabelHalfRead(page, page.Find("RESIDENT", "NUMBR").FirstOrDefault(), page.Find("SENDER", "NAME").FirstOrDefault()));
    }

    [Fact]
    public void Outside_483_item_8_has_its_resident_name_read()
    {
        using var outside = new OutsideSeed483();
        var slip = GrayImage.Load(outside.Slip(8));
        var reading = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, slip);
        Assert.Equal("HARRIS, JOSE", reading.ResidentName.Value);
        Assert.Equal("85822-312", reading.ResidentNumber.Value);
    }
}
