using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class ClusterTests : SimFixture
{
    [Test]
    public async Task Create_AwsDedicated_StartsCreatingThenCreated()
    {
        var created = await Api.Post("clusters", Bodies.AwsCluster());
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        var id = (string)created.Json["id"]!;
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^c[a-z0-9]{24}$"));
            Assert.That((string?)created.Json["status"], Is.EqualTo("CREATING"));
            Assert.That((string?)created.Json["organizationId"], Is.EqualTo(Sim.OrganizationId));
            Assert.That((string?)created.Json["drRegion"], Is.EqualTo(""));
            Assert.That(created.Json["nodePools"]!.Count(), Is.EqualTo(1));
            Assert.That(created.Raw.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        });
        var done = await Api.WaitFor($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        Assert.That((string?)done["healthStatus"]!["value"], Is.EqualTo("HEALTHY"));
    }

    [TestCase("-cloudProvider", "cloudProvider", "required")]
    [TestCase("cloudProvider=OCI", "cloudProvider", "oneof")]
    [TestCase("-name", "name", "required")]
    [TestCase("-vpcSubnetRange", "vpcSubnetRange", "required")]
    [TestCase("vpcSubnetRange=172.20.0.0/33", "vpcSubnetRange", "invalid")]
    [TestCase("vpcSubnetRange=172.20.0.1/22", "vpcSubnetRange", "invalid")]
    [TestCase("vpcSubnetRange=banana", "vpcSubnetRange", "invalid")]
    [TestCase("type=SHARED", "type", "oneof")]
    [TestCase("region=eastus2", "region", "oneof")]
    [TestCase("tenantId=t", "tenantId", "not_allowed")]
    [TestCase("podSubnetRange=172.21.0.0/19", "podSubnetRange", "not_allowed")]
    [TestCase("secondaryVpcCidr=172.20.0.0/20", "secondaryVpcCidr", "overlap")]
    [TestCase("drVpcSubnetRange=10.1.0.0/22", "drVpcSubnetRange", "not_allowed")]
    [TestCase("drRegion=us-east-1", "drRegion", "invalid")]
    [TestCase("dbInstanceType=db.huge", "dbInstanceType", "oneof")]
    [TestCase("type=HYBRID", "providerAccount", "required")]
    [TestCase("nodePools=[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":5},{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":5}]", "nodePools[1].name", "unique")]
    [TestCase("nodePools=[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\"}]", "nodePools[0].maxNodeCount", "required")]
    [TestCase("workspaceIds=[\"cnosuchworkspace000000000\"]", "workspaceIds[0]", "invalid")]
    [TestCase("k8sTags=[{\"key\":1}]", "k8sTags[0].key", "invalid_type")]
    [TestCase("bogus=1", "bogus", "unknown_field")]
    public async Task Create_AwsRuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var reply = await Api.Post("clusters", Bodies.Change(Bodies.AwsCluster(), change));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
            Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
            Assert.That((int?)reply.Body?["statusCode"], Is.EqualTo(400));
            Assert.That((string?)reply.Body?["requestId"], Is.Not.Empty);
            Assert.That(reply.Message, Does.Contain(field));
        });
        Assert.That((await Api.Get("clusters")).Json["totalCount"]!.Value<int>(), Is.Zero, "a rejected create must create nothing");
    }

    [TestCase("-podSubnetRange", "podSubnetRange", "required")]
    [TestCase("-servicePeeringRange", "servicePeeringRange", "required")]
    [TestCase("serviceSubnetRange=172.21.0.0/22", "serviceSubnetRange", "overlap")]
    [TestCase("drRegion=us-east4", "drPodSubnetRange", "required")]
    [TestCase("secondaryVpcCidr=172.30.0.0/20", "secondaryVpcCidr", "not_allowed")]
    public async Task Create_GcpRuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var reply = await Api.Post("clusters", Bodies.Change(Bodies.GcpCluster(), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task Create_GcpAndAzureVariants_EchoTheirFields()
    {
        var gcp = await Api.Post("clusters", Bodies.GcpCluster());
        var azure = await Api.Post("clusters", Bodies.AzureCluster());
        Assert.Multiple(() =>
        {
            Assert.That(gcp.Status, Is.EqualTo(200), gcp.ToString());
            Assert.That((string?)gcp.Json["podSubnetRange"], Is.EqualTo("172.21.0.0/19"));
            Assert.That((string?)gcp.Json["servicePeeringRange"], Is.EqualTo("172.23.0.0/20"));
            Assert.That(azure.Status, Is.EqualTo(200), azure.ToString());
            Assert.That((string?)azure.Json["tenantId"], Is.EqualTo("tenant-1"));
            Assert.That(azure.Json["podSubnetRange"], Is.Null);
        });
    }

    [Test]
    public async Task Create_WithDr_ReportsDrEnabled()
    {
        var body = Bodies.AwsCluster();
        body["drRegion"] = "us-west-2";
        body["drVpcSubnetRange"] = "172.30.0.0/22";
        var reply = await Api.Post("clusters", body);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((bool?)reply.Json["isDrEnabled"], Is.True);
        Assert.That((string?)reply.Json["drRegion"], Is.EqualTo("us-west-2"));
    }

    [Test]
    public async Task Update_WhileCreating_Returns409()
    {
        await Sim.Control.SetTimingsAsync(clusterSeconds: 30);
        var id = (string)(await Api.Post("clusters", Bodies.AwsCluster())).Json["id"]!;
        var reply = await Api.Post($"clusters/{id}", new JObject { ["clusterType"] = "DEDICATED", ["name"] = "x", ["k8sTags"] = new JArray() });
        Assert.That(reply.Status, Is.EqualTo(409), reply.ToString());
        Assert.That(reply.Message, Does.Contain("workflow is already running"));
    }

    [Test]
    public async Task Update_Created_GoesUpdatingThenCreatedWithChanges()
    {
        var id = await CreatedCluster();
        var update = new JObject
        {
            ["clusterType"] = "DEDICATED",
            ["name"] = "renamed",
            ["k8sTags"] = new JArray(new JObject { ["key"] = "team", ["value"] = "data" }),
            ["workspaceIds"] = new JArray(Sim.WorkspaceId),
            ["nodePools"] = new JArray(new JObject { ["name"] = "big", ["nodeInstanceType"] = "m5.2xlarge", ["maxNodeCount"] = 50, ["isDefault"] = true }),
        };
        var reply = await Api.Post($"clusters/{id}", update);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)reply.Json["status"], Is.EqualTo("UPDATING"));
        var done = await Api.WaitFor($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        Assert.Multiple(() =>
        {
            Assert.That((string?)done["name"], Is.EqualTo("renamed"));
            Assert.That((string?)done["tags"]![0]!["key"], Is.EqualTo("team"));
            Assert.That(done["workspaceIds"]!.Values<string>(), Is.EqualTo(new[] { Sim.WorkspaceId }));
            Assert.That((string?)done["nodePools"]![0]!["nodeInstanceType"], Is.EqualTo("m5.2xlarge"));
        });
    }

    [Test]
    public async Task Update_WorkspaceIdsAbsentOrEmpty_KeepsOrClearsList()
    {
        var body = Bodies.AwsCluster();
        body["workspaceIds"] = new JArray(Sim.WorkspaceId);
        var id = (string)(await Api.Post("clusters", body)).Json["id"]!;
        await Api.WaitFor($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        var kept = await Api.Post($"clusters/{id}", new JObject { ["name"] = "n", ["k8sTags"] = new JArray() });
        Assert.That(kept.Json["workspaceIds"]!.Count(), Is.EqualTo(1), kept.ToString());
        await Api.WaitFor($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        var cleared = await Api.Post($"clusters/{id}", new JObject { ["name"] = "n", ["k8sTags"] = new JArray(), ["workspaceIds"] = new JArray() });
        Assert.That(cleared.Json["workspaceIds"]!.Count(), Is.Zero, cleared.ToString());
    }

    [TestCase("-k8sTags", "k8sTags", "required")]
    [TestCase("-name", "name", "required")]
    [TestCase("clusterType=HYBRID", "clusterType", "invalid")]
    [TestCase("clusterType=BIG", "clusterType", "oneof")]
    [TestCase("enableDr=true", "enableDr", "not_allowed")]
    [TestCase("drRegion=us-west-2", "drRegion", "not_allowed")]
    [TestCase("nodePools=[{\"id\":\"cnosuchpool00000000000000\",\"name\":\"p\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":3}]", "nodePools[0].id", "invalid")]
    public async Task Update_RuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var id = await CreatedCluster();
        var body = new JObject { ["clusterType"] = "DEDICATED", ["name"] = "n", ["k8sTags"] = new JArray() };
        var reply = await Api.Post($"clusters/{id}", Bodies.Change(body, change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task Delete_Created_StaysVisibleThen404()
    {
        var id = await CreatedCluster();
        var deleted = await Api.Delete($"clusters/{id}");
        Assert.That(deleted.Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"clusters/{id}")).Status, Is.EqualTo(200), "deletion is asynchronous (§7.1)");
        await Api.WaitForGone($"clusters/{id}");
        Assert.That((await Api.Delete($"clusters/{id}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Delete_WithDeployments_Returns400()
    {
        var id = await CreatedCluster();
        var dep = await Api.Post("deployments", Bodies.Dedicated(Sim.WorkspaceId, id));
        Assert.That(dep.Status, Is.EqualTo(200), dep.ToString());
        var reply = await Api.Delete($"clusters/{id}");
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Message, Does.Contain((string)dep.Json["id"]!));
    }

    [Test]
    public async Task Delete_WhileUpdating_Returns409()
    {
        var id = await CreatedCluster();
        await Sim.Control.SetTimingsAsync(clusterSeconds: 30);
        await Api.Post($"clusters/{id}", new JObject { ["name"] = "n", ["k8sTags"] = new JArray() });
        Assert.That((await Api.Delete($"clusters/{id}")).Status, Is.EqualTo(409));
    }

    [TestCase("CREATE_FAILED")]
    [TestCase("ACCESS_DENIED")]
    [TestCase("UPDATE_FAILED")]
    public async Task Get_ForcedFailure_ReportsStatusAndHealthDetails(string status)
    {
        var id = await CreatedCluster();
        await Sim.Control.ForceStatusAsync("cluster", id, status, "quota exceeded in us-east-1");
        var cluster = (await Api.Get($"clusters/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)cluster["status"], Is.EqualTo(status));
            Assert.That((string?)cluster["healthStatus"]!["value"], Is.EqualTo("UNHEALTHY"));
            Assert.That((string?)cluster["healthStatus"]!["details"]![0]!["description"], Is.EqualTo("quota exceeded in us-east-1"));
        });
        await Sim.Control.ForceStatusAsync("cluster", id, null);
        Assert.That((string?)(await Api.Get($"clusters/{id}")).Json["status"], Is.EqualTo("CREATED"));
    }

    [Test]
    public async Task List_PagesFiltersAndSorts()
    {
        foreach (var name in new[] { "bravo", "alpha", "charlie" })
            Assert.That((await Api.Post("clusters", Bodies.AwsCluster(name))).Status, Is.EqualTo(200));
        await Api.Post("clusters", Bodies.GcpCluster());
        var page = (await Api.Get("clusters?limit=2&offset=1&sorts=name:asc")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((int)page["totalCount"]!, Is.EqualTo(4));
            Assert.That((int)page["limit"]!, Is.EqualTo(2));
            Assert.That((int)page["offset"]!, Is.EqualTo(1));
            Assert.That(page["clusters"]!.Select(c => (string)c["name"]!), Is.EqualTo(new[] { "bravo", "charlie" }));
        });
        var desc = (await Api.Get("clusters?sorts=name:desc")).Json;
        Assert.That((string?)desc["clusters"]![0]!["name"], Is.EqualTo("gcp"));
        var filtered = (await Api.Get("clusters?names=alpha&names=gcp")).Json;
        Assert.That((int)filtered["totalCount"]!, Is.EqualTo(2));
        var gcpOnly = (await Api.Get("clusters?provider=GCP")).Json;
        Assert.That((int)gcpOnly["totalCount"]!, Is.EqualTo(1));
    }

    [TestCase("limit=1001", "limit")]
    [TestCase("limit=-1", "limit")]
    [TestCase("offset=x", "offset")]
    [TestCase("sorts=size:asc", "sorts")]
    [TestCase("sorts=name", "sorts")]
    [TestCase("provider=OCI", "provider")]
    public async Task List_BadQuery_Returns400(string query, string field)
    {
        var reply = await Api.Get($"clusters?{query}");
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.ErrorFields, Does.Contain(field));
    }

    private async Task<string> CreatedCluster()
    {
        var created = await Api.Post("clusters", Bodies.AwsCluster());
        Assert.That(created.Status, Is.EqualTo(200), created.ToString());
        var id = (string)created.Json["id"]!;
        await Api.WaitFor($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        return id;
    }
}
