using Ledger.Data.Schema;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ledger.Intake.Keying;

/// <summary>
/// The four-eyes threshold is configuration (<c>Keying:FourEyesAboveCents</c>), not facility policy: it is a control
/// of the company's own operations staff, the same whichever facility the money is for, while facility policy comes
/// from the agencies' files.
/// </summary>
public sealed record KeyingOptions
{
    /// <summary>Keyed amounts above this wait for a second staff member's approval; at or below it they post at once.</summary>
    public long FourEyesAboveCents { get; init; } = 100_00;

    public static KeyingOptions From(IConfiguration configuration) =>
        new() { FourEyesAboveCents = configuration.GetValue<long?>("Keying:FourEyesAboveCents") ?? new KeyingOptions().FourEyesAboveCents };
}

/// <summary>What staff keyed for one item: the amount, the person and account the money is for, and the serial when OCR could not read it.</summary>
public sealed record KeyedItem(long FileId, int Sequence, long AmountCents, string PersonNumber, string AccountKind, string? Serial = null);

/// <summary>Why keying, approving, rejecting or returning was refused (nothing changed).</summary>
public enum KeyingRefusal
{
    /// <summary>No such lockbox item, or no such resolution.</summary>
    NotFound,
    /// <summary>The item was settled by intake itself (posted, returned…): there is nothing to key.</summary>
    NotInReview,
    /// <summary>Someone else resolved the item first (keyed, approved, rejected or returned it).</summary>
    AlreadyResolved,
    /// <summary>The staff member who keyed an item cannot approve or reject it.</summary>
    FourEyes,
    InvalidInput,
    /// <summary>The serial is already posted: the money order has been deposited before.</summary>
    SerialAlreadyPosted,
    /// <summary>The person cannot receive the money (unknown, released, transferred…), or the excess cannot be mailed back.</summary>
    CannotPost,
}

/// <summary>The resolution as it now stands, or why nothing changed. Never a silent no-op.</summary>
public sealed record KeyingResult(ReviewResolutionRow? Resolution, KeyingRefusal? Refusal, string? Code, string? Detail)
{
    public bool IsSuccess => Refusal is null;

    public static KeyingResult Done(ReviewResolutionRow resolution) => new(resolution, null, null, null);

    public static KeyingResult Refused(KeyingRefusal refusal, string code, string detail) => new(null, refusal, code, detail);
}

/// <summary>Writes the caller's own rows (e.g. an audit entry) in the transaction that changes the resolution.</summary>
public delegate Task ResolutionAlongside(NpgsqlConnection connection, NpgsqlTransaction transaction, ReviewResolutionRow resolution, CancellationToken ct);
