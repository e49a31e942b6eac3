using System.Globalization;
using Pulumi.Astro.Client;

namespace Pulumi.Astro.Provider;

/// <summary>
/// A wait as a table (style.md principle 5): the statuses that mean "keep polling", "done" and "failed".
/// A status in none of them is treated as pending (Astro adds values) but named in progress lines.
/// </summary>
public sealed record WaitTable(string What, IReadOnlyCollection<string> Pending, IReadOnlyCollection<string> Done, IReadOnlyCollection<string> Failed);

/// <summary>The wait ended in a failure status.</summary>
public sealed class WaitFailedException(string status, string message) : Exception(message)
{
    public string Status { get; } = status;
}

/// <summary>The wait ran out of time; the last status seen is in the message.</summary>
public sealed class WaitTimeoutException(string status, string message) : Exception(message)
{
    public string Status { get; } = status;
}

/// <summary>
/// Polls until a table says done, adaptively: every 0.5 s at first, then about every 10 % of the time waited so
/// far, capped at 15 s. So a short transition is seen within half a second and a long one costs few calls
/// (issue: lag at most max(0.5 s, 5 % of the elapsed time) on average, about one GET per 5 s on long waits).
/// The clock and the delay come from a <see cref="TimeProvider"/>, so tests never sleep.
/// </summary>
public sealed class Waiter(TimeProvider time)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(15);

    public TimeProvider Time { get; } = time;

    /// <summary>The pause before the next poll, after <paramref name="elapsed"/> of waiting.</summary>
    public static TimeSpan NextInterval(TimeSpan elapsed)
    {
        var adaptive = TimeSpan.FromTicks((long)(elapsed.Ticks * 0.10));
        return adaptive < MinInterval ? MinInterval : adaptive > MaxInterval ? MaxInterval : adaptive;
    }

    public static string FormatElapsed(TimeSpan t) => t.TotalHours >= 1
        ? $"{(int)t.TotalHours}h{t.Minutes:D2}m"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{(int)t.TotalSeconds}s";

    /// <summary>
    /// Polls <paramref name="get"/> until its status is in <see cref="WaitTable.Done"/>. Throws
    /// <see cref="WaitFailedException"/> at a failure status and <see cref="WaitTimeoutException"/> after
    /// <paramref name="timeout"/>. <paramref name="progress"/> gets a line such as <c>CREATING (1m20s)</c> per poll.
    /// </summary>
    public async Task<T> WaitAsync<T>(
        WaitTable table,
        Func<CancellationToken, Task<T>> get,
        Func<T, string> status,
        Func<T, string?> detail,
        TimeSpan timeout,
        Func<string, Task> progress,
        CancellationToken cancellationToken,
        T? first = default)
    {
        var started = Time.GetUtcNow();
        var current = first;
        var polls = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (current is null || polls > 0)
            {
                current = await Poll(get, cancellationToken).ConfigureAwait(false);
            }
            polls++;
            var s = status(current);
            var elapsed = Time.GetUtcNow() - started;
            if (table.Done.Contains(s)) return current;
            var why = detail(current);
            if (table.Failed.Contains(s))
                throw new WaitFailedException(s, $"{table.What} reached {s}{(string.IsNullOrEmpty(why) ? "" : $": {why}")}");
            if (elapsed >= timeout)
                throw new WaitTimeoutException(s, $"timed out after {FormatElapsed(timeout)} waiting for {table.What} to become {string.Join(" or ", table.Done)}; last status {s}{(string.IsNullOrEmpty(why) ? "" : $": {why}")}");
            var known = table.Pending.Contains(s) ? "" : " (unexpected status; still waiting)";
            await progress($"{s} ({FormatElapsed(elapsed)}){known}").ConfigureAwait(false);
            var pause = NextInterval(elapsed);
            var left = timeout - elapsed;
            await Task.Delay(pause < left ? pause : left, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls <paramref name="get"/> until Astro answers 404 (an asynchronous delete has finished). Progress lines read
    /// <c>DELETING (12s)</c>, or the live status when Astro reports one. Throws <see cref="WaitTimeoutException"/> after
    /// <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitGoneAsync<T>(
        string what,
        Func<CancellationToken, Task<T>> get,
        Func<T, string?> status,
        TimeSpan timeout,
        Func<string, Task> progress,
        CancellationToken cancellationToken)
    {
        var started = Time.GetUtcNow();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            T current;
            try
            {
                current = await Poll(get, cancellationToken).ConfigureAwait(false);
            }
            catch (AstroApiException e) when (e.IsNotFound)
            {
                return;
            }
            var elapsed = Time.GetUtcNow() - started;
            var s = status(current) is { Length: > 0 } live ? live : "DELETING";
            if (elapsed >= timeout)
                throw new WaitTimeoutException(s, $"timed out after {FormatElapsed(timeout)} waiting for {what} to be deleted; last status {s}");
            await progress($"{s} ({FormatElapsed(elapsed)})").ConfigureAwait(false);
            var pause = NextInterval(elapsed);
            var left = timeout - elapsed;
            await Task.Delay(pause < left ? pause : left, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One poll, as background work: when the client must queue requests (Astro is rate limiting), polls give way to
    /// creates, updates, deletes and reads (see <see cref="AstroRequestPriority"/>).
    /// </summary>
    private static async Task<T> Poll<T>(Func<CancellationToken, Task<T>> get, CancellationToken cancellationToken)
    {
        using (AstroRequestPriority.Background())
            return await get(cancellationToken).ConfigureAwait(false);
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
