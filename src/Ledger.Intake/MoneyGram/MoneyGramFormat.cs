namespace Ledger.Intake.MoneyGram;

/// <summary>
/// The parts of the MoneyGram posting-file layout that real files may spell differently: the detail
/// columns' names (logical name → name in the file's header line) and the date formats. A file that
/// does not match is refused, never guessed at.
/// </summary>
public sealed record MoneyGramFormat
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "record_type", "reference_number", "transaction_type", "sent_at", "account_number", "beneficiary_name",
        "sender_first_name", "sender_last_name", "sender_address", "sender_city", "sender_state", "sender_zip",
        "sender_phone", "amount", "fee", "agent_id", "agent_state", "original_reference",
    ];

    public static readonly MoneyGramFormat Default = new();

    /// <summary>Logical column → the header text used in the file; columns not listed keep their logical name.</summary>
    public IReadOnlyDictionary<string, string> ColumnNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Formats accepted for sent_at (exact, invariant culture). ISO 8601 with an offset by default.</summary>
    public IReadOnlyList<string> SentAtFormats { get; init; } = ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz"];

    public string FileDateFormat { get; init; } = "yyyy-MM-dd";

    public string HeaderName(string logical) => ColumnNames.TryGetValue(logical, out var name) ? name : logical;
}
