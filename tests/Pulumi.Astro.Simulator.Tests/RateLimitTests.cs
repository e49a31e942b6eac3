using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The rate limit as clients meet it: 429 with Retry-After and Astro's error body, counted in the log.</summary>
public sealed class RateLimitTests
{
    private readonly ManualTimeProvider _clock = new();
    private SimServer _sim = null!;
    private Api _api = null!;

    [OneTimeSetUp]
    public async Task StartSim()
    {
        _sim = await SimServer.StartAsync(o => o.Time = _clock);
        _api = new Api(_sim);
    }

    [OneTimeTearDown]
    public async Task StopSim()
    {
        _api.Dispose();
        await _sim.DisposeAsync();
    }

    [SetUp]
    public Task ResetSim() => _sim.Control.ResetAsync();

    [Test]
    public async Task RateLimit_Off_ByDefault()
    {
        for (var i = 0; i < 50; i++) Assert.That((await _api.Get("clusters")).Status, Is.EqualTo(200));
        var state = await _sim.Control.RateLimitAsync();
        Assert.That(state, Is.EqualTo(new SimRateLimit(null, null, 50, 0, 0)));
    }

    [Test]
    public async Task RateLimit_BeyondBurst_429WithRetryAfterAndErrorBodyThenAdmittedAfterRefill()
    {
        await _sim.Control.SetRateLimitAsync(perSecond: 0.5, burst: 2);
        Assert.That((await _api.Get("clusters")).Status, Is.EqualTo(200));
        Assert.That((await _api.Post("clusters", Bodies.AwsCluster())).Status, Is.EqualTo(200));
        var throttled = await _api.Post("clusters", Bodies.AwsCluster("second"));
        Assert.Multiple(() =>
        {
            Assert.That(throttled.Status, Is.EqualTo(429));
            Assert.That(throttled.Raw.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(throttled.Message, Does.Contain("rate limit"));
            Assert.That(ModelValidator.Default.ValidateResponse("POST", $"/v1/organizations/{_sim.OrganizationId}/clusters", 429, throttled.Body!.ToString()), Is.Empty);
        });
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await _api.Get("clusters")).Raw.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var clusters = await _api.Get("clusters");
        Assert.That(clusters.Status, Is.EqualTo(200));
        Assert.That((int)clusters.Json["totalCount"]!, Is.EqualTo(1), "a throttled create is not processed");

        var log = await _sim.Control.RequestsAsync();
        Assert.That(log.Select(r => (r.Status, r.Throttled)), Is.EqualTo(new[] { (200, false), (200, false), (429, true), (429, true), (200, false) }));
        Assert.That(await _sim.Control.RateLimitAsync(), Is.EqualTo(new SimRateLimit(0.5, 2, 3, 2, 1)));
    }

    [Test]
    public async Task RateLimit_InjectedFault429_NotCountedAsThrottled()
    {
        await _sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/clusters$", Status = 429, RetryAfter = "3" });
        Assert.That((await _api.Get("clusters")).Status, Is.EqualTo(429));
        Assert.That((await _sim.Control.RequestsAsync()).Single().Throttled, Is.False);
    }

    [Test]
    public async Task RateLimit_OtherToken_SpendsItsOwnBucket()
    {
        await _sim.Control.SetRateLimitAsync(perSecond: 1, burst: 1);
        using var stranger = new Api(_sim, token: "someone-else");
        Assert.That((await stranger.Get("clusters")).Status, Is.EqualTo(401), "first request of its bucket: admitted, then refused as unauthorized");
        Assert.That((await stranger.Get("clusters")).Status, Is.EqualTo(429));
        Assert.That((await _api.Get("clusters")).Status, Is.EqualTo(200), "the real token's bucket is untouched");
        Assert.That((await _api.Get("clusters")).Status, Is.EqualTo(429));
        Assert.That((await _sim.Control.RateLimitAsync()).Buckets, Is.EqualTo(2));
    }

    [Test]
    public async Task RateLimit_ControlApiAndBlobs_NotLimited()
    {
        await _sim.Control.SetRateLimitAsync(perSecond: 1, burst: 1);
        for (var i = 0; i < 5; i++) await _sim.Control.RequestsAsync();
        Assert.That((await _api.Get("clusters")).Status, Is.EqualTo(200));
        Assert.That((await _sim.Control.RateLimitAsync()).Admitted, Is.EqualTo(1));
    }

    [Test]
    public async Task RateLimit_Reset_BackToTheStartupSetting()
    {
        await _sim.Control.SetRateLimitAsync(perSecond: 1, burst: 1);
        await _sim.Control.ResetAsync();
        Assert.That(await _sim.Control.RateLimitAsync(), Is.EqualTo(new SimRateLimit(null, null, 0, 0, 0)));
    }

    [TestCase(0.0, 1, "perSecond")]
    [TestCase(5.0, 0, "burst")]
    public void SetRateLimit_OutOfRange_Refused(double perSecond, int burst, string field) =>
        Assert.That(async () => await _sim.Control.SetRateLimitAsync(perSecond, burst),
            Throws.InvalidOperationException.With.Message.Contains("400").And.Message.Contains(field));

    [Test]
    public async Task RateLimit_StartupOptions_Apply()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await SimServer.StartAsync(o =>
        {
            o.Time = clock;
            o.RateLimit = 2;
            o.RateBurst = 3;
        });
        using var api = new Api(sim);
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++) statuses.Add((await api.Get("clusters")).Status);
        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 200, 429, 429 }));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await api.Get("clusters")).Status, Is.EqualTo(200));
        Assert.That(await sim.Control.RateLimitAsync(), Is.EqualTo(new SimRateLimit(2, 3, 4, 2, 1)));
    }
}
