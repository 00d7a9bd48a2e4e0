namespace Ledger.Api.Auth;

public static class AuthKeys
{
    /// <summary>The signing key in appsettings.Development.json and `ledger token`'s fallback: public, so Development only.</summary>
    public const string PublishedDevelopmentKey = "ledger-development-signing-key-not-for-production-use";
}
