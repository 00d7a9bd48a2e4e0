using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>The evaluation's scoring, on readings made by hand: a return mailed to an address other than the printed one counts.</summary>
public class EvaluationScoringTests
{
    private static readonly TruthItem Truth = new(1, ScanCondition.Illegible, "PRAIRIE", "4338479344", 12_500, "$***125.00", "LEDGER TRUST", "CAROL ADAMS",
        "5257 HILL ST, TOLEDO, OH 43604", "24123-137", "ADAMS, DENISE", "FCI-LOR", null, "CAROL ADAMS", "5257 HILL ST", "TOLEDO, OH 43604", "",
        OrderIllegible: true, SlipAddressIllegible: false, UnknownPerson: false, "mo-1.png", "slip-1.png", "prairie-bank");

    private static LockboxItemReading IllegibleOrderMailedTo(string street, string city)
    {
        FieldReading<string> none = new(null, 0, "");
        static FieldReading<string> Read(string value) => new(value, 95, value);
        // The order's purchaser block read alike: the address is confirmed (ReturnAddress), so the order goes back to it.
        var order = new MoneyOrderReading("PRAIRIE", Read("4338479344"), new FieldReading<Money?>(null, 0, ""), new FieldReading<Money?>(null, 0, ""), null,
            none, none, Read($"{street}, {city}")) { AmountIllegible = true };
        var slip = new DepositSlipReading(true, Read("ADAMS, DENISE"), Read("24123-137"), none, new FieldReading<AccountKind?>(AccountKind.Trust, 100, ""),
            Read("CAROL ADAMS"), Read(street), Read(city), none);
        return new LockboxItemReading(1, order, slip);
    }

    [Theory]
    [InlineData("5257 HILL ST", "TOLEDO, OH 43604", 0)]
    [InlineData("5257, HILL ST.", "TOLEDO OH 43604", 0)] // punctuation is not the address
    [InlineData("5257, HIEL SE", "TOLEDO, OH 43604", 1)]
    [InlineData("5257 HILL ST", "TOLEDO, OH 43664", 1)]
    public void An_order_mailed_back_counts_as_sent_to_a_wrong_address_when_the_street_or_city_line_differs_from_the_print(string street, string city, int wrong)
    {
        var report = LockboxEvaluation.Score([Truth], [IllegibleOrderMailedTo(street, city)], [], TimeSpan.FromSeconds(1));
        Assert.Equal(1, report.Total.IllegibleMailedBack);
        Assert.Equal(wrong, report.Total.WrongReturnAddresses);
    }

    [Theory]
    [InlineData("5257 HILL ST", 0)]
    [InlineData("5257 HIEL SE", 1)]
    public void The_excess_of_an_order_over_the_limit_mailed_to_another_address_counts_too(string street, int wrong)
    {
        var legible = Truth with { Condition = ScanCondition.Clean, OrderIllegible = false, AmountCents = 1_250_00 };
        var read = IllegibleOrderMailedTo(street, "TOLEDO, OH 43604");
        var amount = new FieldReading<Money?>(Money.Usd(1_250_00), 95, "$1250.00");
        var reading = read with { MoneyOrder = read.MoneyOrder with { CourtesyAmount = amount, LegalAmount = amount, AgreedAmount = Money.Usd(1_250_00), AmountIllegible = false } };
        var report = LockboxEvaluation.Score([legible], [reading], [new SamplePerson("24123-137", "ADAMS", "DENISE", "FCI-LOR")], TimeSpan.FromSeconds(1));
        Assert.Equal(1, report.Total.LegiblePosted);
        Assert.Equal(wrong, report.Total.WrongReturnAddresses);
    }

    [Fact]
    public void An_order_over_the_limit_whose_address_is_not_confirmed_is_posted_and_its_excess_not_mailed()
    {
        // Round 8 (DepositRules): the limit is posted all the same; the excess waits for staff to key the address, so nothing is
        // mailed and no address, right or wrong, is counted.
        var legible = Truth with { Condition = ScanCondition.Clean, OrderIllegible = false, AmountCents = 1_250_00 };
        var read = IllegibleOrderMailedTo("5257 HILL ST", "TOLEDO, OH 43604");
        var amount = new FieldReading<Money?>(Money.Usd(1_250_00), 95, "$1250.00");
        var reading = read with
        {
            MoneyOrder = read.MoneyOrder with
            {
                CourtesyAmount = amount, LegalAmount = amount, AgreedAmount = Money.Usd(1_250_00), AmountIllegible = false,
                PurchaserAddress = new FieldReading<string>(null, 0, ""),
            },
        };
        Assert.Null(ReturnAddress.Confirmed(reading.MoneyOrder, reading.DepositSlip));
        var roster = new[] { new SamplePerson("24123-137", "ADAMS", "DENISE", "FCI-LOR") };
        Assert.Equal(EvaluatedOutcome.Posted, LockboxEvaluation.Decide(reading, roster, out _));
        var report = LockboxEvaluation.Score([legible], [reading], roster, TimeSpan.FromSeconds(1));
        Assert.Equal((1, 0), (report.Total.LegiblePosted, report.Total.WrongReturnAddresses));
    }
}
