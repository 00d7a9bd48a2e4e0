
namespace Ledger.Domain.Accounts;

/// <summary>Names an account by what it is, before the database has given it an id.</summary>
public readonly record struct AccountKey(AccountOwner Owner, AccountKind Kind, Currency Currency)
{
    public static AccountKey Personal(string personNumber, AccountKind kind, Currency currency)
    {
        if (!kind.IsPersonal()) throw new DomainException($"{kind} is not a person's account.");
        return new AccountKey(AccountOwner.Person(personNumber), kind, currency);
    }

    /// <summary>A system account kept per facility (clearing, fees, refunds payable, …).</summary>
    public static AccountKey OfFacility(string facilityCode, AccountKind kind, Currency currency)
    {
        if (kind.IsPersonal()) throw new DomainException($"{kind} belongs to a person, not a facility.");
        return new AccountKey(AccountOwner.Facility(facilityCode), kind, currency);
    }

    public static AccountKey OfCompany(AccountKind kind, Currency currency)
    {
        if (kind.IsPersonal()) throw new DomainException($"{kind} belongs to a person, not the company.");
        return new AccountKey(AccountOwner.Company, kind, currency);
    }

    /// <summary>People's accounts may never go negative; the database holds their balance to enforce it.</summary>
    public bool IsPersonal => Owner.Type == OwnerType.Person;

    public override string ToString() => $"{Owner.TypeCode}:{Owner.Code}:{Kind.ToCode()}:{Currency.Code}";
}
