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

/// <summary>
/// The object waited for is gone: Astro answered 404 to two polls in a row. Not a partial failure: there is no object
/// whose id could be kept, so it maps to NotFound.
/// </summary>
public sealed class WaitGoneException(string message) : Exception(message);

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
    /// A poll that fails transiently (<see cref="Transient"/>: 5xx, 429, no answer after the client's own retries) does
    /// not end the wait: the progress line says so and polling goes on until the timeout. A 404 means the object is gone
    /// once a second poll confirms it (a single 404 may come from a replica that has not seen a new object yet):
    /// <see cref="WaitGoneException"/>. Any other error ends the wait as it is.
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
        var poll = first is null;
        string? failure = null;
        var notFound = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (poll)
            {
                try
                {
                    current = await Poll(get, cancellationToken).ConfigureAwait(false);
                    failure = null;
                    notFound = 0;
                }
                catch (AstroApiException e) when (e.IsNotFound)
                {
                    if (++notFound >= 2)
                        throw new WaitGoneException($"{table.What} no longer exists: Astro answered 404 to two polls in a row while waiting for it to become " +
                            $"{string.Join(" or ", table.Done)} (was it deleted outside Pulumi?)");
                    failure = Transient(e) ?? Short(e);
                }
                catch (Exception e) when (Transient(e) is { } transient)
                {
                    failure = transient;
                }
            }
            poll = true;
            var elapsed = Time.GetUtcNow() - started;
            var s = current is null ? "unknown" : status(current);
            var why = current is null ? null : detail(current);
            if (failure is null)
            {
                if (table.Done.Contains(s)) return current!;
                if (table.Failed.Contains(s))
                    throw new WaitFailedException(s, $"{table.What} reached {s}{(string.IsNullOrEmpty(why) ? "" : $": {why}")}");
            }
            if (elapsed >= timeout)
                throw new WaitTimeoutException(s, $"timed out after {FormatElapsed(timeout)} waiting for {table.What} to become {string.Join(" or ", table.Done)}; " +
                    $"last status {s}{(string.IsNullOrEmpty(why) ? "" : $": {why}")}{(failure is null ? "" : $"; the last poll failed: {failure}")}");
            var known = table.Pending.Contains(s) ? "" : " (unexpected status; still waiting)";
            await progress(failure is null ? $"{s} ({FormatElapsed(elapsed)}){known}" : $"poll failed: {failure}; still waiting ({FormatElapsed(elapsed)})").ConfigureAwait(false);
            await Pause(elapsed, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Polls <paramref name="get"/> until Astro answers 404 (an asynchronous delete has finished). Progress lines read
    /// <c>DELETING (12s)</c>, or the live status when Astro reports one; a transiently failed poll is reported and the
    /// wait goes on. Throws <see cref="WaitTimeoutException"/> after <paramref name="timeout"/>.
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
        var s = "DELETING";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? failure = null;
            try
            {
                var current = await Poll(get, cancellationToken).ConfigureAwait(false);
                s = status(current) is { Length: > 0 } live ? live : "DELETING";
            }
            catch (AstroApiException e) when (e.IsNotFound)
            {
                return;
            }
            catch (Exception e) when (Transient(e) is { } why)
            {
                failure = why;
            }
            var elapsed = Time.GetUtcNow() - started;
            if (elapsed >= timeout)
                throw new WaitTimeoutException(s, $"timed out after {FormatElapsed(timeout)} waiting for {what} to be deleted; last status {s}" +
                    (failure is null ? "" : $"; the last poll failed: {failure}"));
            await progress(failure is null ? $"{s} ({FormatElapsed(elapsed)})" : $"poll failed: {failure}; still waiting ({FormatElapsed(elapsed)})").ConfigureAwait(false);
            await Pause(elapsed, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task Pause(TimeSpan elapsed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pause = NextInterval(elapsed);
        var left = timeout - elapsed;
        return Task.Delay(pause < left ? pause : left, Time, cancellationToken);
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

    /// <summary>
    /// Why a poll failed, when the failure is one a wait outlives: Astro answered 5xx, 408 or 429 (the client has
    /// already retried what it may), or did not answer at all. Null for any other failure, which ends the wait.
    /// </summary>
    public static string? Transient(Exception e) => e switch
    {
        AstroApiException api when (int)api.StatusCode is >= 500 or 408 or 429 => Short(api),
        AstroTransportException transport => Short(transport),
        _ => null,
    };

    /// <summary>The message without its "GET /v1/…: " prefix: the progress line is on the resource's row already.</summary>
    private static string Short(AstroException e)
    {
        var prefix = $"{e.Method} {e.Path}: ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
