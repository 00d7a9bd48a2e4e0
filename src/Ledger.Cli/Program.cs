using System.CommandLine;
using Ledger.Cli;
using Ledger.Cli.Commands;

var root = new RootCommand("Ledger: payments and trust accounts for people in custody. The database is ConnectionStrings__Ledger.");
var host = new CliHost();
root.Subcommands.Add(DatabaseCommands.Create(host));
root.Subcommands.Add(ReferenceDataCommands.Facilities(host));
root.Subcommands.Add(ReferenceDataCommands.Fees(host));
root.Subcommands.Add(ReferenceDataCommands.Roster(host));
root.Subcommands.Add(IntakeCommands.Create(host));
root.Subcommands.Add(ReturnsCommands.Create(host));
root.Subcommands.Add(HoldCommands.Create(host));
root.Subcommands.Add(WorkerCommand.Create());
root.Subcommands.Add(VerifyCommand.Create(host));
root.Subcommands.Add(BalanceCommand.Create(host));
root.Subcommands.Add(BenchCommands.Create(host));
root.Subcommands.Add(SampleCommands.Create());
return await root.Parse(args).InvokeAsync();
