namespace Ledger.Api.Tests;

public class HostLifetimeTests
{
    [Fact]
    public async Task Screening_still_answers_after_another_host_in_the_process_stopped()
    {
        var first = new ApiFixture();
        var second = new ApiFixture();
        await first.InitializeAsync();
        try
        {
            await second.InitializeAsync();
            await second.DisposeAsync();
            using var staff = first.Staff("FCI-LOR");
            var response = await staff.PostAsync("/screening/messages/999999/approve", null);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == 404, $"{(int)response.StatusCode}: {text}\n{string.Join("\n", first.Logs.Lines)}");
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
}
