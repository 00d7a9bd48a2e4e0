using System.Net.Http.Json;
using Hangfire;

namespace Ledger.Api.Tests;

/// <summary>Alone, not beside other classes: another host starting meanwhile would reset Hangfire's process-wide log provider.</summary>
[CollectionDefinition(nameof(HostLifetimeTests), DisableParallelization = true)]
public sealed class HostLifetimeCollection;

/// <summary>
/// The tests host one API per test class in one process, and Hangfire keeps its log provider in a static that
/// the last host configured points at its own logger factory. When that host stopped first, the next Hangfire
/// logger (GlobalJobFilters' static constructor, on the process's first job client) threw ObjectDisposedException
/// and every approve and reject in the process answered 500.
/// </summary>
[Collection(nameof(HostLifetimeTests))]
public class HostLifetimeTests
{
    private const string Person = "12345-678";

    [Fact]
    public async Task Hangfire_and_screening_keep_working_after_another_host_in_the_process_stopped()
    {
        var first = new ApiFixture();
        var second = new ApiFixture();
        await first.InitializeAsync();
        try
        {
            await second.InitializeAsync();
            await second.DisposeAsync();

            // The provider Hangfire now holds is the stopped host's.
            var log = Hangfire.Logging.LogProvider.GetLogger(typeof(HostLifetimeTests));
            log.Log(Hangfire.Logging.LogLevel.Warn, () => "after the host stopped");

            using var staff = first.Staff("FCI-LOR");
            await (await staff.PostAsync("/screening/messages/999999/approve", null)).ProblemAsync(404);
            var family = await first.FamilyWithContactAsync(Person);
            using var sender = first.Family(family);
            var approveId = await SendAsync(first, sender, "a");
            var rejectId = await SendAsync(first, sender, "b");
            await (await staff.PostAsync($"/screening/messages/{approveId}/approve", null)).OkJsonAsync();
            await (await staff.PostAsJsonAsync($"/screening/messages/{rejectId}/reject", new { reason = "no" })).OkJsonAsync();

            // The delivery job went into the surviving host's storage.
            var monitor = first.Service<JobStorage>().GetMonitoringApi();
            Assert.Equal(1, monitor.ScheduledCount() + monitor.EnqueuedCount("default"));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private static async Task<long> SendAsync(ApiFixture api, HttpClient sender, string key)
    {
        var sent = await api.SendPaidMessageAsync(sender, Person, "hello " + key, key);
        return sent.GetProperty("id").GetInt64();
    }
}
