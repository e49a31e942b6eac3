using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The token bucket itself, on a manual clock: burst, refill, Retry-After, one bucket per token.</summary>
public sealed class RateLimiterTests
{
    private readonly ManualTimeProvider _clock = new();

    private static int Admitted(RateLimiter limiter, string token, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => limiter.Take(token).Admitted);

    [Test]
    public void Take_NotConfigured_AdmitsEverything()
    {
        var limiter = new RateLimiter(_clock);
        Assert.That(limiter.Enabled, Is.False);
        Assert.That(Admitted(limiter, "t", 10_000), Is.EqualTo(10_000));
        Assert.That(new SimulatorOptions().RateLimit, Is.Null, "off by default");
    }

    [TestCase(1.0, 1)]
    [TestCase(10.0, 20)]
    [TestCase(0.5, 3)]
    public void Take_FullBucket_AdmitsTheBurstThenThrottles(double perSecond, int burst)
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(perSecond, burst);
        Assert.That(Admitted(limiter, "t", burst), Is.EqualTo(burst));
        Assert.That(limiter.Take("t").Admitted, Is.False);
    }

    [Test]
    public void Take_AfterTime_RefillsAtTheRateUpToTheBurst()
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(perSecond: 4, burst: 8);
        Assert.That(Admitted(limiter, "t", 8), Is.EqualTo(8));
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(Admitted(limiter, "t", 5), Is.EqualTo(2), "half a second at 4/s");
        _clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.That(Admitted(limiter, "t", 5), Is.EqualTo(1));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(Admitted(limiter, "t", 50), Is.EqualTo(8), "a long pause refills the burst, no more");
    }

    [Test]
    public void Take_Throttled_RetryAfterIsTheWholeSecondsUntilTheNextRequest()
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(perSecond: 0.2, burst: 1);
        Assert.That(limiter.Take("t").Admitted, Is.True);
        Assert.That(limiter.Take("t"), Is.EqualTo(new RateDecision(false, 5)));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(limiter.Take("t").RetryAfterSeconds, Is.EqualTo(3));
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.That(limiter.Take("t").RetryAfterSeconds, Is.EqualTo(1), "half a second left rounds up to one");
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(limiter.Take("t").Admitted, Is.True);
    }

    [Test]
    public void Take_FastRate_RetryAfterAtLeastOneSecond()
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(perSecond: 100, burst: 1);
        limiter.Take("t");
        Assert.That(limiter.Take("t").RetryAfterSeconds, Is.EqualTo(1));
    }

    [Test]
    public void Take_TwoTokens_SeparateBuckets()
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(perSecond: 1, burst: 3);
        Assert.That(Admitted(limiter, "a", 10), Is.EqualTo(3));
        Assert.That(Admitted(limiter, "b", 10), Is.EqualTo(3), "b's bucket is full although a's is empty");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Admitted(limiter, "a", 10), Is.EqualTo(1));
        Assert.That(limiter.ToJson()["buckets"]!.ToObject<int>(), Is.EqualTo(2));
    }

    [Test]
    public void Configure_Again_RefillsAndCountersKeepCounting()
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(perSecond: 1, burst: 2);
        Admitted(limiter, "t", 5);
        limiter.Configure(perSecond: 1, burst: 4);
        Assert.That(Admitted(limiter, "t", 5), Is.EqualTo(4));
        var json = limiter.ToJson();
        Assert.That((long)json["admitted"]!, Is.EqualTo(6));
        Assert.That((long)json["throttled"]!, Is.EqualTo(4));
        Assert.That((double?)json["perSecond"], Is.EqualTo(1));
        Assert.That((int?)json["burst"], Is.EqualTo(4));
        limiter.Configure(null, null);
        Assert.That(limiter.Enabled, Is.False);
        Assert.That(json.ToString(), Does.Not.Contain("\"t\""), "tokens are never shown");
    }

    [TestCase(0.0, 1)]
    [TestCase(-1.0, 1)]
    [TestCase(1.0, 0)]
    public void Configure_OutOfRange_Throws(double perSecond, int burst) =>
        Assert.That(() => new RateLimiter(_clock).Configure(perSecond, burst), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Configure_NoBurst_BurstIsTheRateAtLeastOne()
    {
        var limiter = new RateLimiter(_clock);
        limiter.Configure(2.5, null);
        Assert.That(Admitted(limiter, "t", 10), Is.EqualTo(3));
        limiter.Configure(0.1, null);
        Assert.That(Admitted(limiter, "t", 10), Is.EqualTo(1));
    }
}
