namespace Ledger.Api.Tests;

/// <summary>
/// An API whose pool has only three connections to PostgreSQL. A request waits up to 30 s for one: long enough for eight
/// confirmations that queue on one person's lock to pass one after the other on a loaded machine, and a deadlock of the
/// pool still ends in its timeout.
/// </summary>
public sealed class SmallPoolFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:Ledger"] = ConnectionString + ";Maximum Pool Size=3;Timeout=30",
    };
}

/// <summary>
/// A card confirmation for someone owing restitution holds the lock on the person and posts on one connection. When the
/// lock lived on a companion connection, as many waiting confirmations as the pool had connections each held one while the
/// lock holder waited for a second: nobody moved until the pool timed out (500s, the processor delivering again).
/// </summary>
public class CardConnectionTests(SmallPoolFixture api) : IClassFixture<SmallPoolFixture>
{
    [Fact]
    public async Task Eight_simultaneous_confirmations_for_one_person_owing_restitution_credit_through_a_pool_of_three()
    {
        await using (var conn = await api.Db.OpenConnectionAsync())
        await using (var add = new Npgsql.NpgsqlCommand("""
            INSERT INTO people (person_number, facility_code, last_name, first_name, status, restitution_owed_cents)
            VALUES ('77777-030', 'FCI-ALI', 'POOLE', 'ANA', 'in_custody', 1000)
            """, conn))
        {
            await add.ExecuteNonQueryAsync();
        }

        var sends = Enumerable.Range(0, 8).Select(async i =>
        {
            using var family = api.Family($"fam-pool-{i}");
            var body = new { personNumber = "77777-030", lastName = "Poole", channel = "online", amountCents = 2500, targetAccount = "trust", authorizationReference = await api.CardTokenAsync() };
            var payment = await (await family.PostIdempotentAsync("/deposits", body, $"pool-{i}")).OkJsonAsync();
            var settled = await api.SettledPaymentAsync(payment.GetProperty("id").GetInt64(), timeout: TimeSpan.FromSeconds(90));
            Assert.Equal("credited", settled.GetProperty("status").GetString());
        });
        await Task.WhenAll(sends);

        // No request failed on its way (a pool timeout is logged as an error and answered 500).
        Assert.DoesNotContain(api.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Equal(1000, await api.ScalarAsync<long>("""
            SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '77777-030' AND kind = 'restitution'
            """));
        Assert.Equal(8 * 2500 - 1000, await api.ScalarAsync<long>("""
            SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '77777-030' AND kind = 'trust'
            """));
    }
}
