using Ledger.Domain;
using Ledger.Domain.Deposits;
using Npgsql;

namespace Ledger.Data.Intake;

/// <summary>
/// The lock every path takes before it works out a restitution share: a row lock on each person (FOR NO KEY UPDATE
/// on <c>people</c>, in person-number order so two holders never deadlock), then "still owed" read under it
/// (<see cref="Restitution.StillOwed"/>: the roster's obligation less what was collected, i.e. what the restitution
/// account holds plus what issued court remittances paid from it). The holder posts its entries and only then disposes
/// the lock, so the next deposit for the person reads a balance that includes this one: no interleaving of card
/// deposits, intake runs or keying takes more than is owed.
/// <para>
/// The lock lives in a companion transaction that spans the posting one, because JournalStore opens its own; it ends
/// (commit, or the connection dying with its process) only after the posting transaction has committed or failed.
/// </para>
/// </summary>
public sealed class RestitutionLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Dictionary<string, long> _stillOwed;
    private readonly Dictionary<string, long> _obligationLessCollected;

    private RestitutionLock(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, long> stillOwed,
        Dictionary<string, long> obligationLessCollected)
    {
        _connection = connection;
        _transaction = transaction;
        _stillOwed = stillOwed;
        _obligationLessCollected = obligationLessCollected;
    }

    /// <summary>What each locked person still owes, in cents, read after the lock was taken.</summary>
    public IReadOnlyDictionary<string, long> StillOwedCents => _stillOwed;

    /// <summary>
    /// The same before it is floored at zero (negative when more was collected than the obligation now says): what a
    /// reversal gives back is added to this, so what is still owed afterwards is what a fresh read would find.
    /// </summary>
    public IReadOnlyDictionary<string, long> ObligationLessCollectedCents => _obligationLessCollected;

    /// <summary>Locks the people (those not on the roster are skipped: nobody can credit them) and reads what they still owe.</summary>
    public static async Task<RestitutionLock> TakeAsync(NpgsqlDataSource db, IEnumerable<string> personNumbers, CancellationToken ct = default)
    {
        var numbers = personNumbers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            var (owed, unfloored) = await LockAndReadBothAsync(connection, transaction, numbers, ct);
            return new RestitutionLock(connection, transaction, owed, unfloored);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What issued court remittances paid out of a person's restitution account (a voided one paid nothing): part of what was
    /// collected toward their obligation. One statement with the account's balance, so both are read at the same instant.
    /// </summary>
    public static string RemittedCentsSql(string personNumberColumn) => $"""
        coalesce((SELECT sum(l.amount_cents) FROM court_remittance_lines l JOIN disbursements d ON d.id = l.disbursement_id
                  WHERE l.person_number = {personNumberColumn} AND d.status = 'issued'), 0)::bigint
        """;

    /// <summary>
    /// Inside the caller's transaction: locks the people (ordered) and reads what they still owe. The lock then lasts
    /// until that transaction ends, so a caller that posts in the same transaction needs no companion connection.
    /// </summary>
    public static async Task<Dictionary<string, long>> LockAndReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IEnumerable<string> personNumbers, CancellationToken ct = default) =>
        (await LockAndReadBothAsync(connection, transaction, personNumbers, ct)).StillOwed;

    /// <summary>
    /// The lock alone, as a statement for the caller's batch (it returns the locked numbers, one result set): statements
    /// after it in the same READ COMMITTED transaction see every posting of whoever held the lock before.
    /// </summary>
    public static NpgsqlBatchCommand LockCommand(IEnumerable<string> personNumbers) => new("""
        SELECT person_number FROM people WHERE person_number = ANY($1) ORDER BY person_number COLLATE "C" FOR NO KEY UPDATE
        """) { Parameters = { new NpgsqlParameter { Value = personNumbers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray() } } };

    private static async Task<(Dictionary<string, long> StillOwed, Dictionary<string, long> Unfloored)> LockAndReadBothAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> personNumbers, CancellationToken ct)
    {
        var numbers = personNumbers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var owed = new Dictionary<string, long>(StringComparer.Ordinal);
        var unfloored = new Dictionary<string, long>(StringComparer.Ordinal);
        if (numbers.Length == 0) return (owed, unfloored);
        // Locks first (ordered), then the read, in one round trip: READ COMMITTED takes a fresh snapshot per statement, and
        // the second starts only once the first holds every lock, so it sees every posting committed by whoever held a lock before us.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                LockCommand(numbers),
                new NpgsqlBatchCommand($"""
                    SELECT p.person_number, p.restitution_owed_cents, coalesce(a.balance_cents, 0), {RemittedCentsSql("p.person_number")}
                    FROM people p
                    LEFT JOIN accounts a ON a.owner_type = 'person' AND a.owner_code = p.person_number AND a.kind = 'restitution' AND a.currency = 'USD'
                    WHERE p.person_number = ANY($1)
                    """) { Parameters = { new NpgsqlParameter { Value = numbers } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (obligation, held, remitted) = (Money.Usd(reader.GetInt64(1)), Money.Usd(reader.GetInt64(2)), Money.Usd(reader.GetInt64(3)));
            owed[reader.GetString(0)] = Restitution.StillOwed(obligation, held, remitted).MinorUnits;
            unfloored[reader.GetString(0)] = (obligation - Restitution.Collected(held, remitted)).MinorUnits;
        }
        return (owed, unfloored);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.CommitAsync();
        }
        finally
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
