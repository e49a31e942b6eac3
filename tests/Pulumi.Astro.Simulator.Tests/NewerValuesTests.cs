using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// Values Astro adds after a client was built: fields patched out of band to values no enum lists, and a status the
/// model does not have during part of a transition.
/// </summary>
public sealed class NewerValuesTests
{
    private readonly ManualTimeProvider _clock = new();
    private SimServer _sim = null!;
    private Api _api = null!;

    [OneTimeSetUp]
    public async Task StartSim()
    {
        _sim = await SimServer.StartAsync(o => o.Time = _clock);
        _api = new Api(_sim);
    }

    [OneTimeTearDown]
    public async Task StopSim()
    {
        _api.Dispose();
        await _sim.DisposeAsync();
    }

    [SetUp]
    public async Task ResetSim()
    {
        await _sim.Control.ResetAsync();
        await _sim.Control.SetTimingsAsync(clusterSeconds: 10, deploymentSeconds: 10, deploySeconds: 10);
    }

    private async Task<string> CreateCluster()
    {
        var id = (string)(await _api.Post("clusters", Bodies.AwsCluster())).Json["id"]!;
        _clock.Advance(TimeSpan.FromSeconds(11));
        return id;
    }

    private async Task<string> CreateDeployment()
    {
        var id = (string)(await _api.Post("deployments", Bodies.Standard(_sim.WorkspaceId))).Json["id"]!;
        _clock.Advance(TimeSpan.FromSeconds(11));
        return id;
    }

