using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Text.Json;
using Ledger.Domain.Accounts;
using Npgsql;

namespace Ledger.Data.Statements;

[Flags]
public enum StatementFormats
{
    Csv = 1,
    Pdf = 2,
    Both = Csv | Pdf,
}

public static class StatementFormatNames
{
    public static StatementFormats Parse(string? text) => (text ?? "both").Trim().ToLowerInvariant() switch
    {
        "csv" => StatementFormats.Csv,
        "pdf" => StatementFormats.Pdf,
        "both" => StatementFormats.Both,
        _ => throw new StatementInputException($"Format '{text}' is not csv, pdf or both."),
    };
}

public sealed record StatementProgress(int People, int PeopleDone, long LinesDone);

/// <summary>What an export wrote: counts, the people's totals (the trial balance's people subtotal) and every file.</summary>
public sealed record StatementExportSummary(string FacilityCode, string FacilityName, DateOnly From, DateOnly To, int People, int Accounts, long Lines,
    long PeopleOpeningCents, long PeopleDebitsCents, long PeopleCreditsCents, long PeopleClosingCents, bool TrialBalanceTiesOut,
    IReadOnlyList<string> Files);

/// <summary>
/// Statements of every person of a facility for a period, and the facility's trial balance, from one consistent
/// snapshot (REPEATABLE READ). Nothing is queried per person: one query for the people's accounts, one binary COPY of
/// every line of their accounts in the period (grouped by account here: <see cref="PeriodLines"/>), and one aggregate
/// for the facility's own accounts, which runs while the statements are rendered and written.
/// </summary>
public sealed class FacilityStatements(NpgsqlDataSource db)
{
    public const string TrialBalanceCsv = "trial-balance.csv";
    public const string TrialBalancePdf = "trial-balance.pdf";
    public const string ManifestCsv = "manifest.csv";
    public const string SummaryJson = "summary.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static string StatementPath(string personNumber, string extension) => $"statements/{personNumber}.{extension}";

    /// <summary>The facility's code as stored and its name; an unknown code throws <see cref="UnknownFacilityException"/>.</summary>
    public async Task<(string Code, string Name)> FacilityAsync(string code, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var facility = await FacilityAsync(conn, null, code, ct);
        return (facility.Code, facility.Name);
    }

    /// <summary>The trial balance alone: the people's period totals come from an aggregate instead of their lines.</summary>
    public async Task<TrialBalance> TrialBalanceAsync(string facilityCode, StatementPeriod period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await BeginSnapshotAsync(conn, ct);
        var facility = await FacilityAsync(conn, tx, facilityCode, ct);
        var people = await PersonAccountsAsync(conn, tx, facility, period, withPeriodTotals: true, ct);
        var own = await FacilityAccountsAsync(conn, tx, facility, period, ct);
        return TrialBalance.Create(facility.Code, facility.Name, period, [.. people.Select(a => a.Row(a.PeriodDebits, a.PeriodCredits, a.PeriodLines)), .. own]);
    }

