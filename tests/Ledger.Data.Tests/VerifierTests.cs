using Ledger.Testing;
namespace Ledger.Data.Tests;

public class VerifierTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_stored_balance_that_drifted_from_its_postings_is_named()
    {
        await db.Journal.PostAsync(Entries.Deposit("drift:1", "20000-001", 1000));
        await db.ExecuteAsync("UPDATE accounts SET balance_cents = balance_cents + 1 WHERE owner_code = '20000-001'");

        var report = await db.Verifier.VerifyAsync();

        Assert.False(report.Passed);
        var check = Assert.Single(report.Checks, c => !c.Passed);
        Assert.Equal("stored_balances_match", check.Name);
        Assert.Contains("20000-001", Assert.Single(check.Examples), StringComparison.Ordinal);
        await db.ExecuteAsync("UPDATE accounts SET balance_cents = balance_cents - 1 WHERE owner_code = '20000-001'");
        await db.AssertLedgerConsistentAsync();
    }
}

/// <summary>Plants rows that can never be removed, so it gets a database of its own.</summary>
public class VerifierOrphanTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Lines_without_an_entry_are_named()
    {
        var clearing = await db.Accounts.ResolveAsync(Entries.Clearing);
        await db.ExecuteAsync($"INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency) VALUES (424242, 1, {clearing}, 5, 'USD'), (424242, 2, {clearing}, -5, 'USD')");

        var report = await db.Verifier.VerifyAsync();

        Assert.Contains(report.Checks, c => c is { Name: "lines_have_entries", Passed: false, Violations: 2 });
    }
}
