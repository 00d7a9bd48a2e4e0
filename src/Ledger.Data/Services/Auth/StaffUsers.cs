using Microsoft.EntityFrameworkCore;

namespace Ledger.Data.Services.Auth;

/// <summary>Who may sign in to the operations pages, and checking their passwords. Used by the pages and by `ledger staff`.</summary>
public sealed class StaffUsers(ServicesDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Roles = [LedgerTokens.Roles.Operations, LedgerTokens.Roles.Accountant, LedgerTokens.Roles.Staff];
    public const int MinimumPasswordLength = 10;

    /// <summary>Adds a member of staff, or replaces the role, name, facilities and password of one with that user name.</summary>
    public async Task<StaffUserRow> SaveAsync(string username, string displayName, string role, IReadOnlyCollection<string> facilities, string password, CancellationToken ct = default)
    {
        username = (username ?? "").Trim().ToLowerInvariant();
        if (username.Length == 0 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new ArgumentException("A user name is letters, digits, '.', '-' or '_'.", nameof(username));
        if (!Roles.Contains(role))
            throw new ArgumentException($"Unknown staff role '{role}': one of {string.Join(", ", Roles)}.", nameof(role));
        if ((password ?? "").Length < MinimumPasswordLength)
            throw new ArgumentException($"A password has at least {MinimumPasswordLength} characters.", nameof(password));
        if (role != LedgerTokens.Roles.Operations && facilities.Count == 0)
            throw new ArgumentException($"A {role} serves at least one facility (--facility).", nameof(facilities));

        var row = await db.StaffUsers.FirstOrDefaultAsync(s => s.Username == username, ct);
        if (row is null)
        {
            row = new StaffUserRow { Username = username, DisplayName = "", Role = role, PasswordHash = "", CreatedAt = clock.GetUtcNow() };
            db.StaffUsers.Add(row);
        }
        row.DisplayName = string.IsNullOrWhiteSpace(displayName) ? username : displayName.Trim();
        row.Role = role;
        row.Facilities = facilities.Select(f => f.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        row.PasswordHash = Passwords.Hash(password!);
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>The member of staff when the password is right; null otherwise (the same work either way).</summary>
    public async Task<StaffUserRow?> CheckAsync(string username, string password, CancellationToken ct = default)
    {
        username = (username ?? "").Trim().ToLowerInvariant();
        var row = await db.StaffUsers.AsNoTracking().FirstOrDefaultAsync(s => s.Username == username, ct);
        var ok = Passwords.Verify(password ?? "", row?.PasswordHash ?? UnknownUserHash);
        return row is not null && ok ? row : null;
    }

    private static readonly string UnknownUserHash = Passwords.Hash("no such member of staff");
}
