using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Intake.Lockbox;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Pipeline;
using Ledger.Intake.Returns;
using Ledger.Testing;
using Ledger.Worker;
using Ledger.Worker.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;
using Snapshooter.Xunit;

namespace Ledger.Intake.Tests;

/// <summary>
/// The day's reconciliation and returns against a real database: intake files, a hand-built lockbox batch (no OCR
/// needed), keyed resolutions written as the keying queue writes them, the clearing accounts, refunds, the nightly job.
/// </summary>
public class ReconciliationTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        Today = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    /// <summary>The day this test makes its data on, taken before it does: asking the clock again later may be past midnight.</summary>
    private DateOnly Today { get; set; }
    private Reconciliation Reconciliation => new(_world.Db.Db);
    private ReturnsDesk Desk => new(_world.Db.Db, _world.Db.Journal, TimeProvider.System);
    private static readonly AccountKey LockboxClearing = AccountKey.OfCompany(AccountKind.LockboxClearing, Currency.USD);

    /// <summary>
    /// A lockbox batch of three money orders as the decider leaves them: $150.00 posted to DOE's trust, $400.00 to
    /// DE LA CRUZ at a $300 limit (the $100 excess returned by mail), and one whose amount OCR could not read
    /// (in review, amount unknown). The mailroom declared 3 items and $590.00, so $40.00 is not yet accounted for.
    /// </summary>
    private async Task<long> LockboxBatchAsync()
    {
        var (file, _) = await _world.Files.RegisterAsync("lockbox", "batch-k", "sha-batch-k", null, 3, 59000, null);
        var now = DateTimeOffset.UtcNow;
        ItemPlan Posted(int sequence, string serial, string person, long amount, long excess)
        {
            var lines = new List<Posting>
            {
                Posting.Debit(LockboxDecider.Clearing, Money.Usd(amount)),
                Posting.Credit(AccountKey.Personal(person, AccountKind.Trust, Currency.USD), Money.Usd(amount - excess)),
            };
            if (excess > 0) lines.Add(Posting.Credit(LockboxDecider.RefundsPayable, Money.Usd(excess)));
            return new ItemPlan(new IntakeItemRow
            {
                FileId = file.Id, Sequence = sequence, Reference = serial, Kind = "deposit", Outcome = excess > 0 ? "partially_posted" : "posted",
                ReasonCode = excess > 0 ? "over_limit" : null, Reason = excess > 0 ? "Over the limit; the excess is returned to you by mail." : null,
                PersonNumber = person, FacilityCode = person == "12345-678" ? "T-LOR" : "T-DUB", AmountCents = amount, CreditedCents = amount - excess,
                ReturnedCents = excess, SenderName = "MARY ADAMS", SenderAddress = "12 OAK AVE, ERIE, PA 16501",
            }, new JournalEntry(LockboxDecider.KeyOf(serial), "lockbox", $"Money order {serial}", now, lines));
        }
        var unread = new ItemPlan(new IntakeItemRow
        {
            FileId = file.Id, Sequence = 3, Reference = "item:3", Kind = "deposit", Outcome = "in_review", ReasonCode = "unreadable",
            Reason = "Neither the amount nor the address could be read.", AmountCents = 0, SenderName = "JOHN ROE",
        }, null);
        await new IntakePipeline(_world.Db.Journal).PostAsync([Posted(1, "31234567890", "12345-678", 15000, 0), Posted(2, "31234567891", "34567-890", 40000, 10000), unread]);
        await _world.Files.SetStatusAsync(file.Id, IntakeFileStatus.Completed);
        return file.Id;
    }

    /// <summary>What the keying queue writes when operations key the unread item: an entry from lockbox clearing, and the resolution.</summary>
    private async Task KeyAsync(long fileId, int sequence, string action, long amount, string? person, long credited, long returned)
    {
        long? entryId = null;
        if (action == "post")
        {
            var lines = new List<Posting>
            {
                Posting.Debit(LockboxDecider.Clearing, Money.Usd(amount)),
                Posting.Credit(AccountKey.Personal(person!, AccountKind.Trust, Currency.USD), Money.Usd(credited)),
            };
            if (returned > 0) lines.Add(Posting.Credit(LockboxDecider.RefundsPayable, Money.Usd(returned)));
            var posted = await _world.Db.Journal.PostAsync(new JournalEntry($"keyed:{fileId}:{sequence}", "keying", "Keyed money order", DateTimeOffset.UtcNow, lines));
            entryId = posted.EntryId!.Value.Value;
        }
        var status = action == "post" ? "posted" : "returned";
        var outcome = action == "return" ? "returned" : returned > 0 ? "partially_posted" : "posted";
        await _world.Db.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO review_resolutions (file_id, sequence, action, status, amount_cents, person_number, account_kind, reason, keyed_by, keyed_at,
                approved_by, approved_at, entry_id, outcome, credited_cents, restitution_cents, returned_cents, fee_cents)
            VALUES ({fileId}, {sequence}, '{action}', '{status}', {amount}, {(person is null ? "NULL" : $"'{person}'")}, {(person is null ? "NULL" : "'trust'")},
                {(action == "return" ? "'The money order is not signed; it is returned to you.'" : "NULL")}, 'keyer', now(), NULL, NULL,
                {(entryId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "NULL")}, '{outcome}', {credited}, 0, {returned}, 0)
            """));
    }

    [Fact]
    public async Task The_sample_moneygram_day_balances_per_file_per_facility_and_in_the_clearing_account()
    {
        var world = new IntakeWorld(sampleReferenceData: true);
        await world.InitializeAsync();
        try
        {
            var intake = world.MoneyGram();
            foreach (var sample in Directory.GetFiles(Path.Combine(IntakeWorld.Samples, "moneygram"), "*.mgx.csv").Order(StringComparer.Ordinal))
                await intake.ProcessAsync((await intake.RegisterAsync(sample)).Id, sample);

            var report = await new Reconciliation(world.Db.Db).ReportAsync(Today);

            Assert.Equal(4, report.Rows.Count(r => r.Scope == "file"));
            Assert.All(report.Rows, r => Assert.True(r.Balanced, $"{r.Scope} {r.Key} does not balance"));
            var moneygram = Assert.Single(report.Clearing, c => c.Account == Reconciliation.MoneyGramClearing);
            // What MoneyGram settles: every send that posted (amount and fee, returned ones too) less what it reversed.
            var settles = await world.Db.ScalarAsync<long>("""
                SELECT coalesce(sum(amount_cents + fee_cents + fee_refunded_cents) FILTER (WHERE kind = 'deposit'), 0)::bigint
                FROM intake_items WHERE outcome IN ('posted', 'partially_posted', 'returned')
                """);
            Assert.True(settles > 0);
            Assert.Equal(settles - moneygram.ReversalsCents, moneygram.SettlesCents);
            Assert.Equal(0, moneygram.DifferenceCents);
            Assert.True(report.Balanced);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_keyed_resolution_counts_as_resolved_and_the_batch_then_balances()
    {
        var fileId = await LockboxBatchAsync();

        var before = await Reconciliation.ReportAsync(Today);
        var batch = Assert.Single(before.Rows, r => r.Scope == "file");
        Assert.False(batch.Balanced);
        Assert.Equal((3L, 1L, 1L, 1L, 0L), (batch.Items, batch.Posted, batch.PartiallyPosted, batch.InReview, batch.Keyed));
        Assert.Equal(-4000L, batch.AmountDifference);
        Assert.True(Assert.Single(before.Clearing, c => c.Account == Reconciliation.LockboxClearing).Balanced);

        await KeyAsync(fileId, 3, "post", 4000, "12345-678", 4000, 0);

        var after = await Reconciliation.ReportAsync(Today);
        batch = Assert.Single(after.Rows, r => r.Scope == "file");
        Assert.True(batch.Balanced);
        Assert.Equal((3L, 2L, 1L, 0L, 1L), (batch.Items, batch.Posted, batch.PartiallyPosted, batch.InReview, batch.Keyed));
        Assert.Equal((59000L, 49000L, 10000L, 0L), (batch.AmountInCents, batch.CreditedCents, batch.ReturnedCents, batch.AmountDifference!.Value));
        var loretto = Assert.Single(after.Rows, r => r.Key == "T-LOR");
        Assert.Equal((2L, 19000L), (loretto.Items, loretto.CreditedCents));
        var lockbox = Assert.Single(after.Clearing, c => c.Account == Reconciliation.LockboxClearing);
        Assert.Equal((59000L, 59000L, 0L), (lockbox.SettlesCents, lockbox.LedgerNetCents, lockbox.DifferenceCents));
        Assert.True(after.Balanced);

        Snapshot.Match(ReconciliationCsv.ToString(after).Replace(string.Create(CultureInfo.InvariantCulture, $"#{fileId} "), "#ID ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_item_returned_by_keying_is_a_return_and_balances_its_batch()
    {
        var fileId = await LockboxBatchAsync();
        await KeyAsync(fileId, 3, "return", 4000, null, 0, 4000);

        var batch = Assert.Single((await Reconciliation.ReportAsync(Today)).Rows, r => r.Scope == "file");
        Assert.True(batch.Balanced);
        Assert.Equal((2L, 14000L), (batch.Returned + batch.PartiallyPosted, batch.ReturnedCents));

        var returns = await Desk.ListAsync(Today);
        Assert.Equal([2, 3], returns.Select(r => r.Item.Sequence));
        var keyed = returns.Single(r => r.Keyed);
        Assert.Equal(("returned", 4000L, 0L, "The money order is not signed; it is returned to you."), (keyed.Item.Outcome, keyed.Item.ReturnedCents, keyed.PayableCents, keyed.Item.Reason));
    }

    [Fact]
    public async Task A_stray_posting_to_a_clearing_account_is_reported_to_the_cent()
    {
        await LockboxBatchAsync();
        await _world.Db.Journal.PostAsync(new JournalEntry("manual:1", "manual", "Someone's adjustment", DateTimeOffset.UtcNow,
            [Posting.Debit(LockboxClearing, Money.Usd(123)), Posting.Credit(AccountKey.OfCompany(AccountKind.Suspense, Currency.USD), Money.Usd(123))]));

        var report = await Reconciliation.ReportAsync(Today);
        var lockbox = Assert.Single(report.Clearing, c => c.Account == Reconciliation.LockboxClearing);
        Assert.Equal((55000L, 55123L, 123L), (lockbox.SettlesCents, lockbox.LedgerNetCents, lockbox.DifferenceCents));
        Assert.False(lockbox.Balanced);
        Assert.False(report.Balanced);
        // Another day is untouched.
        Assert.DoesNotContain((await Reconciliation.ReportAsync(Today.AddDays(-1))).Clearing, c => c.LedgerNetCents != 0 || c.SettlesCents != 0);
    }

    [Fact]
    public async Task A_refund_clears_refunds_payable_exactly_once()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder()
            .Send("50000080", "99999999X", "25.50", "4.99")
            .Send("50000081", "12345678DOE", "10.00"), "refunds.mgx.csv");
        var refundsPayable = AccountKey.OfCompany(AccountKind.RefundsPayable, Currency.USD);
        Assert.Equal(Money.Usd(3049), await _world.Db.Balances.BalanceAsync(refundsPayable));

        var mailed = await Desk.MarkMailedAsync(s.FileId, 1, "ops-1");
        Assert.Equal(DispositionOutcome.MustBeRefunded, mailed.Outcome);

        var first = await Desk.RefundAsync(s.FileId, 1, "ops-1");
        Assert.Equal(DispositionOutcome.Recorded, first.Outcome);
        Assert.Equal(("refunded", "ops-1", first.EntryId), (first.Return!.Disposition!.Status, first.Return.Disposition.By, first.Return.Disposition.EntryId));
        var second = await Desk.RefundAsync(s.FileId, 1, "ops-2");
        Assert.Equal(DispositionOutcome.AlreadyDisposed, second.Outcome);
        Assert.Equal(DispositionOutcome.AlreadyDisposed, (await Desk.MarkMailedAsync(s.FileId, 1, "ops-2")).Outcome);

        Assert.Equal(Money.Usd(0), await _world.Db.Balances.BalanceAsync(refundsPayable));
        Assert.Equal(1L, await _world.Db.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key = '{ReturnsDesk.RefundKeyOf(s.FileId, 1)}'"));
        Assert.Equal(NotFound, (await Desk.RefundAsync(s.FileId, 2, "ops-1")).Outcome);
        await _world.Db.AssertLedgerConsistentAsync();

        // MoneyGram pays the refund out of what it settles, and the clearing account says the same.
        var moneygram = Assert.Single((await Reconciliation.ReportAsync(Today)).Clearing, c => c.Account == Reconciliation.MoneyGramClearing);
        Assert.Equal((3049L + 1499L, 3049L, 0L), (moneygram.DepositsCents, moneygram.RefundsCents, moneygram.DifferenceCents));
    }

    private const DispositionOutcome NotFound = DispositionOutcome.NotFound;

    [Fact]
    public async Task A_return_moneygram_reversed_itself_has_nothing_left_to_refund()
    {
        var s = await _world.RunAsync(new MoneyGramFileBuilder().Send("50000090", "99999999X", "25.50", "4.99"), "returned.mgx.csv");
        Assert.Equal(3049L, (await Desk.FindAsync(s.FileId, 1))!.PayableCents);
        await _world.RunAsync(new MoneyGramFileBuilder().Reversal("50000091", "50000090", "99999999X", "25.50", "4.99"), "reversal.mgx.csv");

        Assert.Equal(0L, (await Desk.FindAsync(s.FileId, 1))!.PayableCents);
        Assert.Equal(DispositionOutcome.NothingPayable, (await Desk.RefundAsync(s.FileId, 1, "ops-1")).Outcome);
        Assert.Equal(Money.Usd(0), await _world.Db.Balances.BalanceAsync(AccountKey.OfCompany(AccountKind.RefundsPayable, Currency.USD)));
        var moneygram = Assert.Single((await Reconciliation.ReportAsync(Today)).Clearing, c => c.Account == Reconciliation.MoneyGramClearing);
        Assert.Equal((3049L, 3049L, 0L, 0L), (moneygram.DepositsCents, moneygram.ReversalsCents, moneygram.LedgerNetCents, moneygram.DifferenceCents));
    }

    [Fact]
    public async Task A_money_order_that_was_never_deposited_is_mailed_back_not_refunded_and_both_show_in_the_list()
    {
        var fileId = await LockboxBatchAsync();
        await KeyAsync(fileId, 3, "return", 4000, null, 0, 4000);

        Assert.Equal(DispositionOutcome.NothingPayable, (await Desk.RefundAsync(fileId, 3, "ops-1")).Outcome);
        Assert.Equal(DispositionOutcome.Recorded, (await Desk.MarkMailedAsync(fileId, 3, "ops-1")).Outcome);
        var refund = await Desk.RefundAsync(fileId, 2, "ops-1");
        Assert.Equal(DispositionOutcome.Recorded, refund.Outcome);

        // The excess went back by check from the bank: refunds payable cleared, the bank paid it.
        Assert.Equal(Money.Usd(0), await _world.Db.Balances.BalanceAsync(LockboxDecider.RefundsPayable));
        Assert.Equal(Money.Usd(10000), await _world.Db.Balances.BalanceAsync(AccountKey.OfCompany(AccountKind.Bank, Currency.USD)));

        var list = await Desk.ListAsync(Today);
        Assert.Equal([("refunded", 10000L), ("mailed", 0L)], list.Select(r => (r.Disposition!.Status, r.PayableCents)));
        var manifest = ReturnManifest.ToBytes(list);
        var text = System.Text.Encoding.UTF8.GetString(manifest);
        Assert.Contains(",refunded,ops-1,", text, StringComparison.Ordinal);
        Assert.Contains(",mailed,ops-1,", text, StringComparison.Ordinal);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(ReturnManifest.Letters(list, Today));
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.True(Assert.Single((await Reconciliation.ReportAsync(Today)).Clearing, c => c.Account == Reconciliation.LockboxClearing).Balanced);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task The_nightly_job_keeps_yesterdays_report_once()
    {
        await LockboxBatchAsync();
        var tomorrowNight = new DateTimeOffset(Today.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        var reports = new ReconciliationReports(_world.Db.Db);
        var job = new ReconciliationJobs(Reconciliation, reports, new FixedClock(tomorrowNight), NullLogger<ReconciliationJobs>.Instance);

        var id = await job.NightlyAsync(CancellationToken.None);
        Assert.Equal(id, await job.NightlyAsync(CancellationToken.None));

        var kept = Assert.Single(await reports.ListAsync(Today));
        Assert.Equal((id, Today, ReconciliationJobs.ProducedBy, false), (kept.Id, kept.BusinessDate, kept.ProducedBy, kept.Balanced));
        var batch = kept.Report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("scope").GetString() == "file");
        Assert.Equal(-4000, batch.GetProperty("amountDifference").GetInt64());
        Assert.Equal(kept.Id, (await reports.GetAsync(kept.Id))!.Id);
    }

    [Fact]
    public void The_nightly_job_is_registered_daily_at_two_utc()
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire_test", PrepareSchemaIfNecessary = true };
        var storage = new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(_world.Db.ConnectionString, options), options);
        WorkerHost.RegisterRecurringJobs(new RecurringJobManager(storage));

        using var connection = storage.GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == WorkerHost.ReconciliationJobId);
        Assert.Equal("0 2 * * *", job.Cron);
        Assert.Equal(nameof(ReconciliationJobs.NightlyAsync), job.Job.Method.Name);
        Assert.Equal("UTC", job.TimeZoneId);
    }
}