    public async Task<StatementExportSummary> ExportAsync(string facilityCode, StatementPeriod period, StatementFormats formats, IStatementOutput output,
        IProgress<StatementProgress>? progress = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await BeginSnapshotAsync(conn, ct);
        var facility = await FacilityAsync(conn, tx, facilityCode, ct);
        var people = await PeopleAsync(conn, tx, facility.Code, ct);
        var accounts = await PersonAccountsAsync(conn, tx, facility, period, withPeriodTotals: false, ct);
        var lines = await PeriodLines.ReadAsync(conn, [.. accounts.Select(a => a.Id)], period.Start, period.End, ct);
        var rows = new List<TrialBalanceRow>(accounts.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            long debits = 0, credits = 0;
            foreach (ref readonly var line in lines.Of(i))
            {
                if (line.AmountCents < 0) debits = checked(debits - line.AmountCents);
                else credits = checked(credits + line.AmountCents);
            }
            rows.Add(accounts[i].Row(debits, credits, lines.Of(i).Length));
        }

        // The statements are written while the same snapshot sums the facility's own accounts.
        var files = new List<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writing = Task.Run(() => WriteStatementsAsync(facility, period, formats, output, people, accounts, rows, lines, files, progress, stop.Token), stop.Token);
        List<TrialBalanceRow> own;
        try
        {
            own = await FacilityAccountsAsync(conn, tx, facility, period, stop.Token);
        }
        catch
        {
            // The writing must not outlive the export; this query's failure is the one reported.
            await stop.CancelAsync();
            try
            {
                await writing;
            }
            catch (Exception)
            {
            }
            throw;
        }
        var manifest = await writing;
        await tx.CommitAsync(ct);

        rows.AddRange(own);
        var tb = TrialBalance.Create(facility.Code, facility.Name, period, rows);
        if (!tb.TiesOut) throw new InvalidOperationException($"The trial balance of {facility.Code} for {period} does not tie out.");
        async Task WriteAsync(string path, byte[] content)
        {
            await output.WriteAsync(path, content, ct);
            files.Add(path);
        }
        if (formats.HasFlag(StatementFormats.Csv)) await WriteAsync(TrialBalanceCsv, StatementDocuments.Csv(tb));
        if (formats.HasFlag(StatementFormats.Pdf)) await WriteAsync(TrialBalancePdf, StatementDocuments.Pdf(tb));
        var csv = new CsvText().Row("person_number", "last_name", "first_name", "status", "accounts", "lines", "csv_file", "pdf_file");
        foreach (var row in manifest) csv.Row(row);
        await WriteAsync(ManifestCsv, csv.ToBytes());
        var p = tb.People;
        var summary = new StatementExportSummary(facility.Code, facility.Name, period.From, period.To, people.Count, accounts.Count, p.Lines,
            p.OpeningCents, p.DebitsCents, p.CreditsCents, p.ClosingCents, tb.TiesOut, [.. files, SummaryJson]);
        await output.WriteAsync(SummaryJson, JsonSerializer.SerializeToUtf8Bytes(summary, Json), ct);
        return summary;
    }

    /// <summary>
    /// Renders each person's statement and writes it, in person order; returns the manifest's rows. Rendering runs a
    /// few people ahead on the thread pool (the lines and rows are only read), writing one file at a time, in order,
    /// as a zip needs: on two cores the writes (mostly the kernel's work) and the rendering overlap.
    /// </summary>
    private static async Task<List<string[]>> WriteStatementsAsync(Facility facility, StatementPeriod period, StatementFormats formats, IStatementOutput output,
        List<Person> people, List<PersonAccount> accounts, List<TrialBalanceRow> rows, PeriodLines lines, List<string> files,
        IProgress<StatementProgress>? progress, CancellationToken ct)
    {
        var ranges = new (int First, int End)[people.Count];
        var next = 0;
        for (var p = 0; p < people.Count; p++)
        {
            var first = next;
            while (next < accounts.Count && accounts[next].PersonNumber == people[p].Number) next++;
            ranges[p] = (first, next);
        }
        if (next != accounts.Count) throw new InvalidOperationException($"{accounts.Count - next} account(s) belong to no person of {facility.Code}.");

        var periodLabel = period.ToString();
        var buffers = new ConcurrentBag<CsvText>();
        Rendered Render(int p)
        {
            var (person, (first, end)) = (people[p], ranges[p]);
            CsvText? csv = null;
            byte[]? pdf = null;
            if (formats.HasFlag(StatementFormats.Csv))
            {
                csv = (buffers.TryTake(out var reused) ? reused.Clear() : new CsvText()).Row(StatementDocuments.StatementCsvHeader);
                for (var i = first; i < end; i++)
                    StatementDocuments.Csv(csv, person.Number, rows[i].Account, period.Start, period.End, rows[i].OpeningCents, lines, lines.Of(i));
                // Everyone has a trust account in principle; one never opened has held nothing.
                if (first == end) StatementDocuments.Csv(csv, person.Number, AccountKind.Trust.ToCode(), period.Start, period.End, 0, lines, []);
            }
            if (formats.HasFlag(StatementFormats.Pdf))
            {
                var sections = Enumerable.Range(first, end - first).Select(i => View(facility, period, rows[i], lines, i)).ToList();
                if (sections.Count == 0) sections.Add(new StatementView(person.Number, facility.Code, AccountKind.Trust.ToCode(), period.Start, period.End, 0, [], 0));
                pdf = StatementDocuments.Pdf(new PersonStatement(person.Number, person.Name, facility.Code, periodLabel, sections));
            }
            var count = 0;
            for (var i = first; i < end; i++) count += lines.Of(i).Length;
            // The sections written: a person without accounts gets the trust section at zero.
            return new Rendered(person, Math.Max(end - first, 1), count, csv, pdf);
        }

        var manifest = new List<string[]>(people.Count);
        var ahead = new Queue<Task<Rendered>>();
        var started = 0;
        void StartRendering()
        {
            for (; ahead.Count < 2 * Environment.ProcessorCount && started < people.Count; started++)
            {
                var p = started;
                ahead.Enqueue(Task.Run(() => Render(p), ct));
            }
        }
        long done = 0;
        try
        {
            StartRendering();
            while (ahead.TryDequeue(out var rendering))
            {
                var r = await rendering;
                StartRendering();
                string csvPath = "", pdfPath = "";
                if (r.Csv is not null)
                {
                    await output.WriteAsync(csvPath = StatementPath(r.Person.Number, "csv"), r.Csv.WrittenMemory, ct);
                    files.Add(csvPath);
                    buffers.Add(r.Csv);
                }
                if (r.Pdf is not null)
                {
                    await output.WriteAsync(pdfPath = StatementPath(r.Person.Number, "pdf"), r.Pdf, ct);
                    files.Add(pdfPath);
                }
                done += r.Lines;
                manifest.Add([r.Person.Number, r.Person.LastName, r.Person.FirstName, r.Person.Status,
                    r.Accounts.ToString(CultureInfo.InvariantCulture), r.Lines.ToString(CultureInfo.InvariantCulture), csvPath, pdfPath]);
                progress?.Report(new StatementProgress(people.Count, manifest.Count, done));
            }
        }
        catch
        {
            // Renderings still running must not outlive the export: let them end, keep the first failure.
            foreach (var rendering in ahead)
            {
                try
                {
                    await rendering;
                }
                catch (Exception)
                {
                }
            }
            throw;
        }
        return manifest;
    }

