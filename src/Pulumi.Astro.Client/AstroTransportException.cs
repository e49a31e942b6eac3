namespace Pulumi.Astro.Client;

/// <summary>
/// No answer came from Astro after every permitted attempt: the connection failed or each attempt timed out. For a
/// POST this is thrown only when the request provably never left (connection refused); otherwise see
/// <see cref="AstroOutcomeUnknownException"/>.
/// </summary>
public sealed class AstroTransportException : AstroException
{
    /// <summary>Creates the exception.</summary>
    public AstroTransportException(string method, string path, string reason, int attempts, bool isTimeout, Exception? innerException = null)
        : base(method, path, $"{method} {path}: {reason} (after {attempts} attempt{(attempts == 1 ? "" : "s")})", innerException)
    {
        Attempts = attempts;
        IsTimeout = isTimeout;
    }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>Whether the last attempt timed out (rather than failing to connect).</summary>
    public bool IsTimeout { get; }
}
