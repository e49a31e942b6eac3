using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>The organization update, and what every organization-access endpoint shares: 401, 403, faults and the request log.</summary>
public sealed class AccessCommonTests : SimFixture
{
    [Test]
    public async Task UpdateOrganization_Settings_AnsweredAndReadBackEverywhere()
    {
        var body = AccessBodies.Organization();
        body["allowEnhancedSupportAccess"] = true;
        body["shouldEnforceDedicatedClusters"] = true;
        var reply = await Api.Post("", body);
        Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((string?)reply.Json["name"], Is.EqualTo("Acme Data"));
            Assert.That((string?)reply.Json["billingEmail"], Is.EqualTo("finance@acme.example"));
            Assert.That((bool?)reply.Json["allowEnhancedSupportAccess"], Is.True);
            Assert.That((bool?)reply.Json["shouldEnforceDedicatedClusters"], Is.True);
            Assert.That((bool?)reply.Json["isScimEnabled"], Is.False);
            Assert.That((bool?)reply.Json["hasAiFeaturesDisabled"], Is.False);
            Assert.That(reply.Json["productPlans"], Is.Not.Empty, "the whole organization is answered");
        });
        Assert.That((await Api.Get("")).Json.ToString(), Is.EqualTo(reply.Json.ToString()));
        Assert.That((string?)(await Api.Get($"/v1/organizations/{Sim.OrganizationId}?isLookUpOnly=true")).Json["name"], Is.EqualTo("Acme Data"));
        Assert.That((string?)(await Api.Get("/v1/organizations")).Json["organizations"]![0]!["name"], Is.EqualTo("Acme Data"));
    }

    [Test]
    public async Task UpdateOrganization_OptionalFlagLeftOut_KeepsItsValue()
    {
        var on = AccessBodies.Organization();
        on["hasAiFeaturesDisabled"] = true;
        await Api.Post("", on);
        var kept = (await Api.Post("", AccessBodies.Organization())).Json;
        Assert.That((bool?)kept["hasAiFeaturesDisabled"], Is.True);
        var off = AccessBodies.Organization();
        off["hasAiFeaturesDisabled"] = false;
        Assert.That((bool?)(await Api.Post("", off)).Json["hasAiFeaturesDisabled"], Is.False);
    }

    [TestCase("-name", "name", "required")]
    [TestCase("name=", "name", "required")]
    [TestCase("-billingEmail", "billingEmail", "required")]
    [TestCase("billingEmail=finance", "billingEmail", "invalid")]
    [TestCase("-isScimEnabled", "isScimEnabled", "required")]
    [TestCase("isScimEnabled=\"yes\"", "isScimEnabled", "invalid_type")]
    [TestCase("allowEnhancedSupportAccess=1", "allowEnhancedSupportAccess", "invalid_type")]
    [TestCase("isBlockedEnableAiFeatures=true", "isBlockedEnableAiFeatures", "unknown_field")]
    [TestCase("hasAllowedIpAddressRanges=true", "hasAllowedIpAddressRanges", "unknown_field")]
    public async Task UpdateOrganization_RuleBroken_Returns400AndChangesNothing(string change, string field, string code)
    {
        var before = (await Api.Get("")).Json.ToString();
        var reply = await Api.Post("", Bodies.Change(AccessBodies.Organization(), change));
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
        Assert.That((await Api.Get("")).Json.ToString(), Is.EqualTo(before));
    }

    [Test]
    public async Task UpdateOrganization_AnotherOrganization_Returns403()
    {
        Assert.That((await Api.Post("/v1/organizations/cotherorg0000000000000000", AccessBodies.Organization())).Status, Is.EqualTo(403));
    }

    [TestCase("GET", "teams")]
    [TestCase("POST", "teams")]
    [TestCase("GET", "roles")]
    [TestCase("GET", "users")]
    [TestCase("POST", "invites")]
    [TestCase("GET", "allowed-ip-address-ranges")]
    [TestCase("POST", "")]
    [TestCase("GET", "/v1/authorization/permission-groups")]
    public async Task AccessEndpoint_NoToken_Returns401(string method, string path)
    {
        using var api = new Api(Sim, "");
        var reply = await api.Send(new HttpMethod(method), path, method == "POST" ? "{}" : null);
        Assert.That(reply.Status, Is.EqualTo(401), reply.ToString());
        Assert.That((int?)reply.Body?["statusCode"], Is.EqualTo(401));
    }

    [TestCase("GET", "teams")]
    [TestCase("POST", "teams/cx/members")]
    [TestCase("GET", "roles/cx")]
    [TestCase("POST", "users/cx/roles")]
    [TestCase("DELETE", "invites/cx")]
    [TestCase("POST", "allowed-ip-address-ranges/bulk-create")]
    public async Task AccessEndpoint_AnotherOrganization_Returns403(string method, string path)
    {
        var reply = await Api.Send(new HttpMethod(method), $"/v1/organizations/cotherorg0000000000000000/{path}", method == "POST" ? "{}" : null);
        Assert.That(reply.Status, Is.EqualTo(403), reply.ToString());
    }

    [TestCase("teams", "{not json")]
    [TestCase("roles", "[1]")]
    [TestCase("invites", "")]
    [TestCase("allowed-ip-address-ranges", "null")]
    public async Task Create_MalformedBody_Returns400(string path, string body)
    {
        var reply = await Api.PostRaw(path, body);
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Message, Does.Contain("body"));
    }

    [Test]
    public async Task Fault_OnTeamCreate_NotProcessedUnlessAfterHandling()
    {
        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/teams$", Status = 503 });
        Assert.That((await Api.Post("teams", AccessBodies.Team("first"))).Status, Is.EqualTo(503));
        Assert.That((int)(await Api.Get("teams")).Json["totalCount"]!, Is.Zero);

        await Sim.Control.AddFaultAsync(new SimFault { Method = "POST", PathPattern = "/teams$", Drop = true, AfterHandling = true });
        Assert.That(async () => await Api.Post("teams", AccessBodies.Team("second")), Throws.InstanceOf<HttpRequestException>());
        Assert.That((await Api.Get("teams")).Json["teams"]!.Select(t => (string)t["name"]!), Is.EqualTo(new[] { "second" }), "processed, answer lost");
    }

    [Test]
    public async Task RequestLog_AccessEndpoints_RecordedWithStatusesAndBodies()
    {
        await Sim.Control.SetLogBodiesAsync(true);
        await Api.Post("invites", AccessBodies.Invite());
        await Api.Get("roles/cnosuchrole00000000000000");
        await Api.Post("allowed-ip-address-ranges", new JObject { ["ipAddressRange"] = "10.0.0.0/8" });
        var log = await Sim.Control.RequestsAsync();
        Assert.That(log.Select(r => (r.Method, r.Path[$"/v1/organizations/{Sim.OrganizationId}".Length..], r.Status)), Is.EqualTo(new[]
        {
            ("POST", "/invites", 200),
            ("GET", "/roles/cnosuchrole00000000000000", 404),
            ("POST", "/allowed-ip-address-ranges", 400),
        }));
        Assert.That(log[0].RequestBody, Does.Contain("new.person@example.com"));
        Assert.That(log[0].ResponseBody, Does.Contain("inviteId"));
        Assert.That(log[2].ResponseBody, Does.Contain("lockout"));
    }
}

