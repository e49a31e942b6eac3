using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The engine's role: the built plugin process, a fake engine, and astro-sim. This is our `pulumi up`.</summary>
public sealed class DeploymentLifecycleTests : PluginFixture
{
    private const string Type = "astro:index:Deployment";

    private static string Urn(string name) => UrnOf(name, Type);

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null) => CheckedAs(Type, name, news, olds);

    [Test]
    public async Task Read_DeletedOutOfBand_ReturnsEmptyId()
    {
        var inputs = await Checked("gone", StandardDeployment(Sim.WorkspaceId, "gone"));
        inputs.Fields["waitForHealthy"] = B(false);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("gone"), Type = Type, Properties = inputs });
        // Deleted in the Astro UI, instantly gone.
        await Sim.Control.SetTimingsAsync(deploymentSeconds: 0);
        await Api(HttpMethod.Delete, $"deployments/{created.Id}");
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("gone"), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(read.Id, Is.Empty);
        Assert.That(read.Properties, Is.Null);
        await Sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
    }

    [Test]
    public async Task Import_ById_InputsGiveNoDiffButSecret()
    {
        var program = await Checked("imported", StandardDeployment(Sim.WorkspaceId, "imported"));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("imported"), Type = Type, Properties = program });
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("imported"), Type = Type });
        Assert.That(read.Id, Is.EqualTo(created.Id));
        Assert.That(read.Inputs, Is.Not.Null, "import needs inputs");
        var check = await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn("imported"), Type = Type, Olds = read.Inputs, News = read.Inputs });
        Assert.That(check.Failures, Is.Empty);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("imported"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = program });
        // Astro never returns secret values, so only that variable differs (documented).
        Assert.That(diff.DetailedDiff.Keys, Is.EquivalentTo(new[] { "environmentVariables[1].value" }));
    }

    [Test]
    public async Task Create_Preview_NoWriteCallsAndUnknownOutputs()
    {
        var news = StandardDeployment(Sim.WorkspaceId, "preview");
        news.Fields["description"] = Unknown;
        var check = await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn("preview"), Type = Type, Olds = new Struct(), News = news });
        Assert.That(check.Failures, Is.Empty);
        await Sim.Control.ClearRequestsAsync();
        var preview = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("preview"), Type = Type, Properties = check.Inputs, Preview = true });
        Assert.That(preview.Properties.Fields["status"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
        Assert.That(preview.Properties.Fields["name"].StringValue, Is.EqualTo("preview"));
        var requests = await Sim.Control.RequestsAsync();
        Assert.That(requests.Where(r => r.Method != "GET"), Is.Empty, "preview has no side effects");
    }

    [Test]
    public async Task Create_StaysUnhealthy_PartialFailureCarriesId()
    {
        var inputs = await Checked("sick", StandardDeployment(Sim.WorkspaceId, "sick"));
        // A long CREATING, turned UNHEALTHY by astro-sim as soon as the Deployment exists; the wait times out after 2 s.
        await Sim.Control.SetTimingsAsync(deploymentSeconds: 60);
        var createTask = Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("sick"), Type = Type, Properties = inputs, Timeout = 2 }).ResponseAsync;
        string? id = null;
        while (id is null)
        {
            var list = await Api(HttpMethod.Get, "deployments?names=sick");
            id = list["deployments"]!.FirstOrDefault()?["id"]?.ToString();
        }
        await Sim.Control.ForceStatusAsync("deployment", id, "UNHEALTHY", "scheduler pods crash-looping");
        var error = Assert.ThrowsAsync<RpcException>(async () => await createTask)!;
        await Sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
        var detail = PartialState.From(error);
        Assert.That(detail, Is.Not.Null, "the status must carry ErrorResourceInitFailed");
        Assert.That(detail!.Id, Is.EqualTo(id));
        Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("UNHEALTHY"));
        Assert.That(error.Status.Detail, Does.Contain("scheduler pods crash-looping"));
    }

    [Test]
    public async Task Create_SecretVariable_NeverInPlaintextOutputsOrLogs()
    {
        var inputs = await Checked("secretive", StandardDeployment(Sim.WorkspaceId, "secretive"));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("secretive"), Type = Type, Properties = inputs });
        var value = created.Properties.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"];
        Assert.That(value.StructValue?.Fields[Marshal.SigKey].StringValue, Is.EqualTo(Marshal.SecretSig), "the secret input comes back secret");
        Assert.That(Plugin.Stderr, Does.Not.Contain("hunter2"));
        Assert.That(Engine.Logs.Select(l => l.Message), Has.None.Contains("hunter2"));
        Assert.That(Engine.Logs.Any(l => l.Ephemeral && l.Urn == Urn("secretive")), Is.True, "progress lines arrive during the wait");
    }

    [Test]
    public async Task Update_Preview_NoWriteCallsKnownInputsUnknownOutputs()
    {
        var inputs = await Checked("preview-update", StandardDeployment(Sim.WorkspaceId, "preview-update"));
        inputs.Fields["waitForHealthy"] = B(false);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("preview-update"), Type = Type, Properties = inputs });
        var news = inputs.Clone();
        news.Fields["description"] = S("now described");
        news.Fields["contactEmails"] = Unknown;
        await Sim.Control.ClearRequestsAsync();
        var preview = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("preview-update"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = news, Preview = true });
        Assert.That(preview.Properties.Fields["description"].StringValue, Is.EqualTo("now described"));
        Assert.That(preview.Properties.Fields["contactEmails"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
        Assert.That(preview.Properties.Fields["status"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
        Assert.That(await Sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method != "GET" && !r.Path.StartsWith("/Sim")), "preview has no side effects");
        Assert.That((await SimDeployment(created.Id))["description"]?.ToString() ?? "", Is.Empty);
    }

    [Test]
    public async Task Update_SecretVariableChanged_NewValueNeverInPlaintextStderrOrLogs()
    {
        var inputs = await Checked("rotated", StandardDeployment(Sim.WorkspaceId, "rotated"));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("rotated"), Type = Type, Properties = inputs });
        var rotated = StandardDeployment(Sim.WorkspaceId, "rotated");
        rotated.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"] = Secret(S("rotated-s3cr3t-value"));
        var news = await Checked("rotated", rotated, inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("rotated"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = news });
        Assert.That(diff.DetailedDiff.Keys, Is.EquivalentTo(new[] { "environmentVariables[1].value" }));
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("rotated"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = news });
        var value = updated.Properties.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"];
        Assert.That(value.StructValue?.Fields[Marshal.SigKey].StringValue, Is.EqualTo(Marshal.SecretSig));
        Assert.That(value.StructValue!.Fields["value"].StringValue, Is.EqualTo("rotated-s3cr3t-value"), "the state keeps the value Astro never returns");
        Assert.That(updated.Properties.ToString(), Does.Not.Contain("hunter2"));
        foreach (var secret in new[] { "hunter2", "rotated-s3cr3t" })
        {
            Assert.That(Plugin.Stderr, Does.Not.Contain(secret));
            Assert.That(Engine.Logs.Select(l => l.Message), Has.None.Contains(secret));
        }
        Assert.That(Plugin.Stderr, Does.Not.Contain(Sim.Token), "the API token never shows in logs");
    }

    private async Task<JObject> SimDeployment(string id) => await Api(HttpMethod.Get, $"deployments/{id}");
}

