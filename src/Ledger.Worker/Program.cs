using Ledger.Worker;

await WorkerHost.Build(args).RunAsync();
