namespace Ledger.Samples.Lockbox;

/// <summary>What a generated lockbox batch looks like. Shares are fractions of the items (0–1).</summary>
public sealed record LockboxGeneratorOptions
{
    public int Seed { get; init; } = 1;
    public int ItemCount { get; init; } = 20;
    public IReadOnlyList<SamplePerson> People { get; init; } = DefaultRoster.People;
    public string LockboxId { get; init; } = "LBX-PIT-01";
    public int BatchNumber { get; init; } = 1;
    public DateOnly DepositDate { get; init; } = new(2026, 11, 23);

    /// <summary>Money orders smeared over their amounts so that nobody could read them.</summary>
    public double IllegibleShare { get; init; } = 0.10;

    /// <summary>Of the illegible items, those whose slip address is smeared too.</summary>
    public double IllegibleSlipAddressShare { get; init; } = 0.5;

    public double SkewedShare { get; init; } = 0.20;
    public double NoisyShare { get; init; } = 0.20;
    public double StampedShare { get; init; } = 0.15;

    /// <summary>Amounts above the $999.99 deposit limit.</summary>
    public double OverLimitShare { get; init; } = 0.08;

    /// <summary>Slips naming a person number that is not on the roster.</summary>
    public double UnknownPersonShare { get; init; } = 0.08;

    /// <summary>Scan resolution of every image; null draws 200–300 dpi per item.</summary>
    public int? Dpi { get; init; }

    /// <summary>Slips with no box marked under CREDIT TO (which means trust).</summary>
    public double NoBoxMarkedShare { get; init; } = 0.25;
}
