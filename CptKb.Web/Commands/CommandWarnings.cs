using CptKb.Core.Import;
using CptKb.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CptKb.Web.Commands;

/// <summary>
/// Shows what the database start-up warns about (a stale migration lock it removed, for one) as <c>warning:</c> lines of
/// a command's output. Everything else a command has to say, it prints itself.
/// </summary>
internal sealed class CommandWarnings(TextWriter output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName == typeof(KbDatabase).FullName ? new Writer(output) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Writer(TextWriter output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = $"{(logLevel >= LogLevel.Error ? "error" : "warning")}: {PrintableText.Escape(formatter(state, exception))}";
            lock (output)
                output.WriteLine(line);
        }
    }
}
