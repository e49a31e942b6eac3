using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>astro-sim's image registry (/v2, OCI Distribution manifests) and the image deploy's finalize check (§7.4).</summary>
public sealed class RegistryTests : SimFixture
{
    private async Task<(string Id, string Repository)> Deployment(bool dagDeploys = false)
    {
        var body = Bodies.Standard(Sim.WorkspaceId);
        body["isDagDeployEnabled"] = dagDeploys;
        var created = await Api.Post("deployments", body);
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        var id = (string)created.Json["id"]!;
        await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] == "HEALTHY");
        return (id, (string)created.Json["imageRepository"]!);
    }

    private static string RegistryUrl(string repository, string reference)
    {
        var slash = repository.IndexOf('/');
        return $"http://{repository[..slash]}/v2/{repository[(slash + 1)..]}/manifests/{reference}";
    }

    [Test]
    public async Task Deployment_ImageRepository_IsTheSimRegistry()
    {
        var (_, repository) = await Deployment();

        Assert.That(repository, Does.StartWith($"{Sim.BaseUrl.Authority}/{Sim.OrganizationId}/"));
    }

    [Test]
    public async Task Manifest_PushThenGetAndHead_SameBytesTypeAndDigest()
    {
        var (_, repository) = await Deployment();
        var manifest = SimRegistry.Manifest("push");

        var digest = await Sim.Registry.PushAsync(repository, "ci-abc123", manifest);
        var read = await Sim.Registry.GetAsync(repository, "ci-abc123");
        using var http = new HttpClient();
        using var head = new HttpRequestMessage(HttpMethod.Head, RegistryUrl(repository, "ci-abc123"));
        head.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cli:{Sim.Token}")));
        using var headReply = await http.SendAsync(head);

        Assert.Multiple(() =>
        {
            Assert.That(digest, Is.EqualTo(SimRegistry.Digest(manifest)));
            Assert.That(read!.Data, Is.EqualTo(manifest));
            Assert.That(read.MediaType, Is.EqualTo(SimRegistry.OciManifest));
            Assert.That(read.Digest, Is.EqualTo(digest));
            Assert.That(headReply.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(headReply.Headers.GetValues("Docker-Content-Digest").Single(), Is.EqualTo(digest));
        });
    }

    [Test]
    public async Task Manifest_UnknownTag_404ManifestUnknown()
    {
        var (_, repository) = await Deployment();

        Assert.That(await Sim.Registry.GetAsync(repository, "never-pushed"), Is.Null);
    }

    [TestCase(null)]
    [TestCase("cli:wrong-token")]
    [TestCase("someone:astro-sim-token")]
    public async Task Manifest_WithoutTheCliLogin_401WithBasicChallenge(string? credentials)
    {
        var (_, repository) = await Deployment();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, RegistryUrl(repository, "latest"));
        if (credentials is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var reply = await http.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(reply.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
        });
    }

    [Test]
    public async Task Manifest_PutWithoutManifestType_400ManifestInvalid()
    {
        var (_, repository) = await Deployment();

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => Sim.Registry.PushAsync(repository, "bad", SimRegistry.Manifest("x"), "application/json"));

        Assert.That(e!.Message, Does.Contain("400").And.Contain("MANIFEST_INVALID"));
    }

    [Test]
    public async Task Manifest_TokenAuth_BasicRefusedWithBearerChallengeAndRealmTokenAccepted()
    {
        await using var sim = await SimServer.StartAsync(o => o.RegistryTokenAuth = true);
        using var api = new Api(sim);
        var created = await api.Post("deployments", Bodies.Standard(sim.WorkspaceId));
        var repository = (string)created.Json["imageRepository"]!;
        using var http = new HttpClient();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cli:{sim.Token}")));

        using var first = new HttpRequestMessage(HttpMethod.Get, RegistryUrl(repository, "latest")) { Headers = { Authorization = basic } };
        using var refused = await http.SendAsync(first);
        var challenge = refused.Headers.WwwAuthenticate.Single();
        var realm = challenge.Parameter!.Split('"')[1];
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, realm) { Headers = { Authorization = basic } };
        using var tokenReply = await http.SendAsync(tokenRequest);
        var token = (string)JObject.Parse(await tokenReply.Content.ReadAsStringAsync())["token"]!;
        using var second = new HttpRequestMessage(HttpMethod.Get, RegistryUrl(repository, "latest")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var accepted = await http.SendAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(challenge.Scheme, Is.EqualTo("Bearer"));
            Assert.That(realm, Is.EqualTo($"{sim.BaseUrl.ToString().TrimEnd('/')}/_registry/token"));
            Assert.That(challenge.Parameter, Does.Contain("scope=\"repository:"));
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "authorized, and the tag was never pushed");
        });
    }

    [TestCase("IMAGE_ONLY", false)]
    [TestCase("IMAGE_ONLY", true)]
    [TestCase("IMAGE_AND_DAG", false)]
    public async Task ImageDeploy_FinalizeWithoutPushedImage_400NotPushed(string type, bool dagDeploys)
    {
        var (dep, repository) = await Deployment(dagDeploys);
        var created = await Api.Post($"deployments/{dep}/deploys", new JObject { ["type"] = type });
        var id = (string)created.Json["id"]!;

        var reply = await Api.Post($"deployments/{dep}/deploys/{id}/finalize", dagDeploys ? new JObject { ["dagTarballVersion"] = "" } : new JObject());

        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
            Assert.That(reply.Message, Is.EqualTo($"image {repository}:{created.Json["imageTag"]} was not pushed"));
        });
    }
}
