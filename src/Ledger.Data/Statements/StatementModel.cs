using System.Text.Json.Serialization;

namespace Ledger.Data.Statements;

/// <summary>One journal line on a statement, with the account's balance after it. Amounts are cents, credits positive.</summary>
public sealed record StatementLineView(long EntryId, DateTimeOffset PostedAt, string Source, string Description, long AmountCents, long BalanceAfterCents);

/// <summary>One account of one person for a period: the balance at <see cref="From"/>, each line, the balance at <see cref="To"/>.</summary>
public sealed record StatementView(string PersonNumber, string FacilityCode, string Account, DateTimeOffset From, DateTimeOffset To,
    long OpeningCents, IReadOnlyList<StatementLineView> Lines, long ClosingCents);

/// <summary>A person's statement document: every account they hold, for one period.</summary>
public sealed record PersonStatement(string PersonNumber, string? Name, string FacilityCode, string PeriodLabel, IReadOnlyList<StatementView> Accounts);

/// <summary>
/// One account of a facility's trial balance. Amounts are cents with credits positive (a person's money is a positive
/// balance, a clearing account that paid it out is negative): closing = opening - debits + credits.
/// </summary>
public sealed record TrialBalanceRow(string OwnerType, string OwnerCode, string Account, string Currency,
    long OpeningCents, long DebitsCents, long CreditsCents, long ClosingCents, long Lines);

/// <summary>A subtotal (people's accounts, the facility's own accounts) or the total of a trial balance.</summary>
public sealed record TrialBalanceTotal(string Scope, long Accounts, long OpeningCents, long DebitsCents, long CreditsCents, long ClosingCents, long Lines)
{
    public static TrialBalanceTotal Of(string scope, IEnumerable<TrialBalanceRow> rows)
    {
        long accounts = 0, opening = 0, debits = 0, credits = 0, closing = 0, lines = 0;
        foreach (var r in rows)
        {
            accounts++;
            opening = checked(opening + r.OpeningCents);
            debits = checked(debits + r.DebitsCents);
            credits = checked(credits + r.CreditsCents);
            closing = checked(closing + r.ClosingCents);
            lines += r.Lines;
        }
        return new TrialBalanceTotal(scope, accounts, opening, debits, credits, closing, lines);
    }

    /// <summary>Opening - debits + credits = closing: the check every row and every total must pass.</summary>
    public bool TiesOut => checked(OpeningCents - DebitsCents + CreditsCents) == ClosingCents;
}

/// <summary>
/// A facility's trial balance for a period: each of its people's accounts and its own system accounts, with
/// subtotals and a total. The entries' other legs (company clearing, other facilities) are not the facility's,
/// so debits and credits need not be equal here.
/// </summary>
public sealed record TrialBalance(string FacilityCode, string FacilityName, DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<TrialBalanceRow> Accounts, IReadOnlyList<TrialBalanceTotal> Totals)
{
    public const string PeopleScope = "people";
    public const string FacilityScope = "facility";
    public const string TotalScope = "total";

    [JsonIgnore]
    public TrialBalanceTotal Total => Totals.Single(t => t.Scope == TotalScope);
    /// <summary>"trial-balance-FCI-LOR-2026-11-01_2026-11-30": the name its files are offered under.</summary>
    [JsonIgnore]
    public string FileStem => $"trial-balance-{FacilityCode}-{StatementPeriod.Format(From)}_{StatementPeriod.Format(To)}";

    [JsonIgnore]
    public TrialBalanceTotal People => Totals.Single(t => t.Scope == PeopleScope);

    public static TrialBalance Create(string facilityCode, string facilityName, StatementPeriod period, IReadOnlyList<TrialBalanceRow> accounts) =>
        new(facilityCode, facilityName, period.From, period.To, period.Start, period.End, accounts,
        [
            TrialBalanceTotal.Of(PeopleScope, accounts.Where(a => a.OwnerType == "person")),
            TrialBalanceTotal.Of(FacilityScope, accounts.Where(a => a.OwnerType != "person")),
            TrialBalanceTotal.Of(TotalScope, accounts),
        ]);

    /// <summary>Every row and total ties out, and the subtotals add up to the total.</summary>
    public bool TiesOut
    {
        get
        {
            var parts = Totals.Where(t => t.Scope != TotalScope).ToList();
            return Accounts.All(a => checked(a.OpeningCents - a.DebitsCents + a.CreditsCents) == a.ClosingCents)
                && Totals.All(t => t.TiesOut)
                && parts.Sum(p => p.ClosingCents) == Total.ClosingCents && parts.Sum(p => p.OpeningCents) == Total.OpeningCents
                && parts.Sum(p => p.DebitsCents) == Total.DebitsCents && parts.Sum(p => p.CreditsCents) == Total.CreditsCents;
        }
    }
}
