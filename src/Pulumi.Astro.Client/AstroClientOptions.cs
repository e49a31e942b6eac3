namespace Pulumi.Astro.Client;

/// <summary>How an <see cref="AstroClient"/> reaches Astro. Only the organization and the token must be given.</summary>
public sealed class AstroClientOptions
{
    /// <summary>Astro's production API host (API fact sheet §1).</summary>
    public static Uri DefaultHost { get; } = new("https://api.astronomer.io");

    /// <summary>
    /// The API host; paths go under <c>/v1</c> below it. Must be <c>https</c>; plain <c>http</c> is accepted only for
    /// a loopback host (astro-sim, <c>localhost</c>), because the token would otherwise cross the network in clear.
    /// </summary>
    public Uri Host { get; init; } = DefaultHost;

    /// <summary>The organization every call is made in.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>An Astro API or user token, sent as <c>Authorization: Bearer</c>. Never printed.</summary>
    public required string Token { get; init; }

    /// <summary>How long one attempt may take, response body included. Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How failed requests are retried.</summary>
    public AstroRetryPolicy Retry { get; init; } = AstroRetryPolicy.Default;

    /// <summary>
    /// The most requests this client has in flight at once (default 8); more wait their turn. A provider that
    /// refreshes many resources in parallel thus cannot flood Astro into rate limiting it.
    /// </summary>
    public int MaxConcurrentRequests { get; init; } = 8;

    /// <summary>
    /// Whether the client paces its Astro API requests to the rate Astro allows (default true). It starts unlimited; a
    /// 429 makes every call wait out its <c>Retry-After</c>, and the client then paces all its calls at the rate Astro
    /// was found to admit, recovering slowly, so that many operations at once share the limit instead of each retrying
    /// into it. A <c>RateLimit-Remaining</c>/<c>-Reset</c> quota (or <c>X-RateLimit-</c>), when sent, is respected too.
    /// Calls marked with <see cref="AstroRequestPriority.Background"/> give way to others while requests queue. False
    /// gives only the limit on requests in flight, first come first served: each throttled call retries on its own.
    /// The retry rules are the same either way.
    /// </summary>
    public bool AdaptiveRateLimit { get; init; } = true;

    /// <summary>The version in <c>User-Agent: pulumi-astro/&lt;version&gt;</c>; the client assembly's version if null.</summary>
    public string? UserAgentVersion { get; init; }

    /// <summary>
    /// Called after every attempt with what was sent and what came back; the <c>Authorization</c> header is redacted.
    /// An exception it throws ends the call.
    /// </summary>
    public Action<AstroRequestLog>? RequestLogger { get; init; }

    /// <summary>
    /// The clock for retry delays, <c>Retry-After</c> dates, the retry time budget and the pace; tests substitute one. The
    /// per-attempt <see cref="RequestTimeout"/> bounds a network wait and runs on real time.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// More values to redact from every message this client builds, besides the token (see <see cref="AstroRedaction"/>;
    /// <see cref="AstroRedaction.Scope"/> adds values for some calls only).
    /// </summary>
    public IReadOnlyCollection<string> RedactedValues { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() =>
        $"AstroClientOptions {{ Host = {Host}, OrganizationId = {OrganizationId}, Token = {AstroRequestLog.Redacted}, " +
        $"RequestTimeout = {RequestTimeout}, Retry = {Retry}, MaxConcurrentRequests = {MaxConcurrentRequests}, " +
        $"AdaptiveRateLimit = {AdaptiveRateLimit} }}";

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Host);
        if (!Host.IsAbsoluteUri || (Host.Scheme != Uri.UriSchemeHttps && Host.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The Astro host must be an absolute https URL, not '{Host}'.", nameof(Host));
        if (!string.IsNullOrEmpty(Host.Query) || !string.IsNullOrEmpty(Host.Fragment))
            throw new ArgumentException($"The Astro host '{Host}' must not have a query or fragment.", nameof(Host));
        RequireSecureTransport(Host, "Astro host");
        if (string.IsNullOrWhiteSpace(OrganizationId))
            throw new ArgumentException("The organization id is required.", nameof(OrganizationId));
        // The message never quotes the token: it is a secret even when malformed.
        if (string.IsNullOrWhiteSpace(Token) || Token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException("The Astro token is empty or contains whitespace or control characters.", nameof(Token));
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "The request timeout must be positive.");
        if (MaxConcurrentRequests < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), MaxConcurrentRequests, "At least one request must be allowed in flight.");
        ArgumentNullException.ThrowIfNull(Retry);
        Retry.Validate();
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(RedactedValues);
    }

    /// <summary>Refuses plain http to anything but a loopback host.</summary>
    internal static void RequireSecureTransport(Uri uri, string what)
    {
        if (uri.Scheme == Uri.UriSchemeHttps)
            return;
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
            return;
        throw new ArgumentException(
            $"Refusing plain {uri.Scheme}:// for the {what} '{uri.GetLeftPart(UriPartial.Authority)}': use https. " +
            "Plain http is allowed only for a loopback host such as 127.0.0.1 or localhost (astro-sim).");
    }
}
