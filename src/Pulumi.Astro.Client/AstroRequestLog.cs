using System.Globalization;

namespace Pulumi.Astro.Client;

/// <summary>
/// One attempt of one request, as given to <see cref="AstroClientOptions.RequestLogger"/>. Secrets are already
/// redacted: the <c>Authorization</c> header, and the signature of a pre-signed upload URL.
/// </summary>
public sealed class AstroRequestLog
{
    /// <summary>What replaces a secret.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The URL, with secrets in the query redacted.</summary>
    public required string Url { get; init; }

    /// <summary>The attempt, 1 for the first.</summary>
    public required int Attempt { get; init; }

    /// <summary>The response status, or null when no response came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the attempt took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The request headers the client set, <c>Authorization</c> redacted.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; }

    /// <summary>Why the attempt failed without a response (timeout, connection error), else null.</summary>
    public string? Error { get; init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var outcome = StatusCode is { } status ? status.ToString(CultureInfo.InvariantCulture) : Error ?? "no response";
        return $"{Method} {Url} (attempt {Attempt}): {outcome} in {Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
    }
}
