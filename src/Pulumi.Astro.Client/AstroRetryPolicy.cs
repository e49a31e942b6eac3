namespace Pulumi.Astro.Client;

/// <summary>
/// How often and how long <see cref="AstroClient"/> retries a failed request. Which failures are retried depends on
/// the method (see <see cref="AstroClient"/>); this record only bounds the retrying, in attempts and in total time.
/// </summary>
/// <remarks>
/// The delay before retry <c>n</c> (1-based) is <c>min(MaxDelay, BaseDelay × 2^(n-1))</c>, jittered to between half
/// and all of it, so that many clients that failed together do not retry together. A <c>Retry-After</c> header
/// replaces that delay and is honoured in full. A retry whose delay would end after <see cref="MaxElapsed"/> is not
/// made: the last failure is thrown at once rather than after a pointless wait.
/// </remarks>
public sealed record AstroRetryPolicy
{
    /// <summary>Five attempts, 0.5 s doubling to at most 10 s, at most two minutes in all.</summary>
    public static AstroRetryPolicy Default { get; } = new();

    /// <summary>One attempt: nothing is retried.</summary>
    public static AstroRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included; at least 1.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The delay before the first retry, before jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest computed delay. A server's <c>Retry-After</c> may ask for longer.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The time from the call's start within which every attempt and delay must end. Each attempt's timeout is cut
    /// to what is left of it, so a call never spends much longer than this failing. Time the call spends queued behind
    /// the client's own limits (<see cref="AstroClientOptions.MaxConcurrentRequests"/>, the pace of
    /// <see cref="AstroClientOptions.AdaptiveRateLimit"/>) does not count: it is not a failure.
    /// </summary>
    public TimeSpan MaxElapsed { get; init; } = TimeSpan.FromMinutes(2);

    internal void Validate()
    {
        if (MaxAttempts < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "The retry policy needs at least one attempt.");
        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), "Retry delays cannot be negative.");
        if (MaxElapsed <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxElapsed), MaxElapsed, "The retry time budget must be positive.");
    }

    /// <summary>The jittered backoff before retry <paramref name="retry"/> (1-based), from a draw in [0, 1).</summary>
    internal TimeSpan Backoff(int retry, double draw)
    {
        var exponent = Math.Min(retry - 1, 30);
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ticks * (0.5 + draw / 2)));
    }
}
