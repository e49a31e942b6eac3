using System.Net;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Teams, their members and their roles against astro-sim.</summary>
public sealed class TeamEndpointTests : SimTestBase
{
    [Test]
    public async Task CreateTeam_WithMembersAndRole_ReadsBackTyped()
    {
        var client = NewClient();

        var created = await client.CreateTeamAsync(new CreateTeamRequest
        {
            Name = "data", Description = "the data team", MemberIds = [SeededUsers.AuthorId], OrganizationRole = OrganizationRole.BillingAdmin,
        }, Ct);
        var read = await client.GetTeamAsync(created.Id, Ct);
        var members = await client.ListAllTeamMembersAsync(created.Id, null, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(read.Name, Is.EqualTo("data"));
            Assert.That(read.Description, Is.EqualTo("the data team"));
            Assert.That(read.OrganizationRole, Is.EqualTo(OrganizationRole.BillingAdmin));
            Assert.That(read.OrganizationId, Is.EqualTo(Sim.OrganizationId));
            Assert.That(read.IsIdpManaged, Is.False);
            Assert.That(read.WorkspaceRoles, Is.Empty);
            Assert.That(read.CreatedBy!.SubjectType, Is.EqualTo(SubjectType.ServiceKey));
            Assert.That(members.Select(m => (m.UserId, m.Username)), Is.EqualTo(new[] { (SeededUsers.AuthorId, "grace@astro-sim.local") }));
            Assert.That(members[0].CreatedAt, Is.Not.Null);
        });
    }

    [Test]
    public async Task CreateTeam_OptionalFieldsUnset_SendsOnlyTheName()
    {
        await Sim.Control.SetLogBodiesAsync(true);

        var team = await NewClient().CreateTeamAsync(new CreateTeamRequest { Name = "bare" }, Ct);

        var sent = (await RequestsAsync("POST", "/teams", atLeast: 1)).Single();
        Assert.That(sent.RequestBody, Is.EqualTo("""{"name":"bare"}"""));
        Assert.That(team.OrganizationRole, Is.EqualTo(OrganizationRole.Member), "Astro's default organization role");
    }

    [Test]
    public async Task CreateTeam_NameTaken_ThrowsConflict()
    {
        var client = NewClient();
        await client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(e.AstroMessage, Does.Contain("already exists"));
    }

    [Test]
    public async Task CreateTeam_UnknownMember_ThrowsBadRequestNamingTheField()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() =>
            NewClient().CreateTeamAsync(new CreateTeamRequest { Name = "data", MemberIds = ["cnosuchuser00000000000000"] }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.FieldErrors.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("memberIds[0]", "invalid") }));
    }

    [Test]
    public async Task UpdateTeam_NameAndDescription_NullDescriptionKeepsIt()
    {
        var client = NewClient();
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data", Description = "first" }, Ct);

        var renamed = await client.UpdateTeamAsync(team.Id, new UpdateTeamRequest { Name = "analytics" }, Ct);
        var cleared = await client.UpdateTeamAsync(team.Id, new UpdateTeamRequest { Name = "analytics", Description = "" }, Ct);

        Assert.That(renamed.Name, Is.EqualTo("analytics"));
        Assert.That(renamed.Description, Is.EqualTo("first"));
        Assert.That(cleared.Description, Is.EqualTo(""));
    }

    [Test]
    public async Task DeleteTeam_ThenGet_ThrowsNotFound()
    {
        var client = NewClient();
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct);

        await client.DeleteTeamAsync(team.Id, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.GetTeamAsync(team.Id, Ct))!;
        Assert.That(e.IsNotFound, Is.True);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.DeleteTeamAsync(team.Id, Ct))!.IsNotFound, Is.True);
    }

    [Test]
    public async Task ListAllTeams_MorePagesThanOne_WalksEveryPage()
    {
        var client = NewClient();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
            await client.CreateTeamAsync(new CreateTeamRequest { Name = name }, Ct);

        var all = await client.ListAllTeamsAsync(new ListTeamsQuery { Limit = 2, Sorts = ["name:desc"] }, Ct);
        var filtered = await client.ListTeamsAsync(new ListTeamsQuery { Names = ["b", "d"] }, Ct);

        Assert.That(all.Select(t => t.Name), Is.EqualTo(new[] { "e", "d", "c", "b", "a" }));
        Assert.That(filtered.Teams.Select(t => t.Name), Is.EquivalentTo(new[] { "b", "d" }));
        var pages = (await RequestsAsync("GET", "/teams", atLeast: 4)).Select(r => r.Query).ToList();
        Assert.That(pages.Take(3), Is.EqualTo(new[]
        {
            "?offset=0&limit=2&sorts=name%3Adesc", "?offset=2&limit=2&sorts=name%3Adesc", "?offset=4&limit=2&sorts=name%3Adesc",
        }));
        Assert.That(pages[3], Is.EqualTo("?names=b&names=d"));
    }

    [Test]
    public async Task Members_AddListAllAndRemove_TrackTheTeam()
    {
        var client = NewClient();
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct);

        await client.AddTeamMembersAsync(team.Id, new AddTeamMembersRequest { MemberIds = [SeededUsers.OwnerId, SeededUsers.AuthorId, SeededUsers.MemberId] }, Ct);
        await client.AddTeamMembersAsync(team.Id, new AddTeamMembersRequest { MemberIds = [SeededUsers.OwnerId] }, Ct);
        await client.RemoveTeamMemberAsync(team.Id, SeededUsers.AuthorId, Ct);
        var all = await client.ListAllTeamMembersAsync(team.Id, new ListTeamMembersQuery { Limit = 1, Sorts = ["username:asc"] }, Ct);
        var page = await client.ListTeamMembersAsync(team.Id, new ListTeamMembersQuery { Limit = 1, Offset = 1 }, Ct);

        Assert.That(all.Select(m => m.Username), Is.EqualTo(new[] { "ada@astro-sim.local", "linus@astro-sim.local" }));
        Assert.That(page.TotalCount, Is.EqualTo(2));
        Assert.That(page.TeamMembers, Has.Count.EqualTo(1));
        var e = Assert.ThrowsAsync<AstroApiException>(() => client.RemoveTeamMemberAsync(team.Id, SeededUsers.AuthorId, Ct))!;
        Assert.That(e.IsNotFound, Is.True, "a user who is not a member");
    }

    [Test]
    public async Task UpdateTeamRoles_EveryScope_AnswersTypedRolesAndTheTeamHasThem()
    {
        var client = NewClient();
        var deployment = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "roles"), Ct);
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct);

        var roles = await client.UpdateTeamRolesAsync(team.Id, new UpdateTeamRolesRequest
        {
            OrganizationRole = OrganizationRole.Member,
            DeploymentRoles = [new DeploymentRole { DeploymentId = deployment.Id, Role = "DEPLOYMENT_ADMIN" }],
            DagRoles = [new DagRole { DeploymentId = deployment.Id, DagTag = "finance", Role = "DAG_AUTHOR" }],
        }, Ct);
        var read = await client.GetTeamAsync(team.Id, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(roles.OrganizationRole, Is.EqualTo(OrganizationRole.Member.Value));
            Assert.That(roles.DeploymentRoles!.Single().Role, Is.EqualTo("DEPLOYMENT_ADMIN"));
            Assert.That(roles.DagRoles!.Single().DagTag, Is.EqualTo("finance"));
            Assert.That(roles.DagRoles!.Single().DagId, Is.Null);
            // A Deployment role without a role in the Deployment's workspace brings WORKSPACE_ACCESSOR there.
            Assert.That(roles.WorkspaceRoles!.Select(r => (r.WorkspaceId, r.Role)), Is.EqualTo(new[] { (Sim.WorkspaceId, WorkspaceRoleName.Accessor) }));
            Assert.That(read.RolesCount, Is.EqualTo(3));
            Assert.That(read.DeploymentRoles!.Single().DeploymentId, Is.EqualTo(deployment.Id));
        });
        var teams = await client.ListAllTeamsAsync(new ListTeamsQuery { DeploymentId = deployment.Id, WorkspaceId = Sim.WorkspaceId }, Ct);
        Assert.That(teams.Select(t => t.Id), Is.EqualTo(new[] { team.Id }));
    }

    [Test]
    public async Task UpdateTeamRoles_SentAsTheModelHasIt_NullListsLeftOut()
    {
        await Sim.Control.SetLogBodiesAsync(true);
        var client = NewClient();
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct);

        await client.UpdateTeamRolesAsync(team.Id, new UpdateTeamRolesRequest
        {
            OrganizationRole = OrganizationRole.Owner,
            WorkspaceRoles = [new WorkspaceRole { WorkspaceId = Sim.WorkspaceId, Role = WorkspaceRoleName.Operator }],
        }, Ct);

        var sent = (await RequestsAsync("POST", "/roles", atLeast: 1)).Single();
        Assert.That(JToken.Parse(sent.RequestBody!).ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            $$"""{"organizationRole":"ORGANIZATION_OWNER","workspaceRoles":[{"workspaceId":"{{Sim.WorkspaceId}}","role":"WORKSPACE_OPERATOR"}]}"""));
    }

    [Test]
    public async Task UpdateTeamRoles_WorkspaceRoleForUnknownWorkspace_ThrowsBadRequestNamingTheField()
    {
        var client = NewClient();
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data" }, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.UpdateTeamRolesAsync(team.Id, new UpdateTeamRolesRequest
        {
            OrganizationRole = OrganizationRole.Member,
            WorkspaceRoles = [new WorkspaceRole { WorkspaceId = "cnosuchworkspace000000000", Role = WorkspaceRoleName.Member }],
        }, Ct))!;

        Assert.That(e.FieldErrors.Single().Field, Is.EqualTo("workspaceRoles[0].workspaceId"));
    }
}
