using Ledger.Data.Intake;
using Npgsql;

namespace Ledger.Api.Tests;

/// <summary>
/// Round 14: reconciliation's card clearing reads <c>api.card_deposits</c> by <c>created_at</c> alone; a BRIN index on that
/// column serves it (no entry per deposit). This pins that the query, as <see cref="Reconciliation"/> builds it, uses it.
/// </summary>
public class Round14ReconciliationIndexTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Reconciliation_reads_a_days_card_deposits_by_their_time_index()
    {
        await using var conn = await api.Db.OpenConnectionAsync();
        // Sixty days of deposits, inserted in time order as the API inserts them, then the day before yesterday reconciled.
        await using (var fill = new NpgsqlCommand("""
            INSERT INTO api.card_deposits (family_subject, idempotency_key, request_hash, journal_key, person_number, facility_code, channel,
                target_account, amount_cents, fee_cents, to_account_cents, restitution_cents, authorization_reference, created_at)
            SELECT 'fam-r14-recon', 'r14-recon-' || g, 'hash', 'card-payment:pay_r14_recon_' || g, '12345-001', 'FCI-ALI', 'online', 'trust',
                2500, 0, 2500, 0, 'pay_r14_recon_' || g, now() - interval '60 days' + g * interval '1 minute' * 60 * 24 * 60 / 30000
            FROM generate_series(1, 30000) g;
            ANALYZE api.card_deposits;
            """, conn)) await fill.ExecuteNonQueryAsync();
        try
        {
            await using var clearing = await Reconciliation.ClearingCommandAsync(conn, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)));
            clearing.CommandText = "EXPLAIN " + clearing.CommandText;
            var plan = new List<string>();
            await using (var r = await clearing.ExecuteReaderAsync())
                while (await r.ReadAsync()) plan.Add(r.GetString(0));
            Assert.Contains(plan, line => line.Contains("IX_card_deposits_created_at", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on card_deposits", StringComparison.Ordinal));
        }
        finally
        {
            await using var clean = new NpgsqlCommand("DELETE FROM api.card_deposits WHERE family_subject = 'fam-r14-recon'", conn);
            await clean.ExecuteNonQueryAsync();
        }
    }
}
