using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The Cluster's life through the built plugin process, a fake engine and astro-sim (§7.1 waits, §9 replaces).</summary>
public sealed class ClusterLifecycleTests : PluginFixture
{
    private const string Type = "astro:index:Cluster";

    private static string Urn(string name, string type = Type) => UrnOf(name, type);

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null, string type = Type) => CheckedAs(type, name, news, olds);

    private async Task<(string Id, Struct Inputs, Struct Outputs)> Create(string name, Struct program)
    {
        var inputs = await Checked(name, program);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = inputs });
        return (created.Id, inputs, created.Properties);
    }

    [Test]
    public async Task Update_DrRemoved_TurnsDrOffInPlace()
    {
        var program = ClusterInputs.Patch(ClusterInputs.Aws(Sim.WorkspaceId, "dr"), "{\"drRegion\":\"us-west-2\"}");
        var (id, inputs, outputs) = await Create("dr", program);
        Assert.That(outputs.Fields["isDrEnabled"].BoolValue, Is.True);
        Assert.That(inputs.Fields.ContainsKey("drVpcSubnetRange"), Is.False, "left out, it is Astro's to fill in");
        Assert.That(outputs.Fields["drVpcSubnetRange"].StringValue, Is.EqualTo("172.20.0.0/19"), "the outputs show Astro's default");
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn("dr"), Type = Type, Properties = outputs, Inputs = inputs });
        var same = await Plugin.Client.DiffAsync(new DiffRequest { Id = id, Urn = Urn("dr"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(same.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", same.Diffs));

        var off = await Checked("dr", ClusterInputs.Aws(Sim.WorkspaceId, "dr"), inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = id, Urn = Urn("dr"), Type = Type, Olds = outputs, OldInputs = inputs, News = off });
        Assert.That(diff.Replaces, Is.Empty);
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = id, Urn = Urn("dr"), Type = Type, Olds = outputs, OldInputs = inputs, News = off });
        Assert.That(updated.Properties.Fields["isDrEnabled"].BoolValue, Is.False);
        await Delete(id);
    }

    [Test]
    public async Task Create_FailedStatus_PartialStateCarriesIdAndHealth()
    {
        var inputs = await Checked("broken", ClusterInputs.Aws(Sim.WorkspaceId, "broken"));
        // A long CREATING, turned CREATE_FAILED by astro-sim as soon as the cluster exists: the wait stops at once.
        await Sim.Control.SetTimingsAsync(clusterSeconds: 600);
        string? id = null;
        try
        {
            var createTask = Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("broken"), Type = Type, Properties = inputs }).ResponseAsync;
            while (id is null)
                id = (await Api(HttpMethod.Get, "clusters?names=broken"))["clusters"]!.FirstOrDefault()?["id"]?.ToString();
            await Sim.Control.ForceStatusAsync("cluster", id, "CREATE_FAILED", "VPC quota exceeded in us-east-1");
            var error = Assert.ThrowsAsync<RpcException>(async () => await createTask)!;
            var detail = PartialState.From(error);
            Assert.That(detail, Is.Not.Null, "the status must carry ErrorResourceInitFailed");
            Assert.That(detail!.Id, Is.EqualTo(id));
            Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("CREATE_FAILED"));
            Assert.That(error.Status.Detail, Does.Contain("reached CREATE_FAILED").And.Contain("VPC quota exceeded in us-east-1").And.Contain("health UNHEALTHY"));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(clusterSeconds: SimServer.FastSeconds);
        }
        await Delete(id);
    }

    [Test]
    public async Task Create_CustomTimeout_PartialStateCarriesId()
    {
        var inputs = await Checked("slow", ClusterInputs.Aws(Sim.WorkspaceId, "slow"));
        await Sim.Control.SetTimingsAsync(clusterSeconds: 600);
        ErrorResourceInitFailed? detail;
        try
        {
            var error = Assert.ThrowsAsync<RpcException>(async () =>
                await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("slow"), Type = Type, Properties = inputs, Timeout = 1 }))!;
            detail = PartialState.From(error);
            Assert.That(detail, Is.Not.Null);
            Assert.That(detail!.Id, Does.Match("^c[a-z0-9]{24}$"));
            Assert.That(error.Status.Detail, Does.Contain("timed out after 1s").And.Contain("last status CREATING"));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(clusterSeconds: SimServer.FastSeconds);
        }
        await Sim.Control.ForceStatusAsync("cluster", detail.Id, "CREATED");
        await Delete(detail.Id);
    }

    [Test]
    public async Task Create_AnswerLost_FindsTheClusterByNameInsteadOfCreatingTwice()
    {
        var inputs = await Checked("lost", ClusterInputs.Aws(Sim.WorkspaceId, "lost"));
        // Astro creates the cluster, then the connection drops before the answer: the outcome is unknown.
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/clusters$", Drop = true, AfterHandling = true, Times = 1 });
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("lost"), Type = Type, Properties = inputs });
        var all = (await Api(HttpMethod.Get, "clusters?names=lost"))["clusters"]!.Select(c => (string?)c["id"]).ToList();
        Assert.That(all, Is.EqualTo(new[] { created.Id }), "exactly one cluster, and it is the one in state");
        Assert.That(created.Properties.Fields["status"].StringValue, Is.EqualTo("CREATED"));
        Assert.That(Engine.Logs.Where(l => l.Urn == Urn("lost")).Select(l => l.Message), Has.Some.Contains("did not answer"));
        await Delete(created.Id);
    }

    [Test]
    public async Task Update_FailedStatus_PartialStateKeepsIdAndNewInputs()
    {
        var (id, inputs, outputs) = await Create("flaky", ClusterInputs.Aws(Sim.WorkspaceId, "flaky"));
        var news = await Checked("flaky", ClusterInputs.Aws(Sim.WorkspaceId, "flaky-renamed"), inputs);
        await Sim.Control.SetTimingsAsync(clusterSeconds: 600);
        try
        {
            var update = Plugin.Client.UpdateAsync(new UpdateRequest { Id = id, Urn = Urn("flaky"), Type = Type, Olds = outputs, OldInputs = inputs, News = news }).ResponseAsync;
            while ((string?)(await Api(HttpMethod.Get, $"clusters/{id}"))["status"] != "UPDATING") { }
            await Sim.Control.ForceStatusAsync("cluster", id, "UPDATE_FAILED", "node group rollout failed");
            var error = Assert.ThrowsAsync<RpcException>(async () => await update)!;
            var detail = PartialState.From(error);
            Assert.That(detail, Is.Not.Null);
            Assert.That(detail!.Id, Is.EqualTo(id));
            Assert.That(detail.Inputs.Fields["name"].StringValue, Is.EqualTo("flaky-renamed"), "the new inputs, so the next run retries the update");
            Assert.That(error.Status.Detail, Does.Contain("UPDATE_FAILED").And.Contain("node group rollout failed"));
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(clusterSeconds: SimServer.FastSeconds);
        }
        await Sim.Control.ForceStatusAsync("cluster", id, "CREATED");
        await Delete(id);
    }

    [Test]
    public async Task Update_Conflict409_RetriedUntilTheWorkflowEnds()
    {
        var (id, inputs, outputs) = await Create("busy", ClusterInputs.Aws(Sim.WorkspaceId, "busy"));
        var news = await Checked("busy", ClusterInputs.Aws(Sim.WorkspaceId, "busy-renamed"), inputs);
        await Sim.Control.ClearRequestsAsync();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = $"/clusters/{id}$", Status = 409, Times = 2 });
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = id, Urn = Urn("busy"), Type = Type, Olds = outputs, OldInputs = inputs, News = news });
        Assert.That(updated.Properties.Fields["name"].StringValue, Is.EqualTo("busy-renamed"));
        var posts = (await Sim.Control.RequestsAsync()).Where(r => r.Method == "POST" && r.Path.EndsWith(id)).Select(r => r.Status);
        Assert.That(posts, Is.EqualTo(new[] { 409, 409, 200 }));
        Assert.That(Engine.Logs.Where(l => l.Urn == Urn("busy") && l.Ephemeral).Select(l => l.Message), Has.Some.Contains("waiting for the running workflow"));
        await Delete(id);
    }

    [Test]
    public async Task Delete_Conflict409_Retried()
    {
        var (id, _, outputs) = await Create("busy-delete", ClusterInputs.Aws(Sim.WorkspaceId, "busy-delete"));
        await Sim.Control.ClearRequestsAsync();
        await Sim.Control.AddFaultAsync(new SimFault { Method = "DELETE", PathPattern = $"/clusters/{id}$", Status = 409, Times = 1 });
        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn("busy-delete"), Type = Type, Properties = outputs });
        var deletes = (await Sim.Control.RequestsAsync()).Where(r => r.Method == "DELETE" && r.Path.EndsWith(id)).Select(r => r.Status);
        Assert.That(deletes, Is.EqualTo(new[] { 409, 204 }));
    }

    [Test]
    public async Task Read_DeletedOutOfBand_ReturnsEmptyId()
    {
        var (id, inputs, outputs) = await Create("gone", ClusterInputs.Aws(Sim.WorkspaceId, "gone"));
        await Sim.Control.SetTimingsAsync(clusterSeconds: 0);
        try
        {
            // Deleted in the Astro UI, instantly gone.
            await Api(HttpMethod.Delete, $"clusters/{id}");
            var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn("gone"), Type = Type, Properties = outputs, Inputs = inputs });
            Assert.That(read.Id, Is.Empty);
            Assert.That(read.Properties, Is.Null);
        }
        finally
        {
            await Sim.Control.SetTimingsAsync(clusterSeconds: SimServer.FastSeconds);
        }
    }

    [Test]
    public async Task Import_ById_InputsGiveNoDiff()
    {
        // The program an import needs: every field as Astro has it, including the pool and database Astro would pick.
        var program = await Checked("imported", ClusterInputs.Patch(ClusterInputs.Gcp(Sim.WorkspaceId, "imported"),
            "{\"dbInstanceType\":\"Small General Purpose\",\"nodePools\":[{\"name\":\"default\",\"nodeInstanceType\":\"e2-standard-4\",\"maxNodeCount\":5}],\"k8sTags\":[{\"key\":\"env\",\"value\":\"prod\"}]}"));
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("imported"), Type = Type, Properties = program });
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = Urn("imported"), Type = Type });
        Assert.That(read.Id, Is.EqualTo(created.Id));
        Assert.That(read.Inputs, Is.Not.Null, "import needs inputs");
        var check = await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn("imported"), Type = Type, Olds = read.Inputs, News = read.Inputs });
        Assert.That(check.Failures, Is.Empty);
        Assert.That(check.Inputs, Is.EqualTo(read.Inputs), "Read shapes the inputs as Check returns them");
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = created.Id, Urn = Urn("imported"), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = program });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", diff.Diffs));
        await Delete(created.Id);
    }

    [Test]
    public async Task Invoke_GetCluster_ReturnsOutputsByIdAndNotFoundNamesId()
    {
        var (id, _, outputs) = await Create("looked-up", ClusterInputs.Aws(Sim.WorkspaceId, "looked-up"));
        var reply = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getCluster", Args = Struct(("id", S(id))) });
        Assert.That(reply.Failures, Is.Empty);
        var result = reply.Return.Fields;
        Assert.Multiple(() =>
        {
            Assert.That(result["id"].StringValue, Is.EqualTo(id));
            Assert.That(result["name"].StringValue, Is.EqualTo("looked-up"));
            Assert.That(result["status"].StringValue, Is.EqualTo("CREATED"));
            Assert.That(result["nodePoolDetails"], Is.EqualTo(outputs.Fields["nodePoolDetails"]));
            Assert.That(result["workspaceIds"].ListValue.Values.Select(v => v.StringValue), Is.EqualTo(new[] { Sim.WorkspaceId }));
        });
        const string missing = "cmissing00000000000000000";
        var error = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getCluster", Args = Struct(("id", S(missing))) }))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(error.Status.Detail, Does.Contain(missing));
        var bad = await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getCluster", Args = new Struct() });
        Assert.That(bad.Failures.Select(f => f.Property), Is.EqualTo(new[] { "id" }));
        await Delete(id);
    }

    [Test]
    public async Task Delete_ClusterWithDeployments_SurfacesAstroError()
    {
        var (id, _, outputs) = await Create("in-use", ClusterInputs.Aws(Sim.WorkspaceId, "in-use"));
        const string deploymentType = "astro:index:Deployment";
        var deployment = StandardDeployment(Sim.WorkspaceId, "on-dedicated");
        deployment.Fields["type"] = S("DEDICATED");
        deployment.Fields["clusterId"] = S(id);
        deployment.Fields.Remove("cloudProvider");
        deployment.Fields.Remove("region");
        var dInputs = await Checked("on-dedicated", deployment, type: deploymentType);
        var d = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("on-dedicated", deploymentType), Type = deploymentType, Properties = dInputs });

        var error = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn("in-use"), Type = Type, Properties = outputs }))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.Contain("still has deployments").And.Contain(d.Id));

        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = d.Id, Urn = Urn("on-dedicated", deploymentType), Type = deploymentType, Properties = d.Properties });
        await Delete(id);
    }

    private async Task Delete(string? id)
    {
        if (id is null) return;
        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn("cleanup"), Type = Type, Properties = new Struct() });
    }
}

