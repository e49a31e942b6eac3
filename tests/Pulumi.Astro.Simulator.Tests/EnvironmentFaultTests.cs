using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Simulator.Tests.EnvironmentBodies;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The control API's faults and request log on the workspace, environment object and token endpoints.</summary>
public sealed class EnvironmentFaultTests : InstantSimFixture
{
    [TestCase("POST", "/environment-objects$", "environment-objects")]
    [TestCase("POST", "/workspaces$", "workspaces")]
    [TestCase("POST", "/tokens$", "tokens")]
    public async Task Fault_DropAfterHandling_CreatedAlthoughTheAnswerWasLost(string method, string pattern, string collection)
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = method, PathPattern = pattern, Drop = true, AfterHandling = true });
        JObject body = collection switch
        {
            "environment-objects" => Connection(Sim.WorkspaceId),
            "workspaces" => Workspace(),
            _ => ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"),
        };
        var before = (int)(await Api.Get(collection)).Json["totalCount"]!;
        Assert.That(async () => await Api.Post(collection, body), Throws.InstanceOf<HttpRequestException>());
        Assert.That((int)(await Api.Get(collection)).Json["totalCount"]!, Is.EqualTo(before + 1));
        Assert.That((await Sim.Control.RequestsAsync()).Single(r => r.Method == "POST").Status, Is.Zero, "logged as a dropped connection");
    }

    [Test]
    public async Task Fault_StatusBeforeHandling_NothingHappensThenTheRetrySucceeds()
    {
        var id = (string)(await Api.Post("tokens", ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"))).Json["id"]!;
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/tokens/[a-z0-9]+/rotate$", Status = 503, RetryAfter = "1", Times = 1 });
        var refused = await Api.Post($"tokens/{id}/rotate", new JObject());
        Assert.That(refused.Status, Is.EqualTo(503));
        Assert.That((int?)refused.Body?["statusCode"], Is.EqualTo(503));
        Assert.That(refused.Raw.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That((await Api.Get($"tokens/{id}")).Json["lastRotatedAt"], Is.Null, "a faulted request is not processed");
        Assert.That((await Api.Post($"tokens/{id}/rotate", new JObject())).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Fault_StatusAfterHandling_RotatedAndTheNewValueLost()
    {
        var created = (await Api.Post("tokens", ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"))).Json;
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/rotate$", Status = 502, AfterHandling = true });
        var reply = await Api.Post($"tokens/{created["id"]}/rotate", new JObject());
        Assert.That(reply.Status, Is.EqualTo(502));
        Assert.That(reply.Body?["token"], Is.Null);
        using var old = new Api(Sim, (string)created["token"]!);
        Assert.That((await old.Get("workspaces")).Status, Is.EqualTo(401), "the rotation happened: the old value no longer works");
    }

    [TestCase("GET", "environment-objects")]
    [TestCase("POST", "environment-objects")]
    [TestCase("GET", "tokens")]
    [TestCase("POST", "tokens/cx/rotate")]
    [TestCase("POST", "workspaces")]
    [TestCase("DELETE", "workspaces/cx")]
    [TestCase("GET", "deployments/cx/agent-tokens")]
    public async Task NewEndpoint_BadTokenOrOtherOrganization_401Or403WithErrorBody(string method, string path)
    {
        using var stranger = new Api(Sim, "not-a-token");
        var unauthorized = await stranger.Send(new HttpMethod(method), path, method == "POST" ? "{}" : null);
        var forbidden = await Api.Send(new HttpMethod(method), $"/v1/organizations/cotherorg0000000000000000/{path}", method == "POST" ? "{}" : null);
        Assert.That(unauthorized.Status, Is.EqualTo(401), unauthorized.ToString());
        Assert.That((int?)unauthorized.Body?["statusCode"], Is.EqualTo(401));
        Assert.That(forbidden.Status, Is.EqualTo(403), forbidden.ToString());
        Assert.That((int?)forbidden.Body?["statusCode"], Is.EqualTo(403));
    }

    [Test]
    public async Task RequestLog_NewEndpoints_LoggedWithMethodPathQueryAndStatus()
    {
        var id = (string)(await Api.Post("environment-objects", Connection(Sim.WorkspaceId))).Json["id"]!;
        await Api.Get("environment-objects?objectType=CONNECTION");
        await Api.Delete($"workspaces/{Sim.WorkspaceId}");
        await Api.Get($"environment-objects/{id}");
        var log = await Sim.Control.RequestsAsync();
        Assert.That(log.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("POST", 200), ("GET", 200), ("DELETE", 204), ("GET", 404) }),
            "deleting the workspace took its objects with it");
        Assert.That(log[1].Query, Is.EqualTo("?objectType=CONNECTION"));
    }
}

/// <summary>Workspaces, environment objects and tokens survive a restart on the same database, secrets still hidden.</summary>
public sealed class EnvironmentPersistenceTests
{
    [Test]
    public async Task Restart_WithDb_KeepsObjectsTokensAndSecretsHidden()
    {
        var db = Path.Combine(Path.GetTempPath(), $"astro-sim-env-{Guid.NewGuid():N}.db");
        try
        {
            string ws, obj, token, value;
            await using (var sim = await SimServer.StartAsync(o => o.DbPath = db))
            {
                using var api = new Api(sim);
                ws = (string)(await api.Post("workspaces", Workspace())).Json["id"]!;
                obj = (string)(await api.Post("environment-objects", Connection(ws))).Json["id"]!;
                var created = (await api.Post("tokens", ApiToken("WORKSPACE", ws, "WORKSPACE_OWNER"))).Json;
                (token, value) = ((string)created["id"]!, (string)created["token"]!);
            }
            var stored = string.Concat(new[] { db, db + "-wal" }.Where(File.Exists).Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
            Assert.That(stored, Does.Contain(obj).And.Not.Contain(value), "astro-sim keeps a token's hash, never its value");

            await using (var sim = await SimServer.StartAsync(o => o.DbPath = db))
            {
                using var api = new Api(sim);
                Assert.That((string?)(await api.Get($"workspaces/{ws}")).Json["name"], Is.EqualTo("data"));
                var conn = (await api.Get($"environment-objects/{obj}")).Json;
                Assert.That(conn["connection"]!["password"], Is.Null);
                Assert.That(conn["setFields"]!.Values<string>(), Does.Contain("password"));
                Assert.That(conn.ToString(), Does.Not.Contain(ConnectionPassword));
                Assert.That((await api.Get($"tokens/{token}")).Status, Is.EqualTo(200));
                using var holder = new Api(sim, value);
                Assert.That((await holder.Get("workspaces")).Status, Is.EqualTo(200), "the token still authenticates after the restart");
            }
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }
}
