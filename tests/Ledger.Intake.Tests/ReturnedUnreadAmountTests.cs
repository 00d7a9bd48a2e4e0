using System.Globalization;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Intake.Keying;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Returns;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>
/// Issue #11's last line, "the sample day balances once keyed": a lockbox batch with an item in review (amount unread) and a
/// money order intake returned as illegible, against the mailroom's declared total, which adds up both. Operations key the
/// item in review (KeyingService) and record the returned order's amount from the tape (ReturnsDesk.KeyAmountAsync); the
/// reconciliation then balances, and a wrong amount leaves the exact difference. Real PostgreSQL, the real intake pipeline.
/// </summary>
public sealed class ReturnedUnreadAmountTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    private readonly HandReadBatches _batches;
    private KeyingService _keying = null!;
    private DateOnly _today;

    public ReturnedUnreadAmountTests() => _batches = new HandReadBatches(_world);

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        // Both write their audit entries to the services schema (api.audit_log), as in production.
        await Ledger.Data.Services.ServicesMigrator.MigrateAsync(_world.Db.ConnectionString);
        _keying = new KeyingService(_world.Db.Db, new ReviewResolutionStore(_world.Db.Db), _world.Db.Journal, _world.Db.Directory,
            new KeyingOptions { FourEyesAboveCents = 100_00 }, TimeProvider.System);
        _today = await UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(2));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private ReturnsDesk Desk => new(_world.Db.Db, _world.Db.Journal, TimeProvider.System);

    private const long Posted = 25_00, InReview = 40_00, Illegible = 774_37, Declared = Posted + InReview + Illegible;

    /// <summary>
    /// $25.00 read and posted; $40.00 whose amount OCR could not settle (in review); $774.37 whose amount is positively illegible
    /// and whose address is confirmed (returned to its sender by intake). The mailroom's tape says 3 items, $839.37.
    /// </summary>
    private async Task<long> BatchAsync()
    {
        var illegible = HandReadBatches.Read(3, "63000000003", null, "12345-678", "JOHN DOE");
        illegible = illegible with { MoneyOrder = illegible.MoneyOrder with { AmountIllegible = true } };
        var (summary, items) = await _batches.PostAsync(Declared,
            HandReadBatches.Read(1, "63000000001", Posted, "12345-678", "JOHN DOE"),
            HandReadBatches.Read(2, "63000000002", null, "12345-678", "JOHN DOE", addressReadable: false),
            illegible);
        Assert.Equal(("posted", "in_review", "returned", "illegible_amount"), (items[1].Outcome, items[2].Outcome, items[3].Outcome, items[3].ReasonCode));
        Assert.Equal((0L, 0L), (items[2].AmountCents, items[3].AmountCents));
        return summary.FileId;
    }

    private async Task<ReconciliationRow> BatchRowAsync() =>
        Assert.Single((await new Reconciliation(_world.Db.Db).ReportAsync(_today)).Rows, r => r.Scope == "file");

    private async Task KeyInReviewItemAsync(long fileId, long cents)
    {
        var keyed = await _keying.KeyAsync(new KeyedItem(fileId, 2, cents, "12345-678", "trust"), "alice");
        Assert.True(keyed.IsSuccess, $"{keyed.Code}: {keyed.Detail}");
    }

    [Fact]
    public async Task The_batch_shows_the_difference_before_and_balances_once_both_unread_amounts_are_keyed()
    {
        var fileId = await BatchAsync();

        var before = await BatchRowAsync();
        Assert.False(before.Balanced);
        Assert.Equal((-(InReview + Illegible), 1L, 0L), (before.AmountDifference!.Value, before.ReturnedUnread, before.ReturnAmountsKeyed));
        var control = (await _world.Lockbox().ControlAsync((await _world.Files.GetAsync(fileId))!))!;
        Assert.Equal(("open", 2L, 1L, 1L), (control.Status, control.UnknownAmounts, control.InReviewUnread, control.ReturnedUnread));

        await KeyInReviewItemAsync(fileId, InReview);
        var keyedOnly = await BatchRowAsync();
        Assert.False(keyedOnly.Balanced);
        Assert.Equal((-Illegible, 1L), (keyedOnly.AmountDifference!.Value, keyedOnly.ReturnedUnread));

        var recorded = await Desk.KeyAmountAsync(fileId, 3, Illegible, "tape", "bob", KeyingAuditTrail.Role);

        Assert.Equal(ReturnAmountOutcome.Recorded, recorded.Outcome);
        var back = recorded.Return!;
        Assert.Equal((Illegible, Illegible, false), (back.Item.AmountCents, back.ToSendBackCents, back.AwaitsAmount));
        Assert.Equal(("bob", "tape"), (back.AmountKeyed!.By, back.AmountKeyed.ReadFrom));
        var after = await BatchRowAsync();
        Assert.True(after.Balanced, $"difference {after.AmountDifference}");
        Assert.Equal((Declared, Posted + InReview, Illegible, 0L), (after.AmountInCents, after.CreditedCents, after.ReturnedCents, after.InReviewCents));
        Assert.Equal((1L, 1L, 0L, 1L), (after.Returned, after.Keyed, after.ReturnedUnread, after.ReturnAmountsKeyed));
        // No money moved for it: the lockbox clearing account still holds exactly what posted.
        var report = await new Reconciliation(_world.Db.Db).ReportAsync(_today);
        var clearing = Assert.Single(report.Clearing, c => c.Account == Reconciliation.LockboxClearing);
        Assert.Equal((Posted + InReview, 0L), (clearing.LedgerNetCents, clearing.DifferenceCents));
        Assert.True(report.Balanced);
        await _world.Db.AssertLedgerConsistentAsync();
        // The batch control (intake's reading) keeps its unread count, and says both were settled since.
        control = (await _world.Lockbox().ControlAsync((await _world.Files.GetAsync(fileId))!))!;
        Assert.Equal((2L, 0L, 0L, 2L), (control.UnknownAmounts, control.InReviewUnread, control.ReturnedUnread, control.SettledSince));

        // The manifest and the letter show the amount going back.
        var manifest = System.Text.Encoding.UTF8.GetString(ReturnManifest.ToBytes(await Desk.ListAsync(_today)));
        var line = Assert.Single(manifest.Split('\n'), l => l.Contains("63000000003", StringComparison.Ordinal));
        // amount, amount_returned, fee_refunded, total_to_send_back, refunds_payable (nothing: it was never deposited).
        Assert.Contains(",774.37,774.37,0.00,774.37,0.00,illegible_amount,", line);
        using (var letter = UglyToad.PdfPig.PdfDocument.Open(ReturnManifest.Letter(back, _today)))
            Assert.Contains("Amount returned: the money order itself, for $774.37, with your deposit slip",
                string.Join(' ', letter.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);

        // The audit entry, written with the amount in the same transaction.
        var audit = await _world.Db.ScalarAsync<string>(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT actor_subject || ' ' || actor_role || ' ' || action || ' ' || entity_type || ' ' || entity_id || ' ' || (after->>'amountCents') || ' ' || (after->>'readFrom')
            FROM api.audit_log WHERE action = 'return.amount'
            """));
        Assert.Equal($"bob operations return.amount return {fileId}/3 77437 tape", audit);
    }

    [Fact]
    public async Task A_wrong_amount_leaves_the_exact_difference_never_absorbed()
    {
        var fileId = await BatchAsync();
        await KeyInReviewItemAsync(fileId, InReview);

        Assert.Equal(ReturnAmountOutcome.Recorded, (await Desk.KeyAmountAsync(fileId, 3, 770_00, "money_order", "bob", KeyingAuditTrail.Role)).Outcome);

        var row = await BatchRowAsync();
        Assert.False(row.Balanced);
        Assert.Equal((-4_37L, 0L, 770_00L), (row.AmountDifference!.Value, row.ReturnedUnread, row.ReturnedCents));
        // Cents are still all accounted for: the difference is against the tape, and it is shown whole.
        Assert.Equal(row.AmountInCents, row.CreditedCents + row.ReturnedCents + row.InReviewCents);
    }

    [Fact]
    public async Task An_illegible_return_counts_under_the_facility_of_the_person_its_slip_names_and_without_a_person_under_no_facility()
    {
        static LockboxItemReading Illegible(LockboxItemReading r) => r with { MoneyOrder = r.MoneyOrder with { AmountIllegible = true } };
        var (_, items) = await _batches.PostAsync(Posted,
            HandReadBatches.Read(1, "64000000001", Posted, "12345-678", "JOHN DOE"),
            Illegible(HandReadBatches.Read(2, "64000000002", null, "12345-678", "JOHN DOE")),
            // Nobody read on the slip, and a number whose name is not that person's: no facility to count them under.
            Illegible(HandReadBatches.Read(3, "64000000003", null, null, null)),
            Illegible(HandReadBatches.Read(4, "64000000004", null, "12345-678", "JANE ROE")));
        Assert.All(new[] { 2, 3, 4 }, n => Assert.Equal(("returned", "illegible_amount"), (items[n].Outcome, items[n].ReasonCode)));
        Assert.Equal(("12345-678", "T-LOR"), (items[2].PersonNumber, items[2].FacilityCode));
        Assert.Null(items[3].FacilityCode);
        Assert.Null(items[4].FacilityCode);

        var rows = (await new Reconciliation(_world.Db.Db).ReportAsync(_today)).Rows.Where(r => r.Scope == "facility").ToDictionary(r => r.Key);
        Assert.Equal((2L, 1L, 1L, 1L), (rows["T-LOR"].Items, rows["T-LOR"].Posted, rows["T-LOR"].Returned, rows["T-LOR"].ReturnedUnread));
        Assert.Equal((2L, 2L, 2L), (rows["(no facility)"].Items, rows["(no facility)"].Returned, rows["(no facility)"].ReturnedUnread));
    }

    /// <summary>The batch's row of the reconciliation CSV (ledger reconcile --csv, the API's and the page's download), by column name.</summary>
    private async Task<Dictionary<string, string>> BatchCsvRowAsync()
    {
        var lines = ReconciliationCsv.ToString(await new Reconciliation(_world.Db.Db).ReportAsync(_today)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var row = Assert.Single(lines, l => l.StartsWith("file,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(header.Length, row.Length);
        return header.Zip(row).ToDictionary(c => c.First, c => c.Second);
    }

    [Fact]
    public async Task The_reconciliation_csv_says_how_many_returns_await_their_amount_and_how_many_were_recorded()
    {
        var fileId = await BatchAsync();
        await KeyInReviewItemAsync(fileId, InReview);
        var before = await BatchCsvRowAsync();
        Assert.Equal(("1", "0", "false"), (before["returned_unread"], before["return_amounts_keyed"], before["balanced"]));
        // The columns before them keep their places (appended, not inserted).
        Assert.Equal("balanced", ReconciliationCsv.ToString(await new Reconciliation(_world.Db.Db).ReportAsync(_today)).TrimStart('\uFEFF')
            .Split('\n')[0].Split(',')[28]);

        Assert.Equal(ReturnAmountOutcome.Recorded, (await Desk.KeyAmountAsync(fileId, 3, Illegible, "tape", "bob", KeyingAuditTrail.Role)).Outcome);

        var after = await BatchCsvRowAsync();
        Assert.Equal(("0", "1", "true"), (after["returned_unread"], after["return_amounts_keyed"], after["balanced"]));
        Assert.Equal(Illegible.ToString(CultureInfo.InvariantCulture), after["returned_cents"]);
    }

    [Fact]
    public async Task The_batch_names_of_returns_awaiting_their_amount_come_in_one_query()
    {
        var first = await BatchAsync();
        var (second, _) = await _batches.PostAsync(HandReadBatches.Read(1, "63000000009", 10_00, "12345-678", "JOHN DOE"));
        // `ledger review list` names each return's batch (where its tape is) from one look-up of all of them.
        var names = await _world.Files.NamesAsync([first, second.FileId, second.FileId + 1_000]);
        Assert.Equal([(first, "batch-1"), (second.FileId, "batch-2")], names.OrderBy(n => n.Key).Select(n => (n.Key, n.Value)));
        Assert.Empty(await _world.Files.NamesAsync([]));
    }

    [Fact]
    public async Task Refused_for_items_that_are_not_returned_unread_twice_and_for_unknown_items_and_nothing_changes()
    {
        var fileId = await BatchAsync();

        Assert.Equal(ReturnAmountOutcome.NotFound, (await Desk.KeyAmountAsync(fileId, 99, 10_00, "tape", "bob", "operations")).Outcome);
        Assert.Equal(ReturnAmountOutcome.NotFound, (await Desk.KeyAmountAsync(fileId + 1, 3, 10_00, "tape", "bob", "operations")).Outcome);
        // Posted (not a return), and in review (keyed in the queue, not here).
        Assert.Equal(ReturnAmountOutcome.NotFound, (await Desk.KeyAmountAsync(fileId, 1, 10_00, "tape", "bob", "operations")).Outcome);
        Assert.Equal(ReturnAmountOutcome.NotFound, (await Desk.KeyAmountAsync(fileId, 2, 10_00, "tape", "bob", "operations")).Outcome);
        Assert.Equal(ReturnAmountOutcome.Invalid, (await Desk.KeyAmountAsync(fileId, 3, 0, "tape", "bob", "operations")).Outcome);
        Assert.Equal(ReturnAmountOutcome.Invalid, (await Desk.KeyAmountAsync(fileId, 3, 10_00, "guess", "bob", "operations")).Outcome);
        Assert.Equal(0L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM return_amounts"));

        Assert.Equal(ReturnAmountOutcome.Recorded, (await Desk.KeyAmountAsync(fileId, 3, Illegible, "tape", "bob", "operations")).Outcome);
        var twice = await Desk.KeyAmountAsync(fileId, 3, 1_00, "tape", "carol", "operations");
        Assert.Equal(ReturnAmountOutcome.AlreadyKeyed, twice.Outcome);
        Assert.Contains("bob recorded", twice.Problem);
        Assert.Equal(Illegible, twice.Return!.Item.AmountCents);

        // A return whose amount is known (keyed with the return) takes none.
        var returned = await _keying.ReturnAsync(fileId, 2, "The money order is not signed.", "alice", amountCents: InReview);
        Assert.True(returned.IsSuccess);
        var known = await Desk.KeyAmountAsync(fileId, 2, 10_00, "tape", "bob", "operations");
        Assert.Equal(ReturnAmountOutcome.NotUnread, known.Outcome);
        Assert.Equal((1L, 1L), (await _world.Db.ScalarAsync<long>("SELECT count(*) FROM return_amounts"),
            await _world.Db.ScalarAsync<long>("SELECT count(*) FROM api.audit_log WHERE action = 'return.amount'")));
        Assert.True((await BatchRowAsync()).Balanced);
    }

    [Fact]
    public async Task An_item_returned_from_the_queue_without_an_amount_takes_its_amount_the_same_way()
    {
        var fileId = await BatchAsync();
        Assert.True((await _keying.ReturnAsync(fileId, 2, "Illegible: the amount is smeared.", "alice")).IsSuccess);
        Assert.Equal(ReturnAmountOutcome.Recorded, (await Desk.KeyAmountAsync(fileId, 3, Illegible, "tape", "bob", "operations")).Outcome);
        var open = await BatchRowAsync();
        Assert.Equal((-InReview, 1L), (open.AmountDifference!.Value, open.ReturnedUnread));

        Assert.Equal(ReturnAmountOutcome.Recorded, (await Desk.KeyAmountAsync(fileId, 2, InReview, "tape", "bob", "operations")).Outcome);

        var row = await BatchRowAsync();
        Assert.True(row.Balanced, $"difference {row.AmountDifference}");
        Assert.Equal((2L, InReview + Illegible, 2L), (row.Returned, row.ReturnedCents, row.ReturnAmountsKeyed));
    }
}