    private sealed record Rendered(Person Person, int Accounts, int Lines, CsvText? Csv, byte[]? Pdf);

    private static StatementView View(Facility facility, StatementPeriod period, TrialBalanceRow row, PeriodLines lines, int account)
    {
        var raw = lines.Of(account);
        var views = new StatementLineView[raw.Length];
        var balance = row.OpeningCents;
        for (var i = 0; i < raw.Length; i++)
        {
            balance += raw[i].AmountCents;
            var (source, description) = lines.Strings(raw[i]);
            views[i] = new StatementLineView(raw[i].EntryId, PeriodLines.Instant(raw[i].PostedAt), source, description, raw[i].AmountCents, balance);
        }
        return new StatementView(row.OwnerCode, facility.Code, row.Account, period.Start, period.End, row.OpeningCents, views, balance);
    }

    private static async Task<NpgsqlTransaction> BeginSnapshotAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // These queries are many small index scans: JIT compiling them costs more than it saves (~0.3 s each measured).
        // A facility's month of lines is joined to its entries in memory rather than in temporary files.
        await using var settings = new NpgsqlCommand("SET LOCAL jit = off; SET LOCAL work_mem = '256MB'", conn, tx);
        await settings.ExecuteNonQueryAsync(ct);
        return tx;
    }

    private sealed record Facility(string Code, string Name);

    private sealed record Person(string Number, string LastName, string FirstName, string Status)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    /// <summary>
    /// A person's account. <see cref="AtEndCents"/> is its balance at the period's end: the stored balance less the
    /// lines after it, so only recent lines are read however long the history.
    /// </summary>
    private sealed record PersonAccount(long Id, string PersonNumber, AccountKind Kind, string Currency, long AtEndCents,
        long PeriodDebits, long PeriodCredits, long PeriodLines)
    {
        public TrialBalanceRow Row(long debits, long credits, long lines)
        {
            var opening = checked(AtEndCents + debits - credits);
            return new TrialBalanceRow("person", PersonNumber, Kind.ToCode(), Currency, opening, debits, credits, AtEndCents, lines);
        }
    }

    private static async Task<Facility> FacilityAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT code, name FROM facilities WHERE upper(code) = upper(@code)", conn, tx);
        cmd.Parameters.AddWithValue("code", code.Trim());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct)) return new Facility(reader.GetString(0), reader.GetString(1));
        throw new UnknownFacilityException(code);
    }

    private static async Task<List<Person>> PeopleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string facility, CancellationToken ct)
    {
        var people = new List<Person>();
        await using var cmd = new NpgsqlCommand("SELECT person_number, last_name, first_name, status FROM people WHERE facility_code = @f", conn, tx);
        cmd.Parameters.AddWithValue("f", facility);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) people.Add(new Person(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        people.Sort((a, b) => string.CompareOrdinal(a.Number, b.Number));
        return people;
    }

    private const string PeriodTotals = """
        coalesce(-sum(p.amount_cents) FILTER (WHERE p.posted_at >= @start AND p.posted_at < @end AND p.amount_cents < 0), 0)::bigint,
        coalesce(sum(p.amount_cents) FILTER (WHERE p.posted_at >= @start AND p.posted_at < @end AND p.amount_cents > 0), 0)::bigint,
        count(*) FILTER (WHERE p.posted_at >= @start AND p.posted_at < @end)
        """;

    /// <summary>The accounts of the facility's people, by person number, then trust, media, restitution: the order of the line stream.</summary>
    private static async Task<List<PersonAccount>> PersonAccountsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Facility facility, StatementPeriod period,
        bool withPeriodTotals, CancellationToken ct)
    {
        var totals = withPeriodTotals ? PeriodTotals : "0::bigint, 0::bigint, 0::bigint";
        await using var cmd = new NpgsqlCommand($"""
            SELECT a.id, a.owner_code, a.kind, a.currency, a.balance_cents - s.after_end, s.debits, s.credits, s.lines
            FROM people pe
            JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = pe.person_number
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(p.amount_cents) FILTER (WHERE p.posted_at >= @end), 0)::bigint, {totals}
                FROM postings p WHERE p.account_id = a.id AND p.personal AND p.posted_at >= @{(withPeriodTotals ? "start" : "end")}
            ) s(after_end, debits, credits, lines)
            WHERE pe.facility_code = @facility
            """, conn, tx);
        AddPeriod(cmd, facility, period);
        var accounts = new List<PersonAccount>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                accounts.Add(new PersonAccount(reader.GetInt64(0), reader.GetString(1), AccountKinds.Parse(reader.GetString(2)), reader.GetString(3).TrimEnd(),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
            }
        }
        accounts.Sort((a, b) => string.CompareOrdinal(a.PersonNumber, b.PersonNumber) is var c and not 0 ? c
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Currency, b.Currency));
        return accounts;
    }

    /// <summary>The facility's own accounts keep no stored balance: their opening is the sum of every line before the period.</summary>
    private static async Task<List<TrialBalanceRow>> FacilityAccountsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Facility facility, StatementPeriod period,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT a.kind, a.currency, coalesce(s.before, 0), coalesce(s.debits, 0), coalesce(s.credits, 0), coalesce(s.lines, 0)
            FROM accounts a
            LEFT JOIN (
                -- System accounts' lines are not indexed by account (only people's are): one scan for all of them.
                SELECT p.account_id, coalesce(sum(p.amount_cents) FILTER (WHERE p.posted_at < @start), 0)::bigint, {PeriodTotals}
                FROM postings p
                WHERE NOT p.personal AND p.posted_at < @end
                  AND p.account_id IN (SELECT id FROM accounts WHERE owner_type = 'facility' AND owner_code = @facility)
                GROUP BY p.account_id
            ) s(account_id, before, debits, credits, lines) ON s.account_id = a.id
            WHERE a.owner_type = 'facility' AND a.owner_code = @facility
            """, conn, tx);
        AddPeriod(cmd, facility, period);
        var rows = new List<(AccountKind Kind, TrialBalanceRow Row)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var kind = AccountKinds.Parse(reader.GetString(0));
                var (opening, debits, credits) = (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                rows.Add((kind, new TrialBalanceRow("facility", facility.Code, kind.ToCode(), reader.GetString(1).TrimEnd(),
                    opening, debits, credits, checked(opening - debits + credits), reader.GetInt64(5))));
            }
        }
        return rows.OrderBy(r => r.Kind).ThenBy(r => r.Row.Currency, StringComparer.Ordinal).Select(r => r.Row).ToList();
    }

    private static void AddPeriod(NpgsqlCommand cmd, Facility facility, StatementPeriod period)
    {
        cmd.Parameters.AddWithValue("facility", facility.Code);
        cmd.Parameters.AddWithValue("start", period.Start);
        cmd.Parameters.AddWithValue("end", period.End);
    }
}
