namespace Ledger.Domain.Accounts;

public enum OwnerType
{
    Person,
    Facility,
    Company,
}

/// <summary>Who an account belongs to: a person (by person number), a facility (by code) or the company.</summary>
public readonly record struct AccountOwner(OwnerType Type, string Code)
{
    public static readonly AccountOwner Company = new(OwnerType.Company, "company");
    public static AccountOwner Person(string personNumber) => new(OwnerType.Person, personNumber);
    public static AccountOwner Facility(string facilityCode) => new(OwnerType.Facility, facilityCode);

    public string TypeCode => Type switch
    {
        OwnerType.Person => "person",
        OwnerType.Facility => "facility",
        OwnerType.Company => "company",
        _ => throw new DomainException($"Unknown owner type {Type}."),
    };

    public static OwnerType ParseType(string code) => code switch
    {
        "person" => OwnerType.Person,
        "facility" => OwnerType.Facility,
        "company" => OwnerType.Company,
        _ => throw new DomainException($"Unknown owner type '{code}'."),
    };
}
