namespace Ledger.Domain;

/// <summary>A broken invariant: a programming or data error, never an expected business outcome.</summary>
public class DomainException(string message) : Exception(message);
