using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 27 (issue #11): legible orders that waited on the slip's resident name.
/// - Ours tuning 9825 #206 (postal-b, a clean slip, values beside their labels): the page pass read no word of `RESIDENT NAME:`
///   at all, so the name `JAMES DE LA CRUZ` was never looked for. The strip left of a value row with nothing read in it is read
///   again; spelling RESIDENT NAME, it is the label (`MoneyOrderReader.ResidentNameLabelUnread`).
/// - Outside tuning 637 #183 (western_union, noisy): the name's reads `KE|SHA GONZALEZ`, `KEISH GONZALEZ` and, from the line cut
///   out of the pixels reaching back into its label, `ME KEISHA.GONZALEZ`; the label's end was not dropped because the period
///   read for the space left one word (`SlipNames.WithoutLeadingMark`), so no read spelled the roster's whole name.
/// </summary>
[Collection("ocr")]
public class SlipNameRound27Tests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    [Fact]
    public void A_name_whose_label_the_page_pass_did_not_read_is_read()
    {
        using var slip = TuningItems.Slip(9825, 206, "36220-919");
        var reading = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Equal("JAMES DE LA CRUZ", reading.ResidentName.Value);
        Assert.Equal("36220-919", reading.ResidentNumber.Value);
    }

    [Fact]
    public void With_the_label_gone_the_name_is_not_read()
    {
        // 9825 #206 with `RESIDENT NAME:` whitened (rows 215–275, left of the values at x 581, read from this scan): nothing says
        // the row is the resident's name, so it is not taken for one; the order waits for a person.
        using var slip = TuningItems.Slip(9825, 206, "36220-919");
        var image = OutsideDrawnBatch.Whitened(GrayImage.Load(slip.Path), PixelRect.FromEdges(60, 215, 440, 275), paper: 235);
        var reading = _reader.ReadDepositSlip(fixture.Engine, image);
        Assert.Null(reading.ResidentName.Value);
        Assert.Empty(reading.ResidentName.Alternatives);
    }
}

/// <summary>Round 27: `ResidentNameLabelUnread` on a page of words laid out as a slip whose values sit beside their labels.</summary>
public class ResidentNameLabelUnreadRound27Tests
{
    private static OcrWord Word(string text, int left, int top, int width, int height) => new(text, 95, new PixelRect(left, top, width, height), 0);

    // JAMES CRUZ (0, 1) has no label read left of it; RESIDENT NUMBER, FACILITY and SENDER NAME were read with their values.
    private static readonly List<OcrWord> Words =
    [
        Word("JAMES", 580, 220, 106, 30), Word("CRUZ", 700, 220, 94, 30),
        Word("RESIDENT", 90, 300, 145, 22), Word("NUMBER", 246, 300, 123, 21), Word("36220-919", 585, 291, 180, 30),
        Word("FACILITY:", 91, 370, 135, 20), Word("FCI-DUB", 585, 362, 136, 29),
        Word("SENDER", 90, 554, 117, 20), Word("NAME", 219, 554, 81, 21), Word("SHARON", 584, 546, 143, 30),
    ];

    private static List<LabelHit> Found(PageLayout page) =>
        [new([2, 3], page.Box([2, 3])), new([5], page.Box([5])), new([7, 8], page.Box([7, 8]))];

    [Fact]
    public void The_strip_left_of_a_value_that_reads_RESIDENT_NAME_is_its_label()
    {
        var page = new PageLayout(Words, 1800, 1000);
        var read = new List<PixelRect>();
        var hit = MoneyOrderReader.ResidentNameLabelUnread(page, Found(page), strip =>
        {
            read.Add(strip);
            return strip.Top < 260 ? "RESIDENT NAME:" : "";
        });
        Assert.NotNull(hit);
        Assert.Single(read); // only the row with nothing read left of it
        Assert.Equal([0, 1], MoneyOrderReader.SlipValue(page, hit!.Box, new HashSet<int> { 2, 3, 5, 7, 8 }, page.Width));
    }

    [Theory]
    [InlineData("SENDER NAME")]
    [InlineData("RESIDENT")]
    [InlineData("")]
    public void A_strip_that_does_not_spell_RESIDENT_NAME_is_no_label(string spelled)
    {
        var page = new PageLayout(Words, 1800, 1000);
        Assert.Null(MoneyOrderReader.ResidentNameLabelUnread(page, Found(page), _ => spelled));
    }

    [Fact]
    public void Two_strips_spelling_it_or_too_few_labels_found_give_no_label()
    {
        // A second value row with nothing left of it, read as RESIDENT NAME too: which is the name is not known.
        var page = new PageLayout([.. Words, Word("BALTIMORE", 584, 688, 194, 30)], 1800, 1000);
        Assert.Null(MoneyOrderReader.ResidentNameLabelUnread(page, Found(page), _ => "RESIDENT NAME"));
        // Two labels only: not enough of the slip read to know its labels' column.
        var few = new PageLayout(Words, 1800, 1000);
        Assert.Null(MoneyOrderReader.ResidentNameLabelUnread(few, Found(few).Take(2).ToList(), _ => "RESIDENT NAME"));
    }
}

/// <summary>Round 27: a mark read before a name whose space was read as a period (outside tuning 637 #183).</summary>
public class LeadingMarkPeriodRound27Tests
{
    private static readonly Dictionary<string, (string Last, string First)> Roster = new() { ["67436-485"] = ("GONZALEZ", "KEISHA") };

    private static (string Last, string First)? Find(string number) => Roster.TryGetValue(number, out var p) ? p : null;

    private static DepositSlipReading Slip(FieldReading<string> number, FieldReading<string> name)
    {
        FieldReading<string> none = new(null, 0, "");
        return new DepositSlipReading(true, name, number, none, new FieldReading<AccountKind?>(AccountKind.Trust, 100, ""), none, none, none, none);
    }

    private static FieldReading<string> Unsettled(params string[] reads) => new(null, 10, string.Join(" | ", reads)) { Alternatives = reads };

    [Fact]
    public void A_period_between_the_names_still_leaves_two_words_after_the_mark()
    {
        Assert.Equal("KEISHA.GONZALEZ", SlipNames.WithoutLeadingMark("ME KEISHA.GONZALEZ"));
        // One word of letters left is still no name.
        Assert.Null(SlipNames.WithoutLeadingMark("ME KEISHA."));
        Assert.Null(SlipNames.WithoutLeadingMark("ME GONZALEZ"));
    }

    [Fact]
    public void The_reads_of_637_183_settle_the_name_with_the_number_read()
    {
        // What NameField keeps for 637 #183 now: the three reads and the cut-out line's read without its label's end.
        var now = SlipNames.WithoutLeadingMark("ME KEISHA.GONZALEZ")!;
        var slip = LockboxDecider.ConfirmedByRoster(Slip(new("67436-485", 91, "67436-485"),
            Unsettled("KE|SHA GONZALEZ", "KEISH GONZALEZ", "ME KEISHA.GONZALEZ", now)), Find);
        Assert.Equal("KEISHA GONZALEZ", slip.ResidentName.Value);
        // Without that read (round 26's alternatives) no read is the roster's whole name: at most the round-20 rule takes a read
        // holding the last name (`KE|SHA GONZALEZ`), whose first name is not the roster's, and the order waits for a person.
        var before = LockboxDecider.ConfirmedByRoster(Slip(new("67436-485", 91, "67436-485"),
            Unsettled("KE|SHA GONZALEZ", "KEISH GONZALEZ", "ME KEISHA.GONZALEZ")), Find);
        Assert.NotEqual("KEISHA GONZALEZ", before.ResidentName.Value);
    }
}
