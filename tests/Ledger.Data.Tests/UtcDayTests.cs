using Ledger.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Data.Tests;

/// <summary>The tests' midnight guard: a day far from midnight comes back at once; near midnight it is the next day.</summary>
public class UtcDayTests
{
    [Fact]
    public async Task Far_from_midnight_the_day_is_today_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var day = UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(5), clock);
        Assert.True(day.IsCompleted);
        Assert.Equal(new DateOnly(2026, 11, 30), await day);
    }

    [Fact]
    public async Task Near_midnight_it_waits_for_the_next_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 58, 0, TimeSpan.Zero));
        var day = UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(5), clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(day.IsCompleted, "a minute before midnight is still too close");
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2027, 1, 1), await day.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Exactly_the_clear_time_before_midnight_does_not_wait()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 55, 0, TimeSpan.Zero));
        var day = UtcDay.ClearOfMidnightAsync(TimeSpan.FromMinutes(5), clock);
        Assert.True(day.IsCompleted);
        Assert.Equal(new DateOnly(2026, 11, 30), await day);
    }
}
