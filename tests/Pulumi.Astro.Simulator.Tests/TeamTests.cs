using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

public sealed class TeamTests : SimFixture
{
    [Test]
    public async Task Create_Valid_ReturnsTeamWithMembersAndDefaults()
    {
        var reply = await Api.Post("teams", new JObject { ["name"] = "data", ["memberIds"] = new JArray(SeededUsers.AuthorId, SeededUsers.MemberId) });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var team = reply.Json;
        var id = (string)team["id"]!;
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^c[a-z0-9]{24}$"));
            Assert.That((string?)team["organizationId"], Is.EqualTo(Sim.OrganizationId));
            Assert.That((string?)team["organizationRole"], Is.EqualTo("ORGANIZATION_MEMBER"), "the default organization role");
            Assert.That((bool?)team["isIdpManaged"], Is.False);
            Assert.That((int?)team["rolesCount"], Is.Zero);
            Assert.That(team["description"], Is.Null);
        });
        var members = (await Api.Get($"teams/{id}/members")).Json;
        Assert.That(members["teamMembers"]!.Select(m => (string)m["userId"]!), Is.EquivalentTo(new[] { SeededUsers.AuthorId, SeededUsers.MemberId }));
        Assert.That((string?)members["teamMembers"]!.Single(m => (string?)m["userId"] == SeededUsers.AuthorId)!["username"], Is.EqualTo("grace@astro-sim.local"));
        Assert.That((await Api.Get($"teams/{id}")).Json["name"]!.ToString(), Is.EqualTo("data"));
    }

    [TestCase("-name", "name", "required")]
    [TestCase("name=", "name", "required")]
    [TestCase("name=   ", "name", "required")]
    [TestCase("name=7", "name", "invalid_type")]
    [TestCase("description=7", "description", "invalid_type")]
    [TestCase("organizationRole=WORKSPACE_OWNER", "organizationRole", "oneof")]
    [TestCase("memberIds=[\"cnosuchuser00000000000000\"]", "memberIds[0]", "invalid")]
    [TestCase("memberIds=[\"clsimusr00000000000000002\",\"clsimusr00000000000000002\"]", "memberIds[1]", "unique")]
    [TestCase("memberIds=\"clsimusr00000000000000002\"", "memberIds", "invalid_type")]
    [TestCase("memberIds=[7]", "memberIds[0]", "invalid_type")]
    [TestCase("bogus=1", "bogus", "unknown_field")]
    public async Task Create_RuleBroken_Returns400NamingFieldAndCreatesNothing(string change, string field, string code)
    {
        var reply = await Api.Post("teams", Bodies.Change(AccessBodies.Team(), change));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
            Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
            Assert.That((int?)reply.Body?["statusCode"], Is.EqualTo(400));
            Assert.That((string?)reply.Body?["requestId"], Is.Not.Empty);
        });
        Assert.That((int)(await Api.Get("teams")).Json["totalCount"]!, Is.Zero);
    }

    [TestCase(100, 200)]
    [TestCase(101, 400)]
    public async Task Create_NameLength_BoundedAt100(int length, int status)
    {
        var reply = await Api.Post("teams", Bodies.Change(AccessBodies.Team(), $"name={new string('t', length)}"));
        Assert.That(reply.Status, Is.EqualTo(status), reply.ToString());
        if (status == 400) Assert.That(reply.Code("name"), Is.EqualTo("max"));
    }

    [TestCase("data")]
    [TestCase("DATA")]
    public async Task Create_NameTaken_Returns409(string second)
    {
        await Created(Api.Post("teams", AccessBodies.Team("data")));
        var reply = await Api.Post("teams", AccessBodies.Team(second));
        Assert.That(reply.Status, Is.EqualTo(409), reply.ToString());
        Assert.That(reply.Message, Does.Contain("already exists"));
        Assert.That((int)(await Api.Get("teams")).Json["totalCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task Update_NameAndDescription_ChangesThemAndKeepsDescriptionWhenAbsent()
    {
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        var renamed = await Api.Post($"teams/{id}", new JObject { ["name"] = "analytics", ["description"] = "changed" });
        Assert.That(renamed.Status, Is.EqualTo(200), renamed.ToString());
        Assert.That((string?)renamed.Json["description"], Is.EqualTo("changed"));
        var kept = (await Api.Post($"teams/{id}", new JObject { ["name"] = "analytics" })).Json;
        Assert.That((string?)kept["description"], Is.EqualTo("changed"), "an absent description keeps the current one");
        var cleared = (await Api.Post($"teams/{id}", new JObject { ["name"] = "analytics", ["description"] = "" })).Json;
        Assert.That((string?)cleared["description"], Is.EqualTo(""));
        Assert.That((string?)(await Api.Get($"teams/{id}")).Json["name"], Is.EqualTo("analytics"));
    }

    [TestCase("-name", "name", "required")]
    [TestCase("name=", "name", "required")]
    [TestCase("memberIds=[]", "memberIds", "unknown_field")]
    [TestCase("organizationRole=ORGANIZATION_OWNER", "organizationRole", "unknown_field")]
    public async Task Update_RuleBroken_Returns400(string change, string field, string code)
    {
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        var reply = await Api.Post($"teams/{id}", Bodies.Change(new JObject { ["name"] = "x" }, change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [Test]
    public async Task Update_NameOfAnotherTeam_Returns409ButOwnNameIsFine()
    {
        await Created(Api.Post("teams", AccessBodies.Team("one")));
        var two = await Created(Api.Post("teams", AccessBodies.Team("two")));
        Assert.That((await Api.Post($"teams/{two}", new JObject { ["name"] = "One" })).Status, Is.EqualTo(409));
        Assert.That((await Api.Post($"teams/{two}", new JObject { ["name"] = "TWO" })).Status, Is.EqualTo(200), "a team may change the case of its own name");
    }

    [Test]
    public async Task Delete_Team_ThenEveryTeamEndpointAnswers404()
    {
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        Assert.That((await Api.Delete($"teams/{id}")).Status, Is.EqualTo(204));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Api.Get($"teams/{id}")).Status, Is.EqualTo(404));
            Assert.That((await Api.Delete($"teams/{id}")).Status, Is.EqualTo(404));
            Assert.That((await Api.Post($"teams/{id}", new JObject { ["name"] = "x" })).Status, Is.EqualTo(404));
            Assert.That((await Api.Get($"teams/{id}/members")).Status, Is.EqualTo(404));
            Assert.That((await Api.Post($"teams/{id}/members", new JObject { ["memberIds"] = new JArray(SeededUsers.MemberId) })).Status, Is.EqualTo(404));
            Assert.That((await Api.Delete($"teams/{id}/members/{SeededUsers.AuthorId}")).Status, Is.EqualTo(404));
            Assert.That((await Api.Post($"teams/{id}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_MEMBER" })).Status, Is.EqualTo(404));
        });
    }

    [Test]
    public async Task Members_AddTwiceAndRemove_AddIsIdempotentAndRemoveOfNonMemberIs404()
    {
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        var add = new JObject { ["memberIds"] = new JArray(SeededUsers.AuthorId, SeededUsers.OwnerId) };
        var added = await Api.Post($"teams/{id}/members", add);
        Assert.That(added.Status, Is.EqualTo(204), added.ToString());
        Assert.That(added.Body, Is.Null);
        Assert.That((await Api.Post($"teams/{id}/members", add)).Status, Is.EqualTo(204));
        Assert.That((int)(await Api.Get($"teams/{id}/members")).Json["totalCount"]!, Is.EqualTo(2));

        Assert.That((await Api.Delete($"teams/{id}/members/{SeededUsers.AuthorId}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Delete($"teams/{id}/members/{SeededUsers.AuthorId}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"teams/{id}/members/cnosuchuser00000000000000")).Status, Is.EqualTo(404));
        var left = (await Api.Get($"teams/{id}/members")).Json["teamMembers"]!.Select(m => (string)m["userId"]!);
        Assert.That(left, Is.EqualTo(new[] { SeededUsers.OwnerId }));
    }

    [TestCase("memberIds=[]", "memberIds", "count")]
    [TestCase("-memberIds", "memberIds", "required")]
    [TestCase("memberIds=[\"cnosuchuser00000000000000\"]", "memberIds[0]", "invalid")]
    [TestCase("memberIds=[\"clsimusr00000000000000003\",\"clsimusr00000000000000003\"]", "memberIds[1]", "unique")]
    public async Task AddMembers_RuleBroken_Returns400AndAddsNobody(string change, string field, string code)
    {
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        var reply = await Api.Post($"teams/{id}/members", Bodies.Change(new JObject { ["memberIds"] = new JArray(SeededUsers.MemberId) }, change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int)(await Api.Get($"teams/{id}/members")).Json["totalCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task Members_PagedAndSorted()
    {
        var id = await Created(Api.Post("teams", new JObject
        {
            ["name"] = "everyone",
            ["memberIds"] = new JArray(SeededUsers.OwnerId, SeededUsers.AuthorId, SeededUsers.MemberId, SeededUsers.BillingAdminId),
        }));
        var page = (await Api.Get($"teams/{id}/members?limit=2&offset=1&sorts=username:asc")).Json;
        Assert.Multiple(() =>
        {
            Assert.That((int)page["totalCount"]!, Is.EqualTo(4));
            Assert.That((int)page["limit"]!, Is.EqualTo(2));
            Assert.That((int)page["offset"]!, Is.EqualTo(1));
            // ada, barbara, grace, linus: the second page of two starts at barbara.
            Assert.That(page["teamMembers"]!.Select(m => (string)m["username"]!), Is.EqualTo(new[] { "barbara@astro-sim.local", "grace@astro-sim.local" }));
        });
        Assert.That((await Api.Get($"teams/{id}/members?sorts=name:asc")).Code("sorts"), Is.EqualTo("oneof"), "members sort by userId, username, fullName, createdAt");
    }

    [Test]
    public async Task List_FiltersByNamesWorkspaceAndDeployment_PagesAndSorts()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var a = await Created(Api.Post("teams", AccessBodies.Team("alpha")));
        var b = await Created(Api.Post("teams", AccessBodies.Team("bravo")));
        await Created(Api.Post("teams", AccessBodies.Team("charlie")));
        await Ok(Api.Post($"teams/{a}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["workspaceRoles"] = new JArray(new JObject { ["workspaceId"] = Sim.WorkspaceId, ["role"] = "WORKSPACE_AUTHOR" }),
        }));
        await Ok(Api.Post($"teams/{b}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["deploymentRoles"] = new JArray(new JObject { ["deploymentId"] = dep, ["role"] = "DEPLOYMENT_ADMIN" }),
        }));

        static IEnumerable<string> Names(JObject page) => page["teams"]!.Select(t => (string)t["name"]!);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Names((await Api.Get("teams?names=alpha&names=charlie")).Json), Is.EquivalentTo(new[] { "alpha", "charlie" }));
            // bravo's Deployment role gave it WORKSPACE_ACCESSOR in the Deployment's workspace.
            Assert.That(Names((await Api.Get($"teams?workspaceId={Sim.WorkspaceId}")).Json), Is.EquivalentTo(new[] { "alpha", "bravo" }));
            Assert.That(Names((await Api.Get($"teams?deploymentId={dep}")).Json), Is.EqualTo(new[] { "bravo" }));
            Assert.That(Names((await Api.Get("teams?sorts=name:desc&limit=2")).Json), Is.EqualTo(new[] { "charlie", "bravo" }));
            Assert.That((int)(await Api.Get("teams?limit=1")).Json["totalCount"]!, Is.EqualTo(3));
            Assert.That((await Api.Get("teams?sorts=username:asc")).Code("sorts"), Is.EqualTo("oneof"));
            Assert.That((await Api.Get("teams?limit=1001")).Code("limit"), Is.EqualTo("range"));
        });
    }

    [Test]
    public async Task Roles_OneOfEachScope_StoredAndCounted()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        var reply = await Api.Post($"teams/{id}/roles", AccessBodies.With(Bodies.Change(AccessBodies.Roles(Sim.WorkspaceId), "organizationRole=ORGANIZATION_BILLING_ADMIN"), dep));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)reply.Json["organizationRole"], Is.EqualTo("ORGANIZATION_BILLING_ADMIN"));
            Assert.That((string?)reply.Json["workspaceRoles"]![0]!["role"], Is.EqualTo("WORKSPACE_MEMBER"));
            Assert.That((string?)reply.Json["deploymentRoles"]![0]!["deploymentId"], Is.EqualTo(dep));
            Assert.That((string?)reply.Json["dagRoles"]![0]!["dagId"], Is.EqualTo("etl"));
        });
        var team = (await Api.Get($"teams/{id}")).Json;
        Assert.That((int?)team["rolesCount"], Is.EqualTo(3));
        Assert.That((string?)team["organizationRole"], Is.EqualTo("ORGANIZATION_BILLING_ADMIN"));
    }

    [Test]
    public async Task Roles_ListLeftOut_KeepsItAndEmptyListClearsIt()
    {
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        await Ok(Api.Post($"teams/{id}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["workspaceRoles"] = new JArray(new JObject { ["workspaceId"] = Sim.WorkspaceId, ["role"] = "WORKSPACE_OPERATOR" }),
        }));
        var kept = (await Ok(Api.Post($"teams/{id}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_OWNER" }))).Json;
        Assert.That(kept["workspaceRoles"]!.Count(), Is.EqualTo(1));
        Assert.That((string?)kept["organizationRole"], Is.EqualTo("ORGANIZATION_OWNER"));
        var cleared = (await Ok(Api.Post($"teams/{id}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_MEMBER", ["workspaceRoles"] = new JArray() }))).Json;
        Assert.That(cleared["workspaceRoles"], Is.Empty);
    }

    [TestCaseSource(typeof(RoleRules), nameof(RoleRules.Rows))]
    public async Task Roles_RuleBroken_Returns400NamingFieldAndChangesNothing(string change, string field, string code)
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        await Created(Api.Post("roles", AccessBodies.CustomRole("dag-reader", "DAG")));
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        var reply = await Api.Post($"teams/{id}/roles", AccessBodies.With(Bodies.Change(AccessBodies.Roles(Sim.WorkspaceId), change), dep));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int?)(await Api.Get($"teams/{id}")).Json["rolesCount"], Is.Zero, "a rejected update changes nothing");
    }

    [Test]
    public async Task Roles_DeploymentDeleted_RoleDisappearsFromTheTeam()
    {
        var dep = await Created(Api.Post("deployments", Bodies.Standard(Sim.WorkspaceId)));
        var id = await Created(Api.Post("teams", AccessBodies.Team()));
        await Ok(Api.Post($"teams/{id}/roles", AccessBodies.With(AccessBodies.Roles(Sim.WorkspaceId), dep)));
        await Ok(Api.Delete($"deployments/{dep}"));
        await Api.WaitForGone($"deployments/{dep}");
        var team = (await Api.Get($"teams/{id}")).Json;
        Assert.That(team["deploymentRoles"], Is.Empty);
        Assert.That(team["dagRoles"], Is.Empty);
        Assert.That(team["workspaceRoles"]!.Count(), Is.EqualTo(1));
        Assert.That((int?)team["rolesCount"], Is.EqualTo(1));
    }

    private static async Task<Reply> Ok(Task<Reply> call)
    {
        var reply = await call;
        Assert.That(reply.Status, Is.InRange(200, 299), reply.ToString());
        return reply;
    }

    private static async Task<string> Created(Task<Reply> call) => (string)(await Ok(call)).Json["id"]!;
}

