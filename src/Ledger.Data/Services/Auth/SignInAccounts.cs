using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Ledger.Data.Services.Auth;

public static class AccountKinds
{
    public const string Staff = "staff";
    public const string Family = "family";
    public const string Resident = "resident";
}

public enum SignInOutcome { SignedIn, Failed, SecondFactorRequired }

public sealed record SignInResult(SignInOutcome Outcome, SignInAccountRow? Account)
{
    public static readonly SignInResult Failed = new(SignInOutcome.Failed, null);
}

/// <summary>Who changed an account (for the audit row): a signed-in actor, or the command line.</summary>
public sealed record AccountChanger(string Subject, string Role);

/// <summary>
/// The one identity system: every account (staff, family, resident) is created, changed and checked here, by the API,
/// the pages and the `ledger` command alike. Ten wrong secrets in a row lock the account for fifteen minutes (the right
/// one is refused meanwhile); an unknown name costs the same one hash as a known one; each change of role, facilities
/// or secret renews the security stamp so that tokens and cookies issued before stop working.
/// </summary>
public sealed class SignInAccounts(ServicesDbContext db, TimeProvider clock, SecondFactorSecrets? secondFactors = null)
{
    public static readonly IReadOnlyList<string> StaffRoles = [LedgerTokens.Roles.Operations, LedgerTokens.Roles.Accountant, LedgerTokens.Roles.Staff];
    public const int MinimumPasswordLength = 10;
    public const int MaxFailures = 10;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    // Verified against when the name is unknown, so that an unknown name costs one hash like a known one.
    private static readonly string UnknownAccountHash = Passwords.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SecondFactorSecrets SecondFactors => secondFactors
        ?? throw new InvalidOperationException("This use of the accounts was set up without the second-factor key (Auth:SecondFactorKey or Auth:SigningKey).");

    public static string NormalizeUserName(string? username) => (username ?? "").Trim().ToLowerInvariant();
    public static string NormalizeEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();
    public static string NormalizePersonNumber(string? number) => (number ?? "").Trim().ToUpperInvariant();