/// <summary>
/// The Cluster's lifecycle on each cloud, once per astro-sim response mode (full, lean, null): what a lean answer leaves
/// out is never invented or lost, and a pool is never recreated.
/// </summary>
[TestFixture("full")]
[TestFixture("lean")]
[TestFixture("null")]
public sealed class ClusterLifecycleInEveryModeTests(string responses) : PluginFixture(responses)
{
    private const string Type = "astro:index:Cluster";

    private static string Urn(string name, string type = Type) => UrnOf(name, type);

    private Task<Struct> Checked(string name, Struct news, Struct? olds = null, string type = Type) => CheckedAs(type, name, news, olds);

    [TestCase("aws")]
    [TestCase("azure")]
    [TestCase("gcp")]
    public async Task Lifecycle_CreateReadNoDiffUpdateReplaceDelete(string cloud)
    {
        var name = $"prod-{cloud}";
        var program = ClusterInputs.Patch(ClusterInputs.Base(cloud), $"{{\"name\":\"{name}\",\"workspaceIds\":[\"{Sim.WorkspaceId}\"]}}");
        var inputs = await Checked(name, program);
        var created = await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = inputs });
        var (id, outputs) = (created.Id, created.Properties);
        Assert.That(id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(outputs.Fields["status"].StringValue, Is.EqualTo("CREATED"), "create waits until CREATED");
        Assert.That(outputs.Fields["dbInstanceType"].StringValue, Is.Not.Empty, "Astro's choice shows in the outputs");
        var before = await Api(HttpMethod.Get, $"clusters/{id}");
        var pools = before["nodePools"]!.Select(p => (string?)p["id"]).ToList();
        Assert.That(pools, Has.Count.EqualTo(1));
        // healthStatus and nodePoolDetails are optional in Astro's answer: a lean one leaves them out, and none is invented.
        if (Lean) Assert.That(outputs.Fields.Keys, Has.None.EqualTo("healthStatus").And.None.EqualTo("nodePoolDetails"));
        else
        {
            Assert.That(outputs.Fields["healthStatus"].StructValue.Fields["value"].StringValue, Is.EqualTo("HEALTHY"));
            Assert.That(outputs.Fields["nodePoolDetails"].ListValue.Values.Select(p => p.StructValue.Fields["id"].StringValue), Is.EqualTo(pools));
        }
        Assert.That(Engine.Logs.Any(l => l.Ephemeral && l.Urn == Urn(name) && l.Message.StartsWith("CREATING", StringComparison.Ordinal)), Is.True, "progress lines during the wait");

        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn(name), Type = Type, Properties = outputs, Inputs = inputs });
        Assert.That(read.Id, Is.EqualTo(id));
        var same = await Plugin.Client.DiffAsync(new DiffRequest { Id = id, Urn = Urn(name), Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = inputs });
        Assert.That(same.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(",", same.Diffs));

        // In place: a new name, a bigger pool, other tags (and on AWS no public egress).
        var changes = new JObject
        {
            ["name"] = $"{name}-renamed", ["k8sTags"] = new JArray(new JObject { ["key"] = "team", ["value"] = "ml" }),
            ["nodePools"] = new JArray(new JObject { ["name"] = "default", ["nodeInstanceType"] = before["nodePools"]![0]!["nodeInstanceType"], ["maxNodeCount"] = 30 }),
        };
        if (cloud == "aws") changes["isPrivateNetworkEgressEnabled"] = true;
        var changed = await Checked(name, ClusterInputs.Patch(program, changes.ToString()), inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = id, Urn = Urn(name), Type = Type, Olds = outputs, OldInputs = inputs, News = changed });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffSome));
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.Diffs, Is.EquivalentTo(changes.Properties().Select(p => p.Name)));
        await Sim.Control.ClearRequestsAsync();
        var declaredPools = program.Fields.ContainsKey("nodePools");
        if (Lean && declaredPools)
        {
            // The lean create answer never reported the pools' ids: sent without them, the pool would be recreated.
            var refused = Assert.ThrowsAsync<RpcException>(async () => await Plugin.Client.UpdateAsync(new UpdateRequest { Id = id, Urn = Urn(name), Type = Type, Olds = outputs, OldInputs = inputs, News = changed }))!;
            Assert.That(refused.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(refused.Status.Detail, Does.StartWith("nodePools: Astro did not report the ids"));
            Assert.That(await Sim.Control.RequestsAsync(), Has.None.Matches<SimRequest>(r => r.Method == "POST"), "nothing was sent");
            // Everything else the program names changes in place.
            changes.Remove("nodePools");
            changed = await Checked(name, ClusterInputs.Patch(program, changes.ToString()), inputs);
        }
        var updated = await Plugin.Client.UpdateAsync(new UpdateRequest { Id = id, Urn = Urn(name), Type = Type, Olds = outputs, OldInputs = inputs, News = changed });
        Assert.That(updated.Properties.Fields["status"].StringValue, Is.EqualTo("CREATED"), "update waits until CREATED again");
        if (Lean && !declaredPools)
            Assert.That(Engine.Logs.Where(l => l.Urn == Urn(name)).Select(l => l.Message), Has.Some.Contains("Astro did not report the node pools"),
                "pools the state never knew are left as they are, with a warning");
        var live = await Api(HttpMethod.Get, $"clusters/{id}");
        Assert.Multiple(() =>
        {
            Assert.That((string?)live["name"], Is.EqualTo($"{name}-renamed"));
            Assert.That((int)live["nodePools"]![0]!["maxNodeCount"]!, Is.EqualTo(Lean ? (int)before["nodePools"]![0]!["maxNodeCount"]! : 30));
            Assert.That(live["nodePools"]!.Select(p => (string?)p["id"]), Is.EqualTo(pools), "the pool keeps its id");
            Assert.That((string?)live["tags"]![0]!["value"], Is.EqualTo("ml"));
            Assert.That(live["workspaceIds"]!.Select(w => (string?)w), Is.EqualTo(new[] { Sim.WorkspaceId }));
            if (cloud == "aws") Assert.That((bool?)live["isPrivateNetworkEgressEnabled"], Is.True);
        });
        var posted = (await Sim.Control.RequestsAsync()).Where(r => r.Method == "POST" && r.Path.EndsWith(id)).ToList();
        Assert.That(posted, Has.Count.EqualTo(1));

        // A new region replaces.
        var moved = ClusterInputs.Patch(program, "{\"region\":\"somewhere-else-1\"}");
        var replace = await Plugin.Client.DiffAsync(new DiffRequest { Id = id, Urn = Urn(name), Type = Type, Olds = updated.Properties, OldInputs = changed, News = await Checked(name, moved, changed) });
        Assert.That(replace.Replaces, Is.EquivalentTo(new[] { "region" }));
        Assert.That(replace.DetailedDiff["region"].Kind, Is.EqualTo(PropertyDiff.Types.Kind.UpdateReplace));

        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn(name), Type = Type, Properties = updated.Properties });
        Assert.That(await Sim.Control.RequestsAsync(), Has.Some.Matches<SimRequest>(r => r.Method == "GET" && r.Path.EndsWith(id) && r.Status == 404), "delete waits for the 404");
        // Deleting something already gone succeeds.
        await Plugin.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn(name), Type = Type, Properties = updated.Properties });
    }
}
