using Ledger.Intake.Lockbox;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

public class GeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_truth_and_the_same_image_bytes()
    {
        var a = Path.Combine(Path.GetTempPath(), "lockbox-det-a-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "lockbox-det-b-" + Guid.NewGuid().ToString("N"));
        var c = Path.Combine(Path.GetTempPath(), "lockbox-det-c-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new LockboxGeneratorOptions { Seed = 31, ItemCount = 3 };
            var first = LockboxBatchGenerator.Generate(options, a, maxParallelism: 1);
            var second = LockboxBatchGenerator.Generate(options, b, maxParallelism: 2);
            var other = LockboxBatchGenerator.Generate(options with { Seed = 32 }, c);
            Assert.Equal(first.Items, second.Items);
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "truth.csv")), File.ReadAllBytes(Path.Combine(b, "truth.csv")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "batch.csv")), File.ReadAllBytes(Path.Combine(b, "batch.csv")));
            foreach (var t in first.Items)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, t.MoneyOrderImage)), File.ReadAllBytes(Path.Combine(b, t.MoneyOrderImage)));
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, t.DepositSlipImage)), File.ReadAllBytes(Path.Combine(b, t.DepositSlipImage)));
            }
            Assert.NotEqual(first.Items.Select(t => t.Serial), other.Items.Select(t => t.Serial));
            Assert.Equal(first.Items, TruthFile.Read(Path.Combine(a, "truth.csv")));
        }
        finally
        {
            foreach (var d in new[] { a, b, c }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }

    [Fact]
    public void Generated_serials_carry_valid_check_digits_and_shares_are_honoured()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lockbox-shares-" + Guid.NewGuid().ToString("N"));
        try
        {
            var people = DefaultRoster.People.Take(3).ToList();
            var batch = LockboxBatchGenerator.Generate(new LockboxGeneratorOptions
            {
                Seed = 8, ItemCount = 24, People = people, OverLimitShare = 0.5, UnknownPersonShare = 0.5, IllegibleShare = 0.25,
            }, folder);
            // Known issuers' serials carry their check digit; the other bank's are 10 or 11 plain digits.
            Assert.All(batch.Items, t => Assert.True(MoneyOrderIssuer.FromCode(t.IssuerCode)?.IsValidSerial(t.Serial)
                ?? (t.Serial.Length is 10 or 11 && t.Serial.All(char.IsAsciiDigit)), t.Serial));
            Assert.InRange(batch.Items.Count(t => t.OverLimit), 6, 18);
            Assert.InRange(batch.Items.Count(t => t.UnknownPerson), 6, 18);
            Assert.All(batch.Items.Where(t => t.UnknownPerson), t => Assert.DoesNotContain(people, p => p.PersonNumber == t.ResidentNumber));
            Assert.All(batch.Items.Where(t => !t.UnknownPerson), t => Assert.Contains(people, p => p.PersonNumber == t.ResidentNumber));
            Assert.Contains(batch.Items, t => t.OrderIllegible);
            Assert.True(batch.Items.Select(t => t.Layout).Distinct().Count() >= 5);
            Assert.All(batch.Items, t => Assert.Contains(t.Layout, Enum.GetValues<OrderLayout>().Select(LockboxBatchGenerator.LayoutName)));
            Assert.Equal(batch.Items.Sum(t => t.AmountCents), batch.DeclaredTotalCents);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
