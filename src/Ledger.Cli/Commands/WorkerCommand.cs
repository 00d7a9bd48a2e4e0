using System.CommandLine;
using Ledger.Worker;
using Microsoft.Extensions.Hosting;

namespace Ledger.Cli.Commands;

public static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker",
            "Run a Hangfire worker: watches the intake drop folders (Intake__Root, default var/intake) and runs one job per file. "
            + "Start several on one database to share the work. Stop with Ctrl+C.");
        command.SetAction(async (_, _) =>
        {
            await WorkerHost.Build([]).RunAsync();
            return 0;
        });
        return command;
    }
}
