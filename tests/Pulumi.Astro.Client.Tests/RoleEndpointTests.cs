using System.Net;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Roles, custom roles and permission groups against astro-sim.</summary>
public sealed class RoleEndpointTests : SimTestBase
{
    [Test]
    public async Task ListPermissionGroups_ByScope_SendsTheScopeAndReadsTypedGroups()
    {
        var client = NewClient();

        var dag = await client.ListPermissionGroupsAsync(RoleScopeType.Dag, Ct);
        var all = await client.ListPermissionGroupsAsync(null, Ct);

        Assert.That(dag, Is.Not.Empty);
        Assert.That(dag.Select(g => g.Scope), Is.All.EqualTo(RoleScopeType.Dag));
        Assert.That(dag.SelectMany(g => g.Permissions).Select(p => p.Action), Does.Contain("dag.airflow.dag.get"));
        Assert.That(dag.SelectMany(g => g.Permissions).Select(p => p.Description), Has.None.Empty);
        Assert.That(all.Select(g => g.Scope).Distinct(), Is.EquivalentTo(new[] { RoleScopeType.Dag, RoleScopeType.Deployment }));
        var sent = await RequestsAsync("GET", "/authorization/permission-groups", atLeast: 2);
        Assert.That(sent.Select(r => r.Query), Is.EqualTo(new[] { "?scopeType=DAG", "" }));
    }

    [Test]
    public async Task CustomRole_CreateGetUpdateDelete_RoundTripsTyped()
    {
        var client = NewClient();
        var groups = await client.ListPermissionGroupsAsync(RoleScopeType.Deployment, Ct);
        var permissions = groups.First(g => g.Name == "deployment.airflow.connection").Permissions.Select(p => p.Action).ToList();

        var created = await client.CreateCustomRoleAsync(new CreateCustomRoleRequest
        {
            Name = "connections", ScopeType = RoleScopeType.Deployment, Permissions = permissions, Description = "manages connections",
            RestrictedWorkspaceIds = [Sim.WorkspaceId],
        }, Ct);
        var read = await client.GetCustomRoleAsync(created.Id, Ct);
        var updated = await client.UpdateCustomRoleAsync(created.Id, new UpdateCustomRoleRequest
        {
            Name = "connection-readers", Permissions = ["deployment.airflow.connection.get"], RestrictedWorkspaceIds = [],
        }, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(read.Name, Is.EqualTo("connections"));
            Assert.That(read.ScopeType, Is.EqualTo(RoleScopeType.Deployment));
            Assert.That(read.Permissions, Is.EqualTo(permissions));
            Assert.That(read.RestrictedWorkspaceIds, Is.EqualTo(new[] { Sim.WorkspaceId }));
            Assert.That(read.Description, Is.EqualTo("manages connections"));
            Assert.That(read.CreatedBy.Id, Is.Not.Empty);
            Assert.That(updated.Name, Is.EqualTo("connection-readers"));
            Assert.That(updated.Permissions, Is.EqualTo(new[] { "deployment.airflow.connection.get" }));
            Assert.That(updated.RestrictedWorkspaceIds, Is.Empty);
            Assert.That(updated.Description, Is.EqualTo("manages connections"), "a null description is not sent, so it stays");
        });

