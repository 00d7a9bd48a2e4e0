using System.Security.Cryptography;
using System.Text;

namespace Ledger.Data.Services.Auth;

/// <summary>The stored second-factor secret was sealed under another key than this process holds.</summary>
public sealed class SecondFactorKeyMismatchException(string storedKeyId, string ourKeyId)
    : InvalidOperationException($"The second-factor secret was sealed under key {storedKeyId}, this process holds key {ourKeyId}: " +
        "give every process (API, `ledger staff add`) the same Auth__SecondFactorKey, or the same Auth__SigningKey when that is not set.");

/// <summary>
/// Seals operations staff's TOTP secrets before they are stored, so that a copy of the database alone does not give away
/// anyone's authenticator. AES-256-GCM under a key derived (HKDF) from <c>Auth:SecondFactorKey</c>, or from
/// <c>Auth:SigningKey</c> when that is not set: a process that can check a code is one that could mint a token anyway.
/// The stored form names its key (a fingerprint, not the key), so a process holding another key says so instead of
/// refusing every code as wrong. The account's login is bound in as associated data: a sealed secret copied onto
/// another account's row does not open there.
/// </summary>
public sealed class SecondFactorSecrets
{
    private const string Prefix = "sealed1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = "ledger second-factor secrets v1"u8.ToArray();

    private readonly byte[] _key;

    public SecondFactorSecrets(string keyMaterial)
    {
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, LedgerTokens.KeyBytes(keyMaterial), 32, salt: [], info: Purpose);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(_key).AsSpan(0, 4));
    }

    /// <summary>The key of <c>Auth:SecondFactorKey</c> when given, else of the signing key.</summary>
    public static SecondFactorSecrets FromSettings(string? secondFactorKey, string signingKey) =>
        new(string.IsNullOrEmpty(secondFactorKey) ? signingKey : secondFactorKey);

    /// <summary>A short fingerprint of the derived key, stored beside each sealed secret.</summary>
    public string KeyId { get; }

    public string Seal(string secret, string login)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(login));
        return $"{Prefix}{KeyId}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Whether a stored value is still the plain secret of a database from before sealing.</summary>
    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The secret of a stored value. A plain value (a database from before sealing) is returned as it is; the caller
    /// seals it again on its next save. A sealed value that was changed, or moved to another login, throws.
    /// </summary>
    public string Open(string stored, string login)
    {
        if (!IsSealed(stored)) return stored;
        var rest = stored.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon < 0) throw new CryptographicException("A sealed second-factor secret without its key id.");
        var keyId = rest[..colon].ToString();
        if (keyId != KeyId) throw new SecondFactorKeyMismatchException(keyId, KeyId);
        var sealedBytes = Convert.FromBase64String(rest[(colon + 1)..].ToString());
        if (sealedBytes.Length < NonceBytes + TagBytes) throw new CryptographicException("A sealed second-factor secret that is too short.");
        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength), sealedBytes.AsSpan(NonceBytes + cipherLength),
            plain, Encoding.UTF8.GetBytes(login));
        return Encoding.UTF8.GetString(plain);
    }
}
