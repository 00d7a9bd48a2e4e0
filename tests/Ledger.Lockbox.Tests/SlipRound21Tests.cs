using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 21 (issue #11, the deposit slip's resident number and name): a value word OCR boxed on its rule is kept, a row's end
/// never moves back over a word boxed inside another, RESIDENT with NUMBER read as noise still labels the number; the slips of
/// tuning seeds 9758–9761 that waited on these are settled by the roster with the name (never a number or name alone).
/// </summary>
public class SlipLayoutRound21Tests
{
    // Tuning seed 9761 #339 (postal, noisy): RICHARD boxed 148x2 on the rule under it, ANDERSON boxed from the print to the rule.
    private static readonly OcrWord[] Slip339 =
    [
        W("RESIDENT", 85, 172, 106, 16), W("NAME", 200, 172, 60, 16), W("RESIDENT", 869, 172, 106, 16), W("NUMBER", 984, 172, 91, 16),
        W("RICHARD", 86, 242, 148, 2, 95), W("ANDERSON", 253, 204, 157, 57, 93), W("-", 453, 242, 2, 2, 45), W("aoe", 593, 242, 30, 2, 31),
        W("22150-9053\"", 873, 208, 197, 36, 0), W("ES", 672, 246, 734, 1, 6), W("FACILITY", 85, 282, 95, 16),
    ];

    private static List<int> NameValue(PageLayout page)
    {
        var name = page.Find("RESIDENT", "NAME").First();
        var number = page.Find("RESIDENT", "NUMBER").First();
        return MoneyOrderReader.SlipValue(page, name.Box, name.WordIndexes.Concat(number.WordIndexes).ToHashSet(), number.Box.Left);
    }

    [Fact]
    public void A_word_boxed_on_the_rule_beside_a_word_of_its_row_is_kept_with_that_words_height()
    {
        var page = new PageLayout(Slip339, 1584, 851, restoreCollapsedWords: true);
        Assert.Equal("RICHARD ANDERSON", page.Text(NameValue(page)));
        var richard = page.Words.Single(w => w.Text == "RICHARD").Box;
        Assert.Equal((204, 57), (richard.Top, richard.Height));
        // Rules read as text stay slivers: lower case (`aoe`), no letters (`-`), far wider than their letters (`ES`).
        Assert.DoesNotContain(page.Words, w => w.Text is "aoe" or "-" or "ES");
        // Without the slip's restoring (the money order's page), slivers are dropped as before.
        Assert.DoesNotContain(new PageLayout(Slip339, 1584, 851).Words, w => w.Text == "RICHARD");
    }

    [Fact]
    public void A_sliver_far_from_any_word_or_narrower_than_its_letters_is_not_restored()
    {
        var alone = W("RICHARD", 600, 500, 148, 2);
        var words = new List<OcrWord> { W("ANDERSON", 253, 204, 157, 57) };
        Assert.Null(PageLayout.Uncollapsed(alone, words));
        Assert.Null(PageLayout.Uncollapsed(W("RICHARD", 420, 242, 40, 2), words)); // 6 px a letter beside 20
        Assert.NotNull(PageLayout.Uncollapsed(W("RICHARD", 420, 242, 148, 2), words));
    }

    [Fact]
    public void A_word_boxed_inside_the_one_before_it_does_not_cut_the_row_short()
    {
        // Tuning seed 9760 #450 (MoneyGram, skewed): `ae` boxed inside `HALL,`; RICHARD was taken for another column's value.
        var page = new PageLayout(
        [
            W("RESIDENT", 83, 173, 115, 15), W("NAME:", 207, 173, 73, 15),
            W("HALL,", 469, 165, 82, 27), W("RICHARD", 578, 165, 124, 23), W("ae", 472, 180, 20, 28, 37),
        ], 1584, 851);
        var label = page.Find("RESIDENT", "NAME").First();
        Assert.Equal("HALL, ae RICHARD", page.Text(page.RightOf(label.Box, label.WordIndexes.ToHashSet())));
    }

    // Tuning seed 9761 #265 (MoneyGram, clean): NUMBER read `ee` at 22; the number was not looked for.
    private static OcrWord[] Slip265(string noise = "ee", int noiseWidth = 124, double noiseConfidence = 22) =>
    [
        W("RESIDENT", 93, 219, 143, 20), W("NAME:", 247, 219, 91, 20), W("MICHAEL", 571, 208, 155, 30, 95), W("THOMAS", 751, 208, 132, 30, 95),
        W("48669-788", 571, 280, 200, 30, 85), W("RESIDENT", 93, 291, 143, 20), W(noise, 247, 291, noiseWidth, 49, noiseConfidence),
        W("FACILITY:", 93, 362, 134, 20), W("MCC", 571, 351, 60, 30, 45),
    ];

    [Fact]
    public void RESIDENT_with_NUMBER_read_as_noise_is_the_numbers_label()
    {
        var page = new PageLayout(Slip265(), 1584, 851);
        var name = page.Find("RESIDENT", "NAME").First();
        var number = MoneyOrderReader.ResidentNumberLabelHalfRead(page, name);
        Assert.NotNull(number);
        var labelWords = name.WordIndexes.Concat(number.WordIndexes).ToHashSet();
        Assert.Equal("48669-788", page.Text(MoneyOrderReader.SlipValue(page, number.Box, labelWords, page.Width)));

        // A word read clearly (the value itself glued on), one with a digit, or one far narrower than NUMBER is no label.
        Assert.Null(MoneyOrderReader.ResidentNumberLabelHalfRead(new PageLayout(Slip265("ee", 124, 80), 1584, 851), name));
        Assert.Null(MoneyOrderReader.ResidentNumberLabelHalfRead(new PageLayout(Slip265("e4", 124), 1584, 851), name));
        Assert.Null(MoneyOrderReader.ResidentNumberLabelHalfRead(new PageLayout(Slip265("ee", 30), 1584, 851), name));
    }
}

/// <summary>
/// The round-21 slips read from their images: each settled to the truth's number and name, #43 still waiting; round 24's slips
/// (tuning 9786–9787) are settled by the same theory.
/// </summary>
[Collection("ocr")]
public class SlipImageRound21Tests(EngineFixture fixture)
{
    private static readonly Dictionary<string, (string Last, string First)> Roster =
        TuningItems.Roster().ToDictionary(p => p.PersonNumber, p => (p.LastName, p.FirstName));

    private static (string Last, string First)? Find(string n) => Roster.TryGetValue(n, out var p) ? p : null;

    [Theory]
    [InlineData(9761, 339, "22150-905")] // RICHARD boxed on the rule: the name read `` (nothing), the number read five ways
    [InlineData(9760, 70, "62507-881")]  // BARBARA boxed on the rule: the name read `` beside an accepted number
    [InlineData(9760, 224, "27990-522")] // DAVID boxed on the rule: `DE LA CRUZ,` (no first name)
    [InlineData(9760, 450, "80591-401")] // `ae` inside `HALL,`: RICHARD cut off
    [InlineData(9761, 265, "48669-788")] // NUMBER read `ee`: the number not looked for
    [InlineData(9759, 125, "96902-978")] // `96902978` at 0, the crop reading rule remnants: the dash lost
    [InlineData(9758, 12, "44730-254")]  // `MARIA “GARCTA` settled by two reads beside a number read `AATIO254`
    [InlineData(9787, 349, "67070-851")] // `_` 61 px tall beside `67076-851`: the crop read `278782822`, no reading was the number
    [InlineData(9787, 350, "19708-389")] // the page pass read `eos` over 19708 and left -389 unboxed: the crop read `19708-`
    [InlineData(9787, 222, "34424-444")] // `ST. JOHN,` at 96 (KAREN lost) matched as the last name alone: a name mismatch
    [InlineData(9786, 82, "36273-197")]  // read `36273-197` and two others beside CHARLES ADAMS: the roster settles it (the amount waits)
    public void The_slip_is_settled_to_its_person_by_the_roster_with_the_name(int seed, int sequence, string number)
    {
        using var slip = TuningItems.Slip(seed, sequence, number);
        var reading = LockboxDecider.ConfirmedByRoster(new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path)), Find);
        Assert.Equal(number, reading.ResidentNumber.Value);
        var (last, first) = Roster[number];
        Assert.True(LockboxDecider.NameHolds(reading.ResidentName.Value!, last, first), reading.ResidentName.Value);
    }

    [Fact]
    public void A_number_two_reads_agree_on_one_digit_off_the_roster_still_waits_beside_the_rosters_name()
    {
        // Tuning seed 9760 #43 (prairie bank, skewed): 76532-282 read `16532-282` by the page pass and the crop alike, beside
        // JOHNSON, ROBERT (76532-282's name). The settled number is never replaced: a person reads it.
        using var slip = TuningItems.Slip(9760, 43, "76532-282");
        var reading = LockboxDecider.ConfirmedByRoster(new MoneyOrderReader().ReadDepositSlip(fixture.Engine, GrayImage.Load(slip.Path)), Find);
        Assert.NotEqual("76532-282", reading.ResidentNumber.Value);
        Assert.True(reading.ResidentNumber.Value is null || Find(reading.ResidentNumber.Value) is null);
    }
}

