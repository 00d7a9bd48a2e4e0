using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Tests;

public class DepositTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // A card deposit is a payment at the processor, credited on its confirmation: these tests start one with a fresh
    // test-card token and wait for the processor's event (the behaviour issue #14 changed: no 201 that credits at once).
    private static object Body(string person = "84088-240", long cents = 5000, string channel = "online", string target = "trust", string auth = "AUTH-123456") =>
        new { personNumber = person, lastName = ApiFixture.LastNameOf(person), channel, amountCents = cents, targetAccount = target, authorizationReference = auth };

    private async Task<object> CardBody(string person = "84088-240", long cents = 5000, string channel = "online", string target = "trust") =>
        Body(person, cents, channel, target, await api.CardTokenAsync());

    /// <summary>Starts a card deposit, waits for the processor's confirmation, and returns the deposit it credited (GET /deposits/{id}).</summary>
    private async Task<JsonElement> CreditedAsync(HttpClient family, object body, string key)
    {
        var response = await family.PostIdempotentAsync("/deposits", body, key);
        var payment = await response.OkJsonAsync();
        Assert.Equal(202, (int)response.StatusCode);
        var settled = await api.SettledPaymentAsync(payment.GetProperty("id").GetInt64());
        Assert.Equal("credited", settled.GetProperty("status").GetString());
        var paymentId = settled.GetProperty("paymentId").GetString();
        var list = await (await family.GetAsync("/deposits?limit=500")).OkJsonAsync();
        return list.EnumerateArray().Single(d => d.GetProperty("authorizationReference").GetString() == paymentId);
    }

    private async Task<long> BalanceAsync(string person, string account)
    {
        using var ops = api.Operations();
        var json = await (await ops.GetAsync($"/people/{person}/balances")).OkJsonAsync();
        return json.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account").GetString() == account).GetProperty("balanceCents").GetInt64();
    }

    [Fact]
    public async Task A_card_deposit_credits_the_account_and_charges_the_facility_fee()
    {
        using var family = api.Family("fam-dep-1");
        var before = await BalanceAsync("84088-240", "trust");

        var json = await CreditedAsync(family, await CardBody(cents: 5000), "k-1");

        Assert.Equal(395, json.GetProperty("feeCents").GetInt64()); // FCI-LOR online 0.01-99.99 → 3.95
        Assert.Equal(5395, json.GetProperty("chargedCents").GetInt64());
        Assert.Equal(5000, json.GetProperty("toAccountCents").GetInt64());
        Assert.Equal(before + 5000, await BalanceAsync("84088-240", "trust"));
    }

    [Fact]
    public async Task The_same_key_and_body_returns_the_first_result_and_posts_once()
    {
        using var family = api.Family("fam-dep-2");
        var before = await BalanceAsync("39105-274", "trust");
        var body = await CardBody("39105-274", 2500);

        var first = await (await family.PostIdempotentAsync("/deposits", body, "same")).OkJsonAsync();
        await api.SettledPaymentAsync(first.GetProperty("id").GetInt64());
        var again = await family.PostIdempotentAsync("/deposits", body, "same");
        var second = await again.OkJsonAsync();

        Assert.Equal(202, (int)again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("paymentId").GetString(), second.GetProperty("paymentId").GetString());
        Assert.Equal(before + 2500, await BalanceAsync("39105-274", "trust"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_409_and_changes_nothing()
    {
        using var family = api.Family("fam-dep-3");
        await CreditedAsync(family, await CardBody("54495-167", 1000), "k");
        var before = await BalanceAsync("54495-167", "trust");

        await (await family.PostIdempotentAsync("/deposits", await CardBody("54495-167", 9999), "k")).ProblemAsync(409, "idempotency-key-reused");
        Assert.Equal(before, await BalanceAsync("54495-167", "trust"));
    }

    [Fact]
    public async Task Keys_belong_to_one_family_so_two_families_may_use_the_same_key()
    {
        using var a = api.Family("fam-dep-4a");
        using var b = api.Family("fam-dep-4b");
        var first = await CreditedAsync(a, await CardBody("77690-132", 1000), "shared");
        var second = await CreditedAsync(b, await CardBody("77690-132", 1000), "shared");
        Assert.NotEqual(first.GetProperty("entryId").GetInt64(), second.GetProperty("entryId").GetInt64());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_post_once()
    {
        using var family = api.Family("fam-dep-5");
        var before = await BalanceAsync("30094-923", "trust");
        var body = await CardBody("30094-923", 700);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => family.PostIdempotentAsync("/deposits", body, "race")));
        var bodies = await Task.WhenAll(responses.Select(r => r.OkJsonAsync()));
        Assert.Single(bodies.Select(b => b.GetProperty("paymentId").GetString()).Distinct());
        await api.SettledPaymentAsync(bodies[0].GetProperty("id").GetInt64());
        Assert.Equal(before + 700, await BalanceAsync("30094-923", "trust"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_and_different_bodies_post_one_of_them()
    {
        using var family = api.Family("fam-dep-6");
        var before = await BalanceAsync("91229-206", "trust");
        var bodies = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => CardBody("91229-206", 100 * i)));
        var responses = await Task.WhenAll(bodies.Select(b => family.PostIdempotentAsync("/deposits", b, "race2")));
        var accepted = responses.Where(r => (int)r.StatusCode == 202).ToArray();
        var payments = await Task.WhenAll(accepted.Select(r => r.OkJsonAsync()));
        Assert.Single(payments.Select(b => b.GetProperty("paymentId").GetString()).Distinct());
        Assert.All(responses.Where(r => (int)r.StatusCode != 202), r => Assert.Equal(409, (int)r.StatusCode));
        var settled = await api.SettledPaymentAsync(payments[0].GetProperty("id").GetInt64());
        Assert.Equal(before + settled.GetProperty("amountCents").GetInt64(), await BalanceAsync("91229-206", "trust"));
    }

    [Fact]
    public async Task A_deposit_without_an_idempotency_key_is_refused()
    {
        using var family = api.Family("fam-dep-7");
        await (await family.PostAsJsonAsync("/deposits", Body())).ProblemAsync(400, "idempotency-key-required");
    }

    [Fact]
    public async Task Over_the_facility_limit_is_refused_with_422_and_nothing_is_posted()
    {
        using var family = api.Family("fam-dep-8");
        var before = await BalanceAsync("83462-090", "trust");
        // FCI-ALI accepts at most 500.00.
        await (await family.PostIdempotentAsync("/deposits", await CardBody("83462-090", 50_001), "big")).ProblemAsync(422, "over-deposit-limit");
        Assert.Equal(before, await BalanceAsync("83462-090", "trust"));
        await CreditedAsync(family, await CardBody("83462-090", 50_000), "limit");
    }

    [Fact]
    public async Task A_trust_deposit_gives_the_facility_share_to_restitution_until_the_debt_is_paid()
    {
        // FCI-ALI takes 20% while restitution is owed; 16179-614 owes 4041.87.
        using var family = api.Family("fam-dep-9");
        var json = await CreditedAsync(family, await CardBody("16179-614", 10_000, "phone"), "r1");
        Assert.Equal(2000, json.GetProperty("restitutionCents").GetInt64());
        Assert.Equal(8000, json.GetProperty("toAccountCents").GetInt64());
        Assert.Equal(650, json.GetProperty("feeCents").GetInt64());
        Assert.Equal(2000, await BalanceAsync("16179-614", "restitution"));

        // A media deposit is not deducted.
        var media = await CreditedAsync(family, await CardBody("16179-614", 1000, "online", "media"), "r2");
        Assert.Equal(0, media.GetProperty("restitutionCents").GetInt64());
    }

    [Fact]
    public async Task The_deduction_stops_at_what_is_still_owed()
    {
        // FCI-ALI 60470-241 owes 2.94: 20% of 100.00 would be 20.00.
        using var family = api.Family("fam-dep-10");
        var json = await CreditedAsync(family, await CardBody("60470-241", 10_000, "online"), "r");
        Assert.Equal(294, json.GetProperty("restitutionCents").GetInt64());
        var again = await CreditedAsync(family, await CardBody("60470-241", 10_000, "online"), "r-next");
        Assert.Equal(0, again.GetProperty("restitutionCents").GetInt64());
    }

    [Theory]
    [InlineData("85461-919", "person-not-in-custody")]
    [InlineData("99999-999", "unknown-person")]
    public async Task Deposits_to_unknown_or_released_people_are_refused(string person, string code)
    {
        using var family = api.Family("fam-dep-11");
        await (await family.PostIdempotentAsync("/deposits", await CardBody(person), "x-" + person)).ProblemAsync(422, code);
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    public async Task A_card_number_in_place_of_the_authorization_reference_is_refused(string pan)
    {
        using var family = api.Family("fam-dep-12");
        var problem = await (await family.PostIdempotentAsync("/deposits", Body(auth: pan), "pan-" + pan.Length)).ProblemAsync(422, "card-number-refused");
        Assert.DoesNotContain("4111", problem.GetRawText());
        Assert.Equal(0L, await api.ScalarAsync<long>("SELECT count(*) FROM api.card_deposits WHERE authorization_reference LIKE '4111%'"));
    }

    [Fact]
    public async Task The_fee_quote_uses_the_facility_tiers_per_channel()
    {
        using var family = api.Family("fam-dep-13");
        var phone = await (await family.GetAsync("/deposits/quote?personNumber=84088-240&channel=phone&amountCents=1500")).OkJsonAsync();
        var phoneHigh = await (await family.GetAsync("/deposits/quote?personNumber=84088-240&channel=phone&amountCents=15000")).OkJsonAsync();
        var mobile = await (await family.GetAsync("/deposits/quote?personNumber=84088-240&channel=mobile&amountCents=15000")).OkJsonAsync();
        Assert.Equal(295, phone.GetProperty("feeCents").GetInt64());
        Assert.Equal(695, phoneHigh.GetProperty("feeCents").GetInt64());
        Assert.Equal(395, mobile.GetProperty("feeCents").GetInt64());
        Assert.Equal(15395, mobile.GetProperty("chargedCents").GetInt64());
        await (await family.GetAsync("/deposits/quote?personNumber=84088-240&channel=moneygram&amountCents=100")).ProblemAsync(422, "invalid-channel");
    }

    [Fact]
    public async Task A_family_sees_only_its_own_deposits()
    {
        using var mine = api.Family("fam-dep-14a");
        using var theirs = api.Family("fam-dep-14b");
        var own = await CreditedAsync(mine, await CardBody("44730-254", 100), "m");
        var other = await CreditedAsync(theirs, await CardBody("44730-254", 200), "t");

        var list = await (await mine.GetAsync("/deposits?family=fam-dep-14b")).OkJsonAsync();
        Assert.All(list.EnumerateArray(), d => Assert.NotEqual(other.GetProperty("id").GetInt64(), d.GetProperty("id").GetInt64()));
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("id").GetInt64() == own.GetProperty("id").GetInt64());
        await (await mine.GetAsync($"/deposits/{other.GetProperty("id").GetInt64()}")).ProblemAsync(404);
        await (await mine.GetAsync($"/deposits/{own.GetProperty("id").GetInt64()}")).OkJsonAsync();
    }

    [Fact]
    public async Task The_ledger_entry_debits_card_clearing_for_amount_and_fee()
    {
        using var family = api.Family("fam-dep-15");
        var json = await CreditedAsync(family, await CardBody("44102-801", 12_345, "mobile"), "e");
        var entry = json.GetProperty("entryId").GetInt64();
        var clearing = await api.ScalarAsync<long>($"""
            SELECT p.amount_cents FROM postings p JOIN accounts a ON a.id = p.account_id
            WHERE p.entry_id = {entry} AND a.kind = 'card_clearing' AND a.owner_code = 'FCI-LOR'
            """);
        var sum = await api.ScalarAsync<decimal>($"SELECT sum(amount_cents) FROM postings WHERE entry_id = {entry}");
        Assert.Equal(-(12_345 + 395), clearing);
        Assert.Equal(0m, sum);
        Assert.Equal($"card-payment:{json.GetProperty("authorizationReference").GetString()}",
            await api.ScalarAsync<string>($"SELECT idempotency_key FROM journal_entries WHERE id = {entry}"));
    }
}

/// <summary>Card deposits for someone owing restitution, all at once: the share is read under the lock on the person.</summary>
public class CardRestitutionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Twenty_simultaneous_card_deposits_for_a_person_owing_ten_dollars_at_20_percent_collect_exactly_ten_dollars()
    {
        await using (var conn = await api.Db.OpenConnectionAsync())
        await using (var add = new Npgsql.NpgsqlCommand("""
            INSERT INTO people (person_number, facility_code, last_name, first_name, status, restitution_owed_cents)
            VALUES ('77777-010', 'FCI-ALI', 'LOCKE', 'ANA', 'in_custody', 1000)
            """, conn))
        {
            await add.ExecuteNonQueryAsync();
        }

        // $25.00 each: 20% is $5.00, so two deposits would settle the debt; all twenty race for it, each credited when the
        // processor's confirmation arrives.
        var sends = Enumerable.Range(0, 20).Select(async i =>
        {
            using var family = api.Family($"fam-lock-{i}");
            var body = new { personNumber = "77777-010", lastName = "Locke", channel = "online", amountCents = 2500, targetAccount = "trust", authorizationReference = await api.CardTokenAsync() };
            var payment = await (await family.PostIdempotentAsync("/deposits", body, $"lock-{i}")).OkJsonAsync();
            var settled = await api.SettledPaymentAsync(payment.GetProperty("id").GetInt64(), timeout: TimeSpan.FromSeconds(90));
            Assert.Equal("credited", settled.GetProperty("status").GetString());
            return payment.GetProperty("paymentId").GetString()!;
        });
        var payments = await Task.WhenAll(sends);

        Assert.Equal(1000, await api.ScalarAsync<long>($"""
            SELECT sum(restitution_cents)::bigint FROM api.card_deposits WHERE authorization_reference IN ({string.Join(',', payments.Select(p => $"'{p}'"))})
            """));
        Assert.Equal(1000, await api.ScalarAsync<long>("""
            SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '77777-010' AND kind = 'restitution'
            """));
        Assert.Equal(20 * 2500 - 1000, await api.ScalarAsync<long>("""
            SELECT balance_cents FROM accounts WHERE owner_type = 'person' AND owner_code = '77777-010' AND kind = 'trust'
            """));
    }

    [Fact]
    public async Task A_card_deposit_must_name_the_person_by_number_and_last_name()
    {
        using var family = api.Family("fam-name");
        var wrong = new { personNumber = "84088-240", lastName = "DOE", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = "AUTH-N1" };
        await (await family.PostIdempotentAsync("/deposits", wrong, "n1")).ProblemAsync(422, "name-mismatch");
        var missing = new { personNumber = "84088-240", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = "AUTH-N2" };
        await (await family.PostIdempotentAsync("/deposits", missing, "n2")).ProblemAsync(422, "invalid-last-name");
        // Letters only: punctuation, spaces and case do not matter.
        var right = new { personNumber = "84088-240", lastName = " walker ", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = await api.CardTokenAsync() };
        await (await family.PostIdempotentAsync("/deposits", right, "n3")).OkJsonAsync();
    }
}

public class DepositRateLimitFixture : ApiFixture
{
    protected override int DepositsPerMinute => 3;
}

public class DepositRateLimitTests(DepositRateLimitFixture api) : IClassFixture<DepositRateLimitFixture>
{
    [Fact]
    public async Task A_family_over_its_deposit_rate_gets_429_problem_details()
    {
        using var family = api.Family("fam-rate");
        for (var i = 0; i < 3; i++)
            await (await family.PostIdempotentAsync("/deposits", new { personNumber = "84088-240", lastName = "WALKER", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = await api.CardTokenAsync() }, $"r{i}")).OkJsonAsync();
        await (await family.PostIdempotentAsync("/deposits", new { personNumber = "84088-240", lastName = "WALKER", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = "A" }, "r3"))
            .ProblemAsync(429, "rate-limited");
        // Another family is not affected.
        using var other = api.Family("fam-rate-2");
        await (await other.PostIdempotentAsync("/deposits", new { personNumber = "84088-240", lastName = "WALKER", channel = "online", amountCents = 100, targetAccount = "trust", authorizationReference = await api.CardTokenAsync() }, "o"))
            .OkJsonAsync();
    }
}
