using System.Net.Http.Json;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Schema;
using Ledger.Intake.Pipeline;
using Ledger.Data.Services.Auth;
using Ledger.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// Over HTTP: a money order lockbox intake returned as illegible (amount unread, never deposited) waits on the returns desk for
/// its amount; operations record it from the mailroom's tape once (audited, no money moves), and the list shows it.
/// </summary>
public class ReturnAmountApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Serial = "82234567890";

    private async Task<(long FileId, string Day)> ReturnedUnreadAsync()
    {
        var day = await UtcDay.ClearOfMidnightTextAsync(TimeSpan.FromMinutes(5));
        var (file, _) = await api.Service<IntakeStore>().RegisterAsync("lockbox", "batch-illegible", Guid.NewGuid().ToString("N"), null, 1, 774_37, null);
        await new IntakePipeline(api.Service<JournalStore>()).PostAsync([new ItemPlan(new IntakeItemRow
        {
            FileId = file.Id, Sequence = 1, Reference = Serial, Kind = "deposit", Outcome = "returned", ReasonCode = "illegible_amount",
            Reason = "The amount of the money order cannot be read, so it was not deposited. The money order and deposit slip are returned to you.",
            AmountCents = 0, SenderName = "CAROL SANCHEZ", SenderAddress = "7642 ELM ST, CLEVELAND, OH 44102",
        }, null)]);
        return (file.Id, day);
    }

    [Fact]
    public async Task A_returned_unread_order_takes_its_amount_once_and_the_list_shows_it()
    {
        var (fileId, day) = await ReturnedUnreadAsync();
        using var ops = api.Operations();
        using var other = api.Client(LedgerTokens.Roles.Operations, "ops-2");

        var before = (await (await ops.GetAsync($"/operations/returns?date={day}")).OkJsonAsync()).EnumerateArray().Single(r => r.GetProperty("reference").GetString() == Serial);
        Assert.True(before.GetProperty("awaitsAmount").GetBoolean());
        Assert.Equal(0L, before.GetProperty("amountCents").GetInt64());

        await (await ops.PostAsJsonAsync($"/operations/returns/{fileId}/1/amount", new { amountCents = 0 })).ProblemAsync(422, "invalid-amount");
        await (await ops.PostAsJsonAsync($"/operations/returns/{fileId}/1/amount", new { amountCents = 774_37, readFrom = "guess" })).ProblemAsync(422, "invalid-amount");
        await (await ops.PostAsJsonAsync($"/operations/returns/{fileId}/9/amount", new { amountCents = 774_37 })).ProblemAsync(404, null);

        var recorded = await (await ops.PostAsJsonAsync($"/operations/returns/{fileId}/1/amount", new { amountCents = 774_37, readFrom = "tape" })).OkJsonAsync();
        Assert.Equal((774_37L, 774_37L, false), (recorded.GetProperty("amountCents").GetInt64(), recorded.GetProperty("returnedCents").GetInt64(),
            recorded.GetProperty("awaitsAmount").GetBoolean()));
        Assert.Equal("tape", recorded.GetProperty("amountKeyed").GetProperty("readFrom").GetString());

        await (await other.PostAsJsonAsync($"/operations/returns/{fileId}/1/amount", new { amountCents = 1_00, readFrom = "tape" })).ProblemAsync(409, "amount-already-keyed");
        Assert.Equal(774_37L, await api.ScalarAsync<long>($"SELECT amount_cents FROM return_amounts WHERE file_id = {fileId} AND sequence = 1"));
        Assert.Equal(1L, await api.ScalarAsync<long>($"SELECT count(*) FROM api.audit_log WHERE action = 'return.amount' AND entity_id = '{fileId}/1'"));
        Assert.Equal(0L, await api.ScalarAsync<long>($"SELECT count(*) FROM journal_entries WHERE idempotency_key LIKE '%{Serial}%'"));
    }
}
