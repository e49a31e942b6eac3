using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>The image registry calls (tag check, retag) against astro-sim's registry (API fact sheet §5.6, §7.4 step 2).</summary>
public sealed class RegistryEndpointTests : SimTestBase
{
    private async Task<string> RepositoryAsync(AstroClient client) =>
        (await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "images"), Ct)).ImageRepository!;

    [Test]
    public async Task ImageTagExists_PushedAndNotPushed_TrueAndFalse()
    {
        var client = NewClient();
        var repository = await RepositoryAsync(client);
        await Sim.Registry.PushAsync(repository, "ci-1", SimRegistry.Manifest("exists"));

        Assert.That(await client.ImageTagExistsAsync(repository, "ci-1", Ct), Is.True);
        Assert.That(await client.ImageTagExistsAsync(repository, "ci-2", Ct), Is.False);
    }

    [Test]
    public async Task RetagImage_PushedTag_TargetHasSameBytesTypeAndDigest()
    {
        var client = NewClient();
        var repository = await RepositoryAsync(client);
        var manifest = SimRegistry.Manifest("retag");
        var pushed = await Sim.Registry.PushAsync(repository, "git-0a1b2c", manifest, "application/vnd.docker.distribution.manifest.v2+json");

        var digest = await client.RetagImageAsync(repository, "git-0a1b2c", "deploy-2026-11-23T13-00-00-abcde", Ct);
        var target = await Sim.Registry.GetAsync(repository, "deploy-2026-11-23T13-00-00-abcde");

        Assert.Multiple(() =>
        {
            Assert.That(digest, Is.EqualTo(pushed));
            Assert.That(target!.Digest, Is.EqualTo(pushed));
            Assert.That(target.Data, Is.EqualTo(manifest));
            Assert.That(target.MediaType, Is.EqualTo("application/vnd.docker.distribution.manifest.v2+json"));
        });
    }

    [Test]
    public async Task RetagImage_MissingSourceTag_NotFoundAndNothingPut()
    {
        var client = NewClient();
        var repository = await RepositoryAsync(client);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.RetagImageAsync(repository, "typo", "deploy-x", Ct));

        Assert.That(e!.IsNotFound, Is.True);
        Assert.That(await RequestsAsync("PUT", "/manifests/deploy-x"), Is.Empty);
    }

    [Test]
    public async Task RetagImage_GatewayErrorsOnGetAndPut_Retried()
    {
        var client = NewClient();
        var repository = await RepositoryAsync(client);
        await Sim.Registry.PushAsync(repository, "ci-retry", SimRegistry.Manifest("retry"));
        await Sim.Control.AddFaultAsync(new SimFault { Method = "GET", PathPattern = "/manifests/ci-retry$", Status = 503, Times = 1 });
        await Sim.Control.AddFaultAsync(new SimFault { Method = "PUT", PathPattern = "/manifests/deploy-retry$", Status = 502, Times = 1, AfterHandling = true });

        await client.RetagImageAsync(repository, "ci-retry", "deploy-retry", Ct);

        Assert.That(await Sim.Registry.GetAsync(repository, "deploy-retry"), Is.Not.Null);
        Assert.That(await RequestsAsync("PUT", "/manifests/deploy-retry", atLeast: 2), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RetagImage_WrongToken_UnauthorizedWithoutTheToken()
    {
        var repository = await RepositoryAsync(NewClient());
        await Sim.Registry.PushAsync(repository, "ci-auth", SimRegistry.Manifest("auth"));
        var logged = new List<AstroRequestLog>();
        var client = NewClient(token: "not-the-sim-token", logger: logged.Add);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.RetagImageAsync(repository, "ci-auth", "deploy-auth", Ct));

        Assert.That(e!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
        Assert.That(e.Message, Does.Contain("cli").And.Not.Contain("not-the-sim-token"));
        Assert.That(logged.SelectMany(l => l.RequestHeaders).Where(h => h.Key == "Authorization").Select(h => h.Value),
            Is.All.EqualTo("Basic " + AstroRequestLog.Redacted));
    }

    [TestCase("")]
    [TestCase("-starts-with-dash")]
    [TestCase("has space")]
    [TestCase("has/slash")]
    public void RetagImage_InvalidTag_ArgumentException(string tag)
    {
        var client = NewClient();

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => client.RetagImageAsync("127.0.0.1:1/org/ns", tag, "deploy-x", Ct));
    }

    [TestCase("no-slash")]
    [TestCase("https://host/org/ns")]
    [TestCase("host/Upper/ns")]
    public void RetagImage_InvalidRepository_ArgumentException(string repository)
    {
        var client = NewClient();

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => client.RetagImageAsync(repository, "ci", "deploy-x", Ct));
    }
}

/// <summary>The Bearer token flow against a registry that wants one (astro-sim's RegistryTokenAuth).</summary>
public sealed class RegistryTokenAuthTests
{
    [Test]
    public async Task RetagImage_BearerChallenge_FetchesRealmTokenOnceAndRetags()
    {
        await using var sim = await SimServer.StartAsync(o => o.RegistryTokenAuth = true);
        using var client = new AstroClient(new AstroClientOptions { Host = sim.BaseUrl, OrganizationId = sim.OrganizationId, Token = sim.Token });
        var repository = (await client.CreateDeploymentAsync(TestData.StandardDeployment(sim.WorkspaceId, "bearer"), CancellationToken.None)).ImageRepository!;

        Assert.That(await client.ImageTagExistsAsync(repository, "ci-bearer", CancellationToken.None), Is.False);
        var e = Assert.ThrowsAsync<AstroApiException>(() => client.RetagImageAsync(repository, "ci-bearer", "deploy-bearer", CancellationToken.None));
        var tokenRequests = (await sim.Control.RequestsAsync()).Count(r => r.Path == "/_registry/token");

        Assert.That(e!.IsNotFound, Is.True, "authorized with the realm's token; the tag was never pushed");
        Assert.That(tokenRequests, Is.EqualTo(1), "the token is kept for the repository");
    }
}