/// <summary>The decision: no reading confirms a person whose number and whole name it does not hold.</summary>
public class RosterSettlingRound21Properties
{
    private static readonly string[] Lasts = ["GARCIA", "GARCTA", "HALL", "HALE", "DE LA CRUZ", "ANDERSON", "THOMAS", "JOHNSON"];
    private static readonly string[] Firsts = ["MARIA", "RICHARD", "DAVID", "BARBARA", "MICHAEL", "ROBERT"];

    private static readonly Gen<string> Numbers = Gen.Elements("44730-254", "44730-284", "14730-254", "96902-978", "96902-973", "22150-905", "22150-903");

    private static readonly Gen<(string Number, string Last, string First)> People =
        from number in Numbers
        from last in Gen.Elements(Lasts)
        from first in Gen.Elements(Firsts)
        select (number, last, first);

    private static Gen<string> Names =>
        from last in Gen.Elements(Lasts)
        from first in Gen.Elements(Firsts)
        from form in Gen.Choose(0, 2)
        select form switch { 0 => $"{last}, {first}", 1 => $"{first} {last}", _ => $"{last}," };

    private static FieldReading<string> Field(bool settled, List<string> reads) => settled
        ? new FieldReading<string>(reads[0], 95, reads[0]) { Alternatives = reads.Count > 1 ? reads : [] }
        : new FieldReading<string>(null, 0, string.Join(" | ", reads)) { Alternatives = reads };

