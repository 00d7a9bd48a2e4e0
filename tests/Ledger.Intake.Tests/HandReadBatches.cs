using System.Globalization;
using Ledger.Data.Schema;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Pipeline;

namespace Ledger.Intake.Tests;

/// <summary>
/// Lockbox batches decided from readings built by hand (what OCR saw), so every case is exact: registered, decided and
/// posted through the real intake against the world's database. The OCR itself is exercised end to end in LockboxBatchTests.
/// </summary>
public sealed class HandReadBatches(IntakeWorld world)
{
    public static readonly DateOnly DepositDate = new(2026, 11, 23);
    private int _batches;

    private static FieldReading<string> S(string? value) => new(value, value is null ? 31 : 96, value ?? "~#smudge");

    /// <summary>One item as read: null means OCR could not read that field with confidence.</summary>
    public static LockboxItemReading Read(int sequence, string? serial, long? cents, string? number, string? name,
        AccountKind? creditTo = AccountKind.Trust, bool addressReadable = true)
    {
        var amount = cents is { } c ? Money.Usd(c) : (Money?)null;
        var amountRead = new FieldReading<Money?>(amount, amount is null ? 40 : 95, amount?.ToDecimalString() ?? "$1?5.0O");
        var order = new MoneyOrderReading("USPS", S(serial), amountRead, amountRead, amount, S("LEDGER INMATE SERVICES"), S("MARY ADAMS"), S("12 OAK AVE, ERIE, PA 16501"));
        var slip = new DepositSlipReading(true, S(name), S(number), S("T-LOR"),
            new FieldReading<AccountKind?>(creditTo, creditTo is null ? 0 : 100, "TRUST=0.110 MEDIA=0.050 RESTITUTION=0.001"),
            S("MARY ADAMS"), S(addressReadable ? "12 OAK AVE" : null), S(addressReadable ? "ERIE, PA 16501" : null), S("(814) 555-0101"));
        return new LockboxItemReading(sequence, order, slip);
    }

    /// <summary>Registers a batch of these readings, decides and posts it; returns the summary and the items by sequence.</summary>
    public Task<(IntakeSummary Summary, Dictionary<int, IntakeItemRow> Items)> PostAsync(params LockboxItemReading[] readings) =>
        PostAsync(readings.Sum(r => r.MoneyOrder.AgreedAmount?.MinorUnits ?? 0), readings);

    /// <summary>As above, with the mailroom's declared total (its tape adds up the amounts OCR did not read too).</summary>
    public async Task<(IntakeSummary Summary, Dictionary<int, IntakeItemRow> Items)> PostAsync(long declaredCents, params LockboxItemReading[] readings)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"batch-{++_batches}");
        var (file, _) = await world.Files.RegisterAsync(LockboxIntake.Source, name, Guid.NewGuid().ToString("N"), "/batches/" + name,
            readings.Length, declaredCents, null);
        var intake = world.Lockbox();
        var decider = await intake.DeciderAsync(new LockboxBatchHeader("LBX-T", _batches, DepositDate, readings.Length, Money.Usd(0)), "/batches/" + name);
        var entries = readings.Select(r => new LockboxItemEntry(r.Sequence, $"images/{r.Sequence:0000}-order.png", $"images/{r.Sequence:0000}-slip.png")).ToList();
        await intake.DecideAndPostAsync(file.Id, decider, entries, readings, new HashSet<string>(StringComparer.Ordinal));
        var summary = IntakeSummary.From(new IntakeRun(file, await world.Files.TotalsAsync(file.Id), AlreadyProcessed: false));
        return (summary, (await world.Files.ItemsAsync(file.Id, null)).ToDictionary(i => i.Sequence));
    }
}
