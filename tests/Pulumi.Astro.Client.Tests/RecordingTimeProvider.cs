namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// A fake clock for the client's retry delays (<see cref="AstroClientOptions.TimeProvider"/>). Each delay the client
/// asks for is recorded. By default a timer fires at once and the clock moves on by its delay, so retry waits of
/// seconds or minutes are checked without waiting. With <c>holdTimers</c> a timer never fires by itself: the test
/// waits for it to be set (<see cref="WaitForTimerAsync"/>), then fires it (<see cref="FireHeld"/>) or cancels the call,
/// so it can observe the client while it waits. "Now" starts at a fixed instant. The timestamp moves with real time
/// too, unless <c>frozen</c>: then only the delays move it, so two parties on this clock (the client and astro-sim's
/// rate limiter) see exactly the time the client waited, however slowly the machine runs.
/// </summary>
internal sealed class RecordingTimeProvider(DateTimeOffset start, bool holdTimers = false, bool frozen = false) : TimeProvider
{
    private readonly long _origin = System.GetTimestamp();

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private readonly List<(TimerCallback Callback, object? State, TimeSpan Due)> _held = [];
    private TaskCompletionSource _timerSet = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
            return (frozen ? _origin : System.GetTimestamp()) + (long)(_advanced.Ticks * (double)TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource set;
        lock (_gate)
        {
            _delays.Add(dueTime);
            set = _timerSet;
            _timerSet = new(TaskCreationOptions.RunContinuationsAsynchronously);
            if (holdTimers)
                _held.Add((callback, state, dueTime));
            else
                _advanced += dueTime;
        }
        if (!holdTimers)
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        set.TrySetResult();
        return new FiredTimer();
    }

    /// <summary>
    /// Waits until <paramref name="count"/> timers have been set in all, and returns the delay of the last of them. The
    /// 60 s ceiling is far above the milliseconds this takes, so a failure means the client never waited.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync(int count = 1)
    {
        var ceiling = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_delays.Count >= count)
                    return _delays[count - 1];
                next = _timerSet.Task;
            }
            var left = ceiling - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"The client set {Delays.Count} timers in 60 s, not {count}.");
            await next.WaitAsync(left);
        }
    }

    /// <summary>Moves the clock past every held timer and fires them.</summary>
    public void FireHeld()
    {
        List<(TimerCallback Callback, object? State, TimeSpan Due)> due;
        lock (_gate)
        {
            due = [.. _held];
            _held.Clear();
            _advanced += due.Count == 0 ? TimeSpan.Zero : due.Max(t => t.Due);
        }
        foreach (var timer in due)
            timer.Callback(timer.State);
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
