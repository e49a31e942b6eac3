using System.Net;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The retry rules (see <see cref="AstroClient"/>) under faults injected by astro-sim, counting attempts in its
/// request log. Delays run on <see cref="RecordingTimeProvider"/>: no test waits in real time except for attempt
/// timeouts that every attempt of the test hits. A timeout followed by a success is in <see cref="RetryScheduleTests"/>.
/// </summary>
public sealed class RetryTests : SimTestBase
{
    private static readonly DateTimeOffset FakeNow = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string OrganizationPath = "/organizations/[^/]+$";
    private const string ClustersPath = "/clusters$";

    private static readonly AstroRetryPolicy Policy = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        MaxElapsed = TimeSpan.FromSeconds(60),
    };

    private Task AddFaultAsync(string method, string path, int? status = null, int times = 1, string? retryAfter = null, bool drop = false, int delayMs = 0) =>
        Sim.Control.AddFaultAsync(new SimFault
        {
            Method = method, PathPattern = path, Status = status, Times = times, RetryAfter = retryAfter, Drop = drop, DelayMs = delayMs,
        });

    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    [TestCase(429)]
    public async Task Get_TransientStatusTwice_RetriesAndSucceeds(int status)
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, status, times: 2);

        var org = await client.GetOrganizationAsync(false, Ct);

        Assert.That(org.Id, Is.EqualTo(Sim.OrganizationId));
        var gets = await RequestsAsync("GET", Sim.OrganizationId, atLeast: 3);
        Assert.That(gets.Select(r => r.Status), Is.EqualTo(new[] { status, status, 200 }));
        // Jittered exponential backoff: retry n waits between half and all of 1 s × 2^(n-1).
        Assert.That(time.Delays, Has.Count.EqualTo(2));
        Assert.That(time.Delays[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
        Assert.That(time.Delays[1], Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Get_503WithRetryAfter_HonoursIt()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, 503, retryAfter: "5");

        await client.GetOrganizationAsync(false, Ct);

        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(5) }));
    }

    [Test]
    public async Task RequestLogger_Retries_SeesEveryAttemptInOrder()
    {
        var attempts = new List<AstroRequestLog>();
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow), logger: attempts.Add);
        await AddFaultAsync("GET", OrganizationPath, 503, times: 2);

        await client.GetOrganizationAsync(false, Ct);

        Assert.That(attempts.Select(a => (a.Attempt, a.StatusCode)), Is.EqualTo(new (int, int?)[] { (1, 503), (2, 503), (3, 200) }));
        Assert.That(attempts[0].ToString(), Does.Match($@"^GET http://127\.0\.0\.1:\d+/v1/organizations/{Sim.OrganizationId} \(attempt 1\): 503 in \d+ ms$"));
    }

    [Test]
    public async Task Get_503Always_StopsAfterMaxAttempts()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, 503, times: 0);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await RequestsAsync("GET", Sim.OrganizationId, atLeast: Policy.MaxAttempts), Has.Count.EqualTo(Policy.MaxAttempts));
        Assert.That(time.Delays, Has.Count.EqualTo(Policy.MaxAttempts - 1));
    }

    [Test]
    public async Task Get_503Always_StopsWhenTheTimeBudgetWouldBeExceeded()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy with { MaxAttempts = 100, MaxElapsed = TimeSpan.FromSeconds(10) }, time: time);
        await AddFaultAsync("GET", OrganizationPath, 503, times: 0);

        Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct));

        // Waits of 0.5–1 s, 1–2 s and 2–4 s always fit in 10 s; a fourth of 4–8 s fits only after short ones; a fifth never.
        var gets = await RequestsAsync("GET", Sim.OrganizationId, atLeast: 4);
        Assert.That(gets.Count, Is.InRange(4, 5));
        Assert.That(time.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Get_429WithRetryAfter_SendsNothingUntilTheClockHasWaitedItOut()
    {
        var time = new RecordingTimeProvider(FakeNow, holdTimers: true);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, 429, retryAfter: "1");

        var call = client.GetOrganizationAsync(false, Ct);
        var wait = await time.WaitForTimerAsync();
        var beforeTheWaitEnded = await RequestsAsync("GET", Sim.OrganizationId, atLeast: 1);
        time.FireHeld();
        await call;

        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(beforeTheWaitEnded.Select(r => r.Status), Is.EqualTo(new[] { 429 }));
        Assert.That((await RequestsAsync("GET", Sim.OrganizationId, atLeast: 2)).Select(r => r.Status), Is.EqualTo(new[] { 429, 200 }));
    }

    [Test]
    public async Task Get_429WithRetryAfterSeconds_WaitsExactlyThatLong()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, 429, retryAfter: "17");

        await client.GetOrganizationAsync(false, Ct);

        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(17) }), "Retry-After replaces the (8 s capped) backoff");
    }

    [Test]
    public async Task Get_429WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, 429, retryAfter: FakeNow.AddSeconds(30).ToString("r"));

        await client.GetOrganizationAsync(false, Ct);

        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
        Assert.That(await RequestsAsync("GET", Sim.OrganizationId, atLeast: 2), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Get_429WithRetryAfterBeyondBudget_FailsAtOnceWithRetryAfter()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("GET", OrganizationPath, 429, retryAfter: "600");

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(600)));
        Assert.That(time.Delays, Is.Empty, "no pointless wait");
        Assert.That(await RequestsAsync("GET", Sim.OrganizationId, atLeast: 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Get_ConnectionDropped_Retries()
    {
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow));
        await AddFaultAsync("GET", OrganizationPath, drop: true);

        await client.GetOrganizationAsync(false, Ct);

        Assert.That((await RequestsAsync("GET", Sim.OrganizationId, atLeast: 2)).Select(r => r.Status), Is.EquivalentTo(new[] { 0, 200 }));
    }

    [Test]
    public async Task Get_AlwaysTimesOut_ThrowsTransportTimeout()
    {
        var client = NewClient(retry: Policy with { MaxAttempts = 2 }, time: new RecordingTimeProvider(FakeNow),
            requestTimeout: TimeSpan.FromMilliseconds(200));
        await AddFaultAsync("GET", OrganizationPath, delayMs: 5_000, times: 0);

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.GetOrganizationAsync(false, Ct))!;

        Assert.That(e.IsTimeout, Is.True);
        Assert.That(e.Attempts, Is.EqualTo(2));
        Assert.That(e.Message, Does.StartWith($"GET /v1/organizations/{Sim.OrganizationId}: timed out after"));
        // astro-sim logs an abandoned request when it notices the abort, which can be after this test has ended: wait
        // for both here, or they land in the next test's log (which resets it first).
        Assert.That(await RequestsAsync("GET", Sim.OrganizationId, atLeast: 2), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Delete_503Once_Retries()
    {
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow));
        var cluster = await client.CreateClusterAsync(TestData.AwsCluster("retry-delete"), Ct);
        await AddFaultAsync("DELETE", "/clusters/", 503);

        await client.DeleteClusterAsync(cluster.Id, Ct);

        Assert.That((await RequestsAsync("DELETE", cluster.Id, atLeast: 2)).Select(r => r.Status), Is.EqualTo(new[] { 503, 204 }));
    }

    [Test]
    public async Task Post_429_IsRetriedBecauseTheServerRefusedIt()
    {
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy, time: time);
        await AddFaultAsync("POST", ClustersPath, 429, retryAfter: "2");

        var cluster = await client.CreateClusterAsync(TestData.AwsCluster("rate-limited"), Ct);

        Assert.That((await RequestsAsync("POST", "/clusters", atLeast: 2)).Select(r => r.Status), Is.EqualTo(new[] { 429, 200 }));
        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
        Assert.That((await client.ListAllClustersAsync(null, Ct)).Select(c => c.Id), Is.EqualTo(new[] { cluster.Id }));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task Post_CreateAnswered5xx_ThrowsOutcomeUnknownWithoutRetrying(int status)
    {
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow));
        await AddFaultAsync("POST", ClustersPath, status);

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateClusterAsync(TestData.AwsCluster("gateway"), Ct))!;

        Assert.That(e.InnerException, Is.InstanceOf<AstroApiException>().With.Property("StatusCode").EqualTo((HttpStatusCode)status));
        Assert.That(e.Method, Is.EqualTo("POST"));
        Assert.That(await RequestsAsync("POST", "/clusters", atLeast: 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Post_Create500AfterAstroMadeIt_ThrowsOutcomeUnknownAndTheLookupFindsIt()
    {
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow));
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = ClustersPath, Status = 500, AfterHandling = true });

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateClusterAsync(TestData.AwsCluster("committed"), Ct))!;
        var found = await client.ListAllClustersAsync(new ListClustersQuery { Names = ["committed"] }, Ct);

        Assert.That(e.Reason, Does.StartWith("500 from Astro, which may have made the object before it failed"));
        Assert.That(e.InnerException, Is.InstanceOf<AstroApiException>().With.Property("StatusCode").EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(found, Has.Count.EqualTo(1), "Astro made it, so a second create would have made a duplicate");
        Assert.That(await RequestsAsync("POST", "/clusters", atLeast: 1), Has.Count.EqualTo(1));
    }

    [TestCase(500, typeof(AstroApiException))]
    [TestCase(502, typeof(AstroOutcomeUnknownException))]
    public async Task Post_UpdateAnswered5xx_NotRetriedAndOnlyAGatewayErrorIsUnknown(int status, Type expected)
    {
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow));
        var cluster = await client.CreateClusterAsync(TestData.AwsCluster("update"), Ct);
        await AddFaultAsync("POST", $"/clusters/{cluster.Id}$", status);

        var e = Assert.ThrowsAsync(Is.InstanceOf<AstroException>(), () => client.UpdateClusterAsync(cluster.Id, new UpdateDedicatedClusterRequest { Name = "update", K8sTags = [], WorkspaceIds = [] }, Ct));

        Assert.That(e, Is.TypeOf(expected));
        Assert.That(await RequestsAsync("POST", cluster.Id, atLeast: 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Post_TimeoutAfterSending_ThrowsOutcomeUnknownWithoutRetrying()
    {
        var attempts = new List<AstroRequestLog>();
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow), requestTimeout: TimeSpan.FromMilliseconds(300), logger: attempts.Add);
        await AddFaultAsync("POST", ClustersPath, delayMs: 5_000);

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateClusterAsync(TestData.AwsCluster("slow"), Ct))!;

        Assert.That(e.Reason, Does.StartWith("timed out after"));
        Assert.That(e.Message, Does.StartWith($"POST /v1/organizations/{Sim.OrganizationId}/clusters: outcome unknown: timed out"));
        Assert.That(attempts.Count(a => a.Method == "POST"), Is.EqualTo(1));
        Assert.That(await RequestsAsync("POST", "/clusters", atLeast: 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Post_ConnectionResetAfterSending_ThrowsOutcomeUnknownWithoutRetrying()
    {
        var attempts = new List<AstroRequestLog>();
        var client = NewClient(retry: Policy, time: new RecordingTimeProvider(FakeNow), logger: attempts.Add);
        // A pooled connection, as in real use: the handler must not quietly resend the POST on a fresh one either.
        await client.GetOrganizationAsync(false, Ct);
        await AddFaultAsync("POST", ClustersPath, drop: true);

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.CreateClusterAsync(TestData.AwsCluster("reset"), Ct))!;

        Assert.That(e.Reason, Does.StartWith("the connection failed after the request was sent"));
        Assert.That(attempts.Count(a => a.Method == "POST"), Is.EqualTo(1));
        Assert.That((await RequestsAsync("POST", "/clusters", atLeast: 1)).Select(r => r.Status), Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Post_ConnectionRefused_IsRetriedBecauseItNeverLeft()
    {
        var attempts = new List<AstroRequestLog>();
        var time = new RecordingTimeProvider(FakeNow);
        var client = NewClient(retry: Policy with { MaxAttempts = 3 }, time: time, logger: attempts.Add,
            host: new Uri($"http://127.0.0.1:{ClosedPort()}"));

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.CreateClusterAsync(TestData.AwsCluster("refused"), Ct))!;

        Assert.That(e.Attempts, Is.EqualTo(3));
        Assert.That(e.IsTimeout, Is.False);
        Assert.That(attempts.Select(a => (a.Method, a.StatusCode)), Is.EqualTo(Enumerable.Repeat(("POST", (int?)null), 3)));
        Assert.That(time.Delays, Has.Count.EqualTo(2));
    }
}

