namespace Dome.Cli;

/// <summary>A progress sink that runs on the reporting thread (Progress&lt;T&gt; would post to the thread pool), so a figure is read at that moment.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
