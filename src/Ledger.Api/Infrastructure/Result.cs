using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Infrastructure;

/// <summary>An expected refusal, rendered as RFC 9457 problem details. <c>Type</c> is a stable code clients can switch on.</summary>
public sealed record ApiProblem(int Status, string Code, string Title, string? Detail = null)
{
    public const string TypeBase = "https://ledger.local/problems/";

    public ProblemHttpResult ToResult() => TypedResults.Problem(Detail, statusCode: Status, title: Title, type: TypeBase + Code);
}

/// <summary>What a use case returns: a value, or the problem that refused it. Never a silent no-op.</summary>
public readonly record struct Result<T>
{
    public T? Value { get; }
    public ApiProblem? Problem { get; }

    private Result(T? value, ApiProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public bool IsSuccess => Problem is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(ApiProblem problem) => new(default, problem);
}

public static class Problems
{
    public static ApiProblem NotFound(string what) => new(StatusCodes.Status404NotFound, "not-found", "Not found", what);
    public static ApiProblem Forbidden(string why) => new(StatusCodes.Status403Forbidden, "forbidden", "Not allowed", why);
    public static ApiProblem Invalid(string code, string detail) => new(StatusCodes.Status422UnprocessableEntity, code, "The request cannot be processed", detail);
    public static ApiProblem BadRequest(string code, string detail) => new(StatusCodes.Status400BadRequest, code, "Bad request", detail);
    public static ApiProblem Conflict(string code, string title, string detail) => new(StatusCodes.Status409Conflict, code, title, detail);

    public static ApiProblem InsufficientFunds(string detail) => Conflict("insufficient-funds", "Insufficient funds", detail);

    public static ApiProblem IdempotencyMismatch() => Conflict("idempotency-key-reused",
        "Idempotency-Key reused with a different request",
        "This Idempotency-Key was already used with a different request body; use a new key for a new request.");

    public static ApiProblem MissingIdempotencyKey() => BadRequest("idempotency-key-required",
        "This request moves money: send an Idempotency-Key header (1 to 100 printable characters) and reuse it only to retry the same request.");
}

public static class ResultHttp
{
    public static Results<Ok<T>, ProblemHttpResult> Ok<T>(Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : result.Problem!.ToResult();

    public static Results<Created<T>, ProblemHttpResult> Created<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : result.Problem!.ToResult();
}
