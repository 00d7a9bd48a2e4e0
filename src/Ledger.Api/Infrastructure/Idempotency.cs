using System.Security.Cryptography;
using System.Text.Json;

namespace Ledger.Api.Infrastructure;

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>The header's value when it is usable: 1..100 printable ASCII characters.</summary>
    public static string? Read(HttpRequest request)
    {
        var value = request.Headers[Header].ToString();
        if (value.Length is 0 or > MaxKeyLength) return null;
        foreach (var c in value)
        {
            if (c is < '!' or > '~') return null;
        }
        return value;
    }

    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    /// <summary>SHA-256 over the request as the API understood it (not its whitespace): "same body" means the same request.</summary>
    public static string Hash<T>(T request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Canonical)));
}

public static class Clock
{
    /// <summary>Now, at PostgreSQL's precision (microseconds), so a replayed answer equals the first one.</summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % 10, TimeSpan.Zero);
    }
}
