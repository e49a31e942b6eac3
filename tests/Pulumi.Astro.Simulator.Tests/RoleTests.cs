using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class RoleTests : SimFixture
{
    [Test]
    public async Task CreateCustomRole_Valid_ReturnsRoleWithPermissionsAndGetReadsIt()
    {
        var body = AccessBodies.CustomRole();
        body["restrictedWorkspaceIds"] = new JArray(Sim.WorkspaceId);
        var reply = await Api.Post("roles", body);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var id = (string)reply.Json["id"]!;
        var read = (await Api.Get($"roles/{id}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)read["name"], Is.EqualTo("deployment-viewer"));
            Assert.That((string?)read["scopeType"], Is.EqualTo("DEPLOYMENT"));
            Assert.That(read["permissions"]!.Values<string>(), Is.EqualTo(new[] { "deployment.get", "deployment.airflow.connection.get" }));
            Assert.That(read["restrictedWorkspaceIds"]!.Values<string>(), Is.EqualTo(new[] { Sim.WorkspaceId }));
            Assert.That((string?)read["createdBy"]!["subjectType"], Is.EqualTo("SERVICEKEY"));
            Assert.That(read.ToString(), Is.EqualTo(reply.Json.ToString()));
        });
    }

    [Test]
    public async Task CreateCustomRole_NoRestriction_AnswersEmptyWorkspaceList()
    {
        var reply = await Api.Post("roles", AccessBodies.CustomRole("dag-reader", "DAG"));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That(reply.Json["restrictedWorkspaceIds"], Is.Empty);
        Assert.That((string?)reply.Json["scopeType"], Is.EqualTo("DAG"));
    }

    [TestCase("-name", "name", "required")]
    [TestCase("name=", "name", "required")]
    [TestCase("-permissions", "permissions", "required")]
    [TestCase("permissions=[]", "permissions", "count")]
    [TestCase("permissions=[\"dag.airflow.dag.get\"]", "permissions[0]", "oneof")]
    [TestCase("permissions=[\"deployment.get\",\"deployment.fly\"]", "permissions[1]", "oneof")]
    [TestCase("permissions=[\"deployment.get\",\"deployment.get\"]", "permissions[1]", "unique")]
    [TestCase("permissions=[\"organization.get\"]", "permissions[0]", "oneof")]
    [TestCase("-scopeType", "scopeType", "required")]
    [TestCase("scopeType=WORKSPACE", "scopeType", "oneof")]
    [TestCase("scopeType=ORGANIZATION", "scopeType", "oneof")]
    [TestCase("scopeType=DAG", "permissions[0]", "oneof")]
    [TestCase("restrictedWorkspaceIds=[\"cnosuchworkspace000000000\"]", "restrictedWorkspaceIds[0]", "invalid")]
    [TestCase("restrictedWorkspaceIds=[\"clsimwks00000000000000001\",\"clsimwks00000000000000001\"]", "restrictedWorkspaceIds[1]", "unique")]
    [TestCase("description=7", "description", "invalid_type")]
    [TestCase("bogus=1", "bogus", "unknown_field")]
    public async Task CreateCustomRole_RuleBroken_Returns400NamingFieldAndCreatesNothing(string change, string field, string code)
    {
        var reply = await Api.Post("roles", Bodies.Change(AccessBodies.CustomRole(), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int)(await Api.Get("roles")).Json["totalCount"]!, Is.Zero);
    }

    [TestCase("deployment-viewer")]
    [TestCase("Deployment-Viewer")]
    [TestCase("DEPLOYMENT_ADMIN")]
    [TestCase("workspace_owner")]
    public async Task CreateCustomRole_NameTaken_Returns409(string name)
    {
        await Created(Api.Post("roles", AccessBodies.CustomRole()));
        var reply = await Api.Post("roles", AccessBodies.CustomRole(name));
        Assert.That(reply.Status, Is.EqualTo(409), reply.ToString());
        Assert.That((int)(await Api.Get("roles")).Json["totalCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task UpdateCustomRole_NewNameAndPermissions_ReplacesThemAndRenamesAssignments()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var id = await Created(Api.Post("roles", AccessBodies.CustomRole("viewer")));
        var team = await Created(Api.Post("teams", AccessBodies.Team()));
        await Ok(Api.Post($"teams/{team}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["deploymentRoles"] = new JArray(new JObject { ["deploymentId"] = dep, ["role"] = "viewer" }),
        }));

        var updated = await Api.Post($"roles/{id}", new JObject { ["name"] = "auditor", ["permissions"] = new JArray("deployment.airflow.auditLog.get") });
        Assert.That(updated.Status, Is.EqualTo(200), updated.ToString());
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(updated.Json["permissions"]!.Values<string>(), Is.EqualTo(new[] { "deployment.airflow.auditLog.get" }));
            Assert.That((string?)updated.Json["description"], Is.EqualTo("reads the Deployment"), "an absent description is kept");
            Assert.That((string?)updated.Json["scopeType"], Is.EqualTo("DEPLOYMENT"));
            Assert.That((string?)(await Api.Get($"teams/{team}")).Json["deploymentRoles"]![0]!["role"], Is.EqualTo("auditor"));
        });
    }

    [Test]
    public async Task UpdateCustomRole_RestrictedWorkspaces_AbsentKeepsEmptyClears()
    {
        var body = AccessBodies.CustomRole();
        body["restrictedWorkspaceIds"] = new JArray(Sim.WorkspaceId);
        var id = await Created(Api.Post("roles", body));
        var kept = (await Ok(Api.Post($"roles/{id}", new JObject { ["name"] = "deployment-viewer", ["permissions"] = new JArray("deployment.get") }))).Json;
        Assert.That(kept["restrictedWorkspaceIds"]!.Values<string>(), Is.EqualTo(new[] { Sim.WorkspaceId }));
        var cleared = (await Ok(Api.Post($"roles/{id}", new JObject
        {
            ["name"] = "deployment-viewer", ["permissions"] = new JArray("deployment.get"), ["restrictedWorkspaceIds"] = new JArray(),
        }))).Json;
        Assert.That(cleared["restrictedWorkspaceIds"], Is.Empty);
    }

    [TestCase("-name", "name", "required")]
    [TestCase("-permissions", "permissions", "required")]
    [TestCase("permissions=[\"dag.airflow.dag.get\"]", "permissions[0]", "oneof")]
    [TestCase("scopeType=DAG", "scopeType", "unknown_field")]
    public async Task UpdateCustomRole_RuleBroken_Returns400AndKeepsTheRole(string change, string field, string code)
    {
        var id = await Created(Api.Post("roles", AccessBodies.CustomRole()));
        var reply = await Api.Post($"roles/{id}", Bodies.Change(new JObject { ["name"] = "renamed", ["permissions"] = new JArray("deployment.get") }, change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((string?)(await Api.Get($"roles/{id}")).Json["name"], Is.EqualTo("deployment-viewer"));
    }

    [Test]
    public async Task UpdateCustomRole_NameOfAnotherRole_Returns409()
    {
        await Created(Api.Post("roles", AccessBodies.CustomRole("one")));
        var two = await Created(Api.Post("roles", AccessBodies.CustomRole("two")));
        Assert.That((await Api.Post($"roles/{two}", new JObject { ["name"] = "one", ["permissions"] = new JArray("deployment.get") })).Status, Is.EqualTo(409));
    }

    [Test]
    public async Task DeleteCustomRole_Assigned_Returns409UntilUnassigned()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var id = await Created(Api.Post("roles", AccessBodies.CustomRole("dag-reader", "DAG")));
        var roles = new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["dagRoles"] = new JArray(new JObject { ["deploymentId"] = dep, ["dagTag"] = "finance", ["role"] = "dag-reader" }),
        };
        await Ok(Api.Post($"users/{SeededUsers.MemberId}/roles", roles));
        var refused = await Api.Delete($"roles/{id}");
        Assert.That(refused.Status, Is.EqualTo(409), refused.ToString());
        Assert.That(refused.Message, Does.Contain("assigned to 1"));

        roles["dagRoles"] = new JArray();
        await Ok(Api.Post($"users/{SeededUsers.MemberId}/roles", roles));
        Assert.That((await Api.Delete($"roles/{id}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"roles/{id}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"roles/{id}")).Status, Is.EqualTo(404));
    }

    [TestCase("cnosuchrole00000000000000")]
    [TestCase("DEPLOYMENT_ADMIN")]
    public async Task CustomRole_UnknownId_Returns404(string id)
    {
        Assert.That((await Api.Get($"roles/{id}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Post($"roles/{id}", new JObject { ["name"] = "x", ["permissions"] = new JArray("deployment.get") })).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"roles/{id}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task RestrictedCustomRole_DeploymentOutsideItsWorkspaces_Returns400()
    {
        var body = AccessBodies.CustomRole();
        body["restrictedWorkspaceIds"] = new JArray(Sim.WorkspaceId);
        await Created(Api.Post("roles", body));
        var inside = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, "inside")));
        var outside = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId, "outside")));
        // Astro moves nothing between workspaces through the API; the control API stands in for a Deployment elsewhere.
        await Sim.Control.PatchAsync("deployment", outside, "workspaceId", "cotherworkspace0000000000");

        JObject Roles(string dep) => new()
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["deploymentRoles"] = new JArray(new JObject { ["deploymentId"] = dep, ["role"] = "deployment-viewer" }),
        };
        Assert.That((await Api.Post($"users/{SeededUsers.MemberId}/roles", Roles(inside))).Status, Is.EqualTo(200));
        var refused = await Api.Post($"users/{SeededUsers.MemberId}/roles", Roles(outside));
        Assert.That(refused.Status, Is.EqualTo(400), refused.ToString());
        Assert.That(refused.Code("deploymentRoles[0].role"), Is.EqualTo("invalid"));
        Assert.That(refused.Message, Does.Contain("restricted"));
    }

    [Test]
    public async Task ListRoles_DefaultRolesOnlyWhenAskedAndFilteredByScope()
    {
        await Created(Api.Post("roles", AccessBodies.CustomRole("dep-b")));
        await Created(Api.Post("roles", AccessBodies.CustomRole("dag-a", "DAG")));
        await Created(Api.Post("roles", AccessBodies.CustomRole("dep-c")));

        var plain = (await Api.Get("roles")).Json;
        Assert.That(plain["defaultRoles"], Is.Null);
        Assert.That((int)plain["totalCount"]!, Is.EqualTo(3));
        Assert.That(plain["roles"]![0]!["permissions"], Is.Null, "a listed Role has no permissions; GetCustomRole has them");

        var all = (await Api.Get("roles?includeDefaultRoles=true")).Json;
        var builtIn = all["defaultRoles"]!.Select(r => (string)r["name"]!).ToList();
        Assert.That(builtIn, Is.SupersetOf(new[] { "ORGANIZATION_OWNER", "WORKSPACE_OWNER", "WORKSPACE_ACCESSOR", "DEPLOYMENT_ADMIN", "DAG_VIEWER", "DAG_AUTHOR" }));

        var deployment = (await Api.Get("roles?includeDefaultRoles=true&scopeTypes=DEPLOYMENT&sorts=name:desc")).Json;
        Assert.Multiple(() =>
        {
            Assert.That(deployment["roles"]!.Select(r => (string)r["name"]!), Is.EqualTo(new[] { "dep-c", "dep-b" }));
            Assert.That(deployment["defaultRoles"]!.Select(r => (string)r["name"]!), Is.EqualTo(new[] { "DEPLOYMENT_ADMIN" }));
        });
        var page = (await Api.Get("roles?limit=1&offset=1&sorts=name:asc")).Json;
        Assert.That(page["roles"]!.Select(r => (string)r["name"]!), Is.EqualTo(new[] { "dep-b" }));
        Assert.That((int)page["totalCount"]!, Is.EqualTo(3));
    }

    [TestCase("roles?includeDefaultRoles=yes", "includeDefaultRoles", "invalid_type")]
    [TestCase("roles?scopeTypes=SYSTEM", "scopeTypes", "oneof")]
    [TestCase("roles?sorts=permissions:asc", "sorts", "oneof")]
    [TestCase("roles?offset=-1", "offset", "range")]
    [TestCase("/v1/authorization/permission-groups?scopeType=TEAM", "scopeType", "oneof")]
    public async Task ListQuery_BadParameter_Returns400(string path, string field, string code)
    {
        var reply = await Api.Get(path);
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code));
    }

    [TestCase(null, new[] { "DAG", "DEPLOYMENT" })]
    [TestCase("DEPLOYMENT", new[] { "DEPLOYMENT" })]
    [TestCase("DAG", new[] { "DAG" })]
    [TestCase("ORGANIZATION", new string[0])]
    [TestCase("WORKSPACE", new string[0])]
    public async Task PermissionGroups_ByScope_ListThatScopesGroups(string? scope, string[] scopes)
    {
        var reply = await Api.Get("/v1/authorization/permission-groups" + (scope is null ? "" : $"?scopeType={scope}"));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var groups = (JArray)reply.Body!;
        Assert.That(groups.Select(g => (string)g["scope"]!).Distinct(), Is.EquivalentTo(scopes));
        foreach (var g in groups)
            Assert.That(g["permissions"]!.Select(p => (string)p["action"]!), Is.Not.Empty.And.All.StartsWith((string)g["name"]! + "."), (string?)g["name"]);
    }

    [Test]
    public async Task PermissionGroups_EveryListedActionIsAcceptedAndBuiltInDeploymentAdminHasThemAll()
    {
        var groups = (JArray)(await Api.Get("/v1/authorization/permission-groups?scopeType=DEPLOYMENT")).Body!;
        var actions = groups.SelectMany(g => g["permissions"]!).Select(p => (string)p["action"]!).ToList();
        Assert.That(actions, Does.Contain("deployment.get").And.Contain("deployment.airflow.connection.create").And.Unique);
        var body = AccessBodies.CustomRole("everything");
        body["permissions"] = new JArray(actions);
        Assert.That((await Api.Post("roles", body)).Status, Is.EqualTo(200));
        var admin = (await Api.Get("roles?includeDefaultRoles=true&scopeTypes=DEPLOYMENT")).Json["defaultRoles"]![0]!;
        Assert.That(admin["permissions"]!.Values<string>(), Is.EquivalentTo(actions));
    }

    private static async Task<Reply> Ok(Task<Reply> call)
    {
        var reply = await call;
        Assert.That(reply.Status, Is.InRange(200, 299), reply.ToString());
        return reply;
    }

    private static async Task<string> Created(Task<Reply> call) => (string)(await Ok(call)).Json["id"]!;
}
