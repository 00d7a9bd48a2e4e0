using Ledger.Data.Journal;
using Ledger.Data.ReferenceData;
using Ledger.Data.Schema;
using Ledger.Data.Verification;
using Npgsql;
using Xunit;

namespace Ledger.Testing;

/// <summary>
/// A fresh, migrated PostgreSQL database for one test class, dropped afterwards. The server comes from
/// LEDGER_ADMIN_CONNECTION (scripts/test.sh starts a project-local one and sets it).
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string _name = $"test_{Guid.NewGuid():N}"[..20];
    private NpgsqlDataSource? _db;

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource Db => _db ?? throw new InvalidOperationException("not initialized");
    public AccountDirectory Accounts { get; private set; } = null!;
    public JournalStore Journal { get; private set; } = null!;
    public BalanceReader Balances { get; private set; } = null!;
    public LedgerVerifier Verifier { get; private set; } = null!;
    public ReferenceDataImporter Importer { get; private set; } = null!;
    public FacilityDirectory Directory { get; private set; } = null!;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("LEDGER_ADMIN_CONNECTION")
        ?? throw new InvalidOperationException("LEDGER_ADMIN_CONNECTION is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _name, MaxPoolSize = 40 }.ConnectionString;
        await Migrator.MigrateAsync(ConnectionString);
        _db = NpgsqlDataSource.Create(ConnectionString);
        Accounts = new AccountDirectory(_db);
        Journal = new JournalStore(_db, Accounts);
        Balances = new BalanceReader(_db, Accounts);
        Verifier = new LedgerVerifier(_db);
        Importer = new ReferenceDataImporter(_db);
        Directory = new FacilityDirectory(_db);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task AssertLedgerConsistentAsync()
    {
        var report = await Verifier.VerifyAsync();
        var failures = report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {string.Join("; ", c.Examples)}");
        Assert.True(report.Passed, string.Join(Environment.NewLine, failures));
    }
}
