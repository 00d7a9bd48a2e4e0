using System.Globalization;
using System.Text;
using Ledger.Data.Journal;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Journal;
using Npgsql;

namespace Ledger.Data.Settlements;

public sealed record SettlementItemResult(
    int Line, string Type, string Reference, long GrossCents, long FeeCents, long NetCents, string Status, string? MatchedRef, long? LedgerCents, string? Reason);

public sealed record SettlementImportResult(
    long FileId, string Kind, string Name, string Reference, DateOnly BusinessDate, bool AlreadyImported, long? EntryId,
    IReadOnlyList<SettlementItemResult> Items, long? OpeningCents, long? ClosingCents)
{
    public int Matched => Items.Count(i => i.Status == SettlementItemStatus.Matched);
    public int Unmatched => Items.Count(i => i.Status == SettlementItemStatus.Unmatched);
    public long MatchedNetCents => Items.Where(i => i.Status == SettlementItemStatus.Matched).Sum(i => i.NetCents);
    public long UnmatchedNetCents => Items.Where(i => i.Status == SettlementItemStatus.Unmatched).Sum(i => i.NetCents);
}

public static class SettlementItemStatus
{
    public const string Matched = "matched";
    public const string Unmatched = "unmatched";
}

/// <summary>A settlement file that is well formed but cannot be taken (its payout was imported from other bytes).</summary>
public sealed class SettlementRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// Imports a settlement file (checked whole first: <see cref="SettlementFileReader"/>) and matches it item by item:
/// <list type="bullet">
/// <item>card processor: each charge against its card payment's credit entry, each refund or chargeback against the
/// payment's reversal; MoneyGram: each SEND against <c>mg:&lt;reference&gt;</c>, each REVERSAL against the reversal intake
/// posted, each REFUND against the refund we had MoneyGram pay. An item matches when that entry exists, was not settled
/// before, and moved the clearing account by exactly the item's gross.</item>
/// <item>bank statement (BAI2): a credit whose customer reference is an imported card payout or MoneyGram settlement, for
/// its net total; a deposit (115 or 301) whose customer reference is a lockbox batch, for what that batch put in lockbox clearing
/// (whole, or in parts that together come to it).</item>
/// </list>
/// What matched is posted in one entry (<c>settlement:&lt;kind&gt;:&lt;reference&gt;</c>): each clearing account credited with
/// the gross it held, the processor's fees to processor fees, the net to the bank. What did not match posts nothing and
/// is listed with its amount; the file, its items and its entry commit together. The same bytes again import nothing again.
/// </summary>
public sealed class SettlementImporter(NpgsqlDataSource db, JournalStore journal, TimeProvider clock)
{
    /// <summary>Advisory lock (class, 0) held while a bank statement is imported: one at a time, across workers and the CLI.</summary>
    private const int BankStatementLockClass = 0x5E78;

