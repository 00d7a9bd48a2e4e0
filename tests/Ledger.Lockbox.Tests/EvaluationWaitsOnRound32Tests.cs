using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>Round 32: the evaluation's misses say what an order waits on, the first field the lockbox rules stopped at.</summary>
public class EvaluationWaitsOnRound32Tests
{
    private static readonly SamplePerson[] Roster = [new("71100-678", "HERNANDEZ", "JOSE", "FCI-ALI")];

    private static readonly FieldReading<string> None = new(null, 0, "");

    private static FieldReading<string> Read(string value) => new(value, 95, value);

    private static LockboxItemReading Item(Money? agreed, FieldReading<string> serial, FieldReading<string> number, FieldReading<string> name, AccountKind? credit)
    {
        var amount = new FieldReading<Money?>(agreed, agreed is null ? 0 : 96, "");
        var order = new MoneyOrderReading("WESTERN_UNION", serial, amount, amount, agreed, None, None, None);
        var slip = new DepositSlipReading(true, name, number, None, new FieldReading<AccountKind?>(credit, credit is null ? 0 : 100, ""), None, None, None, None);
        return new LockboxItemReading(1, order, slip);
    }

    [Theory]
    [InlineData(false, true, "71100-678", "JOSE HERNANDEZ", true, "amount")]
    [InlineData(true, false, "71100-678", "JOSE HERNANDEZ", true, "serial")]
    [InlineData(true, true, null, "JOSE HERNANDEZ", true, "number")]
    [InlineData(true, true, "71100-678", null, true, "name")]
    [InlineData(true, true, null, null, true, "number, name")]
    [InlineData(true, true, "71100-678", "JOSE HERNANDEZ", false, "credit")]
    [InlineData(true, true, "71100-678", "JOSE HERNANDEZ", true, "")]
    public void The_first_field_the_rules_stop_at_is_named(bool amount, bool serial, string? number, string? name, bool credit, string waitsOn)
    {
        var item = Item(amount ? Money.Usd(531_00) : null, serial ? Read("5093608588") : None, number is null ? None : Read(number),
            name is null ? None : Read(name), credit ? AccountKind.Trust : null);
        var outcome = LockboxEvaluation.Decide(item, Roster, out _, out var reason);
        Assert.Equal(waitsOn, reason);
        Assert.Equal(waitsOn.Length == 0 ? EvaluatedOutcome.Posted : EvaluatedOutcome.Review, outcome);
    }
}
