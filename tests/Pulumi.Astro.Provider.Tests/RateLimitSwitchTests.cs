namespace Pulumi.Astro.Provider.Tests;

/// <summary><c>ASTRO_ADAPTIVE_RATE_LIMIT</c>: which values turn the client's pacing off (anything else leaves it on).</summary>
public sealed class RateLimitSwitchTests
{
    [TestCase("off", true)]
    [TestCase("OFF", true)]
    [TestCase(" false ", true)]
    [TestCase("0", true)]
    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("on", false)]
    [TestCase("1", false)]
    public void IsOff_Value_TurnsPacingOffOnlyForOffFalseOrZero(string? value, bool off) =>
        Assert.That(ProviderConfig.IsOff(value), Is.EqualTo(off));

    [Test]
    public void ClientOptions_VariableUnset_PacingIsOn()
    {
        Assume.That(Environment.GetEnvironmentVariable(ProviderConfig.AdaptiveRateLimitEnv), Is.Null);
        var config = new ProviderConfig(new Uri("https://api.astronomer.io"), "clorg", "token");

        Assert.That(config.ClientOptions().AdaptiveRateLimit, Is.True);
    }
}
