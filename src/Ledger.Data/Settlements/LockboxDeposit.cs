using System.Globalization;
using Ledger.Data.Intake;
using Npgsql;

namespace Ledger.Data.Settlements;

/// <summary>A lockbox batch the bank cannot deposit yet: an order in it is still undecided, or one going back has no amount on record.</summary>
public sealed class LockboxDepositUnknownException(string message) : InvalidOperationException(message);

/// <summary>
/// What the bank deposits for a lockbox batch, as the bank statement generator writes it: the money orders of the batch, for
/// the mailroom's declared total less the orders mailed back to their senders (a money order going back is never deposited:
/// <see cref="ReturnItem.PayableCents"/> is zero for it, while an order deposited and partly refunded by check is counted in).
/// The importer matches the deposit against what the batch holds in lockbox clearing, so the declared tape, the amounts
/// operations recorded for unread returns and what intake posted are checked against each other there.
/// </summary>
public sealed class LockboxDeposit(NpgsqlDataSource db, ReturnsDesk returns)
{
    /// <summary>
    /// The deposit for batch <paramref name="batchName"/> (its folder name, the statement's customer reference) declared at
    /// <paramref name="declaredCents"/>. A batch intake never took is deposited whole (nothing of it is known to go back).
    /// Refused while an item is still in review (the mailroom holds it until it is decided) or a returned order has no amount.
    /// </summary>
    public async Task<long> DepositCentsAsync(string batchName, long declaredCents, CancellationToken ct = default)
    {
        long? fileId = null;
        long undecided = 0;
        await using (var cmd = db.CreateCommand("""
            SELECT f.id, (SELECT count(*) FROM intake_items i WHERE i.file_id = f.id AND i.outcome = 'in_review'
                              AND NOT EXISTS (SELECT 1 FROM review_resolutions r WHERE r.file_id = i.file_id AND r.sequence = i.sequence
                                              AND r.status IN ('posted', 'returned', 'reversed', 'dismissed')))
            FROM intake_files f WHERE f.source = 'lockbox' AND f.name = @name AND f.status <> 'quarantined' ORDER BY f.id DESC LIMIT 1
            """))
        {
            cmd.Parameters.AddWithValue("name", batchName);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct)) (fileId, undecided) = (r.GetInt64(0), r.GetInt64(1));
        }
        if (fileId is not { } id) return declaredCents;
        if (undecided > 0)
            throw new LockboxDepositUnknownException(string.Create(CultureInfo.InvariantCulture,
                $"lockbox batch {batchName}: {undecided} item(s) still in review; the batch is deposited once every order in it is kept or going back (ledger review list)."));
        var mailedBack = (await returns.ListAsync(null, id, ct))
            .Where(r => r.Source == "lockbox" && r.Item.Outcome == "returned" && r.PayableCents == 0).ToList();
        if (mailedBack.FirstOrDefault(r => r.AwaitsAmount) is { } unread)
            throw new LockboxDepositUnknownException(string.Create(CultureInfo.InvariantCulture,
                $"lockbox batch {batchName}: item {unread.Item.Sequence} goes back unread with no amount recorded; the deposit is the declared total less it (ledger review returned-amount)."));
        return declaredCents - mailedBack.Sum(r => r.Item.AmountCents);
    }
}