        await client.DeleteCustomRoleAsync(created.Id, Ct);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.GetCustomRoleAsync(created.Id, Ct))!.IsNotFound, Is.True);
    }

    [Test]
    public async Task CreateCustomRole_DagScope_AnswersDagScopeType()
    {
        var role = await NewClient().CreateCustomRoleAsync(new CreateCustomRoleRequest
        {
            Name = "dag-reader", ScopeType = RoleScopeType.Dag, Permissions = ["dag.airflow.dag.get"],
        }, Ct);

        Assert.That(role.ScopeType, Is.EqualTo(RoleScopeType.Dag));
        Assert.That(role.ScopeType.IsKnown, Is.True);
        Assert.That(role.RestrictedWorkspaceIds, Is.Empty);
    }

    [Test]
    public void CreateCustomRole_PermissionOfAnotherScope_ThrowsBadRequestNamingIt()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() => NewClient().CreateCustomRoleAsync(new CreateCustomRoleRequest
        {
            Name = "mixed", ScopeType = RoleScopeType.Deployment, Permissions = ["deployment.get", "dag.airflow.dag.get"],
        }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.FieldErrors.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("permissions[1]", "oneof") }));
    }

    [Test]
    public async Task CreateCustomRole_BuiltInName_ThrowsConflict()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() => NewClient().CreateCustomRoleAsync(new CreateCustomRoleRequest
        {
            Name = "DEPLOYMENT_ADMIN", ScopeType = RoleScopeType.Deployment, Permissions = ["deployment.get"],
        }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await NewClient().ListRolesAsync(null, Ct)).TotalCount, Is.Zero);
    }

    [Test]
    public async Task ListRoles_WithDefaultRolesAndScopes_SendsTheQueryAndReadsBoth()
    {
        var client = NewClient();
        await client.CreateCustomRoleAsync(new CreateCustomRoleRequest { Name = "dep", ScopeType = RoleScopeType.Deployment, Permissions = ["deployment.get"] }, Ct);
        await client.CreateCustomRoleAsync(new CreateCustomRoleRequest { Name = "dag", ScopeType = RoleScopeType.Dag, Permissions = ["dag.airflow.dag.get"] }, Ct);

        var page = await client.ListRolesAsync(new ListRolesQuery
        {
            IncludeDefaultRoles = true, ScopeTypes = [RoleScopeType.Deployment, RoleScopeType.Workspace], Sorts = ["name:asc"],
        }, Ct);
        var plain = await client.ListRolesAsync(null, Ct);

        Assert.That(page.Roles.Select(r => (r.Name, r.ScopeType)), Is.EqualTo(new[] { ("dep", RoleScopeType.Deployment) }));
        Assert.That(page.DefaultRoles!.Select(r => r.Name), Is.SupersetOf(new[] { "DEPLOYMENT_ADMIN", "WORKSPACE_OWNER", "WORKSPACE_ACCESSOR" }));
        Assert.That(page.DefaultRoles!.Select(r => r.ScopeType), Is.All.EqualTo(RoleScopeType.Deployment).Or.EqualTo(RoleScopeType.Workspace));
        Assert.That(page.DefaultRoles!.Single(r => r.Name == "DEPLOYMENT_ADMIN").Permissions, Does.Contain("deployment.get"));
        Assert.That(plain.DefaultRoles, Is.Null);
        Assert.That(plain.TotalCount, Is.EqualTo(2));
        var sent = (await RequestsAsync("GET", "/roles", atLeast: 2))[0];
        Assert.That(sent.Query, Is.EqualTo("?sorts=name%3Aasc&includeDefaultRoles=true&scopeTypes=DEPLOYMENT&scopeTypes=WORKSPACE"));
    }

    [Test]
    public async Task ListAllRoles_MorePagesThanOne_WalksEveryPage()
    {
        var client = NewClient();
        for (var i = 0; i < 5; i++)
            await client.CreateCustomRoleAsync(new CreateCustomRoleRequest { Name = $"role-{i}", ScopeType = RoleScopeType.Deployment, Permissions = ["deployment.get"] }, Ct);

        var all = await client.ListAllRolesAsync(new ListRolesQuery { Limit = 2, Sorts = ["name:asc"] }, Ct);

        Assert.That(all.Select(r => r.Name), Is.EqualTo(new[] { "role-0", "role-1", "role-2", "role-3", "role-4" }));
        Assert.That(await RequestsAsync("GET", "/roles", atLeast: 3), Has.Count.EqualTo(3));
    }
}
