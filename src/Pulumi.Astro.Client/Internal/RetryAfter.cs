using System.Globalization;
using System.Net.Http.Headers;

namespace Pulumi.Astro.Client.Internal;

/// <summary>Reads a <c>Retry-After</c> header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
internal static class RetryAfter
{
    /// <summary>The wait the header asks for, never negative; null when absent or unreadable.</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } parsed)
        {
            if (parsed.Delta is { } delta)
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (parsed.Date is { } date)
                return date > now ? date - now : TimeSpan.Zero;
        }
        return headers.TryGetValues("Retry-After", out var raw) ? Parse(raw.FirstOrDefault(), now) : null;
    }

    /// <summary>The wait a raw header value asks for, never negative; null when unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds / 2));
        // "r" is the IMF-fixdate form, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
