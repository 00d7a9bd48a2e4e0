using System.Globalization;
using System.Text.Json;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Npgsql;

namespace Ledger.Testing;

/// <summary>
/// Lockbox items waiting in review, recorded as lockbox intake records them, over the scans of the repository's sample
/// batch (no OCR run): for the tests of the keying endpoints and page.
/// </summary>
public static class LockboxReviewItems
{
    public static string SampleBatch
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var batch = Path.Combine(dir.FullName, "samples", "lockbox", "2026-11-23-batch-001");
                if (Directory.Exists(batch)) return batch;
            }
            throw new DirectoryNotFoundException("No samples/lockbox/2026-11-23-batch-001 above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// A new lockbox file whose items 1..<paramref name="count"/> (the sample batch's scans) all wait in review: amount
    /// unread, serial read (fresh random serials), resident number read as <paramref name="personRead"/>.
    /// </summary>
    public static async Task<(long FileId, string[] Serials)> WriteAsync(NpgsqlDataSource db, int count, string personRead)
    {
        var tag = Guid.NewGuid().ToString("N");
        var (file, _) = await new IntakeStore(db).RegisterAsync("lockbox", "review-" + tag[..8], tag, SampleBatch, count, null, null);
        var serials = Enumerable.Range(1, count).Select(_ => "9" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture)).ToArray();
        var rows = serials.Select((serial, i) => new IntakeItemRow
        {
            FileId = file.Id, Sequence = i + 1, Reference = serial, Kind = "deposit", Outcome = "in_review", ReasonCode = "unreadable",
            Reason = "Neither the money order's amount nor the sender's address on the slip could be read; operations must key the item.",
            SenderName = "MARY ADAMS",
            Details = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["money_order_image"] = $"images/{i + 1:0000}-order.png", ["deposit_slip_image"] = $"images/{i + 1:0000}-slip.png",
                ["serial"] = new { value = serial, confidence = 96.0, raw = serial },
                ["courtesy_amount"] = new { value = (string?)null, confidence = 41.5, raw = "$1?5.0O" },
                ["resident_number"] = new { value = personRead, confidence = 93.0, raw = personRead },
                ["sender_name"] = new { value = "MARY ADAMS", confidence = 91.0, raw = "MARY ADAMS" },
            }),
        }).ToArray();
        await using var conn = await db.OpenConnectionAsync();
        await IntakeStore.WriteItemsAsync(conn, rows, CancellationToken.None);
        return (file.Id, serials);
    }
}
