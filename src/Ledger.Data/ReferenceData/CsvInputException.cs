namespace Ledger.Data.ReferenceData;

/// <summary>A reference file that does not match its format; names the file, line and field.</summary>
public sealed class CsvInputException(string file, long line, string? field, string message)
    : Exception(field is null ? $"{file}, line {line}: {message}" : $"{file}, line {line}, field '{field}': {message}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string? Field { get; } = field;
}
