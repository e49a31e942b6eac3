using Pulumi.Astro.Client.Internal;

namespace Pulumi.Astro.Client.Tests;

/// <summary>The quota headers the limiter reads, if a server sends them (Astro documents none).</summary>
public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RateLimitQuota? Parse(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
            response.Headers.TryAddWithoutValidation(name, value);
        return RateLimitHeaders.Parse(response.Headers, Now);
    }

    [TestCase("RateLimit-Remaining", "5", "RateLimit-Reset", "30", 5, 30.0)]
    [TestCase("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1.5", 0, 1.5)]
    [TestCase("RateLimit-Remaining", "7, 100", "RateLimit-Reset", "4", 7, 4.0)]
    public void Parse_RemainingAndReset_IsTheQuota(string remainingName, string remaining, string resetName, string reset, long left, double seconds) =>
        Assert.That(Parse((remainingName, remaining), (resetName, reset)), Is.EqualTo(new RateLimitQuota(left, TimeSpan.FromSeconds(seconds))));

    [Test]
    public void Parse_ResetAsUnixTime_IsTheTimeUntilThen() =>
        Assert.That(Parse(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", Now.AddSeconds(42).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Is.EqualTo(new RateLimitQuota(0, TimeSpan.FromSeconds(42))));

    [Test]
    public void Parse_BothForms_TheStandardOneWins() =>
        Assert.That(Parse(("RateLimit-Remaining", "3"), ("RateLimit-Reset", "10"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "60")),
            Is.EqualTo(new RateLimitQuota(3, TimeSpan.FromSeconds(10))));

    [TestCase]
    [TestCase("RateLimit-Remaining", "5")]
    [TestCase("RateLimit-Reset", "5")]
    [TestCase("RateLimit-Remaining", "many", "RateLimit-Reset", "5")]
    [TestCase("RateLimit-Remaining", "-1", "RateLimit-Reset", "5")]
    [TestCase("RateLimit-Remaining", "5", "RateLimit-Reset", "soon")]
    [TestCase("RateLimit-Remaining", "5", "X-RateLimit-Reset", "5")]
    public void Parse_AbsentPartialOrUnreadable_IsNoQuota(params string[] pairs) =>
        Assert.That(Parse(pairs.Chunk(2).Select(p => (p[0], p[1])).ToArray()), Is.Null);
}