    [Property(MaxTest = 2000)]
    public Property A_settled_slip_holds_the_person_in_its_number_reads_and_a_whole_name_read() =>
        Prop.ForAll((
            from roster in Gen.ListOf(People)
            from numberReads in Gen.NonEmptyListOf(Numbers)
            from nameReads in Gen.NonEmptyListOf(Names)
            from numberSettled in Gen.Elements(true, false)
            from nameSettled in Gen.Elements(true, false)
            select (roster, numberReads, nameReads, numberSettled, nameSettled)).ToArbitrary(), c =>
        {
            var people = new Dictionary<string, (string Last, string First)>();
            foreach (var (n, l, f) in c.roster) people.TryAdd(n, (l, f));
            (string Last, string First)? Find(string n) => people.TryGetValue(n, out var p) ? p : null;
            var numbers = c.numberReads.Distinct().ToList();
            var names = c.nameReads.Distinct().ToList();
            var slip = new DepositSlipReading(true, Field(c.nameSettled, names), Field(c.numberSettled, numbers), new(null, 0, ""),
                new FieldReading<AccountKind?>(AccountKind.Trust, 100, ""), new(null, 0, ""), new(null, 0, ""), new(null, 0, ""), new(null, 0, ""));
            var settled = LockboxDecider.ConfirmedByRoster(slip, Find);
            if (settled.ResidentNumber.Value is not { } number || settled.ResidentName.Value is not { } name || Find(number) is not { } person)
                return true;
            if (!LockboxDecider.NameHolds(name, person.Last, person.First)) return true; // not a match: no person confirmed
            // Confirmed: the number is one the reads spelled, and the name one the reads spelled that holds the person's name;
            // a number or name the reads did not settle is settled only by a read of the roster's whole name for it.
            var fromReads = numbers.Contains(number) && names.Any(n => LockboxDecider.NameHolds(n, person.Last, person.First));
            var byRoster = (c.numberSettled || names.Any(n => LockboxDecider.IsWholeName(n, person.Last, person.First)))
                           && (c.nameSettled || names.Any(n => LockboxDecider.NameHolds(n, person.Last, person.First)));
            return fromReads && byRoster;
        });
}
