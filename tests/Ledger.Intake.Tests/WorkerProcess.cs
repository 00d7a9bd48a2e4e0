using System.Diagnostics;

namespace Ledger.Intake.Tests;

/// <summary>A real Ledger.Worker process (the Hangfire server), started from the test's output folder.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public WorkerProcess(string connectionString, string intakeRoot, int chunkSize)
    {
        var info = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Ledger.Worker.dll"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = intakeRoot,
        };
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        info.Environment["Intake__Root"] = intakeRoot;
        info.Environment["Intake__ChunkSize"] = chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Intake__ScanEverySeconds"] = "1";
        info.Environment["Worker__Workers"] = "2";
        _process = Process.Start(info) ?? throw new InvalidOperationException("The worker did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGKILL: no chance to clean up, as when a machine dies.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
