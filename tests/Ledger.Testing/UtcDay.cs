using System.Globalization;

namespace Ledger.Testing;

/// <summary>
/// The business day is the UTC date and CI runs at any hour: a test that makes a day's data and then asks for that day by
/// the wall clock fails when midnight passes in between. Such a test takes its day from here, once, before it makes the data.
/// </summary>
public static class UtcDay
{
    /// <summary>
    /// Today's UTC date, with at least <paramref name="clear"/> of it left: closer to midnight than that, it waits for the
    /// next day (at most <paramref name="clear"/>), so that whatever the test does within that time falls on the day returned.
    /// <paramref name="clock"/> is the system clock but for this helper's own tests.
    /// </summary>
    public static async Task<DateOnly> ClearOfMidnightAsync(TimeSpan clear, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var now = clock.GetUtcNow().UtcDateTime;
        var left = now.Date.AddDays(1) - now;
        if (left < clear) await Task.Delay(left + TimeSpan.FromSeconds(1), clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The same, as yyyy-MM-dd.</summary>
    public static async Task<string> ClearOfMidnightTextAsync(TimeSpan clear) =>
        (await ClearOfMidnightAsync(clear)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
