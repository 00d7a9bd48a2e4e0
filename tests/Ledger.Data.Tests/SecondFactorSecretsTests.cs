using System.Security.Cryptography;
using Ledger.Data.Services.Auth;

namespace Ledger.Data.Tests;

public class SecondFactorSecretsTests
{
    private const string Key = "a-second-factor-key-of-at-least-32-bytes-0001";
    private const string Secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    [Fact]
    public void A_sealed_secret_opens_for_its_own_login_under_the_same_key_and_is_new_each_time()
    {
        var secrets = new SecondFactorSecrets(Key);
        var once = secrets.Seal(Secret, "ops.one");
        var twice = secrets.Seal(Secret, "ops.one");
        Assert.NotEqual(once, twice); // a fresh nonce each time
        Assert.DoesNotContain(Secret, once, StringComparison.Ordinal);
        Assert.Equal(Secret, new SecondFactorSecrets(Key).Open(once, "ops.one"));
        Assert.Equal(Secret, new SecondFactorSecrets(Key).Open(twice, "ops.one"));
    }

    [Fact]
    public void Another_login_a_changed_byte_or_another_key_does_not_open_it()
    {
        var secrets = new SecondFactorSecrets(Key);
        var stored = secrets.Seal(Secret, "ops.one");
        Assert.ThrowsAny<CryptographicException>(() => secrets.Open(stored, "ops.two"));

        var bytes = Convert.FromBase64String(stored[(stored.LastIndexOf(':') + 1)..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => secrets.Open(stored[..(stored.LastIndexOf(':') + 1)] + Convert.ToBase64String(bytes), "ops.one"));

        var other = new SecondFactorSecrets("another-key-of-at-least-thirty-two-bytes-0002");
        Assert.NotEqual(secrets.KeyId, other.KeyId);
        var e = Assert.Throws<SecondFactorKeyMismatchException>(() => other.Open(stored, "ops.one"));
        Assert.Contains(secrets.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains(other.KeyId, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_secret_from_before_sealing_is_read_as_it_is_and_the_own_key_wins_over_the_signing_key()
    {
        Assert.False(SecondFactorSecrets.IsSealed(Secret));
        Assert.Equal(Secret, new SecondFactorSecrets(Key).Open(Secret, "ops.one"));
        const string signing = "the-signing-key-of-at-least-thirty-two-bytes";
        Assert.Equal(new SecondFactorSecrets(signing).KeyId, SecondFactorSecrets.FromSettings(null, signing).KeyId);
        Assert.Equal(new SecondFactorSecrets(Key).KeyId, SecondFactorSecrets.FromSettings(Key, signing).KeyId);
        Assert.Throws<InvalidOperationException>(() => new SecondFactorSecrets("short"));
    }
}
