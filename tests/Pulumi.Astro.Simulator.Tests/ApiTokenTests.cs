using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Simulator.Tests.EnvironmentBodies;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// API tokens: the value only in the create and rotate answers, rotation, roles and their rules, the list's filters,
/// and a live token's value authenticating API requests.
/// </summary>
public sealed class ApiTokenTests : InstantSimFixture
{
    private async Task<(string Id, string Value)> CreateToken(JObject body)
    {
        var reply = await Api.Post("tokens", body);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        return ((string)reply.Json["id"]!, (string)reply.Json["token"]!);
    }

    private async Task<int> StatusWith(string token, string path = "workspaces")
    {
        using var api = new Api(Sim, token);
        return (await api.Get(path)).Status;
    }

    [Test]
    public async Task Create_WorkspaceToken_ValueOnlyInTheCreateAnswer()
    {
        var reply = await Api.Post("tokens", ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_AUTHOR"));
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        var token = reply.Json;
        var value = (string)token["token"]!;
        Assert.Multiple(() =>
        {
            Assert.That(value, Does.Match(@"^[\w-]+\.[\w-]+\.[\w-]+$"), "shaped like Astro's tokens");
            Assert.That((string?)token["shortToken"], Is.EqualTo(value[^7..]));
            Assert.That((string?)token["scope"], Is.EqualTo("WORKSPACE"));
            Assert.That((string?)token["kind"], Is.EqualTo("STANDARD"));
            Assert.That((string?)token["description"], Is.EqualTo("deploys from CI"));
            Assert.That(token["endAt"], Is.Null, "no expiry period, no end");
            Assert.That(token["roles"], Is.EqualTo(new JArray(new JObject { ["entityType"] = "WORKSPACE", ["entityId"] = Sim.WorkspaceId, ["role"] = "WORKSPACE_AUTHOR" })));
        });
        var id = (string)token["id"]!;
        var get = (await Api.Get($"tokens/{id}")).Json;
        var list = (await Api.Get("tokens")).Json;
        Assert.That(get["token"], Is.Null);
        Assert.That(get.ToString() + list.ToString(), Does.Not.Contain(value));
        Assert.That((string?)get["shortToken"], Is.EqualTo(value[^7..]));
    }

    [Test]
    public async Task Create_Token_ValueAuthenticatesTheApiButNotTheControlApi()
    {
        var (_, value) = await CreateToken(ApiToken("ORGANIZATION", null, "ORGANIZATION_OWNER"));
        Assert.That(await StatusWith(value), Is.EqualTo(200));
        Assert.That(await StatusWith(value, "/_sim/info"), Is.EqualTo(401));
        Assert.That(await StatusWith(value + "x"), Is.EqualTo(401));
    }

    [TestCase("-name", "name", "required")]
    [TestCase("-role", "role", "required")]
    [TestCase("-scope", "scope", "required")]
    [TestCase("scope=TEAM", "scope", "oneof")]
    [TestCase("kind=PERSONAL", "kind", "oneof")]
    [TestCase("tokenExpiryPeriodInDays=0", "tokenExpiryPeriodInDays", "range")]
    [TestCase("tokenExpiryPeriodInDays=3651", "tokenExpiryPeriodInDays", "range")]
    [TestCase("tokenExpiryPeriodInDays=1.5", "tokenExpiryPeriodInDays", "invalid_type")]
    [TestCase("-entityId", "entityId", "required")]
    [TestCase("entityId=cnosuchworkspace000000000", "entityId", "invalid")]
    [TestCase("role=DEPLOYMENT_ADMIN", "role", "oneof")]
    [TestCase("role=ORGANIZATION_OWNER", "role", "oneof")]
    [TestCase("token=x", "token", "unknown_field")]
    public async Task Create_WorkspaceTokenRuleBroken_Returns400NamingField(string change, string field, string code) =>
        await AssertRefused(Bodies.Change(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"), change), field, code);

    [TestCase("ORGANIZATION", "entityId=cotherorg0000000000000000", "entityId", "invalid")]
    [TestCase("ORGANIZATION", "role=WORKSPACE_OWNER", "role", "oneof")]
    [TestCase("DEPLOYMENT", "-entityId", "entityId", "required")]
    [TestCase("DEPLOYMENT", "entityId=cnosuchdeployment00000000", "entityId", "invalid")]
    [TestCase("DEPLOYMENT", "role=WORKSPACE_OWNER", "role", "oneof")]
    public async Task Create_OtherScopeRuleBroken_Returns400NamingField(string scope, string change, string field, string code)
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var body = scope == "ORGANIZATION" ? ApiToken(scope, null, "ORGANIZATION_MEMBER") : ApiToken(scope, dep, "DEPLOYMENT_ADMIN");
        await AssertRefused(Bodies.Change(body, change), field, code);
    }

    [Test]
    public async Task Rotate_Token_NewValueWorksAndTheOldOneStops()
    {
        var (id, old) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OPERATOR"));
        var rotated = await Api.Post($"tokens/{id}/rotate", new JObject());
        Assert.That(rotated.Status, Is.EqualTo(200), rotated.ToString());
        var value = (string)rotated.Json["token"]!;
        Assert.That(value, Is.Not.EqualTo(old));
        Assert.That((string?)rotated.Json["id"], Is.EqualTo(id), "rotation keeps the token, changes its value");
        Assert.That(rotated.Json["lastRotatedAt"], Is.Not.Null);
        Assert.That((string?)rotated.Json["shortToken"], Is.EqualTo(value[^7..]));
        Assert.That(await StatusWith(old), Is.EqualTo(401));
        Assert.That(await StatusWith(value), Is.EqualTo(200));
        Assert.That((await Api.Get($"tokens/{id}")).Json["token"], Is.Null);
        Assert.That((await Api.Post("tokens/cnosuchtoken0000000000000/rotate", new JObject())).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Update_NameAndDescription_ChangedWithoutTouchingValueOrRoles()
    {
        var (id, value) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"));
        var reply = await Api.Post($"tokens/{id}", new JObject { ["name"] = "renamed", ["description"] = "changed" });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)reply.Json["name"], Is.EqualTo("renamed"));
        Assert.That((string?)reply.Json["description"], Is.EqualTo("changed"));
        Assert.That(reply.Json["token"], Is.Null);
        Assert.That(reply.Json["roles"]!.Count(), Is.EqualTo(1));
        Assert.That(await StatusWith(value), Is.EqualTo(200));
        var kept = await Api.Post($"tokens/{id}", new JObject { ["name"] = "again" });
        Assert.That((string?)kept.Json["description"], Is.EqualTo("changed"), "a description left out is kept");

        var bad = await Api.Post($"tokens/{id}", new JObject { ["description"] = "no name" });
        Assert.That(bad.Code("name"), Is.EqualTo("required"), bad.ToString());
        var scope = await Api.Post($"tokens/{id}", new JObject { ["name"] = "x", ["scope"] = "ORGANIZATION" });
        Assert.That(scope.Code("scope"), Is.EqualTo("unknown_field"), scope.ToString());
    }

    [Test]
    public async Task UpdateRoles_WorkspaceTokenWithDeploymentAndDagRoles_AnswersSubjectRoles()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var (id, _) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_MEMBER"));
        var reply = await Api.Post($"tokens/{id}/roles", new JObject
        {
            ["roles"] = new JArray(
                Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_AUTHOR"),
                Role("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN"),
                Role("DAG", "etl_daily", "DAG_VIEWER", dep),
                Role("DAG_TAG", "finance", "DAG_AUTHOR", dep)),
        });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(reply.Json["organizationRole"], Is.Null);
            Assert.That(reply.Json["workspaceRoles"], Is.EqualTo(new JArray(new JObject { ["workspaceId"] = Sim.WorkspaceId, ["role"] = "WORKSPACE_AUTHOR" })));
            Assert.That(reply.Json["deploymentRoles"], Is.EqualTo(new JArray(new JObject { ["deploymentId"] = dep, ["role"] = "DEPLOYMENT_ADMIN" })));
            Assert.That(reply.Json["dagRoles"]!.Select(r => (string?)(r["dagId"] ?? r["dagTag"])), Is.EqualTo(new[] { "etl_daily", "finance" }));
        });
        var token = (await Api.Get($"tokens/{id}")).Json;
        Assert.That(token["roles"]!.Select(r => (string?)r["role"]), Is.EqualTo(new[] { "WORKSPACE_AUTHOR", "DEPLOYMENT_ADMIN", "DAG_VIEWER", "DAG_AUTHOR" }));
    }

    [TestCase("WORKSPACE", "roles", "invalid")]
    [TestCase("ORG_ON_WORKSPACE", "roles[1].entityType", "not_allowed")]
    [TestCase("FOREIGN_DEPLOYMENT", "roles[1].entityId", "not_allowed")]
    [TestCase("OTHER_WORKSPACE", "roles[1].entityId", "not_allowed")]
    [TestCase("DAG_WITHOUT_DEPLOYMENT", "roles[1].deploymentId", "required")]
    [TestCase("DEPLOYMENT_ID_ON_WORKSPACE", "roles[0].deploymentId", "not_allowed")]
    [TestCase("BAD_ROLE", "roles[0].role", "oneof")]
    [TestCase("DUPLICATE", "roles[1].entityId", "unique")]
    [TestCase("TWO_OWN", "roles", "invalid")]
    [TestCase("UNKNOWN_DEPLOYMENT", "roles[1].entityId", "invalid")]
    [TestCase("BAD_ENTITY_TYPE", "roles[1].entityType", "oneof")]
    [TestCase("NO_ROLES", "roles", "required")]
    public async Task UpdateRoles_WorkspaceTokenRuleBroken_Returns400AndKeepsRoles(string breakage, string field, string code)
    {
        var other = await Create("workspaces", new JObject { ["name"] = "other" });
        var foreign = await Deployment(other, "foreign");
        var (id, _) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_MEMBER"));
        var own = Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_MEMBER");
        JToken roles = breakage switch
        {
            "WORKSPACE" => new JArray(Role("WORKSPACE", other, "WORKSPACE_OWNER")),
            "ORG_ON_WORKSPACE" => new JArray(own, Role("ORGANIZATION", Sim.OrganizationId, "ORGANIZATION_MEMBER")),
            "FOREIGN_DEPLOYMENT" => new JArray(own, Role("DEPLOYMENT", foreign, "DEPLOYMENT_ADMIN")),
            "OTHER_WORKSPACE" => new JArray(own, Role("WORKSPACE", other, "WORKSPACE_MEMBER")),
            "DAG_WITHOUT_DEPLOYMENT" => new JArray(own, Role("DAG", "etl", "DAG_VIEWER")),
            "DEPLOYMENT_ID_ON_WORKSPACE" => new JArray(Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_MEMBER", foreign)),
            "BAD_ROLE" => new JArray(Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_GOD")),
            "DUPLICATE" => new JArray(own, own.DeepClone()),
            "TWO_OWN" => new JArray(own, Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER")),
            "UNKNOWN_DEPLOYMENT" => new JArray(own, Role("DEPLOYMENT", "cnosuchdeployment00000000", "DEPLOYMENT_ADMIN")),
            "BAD_ENTITY_TYPE" => new JArray(own, Role("TEAM", "t", "TEAM_MEMBER")),
            _ => JValue.CreateNull(),
        };
        var before = (await Api.Get($"tokens/{id}")).Json["roles"];
        var reply = await Api.Post($"tokens/{id}/roles", new JObject { ["roles"] = roles });
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((await Api.Get($"tokens/{id}")).Json["roles"], Is.EqualTo(before));
    }

    [Test]
    public async Task UpdateRoles_DeploymentToken_OnlyRolesOnItsOwnDeployment()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var other = await Deployment(Sim.WorkspaceId, "other");
        var (id, _) = await CreateToken(ApiToken("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN"));
        var own = Role("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN");
        var ok = await Api.Post($"tokens/{id}/roles", new JObject { ["roles"] = new JArray(own, Role("DAG", "etl", "DAG_AUTHOR", dep)) });
        Assert.That(ok.Status, Is.EqualTo(200), ok.ToString());
        var workspaceRole = await Api.Post($"tokens/{id}/roles", new JObject { ["roles"] = new JArray(own, Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_MEMBER")) });
        Assert.That(workspaceRole.Code("roles[1].entityId"), Is.EqualTo("not_allowed"), workspaceRole.ToString());
        var otherDag = await Api.Post($"tokens/{id}/roles", new JObject { ["roles"] = new JArray(own, Role("DAG", "etl", "DAG_AUTHOR", other)) });
        Assert.That(otherDag.Code("roles[1].entityId"), Is.EqualTo("not_allowed"), otherDag.ToString());
    }

    [Test]
    public async Task UpdateRoles_OrganizationToken_RolesAnywhereInTheOrganization()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var (id, _) = await CreateToken(ApiToken("ORGANIZATION", null, "ORGANIZATION_BILLING_ADMIN"));
        var reply = await Api.Post($"tokens/{id}/roles", new JObject
        {
            ["roles"] = new JArray(Role("ORGANIZATION", Sim.OrganizationId, "ORGANIZATION_OWNER"), Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_ACCESSOR"), Role("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN")),
        });
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.That((string?)reply.Json["organizationRole"], Is.EqualTo("ORGANIZATION_OWNER"));
        var wrongOrg = await Api.Post($"tokens/{id}/roles", new JObject { ["roles"] = new JArray(Role("ORGANIZATION", "cotherorg0000000000000000", "ORGANIZATION_OWNER")) });
        Assert.That(wrongOrg.Code("roles[0].entityId"), Is.EqualTo("invalid"), wrongOrg.ToString());
    }

    [Test]
    public async Task Patch_TokenName_ShownButAPatchedValueNeverAnswered()
    {
        var (id, value) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"));
        await Sim.Control.PatchAsync("apiToken", id, "name", "renamed-by-astro");
        await Sim.Control.PatchAsync("apiToken", id, "token", value);

        var token = (await Api.Get($"tokens/{id}")).Json;
        Assert.That((string?)token["name"], Is.EqualTo("renamed-by-astro"));
        Assert.That(token["token"], Is.Null);
        Assert.That(await StatusWith(value), Is.EqualTo(200), "the value still authenticates");
    }

    [Test]
    public async Task Delete_Token_GoneAndItsValueStopsWorking()
    {
        var (id, value) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"));
        Assert.That((await Api.Delete($"tokens/{id}")).Status, Is.EqualTo(204));
        Assert.That((await Api.Get($"tokens/{id}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Delete($"tokens/{id}")).Status, Is.EqualTo(404));
        Assert.That((await Api.Post($"tokens/{id}", new JObject { ["name"] = "x" })).Status, Is.EqualTo(404));
        Assert.That((await Api.Post($"tokens/{id}/roles", new JObject { ["roles"] = new JArray() })).Status, Is.EqualTo(404));
        Assert.That(await StatusWith(value), Is.EqualTo(401));
    }

    [Test]
    public async Task DeleteDeployment_ItsTokensGoAndItsRolesDropOutOfOthers()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        var (depToken, value) = await CreateToken(ApiToken("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN"));
        var (wsToken, _) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"));
        await Api.Post($"tokens/{wsToken}/roles", new JObject { ["roles"] = new JArray(Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"), Role("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN")) });

        await Api.Delete($"deployments/{dep}");
        Assert.That((await Api.Get($"tokens/{depToken}")).Status, Is.EqualTo(404));
        Assert.That(await StatusWith(value), Is.EqualTo(401));
        Assert.That((await Api.Get($"tokens/{wsToken}")).Json["roles"]!.Select(r => (string?)r["entityType"]), Is.EqualTo(new[] { "WORKSPACE" }));
    }

    [Test]
    public async Task List_Filters_SelectByRolesScopeAndKind()
    {
        var dep = await Deployment(Sim.WorkspaceId);
        await CreateToken(ApiToken("ORGANIZATION", null, "ORGANIZATION_MEMBER", "org"));
        var (ws, _) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER", "ws"));
        await CreateToken(Bodies.Change(ApiToken("DEPLOYMENT", dep, "DEPLOYMENT_ADMIN", "dep"), "kind=DIRECT_ACCESS"));
        await Api.Post($"tokens/{ws}/roles", new JObject { ["roles"] = new JArray(Role("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"), Role("DAG", "etl", "DAG_VIEWER", dep)) });

        async Task<IEnumerable<string?>> Names(string query) => (await Api.Get($"tokens?{query}")).Json["tokens"]!.Select(t => (string?)t["name"]);
        Assert.That(await Names("sorts=name:asc"), Is.EqualTo(new[] { "dep", "org", "ws" }));
        Assert.That(await Names($"workspaceId={Sim.WorkspaceId}"), Is.EqualTo(new[] { "ws" }));
        Assert.That(await Names($"deploymentId={dep}&sorts=name:desc"), Is.EqualTo(new[] { "ws", "dep" }));
        Assert.That(await Names("includeOnlyOrganizationTokens=true"), Is.EqualTo(new[] { "org" }));
        Assert.That(await Names("kind=DIRECT_ACCESS"), Is.EqualTo(new[] { "dep" }));
        Assert.That(await Names("dagId=etl"), Is.EqualTo(new[] { "ws" }));
        Assert.That(await Names("sorts=tokenStartAt:asc&sorts=name:asc&limit=1&offset=2"), Is.EqualTo(new[] { "ws" }));
        var page = (await Api.Get("tokens?limit=2")).Json;
        Assert.That((int)page["totalCount"]!, Is.EqualTo(3));
        Assert.That(page["tokens"]!.Count(), Is.EqualTo(2));
    }

    [TestCase("kind=PERSONAL", "kind")]
    [TestCase("includeOnlyOrganizationTokens=yes", "includeOnlyOrganizationTokens")]
    [TestCase("sorts=shortToken:asc", "sorts")]
    [TestCase("offset=-1", "offset")]
    public async Task List_BadQuery_Returns400NamingParameter(string query, string field)
    {
        var reply = await Api.Get($"tokens?{query}");
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.ErrorFields, Does.Contain(field));
    }

    [Test]
    public async Task RequestLog_TokenAnswers_KeepNoValue()
    {
        await Sim.Control.SetLogBodiesAsync(true);
        var (id, value) = await CreateToken(ApiToken("WORKSPACE", Sim.WorkspaceId, "WORKSPACE_OWNER"));
        var rotated = (string)(await Api.Post($"tokens/{id}/rotate", new JObject())).Json["token"]!;
        var bodies = (await Sim.Control.RequestsAsync()).Select(r => r.ResponseBody).OfType<string>().ToList();
        Assert.That(bodies, Has.Some.Contains("\"token\":\"[redacted]\""));
        Assert.That(bodies, Has.None.Contains(value).And.None.Contains(rotated));
    }

    private static JObject Role(string entityType, string entityId, string role, string? deploymentId = null)
    {
        var r = new JObject { ["entityType"] = entityType, ["entityId"] = entityId, ["role"] = role };
        if (deploymentId is not null) r["deploymentId"] = deploymentId;
        return r;
    }

    private async Task AssertRefused(JObject body, string field, string code)
    {
        var reply = await Api.Post("tokens", body);
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((int)(await Api.Get("tokens")).Json["totalCount"]!, Is.Zero, "a rejected create must create nothing");
    }
}

/// <summary>Token expiry on astro-sim's clock: an expired value stops working, a rotation starts the period again.</summary>
public sealed class ApiTokenExpiryTests
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
    public async Task Expiry_PeriodPassed_ValueRefusedUntilRotated()
    {
        var body = Bodies.Change(ApiToken("ORGANIZATION", null, "ORGANIZATION_MEMBER"), "tokenExpiryPeriodInDays=30");
        var token = (await _api.Post("tokens", body)).Json;
        var start = DateTimeOffset.Parse((string)token["startAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(DateTimeOffset.Parse((string)token["endAt"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(start.AddDays(30)));
        Assert.That((int?)token["expiryPeriodInDays"], Is.EqualTo(30));
        using var holder = new Api(_sim, (string)token["token"]!);
        Assert.That((await holder.Get("workspaces")).Status, Is.EqualTo(200));

        _clock.Advance(TimeSpan.FromDays(31));
        Assert.That((await holder.Get("workspaces")).Status, Is.EqualTo(401));
        Assert.That((await _api.Get($"tokens/{token["id"]}")).Status, Is.EqualTo(200), "an expired token is still listed");

        var rotated = (await _api.Post($"tokens/{token["id"]}/rotate", new JObject())).Json;
        Assert.That(DateTimeOffset.Parse((string)rotated["endAt"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(_clock.GetUtcNow().AddDays(30)).Within(TimeSpan.FromSeconds(1)));
        using var renewed = new Api(_sim, (string)rotated["token"]!);
        Assert.That((await renewed.Get("workspaces")).Status, Is.EqualTo(200));
    }
}
