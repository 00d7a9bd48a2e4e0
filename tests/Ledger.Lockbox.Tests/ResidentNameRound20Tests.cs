using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Facilities;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox;
using Ledger.Intake.People;
using Ledger.Intake.Pipeline;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 20: the slip's RESIDENT NAME confirms the person the number names (LockboxDecider.NameHolds, the one rule for the
/// decider and the sample evaluation) when it is the roster's whole name in either order, punctuation aside, or when every read
/// holds the roster's last name beside an accepted number; a first name is never taken for a last name.
/// </summary>
public class ResidentNameRound20Tests
{
    private static readonly SamplePerson[] Roster =
    [
        new("36351-416", "ST. JOHN", "LINDA", "USP-ATL"),
        new("52885-644", "ST. JOHN", "TYRONE", "FCI-LOR"),
        new("48669-788", "THOMAS", "MICHAEL", "MCC-CHI"),
        new("71100-678", "HERNANDEZ", "JOSE", "FCI-ALI"),
        new("20309-703", "PEREZ", "ROBERT", "FCI-LOR"),
        new("11111-111", "JAMES", "ROBERT", "FCI-LOR"),
        new("22222-222", "JOHN", "MARY", "FCI-LOR"),
    ];

    private static readonly LockboxDecider Decider = new(new Dictionary<string, Facility>(),
        new PersonMatcher(Roster.Select(p => new Person(p.PersonNumber, p.FacilityCode, p.LastName, p.FirstName, PersonStatus.InCustody, Money.Zero(Currency.USD)))),
        new RestitutionTracker(), DateTimeOffset.UnixEpoch, "batch");

    private static (string Last, string First)? Find(string number) =>
        Roster.FirstOrDefault(p => p.PersonNumber == number) is { } p ? (p.LastName, p.FirstName) : null;

    private static readonly FieldReading<string> None = new(null, 0, "");

    private static FieldReading<string> Read(string value) => new(value, 95, value);

    private static FieldReading<string> Unsettled(params string[] reads) => new(null, 0, string.Join(" | ", reads)) { Alternatives = reads };

    private static LockboxItemReading Item(FieldReading<string> number, FieldReading<string> name)
    {
        var amount = new FieldReading<Money?>(Money.Usd(531_00), 96, "$531.00");
        var order = new MoneyOrderReading("WESTERN_UNION", Read("5093608588"), amount, amount, Money.Usd(531_00), None, None, None);
        var slip = new DepositSlipReading(true, name, number, None, new FieldReading<AccountKind?>(AccountKind.Trust, 100, ""), None, None, None, None);
        return new LockboxItemReading(1, order, slip);
    }

    [Theory]
    [InlineData("36351-416", "ST, JOHN, LINDA")]   // the period read as a comma (outside tuning 562 #88)
    [InlineData("52885-644", "ST, JOHN, TYRONE")]  // outside tuning 556 #165
    [InlineData("36351-416", "LINDA ST, JOHN")]
    [InlineData("48669-788", "MICHAEL, THOMAS")]   // first name first, a comma after it (outside tuning 559 #58)
    [InlineData("48669-788", "MICHAEL. THOMAS")]
    public void A_read_that_is_the_rosters_whole_name_in_either_order_confirms_the_number(string number, string name)
    {
        Assert.Equal(MatchFailure.None, Decider.MatchName(number, name).Failure);
        Assert.Equal(EvaluatedOutcome.Posted, LockboxEvaluation.Decide(Item(Read(number), Read(name)), Roster, out var person));
        Assert.Equal(number, person!.PersonNumber);
    }

    [Theory]
    [InlineData("11111-111", "THOMAS, JAMES")]    // JAMES is the slip's first name: never JAMES, ROBERT's last name
    [InlineData("11111-111", "ROBERT, THOMAS")]
    [InlineData("36351-416", "ST, JOHN, TYRONE")]  // another ST. JOHN: the first name is not this one's
    [InlineData("36351-416", "JOHN, LINDA")]      // a word of the last name lost
    [InlineData("22222-222", "ST, JOHN, MARY")]   // ST. JOHN, MARY is not JOHN, MARY
    [InlineData("48669-788", "MICHAEL, THOMAS, JR")]
    [InlineData("48669-788", "MICHAEL THOMAS SMITH")]
    public void A_read_that_holds_another_name_does_not_confirm_the_number(string number, string name)
    {
        Assert.Equal(MatchFailure.NameMismatch, Decider.MatchName(number, name).Failure);
        Assert.NotEqual(EvaluatedOutcome.Posted, LockboxEvaluation.Decide(Item(Read(number), Read(name)), Roster, out _));
    }

    [Theory]
    [InlineData("12345-678", "DOE, JOHN")]
    [InlineData("12345-678", "JOHN DOE")]
    [InlineData("12345-678", "DOE JOHN")]        // the comma lost: the last name before the first
    [InlineData("12345-678", "JOHN DE LA DOE")]
    public void Todays_rule_the_last_name_in_its_place_still_confirms(string number, string name)
    {
        var roster = new[] { new SamplePerson(number, "DOE", "JANE", "FCI-LOR") };
        Assert.Equal(EvaluatedOutcome.Posted, LockboxEvaluation.Decide(Item(Read(number), Read(name)), roster, out _));
    }

