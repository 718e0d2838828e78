using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dome.Server;

/// <summary>A log destination that counts entries by level and keeps the errors: "nothing logged as a crash" is checkable.</summary>
public sealed class LogCounter : ILoggerProvider
{
    private readonly ConcurrentDictionary<LogLevel, long> _counts = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public long Count(LogLevel level) => _counts.GetValueOrDefault(level);

    /// <summary>Entries at Error or Critical: category, message and exception type.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Counter(LogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._counts.AddOrUpdate(logLevel, 1, (_, n) => n + 1);
            if (logLevel >= LogLevel.Error)
            {
                owner._errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
            }
        }
    }
}
