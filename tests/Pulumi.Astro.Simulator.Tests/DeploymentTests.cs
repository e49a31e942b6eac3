using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class DeploymentTests : SimFixture
{
    [Test]
    public async Task Create_Standard_CreatingThenHealthyWithResponseFields()
    {
        var reply = await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var d = reply.Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)d["status"], Is.EqualTo("CREATING"));
            Assert.That((string?)d["cloudProvider"], Is.EqualTo("AWS"));
            Assert.That((string?)d["workspaceName"], Is.EqualTo("Default Workspace"));
            Assert.That((string?)d["astroRuntimeVersion"], Is.EqualTo((string?)d["runtimeVersion"]));
            Assert.That((string?)d["uiUrl"], Does.StartWith("https://"));
            Assert.That((string?)d["webServerUrl"], Does.Not.Contain("://"));
            Assert.That((string?)d["namespace"], Does.Match("^[a-z]+-[a-z]+-[0-9]{4}$"));
            Assert.That((string?)d["schedulerCpu"], Is.EqualTo("1"));
            Assert.That((string?)d["workerQueues"]![0]!["podMemory"], Is.EqualTo("2Gi"));
        });
        var healthy = await Api.WaitFor($"deployments/{d["id"]}", x => (string?)x["status"] == "HEALTHY");
        Assert.That((string?)healthy["statusReason"], Is.EqualTo("Successfully Deployed"));
    }

    [Test]
    public async Task Create_SecretVariable_ValueNeverReturned()
    {
        var reply = await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId));
        var id = (string)reply.Json["id"]!;
        foreach (var body in new[] { reply.Json, (await Api.Get($"deployments/{id}")).Json, (JObject)(await Api.Get("deployments")).Json["deployments"]![0]! })
        {
            var secret = body["environmentVariables"]!.Single(v => (string?)v["key"] == "SECRET");
            var plain = body["environmentVariables"]!.Single(v => (string?)v["key"] == "PLAIN");
            Assert.That(secret["value"], Is.Null);
            Assert.That((string?)plain["value"], Is.EqualTo("visible"));
            Assert.That(body.ToString(), Does.Not.Contain("s3cr3t"));
        }
    }

    [TestCase("-type", "type", "required")]
    [TestCase("type=SHARED", "type", "oneof")]
    [TestCase("-name", "name", "required")]
    [TestCase("-workspaceId", "workspaceId", "required")]
    [TestCase("workspaceId=cnosuchworkspace000000000", "workspaceId", "invalid")]
    [TestCase("executor=SEQUENTIAL", "executor", "oneof")]
    [TestCase("schedulerSize=HUGE", "schedulerSize", "oneof")]
    [TestCase("defaultTaskPodCpu=lots", "defaultTaskPodCpu", "invalid")]
    [TestCase("defaultTaskPodMemory=2Gi", "defaultTaskPodMemory", "invalid")]
    [TestCase("defaultTaskPodMemory=1G", "defaultTaskPodMemory", "invalid")]
    [TestCase("resourceQuotaMemory=10Gi", "resourceQuotaMemory", "invalid")]
    [TestCase("-resourceQuotaCpu", "resourceQuotaCpu", "required")]
    [TestCase("-region", "region", "required")]
    [TestCase("region=mars-1", "region", "oneof")]
    [TestCase("scheduler={\"au\":5}", "scheduler", "not_allowed")]
    [TestCase("taskPodNodePoolId=x", "taskPodNodePoolId", "not_allowed")]
    [TestCase("astroRuntimeVersion=1.0.0", "astroRuntimeVersion", "oneof")]
    [TestCase("workerQueues[0].name=primary", "workerQueues", "required")]
    [TestCase("workerQueues[0].isDefault=false", "workerQueues[0].isDefault", "invalid")]
    [TestCase("workerQueues[0].astroMachine=A7", "workerQueues[0].astroMachine", "oneof")]
    [TestCase("-workerQueues[0].astroMachine", "workerQueues[0].astroMachine", "required")]
    [TestCase("workerQueues[0].nodePoolId=np", "workerQueues[0].nodePoolId", "not_allowed")]
    [TestCase("workerQueues[0].minWorkerCount=11", "workerQueues[0].minWorkerCount", "invalid")]
    [TestCase("workerQueues[0].maxWorkerCount=0", "workerQueues[0].maxWorkerCount", "range")]
    [TestCase("workerQueues[0].workerConcurrency=0", "workerQueues[0].workerConcurrency", "range")]
    [TestCase("workerQueues[0].podEphemeralStorage=ten", "workerQueues[0].podEphemeralStorage", "invalid")]
    [TestCase("workerQueues[1]={\"name\":\"default\",\"isDefault\":false,\"astroMachine\":\"A5\",\"minWorkerCount\":0,\"maxWorkerCount\":1,\"workerConcurrency\":1}", "workerQueues[1].name", "unique")]
    [TestCase("executor=KUBERNETES", "workerQueues", "not_allowed")]
    [TestCase("environmentVariables[1].key=PLAIN", "environmentVariables[1].key", "unique")]
    [TestCase("-environmentVariables[0].isSecret", "environmentVariables[0].isSecret", "required")]
    [TestCase("contactEmails=[\"not-an-email\"]", "contactEmails[0]", "invalid")]
    [TestCase("scalingSpec={\"hibernationSpec\":{\"override\":{\"isHibernating\":true}}}", "scalingSpec", "not_allowed")]
    [TestCase("remoteExecution={\"enabled\":true}", "remoteExecution", "not_allowed")]
    [TestCase("isHighAvailability=\"yes\"", "isHighAvailability", "invalid_type")]
    [TestCase("unknownField=1", "unknownField", "unknown_field")]
    public async Task Create_StandardRuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var reply = await Api.Post("deployments", Bodies.Change(Bodies.Standard(Sim.WorkspaceId), change));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
            Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        });
        Assert.That((int)(await Api.Get("deployments")).Json["totalCount"]!, Is.Zero, "a rejected create must create nothing");
    }

    [TestCase("isDevelopmentMode=true", "scalingSpec={\"hibernationSpec\":{}}", "scalingSpec.hibernationSpec", "invalid")]
    [TestCase("isDevelopmentMode=true", "scalingSpec={\"hibernationSpec\":{\"schedules\":[{\"hibernateAtCron\":\"0 18 * *\",\"wakeAtCron\":\"0 8 * * *\",\"isEnabled\":true}]}}", "scalingSpec.hibernationSpec.schedules[0].hibernateAtCron", "invalid")]
    [TestCase("isDevelopmentMode=true", "scalingSpec={\"hibernationSpec\":{\"schedules\":[{\"hibernateAtCron\":\"0 18 * * *\",\"wakeAtCron\":\"61 8 * * *\",\"isEnabled\":true}]}}", "scalingSpec.hibernationSpec.schedules[0].wakeAtCron", "invalid")]
    [TestCase("isDevelopmentMode=true", "scalingSpec={\"hibernationSpec\":{\"override\":{\"overrideUntil\":\"2099-01-01T00:00:00Z\"}}}", "scalingSpec.hibernationSpec.override.isHibernating", "required")]
    [TestCase("isDevelopmentMode=true", "scalingSpec={\"hibernationSpec\":{\"override\":{\"isHibernating\":true,\"overrideUntil\":\"tomorrow\"}}}", "scalingSpec.hibernationSpec.override.overrideUntil", "invalid")]
    [TestCase("isDevelopmentMode=true", "scalingSpec={\"hibernationSpec\":{\"schedules\":[]}}", "scalingSpec.hibernationSpec.schedules", "count")]
    public async Task Create_HibernationRuleBroken_Returns400NamingField(string first, string second, string field, string code)
    {
        var body = Bodies.Change(Bodies.Change(Bodies.Standard(Sim.WorkspaceId), first), second);
        var reply = await Api.Post("deployments", body);
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task Create_DedicatedOnCluster_CarriesClusterAndRejectsWrongPlacement()
    {
        var cluster = await CreatedCluster();
        var reply = await Api.Post("deployments", Bodies.Dedicated(Sim.WorkspaceId, cluster));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)reply.Json["clusterId"], Is.EqualTo(cluster));
            Assert.That((string?)reply.Json["clusterName"], Is.EqualTo("primary"));
            Assert.That((string?)reply.Json["region"], Is.EqualTo("us-east-1"));
        });

        var noCluster = await Api.Post("deployments", Bodies.Change(Bodies.Dedicated(Sim.WorkspaceId, cluster), "-clusterId"));
        Assert.That(noCluster.Code("clusterId"), Is.EqualTo("required"), noCluster.ToString());
        var unknown = await Api.Post("deployments", Bodies.Change(Bodies.Dedicated(Sim.WorkspaceId, cluster), "clusterId=cnosuchcluster00000000000"));
        Assert.That(unknown.Code("clusterId"), Is.EqualTo("invalid"), unknown.ToString());
        var withRegion = await Api.Post("deployments", Bodies.Change(Bodies.Dedicated(Sim.WorkspaceId, cluster), "region=us-east-1"));
        Assert.That(withRegion.Code("region"), Is.EqualTo("not_allowed"), withRegion.ToString());
    }

    [Test]
    public async Task Create_DedicatedWithRemoteExecution_NeedsNoQuotasButAstroExecutor()
    {
        var cluster = await CreatedCluster();
        var body = Bodies.Dedicated(Sim.WorkspaceId, cluster);
        foreach (var f in new[] { "defaultTaskPodCpu", "defaultTaskPodMemory", "resourceQuotaCpu", "resourceQuotaMemory", "workerQueues" }) body.Remove(f);
        body["remoteExecution"] = new JObject { ["enabled"] = true, ["allowedIpAddressRanges"] = new JArray("10.0.0.0/8") };
        var celery = await Api.Post("deployments", body);
        Assert.That(celery.Code("remoteExecution"), Is.EqualTo("not_allowed"), celery.ToString());
        body["executor"] = "ASTRO";
        var astro = await Api.Post("deployments", body);
        Assert.That(astro.Status, Is.EqualTo(200), astro.ToString());
        Assert.That((bool?)astro.Json["remoteExecution"]!["enabled"], Is.True);
        Assert.That((string?)astro.Json["remoteExecution"]!["remoteApiUrl"], Does.StartWith("https://"));
        Assert.That(astro.Json["workerQueues"]!.Count(), Is.Zero);
        body["remoteExecution"]!["allowedIpAddressRanges"] = new JArray("10.0.0.0/33");
        var badCidr = await Api.Post("deployments", body);
        Assert.That(badCidr.Code("remoteExecution.allowedIpAddressRanges[0]"), Is.EqualTo("invalid"), badCidr.ToString());
    }

    [Test]
    public async Task Create_Hybrid_UsesNodePoolsAndSchedulerAu()
    {
        var clusterReply = await Api.Post("clusters", Bodies.HybridCluster());
        Assert.That(clusterReply.Status, Is.EqualTo(200), clusterReply.ToString());
        var cluster = (string)clusterReply.Json["id"]!;
        var pool = (string)clusterReply.Json["nodePools"]![0]!["id"]!;
        await Api.WaitFor($"clusters/{cluster}", c => (string?)c["status"] == "CREATED");
        var reply = await Api.Post("deployments", Bodies.Hybrid(Sim.WorkspaceId, cluster, pool));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((int?)reply.Json["schedulerAu"], Is.EqualTo(5));
        Assert.That(reply.Json["schedulerSize"], Is.Null);

        Assert.That((await Api.Post("deployments", Bodies.Change(Bodies.Hybrid(Sim.WorkspaceId, cluster, pool), "executor=ASTRO"))).Code("executor"), Is.EqualTo("oneof"));
        Assert.That((await Api.Post("deployments", Bodies.Change(Bodies.Hybrid(Sim.WorkspaceId, cluster, pool), "workerQueues[0].nodePoolId=cnosuchpool00000000000000"))).Code("workerQueues[0].nodePoolId"), Is.EqualTo("invalid"));
        Assert.That((await Api.Post("deployments", Bodies.Change(Bodies.Hybrid(Sim.WorkspaceId, cluster, pool), "workerQueues[0].astroMachine=A5"))).Code("workerQueues[0].astroMachine"), Is.EqualTo("not_allowed"));
        Assert.That((await Api.Post("deployments", Bodies.Change(Bodies.Hybrid(Sim.WorkspaceId, cluster, pool), "scheduler.au=30"))).Code("scheduler.au"), Is.EqualTo("range"));
        Assert.That((await Api.Post("deployments", Bodies.Change(Bodies.Hybrid(Sim.WorkspaceId, cluster, pool), "isDevelopmentMode=true"))).Code("isDevelopmentMode"), Is.EqualTo("not_allowed"));
        var k8s = Bodies.Change(Bodies.Change(Bodies.Hybrid(Sim.WorkspaceId, cluster, pool), "executor=KUBERNETES"), "-workerQueues");
        Assert.That((await Api.Post("deployments", k8s)).Code("taskPodNodePoolId"), Is.EqualTo("required"));
        k8s["taskPodNodePoolId"] = pool;
        Assert.That((await Api.Post("deployments", k8s)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Create_WithoutQueues_ServerCreatesDefaultQueue()
    {
        var reply = await Api.Post("deployments", Bodies.Change(Bodies.Standard(Sim.WorkspaceId), "-workerQueues"));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var queue = reply.Json["workerQueues"]!.Single();
        Assert.That((string?)queue["name"], Is.EqualTo("default"));
        Assert.That((bool?)queue["isDefault"], Is.True);
    }

    [Test]
    public async Task Update_FullReplacement_KeepsQueueIdsAndSecretValues()
    {
        var created = (await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json;
        var id = (string)created["id"]!;
        var defaultQueueId = (string)created["workerQueues"]![0]!["id"]!;
        await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] == "HEALTHY");

        var update = Bodies.UpdateOf(created);
        update["name"] = "renamed";
        ((JArray)update["workerQueues"]!).Add(new JObject
        {
            ["name"] = "heavy", ["isDefault"] = false, ["astroMachine"] = "A20", ["minWorkerCount"] = 0, ["maxWorkerCount"] = 2, ["workerConcurrency"] = 10,
        });
        var reply = await Api.Post($"deployments/{id}", update);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)reply.Json["status"], Is.EqualTo("DEPLOYING"));
            Assert.That((string?)reply.Json["name"], Is.EqualTo("renamed"));
            Assert.That((string?)reply.Json["workerQueues"]![0]!["id"], Is.EqualTo(defaultQueueId), "a queue sent with its id is updated, not recreated");
            Assert.That((string?)reply.Json["workerQueues"]![1]!["podCpu"], Is.EqualTo("4"));
        });
        await Api.WaitFor($"deployments/{id}", d => (string?)d["status"] == "HEALTHY");

        // Leaving a queue out deletes it; a secret re-sent without a value keeps its stored value.
        var again = Bodies.UpdateOf((await Api.Get($"deployments/{id}")).Json);
        ((JArray)again["workerQueues"]!).RemoveAt(1);
        var second = await Api.Post($"deployments/{id}", again);
        Assert.That(second.Json["workerQueues"]!.Count(), Is.EqualTo(1), second.ToString());
        var secret = second.Json["environmentVariables"]!.Single(v => (string?)v["key"] == "SECRET");
        Assert.That((string?)secret["updatedAt"], Is.EqualTo((string?)created["environmentVariables"]![1]!["updatedAt"]), "the secret did not change");

        // An empty list removes every variable (§4.2).
        var cleared = Bodies.UpdateOf(second.Json);
        cleared["environmentVariables"] = new JArray();
        Assert.That((await Api.Post($"deployments/{id}", cleared)).Json["environmentVariables"]!.Count(), Is.Zero);
    }

    [TestCase("-isCicdEnforced", "isCicdEnforced", "required")]
    [TestCase("-environmentVariables", "environmentVariables", "required")]
    [TestCase("-schedulerSize", "schedulerSize", "required")]
    [TestCase("-executor", "executor", "required")]
    [TestCase("-type", "type", "required")]
    [TestCase("type=DEDICATED", "type", "immutable")]
    [TestCase("workspaceId=cotherworkspace0000000000", "workspaceId", "immutable")]
    [TestCase("isDevelopmentMode=true", "isDevelopmentMode", "immutable")]
    [TestCase("workerQueues[0].id=cnosuchqueue0000000000000", "workerQueues[0].id", "invalid")]
    [TestCase("astroRuntimeVersion=3.1-5", "astroRuntimeVersion", "unknown_field")]
    [TestCase("region=us-east-1", "region", "unknown_field")]
    [TestCase("defaultTaskPodMemory=3Gi", "defaultTaskPodMemory", "invalid")]
    public async Task Update_RuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var created = (await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json;
        var reply = await Api.Post($"deployments/{created["id"]}", Bodies.Change(Bodies.UpdateOf(created), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task Update_DevelopmentModeTurnedOffThenOn_SecondIsRejected()
    {
        var created = (await Api.Post("deployments", Bodies.Change(Bodies.Standard(Sim.WorkspaceId), "isDevelopmentMode=true"))).Json;
        Assert.That((bool?)created["isDevelopmentMode"], Is.True);
        var off = await Api.Post($"deployments/{created["id"]}", Bodies.Change(Bodies.UpdateOf(created), "isDevelopmentMode=false"));
        Assert.That(off.Status, Is.EqualTo(200), off.ToString());
        var on = await Api.Post($"deployments/{created["id"]}", Bodies.Change(Bodies.UpdateOf(off.Json), "isDevelopmentMode=true"));
        Assert.That(on.Status, Is.EqualTo(400), on.ToString());
        Assert.That(on.Code("isDevelopmentMode"), Is.EqualTo("immutable"));
    }

    [Test]
    public async Task Delete_StaysVisibleThen404_AndDeleteOfGoneIs404()
    {
        var id = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        Assert.That((await Api.Delete($"deployments/{id}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Delete($"deployments/{id}")).Status, Is.EqualTo(204), "a second delete while deleting is accepted");
        await Api.WaitForGone($"deployments/{id}");
        Assert.That((await Api.Delete($"deployments/{id}")).Status, Is.EqualTo(404));
        Assert.That((int)(await Api.Get("deployments")).Json["totalCount"]!, Is.Zero);
    }

    [Test]
    public async Task Get_ForcedUnhealthy_ReportsReasonAndLogs()
    {
        var id = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        await Sim.Control.ForceStatusAsync("deployment", id, "UNHEALTHY", "scheduler crash loop");
        var d = (await Api.Get($"deployments/{id}")).Json;
        Assert.That((string?)d["status"], Is.EqualTo("UNHEALTHY"));
        Assert.That((string?)d["statusReason"], Is.EqualTo("scheduler crash loop"));
        var logs = (await Api.Get($"deployments/{id}/logs?sources=scheduler&searchText=crash")).Json;
        Assert.That((int)logs["resultCount"]!, Is.EqualTo(1));
        Assert.That((string?)logs["results"]![0]!["raw"], Does.Contain("scheduler crash loop"));
        Assert.That(logs["results"]![0]!["timestamp"]!.Type, Is.EqualTo(JTokenType.Float));
    }

    [TestCase("", "sources")]
    [TestCase("sources=kitchen", "sources")]
    [TestCase("sources=scheduler&startDate=2026-01-01T00:00:00Z", "endDate")]
    [TestCase("sources=scheduler&limit=5000", "limit")]
    public async Task Logs_BadQuery_Returns400(string query, string field)
    {
        var id = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json["id"]!;
        var reply = await Api.Get($"deployments/{id}/logs?{query}");
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.ErrorFields, Does.Contain(field));
    }

    [Test]
    public async Task List_FiltersByIdsNamesAndWorkspace()
    {
        var a = (string)(await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, "a"))).Json["id"]!;
        await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, "b"));
        Assert.That((int)(await Api.Get($"deployments?deploymentIds={a}")).Json["totalCount"]!, Is.EqualTo(1));
        Assert.That((int)(await Api.Get("deployments?names=b")).Json["totalCount"]!, Is.EqualTo(1));
        Assert.That((int)(await Api.Get($"deployments?workspaceIds={Sim.WorkspaceId}")).Json["totalCount"]!, Is.EqualTo(2));
        Assert.That((int)(await Api.Get("deployments?workspaceIds=cother0000000000000000000")).Json["totalCount"]!, Is.Zero);
        var sorted = (await Api.Get("deployments?sorts=name:desc")).Json;
        Assert.That((string?)sorted["deployments"]![0]!["name"], Is.EqualTo("b"));
    }

    private async Task<string> CreatedCluster()
    {
        var created = await Api.Post("clusters", Bodies.AwsCluster());
        var id = (string)created.Json["id"]!;
        await Api.WaitFor($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        return id;
    }
}
