namespace Ledger.Samples.Lockbox;

/// <summary>Someone a money order can be addressed to: the generator takes these from a roster.</summary>
public sealed record SamplePerson(string PersonNumber, string LastName, string FirstName, string FacilityCode);

/// <summary>A small roster for tests; the lead feeds the real sample roster instead.</summary>
public static class DefaultRoster
{
    public static IReadOnlyList<SamplePerson> People { get; } =
    [
        new("12345-678", "DOE", "JOHN", "FCI-LOR"),
        new("23456-789", "SMITH", "ROBERT", "FCI-LOR"),
        new("34567-890", "JOHNSON", "MICHAEL", "FCI-LOR"),
        new("45678-901", "WILLIAMS", "DAVID", "FCI-ALN"),
        new("56789-012", "BROWN", "JAMES", "FCI-ALN"),
        new("67890-123", "GARCIA", "CARLOS", "FCI-ALN"),
        new("78901-234", "MILLER", "ANTHONY", "USP-CAN"),
        new("89012-345", "DAVIS", "KEVIN", "USP-CAN"),
        new("90123-456", "MARTINEZ", "LUIS", "USP-CAN"),
        new("13579-246", "WILSON", "TERRENCE", "FCI-LOR"),
        new("24680-135", "TAYLOR", "MARCUS", "FCI-ALN"),
        new("11223-344", "THOMAS", "DEREK", "USP-CAN"),
    ];
}
