using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Xunit.Abstractions;

namespace Ledger.Lockbox.Tests;

[Collection("ocr")]
public class DebugDump(EngineFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var path = Environment.GetEnvironmentVariable("DUMP_IMAGE");
        if (path is null) return;
        var image = GrayImage.Load(path);
        var mode = Environment.GetEnvironmentVariable("DUMP_MODE") ?? "rules";
        var clean = mode switch
        {
            "none" => image.NormalizeBackground(),
            "up" => image.Scale(2160.0 / image.Width).NormalizeBackground().WithoutRules(),
            "light" => image.NormalizeBackground().WithoutRules(255, 232),
            "rules0" => image.NormalizeBackground().WithoutRules(160, 255),
            _ => image.NormalizeBackground().WithoutRules(),
        };
        fixture.Engine.SetImage(clean, 300);
        foreach (var w in fixture.Engine.ReadWords().Words) output.WriteLine($"{w.Box.Left} {w.Box.Top} {w.Box.Width} {w.Box.Height} {w.Confidence:0} {w.Text}");
        var reader = new MoneyOrderReader();
        if (path.Contains("slip")) output.WriteLine(reader.ReadDepositSlip(fixture.Engine, image).ToString());
        else output.WriteLine(reader.ReadMoneyOrder(fixture.Engine, image).ToString());
    }

    [Fact]
    public void EvalFolder()
    {
        var folder = Environment.GetEnvironmentVariable("EVAL_FOLDER");
        if (folder is null) return;
        var roster = File.ReadAllLines(Environment.GetEnvironmentVariable("EVAL_ROSTER")!).Skip(1).Select(l => l.Split(','))
            .Select(f => new Ledger.Samples.Lockbox.SamplePerson(f[1], f[2], f[3], f[0])).ToList();
        var writer = new StringWriter();
        Ledger.Samples.Lockbox.LockboxEvaluation.RunFolder(folder, writer, roster, writer);
        File.WriteAllText(Environment.GetEnvironmentVariable("EVAL_OUT")!, writer.ToString());
    }
}
