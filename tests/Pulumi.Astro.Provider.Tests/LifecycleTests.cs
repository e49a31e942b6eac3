using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The engine's role: the built plugin process, a fake engine, and astro-sim. This is our `pulumi up`.</summary>
public sealed class DeploymentLifecycleTests
{
    private const string Type = "astro:index:Deployment";
    private SimServer _sim = null!;
    private FakeEngine _engine = null!;
    private PluginProcess _plugin = null!;

    private string Urn(string name) => $"urn:pulumi:dev::proj::{Type}::{name}";

    [OneTimeSetUp]
    public async Task Start()
    {
        _sim = await SimServer.StartAsync();
        _engine = await FakeEngine.StartAsync();
        _plugin = await PluginProcess.StartAsync(_engine.Address);
        await _plugin.Client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = _engine.Address });
        var config = Struct(("host", S(_sim.BaseUrl.ToString())), ("organizationId", S(_sim.OrganizationId)), ("token", Secret(S(_sim.Token))));
        var check = await _plugin.Client.CheckConfigAsync(new CheckRequest { Urn = "urn:pulumi:dev::proj::pulumi:providers:astro::default", News = config });
        Assert.That(check.Failures, Is.Empty);
        await _plugin.Client.ConfigureAsync(new ConfigureRequest { Args = check.Inputs, AcceptSecrets = true });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _plugin.DisposeAsync();
        await _engine.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private async Task<Struct> Checked(string name, Struct news, Struct? olds = null)
    {
        var check = await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = olds ?? new Struct(), News = news });
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        return check.Inputs;
    }

    [Test]
    public async Task Lifecycle_CreateReadNoDiffUpdateReplaceDelete()
    {
        var inputs = await Checked("analytics", StandardDeployment(_sim.WorkspaceId));
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("analytics"), Name = "analytics", Type = Type, Properties = inputs });
        Assert.That(created.Id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"), "create waits until HEALTHY");
        Assert.That(created.Properties.Fields["uiUrl"].StringValue, Does.StartWith("https://"));

        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(read.Id, Is.EqualTo(created.Id));
        var same = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(same.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", same.Diffs));

        // In place: a bigger queue and a new variable.
        var changedNews = StandardDeployment(_sim.WorkspaceId);
        changedNews.Fields["workerQueues"].ListValue.Values[0].StructValue.Fields["maxWorkerCount"] = N(20);
        var changed = await Checked("analytics", changedNews, inputs);
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = changed });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffSome));
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.DetailedDiff.Keys, Does.Contain("workerQueues[0].maxWorkerCount"));
        var queueId = (await SimDeployment(created.Id))["workerQueues"]![0]!["id"]!.ToString();
        var updated = await _plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = changed });
        Assert.That(updated.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        var live = await SimDeployment(created.Id);
        Assert.That((int)live["workerQueues"]![0]!["maxWorkerCount"]!, Is.EqualTo(20));
        Assert.That(live["workerQueues"]![0]!["id"]!.ToString(), Is.EqualTo(queueId), "the queue keeps its id");

        // A new region replaces.
        var moved = StandardDeployment(_sim.WorkspaceId);
        moved.Fields["region"] = S("us-west-2");
        var replace = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = updated.Properties, OldInputs = changed, News = await Checked("analytics", moved, changed) });
        Assert.That(replace.Replaces, Is.EquivalentTo(new[] { "region" }));
        Assert.That(replace.DetailedDiff["region"].Kind, Is.EqualTo(PropertyDiff.Types.Kind.UpdateReplace));

        await _plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Properties = updated.Properties });
        Assert.That(await _sim.Control.RequestsAsync(), Has.Some.Matches<SimRequest>(r => r.Method == "GET" && r.Path.EndsWith(created.Id) && r.Status == 404), "delete waits for the 404");
        // Deleting something already gone succeeds.
        await _plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Properties = updated.Properties });
    }

    [Test]
    public async Task Read_DeletedOutOfBand_ReturnsEmptyId()
    {
        var inputs = await Checked("gone", StandardDeployment(_sim.WorkspaceId, "gone"));
        inputs.Fields["waitForHealthy"] = B(false);
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("gone"), Type = Type, Properties = inputs });
        // Deleted in the Astro UI, instantly gone.
        await _sim.Control.SetTimingsAsync(deploymentSeconds: 0);
        await Api(HttpMethod.Delete, $"deployments/{created.Id}");
        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("gone"), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(read.Id, Is.Empty);
        Assert.That(read.Properties, Is.Null);
        await _sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
    }

    [Test]
    public async Task Import_ById_InputsGiveNoDiffButSecret()
    {
        var program = await Checked("imported", StandardDeployment(_sim.WorkspaceId, "imported"));
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("imported"), Type = Type, Properties = program });
        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("imported"), Type = Type });
        Assert.That(read.Id, Is.EqualTo(created.Id));
        Assert.That(read.Inputs, Is.Not.Null, "import needs inputs");
        var check = await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn("imported"), Type = Type, Olds = read.Inputs, News = read.Inputs });
        Assert.That(check.Failures, Is.Empty);
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("imported"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = program });
        // Astro never returns secret values, so only that variable differs (documented).
        Assert.That(diff.DetailedDiff.Keys, Is.EquivalentTo(new[] { "environmentVariables[1].value" }));
    }

    [Test]
    public async Task Create_Preview_NoWriteCallsAndUnknownOutputs()
    {
        var news = StandardDeployment(_sim.WorkspaceId, "preview");
        news.Fields["description"] = Unknown;
        var check = await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn("preview"), Type = Type, Olds = new Struct(), News = news });
        Assert.That(check.Failures, Is.Empty);
        await _sim.Control.ClearRequestsAsync();
        var preview = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("preview"), Type = Type, Properties = check.Inputs, Preview = true });
        Assert.That(preview.Properties.Fields["status"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
        Assert.That(preview.Properties.Fields["name"].StringValue, Is.EqualTo("preview"));
        var requests = await _sim.Control.RequestsAsync();
        Assert.That(requests.Where(r => r.Method != "GET"), Is.Empty, "preview has no side effects");
    }

    [Test]
    public async Task Create_StaysUnhealthy_PartialFailureCarriesId()
    {
        var inputs = await Checked("sick", StandardDeployment(_sim.WorkspaceId, "sick"));
        // A long CREATING, turned UNHEALTHY by astro-sim as soon as the Deployment exists; the wait times out after 2 s.
        await _sim.Control.SetTimingsAsync(deploymentSeconds: 60);
        var createTask = _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("sick"), Type = Type, Properties = inputs, Timeout = 2 }).ResponseAsync;
        string? id = null;
        while (id is null)
        {
            var list = await Api(HttpMethod.Get, "deployments?names=sick");
            id = list["deployments"]!.FirstOrDefault()?["id"]?.ToString();
        }
        await _sim.Control.ForceStatusAsync("deployment", id, "UNHEALTHY", "scheduler pods crash-looping");
        var error = Assert.ThrowsAsync<RpcException>(async () => await createTask)!;
        await _sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
        var detail = PartialState.From(error);
        Assert.That(detail, Is.Not.Null, "the status must carry ErrorResourceInitFailed");
        Assert.That(detail!.Id, Is.EqualTo(id));
        Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("UNHEALTHY"));
        Assert.That(error.Status.Detail, Does.Contain("scheduler pods crash-looping"));
    }

    [Test]
    public async Task Create_SecretVariable_NeverInPlaintextOutputsOrLogs()
    {
        var inputs = await Checked("secretive", StandardDeployment(_sim.WorkspaceId, "secretive"));
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("secretive"), Type = Type, Properties = inputs });
        var value = created.Properties.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"];
        Assert.That(value.StructValue?.Fields[Marshal.SigKey].StringValue, Is.EqualTo(Marshal.SecretSig), "the secret input comes back secret");
        Assert.That(_plugin.Stderr, Does.Not.Contain("hunter2"));
        Assert.That(_engine.Logs.Select(l => l.Message), Has.None.Contains("hunter2"));
        Assert.That(_engine.Logs.Any(l => l.Ephemeral && l.Urn == Urn("secretive")), Is.True, "progress lines arrive during the wait");
    }

    [TestCase("DEDICATED")]
    [TestCase("HYBRID")]
    public async Task Lifecycle_OnCluster_CreateReadImportNoDiffDelete(string type)
    {
        var name = $"oncluster-{type.ToLowerInvariant()}";
        var (clusterId, nodePoolId) = await SimCluster(type);
        var news = Struct(("type", S(type)), ("name", S(name)), ("workspaceId", S(_sim.WorkspaceId)), ("clusterId", S(clusterId)), ("executor", S("CELERY")));
        if (type == "HYBRID")
        {
            news.Fields["scheduler"] = Obj(("au", N(10)), ("replicas", N(2)));
            news.Fields["workerQueues"] = List(Obj(("name", S("default")), ("isDefault", B(true)), ("nodePoolId", S(nodePoolId)),
                ("minWorkerCount", N(1)), ("maxWorkerCount", N(4)), ("workerConcurrency", N(8))));
        }
        else
        {
            news.Fields["schedulerSize"] = S("MEDIUM");
            news.Fields["isHighAvailability"] = B(true);
            news.Fields["defaultTaskPodCpu"] = S("1");
            news.Fields["defaultTaskPodMemory"] = S("2Gi");
            news.Fields["resourceQuotaCpu"] = S("20");
            news.Fields["resourceQuotaMemory"] = S("40Gi");
            news.Fields["workerQueues"] = List(Obj(("name", S("default")), ("isDefault", B(true)), ("astroMachine", S("A10")),
                ("minWorkerCount", N(1)), ("maxWorkerCount", N(4)), ("workerConcurrency", N(8))));
        }
        var inputs = await Checked(name, news);
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = inputs });
        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        Assert.That(created.Properties.Fields["clusterId"].StringValue, Is.EqualTo(clusterId));
        Assert.That(created.Properties.Fields["clusterName"].StringValue, Is.EqualTo($"cluster-{type.ToLowerInvariant()}"));

        var read = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn(name), Type = Type, Properties = created.Properties, Inputs = inputs });
        var refreshed = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn(name), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(refreshed.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", refreshed.Diffs));

        // Import: inputs rebuilt from the API object alone match the program (no secrets here, so no diff at all).
        var imported = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn(name), Type = Type });
        var importCheck = await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = imported.Inputs, News = imported.Inputs });
        Assert.That(importCheck.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        var importDiff = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn(name), Type = Type, Olds = imported.Properties, OldInputs = imported.Inputs, News = inputs });
        Assert.That(importDiff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", importDiff.Diffs));

        // Another cluster replaces.
        var moved = inputs.Clone();
        moved.Fields["clusterId"] = S("clotherclusterxxxxxxxxxxx");
        var replace = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn(name), Type = Type, Olds = created.Properties, OldInputs = inputs, News = moved });
        Assert.That(replace.Replaces, Is.EquivalentTo(new[] { "clusterId" }));

        await _plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn(name), Type = Type, Properties = created.Properties });
        var gone = await _plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn(name), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(gone.Id, Is.Empty);
    }

    [Test]
    public async Task Update_Preview_NoWriteCallsKnownInputsUnknownOutputs()
    {
        var inputs = await Checked("preview-update", StandardDeployment(_sim.WorkspaceId, "preview-update"));
        inputs.Fields["waitForHealthy"] = B(false);
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("preview-update"), Type = Type, Properties = inputs });
        var news = inputs.Clone();
        news.Fields["description"] = S("now described");
        news.Fields["contactEmails"] = Unknown;
        await _sim.Control.ClearRequestsAsync();
        var preview = await _plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("preview-update"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = news, Preview = true });
        Assert.That(preview.Properties.Fields["description"].StringValue, Is.EqualTo("now described"));
        Assert.That(preview.Properties.Fields["contactEmails"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
        Assert.That(preview.Properties.Fields["status"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
        Assert.That(await _sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method != "GET" && !r.Path.StartsWith("/_sim")), "preview has no side effects");
        Assert.That((await SimDeployment(created.Id))["description"]?.ToString() ?? "", Is.Empty);
    }

    [Test]
    public async Task Update_SecretVariableChanged_NewValueNeverInPlaintextStderrOrLogs()
    {
        var inputs = await Checked("rotated", StandardDeployment(_sim.WorkspaceId, "rotated"));
        var created = await _plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("rotated"), Type = Type, Properties = inputs });
        var rotated = StandardDeployment(_sim.WorkspaceId, "rotated");
        rotated.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"] = Secret(S("rotated-s3cr3t-value"));
        var news = await Checked("rotated", rotated, inputs);
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("rotated"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = news });
        Assert.That(diff.DetailedDiff.Keys, Is.EquivalentTo(new[] { "environmentVariables[1].value" }));
        var updated = await _plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("rotated"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = news });
        var value = updated.Properties.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"];
        Assert.That(value.StructValue?.Fields[Marshal.SigKey].StringValue, Is.EqualTo(Marshal.SecretSig));
        Assert.That(value.StructValue!.Fields["value"].StringValue, Is.EqualTo("rotated-s3cr3t-value"), "the state keeps the value Astro never returns");
        Assert.That(updated.Properties.ToString(), Does.Not.Contain("hunter2"));
        foreach (var secret in new[] { "hunter2", "rotated-s3cr3t" })
        {
            Assert.That(_plugin.Stderr, Does.Not.Contain(secret));
            Assert.That(_engine.Logs.Select(l => l.Message), Has.None.Contains(secret));
        }
        Assert.That(_plugin.Stderr, Does.Not.Contain(_sim.Token), "the API token never shows in logs");
    }

    /// <summary>A CREATED cluster of <paramref name="type"/> in astro-sim, with one node pool; returns its id and the pool's id.</summary>
    private async Task<(string ClusterId, string NodePoolId)> SimCluster(string type)
    {
        var body = new JObject
        {
            ["cloudProvider"] = "AWS", ["type"] = type, ["name"] = $"cluster-{type.ToLowerInvariant()}", ["region"] = "us-east-1",
            ["vpcSubnetRange"] = "172.20.0.0/22", ["workspaceIds"] = new JArray(_sim.WorkspaceId),
            ["nodePools"] = new JArray(new JObject { ["name"] = "pool", ["nodeInstanceType"] = "m5.xlarge", ["maxNodeCount"] = 10, ["isDefault"] = true }),
        };
        if (type == "HYBRID")
        {
            body["providerAccount"] = "123456789012";
            body["dbInstanceType"] = "db.t3.medium";
        }
        var cluster = await Api(HttpMethod.Post, "clusters", body);
        var id = cluster["id"]!.ToString();
        while (cluster["status"]!.ToString() != "CREATED") cluster = await Api(HttpMethod.Get, $"clusters/{id}");
        return (id, cluster["nodePools"]![0]!["id"]!.ToString());
    }

    private async Task<JObject> SimDeployment(string id) => await Api(HttpMethod.Get, $"deployments/{id}");

    private async Task<JObject> Api(HttpMethod method, string path, JObject? body = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, $"{_sim.OrgUrl}/{path}");
        request.Headers.Add("Authorization", $"Bearer {_sim.Token}");
        if (body is not null) request.Content = new StringContent(body.ToString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JObject.Parse(text);
    }
}
