using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Api.Features.CardPayments;

/// <summary>
/// The processor's webhook signature, Stripe's scheme: header <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c> over
/// <c>"&lt;t&gt;.&lt;raw body&gt;"</c> with the shared webhook secret. Several v1 values may be present (a secret being rotated);
/// one must match, compared in constant time, and t must be within the tolerance of now (a replayed old delivery is refused).
/// </summary>
public static class ProcessorSignature
{
    public const string Header = "Processor-Signature";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> payload)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string HeaderValue(string secret, long timestamp, ReadOnlySpan<byte> payload) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Sign(secret, timestamp, payload)}");

    /// <summary>Null when the header proves the payload came from the holder of the secret now; otherwise why not.</summary>
    public static string? Verify(string secret, string? header, ReadOnlySpan<byte> payload, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header)) return "no signature header";
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return "malformed signature header";
            var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (name == "v1" && value.Length == 64)
            {
                try { signatures.Add(Convert.FromHexString(value)); }
                catch (FormatException) { return "malformed v1 signature"; }
            }
        }
        if (timestamp is null) return "no timestamp in the signature header";
        if (signatures.Count == 0) return "no v1 signature in the signature header";
        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        if (age.Duration() > tolerance) return "timestamp outside the tolerance";
        var expected = Convert.FromHexString(Sign(secret, timestamp.Value, payload));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)) ? null : "signature does not match";
    }
}
