using System.Net;
using System.Text;
using Flurl.Http.Testing;
using Microsoft.AspNetCore.Http;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The client's shared rate limit end to end (see <see cref="AstroClientOptions.AdaptiveRateLimit"/>): against
/// astro-sim's token bucket, which runs on the same fake clock as the client (only the client's waits move it, so the
/// bucket refills by exactly the time the client waited), with Flurl's HttpTest for quota headers, and against a
/// loopback server for the order of queued calls. No test waits in real time.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset FakeNow = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static readonly Func<HttpContent> OrganizationJson = Json("""{"id":"clorg","name":"org"}""");
    private static readonly Func<HttpContent> WorkspacesJson = Json("""{"workspaces":[],"totalCount":0,"offset":0,"limit":20}""");
    private static readonly Func<HttpContent> ErrorJson = Json("""{"message":"slow down","requestId":"r1","statusCode":429}""");

    [TestCase(true)]
    [TestCase(false)]
    public async Task ManyGets_AstroSimRateLimited_PacedOnlyOneIsThrottledWithoutEveryCallRetriesIntoIt(bool adaptive)
    {
        var time = new RecordingTimeProvider(FakeNow, frozen: true);
        await using var sim = await SimServer.StartAsync(o =>
        {
            o.Time = time;
            o.RateLimit = 10;
            o.RateBurst = 5;
        });
        using var client = new AstroClient(new AstroClientOptions
        {
            Host = sim.BaseUrl, OrganizationId = sim.OrganizationId, Token = sim.Token, TimeProvider = time,
            // One at a time, so the order of events is fixed: five go through on the burst, the sixth is throttled.
            MaxConcurrentRequests = 1,
            AdaptiveRateLimit = adaptive,
        });

        var organizations = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.GetOrganizationAsync(false, CancellationToken.None)))
            .WaitAsync(Ceiling);

        var limit = await sim.Control.RateLimitAsync();
        // Shown when the test fails: when each request reached astro-sim (its clock is the test's) and how it was answered.
        foreach (var request in await sim.Control.RequestsAsync())
            TestContext.Out.WriteLine($"{(request.Time - FakeNow).TotalSeconds:0.000} s: {request.Status}");
        Assert.That(organizations, Has.Length.EqualTo(30));
        Assert.That(limit.Admitted, Is.EqualTo(30));
        if (adaptive)
        {
            // The client learned about 5 per second from the burst and the Retry-After, waited the second out, then
            // paced below what the bucket refills: no second 429.
            Assert.That(limit.Throttled, Is.EqualTo(1));
        }
        else
        {
            // Each throttled call waits its own Retry-After; every other call goes on sending into an empty bucket.
            // Only those waits move the clock, and a second refills at most 5: 25 more calls need 5 such waits.
            Assert.That(limit.Throttled, Is.GreaterThanOrEqualTo(5));
        }
    }

    [TestCase("X_RateLimit_Remaining", "X_RateLimit_Reset")]
    [TestCase("RateLimit_Remaining", "RateLimit_Reset")]
    public async Task Get_QuotaHeadersSayNoneLeft_NextCallWaitsForTheResetInsteadOfMeetingA429(string remaining, string reset)
    {
        using var httpTest = new HttpTest();
        var headers = new Dictionary<string, object> { [remaining] = "0", [reset] = "5" };
        httpTest.RespondWith(OrganizationJson, 200, headers).RespondWith(OrganizationJson);
        var time = new RecordingTimeProvider(FakeNow, frozen: true);
        using var client = NewClient(time);

        await client.GetOrganizationAsync(false, CancellationToken.None);
        await client.GetOrganizationAsync(false, CancellationToken.None);

        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(5) }));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ManyGets_NoRateLimitHeadersAndNo429_NothingWaits()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(OrganizationJson);
        var time = new RecordingTimeProvider(FakeNow);
        using var client = NewClient(time);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetOrganizationAsync(false, CancellationToken.None))).WaitAsync(Ceiling);

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(50));
        Assert.That(time.Delays, Is.Empty);
    }

    [Test]
    public async Task Call_QueuedBehindARetryAfterLongerThanItsRetryBudget_StillGetsItsRetries()
    {
        using var httpTest = new HttpTest();
        httpTest.ForCallsTo("*/organizations/clorg").RespondWith(ErrorJson, 429, new { Retry_After = "5" }).RespondWith(OrganizationJson);
        httpTest.ForCallsTo("*/workspaces*").RespondWith(ErrorJson, 503).RespondWith(WorkspacesJson);
        var time = new RecordingTimeProvider(FakeNow, holdTimers: true, frozen: true);
        // 5.4 s budget: the first call may wait out its 5 s Retry-After; a call that queued those 5 s behind it could
        // not fit even the shortest backoff (0.5 s) if the queueing counted against its budget.
        using var client = NewClient(time, new AstroRetryPolicy
        {
            MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8), MaxElapsed = TimeSpan.FromSeconds(5.4),
        });
        var throttled = client.GetOrganizationAsync(false, CancellationToken.None);
        await time.WaitForTimerAsync(1);
        var queued = client.ListWorkspacesAsync(null, CancellationToken.None);
        await time.WaitForTimerAsync(2);

        time.FireHeld();
        var backoff = await time.WaitForTimerAsync(3);
        time.FireHeld();

        Assert.That((await throttled.WaitAsync(Ceiling)).Id, Is.EqualTo("clorg"));
        Assert.That((await queued.WaitAsync(Ceiling)).TotalCount, Is.Zero);
        Assert.That(time.Delays[1], Is.EqualTo(TimeSpan.FromSeconds(5)), "the second call waited out the first one's Retry-After");
        Assert.That(backoff, Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)), "then its own 503 backoff");
        Assert.That(httpTest.CallLog.Count(c => c.Request.Url.Path.EndsWith("/workspaces", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public async Task Calls_WhileQueued_OrdinaryCallsGoBeforeBackgroundOnes()
    {
        var release = new SemaphoreSlim(0);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            await release.WaitAsync(c.RequestAborted);
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync(c.Request.Path.Value!.EndsWith("/workspaces", StringComparison.Ordinal)
                ? """{"workspaces":[],"totalCount":0,"offset":0,"limit":20}"""
                : """{"id":"clorg","name":"org"}""");
        });
        using var client = new AstroClient(new AstroClientOptions
        {
            Host = server.BaseUrl, OrganizationId = "clorg", Token = "token", MaxConcurrentRequests = 1,
            RequestTimeout = TimeSpan.FromMinutes(10),
        });
        var first = client.GetOrganizationAsync(false, CancellationToken.None);
        var arrivals = new List<string> { (await server.NextArrivalAsync()).Request.Path.Value! };

        // Queued while the only slot is taken: a poll first, then an ordinary call.
        Task poll;
        using (AstroRequestPriority.Background())
            poll = client.ListWorkspacesAsync(null, CancellationToken.None);
        var read = client.GetOrganizationAsync(false, CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            release.Release();
            arrivals.Add((await server.NextArrivalAsync()).Request.Path.Value!);
        }
        release.Release();
        await Task.WhenAll(first, poll, read).WaitAsync(Ceiling);

        Assert.That(arrivals.Select(p => p.EndsWith("/workspaces", StringComparison.Ordinal) ? "poll" : "read"),
            Is.EqualTo(new[] { "read", "read", "poll" }));
    }

    [Test]
    public void Background_Scope_MarksCallsOnItsFlowUntilDisposed()
    {
        Assert.That(AstroRequestPriority.IsBackground, Is.False);
        using (AstroRequestPriority.Background())
        {
            Assert.That(AstroRequestPriority.IsBackground, Is.True);
            using (AstroRequestPriority.Background())
                Assert.That(AstroRequestPriority.IsBackground, Is.True);
            Assert.That(AstroRequestPriority.IsBackground, Is.True, "an inner scope restores the outer one");
        }
        Assert.That(AstroRequestPriority.IsBackground, Is.False);
    }

    [Test]
    public void Options_Default_AdaptiveRateLimitIsOn() =>
        Assert.That(new AstroClientOptions { OrganizationId = "o", Token = "t" }.AdaptiveRateLimit, Is.True);

    private static AstroClient NewClient(TimeProvider time, AstroRetryPolicy? retry = null) => new(new AstroClientOptions
    {
        Host = new Uri("https://api.astro.test"),
        OrganizationId = "clorg",
        Token = "token",
        TimeProvider = time,
        Retry = retry ?? AstroRetryPolicy.Default,
    });
}
