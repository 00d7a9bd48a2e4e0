using Ledger.Data.Intake;

namespace Ledger.Intake.Pipeline;

/// <summary>The outcome of running one intake file: its record, its totals, and why it was refused, if it was.</summary>
public sealed record IntakeRun(IntakeFile File, IntakeTotals Totals, bool AlreadyProcessed)
{
    public bool Quarantined => File.Status == IntakeFileStatus.Quarantined;
}

/// <summary>Progress of a long file: items handled so far of the total.</summary>
public readonly record struct IntakeProgress(long Done, long Total);
