using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Api.Features.Families;

public sealed record CreateFamilyRequest(string Subject, string DisplayName, string? Email, string? Password);
public sealed record FamilyView(string Subject, string DisplayName, string? Email, DateTimeOffset CreatedAt);

public sealed record CreateFamilyCommand(Actor Actor, CreateFamilyRequest Request) : ICommand<Result<FamilyView>>;

public sealed class CreateFamilyHandler(ServicesDbContext db, TimeProvider clock) : ICommandHandler<CreateFamilyCommand, Result<FamilyView>>
{
    public async ValueTask<Result<FamilyView>> Handle(CreateFamilyCommand command, CancellationToken ct)
    {
        var r = command.Request;
        if (string.IsNullOrWhiteSpace(r.Subject) || r.Subject.Length > 64 || r.Subject.Any(c => c is < '!' or > '~' or ':'))
            return Problems.Invalid("invalid-subject", "subject is 1-64 printable characters without ':'.");
        if (string.IsNullOrWhiteSpace(r.DisplayName)) return Problems.Invalid("invalid-name", "displayName is required.");
        if (r.Password is { Length: < 10 }) return Problems.Invalid("weak-password", "A password has at least 10 characters.");
        if (await db.Families.AnyAsync(f => f.Subject == r.Subject || (r.Email != null && f.Email == r.Email), ct))
            return Problems.Conflict("family-exists", "Family exists", "A family with this subject or e-mail exists.");
        var row = new FamilyRow
        {
            Subject = r.Subject, DisplayName = r.DisplayName.Trim(), Email = r.Email?.Trim().ToLowerInvariant(),
            PasswordHash = r.Password is null ? null : Passwords.Hash(r.Password), CreatedAt = clock.Now(),
        };
        db.Families.Add(row);
        Audit.Record(db, command.Actor, "family.create", "family", row.Subject, null, null, new { row.Subject, row.DisplayName, row.Email }, row.CreatedAt);
        await db.SaveChangesAsync(ct);
        return new FamilyView(row.Subject, row.DisplayName, row.Email, row.CreatedAt);
    }
}

public sealed record SignInRequest(string Email, string Password);
public sealed record TokenView(string AccessToken, string TokenType, int ExpiresIn);

public sealed record SignInCommand(SignInRequest Request) : ICommand<Result<TokenView>>;

public sealed class SignInHandler(ServicesDbContext db, AuthSettings auth, TimeProvider clock) : ICommandHandler<SignInCommand, Result<TokenView>>
{
    public async ValueTask<Result<TokenView>> Handle(SignInCommand command, CancellationToken ct)
    {
        var email = (command.Request.Email ?? "").Trim().ToLowerInvariant();
        var family = await db.Families.AsNoTracking().FirstOrDefaultAsync(f => f.Email == email, ct);
        // The same answer, and about the same work, for an unknown e-mail and a wrong password.
        var ok = Passwords.Verify(command.Request.Password ?? "", family?.PasswordHash ?? Passwords.Hash("no such family"));
        if (family?.PasswordHash is null || !ok)
            return new ApiProblem(StatusCodes.Status401Unauthorized, "sign-in-failed", "Sign-in failed", "Unknown e-mail or wrong password.");
        var lifetime = TimeSpan.FromHours(1);
        var token = LedgerTokens.Mint(auth.SigningKey, LedgerTokens.Roles.Family, family.Subject, [], lifetime, clock.Now());
        return new TokenView(token, "Bearer", (int)lifetime.TotalSeconds);
    }
}

public sealed record ApproveContactRequest(string PersonNumber);
public sealed record ContactView(string FamilySubject, string PersonNumber, string FacilityCode, string ApprovedBy, DateTimeOffset ApprovedAt);

public sealed record ApproveContactCommand(Actor Actor, string FamilySubject, ApproveContactRequest Request) : ICommand<Result<ContactView>>;

/// <summary>Staff of the person's facility (or operations) approve a family as one of the person's contacts.</summary>
public sealed class ApproveContactHandler(ServicesDbContext db, LedgerDirectory directory, TimeProvider clock) : ICommandHandler<ApproveContactCommand, Result<ContactView>>
{
    public async ValueTask<Result<ContactView>> Handle(ApproveContactCommand command, CancellationToken ct)
    {
        var number = (command.Request.PersonNumber ?? "").Trim().ToUpperInvariant();
        var person = await directory.FindPersonAsync(number, ct);
        if (person is null) return Problems.Invalid("unknown-person", $"No person {number} is on any roster.");
        if (!command.Actor.ServesFacility(person.FacilityCode)) return Problems.Forbidden($"{number} is held at a facility you do not serve.");
        if (!await db.Families.AnyAsync(f => f.Subject == command.FamilySubject, ct)) return Problems.NotFound($"No family {command.FamilySubject}.");
        var existing = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.FamilySubject == command.FamilySubject && c.PersonNumber == number, ct);
        if (existing is not null) return new ContactView(existing.FamilySubject, existing.PersonNumber, person.FacilityCode, existing.ApprovedBy, existing.ApprovedAt);
        var row = new ContactRow { FamilySubject = command.FamilySubject, PersonNumber = number, ApprovedBy = command.Actor.Subject, ApprovedAt = clock.Now() };
        db.Contacts.Add(row);
        Audit.Record(db, command.Actor, "contact.approve", "family_contact", $"{row.FamilySubject}/{row.PersonNumber}", person.FacilityCode,
            null, new { row.FamilySubject, row.PersonNumber }, row.ApprovedAt);
        await db.SaveChangesAsync(ct);
        return new ContactView(row.FamilySubject, row.PersonNumber, person.FacilityCode, row.ApprovedBy, row.ApprovedAt);
    }
}

public sealed record ListContactsQuery(Actor Actor, string FamilySubject) : IQuery<Result<IReadOnlyList<ContactView>>>;

public sealed class ListContactsHandler(ServicesDbContext db, LedgerDirectory directory) : IQueryHandler<ListContactsQuery, Result<IReadOnlyList<ContactView>>>
{
    public async ValueTask<Result<IReadOnlyList<ContactView>>> Handle(ListContactsQuery query, CancellationToken ct)
    {
        if (query.Actor.IsFamily && query.Actor.Subject != query.FamilySubject) return Problems.Forbidden("A family sees only its own contacts.");
        var rows = await db.Contacts.AsNoTracking().Where(c => c.FamilySubject == query.FamilySubject).OrderBy(c => c.Id).ToListAsync(ct);
        var views = new List<ContactView>();
        foreach (var c in rows)
            views.Add(new ContactView(c.FamilySubject, c.PersonNumber, (await directory.FindPersonAsync(c.PersonNumber, ct))?.FacilityCode ?? "", c.ApprovedBy, c.ApprovedAt));
        return views;
    }
}

public sealed record AuthSettings(string SigningKey);
