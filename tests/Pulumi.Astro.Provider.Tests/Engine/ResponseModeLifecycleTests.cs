using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Every resource's life through the engine replay, with astro-sim answering the plugin in full, lean (every field the
/// API model marks optional left out, at every level) and null (those fields sent as null) mode: create, `up` with no
/// change, refresh and `up`, an in-place update, refresh and `up`, the `import` option in another stack, `pulumi
/// import` in a third and `up` with its generated program, destroy. Whatever the mode, nothing is replaced, no queue
/// or node pool is recreated, nothing Astro has is lost, and every request the plugin sends fits the API model.
/// </summary>
[TestFixture("full")]
[TestFixture("lean")]
[TestFixture("null")]
public sealed class ResponseModeLifecycleTests(string responses) : EngineFixture(responses)
{
    /// <summary>One resource of one kind: what a test needs to set up, declare, change and look at in astro-sim.</summary>
    public sealed record Variant(string Label, string Type)
    {
        public override string ToString() => Label;
    }

    /// <summary>What a variant's setup made: the program before and after the change, and how to find the object in astro-sim.</summary>
    private sealed record Setup(Struct Program, Struct Changed, Func<string, string> StoredPath, Func<JObject, IEnumerable<string?>> Fingerprint,
        Action<JObject> ChangeApplied, Func<JObject, bool> Gone);

    public static IEnumerable<TestCaseData> Variants() =>
    [
        Row("Deployment STANDARD", DeploymentType), Row("Deployment DEDICATED", DeploymentType), Row("Deployment HYBRID", DeploymentType),
        Row("Cluster AWS", ClusterType), Row("Cluster AZURE", ClusterType), Row("Cluster GCP", ClusterType),
        Row("HibernationOverride", HibernationOverrideType), Row("Deploy IMAGE_ONLY", DeployType),
    ];

    private static TestCaseData Row(string label, string type) => new TestCaseData(new Variant(label, type)).SetArgDisplayNames(label);

    [TestCaseSource(nameof(Variants))]
    public async Task Lifecycle_UpRefreshUpdateImportDestroy_NothingReplacedRecreatedOrLost(Variant variant)
    {
        await Sim.Control.SetLogBodiesAsync(true);
        var name = Unique(variant.Label.Split(' ')[0].ToLowerInvariant());
        var setup = await SetUp(variant, name);
        await using var stack = NewStack();
        var program = NewProgram().Add(variant.Type, name, setup.Program);
        var changed = NewProgram().Add(variant.Type, name, setup.Changed);

        var create = await stack.UpAsync(program);
        Assert.That(create.OpsOf(name), Is.EqualTo(new[] { StepOp.Create }));
        var id = stack.State[name].Id;
        var stored = await Api(HttpMethod.Get, setup.StoredPath(id));
        var fingerprint = setup.Fingerprint(stored).ToList();
        Assert.That(fingerprint, Has.None.Null, "the fixture's fingerprint fields exist at astro-sim");

        await AssertSameWithoutWrites(stack, program, name, "up right after create");
        await stack.RefreshAsync();
        Assert.That(stack.State[name].Id, Is.EqualTo(id));
        await AssertSameWithoutWrites(stack, program, name, "up after refresh");

        var update = await stack.UpAsync(changed);
        Assert.That(update.OpsOf(name), Is.EqualTo(new[] { StepOp.Update }), update.ToString());
        stored = await Api(HttpMethod.Get, setup.StoredPath(id));
        setup.ChangeApplied(stored);
        Assert.That(setup.Fingerprint(stored), Is.EqualTo(fingerprint), "the update recreated nothing");
        await stack.RefreshAsync();
        await AssertSameWithoutWrites(stack, changed, name, "up after the update and a refresh");

        await ImportOption(variant, name, id, setup);
        await PulumiImport(variant, name, id);
        Assert.That(setup.Fingerprint(await Api(HttpMethod.Get, setup.StoredPath(id))), Is.EqualTo(fingerprint), "the imports recreated nothing");

        await AssertTrafficFitsTheModel();
        var destroy = await stack.DestroyAsync();
        Assert.That(destroy.OpsOf(name), Is.EqualTo(new[] { StepOp.Delete }));
        Assert.That(setup.Gone(await Api(HttpMethod.Get, setup.StoredPath(id))), Is.True, "destroy removed it at astro-sim");
    }

