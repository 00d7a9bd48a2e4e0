namespace Ledger.Processor;

/// <summary>The development card processor: its own process, on its own port (--urls), sending signed events to the API.</summary>
internal static class ProcessorProgram
{
    private static async Task Main(string[] args)
    {
        var app = ProcessorApp.Build(args);
        await app.RunAsync();
    }
}
