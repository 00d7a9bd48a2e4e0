using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Hangfire's log provider for this host, safe to outlive it. Hangfire keeps its provider in a process-wide static
/// (AddHangfire sets it to whichever host in the process resolved its configuration last) and creates loggers late,
/// some in static constructors (GlobalJobFilters, on the first job client the process builds). Hangfire's own
/// provider calls the host's ILoggerFactory there, which throws ObjectDisposedException once that host has stopped:
/// the static constructor fails, and every job client in the process fails with it for good (the tests host one API
/// per test class in one process; approve and reject answered 500). Here a logger asks the factory only when it
/// writes, and writes nothing once the factory is gone.
/// </summary>
public sealed class HangfireLogs(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new LateLogger(factory, name);

    private sealed class LateLogger(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                var level = Level(logLevel);
                // Hangfire first asks with no message whether the level is on.
                if (messageFunc is null) return logger.IsEnabled(level);
                logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                // The host that owned the factory has stopped; a log line never fails the caller.
                return false;
            }
        }

        private static LogLevel Level(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => LogLevel.Trace,
            HangfireLevel.Debug => LogLevel.Debug,
            HangfireLevel.Info => LogLevel.Information,
            HangfireLevel.Warn => LogLevel.Warning,
            HangfireLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
