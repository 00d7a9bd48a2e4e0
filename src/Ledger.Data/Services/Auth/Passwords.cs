using System.Globalization;
using System.Security.Cryptography;

namespace Ledger.Data.Services.Auth;

/// <summary>PBKDF2-SHA256 password (and PIN) hashes stored as "pbkdf2-sha256$iterations$salt$hash".</summary>
public static class Passwords
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Older hashes (100k) still verify and are rehashed on the next sign-in.</summary>
    public const int Iterations = 600_000;

    private static readonly AsyncLocal<IterationCount?> Counting = new();

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(password, salt, Iterations, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
            return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length)
    {
        if (Counting.Value is { } count) count.Iterations += iterations;
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length);
    }

    /// <summary>
    /// Counts the PBKDF2 iterations derived in this async flow until disposed: the work a sign-in costs, counted instead of
    /// timed (a timed comparison flaked on a loaded machine), so a test can see that an unknown name costs what a known one does.
    /// </summary>
    public static IterationCount CountIterations() => Counting.Value = new IterationCount();

    public sealed class IterationCount : IDisposable
    {
        public long Iterations { get; internal set; }

        public void Dispose()
        {
            if (ReferenceEquals(Counting.Value, this)) Counting.Value = null;
        }
    }

    /// <summary>True when the hash was made with fewer iterations than today's.</summary>
    public static bool NeedsRehash(string stored)
    {
        var parts = stored.Split('$');
        return parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < Iterations;
    }
}
