using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using Ledger.Data.Statements;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Ledger.Testing;
using Snapshooter.Xunit;

namespace Ledger.Data.Tests;

/// <summary>A facility, its residents and entries posted through the journal, then moved to chosen instants.</summary>
internal static class StatementWorld
{
    public const string Facility = "ST-ONE";
    public const string Other = "ST-TWO";

    public static async Task LoadAsync(TestDatabase db)
    {
        await db.Importer.ImportFacilitiesAsync(new StringReader($"""
            facility_code,name,state,deposit_limit,money_order_hold_days,restitution_percent,stamp_price,email_delivery_hours
            {Facility},Statement One,PA,999.99,0,20,0.35,08-20
            {Other},Statement Two,AL,500.00,0,0,0.35,08-20
            """), "facilities.csv");
        await db.Importer.ImportRosterAsync(new StringReader($"""
            facility_code,person_number,last_name,first_name,status,restitution_owed
            {Facility},50000-001,DOE,JOHN,in_custody,100.00
            {Facility},50000-002,"ROE, JR",JANE,in_custody,0.00
            {Facility},50000-003,POE,EDGAR,released,0.00
            {Other},50000-009,OTHER,ONE,in_custody,0.00
            """), "roster.csv");
    }

    public static AccountKey Person(string number, AccountKind kind) => AccountKey.Personal(number, kind, Currency.USD);
    public static AccountKey Own(AccountKind kind, string facility = Facility) => AccountKey.OfFacility(facility, kind, Currency.USD);

    public static JournalEntry Move(string key, string description, long cents, AccountKey from, AccountKey to) =>
        new(key, "test", description, DateTimeOffset.UtcNow, [Posting.Debit(from, Money.Usd(cents)), Posting.Credit(to, Money.Usd(cents))]);

    /// <summary>Posts through the journal, then moves the entry's lines to <paramref name="at"/> (the journal stamps now()).</summary>
    public static async Task PostAtAsync(TestDatabase db, JournalEntry entry, DateTimeOffset at)
    {
        var result = await db.Journal.PostAsync(entry);
        Assert.True(result.IsPosted, $"{entry.IdempotencyKey}: {result.Outcome} {result.Detail}");
        await db.ExecuteAsync($"""
            BEGIN;
            ALTER TABLE postings DISABLE TRIGGER postings_append_only;
            UPDATE postings SET posted_at = '{at.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00' WHERE entry_id = {result.EntryId!.Value.Value};
            ALTER TABLE postings ENABLE TRIGGER postings_append_only;
            COMMIT;
            """);
    }

    public static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>November 2026, with lines before it, inside it (on both edges) and after it.</summary>
    public static readonly StatementPeriod November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    public static async Task PostNovemberAsync(TestDatabase db)
    {
        var card = Own(AccountKind.CardClearing);
        var revenue = Own(AccountKind.MediaRevenue);
        var payable = Own(AccountKind.RestitutionPayable);
        string p1 = "50000-001", p2 = "50000-002";
        await PostAtAsync(db, Move("nov:1", "Deposit before the period", 10_000, card, Person(p1, AccountKind.Trust)), Utc("2026-10-31T23:59:59.999999Z"));
        await PostAtAsync(db, Move("nov:2", "Deposit on the first instant", 2_500, card, Person(p1, AccountKind.Trust)), Utc("2026-11-01T00:00:00Z"));
        await PostAtAsync(db, Move("nov:3", "Trust to media (kiosk credit)", 1_200, Person(p1, AccountKind.Trust), Person(p1, AccountKind.Media)), Utc("2026-11-10T12:00:00Z"));
        await PostAtAsync(db, Move("nov:4", "Song \"Hello, world\"", 250, Person(p1, AccountKind.Media), revenue), Utc("2026-11-10T12:30:00Z"));
        await PostAtAsync(db, Move("nov:5", "Restitution deduction", 500, Person(p1, AccountKind.Trust), Person(p1, AccountKind.Restitution)), Utc("2026-11-15T08:00:00Z"));
        await PostAtAsync(db, Move("nov:6", "Restitution paid over", 300, Person(p1, AccountKind.Restitution), payable), Utc("2026-11-20T08:00:00Z"));
        await PostAtAsync(db, Move("nov:7", "Deposit on the last second", 4_000, card, Person(p2, AccountKind.Trust)), Utc("2026-11-30T23:59:59Z"));
        await PostAtAsync(db, Move("nov:8", "Deposit at midnight after", 7_000, card, Person(p2, AccountKind.Trust)), Utc("2026-12-01T00:00:00Z"));
        await PostAtAsync(db, Move("nov:9", "Other facility", 900, Own(AccountKind.CardClearing, Other), Person("50000-009", AccountKind.Trust)), Utc("2026-11-05T00:00:00Z"));
    }

