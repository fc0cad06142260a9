using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ResponseBot.Testing;

/// <summary>Keeps every log line the host writes (all levels, with scopes and exceptions) for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Warnings and errors, then the last few lines of any level: what a timed-out test needs to say why.</summary>
    public string Summary(int last = 40)
    {
        var lines = Lines.ToArray();
        var trouble = lines.Where(l => l.StartsWith("Warning ") || l.StartsWith("Error ") || l.StartsWith("Critical ")).TakeLast(20);
        return "Host warnings and errors:" + Environment.NewLine + string.Join(Environment.NewLine, trouble) + Environment.NewLine +
               $"Last {last} host log lines:" + Environment.NewLine + string.Join(Environment.NewLine, lines.TakeLast(last));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner.Lines.Enqueue($"Scope {DateTime.UtcNow:HH:mm:ss.fff} {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)} {state} {exception}");
    }
}
