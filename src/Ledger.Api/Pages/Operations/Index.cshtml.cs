using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Ledger.Api.Pages.Operations;

/// <summary>The landing page after sign-in: what came in on a day and how much work is waiting.</summary>
public sealed class IndexModel(NpgsqlDataSource db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<ReceivedFile> Files { get; private set; } = [];
    public long ToKey { get; private set; }
    public long AwaitingApproval { get; private set; }

    public sealed record ReceivedFile(long Id, string Source, string Name, string Status, DateTimeOffset ReceivedAt,
        long Items, long Posted, long Returned, long InReview, long Duplicates);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Day = Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT f.id, f.source, f.name, f.status, f.received_at, count(i.sequence),
                   count(*) FILTER (WHERE i.outcome IN ('posted','partially_posted')), count(*) FILTER (WHERE i.outcome = 'returned'),
                   count(*) FILTER (WHERE i.outcome = 'in_review'), count(*) FILTER (WHERE i.outcome = 'duplicate')
            FROM intake_files f LEFT JOIN intake_items i ON i.file_id = f.id
            WHERE (f.received_at AT TIME ZONE 'UTC')::date = $1
            GROUP BY f.id ORDER BY f.received_at, f.id
            """) { Parameters = { new() { Value = Day } } });
        // The queue spans days: an item stays until someone keys or returns it.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT count(*) FILTER (WHERE r.id IS NULL), count(*) FILTER (WHERE r.status = 'awaiting_approval')
            FROM intake_items i
            LEFT JOIN review_resolutions r ON r.file_id = i.file_id AND r.sequence = i.sequence AND r.status <> 'rejected'
            WHERE i.outcome = 'in_review'
            """));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var files = new List<ReceivedFile>();
        while (await reader.ReadAsync(ct))
            files.Add(new ReceivedFile(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9)));
        Files = files;
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        ToKey = reader.GetInt64(0);
        AwaitingApproval = reader.GetInt64(1);
    }
}
