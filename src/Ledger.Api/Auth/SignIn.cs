using Ledger.Api.Infrastructure;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Ledger.Domain.People;
using Mediator;

namespace Ledger.Api.Auth;

/// <summary>
/// One sign-in for everyone: <c>userName</c> + <c>password</c> (+ <c>totp</c> for operations) is a member of staff,
/// <c>email</c> + <c>password</c> a family, <c>personNumber</c> + <c>pin</c> a resident.
/// </summary>
public sealed record SignInRequest(string? UserName, string? Email, string? PersonNumber, string? Password, string? Pin, string? Totp);
public sealed record TokenView(string AccessToken, string TokenType, int ExpiresIn, string Role, string Subject);

public sealed record SignInCommand(SignInRequest Request) : ICommand<Result<TokenView>>;

public sealed class SignInHandler(SignInAccounts accounts, LedgerDirectory directory, AuthSettings auth, TimeProvider clock)
    : ICommandHandler<SignInCommand, Result<TokenView>>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async ValueTask<Result<TokenView>> Handle(SignInCommand command, CancellationToken ct)
    {
        var r = command.Request;
        var (kind, login, secret) = (r.UserName, r.Email, r.PersonNumber) switch
        {
            ({ } user, null, null) => (AccountKinds.Staff, user, r.Password),
            (null, { } email, null) => (AccountKinds.Family, email, r.Password),
            (null, null, { } number) => (AccountKinds.Resident, number, r.Pin),
            _ => (null, null, null),
        };
        if (kind is null)
            return Problems.BadRequest("invalid-sign-in", "Sign in with one of: userName and password (staff), email and password (family), personNumber and pin (resident).");

        var result = await accounts.CheckAsync(kind, login!, secret ?? "", r.Totp, ct);
        if (result.Outcome == SignInOutcome.SecondFactorRequired)
            return new ApiProblem(StatusCodes.Status401Unauthorized, "second-factor-required", "Second factor required",
                "This account also needs the current code of its authenticator app: send it as totp.");
        if (result.Account is not { } account) return Failed();

        var facilities = account.Facilities;
        if (account.Kind == AccountKinds.Resident)
        {
            // A resident's facility is the roster's today, and only people in custody sign in.
            var person = await directory.FindPersonAsync(account.Subject, ct);
            if (person is not { Status: PersonStatus.InCustody }) return Failed();
            facilities = [person.FacilityCode];
        }
        var token = LedgerTokens.Mint(auth.SigningKey, account.Role, account.Subject, facilities, Lifetime, clock.GetUtcNow(), account.Id, account.SecurityStamp);
        return new TokenView(token, "Bearer", (int)Lifetime.TotalSeconds, account.Role, account.Subject);
    }

    // The same answer for an unknown name, a wrong secret and a locked account: nothing tells them apart.
    private static ApiProblem Failed() => new(StatusCodes.Status401Unauthorized, "sign-in-failed", "Sign-in failed",
        "Unknown name, wrong password or PIN, or the account is locked for a while after too many wrong tries.");
}

public static class SignInEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/sign-in", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<TokenView>,
                Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>> (SignInRequest body, IMediator mediator, CancellationToken ct) =>
                ResultHttp.Ok(await mediator.Send(new SignInCommand(body), ct)))
            .AllowAnonymous()
            .RequireRateLimiting(SignInRateLimit)
            .WithTags("Auth")
            .WithName("signIn")
            .WithSummary("Sign in (staff: userName+password[+totp]; family: email+password; resident: personNumber+pin) and get a bearer token")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Signing out ends every session of the account, not only this token: a token cannot be taken back one by one.
        app.MapPost("/auth/sign-out", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.NoContent,
                Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>> (HttpContext http, AccountStamps stamps, CancellationToken ct) =>
                await stamps.SignOutEverywhereAsync(http.User, ct)
                    ? TypedResults.NoContent()
                    : Problems.Conflict("no-account", "No account to sign out",
                        "This token was minted with the signing key and belongs to no sign-in account; it ends when it expires.").ToResult())
            .RequireAuthorization()
            .WithTags("Auth")
            .WithName("signOut")
            .WithSummary("Sign out everywhere: every token and page session of this account stops working")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

public sealed record AuthSettings(string SigningKey);
