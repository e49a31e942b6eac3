using System.Net;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Client.Tests.EnvironmentTestData;

namespace Pulumi.Astro.Client.Tests;

/// <summary>API token and agent token endpoints against astro-sim: values only from create and rotate, roles, lists.</summary>
public sealed class ApiTokenEndpointTests : SimTestBase
{
    [Test]
    public async Task CreateApiToken_Workspace_ValueOnlyInTheAnswerAndItAuthenticates()
    {
        var client = NewClient();

        var created = await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId), Ct);
        var read = await client.GetApiTokenAsync(created.Id, Ct);
        var asToken = NewClient(token: created.Token);

        Assert.That(created.Token, Is.Not.Null.And.Not.Empty);
        Assert.That(created.Scope, Is.EqualTo(ApiTokenScope.Workspace));
        Assert.That(created.Kind, Is.EqualTo(ApiTokenKind.Standard));
        Assert.That(created.Roles!.Single().EntityType, Is.EqualTo(ApiTokenRoleEntityType.Workspace));
        Assert.That(created.ShortToken, Is.EqualTo(created.Token![^7..]));
        Assert.That(read.Token, Is.Null);
        Assert.That(read.StartAt, Is.Not.EqualTo(default(DateTimeOffset)));
        Assert.That(read.EndAt, Is.Null);
        Assert.That((await asToken.GetWorkspaceAsync(Sim.WorkspaceId, Ct)).Id, Is.EqualTo(Sim.WorkspaceId));
    }

    [Test]
    public async Task RotateApiToken_NewValueAndTheOldOneIsRefused()
    {
        var client = NewClient();
        var created = await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId), Ct);

        var rotated = await client.RotateApiTokenAsync(created.Id, Ct);

        Assert.That(rotated.Token, Is.Not.Null.And.Not.EqualTo(created.Token));
        Assert.That(rotated.LastRotatedAt, Is.Not.Null);
        var old = Assert.ThrowsAsync<AstroApiException>(() => NewClient(token: created.Token).GetWorkspaceAsync(Sim.WorkspaceId, Ct))!;
        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(old.ToString(), Does.Not.Contain(created.Token!), "the client never shows its token");
        Assert.That((await NewClient(token: rotated.Token).GetWorkspaceAsync(Sim.WorkspaceId, Ct)).Id, Is.EqualTo(Sim.WorkspaceId));
        var sent = (await RequestsAsync("POST", "/rotate", atLeast: 1)).Single();
        Assert.That(sent.RequestBody, Is.Null, "rotate takes no body");
    }

    [Test]
    public async Task RotateApiToken_AnswerLost_OutcomeUnknownAndNotRetried()
    {
        var client = NewClient();
        var created = await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId), Ct);
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/rotate$", Drop = true, AfterHandling = true });

        Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => client.RotateApiTokenAsync(created.Id, Ct));

        Assert.That(await RequestsAsync("POST", "/rotate", atLeast: 1), Has.Count.EqualTo(1), "another rotation would issue another value");
        Assert.That((await client.GetApiTokenAsync(created.Id, Ct)).LastRotatedAt, Is.Not.Null, "the lost rotation happened");
    }

    [Test]
    public async Task UpdateApiTokenAndRoles_ChangeNameAndRolesAnsweringSubjectRoles()
    {
        var client = NewClient();
        var dep = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "d"), Ct);
        var created = await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId), Ct);

        var renamed = await client.UpdateApiTokenAsync(created.Id, new UpdateApiTokenRequest { Name = "renamed", Description = "changed" }, Ct);
        var roles = await client.UpdateApiTokenRolesAsync(created.Id, new UpdateApiTokenRolesRequest
        {
            Roles =
            [
                new ApiTokenRole { EntityType = ApiTokenRoleEntityType.Workspace, EntityId = Sim.WorkspaceId, Role = "WORKSPACE_OWNER" },
                new ApiTokenRole { EntityType = ApiTokenRoleEntityType.Deployment, EntityId = dep.Id, Role = "DEPLOYMENT_ADMIN" },
                new ApiTokenRole { EntityType = ApiTokenRoleEntityType.DagTag, EntityId = "finance", Role = "DAG_VIEWER", DeploymentId = dep.Id },
            ],
        }, Ct);

        Assert.That(renamed.Name, Is.EqualTo("renamed"));
        Assert.That(renamed.Description, Is.EqualTo("changed"));
        Assert.That(roles.WorkspaceRoles!.Single().Role, Is.EqualTo(WorkspaceRoleName.Owner));
        Assert.That(roles.DeploymentRoles!.Single().DeploymentId, Is.EqualTo(dep.Id));
        Assert.That(roles.DagRoles!.Single().DagTag, Is.EqualTo("finance"));
        Assert.That(roles.OrganizationRole, Is.Null);
        Assert.That((await client.GetApiTokenAsync(created.Id, Ct)).Roles!.Select(r => r.EntityType),
            Is.EqualTo(new[] { ApiTokenRoleEntityType.Workspace, ApiTokenRoleEntityType.Deployment, ApiTokenRoleEntityType.DagTag }));
    }

    [Test]
    public void UpdateApiTokenRoles_WithoutItsOwnRole_ThrowsNamingTheRule()
    {
        var client = NewClient();
        var e = Assert.ThrowsAsync<AstroApiException>(async () =>
        {
            var created = await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId), Ct);
            await client.UpdateApiTokenRolesAsync(created.Id, new UpdateApiTokenRolesRequest { Roles = [] }, Ct);
        })!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.FieldErrors.Single().Field, Is.EqualTo("roles"));
    }

    [Test]
    public async Task ListAllApiTokens_FiltersAndSmallPages_WalksEveryPage()
    {
        var client = NewClient();
        foreach (var name in new[] { "b", "a", "c" }) await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId, name), Ct);
        await client.CreateApiTokenAsync(new CreateApiTokenRequest { Name = "org", Scope = ApiTokenScope.Organization, Role = "ORGANIZATION_MEMBER", Kind = ApiTokenKind.DirectAccess }, Ct);

        var workspaceTokens = await client.ListAllApiTokensAsync(new ListApiTokensQuery { Limit = 2, WorkspaceId = Sim.WorkspaceId, Sorts = ["name:asc"] }, Ct);
        var organizationOnly = await client.ListApiTokensAsync(new ListApiTokensQuery { IncludeOnlyOrganizationTokens = true, Kind = ApiTokenKind.DirectAccess }, Ct);

        Assert.That(workspaceTokens.Select(t => t.Name), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(workspaceTokens.Select(t => t.Token), Is.All.Null);
        Assert.That(organizationOnly.Tokens.Select(t => t.Name), Is.EqualTo(new[] { "org" }));
        var sent = await RequestsAsync("GET", "/tokens", atLeast: 3);
        Assert.That(sent[2].Query, Does.Contain("includeOnlyOrganizationTokens=true").And.Contain("kind=DIRECT_ACCESS"));
    }

    [Test]
    public async Task DeleteApiToken_ThenGet_IsNotFoundAndTheValueIsRefused()
    {
        var client = NewClient();
        var created = await client.CreateApiTokenAsync(WorkspaceToken(Sim.WorkspaceId), Ct);

        await client.DeleteApiTokenAsync(created.Id, Ct);

        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.GetApiTokenAsync(created.Id, Ct))!.IsNotFound, Is.True);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => NewClient(token: created.Token).GetWorkspaceAsync(Sim.WorkspaceId, Ct))!.StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AgentTokens_RemoteExecutionDeployment_CreateReadListDelete()
    {
        var client = NewClient();
        var cluster = await client.CreateClusterAsync(TestData.AwsCluster("agents"), Ct);
        var dep = await client.CreateDeploymentAsync(RemoteExecutionDeployment(Sim.WorkspaceId, cluster.Id), Ct);

        var created = await client.CreateAgentTokenAsync(dep.Id, new CreateAgentTokenRequest { Name = "agent", TokenExpiryPeriodInDays = 30 }, Ct);
        await client.CreateAgentTokenAsync(dep.Id, new CreateAgentTokenRequest { Name = "second", Description = "another" }, Ct);
        var read = await client.GetAgentTokenAsync(dep.Id, created.Id, Ct);
        var all = await client.ListAllAgentTokensAsync(dep.Id, new ListAgentTokensQuery { Limit = 1, Sorts = ["name:desc"] }, Ct);
        await client.DeleteAgentTokenAsync(dep.Id, created.Id, Ct);

        Assert.That(created.Token, Is.Not.Null.And.Not.Empty);
        Assert.That(created.ExpiryPeriodInDays, Is.EqualTo(30));
        Assert.That(created.EndAt, Is.EqualTo(created.StartAt.AddDays(30)));
        Assert.That(read.Token, Is.Null);
        Assert.That(all.Select(t => t.Name), Is.EqualTo(new[] { "second", "agent" }));
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.GetAgentTokenAsync(dep.Id, created.Id, Ct))!.IsNotFound, Is.True);
        Assert.That((await client.ListAgentTokensAsync(dep.Id, null, Ct)).TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task CreateAgentToken_DeploymentWithoutRemoteExecution_Throws400()
    {
        var client = NewClient();
        var dep = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "plain"), Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.CreateAgentTokenAsync(dep.Id, new CreateAgentTokenRequest { Name = "agent" }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.AstroMessage, Does.Contain("remote execution"));
    }
}
