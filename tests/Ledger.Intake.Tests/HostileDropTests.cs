using System.IO.Compression;
using System.Text;
using Ledger.Samples.Lockbox;

namespace Ledger.Intake.Tests;

/// <summary>
/// What an attacker (or a broken transfer) drops into the lockbox inbox: a .zip with a sound directory over a broken
/// deflate stream, a zip bomb, a symbolic link out of the drop folder. Each is quarantined with its reason, none is
/// read through a link, and the good batch dropped behind them is still taken in (a real worker process).
/// </summary>
public class HostileDropTests : IAsyncLifetime
{
    private readonly IntakeWorld _world = new();
    public Task InitializeAsync() => _world.InitializeAsync();
    public Task DisposeAsync() => _world.DisposeAsync();

    private string Generate(string name, int seed, int batchNumber)
    {
        var folder = Path.Combine(_world.Folder, "staging", name);
        LockboxBatchGenerator.Generate(new LockboxGeneratorOptions
        {
            Seed = seed, ItemCount = 3, BatchNumber = batchNumber,
            People = [new("12345-678", "DOE", "JOHN", "T-LOR"), new("34567-890", "DE LA CRUZ", "ANA", "T-DUB")],
        }, folder);
        return folder;
    }

    [Fact]
    public async Task A_damaged_zip_a_zip_bomb_and_a_symlink_are_quarantined_and_the_good_batch_behind_them_is_taken_in()
    {
        var staging = Path.Combine(_world.Folder, "staging");
        var good = Generate("d-good", 7001, 11);

        // Sound directory, broken deflate stream: the first compressed byte of an image says "reserved block type".
        var damaged = Path.Combine(staging, "a-damaged.zip");
        ZipFile.CreateFromDirectory(Generate("damaged-src", 7002, 12), damaged, CompressionLevel.Optimal, includeBaseDirectory: false);
        CorruptFirstDataByte(damaged, "images/0001-order.png");
        Assert.Throws<Ledger.Intake.Lockbox.LockboxBatchException>(() => Ledger.Intake.Lockbox.LockboxBatchReader.Open(damaged).Dispose());

        // A zip bomb: a valid batch whose first scan inflates a thousandfold.
        var bombSource = Generate("bomb-src", 7003, 13);
        var bomb = Path.Combine(staging, "b-bomb.zip");
        ZipFile.CreateFromDirectory(bombSource, bomb, CompressionLevel.Optimal, includeBaseDirectory: false);
        using (var archive = ZipFile.Open(bomb, ZipArchiveMode.Update))
        {
            archive.GetEntry("images/0001-order.png")!.Delete();
            using var zeros = archive.CreateEntry("images/0001-order.png", CompressionLevel.Optimal).Open();
            var block = new byte[1024 * 1024];
            for (var i = 0; i < 80; i++) zeros.Write(block);
        }

        // A link out of the drop folder to a perfectly good batch elsewhere: never followed.
        var elsewhere = Generate("elsewhere", 7004, 14);

        var inbox = Path.Combine(_world.Folder, "inbox", "lockbox");
        var quarantine = Path.Combine(_world.Folder, "quarantine", "lockbox");
        Directory.CreateDirectory(inbox);
        using (var worker = new WorkerProcess(_world.Db.ConnectionString, _world.Folder, chunkSize: 2))
        {
            File.Move(damaged, Path.Combine(inbox, "a-damaged.zip"));
            File.Move(bomb, Path.Combine(inbox, "b-bomb.zip"));
            Directory.CreateSymbolicLink(Path.Combine(inbox, "c-link"), elsewhere);
            Directory.Move(good, Path.Combine(inbox, "d-good"));
            await WorkerTests.WaitForAsync(async () =>
                await _world.Db.ScalarAsync<long>("SELECT count(*) FROM intake_files WHERE status IN ('completed','quarantined')") == 4
                && !Directory.EnumerateFileSystemEntries(inbox).Any()
                // A file refused whole at registration is quarantined in the database first; its job then moves it aside and writes the reason.
                && Directory.Exists(quarantine) && Directory.EnumerateFiles(quarantine, "*.reason.txt").Count() == 3 ? true : (bool?)null,
                TimeSpan.FromSeconds(180), () => worker.Output);
        }

        Assert.Equal("completed", await _world.Db.ScalarAsync<string>("SELECT status FROM intake_files WHERE name = 'd-good'"));
        Assert.Equal(3L, await _world.Db.ScalarAsync<long>("SELECT count(*) FROM intake_items"));
        foreach (var (name, says) in new[] { ("a-damaged.zip", "damaged"), ("b-bomb.zip", "zip bomb"), ("c-link", "symbolic link") })
        {
            var reason = Directory.EnumerateFiles(quarantine, "*.reason.txt").Single(f => Path.GetFileName(f).Contains(name, StringComparison.Ordinal));
            Assert.Contains(says, await File.ReadAllTextAsync(reason), StringComparison.Ordinal);
        }
        // The link was moved aside as a link; its target was neither read nor moved.
        Assert.True(File.Exists(Path.Combine(elsewhere, "batch.csv")));
        await _world.Db.AssertLedgerConsistentAsync();
    }

    /// <summary>Sets the first byte of an entry's compressed data to 0xFF (final block, reserved type 11: invalid deflate).</summary>
    private static void CorruptFirstDataByte(string zip, string entryName)
    {
        var bytes = File.ReadAllBytes(zip);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 30 + name.Length < bytes.Length; i++)
        {
            if (bytes[i] != 0x50 || bytes[i + 1] != 0x4B || bytes[i + 2] != 0x03 || bytes[i + 3] != 0x04) continue;
            var nameLength = BitConverter.ToUInt16(bytes, i + 26);
            var extraLength = BitConverter.ToUInt16(bytes, i + 28);
            if (nameLength != name.Length || !bytes.AsSpan(i + 30, nameLength).SequenceEqual(name)) continue;
            Assert.Equal(8, BitConverter.ToUInt16(bytes, i + 8)); // deflated
            bytes[i + 30 + nameLength + extraLength] = 0xFF;
            File.WriteAllBytes(zip, bytes);
            return;
        }
        throw new InvalidOperationException($"{entryName} not found in {zip}");
    }
}
