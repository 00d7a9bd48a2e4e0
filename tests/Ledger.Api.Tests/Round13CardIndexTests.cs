using Npgsql;

namespace Ledger.Api.Tests;

/// <summary>
/// Round 13's index changes on the card deposit path: the processor id's uniqueness indexes only rows that carry one
/// (no entry for the NULL of a payment still <c>starting</c>), and the deposit rows lose their index by person, which no
/// query read. These pin that the law is kept (two payments never share one processor id, however many have none yet) and
/// that the look-ups by processor id still go by that index, in the generic plans of prepared statements too.
/// </summary>
public class Round13CardIndexTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private Task<long> StartingRowAsync(string key) => api.ScalarAsync<long>($"""
        INSERT INTO card_payments (processor, family_subject, idempotency_key, request_hash, person_number, facility_code,
            channel, target_account, amount_cents, fee_cents, status, created_at, updated_at)
        VALUES ('dev', 'fam-r13', '{key}', 'hash', '12345-001', 'FCI-ALI', 'online', 'trust', 2500, 0, 'starting', now(), now()) RETURNING id
        """);

    [Fact]
    public async Task Many_payments_may_have_no_processor_id_yet_but_two_never_share_one()
    {
        var a = await StartingRowAsync("r13-a");
        var b = await StartingRowAsync("r13-b");
        Assert.Equal(2L, await api.ScalarAsync<long>("SELECT count(*) FROM card_payments WHERE family_subject = 'fam-r13' AND payment_id IS NULL"));

        Assert.Equal(1L, await api.ScalarAsync<long>($"WITH u AS (UPDATE card_payments SET payment_id = 'pay_r13_same' WHERE id = {a} RETURNING 1) SELECT count(*) FROM u"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            api.ScalarAsync<long>($"WITH u AS (UPDATE card_payments SET payment_id = 'pay_r13_same' WHERE id = {b} RETURNING 1) SELECT count(*) FROM u"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal("uq_card_payments_payment", refused.ConstraintName);
        // Another processor may use the same id.
        await api.ScalarAsync<long>($"WITH u AS (UPDATE card_payments SET processor = 'other', payment_id = 'pay_r13_same' WHERE id = {b} RETURNING 1) SELECT count(*) FROM u");
    }

    [Fact]
    public async Task The_processor_id_index_is_unique_and_holds_only_rows_with_an_id()
    {
        var definition = await api.ScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'uq_card_payments_payment'");
        Assert.Contains("CREATE UNIQUE INDEX", definition);
        Assert.Contains("(processor, payment_id) WHERE (payment_id IS NOT NULL)", definition);
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE schemaname = 'api' AND tablename = 'card_deposits' AND indexdef LIKE '%(person_number)%'"));
    }

    [Theory]
    [InlineData("force_custom_plan")]
    [InlineData("force_generic_plan")]
    public async Task A_look_up_by_processor_id_goes_by_its_index(string planMode)
    {
        await using var conn = await api.Db.OpenConnectionAsync();
        // Enough rows that a scan of the table would cost more than the index, as in production.
        await using (var fill = new NpgsqlCommand("""
            INSERT INTO card_payments (processor, payment_id, family_subject, idempotency_key, request_hash, person_number, facility_code,
                channel, target_account, amount_cents, fee_cents, status, created_at, updated_at)
            SELECT 'dev', 'pay_r13_fill_' || g, 'fam-r13-fill', 'r13-fill-' || g, 'hash', '12345-001', 'FCI-ALI', 'online', 'trust', 2500, 0,
                'pending', now(), now()
            FROM generate_series(1, 2000) g
            ON CONFLICT DO NOTHING;
            ANALYZE card_payments;
            """, conn)) await fill.ExecuteNonQueryAsync();
        await using (var mode = new NpgsqlCommand($"SET plan_cache_mode = {planMode}", conn)) await mode.ExecuteNonQueryAsync();
        await using (var prepare = new NpgsqlCommand(
            $"PREPARE r13_{planMode}(text, text) AS SELECT id FROM card_payments WHERE processor = $1 AND payment_id = $2", conn))
            await prepare.ExecuteNonQueryAsync();
        var plan = new List<string>();
        await using (var explain = new NpgsqlCommand($"EXPLAIN EXECUTE r13_{planMode}('dev', 'pay_r13_fill_7')", conn))
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        Assert.Contains(plan, line => line.Contains("using uq_card_payments_payment", StringComparison.Ordinal));
    }
}
