using System.Text.Json;
using Ledger.Data.ReferenceData;
using Ledger.Data.Settlements;
using Ledger.Worker.Intake;
using Npgsql;

namespace Ledger.Worker.Settlements;

/// <summary>
/// The settlements drop folder: <c>inbox/settlements/</c> takes card processor reports, MoneyGram settlements and bank
/// statements (any name); each is imported (<see cref="SettlementImporter"/>) and moved to <c>archive/settlements/</c> with
/// <c>&lt;file&gt;.summary.json</c>, or to <c>quarantine/settlements/</c> with <c>&lt;file&gt;.reason.txt</c> when refused.
/// Files are small and an import is one transaction, so the scan imports them itself, under an advisory lock so that one
/// worker does it; a worker killed between the import and the move imports nothing twice (same bytes) and moves it next time.
/// Bank statements wait until the card and MoneyGram settlements dropped with them are in, since they match those payouts.
/// </summary>
public sealed class SettlementInbox(IntakeFolders folders, SettlementImporter importer, NpgsqlDataSource db, ILogger<SettlementInbox> log)
{
    public const string Source = "settlements";
    private const int LockClass = 0x5E77;
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public async Task ScanAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@c, 0)", conn))
        {
            cmd.Parameters.AddWithValue("c", LockClass);
            if (await cmd.ExecuteScalarAsync(ct) is not true) return;
        }
        try
        {
            var ready = Directory.EnumerateFiles(folders.Inbox(Source)).Where(p => DateTime.UtcNow - File.GetLastWriteTimeUtc(p) >= SettleTime)
                .OrderBy(IsBankStatement).ThenBy(p => p, StringComparer.Ordinal).ToList();
            foreach (var path in ready) await ImportAsync(path, ct);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@c, 0)", conn);
            unlock.Parameters.AddWithValue("c", LockClass);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private static bool IsBankStatement(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine()?.StartsWith("01,", StringComparison.Ordinal) == true;
    }

    private async Task ImportAsync(string path, CancellationToken ct)
    {
        var name = Path.GetFileName(path);
        try
        {
            var result = await importer.ImportAsync(path, ct);
            var archived = IntakeFolders.MoveInto(path, folders.Archive(Source));
            await File.WriteAllTextAsync(archived + ".summary.json", JsonSerializer.Serialize(new
            {
                result.FileId, result.Kind, result.Reference, result.AlreadyImported, result.EntryId, result.Matched, result.Unmatched,
                result.MatchedNetCents, result.UnmatchedNetCents, unmatched_items = result.Items.Where(i => i.Status == SettlementItemStatus.Unmatched),
                // Matched with a note: parts of a lockbox batch's deposit ("partial deposit of batch X (… of …)").
                noted_items = result.Items.Where(i => i.Status == SettlementItemStatus.Matched && i.Reason is not null),
            }, Json), ct);
            log.LogInformation("Settlement {Name} ({Kind} {Reference}): {Matched} matched, {Unmatched} unmatched", name, result.Kind, result.Reference,
                result.Matched, result.Unmatched);
        }
        catch (Exception e) when (e is CsvInputException or SettlementRefusedException)
        {
            var quarantined = IntakeFolders.MoveInto(path, folders.Quarantine(Source));
            await File.WriteAllTextAsync(quarantined + ".reason.txt", e.Message + Environment.NewLine, ct);
            log.LogWarning("Settlement {Name} refused: {Reason}", name, e.Message);
        }
    }
}