/// <summary>
/// The Deployment's lifecycles, once per astro-sim response mode: full answers, lean ones (every field the API model
/// marks optional left out) and null ones. Astro's values the plugin does not get are never invented, lost or replaced.
/// </summary>
[TestFixture("full")]
[TestFixture("lean")]
[TestFixture("null")]
public sealed class DeploymentLifecycleInEveryModeTests(string responses) : PluginFixture(responses)
{
    private const string Type = "astro:index:Deployment";

    private static string Urn(string name) => UrnOf(name, Type);

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null) => CheckedAs(Type, name, news, olds);

    private async Task<JObject> SimDeployment(string id) => await Api(HttpMethod.Get, $"deployments/{id}");
    [Test]
    public async Task Lifecycle_CreateReadNoDiffUpdateReplaceDelete()
    {
        var inputs = await Checked("analytics", StandardDeployment(Sim.WorkspaceId));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("analytics"), Name = "analytics", Type = Type, Properties = inputs });
        Assert.That(created.Id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"), "create waits until HEALTHY");
        Assert.That(created.Properties.Fields["uiUrl"].StringValue, Does.StartWith("https://"));

        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(read.Id, Is.EqualTo(created.Id));
        var same = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(same.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", same.Diffs));

        // In place: a bigger queue and a new variable.
        var changedNews = StandardDeployment(Sim.WorkspaceId);
        changedNews.Fields["workerQueues"].ListValue.Values[0].StructValue.Fields["maxWorkerCount"] = N(20);
        var changed = await Checked("analytics", changedNews, inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = changed });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffSome));
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.DetailedDiff.Keys, Does.Contain("workerQueues[0].maxWorkerCount"));
        var queueId = (await SimDeployment(created.Id))["workerQueues"]![0]!["id"]!.ToString();
        if (Lean)
        {
            // The lean create answer never reported the queues' ids: sent without them, the queue would be recreated.
            await Sim.Control.ClearRequestsAsync();
            var refused = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = changed }))!;
            Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(refused.Status.Detail, Does.StartWith("workerQueues: Astro did not report the ids"));
            Assert.That(await Sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method == "POST"), "nothing was sent");
            // What the program itself names changes in place: a new variable, with the sizes an update must carry.
            changedNews = StandardDeployment(Sim.WorkspaceId);
            changedNews.Fields["environmentVariables"].ListValue.Values.Add(Obj(("key", S("ADDED")), ("value", S("yes")), ("isSecret", B(false))));
            changedNews.Fields["schedulerSize"] = S("SMALL");
            changedNews.Fields["isHighAvailability"] = B(false);
            changed = await Checked("analytics", changedNews, inputs);
        }
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = changed });
        Assert.That(updated.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        var live = await SimDeployment(created.Id);
        Assert.That((int)live["workerQueues"]![0]!["maxWorkerCount"]!, Is.EqualTo(Lean ? 10 : 20));
        Assert.That(live["workerQueues"]![0]!["id"]!.ToString(), Is.EqualTo(queueId), "the queue keeps its id");
        Assert.That(live["environmentVariables"]!.Select(v => (string?)v["key"]), Lean ? Does.Contain("ADDED") : Does.Not.Contain("ADDED"));

        // A new region replaces.
        var moved = StandardDeployment(Sim.WorkspaceId);
        moved.Fields["region"] = S("us-west-2");
        var replace = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Olds = updated.Properties, OldInputs = changed, News = await Checked("analytics", moved, changed) });
        Assert.That(replace.Replaces, Is.EquivalentTo(new[] { "region" }));
        Assert.That(replace.DetailedDiff["region"].Kind, Is.EqualTo(PropertyDiff.Types.Kind.UpdateReplace));

        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Properties = updated.Properties });
        Assert.That(await Sim.Control.RequestsAsync(), Has.Some.Matches<SimRequest>(r => r.Method == "GET" && r.Path.EndsWith(created.Id) && r.Status == 404), "delete waits for the 404");
        // Deleting something already gone succeeds.
        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("analytics"), Type = Type, Properties = updated.Properties });
    }

    [TestCase("DEDICATED")]
    [TestCase("HYBRID")]
    public async Task Lifecycle_OnCluster_CreateReadImportNoDiffDelete(string type)
    {
        var name = $"oncluster-{type.ToLowerInvariant()}";
        var (clusterId, nodePoolId) = await SimCluster(type);
        var news = Struct(("type", S(type)), ("name", S(name)), ("workspaceId", S(Sim.WorkspaceId)), ("clusterId", S(clusterId)), ("executor", S("CELERY")));
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
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = inputs });
        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        Assert.That(created.Properties.Fields["clusterId"].StringValue, Is.EqualTo(clusterId));
        // clusterName is optional in Astro's answer: a lean one leaves it out, and no name is made up.
        if (Lean) Assert.That(created.Properties.Fields.ContainsKey("clusterName"), Is.False);
        else Assert.That(created.Properties.Fields["clusterName"].StringValue, Is.EqualTo($"cluster-{type.ToLowerInvariant()}"));

        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn(name), Type = Type, Properties = created.Properties, Inputs = inputs });
        var refreshed = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn(name), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(refreshed.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", refreshed.Diffs));

        // Import: inputs rebuilt from the API object alone match the program (no secrets here, so no diff at all).
        var imported = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn(name), Type = Type });
        var importCheck = await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = imported.Inputs, News = imported.Inputs });
        Assert.That(importCheck.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        var importDiff = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn(name), Type = Type, Olds = imported.Properties, OldInputs = imported.Inputs, News = inputs });
        if (Lean)
        {
            // A lean answer leaves out what Astro fills in; the program's values for them are an update, never a replacement.
            Assert.That(importDiff.Replaces, Is.Empty);
            Assert.That(importDiff.Diffs, Is.SubsetOf(new[] { "executor", "schedulerSize", "isHighAvailability", "scheduler", "workerQueues" }));
        }
        else Assert.That(importDiff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", importDiff.Diffs));

        // Another cluster replaces.
        var moved = inputs.Clone();
        moved.Fields["clusterId"] = S("clotherclusterxxxxxxxxxxx");
        var replace = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn(name), Type = Type, Olds = created.Properties, OldInputs = inputs, News = moved });
        Assert.That(replace.Replaces, Is.EquivalentTo(new[] { "clusterId" }));

        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn(name), Type = Type, Properties = created.Properties });
        var gone = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn(name), Type = Type, Properties = created.Properties, Inputs = inputs });
        Assert.That(gone.Id, Is.Empty);
    }

    /// <summary>A CREATED cluster of <paramref name="type"/> in astro-sim, with one node pool; returns its id and the pool's id.</summary>
    private async Task<(string ClusterId, string NodePoolId)> SimCluster(string type)
    {
        var body = new JObject
        {
            ["cloudProvider"] = "AWS", ["type"] = type, ["name"] = $"cluster-{type.ToLowerInvariant()}", ["region"] = "us-east-1",
            ["vpcSubnetRange"] = "172.20.0.0/22", ["workspaceIds"] = new JArray(Sim.WorkspaceId),
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
}
