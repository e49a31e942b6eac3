using System.Net;
using Pulumi.Astro.Simulator;

namespace Pulumi.Astro.Client.Tests;

/// <summary>Users, their roles and teams, and invites against astro-sim (which seeds <see cref="SeededUsers"/>).</summary>
public sealed class UserEndpointTests : SimTestBase
{
    [Test]
    public async Task ListAllUsers_Seeded_ReadsTypedUsersAcrossPages()
    {
        var users = await NewClient().ListAllUsersAsync(new ListUsersQuery { Limit = 2, Sorts = ["username:asc"] }, Ct);

        Assert.That(users.Select(u => u.Username), Is.EqualTo(new[]
        {
            "ada@astro-sim.local", "barbara@astro-sim.local", "grace@astro-sim.local", "ken@astro-sim.local", "linus@astro-sim.local",
        }));
        var ada = users[0];
        Assert.Multiple(() =>
        {
            Assert.That(ada.Id, Is.EqualTo(SeededUsers.OwnerId));
            Assert.That(ada.FullName, Is.EqualTo("Ada Lovelace"));
            Assert.That(ada.Status, Is.EqualTo(UserStatus.Active));
            Assert.That(ada.OrganizationRole, Is.EqualTo(OrganizationRole.Owner));
            Assert.That(ada.WorkspaceRoles!.Select(r => (r.WorkspaceId, r.Role)), Is.EqualTo(new[] { (Sim.WorkspaceId, WorkspaceRoleName.Owner) }));
            Assert.That(users.Single(u => u.Id == SeededUsers.InactiveId).Status, Is.EqualTo(UserStatus.Inactive));
        });
        Assert.That(await RequestsAsync("GET", "/users", atLeast: 3), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task ListUsers_Filters_SentAsTheModelNamesThem()
    {
        var page = await NewClient().ListUsersAsync(new ListUsersQuery
        {
            WorkspaceId = Sim.WorkspaceId, DeploymentId = "cdep", DagId = "etl", DagTags = ["a", "b"], Limit = 5, Offset = 0,
        }, Ct);

        Assert.That(page.Users, Is.Empty);
        var sent = (await RequestsAsync("GET", "/users", atLeast: 1)).Single();
        Assert.That(sent.Query, Is.EqualTo($"?offset=0&limit=5&workspaceId={Sim.WorkspaceId}&deploymentId=cdep&dagId=etl&dagTags=a&dagTags=b"));
    }

    [Test]
    public void GetUser_Unknown_ThrowsNotFound() =>
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => NewClient().GetUserAsync("cnosuchuser00000000000000", Ct))!.IsNotFound, Is.True);

