using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>Workspaces: create, read, update, delete, and the rules between their fields.</summary>
public sealed class WorkspaceTests : InstantSimFixture
{
    [Test]
    public async Task Create_Valid_ReturnsWorkspaceThatGetAndListShow()
    {
        var reply = await Api.Post("workspaces", EnvironmentBodies.Workspace());
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var ws = reply.Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)ws["id"], Does.Match("^c[a-z0-9]{24}$"));
            Assert.That((string?)ws["name"], Is.EqualTo("data"));
            Assert.That((string?)ws["description"], Is.EqualTo("the data team"));
            Assert.That((bool?)ws["cicdEnforcedDefault"], Is.True);
            Assert.That((string?)ws["defaultCloudProvider"], Is.EqualTo("AWS"));
            Assert.That((string?)ws["defaultRegion"], Is.EqualTo("us-east-1"));
            Assert.That((string?)ws["organizationId"], Is.EqualTo(Sim.OrganizationId));
            Assert.That((string?)ws["createdBy"]!["subjectType"], Is.EqualTo("SERVICEKEY"));
        });
        Assert.That((await Api.Get($"workspaces/{ws["id"]}")).Json, Is.EqualTo(ws));
        var list = (await Api.Get("workspaces")).Json;
        Assert.That((int)list["totalCount"]!, Is.EqualTo(2), "the seeded workspace and the new one");
    }

    [Test]
    public async Task Create_Minimal_DefaultsCicdOffAndNoDefaults()
    {
        var ws = (await Api.Post("workspaces", new JObject { ["name"] = "bare" })).Json;
        Assert.That((bool?)ws["cicdEnforcedDefault"], Is.False);
        Assert.That(ws["defaultCloudProvider"], Is.Null);
        Assert.That(ws["description"], Is.Null);
    }

    [TestCase("-name", "name", "required")]
    [TestCase("name=\"   \"", "name", "invalid")]
    [TestCase("name=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "name", "max")]
    [TestCase("name=7", "name", "invalid_type")]
    [TestCase("cicdEnforcedDefault=\"yes\"", "cicdEnforcedDefault", "invalid_type")]
    [TestCase("defaultCloudProvider=MARS", "defaultCloudProvider", "oneof")]
    [TestCase("-defaultRegion", "defaultRegion", "required")]
    [TestCase("-defaultCloudProvider", "defaultCloudProvider", "required")]
    [TestCase("defaultRegion=eastus2", "defaultRegion", "oneof")]
    [TestCase("defaultClusterId=cnosuchcluster00000000000", "defaultCloudProvider", "not_allowed")]
    [TestCase("organizationId=x", "organizationId", "unknown_field")]
    public async Task Create_RuleBroken_Returns400NamingField(string change, string field, string code)
    {
        var reply = await Api.Post("workspaces", Bodies.Change(EnvironmentBodies.Workspace(), change));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
            Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
            Assert.That((int?)reply.Body?["statusCode"], Is.EqualTo(400));
        });
        Assert.That((int)(await Api.Get("workspaces")).Json["totalCount"]!, Is.EqualTo(1), "a rejected create must create nothing");
    }

    [Test]
    public async Task Create_DefaultCluster_MutuallyExclusiveWithCloudAndRegion()
    {
        var cluster = await Create("clusters", Bodies.AwsCluster());
        var body = new JObject { ["name"] = "on-cluster", ["defaultClusterId"] = cluster };
        var ws = (await Api.Post("workspaces", body)).Json;
        Assert.That((string?)ws["defaultClusterId"], Is.EqualTo(cluster));

        var both = await Api.Post("workspaces", Bodies.Change(Bodies.Change(body, "defaultCloudProvider=AWS"), "defaultRegion=us-east-1"));
        Assert.That(both.Code("defaultCloudProvider"), Is.EqualTo("not_allowed"), both.ToString());
        Assert.That(both.Code("defaultRegion"), Is.EqualTo("not_allowed"), both.ToString());
        var unknown = await Api.Post("workspaces", Bodies.Change(body, "defaultClusterId=cnosuchcluster00000000000"));
        Assert.That(unknown.Code("defaultClusterId"), Is.EqualTo("invalid"), unknown.ToString());
    }

    [Test]
    public async Task Update_Valid_ReplacesSettingsAndClearsDefaultsLeftOut()
    {
        var id = await Create("workspaces", EnvironmentBodies.Workspace());
        var before = (await Api.Get($"workspaces/{id}")).Json;
        var reply = await Api.Post($"workspaces/{id}", new JObject { ["name"] = "renamed", ["description"] = "", ["cicdEnforcedDefault"] = false });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var ws = (await Api.Get($"workspaces/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)ws["name"], Is.EqualTo("renamed"));
            Assert.That((string?)ws["description"], Is.Empty);
            Assert.That((bool?)ws["cicdEnforcedDefault"], Is.False);
            Assert.That(ws["defaultCloudProvider"], Is.Null, "an update replaces the settings");
            Assert.That(ws["defaultRegion"], Is.Null);
            Assert.That((string?)ws["createdAt"], Is.EqualTo((string?)before["createdAt"]));
            Assert.That(reply.Json, Is.EqualTo(ws));
        });
    }

    [TestCase("-name", "name", "required")]
    [TestCase("-description", "description", "required")]
    [TestCase("-cicdEnforcedDefault", "cicdEnforcedDefault", "required")]
    [TestCase("defaultCloudProvider=GCP", "defaultRegion", "oneof")]
    public async Task Update_RuleBroken_Returns400AndChangesNothing(string change, string field, string code)
    {
        var id = await Create("workspaces", EnvironmentBodies.Workspace());
        var before = (await Api.Get($"workspaces/{id}")).Json;
        var reply = await Api.Post($"workspaces/{id}", Bodies.Change(EnvironmentBodies.Workspace("changed"), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((await Api.Get($"workspaces/{id}")).Json, Is.EqualTo(before));
    }

    [TestCase("GET", null)]
    [TestCase("POST", "{\"name\":\"x\",\"description\":\"\",\"cicdEnforcedDefault\":false}")]
    [TestCase("DELETE", null)]
    public async Task AnyMethod_UnknownWorkspace_Returns404WithErrorBody(string method, string? body)
    {
        var reply = await Api.Send(new HttpMethod(method), "workspaces/cnosuchworkspace000000000", body);
        Assert.That(reply.Status, Is.EqualTo(404), reply.ToString());
        Assert.That(reply.Message, Does.Contain("cnosuchworkspace000000000"));
    }

    [Test]
    public async Task Delete_WorkspaceWithDeployments_Returns400NamingThemUntilTheyAreGone()
    {
        var ws = await Create("workspaces", EnvironmentBodies.Workspace());
        var first = await Deployment(ws, "first");
        var second = await Deployment(ws, "second");

        var refused = await Api.Delete($"workspaces/{ws}");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(400), refused.ToString());
            Assert.That(refused.Message, Does.Contain("still has 2 Deployments").And.Contain(first).And.Contain(second));
            Assert.That(refused.Body?["fieldErrors"], Is.Null, "not a field error: the workspace is in use");
        });
        Assert.That((await Api.Get($"workspaces/{ws}")).Status, Is.EqualTo(200), "a refused delete deletes nothing");

        await Api.Delete($"deployments/{first}");
        Assert.That((await Api.Delete($"workspaces/{ws}")).Message, Does.Contain("still has 1 Deployment ").And.Contain(second));
        await Api.Delete($"deployments/{second}");
        Assert.That((await Api.Delete($"workspaces/{ws}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"workspaces/{ws}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Delete_Workspace_RemovesItsObjectsTokensRolesAndClusterMappings()
    {
        var ws = await Create("workspaces", EnvironmentBodies.Workspace());
        var other = await Create("workspaces", EnvironmentBodies.Workspace("other"));
        var cluster = await Create("clusters", Bodies.Change(Bodies.AwsCluster(), $"workspaceIds=[\"{ws}\",\"{other}\"]"));
        var obj = await Create("environment-objects", EnvironmentBodies.Connection(ws));
        var kept = await Create("environment-objects", EnvironmentBodies.Connection(other));
        var wsToken = await Create("tokens", EnvironmentBodies.ApiToken("WORKSPACE", ws, "WORKSPACE_AUTHOR"));
        var orgToken = await Create("tokens", EnvironmentBodies.ApiToken("ORGANIZATION", null, "ORGANIZATION_MEMBER"));
        var roles = await Api.Post($"tokens/{orgToken}/roles", new JObject
        {
            ["roles"] = new JArray(
                new JObject { ["entityType"] = "ORGANIZATION", ["entityId"] = Sim.OrganizationId, ["role"] = "ORGANIZATION_MEMBER" },
                new JObject { ["entityType"] = "WORKSPACE", ["entityId"] = ws, ["role"] = "WORKSPACE_OWNER" },
                new JObject { ["entityType"] = "WORKSPACE", ["entityId"] = other, ["role"] = "WORKSPACE_MEMBER" }),
        });
        Assert.That(roles.Status, Is.EqualTo(200), roles.ToString());

        Assert.That((await Api.Delete($"workspaces/{ws}")).Status, Is.EqualTo(204));

        Assert.That((await Api.Get($"environment-objects/{obj}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Get($"environment-objects/{kept}")).Status, Is.EqualTo(200));
        Assert.That((await Api.Get($"tokens/{wsToken}")).Status, Is.EqualTo(404));
        var remaining = (await Api.Get($"tokens/{orgToken}")).Json["roles"]!.Select(r => (string?)r["entityId"]);
        Assert.That(remaining, Is.EquivalentTo(new[] { Sim.OrganizationId, other }));
        Assert.That((await Api.Get($"clusters/{cluster}")).Json["workspaceIds"]!.Values<string>(), Is.EqualTo(new[] { other }));
    }

    [Test]
    public async Task Delete_SeededWorkspaceAfterReset_ComesBack()
    {
        Assert.That((await Api.Delete($"workspaces/{Sim.WorkspaceId}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId))).Code("workspaceId"), Is.EqualTo("invalid"),
            "no Deployment goes into a deleted workspace");
        await Sim.Control.ResetAsync();
        Assert.That((await Api.Get($"workspaces/{Sim.WorkspaceId}")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task List_PagedAndSorted_ReturnsTheAskedSlice()
    {
        foreach (var name in new[] { "b", "c", "a" }) await Create("workspaces", new JObject { ["name"] = name });
        var page = (await Api.Get("workspaces?limit=2&offset=1&sorts=name:desc")).Json;
        Assert.Multiple(() =>
        {
            // Names sort by ordinal: c, b, a, then "Default Workspace" (upper case sorts first ascending).
            Assert.That(page["workspaces"]!.Select(w => (string?)w["name"]), Is.EqualTo(new[] { "b", "a" }));
            Assert.That((int)page["totalCount"]!, Is.EqualTo(4));
            Assert.That((int)page["limit"]!, Is.EqualTo(2));
            Assert.That((int)page["offset"]!, Is.EqualTo(1));
        });
        Assert.That((await Api.Get("workspaces?sorts=objectKey:asc")).Code("sorts"), Is.EqualTo("oneof"));
        Assert.That((await Api.Get("workspaces?names=a&names=c")).Json["workspaces"]!.Count(), Is.EqualTo(2));
    }
}
