using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Astro's lean answers: the real API leaves out (or sends as null) every field its model marks optional. What Astro
/// did not say never reads as "not set": a refresh keeps the state's value, an import leaves it out and invents
/// nothing, an update never sends less than the program asks for (queues and pools keep their ids, workspaces stay),
/// and an output keeps its last known value. Objects are made with full answers, then read in the mode under test.
/// </summary>
public sealed class LeanAnswerContractTests : EngineFixture
{
    /// <summary>Runs <paramref name="action"/> with astro-sim answering the plugin in <paramref name="mode"/>, then full again.</summary>
    private async Task<T> Answering<T>(string mode, Func<Task<T>> action)
    {
        await Sim.Control.SetResponsesAsync(mode);
        try
        {
            return await action();
        }
        finally
        {
            await Sim.Control.SetResponsesAsync("full");
        }
    }

    /// <summary>The failure of a deployment that must fail.</summary>
    private static async Task<DeploymentFailedException> Fails(Func<Task> deployment)
    {
        try
        {
            await deployment();
        }
        catch (DeploymentFailedException e)
        {
            return e;
        }
        throw new AssertionException("the deployment succeeded, but it must stop before sending anything");
    }

    private Struct DedicatedDeployment(string name, string clusterId)
    {
        var d = PlainDeployment(name);
        d.Fields["type"] = S("DEDICATED");
        d.Fields["clusterId"] = S(clusterId);
        d.Fields.Remove("cloudProvider");
        d.Fields.Remove("region");
        return d;
    }

    // ---- a missing field never reads as "not set" ----

    [TestCase("STANDARD", "lean")]
    [TestCase("STANDARD", "null")]
    [TestCase("DEDICATED", "lean")]
    [TestCase("DEDICATED", "null")]
    public async Task RefreshThenUp_AnswerWithoutPlacement_NoDiffAndNoReplacement(string type, string mode)
    {
        await using var stack = NewStack();
        var name = Unique("placed");
        var inputs = type == "STANDARD" ? PlainDeployment(name) : DedicatedDeployment(name, (await SimCluster("DEDICATED")).Id);
        var program = NewProgram().Add(DeploymentType, name, inputs);
        await stack.UpAsync(program);
        var id = stack.State[name].Id;

        var mark = await LogMarkAsync();
        var up = await Answering(mode, async () =>
        {
            await stack.RefreshAsync();
            return await stack.UpAsync(program);
        });

        var step = up.ResourceSteps.Single(s => s.Name == name);
        Assert.That(step.Op, Is.EqualTo(StepOp.Same), step.Diff?.ToString());
        Assert.That(step.Diff!.Replaces, Is.Empty);
        var kept = type == "STANDARD" ? new[] { "type", "cloudProvider", "region" } : ["type", "clusterId"];
        foreach (var key in kept)
            Assert.That(stack.State[name].Inputs.Fields[key], Is.EqualTo(inputs.Fields[key]), $"{key}: the refresh kept the state's value");
        Assert.That(await WritesAsync(mark), Is.Empty);
        Assert.That(stack.State[name].Id, Is.EqualTo(id));
    }

