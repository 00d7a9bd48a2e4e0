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

public sealed class CreateFamilyHandler(ServicesDbContext db, SignInAccounts accounts, TimeProvider clock) : ICommandHandler<CreateFamilyCommand, Result<FamilyView>>
{
    public async ValueTask<Result<FamilyView>> Handle(CreateFamilyCommand command, CancellationToken ct)
    {
        var r = command.Request;
        if (string.IsNullOrWhiteSpace(r.Subject) || r.Subject.Length > 64 || r.Subject.Any(c => c is < '!' or > '~' or ':'))
            return Problems.Invalid("invalid-subject", "subject is 1-64 printable characters without ':'.");
        return await FamilyRegistration.AddAsync(db, accounts, command.Actor, r.Subject, r.DisplayName, r.Email, r.Password, clock.Now(), ct);
    }
}

/// <summary>A family registers itself: e-mail and password; its contacts are still approved by the facility.</summary>
public sealed record RegisterFamilyRequest(string Email, string Password, string DisplayName);

public sealed record RegisterFamilyCommand(RegisterFamilyRequest Request) : ICommand<Result<FamilyView>>;

public sealed class RegisterFamilyHandler(ServicesDbContext db, SignInAccounts accounts, TimeProvider clock) : ICommandHandler<RegisterFamilyCommand, Result<FamilyView>>
{
    public async ValueTask<Result<FamilyView>> Handle(RegisterFamilyCommand command, CancellationToken ct)
    {
        var r = command.Request;
        if (string.IsNullOrWhiteSpace(r.Email)) return Problems.Invalid("invalid-email", "email is required.");
        if (string.IsNullOrEmpty(r.Password)) return Problems.Invalid("weak-password", $"A password has at least {SignInAccounts.MinimumPasswordLength} characters.");
        var subject = "fam-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var self = new Actor(LedgerTokens.Roles.Family, subject, new HashSet<string>());
        return await FamilyRegistration.AddAsync(db, accounts, self, subject, r.DisplayName, r.Email, r.Password, clock.Now(), ct);
    }
}

internal static class FamilyRegistration
{
    public static async Task<Result<FamilyView>> AddAsync(ServicesDbContext db, SignInAccounts accounts, Actor actor, string subject, string? displayName,
        string? email, string? password, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(displayName)) return Problems.Invalid("invalid-name", "displayName is required.");
        email = string.IsNullOrWhiteSpace(email) ? null : SignInAccounts.NormalizeEmail(email);
        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
            return Problems.Invalid("invalid-email", "email is not an e-mail address.");
        if (password is { Length: < SignInAccounts.MinimumPasswordLength })
            return Problems.Invalid("weak-password", $"A password has at least {SignInAccounts.MinimumPasswordLength} characters.");
        if (password is not null && email is null) return Problems.Invalid("invalid-email", "A family that signs in needs an e-mail.");
        if (await db.Families.AnyAsync(f => f.Subject == subject || (email != null && f.Email == email), ct)) return Exists();
        var row = new FamilyRow { Subject = subject, DisplayName = displayName.Trim(), Email = email, CreatedAt = now };
        db.Families.Add(row);
        if (password is not null) accounts.AddFamily(subject, email!, row.DisplayName, password);
        Audit.Record(db, actor, "family.create", "family", row.Subject, null, null, new { row.Subject, row.DisplayName, row.Email }, row.CreatedAt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Exists(); // another request registered the same subject or e-mail in between
        }
        return new FamilyView(row.Subject, row.DisplayName, row.Email, row.CreatedAt);
    }

    private static ApiProblem Exists() => Problems.Conflict("family-exists", "Family exists", "A family with this subject or e-mail exists.");
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Approved by someone else in between: the same answer as when it was there first.
            return Problems.Conflict("contact-exists", "Contact already approved", $"{number} was approved as this family's contact meanwhile.");
        }
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
