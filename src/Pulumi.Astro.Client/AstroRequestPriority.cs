namespace Pulumi.Astro.Client;

/// <summary>
/// Marks calls as background work, such as the status polls of a wait, which give way to other calls when the client
/// must queue requests (Astro is rate limiting it, or every request slot is taken): a queued background request goes
/// after every queued ordinary one. Without contention both go out at once. A background request that has queued for
/// <see cref="Patience"/> goes in turn with the ordinary ones, so a wait is slowed but never starved.
/// </summary>
/// <remarks>
/// Like <see cref="AstroRedaction.Scope"/>, the mark is ambient: it covers every call made on the asynchronous flow
/// inside the scope, by any <see cref="AstroClient"/>, so an interface method needs no extra parameter.
/// </remarks>
public static class AstroRequestPriority
{
    private static readonly AsyncLocal<bool> Scoped = new();

    /// <summary>How long a background request may be passed over by ordinary ones before it takes its turn with them.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Makes every call on this asynchronous flow a background call until the scope is disposed. Dispose it on the flow
    /// that made it (a <c>using</c> around the calls).
    /// </summary>
    public static IDisposable Background()
    {
        var outer = Scoped.Value;
        Scoped.Value = true;
        return new Restore(outer);
    }

    /// <summary>Whether a call made now is background work.</summary>
    public static bool IsBackground => Scoped.Value;

    private sealed class Restore(bool outer) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            Scoped.Value = outer;
        }
    }
}