    public async Task<SettlementImportResult> ImportAsync(string path, CancellationToken ct = default)
    {
        var file = SettlementFileReader.Read(path);
        if (file.Kind != SettlementKinds.BankStatement) return await ImportAsync(file, ct);
        // A batch's deposit may come in parts, each summed with the parts earlier statements matched: two statements matched
        // at the same moment could each take a part that together exceed the batch. Bank statements are few; take them in turn.
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(@c, 0)", conn))
        {
            cmd.Parameters.AddWithValue("c", BankStatementLockClass);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        try
        {
            return await ImportAsync(file, ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@c, 0)", conn);
            unlock.Parameters.AddWithValue("c", BankStatementLockClass);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<SettlementImportResult> ImportAsync(SettlementFile file, CancellationToken ct)
    {
        if (await FindAsync("sha256", file.Sha256, ct) is { } same) return same with { AlreadyImported = true };
        await using (var cmd = db.CreateCommand("SELECT name FROM settlement_files WHERE kind = @k AND reference = @r"))
        {
            cmd.Parameters.AddWithValue("k", file.Kind);
            cmd.Parameters.AddWithValue("r", file.Reference);
            if (await cmd.ExecuteScalarAsync(ct) is string other)
                throw new SettlementRefusedException($"{file.Name}: {file.Reference} was imported already from {other}, with other contents; a correction comes as its own settlement.");
        }

        var matches = file.Kind switch
        {
            SettlementKinds.CardProcessor => await MatchEntriesAsync(file, CardEntriesAsync, AccountKind.CardClearing, ct),
            SettlementKinds.MoneyGram => await MatchEntriesAsync(file, MoneyGramEntriesAsync, AccountKind.MoneyGramClearing, ct),
            _ => await MatchBankAsync(file, ct),
        };
        var entry = SettlementEntry(file, matches);
        long fileId = 0;
        async Task Record(NpgsqlConnection conn, NpgsqlTransaction tx, long? entryId, CancellationToken token)
        {
            fileId = await InsertAsync(conn, tx, file, matches, entryId, token);
        }

        try
        {
            if (entry is null)
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                await using var tx = await conn.BeginTransactionAsync(ct);
                await Record(conn, tx, null, ct);
                await tx.CommitAsync(ct);
            }
            else
            {
                var posted = await journal.PostAsync(entry, (conn, tx, results, token) =>
                {
                    if (results[0].Outcome != PostOutcome.Posted)
                        throw new InvalidOperationException($"Settlement entry {entry.IdempotencyKey} was not posted: {results[0].Outcome} {results[0].Detail}");
                    return Record(conn, tx, results[0].EntryId!.Value.Value, token);
                }, ct);
            }
        }
        catch (PostgresException e) when (e.SqlState == "23505")
        {
            // The same file imported at the same moment by another worker: its import stands.
            if (await FindAsync("sha256", file.Sha256, ct) is { } raced) return raced with { AlreadyImported = true };
            throw;
        }
        return (await FindAsync("id", fileId.ToString(CultureInfo.InvariantCulture), ct))!;
    }

    /// <summary>What an item was matched against: the account it settles (null when unmatched) and why not.</summary>
    private sealed record Match(SettlementLine Line, string Status, string? MatchedRef, long? LedgerCents, AccountKey? Clearing, string? Reason);

    private delegate Task<Dictionary<int, (long EntryId, AccountKey? Account, long Cents)?>> EntryFinder(SettlementFile file, AccountKind clearing, CancellationToken ct);

    private async Task<List<Match>> MatchEntriesAsync(SettlementFile file, EntryFinder find, AccountKind clearing, CancellationToken ct)
    {
        var found = await find(file, clearing, ct);
        var settled = await SettledRefsAsync(found.Values.Where(v => v is not null).Select(v => "entry:" + v!.Value.EntryId), ct);
        var refused = file.Kind == SettlementKinds.MoneyGram && found.Values.Any(v => v is null)
            ? await RefusedPostingFilesAsync(ct) : new Dictionary<string, string>(StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Match>(file.Lines.Count);
        foreach (var line in file.Lines)
        {
            if (found[line.LineNumber] is not { } e)
            {
                // Still unmatched (MoneyGram paid it; it must be followed up), but say when intake refused the file it came in.
                result.Add(new Match(line, SettlementItemStatus.Unmatched, null, null, null,
                    line.Detail is { } postingFile && refused.TryGetValue(postingFile, out var why) ? $"no such item in the ledger: {why}" : "no such item in the ledger"));
                continue;
            }
            var reference = "entry:" + e.EntryId.ToString(CultureInfo.InvariantCulture);
            var ledger = -e.Cents;
            string? reason = settled.Contains(reference) ? $"entry {e.EntryId} was settled before"
                : !inFile.Add(reference) ? $"entry {e.EntryId} is settled by an earlier line of this file"
                : ledger != line.GrossCents ? $"the ledger moved {SettlementFileReader.D(ledger)} for entry {e.EntryId}"
                : null;
            result.Add(reason is null
                ? new Match(line, SettlementItemStatus.Matched, reference, ledger, e.Account, null)
                : new Match(line, SettlementItemStatus.Unmatched, null, ledger, null, reason));
        }
        return result;
    }

    /// <summary>
    /// The MoneyGram posting files intake refused whole, by the <c>receive_code#file_date#file_sequence</c> a settlement line
    /// names its posting file with (<see cref="SettlementLine.Detail"/>; the receive code is the settlement header's):
    /// "its posting file NAME was refused by intake (REASON)". Two facility groups (receive codes) can send a file of the same
    /// date and sequence, so the receive code is part of the key. One query for the whole settlement file; the receive code,
    /// date and sequence are read from the header line of each refused file where intake keeps it (a file gone, unreadable or
    /// refused for its header is left out: its lines stay plain).
    /// </summary>
    private async Task<Dictionary<string, string>> RefusedPostingFilesAsync(CancellationToken ct)
    {
        var refused = new List<(string Name, string? Reason, string Path)>();
        await using (var cmd = db.CreateCommand("""
            SELECT name, reason, stored_path FROM intake_files
            WHERE source = 'moneygram' AND status = 'quarantined' AND stored_path IS NOT NULL ORDER BY id
            """))
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) refused.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2)));
        }
        var byPostingFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, reason, path) in refused)
        {
            if (PostingFileHeader(path) is not { } key) continue;
            var said = $"its posting file {name} was refused by intake ({reason?.TrimEnd('.', ' ') ?? "no reason recorded"})";
            byPostingFile[key] = byPostingFile.TryGetValue(key, out var earlier) ? $"{earlier}; {said}" : said;
        }
        return byPostingFile;
    }

    /// <summary>
    /// <c>receive_code#file_date#file_sequence</c> from a MoneyGram posting file's header (<c>H,file_date,receive_code,file_sequence,biller</c>),
    /// in the form the settlement reader keeps them; null when the file or its header cannot be read.
    /// </summary>
    internal static string? PostingFileHeader(string path)
    {
        string? first;
        try
        {
            if (!File.Exists(path)) return null;
            using var reader = new StreamReader(path, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
            var buffer = new char[4096]; // a header line is short; a refused file may be anything
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            first = new string(buffer, 0, read).TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var f = first.Split(',');
        if (f.Length < 4 || f[0] != "H") return null;
        if (!DateOnly.TryParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        if (f[2].Length == 0 || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)) return null;
        return PostingFileKey(f[2], date, sequence);
    }

    internal static string PostingFileKey(string receiveCode, DateOnly fileDate, int fileSequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{receiveCode}#{fileDate:yyyy-MM-dd}#{fileSequence}");

    /// <summary>Card: a charge is settled against <c>card-payment:&lt;id&gt;</c>, a refund or chargeback against <c>card-reversal:&lt;id&gt;</c>.</summary>
    private async Task<Dictionary<int, (long, AccountKey?, long)?>> CardEntriesAsync(SettlementFile file, AccountKind clearing, CancellationToken ct)
    {
        var processor = file.Counterparty;
        var keyOf = file.Lines.ToDictionary(l => l.LineNumber, l => l.Type == "charge" ? EntryKeys.CardPayment(l.Reference) : EntryKeys.CardReversal(l.Reference));
        // A refund line must be a refund, a chargeback line a chargeback: both reverse the same way, so the payment's status tells.
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT payment_id, status FROM card_payments WHERE processor = @p AND payment_id = ANY(@ids)"))
        {
            cmd.Parameters.AddWithValue("p", processor);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", file.Lines.Select(l => l.Reference).Distinct().ToArray()));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) statuses[r.GetString(0)] = r.GetString(1);
        }
        var byKey = await ClearingByKeyAsync(keyOf.Values.Distinct().ToArray(), clearing, ct);
        return file.Lines.ToDictionary(l => l.LineNumber, l =>
        {
            var typeAgrees = l.Type switch
            {
                "refund" => statuses.GetValueOrDefault(l.Reference) == CardPaymentStatus.Refunded,
                "chargeback" => statuses.GetValueOrDefault(l.Reference) == CardPaymentStatus.ChargedBack,
                _ => statuses.ContainsKey(l.Reference),
            };
            return typeAgrees && byKey.TryGetValue(keyOf[l.LineNumber], out var e) ? e : ((long, AccountKey?, long)?)null;
        });
    }

    /// <summary>MoneyGram: a SEND is <c>mg:&lt;reference&gt;</c>; a REVERSAL the entry intake posted for it; a REFUND the refund entry of its send.</summary>
    private async Task<Dictionary<int, (long, AccountKey?, long)?>> MoneyGramEntriesAsync(SettlementFile file, AccountKind clearing, CancellationToken ct)
    {
        var sends = await ClearingByKeyAsync(file.Lines.Where(l => l.Type == "SEND").Select(l => "mg:" + l.Reference).Distinct().ToArray(), clearing, ct);
        var others = new Dictionary<(string Type, string Reference), long>();
        await using (var cmd = db.CreateCommand("""
            SELECT 'REVERSAL', i.reference, i.entry_id FROM intake_items i JOIN intake_files f ON f.id = i.file_id AND f.source = 'moneygram'
            WHERE i.kind = 'reversal' AND i.entry_id IS NOT NULL AND i.reference = ANY(@refs)
            UNION ALL
            SELECT 'REFUND', i.reference, d.entry_id FROM return_dispositions d
            JOIN intake_items i ON i.file_id = d.file_id AND i.sequence = d.sequence
            JOIN intake_files f ON f.id = i.file_id AND f.source = 'moneygram'
            WHERE d.status = 'refunded' AND d.entry_id IS NOT NULL AND i.reference = ANY(@refs)
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("refs", file.Lines.Where(l => l.Type != "SEND").Select(l => l.Reference).Distinct().ToArray()));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) others[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        }
        var byId = await ClearingByIdAsync(others.Values.Distinct().ToArray(), clearing, ct);
        return file.Lines.ToDictionary(l => l.LineNumber, l =>
            l.Type == "SEND" ? sends.TryGetValue("mg:" + l.Reference, out var s) ? s : ((long, AccountKey?, long)?)null
            : others.TryGetValue((l.Type, l.Reference), out var id) && byId.TryGetValue(id, out var o) ? o : null);
    }

    private async Task<Dictionary<string, (long, AccountKey?, long)>> ClearingByKeyAsync(string[] keys, AccountKind clearing, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT idempotency_key, id FROM journal_entries WHERE idempotency_key = ANY(@keys)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) ids[r.GetString(0)] = r.GetInt64(1);
        }
        var byId = await ClearingByIdAsync(ids.Values.ToArray(), clearing, ct);
        return ids.Where(kv => byId.ContainsKey(kv.Value)).ToDictionary(kv => kv.Key, kv => byId[kv.Value], StringComparer.Ordinal);
    }

    /// <summary>Each entry's lines on a clearing account of the kind (an entry that does not touch one is not found).</summary>
    private async Task<Dictionary<long, (long, AccountKey?, long)>> ClearingByIdAsync(long[] ids, AccountKind clearing, CancellationToken ct)
    {
        var result = new Dictionary<long, (long, AccountKey?, long)>();
        await using var cmd = db.CreateCommand("""
            SELECT p.entry_id, a.owner_type, a.owner_code, sum(p.amount_cents)::bigint
            FROM postings p JOIN accounts a ON a.id = p.account_id
            WHERE p.entry_id = ANY(@ids) AND a.kind = @kind AND a.currency = 'USD'
            GROUP BY 1, 2, 3
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("ids", ids));
        cmd.Parameters.AddWithValue("kind", clearing.ToCode());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var owner = new AccountOwner(AccountOwner.ParseType(r.GetString(1)), r.GetString(2));
            result[r.GetInt64(0)] = (r.GetInt64(0), new AccountKey(owner, clearing, Currency.USD), r.GetInt64(3));
        }
        return result;
    }

    private async Task<HashSet<string>> SettledRefsAsync(IEnumerable<string> refs, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT matched_ref FROM settlement_items WHERE status = 'matched' AND matched_ref = ANY(@refs)");
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("refs", refs.ToArray()));
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) set.Add(r.GetString(0));
        return set;
    }

    /// <summary>
    /// BAI2 detail types a lockbox batch's deposit arrives as: 115, a lockbox deposit (what a lockbox bank reports), or 301,
    /// a commercial deposit (the mailroom's deposit at the counter). Only 301 was matched before round 16, so a real lockbox
    /// bank's statement never matched its batches.
    /// </summary>
    private static readonly HashSet<string> LockboxDepositTypes = new(StringComparer.Ordinal) { "115", "301" };

    /// <summary>
    /// The bank statement: a credit whose customer reference names an imported card payout or MoneyGram settlement, for
    /// exactly its net total (already in the ledger's bank: nothing to post); a deposit (type 115 or 301) whose customer reference
    /// names a lockbox batch, for what it holds in lockbox clearing, whole or in parts (<see cref="MatchLockboxDeposit"/>;
    /// each posted now for its own amount: lockbox clearing → bank); a check
    /// paid (475) whose customer reference is the number of a check the ledger issued (a disbursement, not voided), for its
    /// amount (already in the ledger's bank: posts nothing); anything else is listed unmatched.
    /// </summary>
    private async Task<List<Match>> MatchBankAsync(SettlementFile file, CancellationToken ct)
    {
        var settlements = new Dictionary<string, (long Id, long Net)>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT reference, id, declared_net_cents FROM settlement_files WHERE kind IN ('card_processor','moneygram')"))
        {
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) settlements[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
        }
        // What each lockbox batch holds in lockbox clearing: its items' and its keyed items' entries.
        var batches = new Dictionary<string, (long Id, long Cents)>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("""
            WITH entries AS (
                SELECT i.file_id, i.entry_id FROM intake_items i WHERE i.entry_id IS NOT NULL
                UNION SELECT r.file_id, r.entry_id FROM review_resolutions r WHERE r.entry_id IS NOT NULL AND r.status = 'posted'
            )
            SELECT f.name, f.id, coalesce(-sum(p.amount_cents) FILTER (WHERE a.kind = 'lockbox_clearing'), 0)::bigint
            FROM intake_files f
            LEFT JOIN entries e ON e.file_id = f.id
            LEFT JOIN postings p ON p.entry_id = e.entry_id
            LEFT JOIN accounts a ON a.id = p.account_id
            WHERE f.source = 'lockbox' AND f.name = ANY(@names)
            GROUP BY f.name, f.id
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("names", file.Lines.Where(l => LockboxDepositTypes.Contains(l.Type)).Select(l => l.Reference).ToArray()));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) batches[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
        }
        // Parts of a batch's deposit matched before (lockbox-part:<batch>:<n>), while no part has completed it (lockbox:<batch>).
        var deposited = new Dictionary<long, (long Cents, int Parts)>();
        await using (var cmd = db.CreateCommand("""
            SELECT split_part(matched_ref, ':', 2)::bigint, sum(gross_cents)::bigint, count(*)::int FROM settlement_items
            WHERE status = 'matched' AND matched_ref LIKE 'lockbox-part:%' AND split_part(matched_ref, ':', 2) = ANY(@ids) GROUP BY 1
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", batches.Values.Select(b => b.Id.ToString(CultureInfo.InvariantCulture)).ToArray()));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) deposited[r.GetInt64(0)] = (r.GetInt64(1), r.GetInt32(2));
        }
        // Checks the ledger wrote (disbursements), by number: the bank pays an issued one for its amount; never a voided one.
        var checks = new Dictionary<string, (long Cents, string Status)>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT check_number::text, amount_cents, status FROM disbursements WHERE check_number::text = ANY(@numbers)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("numbers", file.Lines.Where(l => l.Type == "475").Select(l => l.Reference).ToArray()));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) checks[r.GetString(0)] = (r.GetInt64(1), r.GetString(2));
        }
        var candidates = settlements.Values.Select(s => "settlement:" + s.Id).Concat(batches.Values.Select(b => "lockbox:" + b.Id))
            .Concat(checks.Keys.Select(n => "check:" + n));
        var settled = await SettledRefsAsync(candidates, ct);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Match>();
        foreach (var line in file.Lines)
        {
            if (line.GrossCents > 0 && LockboxDepositTypes.Contains(line.Type) && batches.TryGetValue(line.Reference, out var b))
            {
                result.Add(MatchLockboxDeposit(line, b.Id, b.Cents, settled, inFile, deposited));
                continue;
            }
            (string Ref, long Cents, AccountKey? Account)? target = null;
            string? reason = null;
            if (line.GrossCents > 0 && settlements.TryGetValue(line.Reference, out var s))
                target = ("settlement:" + s.Id, s.Net, null);
            else if (line.Type == "475" && checks.TryGetValue(line.Reference, out var c) && c.Status == DisbursementStatus.Issued)
                target = ("check:" + line.Reference, -c.Cents, null);
            else if (line.Type == "475" && checks.TryGetValue(line.Reference, out var v))
                reason = $"check {line.Reference} is {v.Status}: the bank should not have paid it";
            if (target is null && reason is null)
                reason = line.GrossCents > 0 ? "no settlement or lockbox batch with this reference"
                    : line.Type == "475" ? $"no check {line.Reference} issued by the ledger" : "no ledger item with this reference";
            if (target is { } t)
                reason = settled.Contains(t.Ref) ? $"{t.Ref} was matched by an earlier statement"
                    : !inFile.Add(t.Ref) ? $"{t.Ref} is matched by an earlier line of this statement"
                    : t.Cents != line.GrossCents ? $"the ledger holds {SettlementFileReader.D(t.Cents)} for {t.Ref}"
                    : null;
            result.Add(reason is null
                ? new Match(line, SettlementItemStatus.Matched, target!.Value.Ref, target.Value.Cents, target.Value.Account, null)
                : new Match(line, SettlementItemStatus.Unmatched, null, target?.Cents, null, reason));
        }
        return result;
    }

    /// <summary>
    /// A statement deposit for lockbox batch <paramref name="batchId"/>, which holds <paramref name="holdsCents"/> in lockbox
    /// clearing. A bank may deposit one batch in parts (two deposit tickets, a late-cleared part), on one statement or on later
    /// days: each part is matched and posted for its own amount while the parts so far stay within what the batch holds
    /// (<c>lockbox-part:&lt;batch&gt;:&lt;n&gt;</c>, "partial deposit of batch X (so far of total)"); the part that makes them
    /// equal to it, or a single deposit of all of it, is <c>lockbox:&lt;batch&gt;</c>, which settles the batch's entries
    /// (<see cref="SettlementStatus"/>). A line that would take the parts over what the batch holds is unmatched, as is a
    /// deposit for a batch already settled. The refs are unique among matched items, so a part is never matched twice.
    /// </summary>
    private static Match MatchLockboxDeposit(SettlementLine line, long batchId, long holdsCents, HashSet<string> settled, HashSet<string> inFile,
        Dictionary<long, (long Cents, int Parts)> deposited)
    {
        var whole = "lockbox:" + batchId.ToString(CultureInfo.InvariantCulture);
        var clearing = AccountKey.OfCompany(AccountKind.LockboxClearing, Currency.USD);
        var (before, parts) = deposited.GetValueOrDefault(batchId);
        var after = before + line.GrossCents;
        string? refused = settled.Contains(whole) ? $"{whole} was matched by an earlier statement"
            : inFile.Contains(whole) ? $"{whole} is matched by an earlier line of this statement"
            : after > holdsCents ? before == 0 ? $"the ledger holds {SettlementFileReader.D(holdsCents)} for {whole}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"the ledger holds {SettlementFileReader.D(holdsCents)} for {whole}, {SettlementFileReader.D(before)} of it deposited in {parts} part(s) before: this line would take it to {SettlementFileReader.D(after)}")
            : null;
        if (refused is not null) return new Match(line, SettlementItemStatus.Unmatched, null, holdsCents, null, refused);
        if (after == holdsCents)
        {
            inFile.Add(whole);
            return new Match(line, SettlementItemStatus.Matched, whole, holdsCents, clearing, parts == 0 ? null
                : string.Create(CultureInfo.InvariantCulture, $"last part of the deposit of batch {line.Reference} ({SettlementFileReader.D(after)} of {SettlementFileReader.D(holdsCents)}, {parts + 1} parts): the batch is settled"));
        }
        deposited[batchId] = (after, parts + 1);
        return new Match(line, SettlementItemStatus.Matched, string.Create(CultureInfo.InvariantCulture, $"lockbox-part:{batchId}:{parts + 1}"), holdsCents, clearing,
            $"partial deposit of batch {line.Reference} ({SettlementFileReader.D(after)} of {SettlementFileReader.D(holdsCents)})");
    }

    /// <summary>
    /// The matched items as one entry: each clearing account credited with its items' gross, the processor's fees debited to
    /// processor fees (per facility of the card clearing they came from), the net debited to the bank. Bank-statement lines
    /// that settle a payout already posted carry no clearing account and post nothing.
    /// </summary>
    private JournalEntry? SettlementEntry(SettlementFile file, IReadOnlyList<Match> matches)
    {
        var posting = matches.Where(m => m.Status == SettlementItemStatus.Matched && m.Clearing is not null).ToList();
        return LedgerEntries.Settlement(file.Kind, file.Reference,
            posting.GroupBy(m => m.Clearing!.Value).Select(g => (g.Key, Money.Usd(g.Sum(m => m.Line.GrossCents)), Money.Usd(g.Sum(m => m.Line.FeeCents)))).ToList(),
            Money.Usd(posting.Sum(m => m.Line.NetCents)),
            $"{file.Counterparty} settlement {file.Reference} of {file.BusinessDate:yyyy-MM-dd} ({file.Name}): {posting.Count} of {matches.Count} items matched",
            clock.GetUtcNow());
    }

    private static async Task<long> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SettlementFile file, IReadOnlyList<Match> matches, long? entryId, CancellationToken ct)
    {
        long id;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO settlement_files (kind, name, sha256, reference, business_date, value_date, declared_count, declared_net_cents, opening_cents, closing_cents, entry_id)
            VALUES (@kind, @name, @sha, @ref, @date, @value, @count, @net, @open, @close, @entry) RETURNING id
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("kind", file.Kind);
            cmd.Parameters.AddWithValue("name", file.Name);
            cmd.Parameters.AddWithValue("sha", file.Sha256);
            cmd.Parameters.AddWithValue("ref", file.Reference);
            cmd.Parameters.AddWithValue("date", file.BusinessDate);
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("value", file.ValueDate) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
            cmd.Parameters.AddWithValue("count", file.Lines.Count);
            cmd.Parameters.AddWithValue("net", file.DeclaredNetCents);
            cmd.Parameters.Add(new NpgsqlParameter<long?>("open", file.OpeningCents) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new NpgsqlParameter<long?>("close", file.ClosingCents) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new NpgsqlParameter<long?>("entry", entryId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO settlement_items (file_id, line_number, item_type, reference, gross_cents, fee_cents, net_cents, status, matched_ref, ledger_cents, reason)
            SELECT @file, * FROM unnest(@line, @type, @ref, @gross, @fee, @net, @status, @matched, @ledger, @reason)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("file", id);
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("line", matches.Select(m => m.Line.LineNumber).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("type", matches.Select(m => m.Line.Type).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("ref", matches.Select(m => m.Line.Reference).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("gross", matches.Select(m => m.Line.GrossCents).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("fee", matches.Select(m => m.Line.FeeCents).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("net", matches.Select(m => m.Line.NetCents).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("status", matches.Select(m => m.Status).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("matched", matches.Select(m => m.MatchedRef).ToArray()) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter<long?[]>("ledger", matches.Select(m => m.LedgerCents).ToArray()) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("reason", matches.Select(m => m.Reason).ToArray()) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return id;
    }

    /// <summary>An imported file with its items, by id or SHA-256.</summary>
    public async Task<SettlementImportResult?> FindAsync(string by, string value, CancellationToken ct = default)
    {
        var where = by == "id" ? "f.id = @v::bigint" : "f.sha256 = @v";
        await using var cmd = db.CreateCommand($"""
            SELECT f.id, f.kind, f.name, f.reference, f.business_date, f.entry_id, f.opening_cents, f.closing_cents,
                   i.line_number, i.item_type, i.reference, i.gross_cents, i.fee_cents, i.net_cents, i.status, i.matched_ref, i.ledger_cents, i.reason
            FROM settlement_files f LEFT JOIN settlement_items i ON i.file_id = f.id
            WHERE {where} ORDER BY i.line_number
            """);
        cmd.Parameters.AddWithValue("v", value);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>Every file imported with a business date in the range, with its items.</summary>
    public async Task<IReadOnlyList<SettlementImportResult>> ListAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT f.id, f.kind, f.name, f.reference, f.business_date, f.entry_id, f.opening_cents, f.closing_cents,
                   i.line_number, i.item_type, i.reference, i.gross_cents, i.fee_cents, i.net_cents, i.status, i.matched_ref, i.ledger_cents, i.reason
            FROM settlement_files f LEFT JOIN settlement_items i ON i.file_id = f.id
            WHERE (@from::date IS NULL OR f.business_date >= @from) AND (@to::date IS NULL OR f.business_date <= @to)
            ORDER BY f.id, i.line_number
            """);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("from", from) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("to", to) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        return await ReadAsync(cmd, ct);
    }

    private static async Task<List<SettlementImportResult>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var files = new List<SettlementImportResult>();
        var items = new Dictionary<long, List<SettlementItemResult>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            if (!items.TryGetValue(id, out var list))
            {
                items[id] = list = [];
                files.Add(new SettlementImportResult(id, r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), false,
                    r.IsDBNull(5) ? null : r.GetInt64(5), list, r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetInt64(7)));
            }
            if (r.IsDBNull(8)) continue;
            list.Add(new SettlementItemResult(r.GetInt32(8), r.GetString(9), r.GetString(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13), r.GetString(14),
                r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetInt64(16), r.IsDBNull(17) ? null : r.GetString(17)));
        }
        return files;
    }
}
