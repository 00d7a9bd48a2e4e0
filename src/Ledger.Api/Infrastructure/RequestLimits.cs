using Microsoft.AspNetCore.Http.Features;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Request bodies are capped far below Kestrel's 30 MB (<c>Limits:MaxRequestBodyBytes</c>, default 1 MiB: the longest
/// message, 100,000 characters, fits). A declared length over the cap is refused at once with a 413 problem; a chunked
/// body is cut off by the server at the same cap.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, IConfiguration config)
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;
    private readonly long _max = config.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxBodyBytes);

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (http.Request.ContentLength > _max)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge, Title = "Request too large", Type = ApiProblem.TypeBase + "payload-too-large",
                    Detail = FormattableString.Invariant($"A request body has at most {_max} bytes."),
                },
            });
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = _max;
        await next(http);
    }
}