    [Fact]
    public void Reads_that_all_hold_the_rosters_last_name_beside_an_accepted_number_settle_the_name()
    {
        // Outside tuning 560 #191: the reads disagree on the first name only; the clean line's `IE` is a mark before the name.
        var reads = Unsettled("HERNANDEZ, SEEN", "HERNANDEZ, J", "IE HERNANDEZ, JC", "HERNANDEZ, JC");
        var slip = LockboxDecider.ConfirmedByRoster(Item(Read("71100-678"), reads).DepositSlip, Find);
        Assert.Equal("HERNANDEZ, SEEN", slip.ResidentName.Value);
        Assert.Equal(EvaluatedOutcome.Posted, LockboxEvaluation.Decide(Item(Read("71100-678"), reads), Roster, out var person));
        Assert.Equal("71100-678", person!.PersonNumber);
    }

    [Fact]
    public void Reads_that_do_not_all_hold_the_last_name_or_an_unread_number_settle_nothing()
    {
        FieldReading<string>? Settled(FieldReading<string> number, FieldReading<string> name) =>
            LockboxDecider.ConfirmedByRoster(Item(number, name).DepositSlip, Find).ResidentName is { Value: not null } n ? n : null;
        // One read names another last name.
        Assert.Null(Settled(Read("71100-678"), Unsettled("HERNANDEZ, SEEN", "FERNANDEZ, JOSE")));
        // One read alone.
        Assert.Null(Settled(Read("71100-678"), Unsettled("HERNANDEZ, SEEN")));
        // The number not accepted: the name is the number's second reading, not the other way round.
        Assert.Null(Settled(Unsettled("71100-678", "71100-676"), Unsettled("HERNANDEZ, SEEN", "HERNANDEZ, J")));
        // A first name in the last name's place (JAMES, ROBERT's number beside THOMAS, JAMES's name).
        Assert.Null(Settled(Read("11111-111"), Unsettled("THOMAS, JAMES", "THOMAS, JAMFS")));
        // `ST JOHN, LINDA` holds JOHN only without its first word: one read holding it as read is not enough.
        Assert.Null(Settled(Read("22222-222"), Unsettled("ST JOHN, LINDA", "JOHN, LIND")));
        Assert.NotEqual(EvaluatedOutcome.Posted,
            LockboxEvaluation.Decide(Item(Read("22222-222"), Unsettled("ST JOHN, LINDA", "JOHN, LIND")), Roster, out _));
    }

    private static readonly string[] Lasts = ["ST. JOHN", "THOMAS", "JAMES", "DE LA CRUZ", "VAN DYKE", "O'BRIEN", "LEE", "JOHN", "ROBERT", "HALL"];
    private static readonly string[] Firsts = ["LINDA", "THOMAS", "JAMES", "ROBERT", "JOHN", "MICHAEL", "MARY", "ANA"];

    /// <summary>A person's name as a slip may print it: LAST, FIRST or FIRST LAST, a period read as a comma or lost.</summary>
    private static string Written(string last, string first, int form) => form switch
    {
        0 => $"{last}, {first}",
        1 => $"{first} {last}",
        2 => $"{last.Replace('.', ',')}, {first}",
        _ => $"{first} {last.Replace(".", "")}",
    };

    /// <summary>A slip's name (last, first), the roster's person for the number (last, first), and how the slip writes the name.</summary>
    private static Gen<(string, string, string, string, int)> Names(Gen<int> forms) =>
        from last in Gen.Elements(Lasts)
        from first in Gen.Elements(Firsts)
        from rosterLast in Gen.Elements(Lasts)
        from rosterFirst in Gen.Elements(Firsts)
        from form in forms
        select (last, first, rosterLast, rosterFirst, form);

    [Property(MaxTest = 1000)]
    public Property A_name_written_with_a_comma_never_confirms_someone_whose_last_name_it_does_not_hold() =>
        Prop.ForAll(Names(Gen.Elements(0, 2)).ToArbitrary(), n =>
            {
                var (last, first, rosterLast, rosterFirst, form) = n;
                // The slip's LAST, FIRST (the comma read): it holds the roster's person only when the last names agree, or when the
                // read is that person's whole name with the first name first (the same two names, nothing else); a containment
                // rule (`THOMAS, JAMES` holding JAMES, ROBERT) fails this.
                var read = Written(last, first, form);
                var same = PersonMatcher.Normalize(last) == PersonMatcher.Normalize(rosterLast)
                    || (PersonMatcher.Normalize(last) == PersonMatcher.Normalize(rosterFirst) && PersonMatcher.Normalize(first) == PersonMatcher.Normalize(rosterLast));
                return !LockboxDecider.NameHolds(read, rosterLast, rosterFirst) || same;
            });

    [Property(MaxTest = 1000)]
    public Property A_name_that_confirms_a_person_is_never_plainly_someone_elses() =>
        Prop.ForAll(Names(Gen.Choose(0, 3)).ToArbitrary(), n =>
            {
                var (last, first, rosterLast, rosterFirst, form) = n;
                // Consistency with OcrMayHaveMisreadTheName (a return by rule needs the name plainly someone else's): whatever
                // holds the roster's name carries its last name, so it is never mailed back as another person's.
                var read = Written(last, first, form);
                return !LockboxDecider.NameHolds(read, rosterLast, rosterFirst) || LockboxDecider.OcrMayHaveMisreadTheName(read, rosterLast);
            });
}