    public static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(bytes));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(k => k.Key, k => (string)k.Value)).ToList();
    }

    public static long Cents(string amount) => (long)(decimal.Parse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100);

    /// <summary>Balances at the period's edges: the opening is everything before its first instant (to the microsecond).</summary>
    public static async Task<(long Opening, long Closing)> EdgesAsync(TestDatabase db, AccountKey key, StatementPeriod period) =>
        ((await db.Balances.BalanceAsync(key, period.Start.AddTicks(-10))).MinorUnits, (await db.Balances.BalanceAsync(key, period.End.AddTicks(-10))).MinorUnits);
}

/// <summary>In-memory files of one export, as a directory would hold them.</summary>
internal sealed class MemoryOutput : IStatementOutput
{
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public ValueTask WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        Files.Add(path, content.ToArray());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public class StatementsTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private FacilityStatements Statements => new(db.Db);

    public async Task InitializeAsync()
    {
        if (await db.ScalarAsync<long>("SELECT count(*) FROM facilities") > 0) return;
        await StatementWorld.LoadAsync(db);
        await StatementWorld.PostNovemberAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_statement_opens_at_the_balance_before_the_period_and_its_lines_add_up_to_the_balance_at_its_end()
    {
        var output = new MemoryOutput();
        var summary = await Statements.ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Csv, output);

        Assert.Equal(3, summary.People);
        Assert.Equal(["50000-001", "50000-002", "50000-003"], output.Files.Keys.Where(k => k.StartsWith("statements/", StringComparison.Ordinal))
            .Select(k => k["statements/".Length..^".csv".Length]).Order(StringComparer.Ordinal));
        var sections = 0;
        foreach (var (path, bytes) in output.Files.Where(f => f.Key.StartsWith("statements/", StringComparison.Ordinal)))
        {
            foreach (var account in StatementWorld.ReadCsv(bytes).GroupBy(r => (r["person_number"], r["account"])))
            {
                var rows = account.ToList();
                Assert.Equal("opening", rows[0]["line_type"]);
                Assert.Equal("closing", rows[^1]["line_type"]);
                var opening = StatementWorld.Cents(rows[0]["balance"]);
                var running = opening;
                foreach (var line in rows.Skip(1).SkipLast(1))
                {
                    running += StatementWorld.Cents(line["amount"]);
                    Assert.Equal(running, StatementWorld.Cents(line["balance"]));
                }
                Assert.Equal(running, StatementWorld.Cents(rows[^1]["balance"]));

                var kind = AccountKinds.Parse(account.Key.Item2);
                var (atStart, atEnd) = await StatementWorld.EdgesAsync(db, StatementWorld.Person(account.Key.Item1, kind), StatementWorld.November);
                Assert.Equal((atStart, atEnd), (opening, running));
                sections++;
            }
        }
        // 50000-001 trust, media, restitution; 50000-002 trust; 50000-003 never had an account: a trust statement at zero.
        Assert.Equal(5, sections);
        Assert.Equal(["0.00", "0.00"], StatementWorld.ReadCsv(output.Files["statements/50000-003.csv"]).Select(r => r["balance"]));
        Assert.DoesNotContain(output.Files.Keys, k => k.Contains("50000-009", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_trial_balance_ties_to_the_balances_at_the_periods_ends_and_the_export_writes_the_same_one()
    {
        var tb = await Statements.TrialBalanceAsync(StatementWorld.Facility, StatementWorld.November);

        Assert.True(tb.TiesOut);
        Assert.Equal(
            ["person 50000-001 trust", "person 50000-001 media", "person 50000-001 restitution", "person 50000-002 trust",
             "facility ST-ONE card_clearing", "facility ST-ONE media_revenue", "facility ST-ONE restitution_payable"],
            tb.Accounts.Select(a => $"{a.OwnerType} {a.OwnerCode} {a.Account}"));
        foreach (var row in tb.Accounts)
        {
            var key = row.OwnerType == "person"
                ? StatementWorld.Person(row.OwnerCode, AccountKinds.Parse(row.Account))
                : StatementWorld.Own(AccountKinds.Parse(row.Account));
            Assert.Equal(await StatementWorld.EdgesAsync(db, key, StatementWorld.November), (row.OpeningCents, row.ClosingCents));
            Assert.Equal(row.ClosingCents, row.OpeningCents - row.DebitsCents + row.CreditsCents);
        }
        var trust1 = tb.Accounts[0];
        Assert.Equal((10_000L, 1_700L, 2_500L, 10_800L, 3L), (trust1.OpeningCents, trust1.DebitsCents, trust1.CreditsCents, trust1.ClosingCents, trust1.Lines));
        // Every entry of this facility stays inside it, so its own accounts mirror its people's: the total is zero throughout.
        Assert.Equal((0L, 0L), (tb.Total.OpeningCents, tb.Total.ClosingCents));
        Assert.Equal(tb.Total.DebitsCents, tb.Total.CreditsCents);
        Assert.Equal(10_800L + 950L + 200L + 4_000L, tb.People.ClosingCents);

        var output = new MemoryOutput();
        var summary = await Statements.ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Both, output);
        Assert.Equal(StatementDocuments.Csv(tb), output.Files[FacilityStatements.TrialBalanceCsv]);
        Assert.Equal((tb.People.OpeningCents, tb.People.ClosingCents, tb.People.Lines), (summary.PeopleOpeningCents, summary.PeopleClosingCents, summary.Lines));
        Assert.True(summary.TrialBalanceTiesOut);
        var totals = StatementWorld.ReadCsv(output.Files[FacilityStatements.TrialBalanceCsv]).Where(r => r["scope"] != "account").ToList();
        Assert.Equal(["people", "facility", "total"], totals.Select(t => t["scope"]));
        Assert.Equal("159.50", totals[0]["closing"]);
    }

    [Fact]
    public async Task A_line_at_23_59_59_on_the_last_day_is_in_the_period_and_one_at_midnight_after_is_not()
    {
        var output = new MemoryOutput();
        await Statements.ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Csv, output);

        var jane = StatementWorld.ReadCsv(output.Files["statements/50000-002.csv"]);
        Assert.Equal(["Opening balance 50000-002 trust", "Deposit on the last second", "Closing balance 50000-002 trust"], jane.Select(r => r["description"]));
        Assert.Equal("2026-11-30T23:59:59Z", jane[1]["posted_at"]);
        Assert.Equal("2026-12-01T00:00:00Z", jane[2]["posted_at"]);
        Assert.Equal("40.00", jane[2]["balance"]);

        var john = StatementWorld.ReadCsv(output.Files["statements/50000-001.csv"]).Where(r => r["account"] == "trust").ToList();
        Assert.Equal("100.00", john[0]["balance"]); // the deposit a microsecond before the period is in the opening balance
        Assert.Equal("Deposit on the first instant", john[1]["description"]);

        var december = await Statements.TrialBalanceAsync(StatementWorld.Facility, new StatementPeriod(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1)));
        var janeInDecember = december.Accounts.Single(a => a.OwnerCode == "50000-002");
        Assert.Equal((4_000L, 7_000L, 11_000L, 1L), (janeInDecember.OpeningCents, janeInDecember.CreditsCents, janeInDecember.ClosingCents, janeInDecember.Lines));
    }

