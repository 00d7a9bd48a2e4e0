using Ledger.Data.Intake;
using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Pipeline;
using Ledger.Testing;

namespace Ledger.Intake.Tests;

/// <summary>A database with three facilities and a small roster, and the MoneyGram intake over it.</summary>
public sealed class IntakeWorld(bool sampleReferenceData = false) : IAsyncLifetime
{
    /// <summary>The repository's samples/ folder, found from the test's output folder.</summary>
    public static string Samples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var samples = Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(Path.Combine(samples, "reference"))) return samples;
            }
            throw new DirectoryNotFoundException("No samples/reference above " + AppContext.BaseDirectory);
        }
    }

    public TestDatabase Db { get; } = new();
    public IntakeStore Files { get; private set; } = null!;
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ledger-tests", Guid.NewGuid().ToString("N"));

    public const string Facilities = """
        facility_code,name,state,deposit_limit,money_order_hold_days,restitution_percent,stamp_price,email_delivery_hours
        T-LOR,Test Loretto,PA,999.99,0,0,0.35,08-20
        T-DUB,Test Dublin,CA,300.00,5,0,0.40,09-17
        T-ATL,Test Atlanta,GA,999.99,0,20,0.40,08-18
        """;

    public const string Roster = """
        facility_code,person_number,last_name,first_name,status,restitution_owed
        T-LOR,12345-678,DOE,JOHN,in_custody,0.00
        T-ATL,23456-789,O'BRIEN,SEAN,in_custody,50.00
        T-DUB,34567-890,DE LA CRUZ,ANA,in_custody,0.00
        T-LOR,45678-901,ROE,JANE,released,0.00
        T-LOR,56789-012,POE,EDGAR,transferred,0.00
        """;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        if (sampleReferenceData)
        {
            await Db.Importer.ImportFacilitiesAsync(new StringReader(await File.ReadAllTextAsync(Path.Combine(Samples, "reference", "facilities.csv"))), "facilities.csv");
            await Db.Importer.ImportRosterAsync(new StringReader(await File.ReadAllTextAsync(Path.Combine(Samples, "reference", "roster.csv"))), "roster.csv");
        }
        else
        {
            await Db.Importer.ImportFacilitiesAsync(new StringReader(Facilities), "facilities.csv");
            await Db.Importer.ImportRosterAsync(new StringReader(Roster), "roster.csv");
        }
        Files = new IntakeStore(Db.Db);
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    public MoneyGramIntake MoneyGram(int chunkSize = 5_000) =>
        new(Files, Db.Journal, Db.Directory, new MoneyGramIntakeOptions { ChunkSize = chunkSize });

    public async Task<IntakeSummary> RunAsync(MoneyGramFileBuilder file, string name, int chunkSize = 5_000)
    {
        var path = file.WriteTo(Folder, name);
        var intake = MoneyGram(chunkSize);
        var registered = await intake.RegisterAsync(path);
        return IntakeSummary.From(await intake.ProcessAsync(registered.Id, path));
    }

    public Ledger.Intake.Lockbox.LockboxIntake Lockbox(Ledger.Intake.Lockbox.Ocr.OcrEnginePool? pool = null, int chunkSize = 25) =>
        new(Files, Db.Journal, Db.Directory, new MoneyOrderHoldStore(Db.Db),
            new Lazy<Ledger.Intake.Lockbox.Ocr.OcrEnginePool>(() => pool ?? throw new InvalidOperationException("This test reads no scans.")),
            new Ledger.Intake.Lockbox.LockboxIntakeOptions { ChunkSize = chunkSize });

    public Task<Money> MediaAsync(string person) => Db.Balances.BalanceAsync(AccountKey.Personal(person, AccountKind.Media, Currency.USD));

    public Task<Money> TrustAsync(string person) => Db.Balances.BalanceAsync(AccountKey.Personal(person, AccountKind.Trust, Currency.USD));
    public Task<Money> RestitutionAsync(string person) => Db.Balances.BalanceAsync(AccountKey.Personal(person, AccountKind.Restitution, Currency.USD));

    public async Task<Dictionary<string, Ledger.Data.Schema.IntakeItemRow>> ItemsAsync(long fileId) =>
        (await Files.ItemsAsync(fileId, null)).ToDictionary(i => $"{i.Reference}#{i.Sequence}");
}
