using Ledger.Worker.Intake;

namespace Ledger.Intake.Tests;

public sealed class DropFolderTests : IDisposable
{
    private readonly IntakeFolders _folders = new(Path.Combine(Path.GetTempPath(), "ledger-drop-" + Guid.NewGuid().ToString("N")[..8]));

    public void Dispose() => Directory.Delete(_folders.Root, recursive: true);

    private string Batch(string name, string content)
    {
        var dir = Path.Combine(_folders.Work("lockbox"), name);
        Directory.CreateDirectory(Path.Combine(dir, "images"));
        File.WriteAllText(Path.Combine(dir, "batch.csv"), content);
        File.WriteAllText(Path.Combine(dir, "images", "0001-mo.png"), "scan");
        return dir;
    }

    [Fact]
    public void Setting_aside_a_batch_folder_again_where_it_already_is_keeps_every_scan()
    {
        var archived = IntakeFolders.MoveInto(Batch("000005-batch-001", "declared"), _folders.Archive("lockbox"));

        // A retried job (or a second job for the same file) sets aside what is already in the archive.
        var again = IntakeFolders.MoveInto(archived, _folders.Archive("lockbox"));

        Assert.Equal(archived, again);
        Assert.Equal("declared", File.ReadAllText(Path.Combine(again, "batch.csv")));
        Assert.True(File.Exists(Path.Combine(again, "images", "0001-mo.png")));
    }

    [Fact]
    public void Another_item_of_the_same_name_is_kept_beside_the_first_not_over_it()
    {
        var first = IntakeFolders.MoveInto(Batch("000007-batch-002", "first"), _folders.Archive("lockbox"));
        var second = IntakeFolders.MoveInto(Batch("000007-batch-002", "second"), _folders.Archive("lockbox"));

        Assert.NotEqual(first, second);
        Assert.Equal("first", File.ReadAllText(Path.Combine(first, "batch.csv")));
        Assert.Equal("second", File.ReadAllText(Path.Combine(second, "batch.csv")));

        var file = Path.Combine(_folders.Work("moneygram"), "000001-a.mgx.csv");
        File.WriteAllText(file, "one");
        var archivedFile = IntakeFolders.MoveInto(file, _folders.Archive("moneygram"));
        File.WriteAllText(file, "two");
        var secondFile = IntakeFolders.MoveInto(file, _folders.Archive("moneygram"));
        Assert.Equal("one", File.ReadAllText(archivedFile));
        Assert.Equal("two", File.ReadAllText(secondFile));
    }
}