/// <summary>With --db, organization access survives a restart like every other object.</summary>
public sealed class AccessPersistenceTests
{
    [Test]
    public async Task Restart_WithDb_KeepsTeamsRolesUsersInvitesRangesAndSettings()
    {
        var dir = Directory.CreateTempSubdirectory("astro-sim-access-").FullName;
        var db = Path.Combine(dir, "state.db");
        try
        {
            string team, role, inviteUser;
            await using (var sim = await SimServer.StartAsync(o => o.DbPath = db))
            {
                using var api = new Api(sim);
                role = (string)(await api.Post("roles", AccessBodies.CustomRole())).Json["id"]!;
                team = (string)(await api.Post("teams", AccessBodies.Team())).Json["id"]!;
                await api.Post($"teams/{team}/roles", new JObject
                {
                    ["organizationRole"] = "ORGANIZATION_OWNER",
                    ["workspaceRoles"] = new JArray(new JObject { ["workspaceId"] = sim.WorkspaceId, ["role"] = "WORKSPACE_OPERATOR" }),
                });
                await api.Post($"users/{SeededUsers.MemberId}/roles", new JObject { ["organizationRole"] = "ORGANIZATION_BILLING_ADMIN" });
                inviteUser = (string)(await api.Post("invites", AccessBodies.Invite())).Json["userId"]!;
                await api.Post("allowed-ip-address-ranges", new JObject { ["ipAddressRange"] = "127.0.0.0/8" });
                Assert.That((await api.Post("", AccessBodies.Organization())).Status, Is.EqualTo(200));
            }
            await using (var sim = await SimServer.StartAsync(o => o.DbPath = db))
            {
                using var api = new Api(sim);
                var teamNow = (await api.Get($"teams/{team}")).Json;
                await Assert.MultipleAsync(async () =>
                {
                    Assert.That((string?)teamNow["organizationRole"], Is.EqualTo("ORGANIZATION_OWNER"));
                    Assert.That((string?)teamNow["workspaceRoles"]![0]!["role"], Is.EqualTo("WORKSPACE_OPERATOR"));
                    Assert.That((int)(await api.Get($"teams/{team}/members")).Json["totalCount"]!, Is.EqualTo(1));
                    Assert.That((string?)(await api.Get($"roles/{role}")).Json["name"], Is.EqualTo("deployment-viewer"));
                    Assert.That((string?)(await api.Get($"users/{SeededUsers.MemberId}")).Json["organizationRole"], Is.EqualTo("ORGANIZATION_BILLING_ADMIN"));
                    Assert.That((string?)(await api.Get($"users/{inviteUser}")).Json["status"], Is.EqualTo("PENDING"));
                    Assert.That((int)(await api.Get("allowed-ip-address-ranges")).Json["totalCount"]!, Is.EqualTo(1));
                    Assert.That((string?)(await api.Get("")).Json["name"], Is.EqualTo("Acme Data"));
                    Assert.That((int)(await api.Get("users")).Json["totalCount"]!, Is.EqualTo(6), "the seed is not added twice");
                });
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
