using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 25 (issue #11, the deposit slip): a value's word OCR boxed on its rule with a quote mark read at its start is still a
/// word of the value (round 21's restoring judges its letters, not the speck read as a quote).
/// </summary>
public class SlipLayoutRound25Tests
{
    // Ours tuning 9803 #207 (postal, noisy): JESSICA boxed 159x2 on the rule, read `‘JESSICA` at 59; TORRES boxed from the print down.
    private static OcrWord[] Slip207(string first) =>
    [
        W("RESIDENT", 100, 195, 122, 18), W("NAME", 230, 196, 69, 17), W("RESIDENT", 988, 196, 121, 18), W("NUMBER", 1118, 196, 104, 18),
        W(first, 101, 275, 159, 2, 59), W("TORRES", 280, 237, 129, 41, 97), W("peters", 706, 275, 90, 3, 0),
        W("39878-945", 989, 237, 204, 42, 25), W("_", 1200, 275, 22, 3, 25), W("FACILITY", 100, 320, 108, 18),
    ];

    private static string NameValue(PageLayout page)
    {
        var name = page.Find("RESIDENT", "NAME").First();
        var number = page.Find("RESIDENT", "NUMBER").First();
        return page.Text(MoneyOrderReader.SlipValue(page, name.Box, name.WordIndexes.Concat(number.WordIndexes).ToHashSet(), number.Box.Left));
    }

    [Theory]
    [InlineData("‘JESSICA")]
    [InlineData("“JESSICA")]
    [InlineData("JESSICA’")]
    [InlineData("\"JESSICA")]
    public void A_word_boxed_on_the_rule_with_a_quote_mark_read_at_its_end_is_kept(string first)
    {
        var page = new PageLayout(Slip207(first), 1800, 967, restoreCollapsedWords: true);
        Assert.Equal($"{first} TORRES", NameValue(page));
        // The rule read as lower-case text stays dropped.
        Assert.DoesNotContain(page.Words, w => w.Text == "peters");
    }

    [Theory]
    [InlineData("‘jessica")] // lower case: a rule read as text, with or without the mark
    [InlineData("‘J")]       // one letter
    [InlineData("‘JES$ICA")] // a character no typed name holds
    public void A_quote_mark_does_not_make_a_sliver_that_is_no_word_a_word(string sliver)
    {
        var page = new PageLayout(Slip207(sliver), 1800, 967, restoreCollapsedWords: true);
        Assert.DoesNotContain(page.Words, w => w.Text == sliver);
        Assert.Equal("", NameValue(page)); // TORRES alone starts too far right of the label: no value, the name waits
    }
}

/// <summary>The round-25 slips read from their images (our generator; the slip is the same for every layout).</summary>
[Collection("ocr")]
public class SlipImageRound25Tests(EngineFixture fixture)
{
    private static readonly Dictionary<string, (string Last, string First)> Roster =
        TuningItems.Roster().ToDictionary(p => p.PersonNumber, p => (p.LastName, p.FirstName));

    private static (string Last, string First)? Find(string n) => Roster.TryGetValue(n, out var p) ? p : null;

    [Theory]
    [InlineData(9803, 207, "39878-945")] // `‘JESSICA` boxed on the rule: the name read `` (nothing) beside an accepted number
    public void The_slip_is_settled_to_its_person(int seed, int sequence, string number)
    {
        using var slip = TuningItems.Slip(seed, sequence, number);
        var reading = LockboxDecider.ConfirmedByRoster(new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path)), Find);
        Assert.Equal(number, reading.ResidentNumber.Value);
        var (last, first) = Roster[number];
        Assert.NotNull(reading.ResidentName.Value);
        Assert.True(LockboxDecider.NameHolds(reading.ResidentName.Value, last, first), reading.ResidentName.Value);
    }

    [Fact]
    public void The_senders_name_typed_in_capitals_is_read_without_the_lower_case_grain_after_it()
    {
        // Ours tuning 9803 #207: `SUSAN TORRES esate beatin` (grain six heights right of the name, read at 11 and 0) made the
        // page pass disagree with the line cut out of the pixels (`SUSAN TORRES` at 95): the sender's name was unread.
        using var slip = TuningItems.Slip(9803, 207, "39878-945");
        var reading = new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path));
        Assert.Equal("SUSAN TORRES", reading.SenderName.Value);
        Assert.DoesNotContain(reading.AddressReads, r => r.Line == AddressLine.Name && r.Text.Contains("esate", StringComparison.Ordinal));
    }
}
