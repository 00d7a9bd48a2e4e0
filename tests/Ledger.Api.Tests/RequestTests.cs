using System.Net.Http.Json;

namespace Ledger.Api.Tests;

public class RequestTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Each_kind_gets_its_facility_deadline()
    {
        using var staff = api.Staff("MCC-CHI");
        await (await staff.PutAsJsonAsync("/facilities/MCC-CHI/request-deadlines/medical", new { hours = 6 })).OkJsonAsync();
        await (await staff.PutAsJsonAsync("/facilities/FCI-LOR/request-deadlines/medical", new { hours = 6 })).ProblemAsync(403);
        var deadlines = await (await staff.GetAsync("/facilities/MCC-CHI/request-deadlines")).OkJsonAsync();
        Assert.Equal(6, deadlines.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "medical").GetProperty("hours").GetInt32());

        using var resident = api.Resident("15889-971"); // MCC-CHI
        var medical = await (await resident.PostAsJsonAsync("/requests", new { kind = "medical", subject = "Tooth", body = "It hurts" })).OkJsonAsync();
        var grievance = await (await resident.PostAsJsonAsync("/requests", new { kind = "grievance", subject = "Food", body = "Cold" })).OkJsonAsync();
        Assert.Equal(TimeSpan.FromHours(6), medical.GetProperty("dueAt").GetDateTimeOffset() - medical.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromDays(15), grievance.GetProperty("dueAt").GetDateTimeOffset() - grievance.GetProperty("createdAt").GetDateTimeOffset());
        await (await resident.PostAsJsonAsync("/requests", new { kind = "parole", subject = "x", body = "y" })).ProblemAsync(422, "invalid-kind");
    }

    [Fact]
    public async Task Overdue_lists_unanswered_requests_past_their_deadline_at_my_facilities()
    {
        using var resident = api.Resident("49190-129"); // MCC-CHI
        var late = (await (await resident.PostAsJsonAsync("/requests", new { kind = "support", subject = "Kiosk", body = "Broken" })).OkJsonAsync()).GetProperty("id").GetInt64();
        var onTime = (await (await resident.PostAsJsonAsync("/requests", new { kind = "support", subject = "Kiosk 2", body = "Slow" })).OkJsonAsync()).GetProperty("id").GetInt64();
        var answeredLate = (await (await resident.PostAsJsonAsync("/requests", new { kind = "classification", subject = "Level", body = "Review" })).OkJsonAsync()).GetProperty("id").GetInt64();
        // Their deadlines pass.
        await api.ScalarAsync<int>($"WITH u AS (UPDATE api.resident_requests SET due_at = now() - interval '1 hour' WHERE id IN ({late}, {answeredLate}) RETURNING 1) SELECT count(*)::int FROM u");

        using var staff = api.Staff("MCC-CHI");
        await (await staff.PostAsJsonAsync($"/requests/{answeredLate}/answer", new { text = "Reviewed" })).OkJsonAsync();
        var overdue = (await (await staff.GetAsync("/requests/overdue")).OkJsonAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(late, overdue);
        Assert.DoesNotContain(onTime, overdue);
        Assert.DoesNotContain(answeredLate, overdue);

        using var elsewhere = api.Staff("FCI-LOR");
        Assert.DoesNotContain(late, (await (await elsewhere.GetAsync("/requests/overdue")).OkJsonAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        await (await elsewhere.GetAsync("/requests/overdue?facility=MCC-CHI")).ProblemAsync(403);
    }

    [Fact]
    public async Task Staff_assign_answer_and_close_and_the_full_history_is_kept()
    {
        using var resident = api.Resident("94415-889"); // MCC-CHI
        var id = (await (await resident.PostAsJsonAsync("/requests", new { kind = "grievance", subject = "Mail", body = "Late mail" })).OkJsonAsync()).GetProperty("id").GetInt64();

        using var other = api.Staff("FCI-LOR");
        await (await other.PostAsJsonAsync($"/requests/{id}/assign", new { assignee = "x" })).ProblemAsync(404);
        using var staff = api.Staff("MCC-CHI");
        await (await staff.PostAsJsonAsync($"/requests/{id}/assign", new { assignee = "officer-7" })).OkJsonAsync();
        await (await staff.PostAsJsonAsync($"/requests/{id}/answer", new { text = "Mail room fixed" })).OkJsonAsync();
        var closed = await (await staff.PostAsJsonAsync($"/requests/{id}/close", new { })).OkJsonAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await (await staff.PostAsJsonAsync($"/requests/{id}/answer", new { text = "again" })).ProblemAsync(409, "request-closed");

        var mine = await (await resident.GetAsync($"/requests/{id}")).OkJsonAsync();
        Assert.Equal(["filed", "assign", "answer", "close"], mine.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()!));
        Assert.Equal("Mail room fixed", mine.GetProperty("answer").GetString());
        using var otherResident = api.Resident("15889-971");
        await (await otherResident.GetAsync($"/requests/{id}")).ProblemAsync(404);

        using var ops = api.Operations();
        var audit = await (await ops.GetAsync("/audit?facility=MCC-CHI")).OkJsonAsync();
        var actions = audit.EnumerateArray().Where(a => a.GetProperty("entityId").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["request.close", "request.answer", "request.assign"], actions);
        var assign = audit.EnumerateArray().First(a => a.GetProperty("action").GetString() == "request.assign" && a.GetProperty("entityId").GetString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"open\"", assign.GetProperty("before").GetString());
        Assert.Contains("officer-7", assign.GetProperty("after").GetString());
    }
}