    /// <summary>`up` of an unchanged program: a Same step with no diff, and no write at Astro.</summary>
    private async Task AssertSameWithoutWrites(EngineReplay stack, StackProgram program, string name, string when)
    {
        var mark = await LogMarkAsync();
        var up = await stack.UpAsync(program);
        var step = up.ResourceSteps.Single(s => s.Name == name);
        Assert.That(step.Op, Is.EqualTo(StepOp.Same), $"{when}: {step.Diff}");
        Assert.That(await WritesAsync(mark), Is.Empty, $"{when}: no write");
    }

    /// <summary>
    /// The `import` option in another stack, with the engine of today (v3.174.0 and later: a diff that does not replace
    /// is an update after the import). A full answer matches the program exactly; a lean one may leave something the
    /// program sets unreported, which the update then sends as the program has it, recreating nothing.
    /// </summary>
    private async Task ImportOption(Variant variant, string name, string id, Setup setup)
    {
        await using var importer = NewStack(ImportRule.ThenUpdate);
        var declared = NewProgram().Add(variant.Type, name, setup.Changed, new Options { Import = id });
        if (variant.Type == DeployType)
        {
            var refused = Assert.ThrowsAsync<DeploymentFailedException>(() => importer.UpAsync(declared))!;
            Assert.That(refused.Message, Does.Contain("cannot be imported"));
            return;
        }
        var up = await importer.UpAsync(declared);
        Assert.That(up.Replaced, Is.Empty);
        var ops = up.OpsOf(name).ToList();
        if (Lean) Assert.That(ops, Is.EqualTo(new[] { StepOp.Import }).Or.EqualTo(new[] { StepOp.Import, StepOp.Update }), up.ToString());
        else Assert.That(ops, Is.EqualTo(new[] { StepOp.Import }), "a full answer matches the program: " + up);
        Assert.That(importer.State[name].Id, Is.EqualTo(id));
        await AssertSameWithoutWrites(importer, declared, name, "up after the import option");
    }

    /// <summary>`pulumi import` in a third stack: the generated program (Read's inputs) passes Check, and `up` with it changes nothing.</summary>
    private async Task PulumiImport(Variant variant, string name, string id)
    {
        await using var importer = NewStack();
        if (variant.Type == DeployType)
        {
            var refused = Assert.ThrowsAsync<DeploymentFailedException>(() => importer.ImportAsync(NewProgram(), variant.Type, name, id))!;
            Assert.That(refused.Message, Does.Contain("cannot be imported"));
            return;
        }
        var imported = await importer.ImportAsync(NewProgram(), variant.Type, name, id);
        Assert.That(imported.CheckFailures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty, "the generated program passes Check");
        await AssertSameWithoutWrites(importer, NewProgram().Add(variant.Type, name, imported.State.Inputs), name, "up with the generated program");
    }