    [Fact]
    public async Task The_zip_holds_the_same_files_as_the_directory_and_a_pdf_per_resident()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"statements-test-{Guid.NewGuid():N}");
        try
        {
            StatementExportSummary loose;
            await using (var output = DirectoryStatementOutput.Open(dir, force: false))
                loose = await Statements.ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Both, output);
            using var zipped = new MemoryStream();
            await using (var output = ZipStatementOutput.Create(zipped))
                await Statements.ExportAsync(StatementWorld.Facility.ToLowerInvariant(), StatementWorld.November, StatementFormats.Both, output);

            zipped.Position = 0;
            using var zip = new ZipArchive(zipped, ZipArchiveMode.Read);
            Assert.Equal(loose.Files.Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            Assert.Equal(3 * 2 + 2 + 2, loose.Files.Count); // statements csv+pdf, trial balance csv+pdf, manifest, summary
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.Ordinal)))
            {
                using var content = new MemoryStream();
                await using (var s = entry.Open()) await s.CopyToAsync(content);
                Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir, entry.FullName)), content.ToArray());
            }
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(Path.Combine(dir, "statements", "50000-001.pdf"));
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("JOHN DOE", text, StringComparison.Ordinal);
            Assert.Contains("restitution account", text, StringComparison.Ordinal);
            Assert.Contains("108.00", text, StringComparison.Ordinal);
            var manifest = StatementWorld.ReadCsv(await File.ReadAllBytesAsync(Path.Combine(dir, FacilityStatements.ManifestCsv)));
            Assert.Equal(["3", "1", "1"], manifest.Select(m => m["accounts"]));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_message_that_says_what_is_wrong()
    {
        Assert.Contains("starts (2026-11-30) after it ends (2026-11-01)",
            Assert.Throws<StatementInputException>(() => StatementPeriod.Parse("2026-11-30", "2026-11-01")).Message, StringComparison.Ordinal);
        Assert.Contains("'from' date '11/01/2026'", Assert.Throws<StatementInputException>(() => StatementPeriod.Parse("11/01/2026", "2026-11-30")).Message, StringComparison.Ordinal);
        Assert.Contains("needs a 'to' date", Assert.Throws<StatementInputException>(() => StatementPeriod.Parse("2026-11-01", "")).Message, StringComparison.Ordinal);
        Assert.Throws<StatementInputException>(() => StatementFormatNames.Parse("xlsx"));
        Assert.Equal(StatementFormats.Both, StatementFormatNames.Parse(null));

        var unknown = await Assert.ThrowsAsync<UnknownFacilityException>(() =>
            Statements.ExportAsync("NOPE", StatementWorld.November, StatementFormats.Csv, new MemoryOutput()));
        Assert.Equal("NOPE", unknown.Code);
        await Assert.ThrowsAsync<UnknownFacilityException>(() => Statements.TrialBalanceAsync("NOPE", StatementWorld.November));

        var dir = Directory.CreateTempSubdirectory("statements-full-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "old.csv"), "older export");
            Assert.Contains("is not empty", Assert.Throws<StatementInputException>(() => DirectoryStatementOutput.Open(dir, force: false)).Message, StringComparison.Ordinal);
            Assert.Contains("is a file", Assert.Throws<StatementInputException>(() => DirectoryStatementOutput.Open(Path.Combine(dir, "old.csv"), force: true)).Message,
                StringComparison.Ordinal);
            await using var forced = DirectoryStatementOutput.Open(dir, force: true);
            await Statements.ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Csv, forced);
            Assert.True(File.Exists(Path.Combine(dir, "old.csv")));
            Assert.True(File.Exists(Path.Combine(dir, FacilityStatements.TrialBalanceCsv)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>Alone in its database, so that entry ids, and with them the snapshot, are the same on every run.</summary>
public class StatementSnapshotTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task One_residents_statement_csv_matches_its_snapshot()
    {
        await StatementWorld.LoadAsync(db);
        await StatementWorld.PostNovemberAsync(db);
        var output = new MemoryOutput();
        await new FacilityStatements(db.Db).ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Csv, output);

        Snapshot.Match(Encoding.UTF8.GetString(output.Files["statements/50000-001.csv"]));
    }
}

/// <summary>The export groups and orders lines itself: tested against the API's single-account statements.</summary>
public class StatementOrderTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Each_account_lists_its_lines_by_time_then_entry_and_writes_what_the_single_account_statement_writes()
    {
        await StatementWorld.LoadAsync(db);
        var card = StatementWorld.Own(AccountKind.CardClearing);
        var trust = StatementWorld.Person("50000-002", AccountKind.Trust);
        var media = StatementWorld.Person("50000-002", AccountKind.Media);
        // Posted (and so stored) in this order, moved to instants in another: the statement must follow the instants,
        // and lines at one instant the entries' order. The texts need quoting in every way CSV has, or are not ASCII.
        await StatementWorld.PostAtAsync(db, StatementWorld.Move("ord:1", "  leading and trailing spaces ", 1_000, card, trust), StatementWorld.Utc("2026-11-20T10:00:00Z"));
        await StatementWorld.PostAtAsync(db, StatementWorld.Move("ord:2", "Comma, \"quote\" and\r\nline break", 2_000, card, trust), StatementWorld.Utc("2026-11-10T10:00:00.5Z"));
        await StatementWorld.PostAtAsync(db, StatementWorld.Move("ord:3", "Café – Ñandú 😀", 3_000, card, trust), StatementWorld.Utc("2026-11-10T10:00:00.5Z"));
        await StatementWorld.PostAtAsync(db, StatementWorld.Move("ord:4", "First of the month", 4_000, card, trust), StatementWorld.Utc("2026-11-01T00:00:00Z"));
        await StatementWorld.PostAtAsync(db, StatementWorld.Move("ord:5", "Kiosk credit", 500, trust, media), StatementWorld.Utc("2026-11-10T10:00:00.5Z"));
        // Moved again, ord:2's lines are stored after ord:3's and ord:5's: at their shared instant, storage and index order
        // (by row position) are ord:3, ord:5, ord:2, the entries' order is ord:2, ord:3, ord:5.
        // (Two real changes of posted_at: an update that changes no indexed value keeps the row's place in the index.)
        foreach (var at in new[] { "2026-11-11 00:00:00+00", "2026-11-10 10:00:00.5+00" })
        {
            await db.ExecuteAsync($"""
                BEGIN;
                ALTER TABLE postings DISABLE TRIGGER postings_append_only;
                UPDATE postings SET posted_at = '{at}' WHERE entry_id = (SELECT id FROM journal_entries WHERE idempotency_key = 'ord:2');
                ALTER TABLE postings ENABLE TRIGGER postings_append_only;
                COMMIT;
                """);
        }

        var output = new MemoryOutput();
        await new FacilityStatements(db.Db).ExportAsync(StatementWorld.Facility, StatementWorld.November, StatementFormats.Csv, output);

        var rows = StatementWorld.ReadCsv(output.Files["statements/50000-002.csv"]);
        Assert.Equal(["opening", "First of the month", "Comma, \"quote\" and\r\nline break", "Café – Ñandú 😀", "Kiosk credit", "  leading and trailing spaces ", "closing",
                      "opening", "Kiosk credit", "closing"],
            rows.Select(r => r["line_type"] == "line" ? r["description"] : r["line_type"]));
        // The API's statement of one account reads (from, to]: a microsecond before the period's start to one before its end.
        var views = new List<StatementView>();
        foreach (var key in new[] { trust, media })
        {
            var s = await db.Balances.StatementAsync(key, StatementWorld.November.Start.AddTicks(-10), StatementWorld.November.End.AddTicks(-10));
            views.Add(new StatementView("50000-002", StatementWorld.Facility, key.Kind.ToCode(), StatementWorld.November.Start, StatementWorld.November.End,
                s.Opening.MinorUnits, [.. s.Lines.Select(l => new StatementLineView(l.EntryId, l.PostedAt, l.Source, l.Description, l.Amount.MinorUnits, l.BalanceAfter.MinorUnits))],
                s.Closing.MinorUnits));
        }
        Assert.Equal(Encoding.UTF8.GetString(StatementDocuments.Csv(views)), Encoding.UTF8.GetString(output.Files["statements/50000-002.csv"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("a,b")]
    [InlineData("say \"hi\"")]
    [InlineData("\"")]
    [InlineData("cr\rlf\n")]
    [InlineData("Ñandú – 😀, «ok»")]
    public void A_field_written_from_utf8_is_the_field_written_from_its_string(string text)
    {
        var fromString = new CsvText().Field(text).Field(text).EndRow().ToBytes();
        var utf8 = Encoding.UTF8.GetBytes(text);
        var fromUtf8 = new CsvText().Field(utf8).Field(utf8).EndRow().ToBytes();
        Assert.Equal(fromString, fromUtf8);
    }
}
