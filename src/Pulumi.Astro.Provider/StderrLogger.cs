namespace Pulumi.Astro.Provider;

/// <summary>
/// Writes the host's own warnings and errors (Kestrel, gRPC) to stderr, one line each: stdout carries only the port
/// line (protocol fact sheet §1.2). Replaces the console logger, whose options and formatters cost start-up time.
/// </summary>
public sealed class StderrLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"pulumi-resource-astro: {logLevel}: {category}: {formatter(state, exception)}";
            Console.Error.WriteLine(exception is null ? line : $"{line}: {exception.Message}");
        }
    }
}
