using Ledger.Samples.Lockbox;
using Xunit.Abstractions;

namespace Ledger.Lockbox.Tests;

[Collection("ocr")]
public class EvaluationTests(ITestOutputHelper output)
{
    /// <summary>Floor measured on this generator and reader (tuning seeds, not the held-back ones): 90.9 % (20/22) on this batch
    /// in round 2, 100 % (22/22) in round 3 (2026-11-29); the floor leaves room for three unlucky reads on a faster CI machine.</summary>
    private const double LegiblePostedFloorPercent = 85;

    [Fact]
    public void A_generated_batch_of_every_layout_posts_nothing_wrong_and_mails_back_no_legible_order()
    {
        var writer = new StringWriter();
        var report = LockboxEvaluation.GenerateAndRun(items: 24, seed: 2024, writer, misses: writer);
        output.WriteLine(writer.ToString());
        Assert.Equal(0, report.Total.WrongPostings);
        Assert.Equal(0, report.Total.LegibleMailedBack);
        Assert.Equal(0, report.Total.WrongReturnAddresses);
        Assert.True(report.Total.LegiblePostedPercent >= LegiblePostedFloorPercent,
            $"only {report.Total.LegiblePostedPercent:0.0}% of legible orders posted (floor {LegiblePostedFloorPercent}%)");
        // Every one of the six issuer layouts is in this batch, and each has a legible order posted without a person.
        Assert.Equal(6, report.Layouts.Count);
        Assert.All(report.Layouts, l => Assert.True(l.LegiblePosted >= 1, $"{l.Group}: nothing posted"));
        // Per layout (2–6 legible orders each here; each reads 80–100 % now): half, so one unlucky item cannot fail CI.
        Assert.All(report.Layouts, l => Assert.True(l.LegiblePostedPercent >= 50, $"{l.Group}: only {l.LegiblePostedPercent:0.0}% posted"));
    }
}