    [TestCase("deployment", "schedulerSize", "XXL_NEW", "DeploymentSchedulerSize")]
    // The model types a queue's astroMachine as a plain string, so a new machine is no finding at all.
    [TestCase("deployment", "workerQueues[0].astroMachine", "A240", null)]
    [TestCase("deployment", "type", "SERVERLESS", "DeploymentType")]
    [TestCase("deployment", "executor", "RAY", "DeploymentExecutor")]
    [TestCase("cluster", "cloudProvider", "ORACLE", "ClusterCloudProvider")]
    [TestCase("cluster", "type", "SERVERLESS", "ClusterType")]
    public async Task Patch_UnknownEnumValue_AnsweredAsStoredAndFlaggedAsEnumDrift(string kind, string path, string value, string? enumType)
    {
        var id = kind == "cluster" ? await CreateCluster() : await CreateDeployment();
        await _sim.Control.PatchAsync(kind, id, path, value);

        var reply = await _api.Get($"{kind}s/{id}");
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)reply.Json.SelectToken(path), Is.EqualTo(value));
        var listed = (await _api.Get($"{kind}s")).Json[$"{kind}s"]!.Single();
        Assert.That((string?)listed.SelectToken(path), Is.EqualTo(value));

        // The answer is otherwise valid: the only finding is the new enum value, which the model's enum does not list.
        var violations = ModelValidator.Default.ValidateResponse("GET", $"/v1/organizations/{_sim.OrganizationId}/{kind}s/{id}", 200, reply.Json.ToString());
        if (enumType is null)
        {
            Assert.That(violations, Is.Empty);
            return;
        }
        Assert.That(violations.Select(v => (v.Kind, v.Where)), Is.EqualTo(new[] { (ViolationKind.UnknownEnumValue, "response." + path) }));
        Assert.That(violations[0].Message, Does.Contain(enumType));
    }

    [Test]
    public async Task Patch_ClusterOfUnknownCloud_UpdatesStillAnswerAndKeepTheValue()
    {
        var id = await CreateCluster();
        await _sim.Control.PatchAsync("cluster", id, "cloudProvider", "ORACLE");
        var update = await _api.Post($"clusters/{id}", new JObject { ["clusterType"] = "DEDICATED", ["name"] = "renamed", ["k8sTags"] = new JArray() });
        Assert.That(update.Status, Is.EqualTo(200), update.ToString());
        Assert.That((string?)update.Json["cloudProvider"], Is.EqualTo("ORACLE"));
        _clock.Advance(TimeSpan.FromSeconds(11));
        var pools = await _api.Post($"clusters/{id}", new JObject
        {
            ["clusterType"] = "DEDICATED", ["name"] = "renamed", ["k8sTags"] = new JArray(),
            ["nodePools"] = new JArray(new JObject { ["name"] = "p", ["nodeInstanceType"] = "m5.xlarge", ["maxNodeCount"] = 2 }),
        });
        Assert.That(pools.Status, Is.EqualTo(400), "astro-sim has no machine catalogue for a cloud it does not know: it refuses, it does not fail");
        Assert.That(pools.ErrorFields, Is.EqualTo(new[] { "nodePools[0].nodeInstanceType" }));
    }

    [Test]
    public async Task Patch_ThenUpdateThroughTheApi_ApiValueWins()
    {
        var id = await CreateDeployment();
        await _sim.Control.PatchAsync("deployment", id, "schedulerSize", "XXL_NEW");
        var current = (await _api.Get($"deployments/{id}")).Json;
        var update = Bodies.UpdateOf(current);
        update["schedulerSize"] = "MEDIUM";
        update["isCicdEnforced"] = false;
        var reply = await _api.Post($"deployments/{id}", update);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)(await _api.Get($"deployments/{id}")).Json["schedulerSize"], Is.EqualTo("MEDIUM"));
    }

    [Test]
    public async Task Patch_ThenUpdateSendingTheStoredValuesBack_AcceptedAndKept()
    {
        var id = await CreateDeployment();
        await _sim.Control.PatchAsync("deployment", id, "schedulerSize", "XXL_NEW");
        await _sim.Control.PatchAsync("deployment", id, "workerQueues[0].astroMachine", "A240");
        var current = (await _api.Get($"deployments/{id}")).Json;
        var update = Bodies.UpdateOf(current);
        update["schedulerSize"] = "XXL_NEW";
        update["description"] = "described";

        var reply = await _api.Post($"deployments/{id}", update);

        Assert.That(reply.Status, Is.EqualTo(200), "Astro accepts the values it reported itself: " + reply);
        var after = (await _api.Get($"deployments/{id}")).Json;
        Assert.That((string?)after["schedulerSize"], Is.EqualTo("XXL_NEW"));
        Assert.That((string?)after["schedulerCpu"], Is.EqualTo((string?)current["schedulerCpu"]), "a size the catalogue does not list keeps its resources");
        Assert.That((string?)after["workerQueues"]![0]!["astroMachine"], Is.EqualTo("A240"));
        Assert.That((string?)after["workerQueues"]![0]!["id"], Is.EqualTo((string?)current["workerQueues"]![0]!["id"]));
        Assert.That((string?)after["workerQueues"]![0]!["podCpu"], Is.EqualTo((string?)current["workerQueues"]![0]!["podCpu"]));
    }

    [TestCase("schedulerSize", "XXL_OTHER", "schedulerSize")]
    [TestCase("queue", "A240", "workerQueues[1].astroMachine")]
    public async Task Patch_ThenUpdateWithAnotherUnknownValue_Refused(string what, string value, string field)
    {
        var id = await CreateDeployment();
        await _sim.Control.PatchAsync("deployment", id, "schedulerSize", "XXL_NEW");
        await _sim.Control.PatchAsync("deployment", id, "workerQueues[0].astroMachine", "A240");
        var update = Bodies.UpdateOf((await _api.Get($"deployments/{id}")).Json);
        update["schedulerSize"] = what == "schedulerSize" ? value : "SMALL";
        ((JObject)update["workerQueues"]![0]!)["astroMachine"] = "A5";
        if (what == "queue")
        {
            // A new queue (no id) has no stored value to match, even though another queue carries A240.
            ((JArray)update["workerQueues"]!).Add(new JObject
            {
                ["name"] = "extra", ["isDefault"] = false, ["minWorkerCount"] = 0, ["maxWorkerCount"] = 2, ["workerConcurrency"] = 5, ["astroMachine"] = value,
            });
            await _sim.Control.PatchAsync("deployment", id, "workerQueues[0].astroMachine", value);
        }

        var reply = await _api.Post($"deployments/{id}", update);

        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.ErrorFields, Is.EqualTo(new[] { field }));
        Assert.That(reply.Code(field), Is.EqualTo("oneof"));
    }

    [Test]
    public async Task Patch_NullAndRemove_FieldNullThenAbsent()
    {
        var id = await CreateDeployment();
        await _sim.Control.PatchAsync("deployment", id, "region", null);
        Assert.That((await _api.Get($"deployments/{id}")).Json["region"]!.Type, Is.EqualTo(JTokenType.Null));
        await _sim.Control.RemoveFieldAsync("deployment", id, "region");
        Assert.That((await _api.Get($"deployments/{id}")).Json.ContainsKey("region"), Is.False);
        await _sim.Control.PatchAsync("deployment", id, "scalingStatus.hibernationStatus", new JObject { ["isHibernating"] = false, ["reason"] = "NEW_REASON" });
        Assert.That((string?)(await _api.Get($"deployments/{id}")).Json.SelectToken("scalingStatus.hibernationStatus.reason"), Is.EqualTo("NEW_REASON"));
    }

    [TestCase("_sim.busyUntil", "private")]
    [TestCase("id", "id")]
    [TestCase("workerQueues[7].name", "outside")]
    [TestCase("name..x", "field names")]
    [TestCase("createdBy.id.deeper", "not an object")]
    public async Task Patch_BadPath_RefusedWith400(string path, string reason)
    {
        var id = await CreateDeployment();
        Assert.That(async () => await _sim.Control.PatchAsync("deployment", id, path, "x"),
            Throws.InvalidOperationException.With.Message.Contains("400").And.Message.Contains(reason));
    }

    [Test]
    public void Patch_UnknownObject_RefusedWith404() =>
        Assert.That(async () => await _sim.Control.PatchAsync("deployment", "cnosuch000000000000000000", "name", "x"),
            Throws.InvalidOperationException.With.Message.Contains("404"));

    [Test]
    public async Task Transitional_DeploymentLifecycle_UnknownStatusForTheFirstPartThenCompletes()
    {
        await _sim.Control.SetTransitionalStatusAsync("PROVISIONING", null, fraction: 0.5);
        var created = (await _api.Post("deployments", Bodies.Standard(_sim.WorkspaceId))).Json;
        var id = (string)created["id"]!;
        Assert.That((string?)created["status"], Is.EqualTo("PROVISIONING"));
        Assert.That(await Status($"deployments/{id}", 4.9), Is.EqualTo("PROVISIONING"));
        Assert.That(await Status($"deployments/{id}", 0.2), Is.EqualTo("CREATING"));
        Assert.That(await Status($"deployments/{id}", 5), Is.EqualTo("HEALTHY"));

        var update = Bodies.UpdateOf((await _api.Get($"deployments/{id}")).Json);
        update["isCicdEnforced"] = false;
        Assert.That((string?)(await _api.Post($"deployments/{id}", update)).Json["status"], Is.EqualTo("PROVISIONING"));
        Assert.That(await Status($"deployments/{id}", 6), Is.EqualTo("DEPLOYING"));
        Assert.That(await Status($"deployments/{id}", 4.1), Is.EqualTo("HEALTHY"));
    }

    [Test]
    public async Task Transitional_ClusterLifecycle_UnknownStatusButRulesSeeTheRealOne()
    {
        await _sim.Control.SetTransitionalStatusAsync(null, "PROVISIONING", fraction: 0.3);
        var id = (string)(await _api.Post("clusters", Bodies.AwsCluster())).Json["id"]!;
        Assert.That(await Status($"clusters/{id}", 2.9), Is.EqualTo("PROVISIONING"));
        var busy = await _api.Post($"clusters/{id}", new JObject { ["clusterType"] = "DEDICATED", ["name"] = "x", ["k8sTags"] = new JArray() });
        Assert.That(busy.Status, Is.EqualTo(409), "the cluster is still CREATING underneath");
        Assert.That(busy.Message, Does.Contain("CREATING"));
        Assert.That(await Status($"clusters/{id}", 0.2), Is.EqualTo("CREATING"));
        Assert.That(await Status($"clusters/{id}", 7), Is.EqualTo("CREATED"));
        Assert.That((string?)(await _api.Get($"clusters/{id}")).Json["healthStatus"]!["value"], Is.EqualTo("HEALTHY"));

        var update = await _api.Post($"clusters/{id}", new JObject { ["clusterType"] = "DEDICATED", ["name"] = "x", ["k8sTags"] = new JArray() });
        Assert.That((string?)update.Json["status"], Is.EqualTo("PROVISIONING"));
        Assert.That(await Status($"clusters/{id}", 5), Is.EqualTo("UPDATING"));
        Assert.That(await Status($"clusters/{id}", 5), Is.EqualTo("CREATED"));
    }

    [Test]
    public async Task Transitional_Off_ModelStatusesOnly()
    {
        await _sim.Control.SetTransitionalStatusAsync("PROVISIONING", "PROVISIONING");
        await _sim.Control.SetTransitionalStatusAsync(null, null);
        var created = (await _api.Post("deployments", Bodies.Standard(_sim.WorkspaceId))).Json;
        Assert.That((string?)created["status"], Is.EqualTo("CREATING"));
    }

    [Test]
    public async Task Transitional_ForcedStatus_WinsOverTheTransitionalOne()
    {
        await _sim.Control.SetTransitionalStatusAsync("PROVISIONING", null);
        var id = (string)(await _api.Post("deployments", Bodies.Standard(_sim.WorkspaceId))).Json["id"]!;
        await _sim.Control.ForceStatusAsync("deployment", id, "UNHEALTHY");
        Assert.That(await Status($"deployments/{id}", 0), Is.EqualTo("UNHEALTHY"));
    }

    [Test]
    public void Transitional_BadFraction_Refused() =>
        Assert.That(async () => await _sim.Control.SetTransitionalStatusAsync("PROVISIONING", null, fraction: 1.5),
            Throws.InvalidOperationException.With.Message.Contains("400").And.Message.Contains("fraction"));

    [Test]
    public void Parse_TransitionalStatus_AppliesToBothKinds()
    {
        var o = SimulatorOptions.Parse(["--transitional-status", "PROVISIONING"]);
        Assert.That(o.TransitionalStatus, Is.EqualTo("PROVISIONING"));
        Assert.That(o.TransitionalFraction, Is.EqualTo(0.5));
    }

    /// <summary>Moves the clock on, then reads the status.</summary>
    private async Task<string?> Status(string path, double afterSeconds)
    {
        _clock.Advance(TimeSpan.FromSeconds(afterSeconds));
        var reply = await _api.Get(path);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        return (string?)reply.Json["status"];
    }
}
