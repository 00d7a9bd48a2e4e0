namespace Ledger.Domain.People;

public enum PersonStatus
{
    InCustody,
    Released,
    Transferred,
}

public readonly record struct PersonId(long Value);

/// <summary>A person in custody as the agency's roster describes them.</summary>
public sealed record Person(
    string PersonNumber,
    string FacilityCode,
    string LastName,
    string FirstName,
    PersonStatus Status,
    Money RestitutionOwed)
{
    /// <summary>Only people in custody can receive money.</summary>
    public bool CanReceiveDeposits => Status == PersonStatus.InCustody;

    public static string StatusCode(PersonStatus status) => status switch
    {
        PersonStatus.InCustody => "in_custody",
        PersonStatus.Released => "released",
        PersonStatus.Transferred => "transferred",
        _ => throw new DomainException($"Unknown status {status}."),
    };

    public static bool TryParseStatus(string code, out PersonStatus status)
    {
        switch (code)
        {
            case "in_custody": status = PersonStatus.InCustody; return true;
            case "released": status = PersonStatus.Released; return true;
            case "transferred": status = PersonStatus.Transferred; return true;
            default: status = default; return false;
        }
    }
}