    [TestCase("lean")]
    [TestCase("null")]
    public async Task RefreshThenUp_DeployAnswerWithoutGit_NoDiffAndNoNewDeploy(string mode)
    {
        using var dags = new DagFolder();
        await using var stack = NewStack();
        var deploymentId = await SimDeployment(Unique("gitted"), developmentMode: false);
        var name = Unique("ship");
        var program = NewProgram().Add(DeployType, name, Struct(("deploymentId", S(deploymentId)), ("dagsPath", S(dags.Path)),
            ("git", Obj(("provider", S("GITHUB")), ("commitSha", S("0a1b2c3d")), ("account", S("acme")), ("repo", S("dags")), ("branch", S("main"))))));
        await stack.UpAsync(program);

        var mark = await LogMarkAsync();
        var up = await Answering(mode, async () =>
        {
            await stack.RefreshAsync();
            return await stack.UpAsync(program);
        });

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }), up.ToString());
        Assert.That(stack.State[name].Inputs.Fields["git"].StructValue.Fields["repo"].StringValue, Is.EqualTo("dags"));
        Assert.That(await WritesAsync(mark), Is.Empty, "no new deploy shipped");
    }

    [Test]
    public async Task PulumiImport_StandardDeploymentAnswerWithoutRegion_PassesCheckAndImportOptionReplacesNothing()
    {
        var name = Unique("regionless");
        var id = (await DeploymentMadeElsewhere(name))["id"]!.ToString();
        await Sim.Control.RemoveFieldAsync("deployment", id, "region");

        await using var importer = NewStack();
        var imported = await importer.ImportAsync(NewProgram(), DeploymentType, name, id);
        Assert.That(imported.CheckFailures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        Assert.That(imported.State.Inputs.Fields.ContainsKey("region"), Is.False, "not reported, not invented");
        Assert.That(imported.State.Inputs.Fields["type"].StringValue, Is.EqualTo("STANDARD"));
        var generated = await importer.UpAsync(NewProgram().Add(DeploymentType, name, imported.State.Inputs));
        Assert.That(generated.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }));

        await using var declared = NewStack();
        var up = await declared.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name), new Options { Import = id }));
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Import }), "the program's region is the only word on it: " + up);
    }

    // ---- nothing is invented ----

    [TestCase("STANDARD", "lean")]
    [TestCase("STANDARD", "null")]
    [TestCase("HYBRID", "lean")]
    [TestCase("HYBRID", "null")]
    public async Task PulumiImport_LeanAnswer_NoTypeExecutorDevelopmentModeOrSchedulerInvented(string type, string mode)
    {
        var name = Unique("unsaid");
        string id;
        if (type == "STANDARD") id = await SimDeployment(name, developmentMode: false);
        else
        {
            var (clusterId, poolId) = await SimCluster("HYBRID");
            id = (string)(await Api(HttpMethod.Post, "deployments", new JObject
            {
                ["type"] = "HYBRID", ["name"] = name, ["workspaceId"] = Sim.WorkspaceId, ["clusterId"] = clusterId, ["executor"] = "CELERY",
                ["scheduler"] = new JObject { ["au"] = 12, ["replicas"] = 1 },
                ["workerQueues"] = new JArray(new JObject { ["name"] = "default", ["isDefault"] = true, ["nodePoolId"] = poolId, ["minWorkerCount"] = 1, ["maxWorkerCount"] = 2, ["workerConcurrency"] = 4 }),
            }))["id"]!;
        }

        await using var importer = NewStack();
        var imported = await Answering(mode, () => importer.ImportAsync(NewProgram(), DeploymentType, name, id));

        Assert.That(imported.CheckFailures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        foreach (var key in new[] { "type", "executor", "isDevelopmentMode", "schedulerSize", "scheduler", "isHighAvailability" })
        {
            Assert.That(imported.State.Inputs.Fields.ContainsKey(key), Is.False, $"{key}: Astro did not report it, so the import leaves it out");
            Assert.That(imported.State.Outputs.Fields.ContainsKey(key), Is.False, $"{key}: no output invented either");
        }
        Assert.That(imported.State.Inputs.Fields["name"].StringValue, Is.EqualTo(name));
    }

    [TestCase("STANDARD", "executor, schedulerSize, isHighAvailability")]
    [TestCase("HYBRID", "scheduler.au")]
    public async Task Update_LeanAnswerAndRequiredFieldsKnownNowhere_StopsBeforeSendingNothingReset(string type, string named)
    {
        var name = Unique("sized");
        JObject body;
        Struct program;
        if (type == "STANDARD")
        {
            body = new JObject
            {
                ["type"] = "STANDARD", ["name"] = name, ["workspaceId"] = Sim.WorkspaceId, ["cloudProvider"] = "AWS", ["region"] = "us-east-1",
                ["executor"] = "ASTRO", ["schedulerSize"] = "LARGE", ["isHighAvailability"] = true, ["defaultTaskPodCpu"] = "0.5",
                ["defaultTaskPodMemory"] = "1Gi", ["resourceQuotaCpu"] = "10", ["resourceQuotaMemory"] = "20Gi",
            };
            program = PlainDeployment(name);
            program.Fields.Remove("executor");
            program.Fields.Remove("workerQueues");
        }
        else
        {
            var (clusterId, _) = await SimCluster("HYBRID");
            body = new JObject
            {
                ["type"] = "HYBRID", ["name"] = name, ["workspaceId"] = Sim.WorkspaceId, ["clusterId"] = clusterId, ["executor"] = "KUBERNETES",
                ["scheduler"] = new JObject { ["au"] = 20, ["replicas"] = 3 }, ["taskPodNodePoolId"] = (await Api(HttpMethod.Get, $"clusters/{clusterId}"))["nodePools"]![0]!["id"],
            };
            program = Struct(("type", S("HYBRID")), ("name", S(name)), ("workspaceId", S(Sim.WorkspaceId)), ("clusterId", S(clusterId)),
                ("executor", S("KUBERNETES")), ("taskPodNodePoolId", S((string)body["taskPodNodePoolId"]!)));
        }
        var id = (string)(await Api(HttpMethod.Post, "deployments", body))["id"]!;
        await Until($"deployments/{id}", d => (string?)d["status"] == "HEALTHY");
        var before = await Api(HttpMethod.Get, $"deployments/{id}");

        await using var stack = NewStack(ImportRule.ThenUpdate);
        var mark = await LogMarkAsync();
        var failure = await Answering("lean", () => Fails(() =>
            stack.UpAsync(NewProgram().Add(DeploymentType, name, program.Also("description", S("described")), new Options { Import = id }))));

        Assert.That(failure.Message, Does.Contain($"{named}: updating Deployment {id} needs {(named.Contains(',') ? "them" : "it")}").And.Contain("nothing was sent"));
        Assert.That((await WritesAsync(mark)).Where(r => r.Path.EndsWith(id, StringComparison.Ordinal)), Is.Empty, "no update was sent");
        var after = await Api(HttpMethod.Get, $"deployments/{id}");
        foreach (var key in new[] { "executor", "schedulerSize", "isHighAvailability", "schedulerAu", "schedulerReplicas", "description" })
            Assert.That(after[key], Is.EqualTo(before[key]), $"{key} is as Astro had it");
    }

    [TestCase("lean")]
    [TestCase("null")]
    public async Task ImportOption_AnswerWithoutDevelopmentModeAndProgramInDevelopmentMode_NoReplacement(string mode)
    {
        var name = Unique("dev");
        var id = await SimDeployment(name, developmentMode: true);
        await using var stack = NewStack(ImportRule.ThenUpdate);
        var program = PlainDeployment(name).Also("isDevelopmentMode", B(true));
        program.Fields.Remove("workerQueues");

        // A preview: the import reads and diffs as `up` would, and the update it plans shows what Diff decided.
        var preview = await Answering(mode, () => stack.UpAsync(NewProgram().Add(DeploymentType, name, program, new Options { Import = id }), preview: true));

        Assert.That(preview.Replaced, Is.Empty, preview.ToString());
        Assert.That(preview.OpsOf(name), Is.EqualTo(new[] { StepOp.Import, StepOp.Update }), "what Astro did not report is sent as the program has it");
        Assert.That(preview.Last(name, StepOp.Update).Diff!.Replaces, Is.Empty, "development mode Astro did not report is not 'turned on again'");
        Assert.That((bool?)(await Api(HttpMethod.Get, $"deployments/{id}"))["isDevelopmentMode"], Is.True);
    }

    // ---- updates never send less than the program asks for ----

    [TestCase("lean")]
    [TestCase("null")]
    public async Task Update_QueuesMissingFromTheAnswer_QueuesKeepTheirIdsAndTheListIsSent(string mode)
    {
        await using var stack = NewStack();
        var name = Unique("queued");
        var inputs = PlainDeployment(name);
        inputs.Fields["workerQueues"].ListValue.Values.Add(Obj(("name", S("heavy")), ("isDefault", B(false)), ("astroMachine", S("A20")),
            ("minWorkerCount", N(0)), ("maxWorkerCount", N(2)), ("workerConcurrency", N(2))));
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, inputs));
        var id = stack.State[name].Id;
        var before = (await Api(HttpMethod.Get, $"deployments/{id}"))["workerQueues"]!.ToDictionary(q => (string)q["name"]!, q => (string)q["id"]!);

        var changed = inputs.Clone();
        changed.Fields["workerQueues"].ListValue.Values[0].StructValue.Fields["maxWorkerCount"] = N(20);
        await Sim.Control.SetLogBodiesAsync(true);
        var mark = await LogMarkAsync();
        var up = await Answering(mode, () => stack.UpAsync(NewProgram().Add(DeploymentType, name, changed)));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        var live = (await Api(HttpMethod.Get, $"deployments/{id}"))["workerQueues"]!;
        Assert.That(live.ToDictionary(q => (string)q["name"]!, q => (string)q["id"]!), Is.EqualTo(before), "no queue recreated");
        Assert.That(live.Single(q => (string?)q["name"] == "default")["maxWorkerCount"]!.Value<int>(), Is.EqualTo(20));
        var sent = JObject.Parse((await WritesAsync(mark)).Single(r => r.Path.EndsWith(id, StringComparison.Ordinal)).RequestBody!);
        Assert.That(sent["workerQueues"]!.Select(q => (string?)q["id"]), Is.EquivalentTo(before.Values), "the update names every queue by its id");
    }

    [Test]
    public async Task Update_QueueIdsKnownNowhereAndQueuesChanged_StopsBeforeSendingAndRecreatesNothing()
    {
        await using var stack = NewStack();
        var name = Unique("blind");
        var inputs = PlainDeployment(name);
        var id = await Answering("lean", async () =>
        {
            await stack.UpAsync(NewProgram().Add(DeploymentType, name, inputs));
            return stack.State[name].Id;
        });
        var before = (await Api(HttpMethod.Get, $"deployments/{id}"))["workerQueues"]!.Select(q => (string?)q["id"]).ToList();

        var changed = inputs.Clone();
        changed.Fields["workerQueues"].ListValue.Values[0].StructValue.Fields["maxWorkerCount"] = N(20);
        var mark = await LogMarkAsync();
        var failure = await Answering("lean", () => Fails(() => stack.UpAsync(NewProgram().Add(DeploymentType, name, changed))));

        Assert.That(failure.Message, Does.Contain("workerQueues: Astro did not report the ids").And.Contain("nothing was sent"));
        Assert.That(await WritesAsync(mark), Is.Empty);
        Assert.That((await Api(HttpMethod.Get, $"deployments/{id}"))["workerQueues"]!.Select(q => (string?)q["id"]), Is.EqualTo(before));
    }

    [TestCase("lean")]
    [TestCase("null")]
    public async Task Update_PoolsAndWorkspacesMissingFromTheAnswer_PoolIdsWorkspacesAndPoolDetailsKept(string mode)
    {
        await using var stack = NewStack();
        var name = Unique("pooled");
        var inputs = ClusterInputs.Aws(Sim.WorkspaceId, name);
        await stack.UpAsync(NewProgram().Add(ClusterType, name, inputs));
        var id = stack.State[name].Id;
        var details = stack.State[name].Outputs.Fields["nodePoolDetails"];
        var poolId = (string)(await Api(HttpMethod.Get, $"clusters/{id}"))["nodePools"]![0]!["id"]!;

        var changed = ClusterInputs.Patch(inputs, "{\"nodePools\":[{\"name\":\"default\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":20}]}");
        var (refreshed, up) = await Answering(mode, async () =>
        {
            await stack.RefreshAsync();
            var afterRefresh = stack.State[name].Outputs.Fields["nodePoolDetails"];
            return (afterRefresh, await stack.UpAsync(NewProgram().Add(ClusterType, name, changed)));
        });

        Assert.That(refreshed, Is.EqualTo(details), "nodePoolDetails keeps its last known value after a lean refresh");
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }), up.ToString());
        var live = await Api(HttpMethod.Get, $"clusters/{id}");
        Assert.That(live["nodePools"]!.Select(p => (string?)p["id"]), Is.EqualTo(new[] { poolId }), "the pool kept its id");
        Assert.That(live["nodePools"]![0]!["maxNodeCount"]!.Value<int>(), Is.EqualTo(20));
        Assert.That(live["workspaceIds"]!.Select(w => (string?)w), Is.EqualTo(new[] { Sim.WorkspaceId }), "the workspaces stayed");
        Assert.That(Wire.At(stack.State[name].Outputs, "nodePoolDetails[0].id")?.StringValue, Is.EqualTo(poolId));
    }

    [Test]
    public async Task PulumiImport_ClusterAnswerWithoutWorkspacesThenRename_WorkspacesStay()
    {
        var name = Unique("shared");
        await using var other = NewStack();
        await other.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name)));
        var id = other.State[name].Id;

        await using var importer = NewStack();
        var imported = await Answering("lean", () => importer.ImportAsync(NewProgram(), ClusterType, name, id));
        Assert.That(imported.CheckFailures, Is.Empty);
        Assert.That(imported.State.Inputs.Fields.ContainsKey("workspaceIds"), Is.False, "not reported, not invented as none");
        var renamed = imported.State.Inputs.Clone().Also("name", S(name + "-renamed")).Also("k8sTags", List(Obj(("key", S("team")), ("value", S("data")))));
        var up = await Answering("lean", () => importer.UpAsync(NewProgram().Add(ClusterType, name, renamed)));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }));
        var live = await Api(HttpMethod.Get, $"clusters/{id}");
        Assert.That((string?)live["name"], Is.EqualTo(name + "-renamed"));
        Assert.That(live["workspaceIds"]!.Select(w => (string?)w), Is.EqualTo(new[] { Sim.WorkspaceId }), "a lean answer never removes a cluster's workspaces");
    }

    [Test]
    public async Task PulumiImport_ClusterAnswerWithoutTagsThenRename_StopsBeforeSendingTagsStay()
    {
        var name = Unique("tagged");
        await using var other = NewStack();
        await other.UpAsync(NewProgram().Add(ClusterType, name, ClusterInputs.Aws(Sim.WorkspaceId, name)));
        var id = other.State[name].Id;

        await using var importer = NewStack();
        var imported = await Answering("lean", () => importer.ImportAsync(NewProgram(), ClusterType, name, id));
        var mark = await LogMarkAsync();
        var failure = await Answering("lean", () => Fails(() => importer.UpAsync(NewProgram().Add(ClusterType, name, imported.State.Inputs.Also("name", S(name + "-renamed"))))));

        Assert.That(failure.Message, Does.Contain("k8sTags: Astro did not report the Kubernetes tags").And.Contain("nothing was sent"));
        Assert.That(await WritesAsync(mark), Is.Empty);
        var live = await Api(HttpMethod.Get, $"clusters/{id}");
        Assert.That(live["tags"]!.Select(t => $"{t["key"]}={t["value"]}"), Is.EqualTo(new[] { "team=data" }), "the update replaces the tags, so it was not sent");
    }

    // ---- HibernationOverride ----

    [TestCase("lean")]
    [TestCase("null")]
    public async Task CreateThenRead_AnswerWithoutScalingSpecOrDevelopmentMode_OverrideCreatedAndKept(string mode)
    {
        var deploymentId = await SimDeployment(Unique("sleepy"), developmentMode: true);
        await using var stack = NewStack();
        var name = Unique("nap");
        var program = NewProgram().Add(HibernationOverrideType, name, Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true))));

        var (create, refresh, up) = await Answering(mode, async () => (await stack.UpAsync(program), await stack.RefreshAsync(), await stack.UpAsync(program)));

        Assert.That(create.OpsOf(name), Is.EqualTo(new[] { StepOp.Create }), "Astro left isDevelopmentMode out: that is not 'off'");
        Assert.That(refresh.OpsOf(name), Is.EqualTo(new[] { StepOp.Refresh }), "the override read right after its create is still there");
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }));
        Assert.That(stack.State[name].Inputs.Fields["isHibernating"].BoolValue, Is.True);
        Assert.That((bool?)(await Api(HttpMethod.Get, $"deployments/{deploymentId}")).SelectToken("scalingSpec.hibernationSpec.override.isHibernating"), Is.True);
    }

    [Test]
    public async Task Update_DevelopmentModeDeploymentAnswerSaysNothingAboutHibernation_StopsRatherThanDropAnOverride()
    {
        await using var stack = NewStack();
        var (deployment, nap) = (Unique("dev"), Unique("nap"));
        var inputs = PlainDeployment(deployment).Also("isDevelopmentMode", B(true)).Also("schedulerSize", S("SMALL")).Also("isHighAvailability", B(false));
        await stack.UpAsync(NewProgram().Add(DeploymentType, deployment, inputs));
        var id = stack.State[deployment].Id;
        // The override belongs to another resource; the Deployment's program does not write it.
        await stack.UpAsync(NewProgram().Add(DeploymentType, deployment, inputs)
            .Add(HibernationOverrideType, nap, Struct(("deploymentId", S(id)), ("isHibernating", B(true)))));

        var mark = await LogMarkAsync();
        var failure = await Answering("lean", () => Fails(() => stack.UpAsync(NewProgram().Add(DeploymentType, deployment, inputs.Also("description", S("described")))
            .Add(HibernationOverrideType, nap, Struct(("deploymentId", S(id)), ("isHibernating", B(true)))))));

        Assert.That(failure.Message, Does.Contain("scalingSpec: Astro did not report the scaling spec").And.Contain("nothing was sent"));
        Assert.That(await WritesAsync(mark), Is.Empty);
        Assert.That((bool?)(await Api(HttpMethod.Get, $"deployments/{id}")).SelectToken("scalingSpec.hibernationSpec.override.isHibernating"), Is.True, "the override stays");
    }

    /// <summary>A STANDARD Deployment another stack made from <see cref="EngineFixture.PlainDeployment"/>, as astro-sim stores it.</summary>
    private async Task<JObject> DeploymentMadeElsewhere(string name)
    {
        await using var other = NewStack();
        await other.UpAsync(NewProgram().Add(DeploymentType, name, PlainDeployment(name)));
        return await Api(HttpMethod.Get, $"deployments/{other.State[name].Id}");
    }
}
