using Ledger.Domain;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>Each decision a MoneyGram record can get, against a real database. One world per test.</summary>
public class MoneyGramDecisionTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    public Task InitializeAsync() => _world.InitializeAsync();
    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_send_to_a_person_in_custody_credits_trust_and_the_fee_goes_to_revenue()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000001", "12345678DOE", "125.00", "7.99"), "a.mgx.csv");

        Assert.Equal((1L, 1L, 12500L, 12500L, 799L), (s.Items, s.Posted, s.AmountInCents, s.CreditedCents, s.FeesCents));
        Assert.Equal(Money.Usd(12500), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Theory]
    [InlineData("12345678DOE")]
    [InlineData("12345-678 doe")]
    [InlineData(" 12345 678 Doe ")]
    [InlineData("12345678-DOE")]
    public async Task The_account_string_is_read_leniently(string account)
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000002", account, "10.00"), "lenient.mgx.csv");
        Assert.Equal(1, s.Posted);
    }

    [Fact]
    public async Task Names_with_punctuation_and_spaces_match_on_their_letters()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("50000003", "34567890 De La Cruz", "10.00")
            .Send("50000004", "23456789OBRIEN", "10.00"), "names.mgx.csv");
        Assert.Equal(2, s.Posted);
    }

    [Fact]
    public async Task Over_the_facility_limit_the_limit_is_credited_and_the_rest_refunded()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000005", "34567890DELACRUZ", "450.00", "9.99"), "limit.mgx.csv");

        Assert.Equal((1L, 45000L, 30000L, 15000L, 999L), (s.PartiallyPosted, s.AmountInCents, s.CreditedCents, s.ReturnedCents, s.FeesCents));
        Assert.Equal(Money.Usd(30000), await _world.TrustAsync("34567-890"));
        var item = Assert.Single(await _world.Files.ItemsAsync(s.FileId, "partially_posted"));
        Assert.Equal("over_limit", item.ReasonCode);
        Assert.Contains("$300.00", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restitution_takes_its_share_until_the_obligation_is_met()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("50000006", "23456789OBRIEN", "100.00")
            .Send("50000007", "23456789OBRIEN", "100.00")
            .Send("50000008", "23456789OBRIEN", "100.00"), "restitution.mgx.csv");

        // 20% of each $100 while $50 is owed: $20, $20, then the last $10.
        Assert.Equal(Money.Usd(5000), await _world.RestitutionAsync("23456-789"));
        Assert.Equal(Money.Usd(25000), await _world.TrustAsync("23456-789"));
        Assert.Equal((30000L, 5000L), (s.CreditedCents, s.RestitutionCents));
    }

    [Theory]
    [InlineData("99999999DOE", "unknown_person")]
    [InlineData("12345678SMITH", "name_mismatch")]
    [InlineData("45678901ROE", "person_released")]
    [InlineData("56789012POE", "person_transferred")]
    [InlineData("DOE", "unreadable_account")]
    public async Task A_send_that_names_nobody_we_can_credit_is_refunded_whole(string account, string reason)
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000009", account, "60.00", "4.99"), "refund.mgx.csv");

        Assert.Equal((1L, 6000L, 0L, 6000L, 0L), (s.Returned, s.AmountInCents, s.CreditedCents, s.ReturnedCents, s.FeesCents));
        var item = Assert.Single(await _world.Files.ItemsAsync(s.FileId, "returned"));
        Assert.Equal(reason, item.ReasonCode);
        Assert.Equal("MARIA GARCIA", item.SenderName);
        Assert.Contains("12 MAIN ST, APT 3", item.SenderAddress, StringComparison.Ordinal);
        // The sender gets the fee back too: refunds payable holds amount + fee.
        Assert.Equal(Money.Usd(-6499), await _world.Db.Balances.BalanceAsync(MoneyGram.MoneyGramDecider.Clearing));
        Assert.Equal(Money.Usd(6499), await _world.Db.Balances.BalanceAsync(global::Ledger.Domain.Deposits.LedgerEntries.RefundsPayable));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_undoes_its_send_in_the_same_file_or_a_later_one()
    {
        var first = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("50000010", "12345678DOE", "40.00")
            .Reversal("50000011", "50000010", "12345678DOE", "40.00")
            .Send("50000012", "12345678DOE", "25.00"), "rev1.mgx.csv", chunkSize: 1000);
        Assert.Equal((1L, 4000L), (first.Reversed, first.ReversedCents));
        Assert.Equal(Money.Usd(2500), await _world.TrustAsync("12345-678"));

        var later = await _world.RunAsync(new MoneyGramFileBuilder().Reversal("50000013", "50000012", "12345678DOE", "25.00"), "rev2.mgx.csv");
        Assert.Equal(1, later.Reversed);
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversal_that_cannot_be_applied_goes_to_review_and_moves_nothing()
    {
        await _world.RunAsync(new MoneyGramFileBuilder().Send("50000020", "12345678DOE", "40.00"), "spent0.mgx.csv");
        await _world.Db.Journal.PostAsync(new Domain.Journal.JournalEntry("buy:1", "test", "music", DateTimeOffset.UtcNow, [
            Domain.Journal.Posting.Debit(Domain.Accounts.AccountKey.Personal("12345-678", Domain.Accounts.AccountKind.Trust, Currency.USD), Money.Usd(3000)),
            Domain.Journal.Posting.Credit(Domain.Accounts.AccountKey.OfCompany(Domain.Accounts.AccountKind.MediaRevenue, Currency.USD), Money.Usd(3000))]));

        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Reversal("50000021", "50000020", "12345678DOE", "40.00")
            .Reversal("50000022", "77777777", "12345678DOE", "10.00"), "spent.mgx.csv");

        Assert.Equal((2L, 0L), (s.InReview, s.Reversed));
        var reasons = (await _world.Files.ItemsAsync(s.FileId, "in_review")).Select(i => i.ReasonCode ?? "").ToArray();
        Assert.Equal(["insufficient_funds", "original_not_found"], reasons);
        Assert.Equal(Money.Usd(1000), await _world.TrustAsync("12345-678"));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task The_same_file_twice_posts_once()
    {
        var file = new MoneyGramFileBuilder().Send("50000030", "12345678DOE", "80.00").Send("50000031", "34567890DELACRUZ", "20.00");
        var first = await _world.RunAsync(file, "twice.mgx.csv");
        var second = await _world.RunAsync(file, "twice-renamed.mgx.csv");

        Assert.False(first.AlreadyProcessed);
        Assert.True(second.AlreadyProcessed);
        Assert.Equal(first.FileId, second.FileId);
        Assert.Equal(Money.Usd(8000), await _world.TrustAsync("12345-678"));
    }

    [Fact]
    public async Task A_resent_file_with_changed_records_changes_nothing_the_first_posting_stands()
    {
        await _world.RunAsync(new MoneyGramFileBuilder().Send("50000040", "12345678DOE", "80.00").Send("50000041", "12345678DOE", "20.00"), "orig.mgx.csv");
        var resent = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("50000040", "12345678DOE", "81.00")
            .Send("50000041", "12345678DOE", "20.00")
            .Send("50000042", "12345678DOE", "5.00"), "resent.mgx.csv");

        Assert.Equal((3L, 2L, 1L), (resent.Items, resent.Duplicates, resent.Posted));
        Assert.Equal(Money.Usd(10500), await _world.TrustAsync("12345-678"));
        var changed = (await _world.Files.ItemsAsync(resent.FileId, "duplicate")).First(i => i.Reference == "50000040");
        Assert.Contains("processed before", changed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_reference_inside_one_file_posts_once()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000050", "12345678DOE", "10.00").Send("50000050", "12345678DOE", "10.00"), "repeat.mgx.csv");
        Assert.Equal((1L, 1L, 1000L), (s.Posted, s.Duplicates, s.AmountInCents));
        Assert.True(s.Balanced);
    }

    [Fact]
    public async Task A_refused_file_is_quarantined_and_posts_nothing()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000060", "12345678DOE", "10.00").Send("50000061", "12345678DOE", "\"10,00\""), "bad.mgx.csv");

        Assert.True(s.Quarantined);
        Assert.Contains("line 4, field 'amount'", s.Reason, StringComparison.Ordinal);
        Assert.Equal(0, s.Items);
        Assert.Equal(Money.Usd(0), await _world.TrustAsync("12345-678"));
        Assert.Equal(0L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM journal_entries"));
    }

    [Fact]
    public async Task Every_item_is_accounted_for_by_count_and_cents_across_chunks()
    {
        var file = new MoneyGramFileBuilder();
        string[] accounts = ["12345678DOE", "34567890DELACRUZ", "23456789OBRIEN", "99999999X", "45678901ROE"];
        for (var i = 0; i < 57; i++) file.Send($"{51000000 + i}", accounts[i % accounts.Length], $"{100 + i * 13}.{i % 100:D2}");
        var s = await _world.RunAsync(file, "many.mgx.csv", chunkSize: 10);

        Assert.Equal(57, s.Items);
        Assert.Equal(s.Items, s.Posted + s.PartiallyPosted + s.Returned + s.InReview + s.Duplicates + s.Reversed);
        Assert.Equal(s.AmountInCents, s.CreditedCents + s.ReturnedCents + s.InReviewCents);
        Assert.Equal(s.DeclaredAmountCents, s.AmountInCents);
        await _world.Db.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task The_days_reconciliation_balances_and_reports_a_missing_item_exactly()
    {
        var day = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2)); // the day this test's money moves on (see UtcDay)
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("50000070", "12345678DOE", "80.00", "4.99")
            .Send("50000071", "99999999X", "25.50", "4.99")
            .Send("50000072", "34567890DELACRUZ", "410.00", "9.99"), "recon.mgx.csv");
        var reconciliation = new Ledger.Data.Intake.Reconciliation(_world.Db.Db);

        var file = Assert.Single(await reconciliation.ForDayAsync(day), r => r.Scope == "file");
        Assert.True(file.Balanced);
        Assert.Equal((3L, 0L, 0L), (file.Items, file.CountDifference!.Value, file.AmountDifference!.Value));
        var dublin = Assert.Single(await reconciliation.ForDayAsync(day), r => r.Key == "T-DUB");
        Assert.Equal((41000L, 30000L, 11000L), (dublin.AmountInCents, dublin.CreditedCents, dublin.ReturnedCents));

        // Plant a difference: the record of one item goes missing.
        await _world.Db.ExecuteAsync($"DELETE FROM intake_items WHERE file_id = {s.FileId} AND reference = '50000071'");
        file = Assert.Single(await reconciliation.ForDayAsync(day), r => r.Scope == "file");
        Assert.False(file.Balanced);
        Assert.Equal((-1L, -2550L), (file.CountDifference!.Value, file.AmountDifference!.Value));
    }
}
