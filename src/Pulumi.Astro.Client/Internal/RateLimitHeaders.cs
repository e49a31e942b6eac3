using System.Globalization;
using System.Net.Http.Headers;

namespace Pulumi.Astro.Client.Internal;

/// <summary>What a response says about the rest of the caller's quota: requests left, and the time until it resets.</summary>
internal readonly record struct RateLimitQuota(long Remaining, TimeSpan Reset);

/// <summary>
/// Reads the quota a server advertises, if it does: <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (the IETF
/// HTTPAPI draft "RateLimit Fields for HTTP", draft-ietf-httpapi-ratelimit-headers-06, where the reset is
/// delay-seconds), or the older vendor form <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c>, whose reset is
/// delay-seconds for some APIs and a Unix time for others (GitHub's REST API). Astro's API reference documents none of
/// them, so their absence is the normal case. <c>*-Limit</c> is not read: without the length of its window it names no
/// rate, and the remaining count and the reset say what the client needs.
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>A reset this large is a Unix time, not a delay: as a delay 10^9 s is over 31 years; as a time, September 2001.</summary>
    private const double UnixTimeThreshold = 1_000_000_000;

    /// <summary>The advertised quota, or null when a pair is absent or unreadable.</summary>
    public static RateLimitQuota? Parse(HttpResponseHeaders headers, DateTimeOffset now) =>
        Parse("RateLimit-", headers, now) ?? Parse("X-RateLimit-", headers, now);

    private static RateLimitQuota? Parse(string prefix, HttpResponseHeaders headers, DateTimeOffset now)
    {
        var remaining = First(headers, prefix + "Remaining");
        var reset = First(headers, prefix + "Reset");
        if (remaining is null || reset is null)
            return null;
        if (!long.TryParse(remaining, NumberStyles.None, CultureInfo.InvariantCulture, out var left))
            return null;
        if (!double.TryParse(reset, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || double.IsInfinity(seconds))
            return null;
        if (seconds >= UnixTimeThreshold)
            seconds = Math.Max(0, seconds - now.ToUnixTimeMilliseconds() / 1000.0);
        // Beyond a day a quota window tells a provider run nothing it can use.
        return new RateLimitQuota(left, TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds)));
    }

    /// <summary>The header's first value, up to a list separator (a draft allows a list), trimmed.</summary>
    private static string? First(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values) || values.FirstOrDefault() is not { } value)
            return null;
        var end = value.IndexOfAny([',', ';']);
        return (end < 0 ? value : value[..end]).Trim();
    }
}
