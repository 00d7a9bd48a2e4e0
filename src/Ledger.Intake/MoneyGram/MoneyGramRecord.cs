using Ledger.Domain;

namespace Ledger.Intake.MoneyGram;

public enum MoneyGramTransactionType
{
    Send,
    Reversal,
}

public sealed record MoneyGramHeader(DateOnly FileDate, string ReceiveCode, string FileSequence, string BillerName);

public sealed record MoneyGramTrailer(long DetailCount, Money TotalAmount, Money TotalFee);

/// <summary>One well-formed detail record. <see cref="Sequence"/> is its 1-based position among the details.</summary>
public sealed record MoneyGramRecord(
    int Sequence,
    long Line,
    string ReferenceNumber,
    MoneyGramTransactionType Type,
    DateTimeOffset SentAt,
    string AccountNumber,
    string BeneficiaryName,
    string SenderFirstName,
    string SenderLastName,
    string SenderAddress,
    string SenderCity,
    string SenderState,
    string SenderZip,
    string SenderPhone,
    Money Amount,
    Money Fee,
    string AgentId,
    string AgentState,
    string? OriginalReference)
{
    // Made once per record: every item and every send's entry description use them.
    public string SenderName { get; } = $"{SenderFirstName} {SenderLastName}".Trim();
    public string SenderFullAddress { get; } = $"{SenderAddress}, {SenderCity}, {SenderState} {SenderZip}";
}

/// <summary>A file refused whole: nothing from it is posted. Names the line, the field and the value.</summary>
public sealed class MoneyGramFileRefusedException(long line, string? field, string? value, string message)
    : Exception(Describe(line, field, value, message))
{
    public long Line { get; } = line;
    public string? Field { get; } = field;
    public string? Value { get; } = value;

    private static string Describe(long line, string? field, string? value, string message) =>
        (line > 0 ? $"line {line}" : "file")
        + (field is null ? "" : $", field '{field}'")
        + (value is null ? "" : $" ('{value}')")
        + $": {message}";
}
