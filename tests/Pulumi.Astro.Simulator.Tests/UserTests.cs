using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class UserTests : SimFixture
{
    [Test]
    public async Task ListUsers_Seeded_FiveUsersWithTheirRolesAndStatuses()
    {
        var users = (await Api.Get("users")).Json;
        Assert.That((int)users["totalCount"]!, Is.EqualTo(5));
        var byId = users["users"]!.ToDictionary(u => (string)u["id"]!);
        Assert.Multiple(() =>
        {
            Assert.That((string?)byId[SeededUsers.OwnerId]["organizationRole"], Is.EqualTo("ORGANIZATION_OWNER"));
            Assert.That((string?)byId[SeededUsers.OwnerId]["workspaceRoles"]![0]!["role"], Is.EqualTo("WORKSPACE_OWNER"));
            Assert.That((string?)byId[SeededUsers.AuthorId]["workspaceRoles"]![0]!["role"], Is.EqualTo("WORKSPACE_AUTHOR"));
            Assert.That((string?)byId[SeededUsers.BillingAdminId]["organizationRole"], Is.EqualTo("ORGANIZATION_BILLING_ADMIN"));
            Assert.That((string?)byId[SeededUsers.InactiveId]["status"], Is.EqualTo("INACTIVE"));
            Assert.That(byId.Values.Select(u => (string?)u["username"]), Is.All.EndsWith("@astro-sim.local"));
        });
    }

    [Test]
    public async Task ListUsers_PagedSortedAndFiltered()
    {
        var page = (await Api.Get("users?limit=2&offset=1&sorts=username:desc")).Json;
        // linus, ken, grace, barbara, ada: the second page of two is ken, grace.
        Assert.That(page["users"]!.Select(u => (string)u["username"]!), Is.EqualTo(new[] { "ken@astro-sim.local", "grace@astro-sim.local" }));
        Assert.That((int)page["totalCount"]!, Is.EqualTo(5));

        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        await Ok(Api.Post($"users/{SeededUsers.MemberId}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["dagRoles"] = new JArray(new JObject { ["deploymentId"] = dep, ["dagTag"] = "finance", ["role"] = "DAG_VIEWER" }),
        }));
        static IEnumerable<string> Ids(JObject p) => p["users"]!.Select(u => (string)u["id"]!);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Ids((await Api.Get($"users?workspaceId={Sim.WorkspaceId}")).Json),
                Is.EquivalentTo(new[] { SeededUsers.OwnerId, SeededUsers.AuthorId, SeededUsers.MemberId }), "the DAG role gave linus WORKSPACE_ACCESSOR");
            Assert.That(Ids((await Api.Get($"users?deploymentId={dep}")).Json), Is.EqualTo(new[] { SeededUsers.MemberId }));
            Assert.That(Ids((await Api.Get("users?dagTags=finance&dagTags=hr")).Json), Is.EqualTo(new[] { SeededUsers.MemberId }));
            Assert.That(Ids((await Api.Get("users?dagId=etl")).Json), Is.Empty);
            Assert.That((await Api.Get("users?sorts=name:asc")).Code("sorts"), Is.EqualTo("oneof"));
        });
    }

    [Test]
    public async Task GetUser_UnknownId_Returns404()
    {
        Assert.That((await Api.Get("users/cnosuchuser00000000000000")).Status, Is.EqualTo(404));
        Assert.That((await Api.Post("users/cnosuchuser00000000000000/roles", new JObject { ["organizationRole"] = "ORGANIZATION_MEMBER" })).Status, Is.EqualTo(404));
        Assert.That((await Api.Get("users/cnosuchuser00000000000000/teams")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task UpdateUserRoles_AllScopes_AnswersSubjectRolesAndGetUserShowsThem()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var reply = await Api.Post($"users/{SeededUsers.MemberId}/roles", AccessBodies.With(AccessBodies.Roles(Sim.WorkspaceId), dep));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var user = (await Api.Get($"users/{SeededUsers.MemberId}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)reply.Json["organizationRole"], Is.EqualTo("ORGANIZATION_MEMBER"));
            Assert.That(reply.Json["id"], Is.Null, "SubjectRoles has the roles only");
            foreach (var list in new[] { "workspaceRoles", "deploymentRoles", "dagRoles" })
                Assert.That(user[list]!.ToString(), Is.EqualTo(reply.Json[list]!.ToString()), list);
        });
    }

    [Test]
    public async Task UpdateUserRoles_DeploymentRoleWithoutWorkspaceRole_AddsWorkspaceAccessor()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var roles = (await Ok(Api.Post($"users/{SeededUsers.MemberId}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["deploymentRoles"] = new JArray(new JObject { ["deploymentId"] = dep, ["role"] = "DEPLOYMENT_ADMIN" }),
        }))).Json;
        Assert.That(roles["workspaceRoles"]!.ToString(Newtonsoft.Json.Formatting.None),
            Is.EqualTo(new JArray(new JObject { ["workspaceId"] = Sim.WorkspaceId, ["role"] = "WORKSPACE_ACCESSOR" }).ToString(Newtonsoft.Json.Formatting.None)));
    }

    [Test]
    public async Task UpdateUserRoles_OrganizationRoleOnly_KeepsScopedRoles()
    {
        var roles = (await Ok(Api.Post($"users/{SeededUsers.AuthorId}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_BILLING_ADMIN" }))).Json;
        Assert.That((string?)roles["workspaceRoles"]![0]!["role"], Is.EqualTo("WORKSPACE_AUTHOR"));
        Assert.That((string?)(await Api.Get($"users/{SeededUsers.AuthorId}")).Json["organizationRole"], Is.EqualTo("ORGANIZATION_BILLING_ADMIN"));
    }

    [TestCaseSource(typeof(RoleRules), nameof(RoleRules.Rows))]
    public async Task UpdateUserRoles_RuleBroken_Returns400NamingFieldAndChangesNothing(string change, string field, string code)
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        await Created(Api.Post("roles", AccessBodies.CustomRole("dag-reader", "DAG")));
        var before = (await Api.Get($"users/{SeededUsers.MemberId}")).Json.ToString();
        var reply = await Api.Post($"users/{SeededUsers.MemberId}/roles", AccessBodies.With(Bodies.Change(AccessBodies.Roles(Sim.WorkspaceId), change), dep));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((await Api.Get($"users/{SeededUsers.MemberId}")).Json.ToString(), Is.EqualTo(before));
    }

    [TestCase("workspaceRoles")]
    [TestCase("deploymentRoles")]
    [TestCase("dagRoles")]
    public async Task UpdateUserRoles_ScopedListWithoutOrganizationRole_Returns400(string list)
    {
        var reply = await Api.Post($"users/{SeededUsers.MemberId}/roles", new JObject { [list] = new JArray() });
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code("organizationRole"), Is.EqualTo("required"));
        Assert.That(reply.Message, Does.Contain(list));
    }

    [Test]
    public async Task UpdateUserRoles_OnlyOwnerDemoted_Returns400UntilAnotherOwnerExists()
    {
        var demote = new JObject { ["organizationRole"] = "ORGANIZATION_MEMBER" };
        var refused = await Api.Post($"users/{SeededUsers.OwnerId}/roles", demote);
        Assert.That(refused.Status, Is.EqualTo(400), refused.ToString());
        Assert.That(refused.Code("organizationRole"), Is.EqualTo("invalid"));
        await Ok(Api.Post($"users/{SeededUsers.AuthorId}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_OWNER" }));
        Assert.That((await Api.Post($"users/{SeededUsers.OwnerId}/roles", demote)).Status, Is.EqualTo(200));
    }

    [TestCase(SeededUsers.InactiveId, "INACTIVE")]
    [TestCase(null, "PENDING")]
    public async Task UpdateUserRoles_NotActive_Returns400NamingTheStatus(string? id, string status)
    {
        id ??= (string)(await Ok(Api.Post("invites", AccessBodies.Invite()))).Json["userId"]!;
        var reply = await Api.Post($"users/{id}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_OWNER" });
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Message, Does.Contain(status));
    }

    [Test]
    public async Task ListUserTeams_TheTeamsTheUserIsIn()
    {
        var a = await Created(Api.Post("teams", new JObject { ["name"] = "a", ["memberIds"] = new JArray(SeededUsers.AuthorId) }));
        await Created(Api.Post("teams", new JObject { ["name"] = "b", ["memberIds"] = new JArray(SeededUsers.MemberId) }));
        var teams = (await Api.Get($"users/{SeededUsers.AuthorId}/teams")).Json;
        Assert.That(teams["teams"]!.Select(t => (string)t["id"]!), Is.EqualTo(new[] { a }));
        Assert.That((string?)teams["teams"]![0]!["organizationRole"], Is.EqualTo("ORGANIZATION_MEMBER"));
        Assert.That(teams["teams"]![0]!["createdAt"], Is.Null, "a UserTeamMembership, not a Team");
    }

    [Test]
    public async Task CreateInvite_Valid_MakesAPendingUserThatGetUserReads()
    {
        var reply = await Api.Post("invites", new JObject { ["inviteeEmail"] = "new.person@example.com", ["role"] = "ORGANIZATION_BILLING_ADMIN" });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var invite = reply.Json;
        var userId = (string)invite["invitee"]!["id"]!;
        var user = (await Api.Get($"users/{userId}")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((string?)invite["inviteId"], Does.Match("^c[a-z0-9]{24}$"));
            Assert.That((string?)invite["userId"], Is.EqualTo(userId));
            Assert.That((string?)invite["invitee"]!["username"], Is.EqualTo("new.person@example.com"));
            Assert.That((string?)invite["inviter"]!["subjectType"], Is.EqualTo("SERVICEKEY"));
            Assert.That((string?)invite["organizationId"], Is.EqualTo(Sim.OrganizationId));
            Assert.That(DateTimeOffset.Parse((string)invite["expiresAt"]!), Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(6)));
            Assert.That((string?)user["status"], Is.EqualTo("PENDING"));
            Assert.That((string?)user["organizationRole"], Is.EqualTo("ORGANIZATION_BILLING_ADMIN"));
            Assert.That((string?)user["username"], Is.EqualTo("new.person@example.com"));
        });
    }

    [TestCase("-inviteeEmail", "inviteeEmail", "required")]
    [TestCase("inviteeEmail=not-an-email", "inviteeEmail", "invalid")]
    [TestCase("inviteeEmail=7", "inviteeEmail", "invalid_type")]
    [TestCase("-role", "role", "required")]
    [TestCase("role=WORKSPACE_OWNER", "role", "oneof")]
    [TestCase("role=DEPLOYMENT_ADMIN", "role", "oneof")]
    [TestCase("bogus=1", "bogus", "unknown_field")]
    public async Task CreateInvite_RuleBroken_Returns400AndInvitesNobody(string change, string field, string code)
    {
        var reply = await Api.Post("invites", Bodies.Change(AccessBodies.Invite(), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int)(await Api.Get("users")).Json["totalCount"]!, Is.EqualTo(5));
    }

    [TestCase("ada@astro-sim.local", "already a member")]
    [TestCase("ADA@astro-sim.local", "already a member")]
    [TestCase("new.person@example.com", "already pending")]
    [TestCase("New.Person@Example.com", "already pending")]
    public async Task CreateInvite_MemberOrPendingEmail_Returns409(string email, string message)
    {
        await Ok(Api.Post("invites", AccessBodies.Invite("new.person@example.com")));
        var reply = await Api.Post("invites", AccessBodies.Invite(email));
        Assert.That(reply.Status, Is.EqualTo(409), reply.ToString());
        Assert.That(reply.Message, Does.Contain(message));
    }

    [Test]
    public async Task DeleteInvite_Pending_WithdrawsItAndItsUser()
    {
        var invite = (await Ok(Api.Post("invites", AccessBodies.Invite()))).Json;
        var userId = (string)invite["userId"]!;
        var team = await Created(Api.Post("teams", new JObject { ["name"] = "t", ["memberIds"] = new JArray(userId) }));
        Assert.That((await Api.Delete($"invites/{invite["inviteId"]}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"users/{userId}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"invites/{invite["inviteId"]}")).Status, Is.EqualTo(404));
        Assert.That((int)(await Api.Get($"teams/{team}/members")).Json["totalCount"]!, Is.Zero);
        Assert.That((await Api.Post("invites", AccessBodies.Invite())).Status, Is.EqualTo(200), "the address can be invited again");
    }

    [Test]
    public async Task AcceptInvite_ControlApi_UserTurnsActiveAndTheInviteIsUsedUp()
    {
        var invite = (await Ok(Api.Post("invites", AccessBodies.Invite()))).Json;
        var accepted = await Api.Post($"/_sim/invites/{invite["inviteId"]}/accept", new JObject { ["fullName"] = "New Person" });
        Assert.That(accepted.Status, Is.EqualTo(200), accepted.ToString());
        var user = (await Api.Get($"users/{invite["userId"]}")).Json;
        Assert.That((string?)user["status"], Is.EqualTo("ACTIVE"));
        Assert.That((string?)user["fullName"], Is.EqualTo("New Person"));
        Assert.That((await Api.Delete($"invites/{invite["inviteId"]}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Get($"users/{invite["userId"]}")).Status, Is.EqualTo(200), "an accepted user stays");
        Assert.That((await Api.Post($"users/{invite["userId"]}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_OWNER" })).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task AddUser_ControlApi_ManyUsersPageThroughEveryOne()
    {
        for (var i = 0; i < 25; i++)
            Assert.That((await Api.Post("/_sim/users", new JObject { ["username"] = $"user{i:D2}@example.com" })).Status, Is.EqualTo(200));
        var seen = new List<string>();
        for (var offset = 0; ; offset += 7)
        {
            var page = (await Api.Get($"users?limit=7&offset={offset}")).Json;
            var ids = page["users"]!.Select(u => (string)u["id"]!).ToList();
            seen.AddRange(ids);
            if (ids.Count == 0) break;
        }
        Assert.That(seen, Has.Count.EqualTo(30).And.Unique);
        Assert.That((await Api.Post("/_sim/users", new JObject { ["username"] = "user00@example.com" })).Status, Is.EqualTo(409));
        Assert.That((await Api.Post("/_sim/users", new JObject { ["username"] = "nobody" })).Code("username"), Is.EqualTo("invalid"));
    }

    private static async Task<Reply> Ok(Task<Reply> call)
    {
        var reply = await call;
        Assert.That(reply.Status, Is.InRange(200, 299), reply.ToString());
        return reply;
    }

    private static async Task<string> Created(Task<Reply> call) => (string)(await Ok(call)).Json["id"]!;
}

/// <summary>Invites expire with astro-sim's clock: a manual one, so no test waits.</summary>
public sealed class InviteExpiryTests
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

    [Test]
    public async Task Invite_NotAcceptedForSevenDays_DisappearsWithItsUser()
    {
        var invite = (await _api.Post("invites", AccessBodies.Invite())).Json;
        Assert.That(DateTimeOffset.Parse((string)invite["expiresAt"]!), Is.EqualTo(_clock.GetUtcNow().AddDays(7)).Within(TimeSpan.FromSeconds(1)));
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.That((await _api.Get($"users/{invite["userId"]}")).Status, Is.EqualTo(200));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That((await _api.Get($"users/{invite["userId"]}")).Status, Is.EqualTo(404));
        Assert.That((await _api.Delete($"invites/{invite["inviteId"]}")).Status, Is.EqualTo(404));
        Assert.That((await _api.Post("invites", AccessBodies.Invite())).Status, Is.EqualTo(200), "an expired invite's address can be invited again");
    }
}
