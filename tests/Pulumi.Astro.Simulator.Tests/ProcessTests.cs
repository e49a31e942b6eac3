using System.Diagnostics;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The astro-sim executable, started as the quickstart starts it.</summary>
public sealed class ProcessTests
{
    [Test]
    public async Task Start_BareStart_FirstLineIsLoopbackBaseUrlAndApiServes()
    {
        await using var sim = await SimProcess.StartAsync();
        Assert.That(sim.BaseUrl.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(sim.BaseUrl.Port, Is.GreaterThan(0));
        Assert.That(sim.BaseUrl.AbsolutePath, Is.EqualTo("/"));
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        http.DefaultRequestHeaders.Add("Authorization", $"Bearer {SimulatorOptions.DefaultToken}");
        var ws = JObject.Parse(await http.GetStringAsync($"/v1/organizations/{SimulatorOptions.DefaultOrganizationId}/workspaces/{SimulatorOptions.DefaultWorkspaceId}"));
        Assert.That((string?)ws["name"], Is.EqualTo(SimulatorOptions.DefaultWorkspaceName));
        Assert.That(await sim.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task Start_CustomIdentity_SeedsThem()
    {
        await using var sim = await SimProcess.StartAsync("--token", "t0k", "--organization-id", "corgx", "--workspace-id", "cwsx", "--workspace-name", "Data Team");
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer t0k");
        var ws = JObject.Parse(await http.GetStringAsync("/v1/organizations/corgx/workspaces/cwsx"));
        Assert.That((string?)ws["name"], Is.EqualTo("Data Team"));
    }

    [TestCase("--bogus", "unknown option")]
    [TestCase("--port", "needs a value")]
    [TestCase("--port=70000", "--port")]
    [TestCase("--cluster-seconds=-1", "--cluster-seconds")]
    [TestCase("--deploy-seconds=soon", "--deploy-seconds")]
    [TestCase("--organization-id=Bad-Id", "--organization-id")]
    public async Task Start_BadOption_ExitsNonZeroWithMessage(string arg, string expected)
    {
        using var process = Process.Start(SimProcess.StartInfo(arg))!;
        var stderr = await process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(expected).And.Contain("usage: astro-sim"));
        Assert.That(stdout, Is.Empty, "nothing may look like a URL on stdout");
    }

    [TestCase(new[] { "--port", "0", "--db", "x.db", "--cluster-seconds", "0.5" }, 0, "x.db", 0.5)]
    [TestCase(new[] { "--deployment-seconds=7", "--token=abc" }, 0, null, 5.0)]
    public void Parse_ValidOptions_SetsThem(string[] args, int port, string? db, double clusterSeconds)
    {
        var o = SimulatorOptions.Parse(args);
        Assert.That(o.Port, Is.EqualTo(port));
        Assert.That(o.DbPath, Is.EqualTo(db is null ? null : Path.Combine(Environment.CurrentDirectory, db)), "relative to the working directory");
        Assert.That(o.ClusterSeconds, Is.EqualTo(clusterSeconds));
    }

    [Test]
    public void Parse_Nothing_DocumentedDefaults()
    {
        var o = SimulatorOptions.Parse([]);
        Assert.Multiple(() =>
        {
            Assert.That(o.Port, Is.Zero);
            Assert.That(o.Token, Is.EqualTo("astro-sim-token"));
            Assert.That(o.DbPath, Is.Null);
            Assert.That(o.ClusterSeconds, Is.EqualTo(5));
            Assert.That(o.DeploymentSeconds, Is.EqualTo(3));
            Assert.That(o.DeploySeconds, Is.EqualTo(2));
            Assert.That(SimulatorOptions.Usage, Does.Contain("--cluster-seconds S").And.Contain("default 5"));
        });
    }

    [Test]
    public async Task Restart_WithDbMidTransition_LosesNothing()
    {
        var db = Path.Combine(Path.GetTempPath(), $"astro-sim-{Guid.NewGuid():N}.db");
        try
        {
            string clusterId, deploymentId, deployId;
            byte[] tarball = [31, 139, 8, 0, 1, 2, 3];
            await using (var sim = await SimProcess.StartAsync("--db", db, "--cluster-seconds", "2", "--deployment-seconds", "30"))
            {
                using var http = Client(sim);
                clusterId = (string)(await Post(http, "clusters", Bodies.AwsCluster()))["id"]!;
                var dep = Bodies.Standard(SimulatorOptions.DefaultWorkspaceId);
                var created = await Post(http, "deployments", dep);
                deploymentId = (string)created["id"]!;
                var deploy = await Post(http, $"deployments/{deploymentId}/deploys", new JObject { ["type"] = "DAG_ONLY" });
                deployId = (string)deploy["id"]!;
                using var put = new HttpRequestMessage(HttpMethod.Put, (string)deploy["dagsUploadUrl"]!) { Content = new ByteArrayContent(tarball) };
                put.Headers.Add("x-ms-blob-type", "BlockBlob");
                (await http.SendAsync(put)).EnsureSuccessStatusCode();
                Assert.That((string?)(await Get(http, $"clusters/{clusterId}"))["status"], Is.EqualTo("CREATING"));
            }

            // The restarted process derives statuses from stored timestamps: the cluster finishes its transition.
            await using (var sim = await SimProcess.StartAsync("--db", db))
            {
                using var http = Client(sim);
                var dep = await Get(http, $"deployments/{deploymentId}");
                Assert.That((string?)dep["status"], Is.EqualTo("CREATING"), "still inside its 30 s transition");
                Assert.That(dep["environmentVariables"]!.Any(v => (string?)v["key"] == "SECRET"), Is.True);
                var deadline = DateTime.UtcNow.AddSeconds(10);
                string? status;
                while ((status = (string?)(await Get(http, $"clusters/{clusterId}"))["status"]) != "CREATED" && DateTime.UtcNow < deadline)
                    await Task.Delay(50);
                Assert.That(status, Is.EqualTo("CREATED"));
                Assert.That((string?)(await Get(http, $"deployments/{deploymentId}/deploys/{deployId}"))["status"], Is.EqualTo("INITIALIZED"));
                var blob = await http.GetByteArrayAsync($"/_sim/blobs/{deployId}");
                Assert.That(blob, Is.EqualTo(tarball));
            }
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
        }
    }

    private static HttpClient Client(SimProcess sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseUrl };
        http.DefaultRequestHeaders.Add("Authorization", $"Bearer {SimulatorOptions.DefaultToken}");
        return http;
    }

    private static async Task<JObject> Get(HttpClient http, string path) =>
        JObject.Parse(await http.GetStringAsync($"/v1/organizations/{SimulatorOptions.DefaultOrganizationId}/{path}"));

    private static async Task<JObject> Post(HttpClient http, string path, JObject body)
    {
        var response = await http.PostAsync($"/v1/organizations/{SimulatorOptions.DefaultOrganizationId}/{path}",
            new StringContent(body.ToString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JObject.Parse(text);
    }
}
