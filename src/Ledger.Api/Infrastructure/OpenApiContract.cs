using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The API's contract in /openapi/v1.json, for every operation alike: an operationId (its endpoint name, else made
/// from method and path), and the problem answers it can give: 401/403 where a token is required, 429 where rate
/// limited, 400/413 where a body is read, and the 4XX range for the use case's own refusals (404, 409, 422…), each an
/// RFC 9457 problem whose <c>type</c> names it. Endpoints state their specific ones with <c>ProducesProblem</c>.
/// </summary>
public sealed class OpenApiContract : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    private const string ProblemSchema = "Problem";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(description.HttpMethod ?? "get", description.RelativePath ?? "");
        operation.Responses ??= [];

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorized = !anonymous && metadata.OfType<IAuthorizeData>().Any();
        if (authorized)
        {
            Add(operation, "401", "No valid bearer token (missing, expired, or the account changed since sign-in)");
            Add(operation, "403", "The caller's role or facilities do not allow this");
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.Any(m => m.GetType().Name.Contains("RateLimiting", StringComparison.Ordinal)))
            Add(operation, "429", "Too many requests: slow down and retry later");
        if (operation.RequestBody is not null)
        {
            Add(operation, "400", "The body is not the JSON this operation reads");
            Add(operation, "413", "The body is larger than the API accepts");
        }
        Add(operation, "4XX", "Refused: a problem (RFC 9457) whose type names why (e.g. not-found, validation codes, conflicts)");
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Description ??= "Ledger: card deposits, balances and statements, e-mail with stamps, media, requests and video visits.";
        document.Info.License ??= new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            tag.Description ??= TagDescriptions.TryGetValue(tag.Name ?? "", out var text) ? text : tag.Name;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details; type ends in a stable code clients can switch on.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        };
        foreach (var operation in (document.Paths ?? new OpenApiPaths()).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
            foreach (var (code, response) in operation.Responses ?? new OpenApiResponses())
            {
                if (!code.StartsWith('4') || response is not OpenApiResponse r) continue;
                r.Content ??= new Dictionary<string, OpenApiMediaType>();
                r.Content.Remove("application/json");
                r.Content["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) };
            }
        document.Components.Schemas.Remove("ProblemDetails"); // every problem answer now refers to Problem
        return Task.CompletedTask;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Sign-in for everyone: staff (user name, password, TOTP for operations), families (e-mail, password), residents (person number, PIN).",
        ["Families"] = "Families (senders): self-registration and the contacts the facility approved.",
        ["Deposits"] = "Card deposits by phone, online and mobile, with their fees and idempotency.",
        ["Accounts"] = "A person's balances, statements and trust-to-media transfers.",
        ["E-mail"] = "Messages with stamps between families and residents, and the facility's screening queue.",
        ["Media"] = "Each facility's media catalog, purchases, rentals and the resident's library.",
        ["Requests"] = "Medical, grievance, classification and support requests with facility deadlines.",
        ["Video visits"] = "Visit slots published by the facility and the visits families book.",
        ["Operations"] = "Payment operations: audit log, health.",
        ["Keying"] = "Lockbox items OCR could not settle: keyed by hand, four-eyes above the threshold.",
        ["Reconciliation"] = "The day's reconciliation per file, facility and clearing account.",
        ["Returns"] = "Money going back to senders: the manifest, the letters, and their disposition.",
        ["Statements"] = "A facility's resident statements and trial balance.",
    };

    private static void Add(OpenApiOperation operation, string code, string description)
    {
        if (operation.Responses!.TryGetValue(code, out var existing))
        {
            if (existing is OpenApiResponse { Description: null or "" or "Bad Request" or "Not Found" or "Conflict" or "Unprocessable Entity" or "Forbidden" or "Unauthorized" or "Too Many Requests" } known)
                known.Description = description;
            return;
        }
        operation.Responses[code] = new OpenApiResponse { Description = description };
    }

    /// <summary>"GET people/{n}/balances" → "getPeopleNBalances": camelCase, URL-safe, unique per method and path.</summary>
    public static string OperationId(string method, string path)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Trim('{', '}').Split(':')[0];
            foreach (var word in name.Split('-', '_', '.'))
                if (word.Length > 0) id.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
        }
        return id.ToString();
    }
}