    /// <summary>
    /// Adds a member of staff, or replaces the role, name, facilities and password of one with that user name.
    /// Operations staff get a TOTP secret (returned once, when it is made); other roles sign in with the password alone.
    /// </summary>
    public async Task<(SignInAccountRow Account, string? NewTotpSecret)> SaveStaffAsync(string username, string displayName, string role,
        IReadOnlyCollection<string> facilities, string password, AccountChanger by, CancellationToken ct = default)
    {
        username = NormalizeUserName(username);
        if (username.Length is 0 or > 64 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new ArgumentException("A user name is 1-64 letters, digits, '.', '-' or '_'.", nameof(username));
        if (!StaffRoles.Contains(role))
            throw new ArgumentException($"Unknown staff role '{role}': one of {string.Join(", ", StaffRoles)}.", nameof(role));
        if ((password ?? "").Length < MinimumPasswordLength)
            throw new ArgumentException($"A password has at least {MinimumPasswordLength} characters.", nameof(password));
        if (role != LedgerTokens.Roles.Operations && facilities.Count == 0)
            throw new ArgumentException($"A {role} serves at least one facility (--facility).", nameof(facilities));

        var now = clock.GetUtcNow();
        var row = await db.Accounts.FirstOrDefaultAsync(a => a.Kind == AccountKinds.Staff && a.Login == username, ct);
        var before = row is null ? null : Describe(row);
        if (row is null)
        {
            row = NewRow(AccountKinds.Staff, username, username, role, "", now);
            db.Accounts.Add(row);
        }
        row.DisplayName = string.IsNullOrWhiteSpace(displayName) ? username : displayName.Trim();
        row.Role = role;
        row.Facilities = facilities.Select(f => f.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        row.SecretHash = Passwords.Hash(password!);
        string? newSecret = null;
        if (role == LedgerTokens.Roles.Operations && row.TotpSecret is null)
        {
            newSecret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
            row.TotpSecret = SecondFactors.Seal(newSecret, row.Login);
        }
        if (role != LedgerTokens.Roles.Operations) { row.TotpSecret = null; row.TotpLastStep = null; }
        Renew(row, now);
        row.FailedCount = 0;
        row.LockedUntil = null;
        AddAudit(by, before is null ? "staff.create" : "staff.change", row, before, Describe(row), now);
        await db.SaveChangesAsync(ct);
        return (row, newSecret);
    }

    /// <summary>Sets or resets a resident's PIN (4-8 digits): a new one unlocks the account and ends its sessions.</summary>
    public async Task<SignInAccountRow> SetResidentPinAsync(string personNumber, string facilityCode, string displayName, string pin, AccountChanger by,
        CancellationToken ct = default)
    {
        personNumber = NormalizePersonNumber(personNumber);
        if (pin is null || pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit))
            throw new ArgumentException("A PIN is 4 to 8 digits.", nameof(pin));
        var now = clock.GetUtcNow();
        var row = await db.Accounts.FirstOrDefaultAsync(a => a.Kind == AccountKinds.Resident && a.Login == personNumber, ct);
        var before = row is null ? null : Describe(row);
        if (row is null)
        {
            row = NewRow(AccountKinds.Resident, personNumber, personNumber, LedgerTokens.Roles.Resident, displayName, now);
            db.Accounts.Add(row);
        }
        row.Facilities = [facilityCode];
        row.SecretHash = Passwords.Hash(pin);
        row.FailedCount = 0;
        row.LockedUntil = null;
        Renew(row, now);
        AddAudit(by, "resident.pin-set", row, before, Describe(row), now);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>A family's account, added to the caller's unit of work (the family row and its account commit together).</summary>
    public SignInAccountRow AddFamily(string subject, string email, string displayName, string password)
    {
        if ((password ?? "").Length < MinimumPasswordLength)
            throw new ArgumentException($"A password has at least {MinimumPasswordLength} characters.", nameof(password));
        var row = NewRow(AccountKinds.Family, NormalizeEmail(email), subject, LedgerTokens.Roles.Family, displayName, clock.GetUtcNow());
        row.SecretHash = Passwords.Hash(password!);
        db.Accounts.Add(row);
        return row;
    }

    /// <summary>
    /// Checks a sign-in. Always one hash, whether the name is known, unknown or locked; a failure (unknown name
    /// included) is audited; ten failures in a row lock the account. When the account has a TOTP secret and no code
    /// was given, the answer is <see cref="SignInOutcome.SecondFactorRequired"/> (only after the right password).
    /// </summary>
    public async Task<SignInResult> CheckAsync(string kind, string login, string secret, string? totpCode, CancellationToken ct = default)
    {
        login = kind switch
        {
            AccountKinds.Staff => NormalizeUserName(login),
            AccountKinds.Family => NormalizeEmail(login),
            _ => NormalizePersonNumber(login),
        };
        var row = login.Length == 0 ? null : await db.Accounts.FirstOrDefaultAsync(a => a.Kind == kind && a.Login == login, ct);
        var right = Passwords.Verify(secret ?? "", row?.SecretHash ?? UnknownAccountHash);
        var now = clock.GetUtcNow();

        if (row is null) return await FailAsync(null, kind, login, "unknown account", now, ct);
        if (row.LockedUntil is { } until && until > now) return await FailAsync(row, kind, login, "locked", now, ct, count: false);
        if (!right) return await FailAsync(row, kind, login, "wrong secret", now, ct);
        // Operations always sign in with a second factor: an account carried over without one (before TOTP existed)
        // is refused until `ledger staff add` saves it again and prints its secret.
        if (row.Role == LedgerTokens.Roles.Operations && row.TotpSecret is null)
            return await FailAsync(row, kind, login, "operations account without a second factor", now, ct, count: false);
        if (row.TotpSecret is not null)
        {
            if (string.IsNullOrWhiteSpace(totpCode)) return new SignInResult(SignInOutcome.SecondFactorRequired, null);
            string plainSecret;
            try
            {
                plainSecret = SecondFactors.Open(row.TotpSecret, row.Login);
            }
            catch (CryptographicException)
            {
                // Changed in the database, or copied from another account: no code can match it.
                return await FailAsync(row, kind, login, "second-factor secret does not open", now, ct, count: false);
            }
            catch (SecondFactorKeyMismatchException e)
            {
                // A set-up fault, not the person's: said in the audit row, not counted against them.
                return await FailAsync(row, kind, login, e.Message, now, ct, count: false);
            }
            var totp = new Totp(Base32Encoding.ToBytes(plainSecret));
            // One step either side for clock drift; a step already used is refused (a code is good once).
            if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, totpCode.Trim(), out var step, new VerificationWindow(1, 1)) || step <= (row.TotpLastStep ?? -1))
                return await FailAsync(row, kind, login, "wrong second factor", now, ct);
            row.TotpLastStep = step;
            // A secret stored plain by a version before sealing is sealed on its first good use.
            if (!SecondFactorSecrets.IsSealed(row.TotpSecret)) row.TotpSecret = SecondFactors.Seal(plainSecret, row.Login);
        }
        row.FailedCount = 0;
        row.LockedUntil = null;
        if (Passwords.NeedsRehash(row.SecretHash)) row.SecretHash = Passwords.Hash(secret!);
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.SignedIn, row);
    }

    /// <summary>
    /// One namespace for "is this the same person" (four-eyes, keyed_by, approved_by): the sign-in account, "subject#id",
    /// whichever channel (page, token, CLI) the person came through.
    /// </summary>
    public static string IdentityOf(string subject, long accountId) => string.Create(CultureInfo.InvariantCulture, $"{subject}#{accountId}");

    /// <summary>
    /// The identity of a member of staff named on the command line (`ledger review --staff NAME`): their sign-in account's,
    /// so that keying from a terminal and approving on the page (or the reverse) is still one person. A name that is no
    /// sign-in account (a database without accounts, e.g. in development) stays as given: it cannot be mistaken for an account's.
    /// </summary>
    public async Task<string> StaffIdentityAsync(string userName, CancellationToken ct = default)
    {
        var login = NormalizeUserName(userName);
        var row = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Kind == AccountKinds.Staff && a.Login == login, ct);
        return row is null ? userName : IdentityOf(row.Subject, row.Id);
    }

    /// <summary>
    /// Signs an account out everywhere: a new security stamp, so every token and cookie issued before it stops working (on the
    /// node that signs out at once, on others within the stamp check interval). Audited. False when there is no such account.
    /// </summary>
    public async Task<bool> SignOutEverywhereAsync(long accountId, CancellationToken ct = default)
    {
        var row = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (row is null) return false;
        var now = clock.GetUtcNow();
        Renew(row, now);
        AddAudit(new AccountChanger(row.Subject, row.Role), "sign-out", row, null, new { everywhere = true }, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The account's security stamp now (null when the account no longer exists).</summary>
    public Task<string?> CurrentStampAsync(long accountId, CancellationToken ct = default) =>
        db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.SecurityStamp).FirstOrDefaultAsync(ct);

    private async Task<SignInResult> FailAsync(SignInAccountRow? row, string kind, string login, string why, DateTimeOffset now, CancellationToken ct, bool count = true)
    {
        if (row is not null && count)
        {
            // Counted in the database, so that parallel guesses cannot slip past the limit.
            var lockUntil = now + LockoutTime;
            await db.Accounts.Where(a => a.Id == row.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.FailedCount, a => a.FailedCount + 1)
                .SetProperty(a => a.LockedUntil, a => a.FailedCount + 1 >= MaxFailures ? lockUntil : a.LockedUntil), ct);
        }
        db.AuditLog.Add(new AuditEntryRow
        {
            ActorSubject = row?.Subject ?? "anonymous", ActorRole = row?.Role ?? "anonymous", Action = "sign-in.failed",
            EntityType = "account", EntityId = $"{kind}:{(login.Length > 64 ? login[..64] : login)}",
            FacilityCode = row?.Facilities.FirstOrDefault(), After = JsonSerializer.Serialize(new { reason = why }, Json), At = now,
        });
        await db.SaveChangesAsync(ct);
        return SignInResult.Failed;
    }

    private void AddAudit(AccountChanger by, string action, SignInAccountRow row, object? before, object after, DateTimeOffset now) =>
        db.AuditLog.Add(new AuditEntryRow
        {
            ActorSubject = by.Subject, ActorRole = by.Role, Action = action, EntityType = "account", EntityId = $"{row.Kind}:{row.Login}",
            FacilityCode = row.Facilities.FirstOrDefault(),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json), After = JsonSerializer.Serialize(after, Json), At = now,
        });

    // What the audit shows of an account: never a hash or a TOTP secret.
    private static object Describe(SignInAccountRow row) => new
    {
        row.Kind, row.Login, row.Role, row.DisplayName, Facilities = row.Facilities.ToArray(), SecondFactor = row.TotpSecret is not null,
    };

    private static SignInAccountRow NewRow(string kind, string login, string subject, string role, string displayName, DateTimeOffset now) => new()
    {
        Kind = kind, Login = login, Subject = subject, Role = role, DisplayName = displayName, SecretHash = "", SecurityStamp = NewStamp(),
        CreatedAt = now, ChangedAt = now,
    };

    private static void Renew(SignInAccountRow row, DateTimeOffset now)
    {
        row.SecurityStamp = NewStamp();
        row.ChangedAt = now;
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