    /// <summary>Every request the plugin sent to Astro's API (in lean and null mode: every one answered in that mode) fits the API model.</summary>
    private async Task AssertTrafficFitsTheModel()
    {
        var sent = (await Sim.Control.RequestsAsync())
            .Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal) && r.Responses == Responses).ToList();
        Assert.That(sent.Where(r => r.Method != "GET"), Is.Not.Empty, "the log holds the plugin's writes");
        var violations = sent.SelectMany(r => ModelValidator.Default.ValidateRequest(r.Method, r.Path, r.Query, r.RequestBody)).ToList();
        Assert.That(violations.Select(v => v.ToString()), Is.Empty);
    }

    // ---- the variants ----

    private async Task<Setup> SetUp(Variant variant, string name) => variant.Label switch
    {
        "Deployment STANDARD" => DeploymentSetup(Hosted(Struct(("type", S("STANDARD")), ("cloudProvider", S("AWS")), ("region", S("us-east-1"))), name, "A5")),
        "Deployment DEDICATED" => DeploymentSetup(Hosted(Struct(("type", S("DEDICATED")), ("clusterId", S((await SimCluster("DEDICATED")).Id))), name, "A10")),
        "Deployment HYBRID" => DeploymentSetup(await Hybrid(name)),
        "Cluster AWS" => ClusterSetup(ClusterInputs.Aws(Sim.WorkspaceId, name)),
        "Cluster AZURE" => ClusterSetup(ClusterInputs.Azure(Sim.WorkspaceId, name)),
        "Cluster GCP" => ClusterSetup(ClusterInputs.Gcp(Sim.WorkspaceId, name)),
        "HibernationOverride" => await OverrideSetup(name),
        "Deploy IMAGE_ONLY" => await DeploySetup(name),
        _ => throw new ArgumentException(variant.Label),
    };

    /// <summary>A hosted Deployment program that names the values an update must carry, so a lean answer never leaves one unknown.</summary>
    private Struct Hosted(Struct placement, string name, string machine)
    {
        var program = placement.Clone();
        foreach (var (key, value) in new (string, Value)[]
        {
            ("name", S(name)), ("workspaceId", S(Sim.WorkspaceId)), ("executor", S("CELERY")), ("schedulerSize", S("SMALL")),
            ("isHighAvailability", B(false)), ("isDevelopmentMode", B(false)), ("description", S("first")),
            ("defaultTaskPodCpu", S("0.5")), ("defaultTaskPodMemory", S("1Gi")), ("resourceQuotaCpu", S("10")), ("resourceQuotaMemory", S("20Gi")),
            ("workerQueues", List(Obj(("name", S("default")), ("isDefault", B(true)), ("astroMachine", S(machine)),
                ("minWorkerCount", N(0)), ("maxWorkerCount", N(10)), ("workerConcurrency", N(5))))),
            ("environmentVariables", List(Obj(("key", S("PLAIN")), ("value", S("visible")), ("isSecret", B(false))))),
        })
            program.Fields[key] = value;
        return program;
    }

    private async Task<Struct> Hybrid(string name)
    {
        var (clusterId, poolId) = await SimCluster("HYBRID");
        return Struct(("type", S("HYBRID")), ("name", S(name)), ("workspaceId", S(Sim.WorkspaceId)), ("clusterId", S(clusterId)),
            ("executor", S("CELERY")), ("description", S("first")), ("scheduler", Obj(("au", N(10)), ("replicas", N(2)))),
            ("workerQueues", List(Obj(("name", S("default")), ("isDefault", B(true)), ("nodePoolId", S(poolId)),
                ("minWorkerCount", N(1)), ("maxWorkerCount", N(4)), ("workerConcurrency", N(8))))));
    }

    private static Setup DeploymentSetup(Struct program) => new(program,
        program.Also("description", S("second")).Also("contactEmails", List(S("oncall@example.com"))),
        id => $"deployments/{id}",
        d => d["workerQueues"]!.Select(q => (string?)q["id"]).Append((string?)d["namespace"]),
        d =>
        {
            Assert.That((string?)d["description"], Is.EqualTo("second"));
            Assert.That(d["contactEmails"]!.Select(e => (string?)e), Is.EqualTo(new[] { "oncall@example.com" }));
        },
        d => d["id"] is null);

    private static Setup ClusterSetup(Struct program) => new(program,
        program.Also("k8sTags", List(Obj(("key", S("team")), ("value", S("platform"))))),
        id => $"clusters/{id}",
        c => c["nodePools"]!.Select(p => (string?)p["id"]).Concat(c["workspaceIds"]!.Select(w => (string?)w)),
        c => Assert.That(c["tags"]!.Select(t => $"{t["key"]}={t["value"]}"), Is.EqualTo(new[] { "team=platform" })),
        c => c["id"] is null);

    private async Task<Setup> OverrideSetup(string name)
    {
        var deploymentId = await SimDeployment($"{name}-dev", developmentMode: true);
        var program = Struct(("deploymentId", S(deploymentId)), ("isHibernating", B(true)));
        return new Setup(program, program.Also("isHibernating", B(false)).Also("overrideUntil", S("2999-01-01T00:00:00Z")),
            id => $"deployments/{id}",
            d => [(string?)d["id"], (string?)d["namespace"]],
            d =>
            {
                Assert.That((bool?)d.SelectToken("scalingSpec.hibernationSpec.override.isHibernating"), Is.False);
                Assert.That((string?)d.SelectToken("scalingSpec.hibernationSpec.override.overrideUntil"), Does.StartWith("2999-01-01T00:00:00"));
            },
            d => d.SelectToken("scalingSpec.hibernationSpec.override") is null);
    }

    private async Task<Setup> DeploySetup(string name)
    {
        var deploymentId = await SimDeployment($"{name}-target", developmentMode: false);
        var repository = (string)(await Api(HttpMethod.Get, $"deployments/{deploymentId}"))["imageRepository"]!;
        await Sim.Registry.PushAsync(repository, "git-4d5e6f7", SimRegistry.Manifest(name));
        var program = Struct(("deploymentId", S(deploymentId)), ("type", S("IMAGE_ONLY")), ("imageTag", S("git-4d5e6f7")), ("description", S("first")));
        return new Setup(program, program.Also("description", S("second")),
            id => $"deployments/{id.Replace("/", "/deploys/", StringComparison.Ordinal)}",
            d => [(string?)d["id"], (string?)d["imageTag"]],
            d => Assert.That((string?)d["description"], Is.EqualTo("second")),
            // Deploys are history: destroy forgets it, and Astro keeps it.
            d => (string?)d["status"] == "DEPLOYED");
    }
}
