using System.Security.Claims;
using Ledger.Data.Services.Auth;
using Microsoft.Extensions.Caching.Memory;

namespace Ledger.Api.Auth;

/// <summary>
/// Re-checks a token's or cookie's security stamp against the account, at most <c>Auth:StampCheckSeconds</c> (default 60)
/// after the account changed: a demoted, moved, re-pinned or removed account loses access within a minute, not when its
/// token expires. Principals without an account (tokens from `ledger token`) are accepted only when
/// <c>Auth:AllowMintedTokens</c> is on (Development and Testing by default).
/// </summary>
public sealed class AccountStamps(IServiceScopeFactory scopes, IMemoryCache cache, IConfiguration config, IHostEnvironment environment)
{
    private readonly TimeSpan _cacheFor = TimeSpan.FromSeconds(config.GetValue("Auth:StampCheckSeconds", 60));
    public bool AllowMintedTokens { get; } = config.GetValue("Auth:AllowMintedTokens", environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    /// <summary>Null when the principal may go on; otherwise why not.</summary>
    public async Task<string?> RefuseAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var account = user.FindFirst(LedgerTokens.AccountClaim)?.Value;
        if (account is null)
            return AllowMintedTokens ? null : "tokens minted with the signing key are for development only; sign in at /auth/sign-in";
        if (!long.TryParse(account, System.Globalization.CultureInfo.InvariantCulture, out var id)) return "malformed account claim";
        var stamp = await CurrentAsync(id, ct);
        return stamp is not null && stamp == user.FindFirst(LedgerTokens.StampClaim)?.Value ? null : "the account changed since sign-in; sign in again";
    }

    /// <summary>Signs the principal's account out everywhere (a new stamp) and forgets this node's cached stamp. False for a principal without an account.</summary>
    public async Task<bool> SignOutEverywhereAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!long.TryParse(user.FindFirst(LedgerTokens.AccountClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id)) return false;
        await using var scope = scopes.CreateAsyncScope();
        var done = await scope.ServiceProvider.GetRequiredService<SignInAccounts>().SignOutEverywhereAsync(id, ct);
        cache.Remove(Key(id));
        return done;
    }

    private static (Type, long) Key(long id) => (typeof(AccountStamps), id);

    private async Task<string?> CurrentAsync(long id, CancellationToken ct)
    {
        var key = Key(id);
        if (_cacheFor > TimeSpan.Zero && cache.TryGetValue(key, out string? cached)) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var stamp = await scope.ServiceProvider.GetRequiredService<SignInAccounts>().CurrentStampAsync(id, ct);
        if (_cacheFor > TimeSpan.Zero) cache.Set(key, stamp, _cacheFor);
        return stamp;
    }
}
