using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>The outcome of one request at the rate limiter; <see cref="RetryAfterSeconds"/> is set when it was throttled.</summary>
internal readonly record struct RateDecision(bool Admitted, int? RetryAfterSeconds);

/// <summary>
/// A token bucket per API token, as rate-limited APIs apply them: each bucket holds up to <c>burst</c> requests and
/// refills at <c>perSecond</c>; a request that finds it empty is answered 429 with <c>Retry-After</c>, the whole seconds
/// until the bucket holds a request again (RFC 9110, Retry-After as delay-seconds). Off until configured. Time comes from
/// the injected <see cref="TimeProvider"/>'s monotonic timestamp, so tests drive it with a fake clock.
/// </summary>
internal sealed class RateLimiter(TimeProvider time)
{
    private const double Epsilon = 1e-9;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private double? _perSecond;
    private int _burst;
    private long _admitted;
    private long _throttled;

    private sealed class Bucket
    {
        public double Tokens;
        public long Stamp;
    }

    public bool Enabled
    {
        get { lock (_gate) return _perSecond is not null; }
    }

    /// <summary>Turns the limit on (every bucket starts full) or off (<paramref name="perSecond"/> null).</summary>
    public void Configure(double? perSecond, int? burst)
    {
        if (perSecond is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 1_000_000))
            throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "must be more than 0 and at most 1000000 requests per second");
        var b = burst ?? (perSecond is { } r ? Math.Max(1, (int)Math.Ceiling(r)) : 0);
        if (perSecond is not null && b is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(burst), burst, "must be from 1 to 1000000 requests");
        lock (_gate)
        {
            _perSecond = perSecond;
            _burst = perSecond is null ? 0 : b;
            _buckets.Clear();
        }
    }

    /// <summary>Takes one request from <paramref name="key"/>'s bucket, or says how long to wait for one.</summary>
    public RateDecision Take(string key)
    {
        lock (_gate)
        {
            if (_perSecond is not { } rate)
            {
                _admitted++;
                return new RateDecision(true, null);
            }
            var now = time.GetTimestamp();
            if (!_buckets.TryGetValue(key, out var bucket))
                _buckets[key] = bucket = new Bucket { Tokens = _burst, Stamp = now };
            var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            if (elapsed > 0) bucket.Tokens = Math.Min(_burst, bucket.Tokens + elapsed * rate);
            bucket.Stamp = now;
            // A hair of tolerance, so refills summed in floating point (0.4 + 0.5 + 0.1) make a whole request.
            if (bucket.Tokens >= 1 - Epsilon)
            {
                bucket.Tokens = Math.Max(0, bucket.Tokens - 1);
                _admitted++;
                return new RateDecision(true, null);
            }
            _throttled++;
            var wait = (1 - bucket.Tokens) / rate;
            return new RateDecision(false, Math.Max(1, (int)Math.Ceiling(wait - Epsilon)));
        }
    }

    /// <summary>Clears the counters (and refills the buckets), as a reset of astro-sim does.</summary>
    public void ResetCounters()
    {
        lock (_gate)
        {
            _admitted = 0;
            _throttled = 0;
            _buckets.Clear();
        }
    }

    /// <summary>The settings and counters; tokens are never shown, only how many have a bucket.</summary>
    public JObject ToJson()
    {
        lock (_gate)
        {
            return new JObject
            {
                ["perSecond"] = _perSecond,
                ["burst"] = _perSecond is null ? null : _burst,
                ["admitted"] = _admitted,
                ["throttled"] = _throttled,
                ["buckets"] = _buckets.Count,
            };
        }
    }
}
