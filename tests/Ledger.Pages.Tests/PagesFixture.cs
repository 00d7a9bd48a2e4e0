using System.Globalization;
using Ledger.Data;
using Ledger.Data.Services;
using Ledger.Data.Services.Auth;
using Ledger.Intake;
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
    private const string Chromium = "/usr/bin/chromium";

    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private ServiceProvider? _intake;

    public static readonly StaffMember OperationsOne = new("ops.one", "Olivia Ops", LedgerTokens.Roles.Operations, []);
    public static readonly StaffMember OperationsTwo = new("ops.two", "Omar Ops", LedgerTokens.Roles.Operations, []);
    public static readonly StaffMember Accountant = new("acct.lor", "Ada Accountant", LedgerTokens.Roles.Accountant, ["FCI-LOR"]);

    public string ConnectionString => _database.ConnectionString;
    public NpgsqlDataSource Db => _database.Db;
    public TestDatabase Database => _database;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider ApiServices => _factory.Services;

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

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
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

        using (var scope = _factory.Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffUsers>();
            foreach (var m in new[] { OperationsOne, OperationsTwo, Accountant })
                await staff.SaveAsync(m.Username, m.DisplayName, m.Role, m.Facilities, Password);
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
        await _database.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page that has not signed in.</summary>
    public async Task<IPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), AcceptDownloads = true, ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in through the sign-in form, on the overview page.</summary>
    public async Task<IPage> SignedInPageAsync(StaffMember member)
    {
        var page = await AnonymousPageAsync();
        await page.GotoAsync("/operations/sign-in");
        await page.FillAsync("#username", member.Username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/operations", StringComparison.Ordinal));
        return page;
    }

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
