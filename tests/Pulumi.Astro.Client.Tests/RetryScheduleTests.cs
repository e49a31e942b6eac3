using System.Net;
using System.Text;
using Flurl.Http.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// Retry schedules and the create/update rules, with Flurl's <see cref="HttpTest"/> answering in place of a server and
/// <see cref="RecordingTimeProvider"/> recording the pauses: answers astro-sim cannot give on cue (a timeout, then a
/// success; a connection refused, then a success) and one row per POST the client makes.
/// </summary>
public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset FakeNow = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Uri Host = new("https://api.astro.test");

    private static readonly AstroRetryPolicy Policy = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        MaxElapsed = TimeSpan.FromSeconds(60),
    };

    private static AstroClient NewClient(TimeProvider time) =>
        new(new AstroClientOptions { Host = Host, OrganizationId = "clorg", Token = "token", Retry = Policy, TimeProvider = time });

    private static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static readonly Func<HttpContent> OrganizationJson = Json("""{"id":"clorg","name":"org"}""");
    private static readonly Func<HttpContent> ErrorJson = Json("""{"message":"internal error","requestId":"r1","statusCode":500}""");

    // Every POST the client makes, and whether it is a create (a second send makes a second object) or an update.
    private static readonly Dictionary<string, (bool IsCreate, Func<AstroClient, Task> Call)> Posts = new()
    {
        ["CreateDeployment"] = (true, c => c.CreateDeploymentAsync(TestData.StandardDeployment("w1", "d"), CancellationToken.None)),
        ["CreateCluster"] = (true, c => c.CreateClusterAsync(TestData.AwsCluster("c"), CancellationToken.None)),
        ["CreateDeploy"] = (true, c => c.CreateDeployAsync("d1", new CreateDeployRequest { Type = DeployType.DagOnly }, CancellationToken.None)),
        ["RollbackDeploy"] = (true, c => c.RollbackDeployAsync("d1", "x1", new DeployRollbackRequest(), CancellationToken.None)),
        ["UpdateDeployment"] = (false, c => c.UpdateDeploymentAsync("d1", new UpdateStandardDeploymentRequest
        {
            Name = "d", WorkspaceId = "w1", Executor = Executor.Celery, IsCicdEnforced = false, IsDagDeployEnabled = true,
            EnvironmentVariables = [], IsHighAvailability = false, SchedulerSize = SchedulerSize.Small, IsDevelopmentMode = false,
            DefaultTaskPodCpu = "0.5", DefaultTaskPodMemory = "1Gi", ResourceQuotaCpu = "10", ResourceQuotaMemory = "20Gi",
        }, CancellationToken.None)),
        ["UpdateCluster"] = (false, c => c.UpdateClusterAsync("c1", new UpdateDedicatedClusterRequest { Name = "c", K8sTags = [], WorkspaceIds = [] },
            CancellationToken.None)),
        ["UpdateDeploy"] = (false, c => c.UpdateDeployAsync("d1", "x1", new UpdateDeployRequest { Description = "d" }, CancellationToken.None)),
        ["FinalizeDeploy"] = (false, c => c.FinalizeDeployAsync("d1", "x1", new FinalizeDeployRequest { DagTarballVersion = "v1" }, CancellationToken.None)),
        ["SetHibernationOverride"] = (false, c => c.SetHibernationOverrideAsync("d1", new OverrideDeploymentHibernationRequest { IsHibernating = true },
            CancellationToken.None)),
        ["CreateWorkspace"] = (true, c => c.CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = "w" }, CancellationToken.None)),
        ["CreateEnvironmentObject"] = (true, c => c.CreateEnvironmentObjectAsync(EnvironmentTestData.Connection("w1"), CancellationToken.None)),
        ["CreateApiToken"] = (true, c => c.CreateApiTokenAsync(EnvironmentTestData.WorkspaceToken("w1"), CancellationToken.None)),
        ["RotateApiToken"] = (true, c => c.RotateApiTokenAsync("t1", CancellationToken.None)),
        ["CreateAgentToken"] = (true, c => c.CreateAgentTokenAsync("d1", new CreateAgentTokenRequest { Name = "a" }, CancellationToken.None)),
        ["UpdateWorkspace"] = (false, c => c.UpdateWorkspaceAsync("w1", new UpdateWorkspaceRequest { Name = "w", Description = "", CicdEnforcedDefault = false },
            CancellationToken.None)),
        ["UpdateEnvironmentObject"] = (false, c => c.UpdateEnvironmentObjectAsync("o1",
            new UpdateEnvironmentObjectRequest { Connection = new EnvironmentObjectConnectionRequest { Type = "http" } }, CancellationToken.None)),
        ["ExcludeEnvironmentObjectLink"] = (false, c => c.ExcludeEnvironmentObjectLinkAsync("o1", new ExcludeLinkEnvironmentObjectRequest { ScopeEntityId = "d1" },
            CancellationToken.None)),
        ["UpdateApiToken"] = (false, c => c.UpdateApiTokenAsync("t1", new UpdateApiTokenRequest { Name = "t" }, CancellationToken.None)),
        ["UpdateApiTokenRoles"] = (false, c => c.UpdateApiTokenRolesAsync("t1", new UpdateApiTokenRolesRequest { Roles = [] }, CancellationToken.None)),
    };

    private static IEnumerable<string> PostNames => Posts.Keys;

    [Test]
    public async Task Get_TimesOutThenAnswers_RetriesAfterOneBackoff()
    {
        using var httpTest = new HttpTest();
        httpTest.SimulateTimeout().RespondWith(OrganizationJson);
        var time = new RecordingTimeProvider(FakeNow);
        using var client = NewClient(time);

        var org = await client.GetOrganizationAsync(false, CancellationToken.None);

        Assert.That(org.Id, Is.EqualTo("clorg"));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(2));
        Assert.That(time.Delays, Has.Count.EqualTo(1));
        Assert.That(time.Delays[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Get_503Then429WithRetryAfterThenOk_WaitsABackoffThenTheRetryAfter()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(ErrorJson, 503).RespondWith(ErrorJson, 429, new { Retry_After = "7" }).RespondWith(OrganizationJson);
        var time = new RecordingTimeProvider(FakeNow);
        using var client = NewClient(time);

        await client.GetOrganizationAsync(false, CancellationToken.None);

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(3));
        Assert.That(time.Delays, Has.Count.EqualTo(2));
        Assert.That(time.Delays[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
        Assert.That(time.Delays[1], Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void Get_ConnectionRefusedEveryTime_BacksOffDoublingUntilMaxAttempts()
    {
        using var httpTest = new HttpTest();
        httpTest.SimulateException(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        var time = new RecordingTimeProvider(FakeNow);
        using var client = NewClient(time);

        var e = Assert.ThrowsAsync<AstroTransportException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.Attempts, Is.EqualTo(Policy.MaxAttempts));
        Assert.That(e.Message, Does.Contain("connection failed: Connection refused"));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(Policy.MaxAttempts));
        // Retry n waits between half and all of 1 s × 2^(n-1).
        Assert.That(time.Delays, Has.Count.EqualTo(3));
        for (var n = 1; n <= 3; n++)
            Assert.That(time.Delays[n - 1], Is.InRange(TimeSpan.FromSeconds(Math.Pow(2, n - 1) / 2), TimeSpan.FromSeconds(Math.Pow(2, n - 1))));
    }

    [TestCaseSource(nameof(PostNames))]
    public void Post_Answered500_CreateIsOutcomeUnknownUpdateIsAnApiError(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(ErrorJson, 500);
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        var e = Assert.ThrowsAsync(Is.InstanceOf<AstroException>(), () => Posts[post].Call(client))!;

        Assert.That(e, Is.TypeOf(Posts[post].IsCreate ? typeof(AstroOutcomeUnknownException) : typeof(AstroApiException)));
        Assert.That(e.Message, Does.Contain("internal error").And.Contain("requestId r1"));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1), "a POST is not retried on a 500");
    }

    [TestCaseSource(nameof(PostNames))]
    public void Post_Answered503_IsOutcomeUnknownAndNotRetried(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(ErrorJson, 503);
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => Posts[post].Call(client));

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(PostNames))]
    public void Post_ConnectionLostAfterSending_IsOutcomeUnknownAndNotRetried(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.SimulateException(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => Posts[post].Call(client))!;

        Assert.That(e.Reason, Is.EqualTo("the connection failed after the request was sent: The response ended prematurely."));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(PostNames))]
    public void Post_TimedOut_IsOutcomeUnknownAndNotRetried(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.SimulateTimeout();
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => Posts[post].Call(client))!;

        Assert.That(e.Reason, Does.StartWith("timed out after"));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(PostNames))]
    public async Task Post_RefusedThenRateLimitedThenOk_RetriedBecauseAstroNeverProcessedIt(string post)
    {
        using var httpTest = new HttpTest();
        httpTest
            .SimulateException(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .RespondWith(ErrorJson, 429, new { Retry_After = "3" })
            .RespondWith(Json("{}"));
        var time = new RecordingTimeProvider(FakeNow);
        using var client = NewClient(time);

        await Posts[post].Call(client);

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(3));
        Assert.That(httpTest.CallLog.Select(c => c.HttpRequestMessage.Method), Is.All.EqualTo(HttpMethod.Post));
        Assert.That(time.Delays[1], Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Get_RedirectAnswer_IsNotFollowed()
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith("moved", 302, new { Location = "https://elsewhere.example/collect" });
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetOrganizationAsync(false, CancellationToken.None))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        httpTest.ShouldNotHaveCalled("https://elsewhere.example/*");
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1));
    }
}
