using Ledger.Data.Intake;
using Ledger.Data.Settlements;
using Ledger.Data.Journal;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.Deposits;
using Ledger.Domain.Facilities;
using Ledger.Domain.Journal;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Npgsql;

namespace Ledger.Api.Features.Deposits;

/// <summary>A card deposit ready for the money decision: the person and facility are known, the fee worked out.</summary>
public sealed record CardDepositToPost(Person Person, Facility Facility, DepositChannel Channel, AccountKind Target, Money Amount, Money Fee,
    string JournalKey, string Description, DateTimeOffset At);

/// <summary>The decision, and the journal's answer when it moved money (null when the deposit was refused).</summary>
public sealed record CardPosting(DepositDecision Decision, PostResult? Result);

/// <summary>
/// The caller's part of a one-round-trip credit (<see cref="CardDepositPosting.PostInOneRoundTripAsync"/>): the condition
/// under which the entry inserts (SQL over its parameters), and the statements after the entry.
/// </summary>
public sealed record CardCreditStatements(string OnlyIf, IReadOnlyList<NpgsqlParameter> OnlyIfParameters, WithEntry After);

/// <summary>The caller's statements for the decided deposit (e.g. its deposit row), sent in the entry's round trip and committed with it.</summary>
public delegate WithEntry CardPostingAlongside(DepositDecision decision);

/// <summary>
/// The one posting path of a card deposit, for the API and for a processor's webhook alike: the restitution still owed
/// is read under the lock on the person (<see cref="RestitutionLock.LockAndReadAsync"/>), <see cref="DepositRules"/>
/// decides (over the limit, or for someone who cannot receive, the charge is refused and nothing moves), and the entry
/// posts before the lock ends. So simultaneous deposits for one person never take more restitution than is owed.
/// The lock, the entry and the caller's rows share one transaction on one connection: the lock ends when the entry
/// commits, and a request never holds one pooled connection while it waits for a second (which, with as many
/// concurrent confirmations as the pool has connections, waited for each other until the pool timed out).
/// </summary>
public sealed class CardDepositPosting(NpgsqlDataSource db, JournalStore journal, AccountDirectory accounts)
{
    public async Task<CardPosting> PostAsync(CardDepositToPost deposit, CardPostingAlongside? alongside = null, CancellationToken ct = default)
    {
        var person = deposit.Person;
        var started = Ledger.Data.Telemetry.LedgerMetrics.Start();
        // Accounts never used before are opened first, on a connection of their own (they must exist whatever becomes of
        // this transaction): the entry's accounts are those of a decision with no restitution share or with the largest
        // the roster allows. Opening one while holding the lock would wait for a second pooled connection.
        foreach (var owed in new[] { Money.Usd(0), person.RestitutionOwed })
            if (Decide(deposit, owed).Entry is { } possible) await accounts.ResolveAsync(possible.Postings.Select(p => p.Account), ct);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Only a trust deposit for someone who owes restitution needs the lock; the rest decide without waiting.
        var needsLock = deposit.Target == AccountKind.Trust && person.RestitutionOwed.IsPositive;
        var stillOwed = needsLock
            ? (await RestitutionLock.LockAndReadAsync(conn, tx, [person.PersonNumber], ct)).GetValueOrDefault(person.PersonNumber)
            : 0;

        var decision = Decide(deposit, Money.Usd(stillOwed));
        if (decision.Entry is null) return new CardPosting(decision, null);

        var result = await journal.PostAsync(conn, tx, decision.Entry, alongside?.Invoke(decision), ct);
        await tx.CommitAsync(ct);
        JournalStore.Committed(started, decision.Entry, result);
        return new CardPosting(decision, result);
    }

    /// <summary>
    /// The same decision and entry as <see cref="PostAsync"/>, written in ONE round trip and one implicit transaction
    /// (<see cref="JournalStore.PostInOneRoundTripAsync"/>): the restitution still owed is the one read with the person
    /// (<paramref name="seen"/>, outside any transaction), and the batch takes the lock on the person first (when the
    /// decision depends on it), then inserts the entry where <see cref="CardCreditStatements.OnlyIf"/> holds, which must
    /// include that the restitution state is still the one decided on (the caller gets it, or null when no lock is needed),
    /// then the caller's rows. Null when the entry did
    /// not insert and was not posted before (the state changed, or the payment moved on): the caller reads again and
    /// decides again. So two deposits for one person never both take the full share: the second waits for the first's
    /// lock, then finds the state changed.
    /// </summary>
    public async Task<CardPosting?> PostInOneRoundTripAsync(CardDepositToPost deposit, PersonForDeposit seen,
        Func<DepositDecision, PersonForDeposit?, CardCreditStatements> statements, CancellationToken ct = default)
    {
        var person = deposit.Person;
        foreach (var owed in new[] { Money.Usd(0), person.RestitutionOwed })
            if (Decide(deposit, owed).Entry is { } possible) await accounts.ResolveAsync(possible.Postings.Select(p => p.Account), ct);

        var needsLock = deposit.Target == AccountKind.Trust && person.RestitutionOwed.IsPositive;
        var decision = Decide(deposit, needsLock ? seen.RestitutionStillOwed : Money.Usd(0));
        if (decision.Entry is null) return new CardPosting(decision, null);

        var s = statements(decision, needsLock ? seen : null);
        NpgsqlBatchCommand[] before = needsLock ? [RestitutionLock.LockCommand([person.PersonNumber])] : [];
        var result = await journal.PostInOneRoundTripAsync(decision.Entry, s.OnlyIf, s.OnlyIfParameters, before, needsLock ? 1 : 0, s.After, ct);
        return result is null ? null : new CardPosting(decision, result);
    }

    private static DepositDecision Decide(CardDepositToPost deposit, Money restitutionStillOwed) => DepositRules.Decide(new DepositRequest
    {
        Channel = deposit.Channel, Amount = deposit.Amount, Fee = deposit.Fee, Target = deposit.Target, Person = deposit.Person,
        Facility = deposit.Facility, RestitutionStillOwed = restitutionStillOwed,
        Key = deposit.JournalKey, Description = deposit.Description, At = deposit.At,
    });
}
