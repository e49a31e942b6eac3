namespace Pulumi.Astro.Simulator.Tests;

public sealed class OrganizationTests : SimFixture
{
    [Test]
    public async Task GetOrganization_Full_HasRequiredFields()
    {
        var org = (await Api.Get("")).Json;
        foreach (var f in new[] { "id", "name", "createdAt", "updatedAt", "createdBy", "updatedBy", "allowEnhancedSupportAccess", "hasAllowedIpAddressRanges", "isBlockedEnableAiFeatures", "isScimEnabled", "shouldEnforceDedicatedClusters", "productPlans" })
            Assert.That(org[f], Is.Not.Null, f);
    }

    [Test]
    public async Task GetOrganization_LookUpOnly_MetadataOnly()
    {
        var org = (await Api.Get($"/v1/organizations/{Sim.OrganizationId}?isLookUpOnly=true")).Json;
        Assert.That((string?)org["id"], Is.EqualTo(Sim.OrganizationId));
        Assert.That(org["productPlans"], Is.Null);
    }

    [Test]
    public async Task ListOrganizations_ReturnsTheOne()
    {
        var list = (await Api.Get("/v1/organizations")).Json;
        Assert.That((int)list["totalCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task Workspaces_SeededWithName_ListAndGet()
    {
        var list = (await Api.Get("workspaces")).Json;
        Assert.That((string?)list["workspaces"]![0]!["name"], Is.EqualTo("Default Workspace"));
        Assert.That((int)(await Api.Get("workspaces?names=nope")).Json["totalCount"]!, Is.Zero);
        var ws = await Api.Get($"workspaces/{Sim.WorkspaceId}");
        Assert.That((bool?)ws.Json["cicdEnforcedDefault"], Is.False);
        Assert.That((await Api.Get("workspaces/cnosuchworkspace000000000")).Status, Is.EqualTo(404));
    }

    [TestCase(null, 401)]
    [TestCase("wrong-token", 401)]
    public async Task AnyEndpoint_BadToken_Returns401(string? token, int status)
    {
        using var api = new Api(Sim, token ?? "");
        var reply = await api.Get("clusters");
        Assert.That(reply.Status, Is.EqualTo(status));
        Assert.That((int?)reply.Body?["statusCode"], Is.EqualTo(status));
        Assert.That((await api.Post("/_sim/reset", new Newtonsoft.Json.Linq.JObject())).Status, Is.EqualTo(401), "the control API needs the token too");
    }

    [TestCase("/v1/organizations/cotherorg0000000000000000")]
    [TestCase("/v1/organizations/cotherorg0000000000000000/clusters")]
    [TestCase("/v1/organizations/cotherorg0000000000000000/deployments/cx")]
    public async Task OtherOrganizationPath_Returns403(string path)
    {
        Assert.That((await Api.Get(path)).Status, Is.EqualTo(403));
    }

    [TestCase("clusters/cnosuchcluster00000000000")]
    [TestCase("deployments/cnosuchdeployment00000000")]
    [TestCase("deployments/cnosuchdeployment00000000/deploys/cx")]
    [TestCase("/v1/nothing-here")]
    public async Task UnknownIdOrRoute_Returns404WithErrorBody(string path)
    {
        var reply = await Api.Get(path);
        Assert.That(reply.Status, Is.EqualTo(404));
        Assert.That((int?)reply.Body?["statusCode"], Is.EqualTo(404));
    }

    [TestCase("{not json")]
    [TestCase("[1,2]")]
    [TestCase("")]
    public async Task Create_MalformedBody_Returns400(string body)
    {
        var reply = await Api.PostRaw("clusters", body);
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Message, Does.Contain("body"));
    }

    [Test]
    public async Task ClusterOptions_RequiresTypeAndFiltersProvider()
    {
        Assert.That((await Api.Get("cluster-options")).Code("type"), Is.EqualTo("required"));
        var aws = (await Api.Get("cluster-options?type=DEDICATED&provider=AWS")).Body!;
        Assert.That(aws.Count(), Is.EqualTo(1));
        Assert.That((string?)aws[0]!["defaultVpcSubnetRange"], Is.Not.Empty);
        Assert.That((await Api.Get("cluster-options?type=DEDICATED")).Body!.Count(), Is.EqualTo(3));
        Assert.That((await Api.Get("cluster-options?type=SHARED")).Status, Is.EqualTo(400));
    }

    [Test]
    public async Task DeploymentOptions_LatestRuntimeFirstAndMachines()
    {
        var options = (await Api.Get("deployment-options")).Json;
        Assert.Multiple(() =>
        {
            Assert.That(options["runtimeReleases"]!.Count(), Is.GreaterThan(0));
            Assert.That(options["workerMachines"]!.Select(m => (string)m["name"]!), Does.Contain("A5"));
            Assert.That((string?)options["resourceQuotas"]!["defaultPodSize"]!["cpu"]!["default"], Is.Not.Empty);
        });
        var hybrid = (await Api.Get("deployment-options?deploymentType=HYBRID")).Json;
        Assert.That(hybrid["executors"]!.Values<string>(), Does.Not.Contain("ASTRO"));
        Assert.That((await Api.Get("deployment-options?executor=SERIAL")).Status, Is.EqualTo(400));

        // The runtime a deployment gets by default is element 0, as the Terraform provider reads it (§5.9).
        var dep = (await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Json;
        Assert.That((string?)dep["astroRuntimeVersion"], Is.EqualTo((string?)options["runtimeReleases"]![0]!["version"]));
    }
}
