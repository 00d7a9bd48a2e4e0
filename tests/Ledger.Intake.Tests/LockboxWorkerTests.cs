using System.IO.Compression;
using System.Text.Json;
using Ledger.Samples.Lockbox;

namespace Ledger.Intake.Tests;

/// <summary>A real worker process taking lockbox batches from the drop folder: a folder, then a zip of the same batch.</summary>
public class LockboxWorkerTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    public Task InitializeAsync() => _world.InitializeAsync();
    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_batch_folder_is_processed_and_archived_and_a_zip_of_it_later_posts_nothing()
    {
        var staged = Path.Combine(_world.Folder, "staging", "2026-11-23-batch-003");
        LockboxBatchGenerator.Generate(new LockboxGeneratorOptions
        {
            Seed = 5150, ItemCount = 3, BatchNumber = 3,
            People = [new("12345-678", "DOE", "JOHN", "T-LOR"), new("34567-890", "DE LA CRUZ", "ANA", "T-DUB")],
        }, staged);
        var zip = Path.Combine(_world.Folder, "staging", "again.zip");
        ZipFile.CreateFromDirectory(staged, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        var inbox = Path.Combine(_world.Folder, "inbox", "lockbox");
        Directory.CreateDirectory(inbox);

        using (var worker = new WorkerProcess(_world.Db.ConnectionString, _world.Folder, chunkSize: 2))
        {
            Directory.Move(staged, Path.Combine(inbox, "2026-11-23-batch-003"));
            await WorkerTests.WaitForAsync(async () =>
                await _world.Db.ScalarAsync<string>("SELECT coalesce(max(status), '') FROM intake_files") == "completed"
                // the job archives the batch and writes its summary after the database says "completed"
                && File.Exists(Path.Combine(_world.Folder, "archive", "lockbox", "000001-2026-11-23-batch-003.summary.json")) ? true : (bool?)null,
                TimeSpan.FromSeconds(120), () => worker.Output);
            File.Move(zip, Path.Combine(inbox, "again.zip"));
            await WorkerTests.WaitForAsync(() => Task.FromResult(Directory.EnumerateFileSystemEntries(inbox).Any() ? (bool?)null : true),
                TimeSpan.FromSeconds(60), () => worker.Output);
        }

        var archive = Path.Combine(_world.Folder, "archive", "lockbox");
        Assert.True(File.Exists(Path.Combine(archive, "000001-2026-11-23-batch-003", "batch.csv")), "the batch folder is archived");
        Assert.True(File.Exists(Path.Combine(archive, "again.zip.seen-before-as-000001")), "the zip of the same batch is set aside");
        Assert.Equal(1L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM intake_files"));
        Assert.Equal(3L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM intake_items"));

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(archive, "000001-2026-11-23-batch-003.summary.json")));
        Assert.Equal(3, summary.RootElement.GetProperty("items").GetInt64());
        Assert.Equal(3, summary.RootElement.GetProperty("batch_control").GetProperty("declared_count").GetInt64());
        await _world.Db.AssertLedgerConsistentAsync();
    }
}
