using System.Globalization;
using Ledger.Data;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Ledger.Intake;
using Ledger.Processor;
using Microsoft.AspNetCore.Builder;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Ledger.Pages.Tests;

/// <summary>
/// The API (with its pages) on a real Kestrel port over a fresh, migrated database loaded with the sample
/// reference data; Debian's chromium driven headless by Playwright; staff members to sign in as.
/// One per test class. Screenshots go to var/test-screenshots/ at the repository root.
/// </summary>
public class PagesFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-for-the-ledger-pages-tests-0123456789";
    public const string Password = "correct horse battery";
    public const string ProcessorApiKey = "pages-processor-api-key";
    public const string WebhookSecret = "pages-webhook-secret-0123456789";
    private const string Chromium = "/usr/bin/chromium";

    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private ServiceProvider? _intake;

    public static readonly StaffMember OperationsOne = new("ops.one", "Olivia Ops", LedgerTokens.Roles.Operations, []);
    public static readonly StaffMember OperationsTwo = new("ops.two", "Omar Ops", LedgerTokens.Roles.Operations, []);
    public static readonly StaffMember Accountant = new("acct.lor", "Ada Accountant", LedgerTokens.Roles.Accountant, ["FCI-LOR"]);
    public static readonly StaffMember FacilityOfficer = new("officer.lor", "Fred Officer", LedgerTokens.Roles.Staff, ["FCI-LOR"]);

    /// <summary>Operations staff's TOTP secrets, as `ledger staff add` printed them.</summary>
    public Dictionary<string, string> TotpSecrets { get; } = new(StringComparer.Ordinal);
    // A TOTP code is good once, so each member signs in through the form once per fixture; later pages reuse the cookie.
    private readonly Dictionary<string, string> _signedInState = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signInGate = new(1, 1);

    private readonly Dictionary<string, long> _lastTotpStep = new(StringComparer.Ordinal);

    /// <summary>
    /// The member's authenticator code: the current one, or the next one when the current one was used already (a code
    /// is good once; the API accepts one step of drift), so that a test may sign the same member in twice in a row.
    /// </summary>
    public string TotpCode(StaffMember member)
    {
        lock (_lastTotpStep)
        {
            var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, _lastTotpStep.GetValueOrDefault(member.Username) + 1);
            _lastTotpStep[member.Username] = step;
            return new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(TotpSecrets[member.Username])).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
        }
    }

    public string ConnectionString => _database.ConnectionString;
    public NpgsqlDataSource Db => _database.Db;
    public TestDatabase Database => _database;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider ApiServices => _factory.Services;
    /// <summary>The development card processor on a real local port; its signed events reach the API over HTTP.</summary>
    public WebApplication Processor { get; private set; } = null!;
    public HttpClient ProcessorClient { get; private set; } = null!;

    /// <summary>Intake (MoneyGram, lockbox) on the same database, as the worker would run it.</summary>
    public IServiceProvider IntakeServices => _intake ??= new ServiceCollection()
        .AddLedgerData(ConnectionString)
        .AddLedgerIntake(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();
    public static string Samples => Path.Combine(RepositoryRoot, "samples");
    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot, "var", "test-screenshots");

    /// <summary>Extra settings for the API, for a test class that needs them.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: scripts/test.sh installs Debian's chromium (LEDGER_WITH_BROWSER=1).");
        await _database.InitializeAsync();
        await ServicesMigrator.MigrateAsync(ConnectionString);
        var dir = Path.Combine(AppContext.BaseDirectory, "reference");
        using (var r = File.OpenText(Path.Combine(dir, "facilities.csv"))) await _database.Importer.ImportFacilitiesAsync(r, "facilities.csv");
        using (var r = File.OpenText(Path.Combine(dir, "fees.csv"))) await _database.Importer.ImportFeesAsync(r, "fees.csv");
        using (var r = File.OpenText(Path.Combine(dir, "roster.csv"))) await _database.Importer.ImportRosterAsync(r, "roster.csv");

        Processor = ProcessorApp.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Processor:ApiKey"] = ProcessorApiKey,
                ["Processor:WebhookSecret"] = WebhookSecret,
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await Processor.StartAsync();
        ProcessorClient = new HttpClient { BaseAddress = new Uri(Processor.Urls.First()) };
        ProcessorClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ProcessorApiKey);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("CardProcessor:BaseUrl", Processor.Urls.First());
            b.UseSetting("CardProcessor:ApiKey", ProcessorApiKey);
            b.UseSetting("CardProcessor:WebhookSecret", WebhookSecret);
            b.UseSetting("ConnectionStrings:Ledger", ConnectionString);
            b.UseSetting("Auth:SigningKey", SigningKey);
            b.UseSetting("Hangfire:Server", "false");
            b.UseSetting("RateLimits:SignInsPerMinute", "1000");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in Settings) b.UseSetting(key, value);
        });
        _factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        // The API's port is known only now: the processor sends its events there.
        Processor.Services.GetRequiredService<ProcessorSettings>().WebhookUrl = new Uri(BaseAddress, "/processor/events").ToString();

        using (var scope = _factory.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<SignInAccounts>();
            foreach (var m in new[] { OperationsOne, OperationsTwo, Accountant, FacilityOfficer })
            {
                var (_, secret) = await accounts.SaveStaffAsync(m.Username, m.DisplayName, m.Role, m.Facilities, Password, new AccountChanger("cli:test", "operations"));
                if (secret is not null) TotpSecrets[m.Username] = secret;
            }
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_intake is not null) await _intake.DisposeAsync();
        await _factory.DisposeAsync();
        if (Processor is not null)
        {
            await Processor.StopAsync();
            await Processor.DisposeAsync();
        }
        ProcessorClient?.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page that has not signed in.</summary>
    public async Task<IPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in (through the sign-in form, once per member), on the member's home page.</summary>
    public async Task<IPage> SignedInPageAsync(StaffMember member)
    {
        var home = member.Role == LedgerTokens.Roles.Staff ? "/facility" : "/operations";
        await _signInGate.WaitAsync();
        try
        {
            if (_signedInState.TryGetValue(member.Username, out var state))
            {
                var context = await Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = BaseAddress.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1366, Height = 900 }, StorageState = state,
                });
                context.SetDefaultTimeout(30_000);
                var again = await context.NewPageAsync();
                await again.GotoAsync(home);
                return again;
            }
            var page = await AnonymousPageAsync();
            await page.GotoAsync("/operations/sign-in");
            await page.FillAsync("#username", member.Username);
            await page.FillAsync("#password", Password);
            if (TotpSecrets.ContainsKey(member.Username)) await page.FillAsync("#totp", TotpCode(member));
            await page.ClickAsync("button[type=submit]");
            await ExpectAddressEndsWithAsync(page, home);
            _signedInState[member.Username] = await page.Context.StorageStateAsync();
            return page;
        }
        finally
        {
            _signInGate.Release();
        }
    }

    /// <summary>
    /// Waits (up to the pages' 30 s) until the page's address ends with the path (and query) given. Not WaitForURLAsync: it
    /// checks the load state and then subscribes to it, and can miss a load that happens in between, timing out on a page
    /// that did load (playwright-dotnet issue 3364; seen once in CI, at a sign-in). The assertion polls the address instead.
    /// </summary>
    public static Task ExpectAddressEndsWithAsync(IPage page, string pathAndQuery) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(pathAndQuery) + "$"),
            new PageAssertionsToHaveURLOptions { Timeout = 30_000 });

    /// <summary>A full-page screenshot in var/test-screenshots/, named after the test and the step.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed record StaffMember(string Username, string DisplayName, string Role, string[] Facilities);
