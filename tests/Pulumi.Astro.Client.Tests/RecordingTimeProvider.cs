namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// A clock whose timers fire at once: each delay the client asks for is recorded and added to the clock, so retry
/// waits of seconds or minutes are checked without waiting. "Now" starts at a fixed instant.
/// </summary>
internal sealed class RecordingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private TimeSpan _advanced;

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
                return [.. _delays];
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return start + _advanced;
    }

    public override long GetTimestamp()
    {
        lock (_gate)
            return System.GetTimestamp() + (long)(_advanced.Ticks * (double)TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _delays.Add(dueTime);
            _advanced += dueTime;
        }
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
