using Ledger.Domain.Policies;

namespace Ledger.Domain.Facilities;

public sealed record Facility(string Code, string Name, string State, FacilityPolicy Policy);
