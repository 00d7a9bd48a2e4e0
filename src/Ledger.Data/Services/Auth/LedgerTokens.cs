using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ledger.Data.Services.Auth;

/// <summary>
/// The API's bearer tokens: HS256 JWTs with the claims the API authorizes on (role, sub, facility).
/// Minting lives here so that the CLI (`ledger token`) and the tests can issue the same tokens the API
/// validates, without referencing the web project.
/// </summary>
public static class LedgerTokens
{
    public const string Issuer = "ledger";
    public const string Audience = "ledger-api";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";
    public const string FacilityClaim = "facility";
    /// <summary>The sign-in account's id: present on every token the API issues at sign-in, absent on `ledger token`'s.</summary>
    public const string AccountClaim = "acct";
    /// <summary>The account's security stamp when the token was issued (re-checked by the API within a minute).</summary>
    public const string StampClaim = "stamp";

    /// <summary>HS256 needs a key of at least 256 bits.</summary>
    public const int MinimumKeyBytes = 32;

    public static class Roles
    {
        public const string Family = "family";
        public const string Resident = "resident";
        public const string Staff = "staff";
        public const string Operations = "operations";
        public const string Accountant = "accountant";

        public static readonly IReadOnlyList<string> All = [Family, Resident, Staff, Operations, Accountant];
    }

    public static byte[] KeyBytes(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"The signing key (Auth:SigningKey) must be at least {MinimumKeyBytes} bytes.");
        return bytes;
    }

    public static string Mint(string signingKey, string role, string subject, IReadOnlyCollection<string> facilities,
        TimeSpan lifetime, DateTimeOffset? now = null, long? accountId = null, string? stamp = null)
    {
        if (!Roles.All.Contains(role)) throw new ArgumentException($"Unknown role '{role}': one of {string.Join(", ", Roles.All)}.", nameof(role));
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("A token needs a subject.", nameof(subject));
        var issued = now ?? DateTimeOffset.UtcNow;

        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", Issuer);
            json.WriteString("aud", Audience);
            json.WriteString(SubjectClaim, subject);
            json.WriteString(RoleClaim, role);
            if (accountId is { } id) json.WriteString(AccountClaim, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (stamp is not null) json.WriteString(StampClaim, stamp);
            if (facilities.Count > 0)
            {
                json.WriteStartArray(FacilityClaim);
                foreach (var f in facilities) json.WriteStringValue(f);
                json.WriteEndArray();
            }
            json.WriteNumber("iat", issued.ToUnixTimeSeconds());
            json.WriteNumber("nbf", issued.ToUnixTimeSeconds());
            json.WriteNumber("exp", issued.Add(lifetime).ToUnixTimeSeconds());
            json.WriteString("jti", Guid.NewGuid().ToString("N"));
            json.WriteEndObject();
        }
        var payload = Base64Url(buffer.ToArray());
        var signingInput = $"{header}.{payload}";
        var signature = HMACSHA256.HashData(KeyBytes(signingKey), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
