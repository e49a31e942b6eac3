using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Leaving out a property Astro fills in is no change: with the `import` option the engine reads the object, runs
/// Check(olds = read inputs, news = program) and Diff, and the import must show no diff (step_generator.go
/// continueStepsFromImport); a later update must keep what Astro filled in; setting such a property explicitly to
/// another value is still a change.
/// </summary>
public sealed class AstroDefaultsContractTests : EngineFixture
{
    private static Struct Without(Struct s, params string[] names)
    {
        var copy = s.Clone();
        foreach (var name in names) copy.Fields.Remove(name);
        return copy;
    }

    /// <summary>A cluster made by another stack from a full program (node pools, and Astro's choice of database).</summary>
    private async Task<(string Id, JObject Live)> ExistingCluster(string name)
    {
        await using var other = NewStack();
        await other.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name)));
        var id = other.State[name].Id;
        return (id, await Api(HttpMethod.Get, $"clusters/{id}"));
    }

    private async Task<(string Id, JObject Live)> ExistingDeployment(string name)
    {
        await using var other = NewStack();
        await other.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        var id = other.State[name].Id;
        return (id, await Api(HttpMethod.Get, $"deployments/{id}"));
    }

    [Test, Category("EngineContract")]
    public async Task ImportOption_ClusterProgramWithoutDbInstanceTypeAndNodePools_ImportsWithNoDiff()
    {
        var name = Unique("imported-cluster");
        var (id, _) = await ExistingCluster(name);
        await using var stack = NewStack();
        var program = Without(ClusterInputs.Aws(Sim.WorkspaceId, name), "dbInstanceType", "nodePools");

        var up = await stack.UpAsync(NewProgram().Add(ClusterType, name, program, new Options { Import = id }));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Import }));
        Assert.That(up.Last(name, StepOp.Import).Diff!.Changes, Is.EqualTo(Rpc.DiffResponse.Types.DiffChanges.DiffNone));
    }

    [Test, Category("EngineContract")]
    public async Task ImportOption_DeploymentProgramWithoutWorkerQueues_ImportsWithNoDiff()
    {
        var name = Unique("imported-deployment");
        var (id, _) = await ExistingDeployment(name);
        await using var stack = NewStack();

        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, Without(PlainDeployment(name), "workerQueues"), new Options { Import = id }));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Import }));
    }

    [Test]
    public async Task Up_ClusterWithoutNodePools_LaterChangeKeepsAstrosNodePools()
    {
        await using var stack = NewStack();
        var name = Unique("pool-kept");
        var program = Without(ClusterInputs.Aws(Sim.WorkspaceId, name), "nodePools", "dbInstanceType");
        await stack.UpAsync(NewProgram().Add(ClusterType, name, program));
        var id = stack.State[name].Id;
        var pools = (JArray)(await Api(HttpMethod.Get, $"clusters/{id}"))["nodePools"]!;
        Assert.That(pools, Is.Not.Empty, "Astro made a default node pool");

        var tagged = program.Clone();
        tagged.Fields["k8sTags"] = List(Obj(("key", S("team")), ("value", S("ml"))));
        var up = await stack.UpAsync(NewProgram().Add(ClusterType, name, tagged));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        var live = await Api(HttpMethod.Get, $"clusters/{id}");
        Assert.That(live["nodePools"]!.Select(p => (string?)p["id"]), Is.EqualTo(pools.Select(p => (string?)p["id"])), "the update keeps Astro's node pools");
    }

    [Test, Category("EngineContract")]
    public async Task Up_ClusterImportedWithoutNodePools_LaterChangeKeepsNodePools()
    {
        var name = Unique("imported-pools");
        var (id, before) = await ExistingCluster(name);
        await using var stack = NewStack();
        var program = Without(ClusterInputs.Aws(Sim.WorkspaceId, name), "dbInstanceType", "nodePools");
        await stack.UpAsync(NewProgram().Add(ClusterType, name, program, new Options { Import = id }));

        var tagged = program.Clone();
        tagged.Fields["k8sTags"] = List(Obj(("key", S("team")), ("value", S("ml"))));
        var up = await stack.UpAsync(NewProgram().Add(ClusterType, name, tagged, new Options { Import = id }));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        var live = await Api(HttpMethod.Get, $"clusters/{id}");
        Assert.That(live["nodePools"]!.Select(p => (string?)p["id"]), Is.EqualTo(before["nodePools"]!.Select(p => (string?)p["id"])));
        Assert.That((string?)live["dbInstanceType"], Is.EqualTo((string?)before["dbInstanceType"]));
    }

    [Test, Category("EngineContract")]
    public async Task Up_DeploymentImportedWithoutWorkerQueues_DescriptionChangeKeepsQueues()
    {
        var name = Unique("imported-queues");
        var (id, before) = await ExistingDeployment(name);
        await using var stack = NewStack();
        var program = Without(PlainDeployment(name), "workerQueues");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, program, new Options { Import = id }));

        var described = program.Clone();
        described.Fields["description"] = S("described after the import");
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, described, new Options { Import = id }));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        var live = await Api(HttpMethod.Get, $"deployments/{id}");
        Assert.That((string?)live["description"], Is.EqualTo("described after the import"));
        Assert.That(live["workerQueues"]!.Select(q => (string?)q["id"]), Is.EqualTo(before["workerQueues"]!.Select(q => (string?)q["id"])), "the queues keep their ids");
    }

    [Test]
    public async Task Up_DeploymentWithoutWorkerQueues_DescriptionChangeKeepsAstrosQueue()
    {
        await using var stack = NewStack();
        var name = Unique("queue-kept");
        var program = Without(PlainDeployment(name), "workerQueues");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, program));
        var id = stack.State[name].Id;
        var queues = (JArray)(await Api(HttpMethod.Get, $"deployments/{id}"))["workerQueues"]!;

        var described = program.Clone();
        described.Fields["description"] = S("described");
        var up = await stack.UpAsync(NewProgram().Add(DeploymentType, name, described));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        var live = await Api(HttpMethod.Get, $"deployments/{id}");
        Assert.That(live["workerQueues"]!.Select(q => (string?)q["id"]), Is.EqualTo(queues.Select(q => (string?)q["id"])));
    }

    [Test]
    public async Task Preview_NodePoolsSetExplicitlyToAnotherValue_IsAChange()
    {
        await using var stack = NewStack();
        var name = Unique("pool-changed");
        var program = Without(ClusterInputs.Aws(Sim.WorkspaceId, name), "nodePools", "dbInstanceType");
        await stack.UpAsync(NewProgram().Add(ClusterType, name, program));

        var explicitPools = program.Clone();
        explicitPools.Fields["nodePools"] = List(Obj(("name", S("bigger")), ("nodeInstanceType", S("m5.2xlarge")), ("maxNodeCount", N(30))));
        var preview = await stack.UpAsync(NewProgram().Add(ClusterType, name, explicitPools), preview: true);

        Assert.That(preview.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        Assert.That(preview.Last(name, StepOp.Update).Diff!.Diffs, Does.Contain("nodePools"));
    }

    [Test]
    public async Task Preview_WorkerQueuesSetExplicitlyToAnotherValue_IsAChange()
    {
        await using var stack = NewStack();
        var name = Unique("queue-changed");
        var program = Without(PlainDeployment(name), "workerQueues");
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, program));

        var preview = await stack.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name).Also("workerQueues",
            List(Obj(("name", S("default")), ("isDefault", B(true)), ("astroMachine", S("A10")), ("minWorkerCount", N(1)), ("maxWorkerCount", N(3)), ("workerConcurrency", N(5)))))), preview: true);

        Assert.That(preview.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        Assert.That(preview.Last(name, StepOp.Update).Diff!.Diffs, Does.Contain("workerQueues"));
    }
}