    [Test]
    public async Task UpdateUserRoles_EveryScope_AnswersTypedRolesAndGetUserShowsThem()
    {
        var client = NewClient();
        var deployment = await client.CreateDeploymentAsync(TestData.StandardDeployment(Sim.WorkspaceId, "user-roles"), Ct);

        var roles = await client.UpdateUserRolesAsync(SeededUsers.MemberId, new UpdateUserRolesRequest
        {
            OrganizationRole = OrganizationRole.BillingAdmin,
            WorkspaceRoles = [new WorkspaceRole { WorkspaceId = Sim.WorkspaceId, Role = WorkspaceRoleName.Author }],
            DeploymentRoles = [new DeploymentRole { DeploymentId = deployment.Id, Role = "DEPLOYMENT_ADMIN" }],
            DagRoles = [new DagRole { DeploymentId = deployment.Id, DagId = "etl", Role = "DAG_VIEWER" }],
        }, Ct);
        var user = await client.GetUserAsync(SeededUsers.MemberId, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(roles.OrganizationRole, Is.EqualTo(OrganizationRole.BillingAdmin.Value));
            Assert.That(user.OrganizationRole, Is.EqualTo(OrganizationRole.BillingAdmin));
            Assert.That(user.WorkspaceRoles!.Single().Role, Is.EqualTo(WorkspaceRoleName.Author));
            Assert.That(user.DeploymentRoles!.Single().DeploymentId, Is.EqualTo(deployment.Id));
            Assert.That(user.DagRoles!.Single().DagId, Is.EqualTo("etl"));
        });
        var byDeployment = await client.ListAllUsersAsync(new ListUsersQuery { DeploymentId = deployment.Id }, Ct);
        Assert.That(byDeployment.Select(u => u.Id), Is.EqualTo(new[] { SeededUsers.MemberId }));
    }

    [Test]
    public async Task UpdateUserRoles_OrganizationRoleOnly_KeepsWorkspaceRoles()
    {
        var roles = await NewClient().UpdateUserRolesAsync(SeededUsers.AuthorId, new UpdateUserRolesRequest { OrganizationRole = OrganizationRole.ObserveMember }, Ct);

        Assert.That(roles.OrganizationRole, Is.EqualTo(OrganizationRole.ObserveMember.Value));
        Assert.That(roles.WorkspaceRoles!.Single().Role, Is.EqualTo(WorkspaceRoleName.Author));
    }

    [Test]
    public void UpdateUserRoles_DemotingTheOnlyOwner_ThrowsBadRequest()
    {
        var e = Assert.ThrowsAsync<AstroApiException>(() =>
            NewClient().UpdateUserRolesAsync(SeededUsers.OwnerId, new UpdateUserRolesRequest { OrganizationRole = OrganizationRole.Member }, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(e.FieldErrors.Single().Field, Is.EqualTo("organizationRole"));
    }

    [Test]
    public async Task ListUserTeams_TeamsOfTheUser_ReadAsMemberships()
    {
        var client = NewClient();
        var team = await client.CreateTeamAsync(new CreateTeamRequest { Name = "data", MemberIds = [SeededUsers.AuthorId], OrganizationRole = OrganizationRole.Owner }, Ct);
        await client.CreateTeamAsync(new CreateTeamRequest { Name = "other", MemberIds = [SeededUsers.MemberId] }, Ct);

        var page = await client.ListUserTeamsAsync(SeededUsers.AuthorId, new ListUserTeamsQuery { Sorts = ["name:asc"] }, Ct);
        var all = await client.ListAllUserTeamsAsync(SeededUsers.AuthorId, null, Ct);

        Assert.That(page.Teams.Select(t => (t.Id, t.Name, t.OrganizationRole)), Is.EqualTo(new[] { (team.Id, "data", OrganizationRole.Owner) }));
        Assert.That(all.Select(t => t.Id), Is.EqualTo(new[] { team.Id }));
    }

    [Test]
    public async Task Invite_CreateReadAndDelete_PendingUserComesAndGoes()
    {
        var client = NewClient();

        var invite = await client.CreateUserInviteAsync(new CreateUserInviteRequest { InviteeEmail = "new.person@example.com", Role = OrganizationRole.Member }, Ct);
        var pending = await client.GetUserAsync(invite.Invitee.Id, Ct);
        await client.DeleteUserInviteAsync(invite.InviteId, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(invite.InviteId, Is.Not.Empty);
            Assert.That(invite.UserId, Is.EqualTo(invite.Invitee.Id));
            Assert.That(invite.Invitee.Username, Is.EqualTo("new.person@example.com"));
            Assert.That(invite.Inviter.SubjectType, Is.EqualTo(SubjectType.ServiceKey));
            Assert.That(invite.OrganizationId, Is.EqualTo(Sim.OrganizationId));
            Assert.That(invite.ExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(6)));
            Assert.That(pending.Status, Is.EqualTo(UserStatus.Pending));
            Assert.That(pending.OrganizationRole, Is.EqualTo(OrganizationRole.Member));
        });
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.GetUserAsync(invite.Invitee.Id, Ct))!.IsNotFound, Is.True);
        Assert.That(Assert.ThrowsAsync<AstroApiException>(() => client.DeleteUserInviteAsync(invite.InviteId, Ct))!.IsNotFound, Is.True);
    }

    [Test]
    public async Task Invite_AddressAlreadyInvited_ThrowsConflict()
    {
        var client = NewClient();
        var request = new CreateUserInviteRequest { InviteeEmail = "new.person@example.com", Role = OrganizationRole.Member };
        await client.CreateUserInviteAsync(request, Ct);

        var e = Assert.ThrowsAsync<AstroApiException>(() => client.CreateUserInviteAsync(request, Ct))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(e.AstroMessage, Does.Contain("already pending"));
    }
}
