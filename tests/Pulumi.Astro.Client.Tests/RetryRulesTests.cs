using Pulumi.Astro.Client.Internal;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Retry-After parsing and the backoff arithmetic, without a server.</summary>
public sealed class RetryRulesTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase("0", 0)]
    [TestCase("1", 1)]
    [TestCase(" 120 ", 120)]
    public void ParseRetryAfter_Seconds_ReturnsDelay(string value, int seconds) =>
        Assert.That(RetryAfter.Parse(value, Now), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [Test]
    public void ParseRetryAfter_FutureHttpDate_ReturnsTimeUntilIt() =>
        Assert.That(RetryAfter.Parse(Now.AddSeconds(42).ToString("r"), Now), Is.EqualTo(TimeSpan.FromSeconds(42)));

    [Test]
    public void ParseRetryAfter_PastHttpDate_ReturnsZero() =>
        Assert.That(RetryAfter.Parse(Now.AddSeconds(-5).ToString("r"), Now), Is.EqualTo(TimeSpan.Zero));

    [TestCase("")]
    [TestCase("-1")]
    [TestCase("soon")]
    [TestCase(null)]
    public void ParseRetryAfter_Unreadable_ReturnsNull(string? value) =>
        Assert.That(RetryAfter.Parse(value, Now), Is.Null);

    [TestCase(1, 0.0, 50)]
    [TestCase(1, 0.999999, 100)]
    [TestCase(2, 0.0, 100)]
    [TestCase(3, 0.999999, 400)]
    [TestCase(10, 0.999999, 1000)]
    [TestCase(40, 0.0, 500)]
    public void Backoff_RetryAndDraw_DoublesWithJitterUpToCap(int retry, double draw, int expectedMs)
    {
        var policy = new AstroRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.That(policy.Backoff(retry, draw).TotalMilliseconds, Is.EqualTo(expectedMs).Within(0.01));
    }
}
