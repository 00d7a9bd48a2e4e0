using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Data.ReferenceData;
using Ledger.Data.Schema;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ledger.Testing;
using Ledger.Processor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ledger.Api.Tests;

/// <summary>
/// The API in process (WebApplicationFactory) on a fresh, migrated PostgreSQL database for one test class,
/// loaded with the sample facilities, fees and roster; dropped afterwards. The server comes from
/// LEDGER_ADMIN_CONNECTION (scripts/test.sh starts a project-local one and sets it).
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-for-the-ledger-api-tests-0123456789";
    public const string ProcessorApiKey = "test-processor-api-key";
    public const string WebhookSecret = "test-webhook-secret-0123456789";
    private readonly TestDatabase _database = new();

    public string ConnectionString => _database.ConnectionString;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public NpgsqlDataSource Db => _database.Db;
    /// <summary>The development card processor, in process on a real local port; its events reach the API in memory.</summary>
    public WebApplication Processor { get; private set; } = null!;
    public HttpClient ProcessorClient { get; private set; } = null!;
    protected virtual double ChargebackAfterSeconds => 1;

    protected virtual int DepositsPerMinute => 100_000;
    protected virtual int SignInsPerMinute => 1_000;
    protected virtual string LogLevel => "Warning";
    /// <summary>Extra settings for the API, for a test class that needs them.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();
    /// <summary>Extra services for the API, for a test class that needs them (after the API's own).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }
    public CapturedLogs Logs { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await ServicesMigrator.MigrateAsync(ConnectionString);
        var importer = _database.Importer;
        var dir = Path.Combine(AppContext.BaseDirectory, "reference");
        using (var r = File.OpenText(Path.Combine(dir, "facilities.csv"))) await importer.ImportFacilitiesAsync(r, "facilities.csv");
        using (var r = File.OpenText(Path.Combine(dir, "fees.csv"))) await importer.ImportFeesAsync(r, "fees.csv");
        using (var r = File.OpenText(Path.Combine(dir, "roster.csv"))) await importer.ImportRosterAsync(r, "roster.csv");

        Processor = ProcessorApp.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Processor:ApiKey"] = ProcessorApiKey,
                ["Processor:WebhookSecret"] = WebhookSecret,
                ["Processor:WebhookUrl"] = "http://localhost/processor/events",
                ["Processor:ChargebackAfterSeconds"] = ChargebackAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            b.Services.AddHttpClient(WebhookSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => Factory.Server.CreateHandler());
        });
        await Processor.StartAsync();
        var processorUrl = Processor.Urls.First();
        ProcessorClient = new HttpClient { BaseAddress = new Uri(processorUrl) };
        ProcessorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProcessorApiKey);

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("CardProcessor:BaseUrl", processorUrl);
            b.UseSetting("CardProcessor:ApiKey", ProcessorApiKey);
            b.UseSetting("CardProcessor:WebhookSecret", WebhookSecret);
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Ledger", ConnectionString);
            b.UseSetting("Auth:SigningKey", SigningKey);
            b.UseSetting("Hangfire:Server", "false");
            b.UseSetting("RateLimits:DepositsPerMinute", DepositsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("RateLimits:SignInsPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Logging:LogLevel:Default", LogLevel);
            b.UseSetting("Auth:StampCheckSeconds", "1");
            foreach (var (key, value) in Settings) b.UseSetting(key, value);
            b.ConfigureServices(s =>
            {
                s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
                ConfigureServices(s);
            });
        });
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Processor.StopAsync();
        await Processor.DisposeAsync();
        ProcessorClient.Dispose();
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static string Token(string role, string subject, params string[] facilities) =>
        LedgerTokens.Mint(SigningKey, role, subject, facilities, TimeSpan.FromHours(1));

    public HttpClient Client(string role, string subject, params string[] facilities)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, subject, facilities));
        return client;
    }

    /// <summary>As Factory.CreateClient() (redirects, cookies), and a 5xx answer carries the errors the server logged meanwhile.</summary>
    public HttpClient Anonymous() =>
        Factory.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(),
            new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new ServerErrorsInAnswers(Logs));

    public HttpClient Family(string subject) => Client(LedgerTokens.Roles.Family, subject);
    public HttpClient Resident(string personNumber) => Client(LedgerTokens.Roles.Resident, personNumber);
    public HttpClient Staff(params string[] facilities) => Client(LedgerTokens.Roles.Staff, "staff-" + string.Join("-", facilities), facilities);
    public HttpClient Operations() => Client(LedgerTokens.Roles.Operations, "ops-1");
    public HttpClient Accountant(params string[] facilities) => Client(LedgerTokens.Roles.Accountant, "acct-1", facilities);

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>Runs something with the API's scoped services (e.g. <see cref="SignInAccounts"/>, as the CLI uses it).</summary>
    /// <summary>`ledger …` in its own process, on this test's database, as operations run it from a terminal.</summary>
    public Task<(int ExitCode, string Output)> LedgerCliAsync(params string[] args) => LedgerCliAsync("", new Dictionary<string, string?>(), args);

    /// <summary>The CLI with a first line on stdin (a password) and environment variables set (a null value unsets one).</summary>
    public async Task<(int ExitCode, string Output)> LedgerCliAsync(string stdin, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var cli = AppContext.BaseDirectory.Replace(Path.Combine("tests", "Ledger.Api.Tests"), Path.Combine("src", "Ledger.Cli"), StringComparison.Ordinal);
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
            { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(cli, "ledger.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ConnectionStrings__Ledger"] = ConnectionString;
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(info)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> body)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    /// <summary>A client carrying the token a real sign-in answered.</summary>
    public async Task<HttpClient> SignedInAsync(object credentials)
    {
        using var anonymous = Anonymous();
        var token = await (await anonymous.PostAsJsonAsync("/auth/sign-in", credentials)).OkJsonAsync();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A family registered by operations with the person approved as its contact by operations.</summary>
    public async Task<string> FamilyWithContactAsync(params string[] personNumbers)
    {
        var subject = "fam-" + Guid.NewGuid().ToString("N")[..10];
        using var ops = Operations();
        (await ops.PostAsJsonAsync("/families", new { subject, displayName = "Test Family" })).EnsureSuccessStatusCode();
        foreach (var p in personNumbers)
            (await ops.PostAsJsonAsync($"/families/{subject}/contacts", new { personNumber = p })).EnsureSuccessStatusCode();
        return subject;
    }

    private static readonly Lazy<Dictionary<string, string>> LastNames = new(() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "reference", "roster.csv"))
        .Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[1], f => f[2], StringComparer.Ordinal));

    /// <summary>The roster's last name of a sample person (a card deposit names the person by number and last name).</summary>
    public static string LastNameOf(string personNumber) => LastNames.Value.GetValueOrDefault(personNumber, "NOBODY");

    /// <summary>A single-use card token from the processor, as a family's browser or phone gets it (the API never sees the number).</summary>
    public async Task<string> CardTokenAsync(string number = "4242424242424242")
    {
        var json = await (await ProcessorClient.PostAsJsonAsync("/v1/tokens", new { number })).OkJsonAsync();
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>Waits until the processor's event has settled the card payment (credited, declined, …), and returns it.</summary>
    public async Task<JsonElement> SettledPaymentAsync(long id, string until = "pending", TimeSpan? timeout = null)
    {
        using var ops = Operations();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var json = await (await ops.GetAsync($"/card-payments/{id}")).OkJsonAsync();
            if (json.GetProperty("status").GetString() != until) return json;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Card payment {id} is still {until}: {json}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A family's e-mail as its page sends it: the stamps are paid with a fresh card token at the processor, and the message
    /// is returned once the processor's confirmation (or decline) has been taken (status no longer awaiting_payment).
    /// </summary>
    public async Task<JsonElement> SendPaidMessageAsync(HttpClient family, string personNumber, string body, string key, string card = "4242424242424242")
    {
        var sent = await (await family.PostIdempotentAsync("/messages", new { personNumber, body, authorizationReference = await CardTokenAsync(card) }, key)).OkJsonAsync();
        return await MessageAfterPaymentAsync(family, sent.GetProperty("id").GetInt64());
    }

    /// <summary>Waits until a family's message is no longer in <paramref name="until"/> (by default: waiting for its payment).</summary>
    public static async Task<JsonElement> MessageAfterPaymentAsync(HttpClient family, long id, string until = "awaiting_payment")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var json = await (await family.GetAsync($"/messages/{id}")).OkJsonAsync();
            if (json.GetProperty("status").GetString() != until) return json;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Message {id} is still {until}: {json}");
            await Task.Delay(50);
        }
    }

    /// <summary>Money into a person's account through the card path: a token, a payment, the processor's confirmation.</summary>
    public async Task DepositAsync(string personNumber, long cents, string target = "trust")
    {
        using var family = Family("fam-funder");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/deposits")
        {
            Content = JsonContent.Create(new { personNumber, lastName = LastNameOf(personNumber), channel = "online", amountCents = cents, targetAccount = target, authorizationReference = await CardTokenAsync() }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var response = await family.SendAsync(request);
        var payment = await response.OkJsonAsync();
        var settled = await SettledPaymentAsync(payment.GetProperty("id").GetInt64());
        Assert.Equal("credited", settled.GetProperty("status").GetString());
    }
}

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpResponseMessage> PostIdempotentAsync(this HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with this status and problem code.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        if (code is not null) Assert.EndsWith("/" + code, json.GetProperty("type").GetString());
        return json;
    }
}

/// <summary>
/// Appends to a 5xx answer's body the Error lines the server logged while it was handled (the exception handler
/// logs the exception there), so that an assertion failing on it shows why; other answers pass untouched.
/// </summary>
public sealed class ServerErrorsInAnswers(CapturedLogs logs) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var before = logs.Lines.Count;
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode < 500) return response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var errors = logs.Lines.Skip(before).Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        var contentType = response.Content.Headers.ContentType;
        response.Content = new StringContent(body + Environment.NewLine + "Server errors logged meanwhile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        response.Content.Headers.ContentType = contentType;
        return response;
    }
}

/// <summary>Every log line the API writes, formatted, with its structured values, for tests that read the logs.</summary>
public sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