/// <summary>The rules a team's or a user's roles break, shared by TeamTests and UserTests: (change to <see cref="AccessBodies.Roles"/>, field, code).</summary>
public static class RoleRules
{
    public static IEnumerable<TestCaseData> Rows() =>
    [
        new("organizationRole=WORKSPACE_OWNER", "organizationRole", "oneof"),
        new("organizationRole=7", "organizationRole", "invalid_type"),
        new("workspaceRoles[0].workspaceId=cnosuchworkspace000000000", "workspaceRoles[0].workspaceId", "invalid"),
        new("workspaceRoles[0].role=DEPLOYMENT_ADMIN", "workspaceRoles[0].role", "oneof"),
        new("-workspaceRoles[0].role", "workspaceRoles[0].role", "required"),
        new("-workspaceRoles[0].workspaceId", "workspaceRoles[0].workspaceId", "required"),
        new("workspaceRoles[1]={\"workspaceId\":\"clsimwks00000000000000001\",\"role\":\"WORKSPACE_OWNER\"}", "workspaceRoles[1].workspaceId", "unique"),
        new("workspaceRoles={}", "workspaceRoles", "invalid_type"),
        new("deploymentRoles[0].deploymentId=cnosuchdeployment00000000", "deploymentRoles[0].deploymentId", "invalid"),
        new("deploymentRoles[0].role=WORKSPACE_OWNER", "deploymentRoles[0].role", "invalid"),
        new("deploymentRoles[0].role=DAG_VIEWER", "deploymentRoles[0].role", "invalid"),
        new("deploymentRoles[0].role=dag-reader", "deploymentRoles[0].role", "invalid"),
        new("deploymentRoles[0].role=NO_SUCH_ROLE", "deploymentRoles[0].role", "oneof"),
        new("-deploymentRoles[0].role", "deploymentRoles[0].role", "required"),
        new("deploymentRoles[1]={\"deploymentId\":\"$dep\",\"role\":\"DEPLOYMENT_ADMIN\"}", "deploymentRoles[1].deploymentId", "unique"),
        new("dagRoles[0].role=DEPLOYMENT_ADMIN", "dagRoles[0].role", "invalid"),
        new("dagRoles[0].role=NO_SUCH_ROLE", "dagRoles[0].role", "oneof"),
        new("-dagRoles[0].dagId", "dagRoles[0].dagId", "required"),
        new("dagRoles[0].dagTag=nightly", "dagRoles[0].dagTag", "not_allowed"),
        new("dagRoles[0].deploymentId=cnosuchdeployment00000000", "dagRoles[0].deploymentId", "invalid"),
        new("dagRoles[1]={\"deploymentId\":\"$dep\",\"dagId\":\"etl\",\"role\":\"DAG_AUTHOR\"}", "dagRoles[1]", "unique"),
        new("bogus=1", "bogus", "unknown_field"),
    ];
}
