using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

// The workload's organization-access part: every operation of teams, members, team and user roles, custom roles,
// permission groups, users, invites, allowed IP address ranges and the organization update, with 400, 404 and 409
// answers. Like the rest it reads only fields the model marks required.
internal sealed partial class ApiWorkload
{
    private async Task Access(string deployment)
    {
        var ws = sim.WorkspaceId;
        await Ok(api.Post(Org, new JObject
        {
            ["name"] = "Workload Org",
            ["billingEmail"] = "billing@workload.example",
            ["isScimEnabled"] = false,
            ["allowEnhancedSupportAccess"] = true,
            ["hasAiFeaturesDisabled"] = false,
            ["shouldEnforceDedicatedClusters"] = false,
        }));
        await Ok(api.Get(Org));

        await Ok(api.Get("/v1/authorization/permission-groups"));
        await Ok(api.Get("/v1/authorization/permission-groups?scopeType=DAG"));
        var role = await Create("roles", new JObject
        {
            ["name"] = "workload-viewer",
            ["description"] = "reads",
            ["scopeType"] = "DEPLOYMENT",
            ["permissions"] = new JArray("deployment.get"),
            ["restrictedWorkspaceIds"] = new JArray(ws),
        });
        var dagRole = await Create("roles", new JObject { ["name"] = "workload-dag", ["scopeType"] = "DAG", ["permissions"] = new JArray("dag.airflow.dag.get") });
        await Ok(api.Get($"roles/{role}"));
        await Ok(api.Post($"roles/{role}", new JObject { ["name"] = "workload-viewer", ["permissions"] = new JArray("deployment.get", "deployment.deploys.get") }));
        await Ok(api.Get("roles"));
        await Ok(api.Get("roles?includeDefaultRoles=true&scopeTypes=DEPLOYMENT&scopeTypes=DAG&limit=5&offset=0&sorts=name:asc"));

        var roles = new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER",
            ["workspaceRoles"] = new JArray(new JObject { ["workspaceId"] = ws, ["role"] = "WORKSPACE_MEMBER" }),
            ["deploymentRoles"] = new JArray(new JObject { ["deploymentId"] = deployment, ["role"] = "workload-viewer" }),
            ["dagRoles"] = new JArray(new JObject { ["deploymentId"] = deployment, ["dagId"] = "etl", ["role"] = "workload-dag" }),
        };
        await Ok(api.Get("users"));
        await Ok(api.Get($"users?limit=2&offset=1&sorts=username:asc&workspaceId={ws}"));
        await Ok(api.Get($"users/{SeededUsers.OwnerId}"));
        await Ok(api.Post($"users/{SeededUsers.MemberId}/roles", roles));
        await Ok(api.Get($"users?deploymentId={deployment}&dagId=etl"));

        var team = await Create("teams", new JObject
        {
            ["name"] = "workload-team",
            ["description"] = "the team",
            ["memberIds"] = new JArray(SeededUsers.AuthorId),
            ["organizationRole"] = "ORGANIZATION_MEMBER",
        });
        await Ok(api.Get($"teams/{team}"));
        await Ok(api.Post($"teams/{team}", new JObject { ["name"] = "workload-team", ["description"] = "renamed" }));
        await Ok(api.Post($"teams/{team}/members", new JObject { ["memberIds"] = new JArray(SeededUsers.MemberId, SeededUsers.OwnerId) }));
        await Ok(api.Get($"teams/{team}/members"));
        await Ok(api.Get($"teams/{team}/members?limit=1&offset=1&sorts=username:asc"));
        await Ok(api.Delete($"teams/{team}/members/{SeededUsers.OwnerId}"));
        await Ok(api.Post($"teams/{team}/roles", roles));
        await Ok(api.Get("teams"));
        await Ok(api.Get($"teams?names=workload-team&workspaceId={ws}&deploymentId={deployment}&limit=1&offset=0&sorts=name:desc"));
        await Ok(api.Get($"users/{SeededUsers.MemberId}/teams"));

        var invite = (await Ok(api.Post("invites", new JObject { ["inviteeEmail"] = "invited@workload.example", ["role"] = "ORGANIZATION_MEMBER" }))).Json;
        await Ok(api.Get($"users/{invite["invitee"]!["id"]}"));
        await Ok(api.Delete($"invites/{invite["inviteId"]}"));

        var range = await Create("allowed-ip-address-ranges", new JObject { ["ipAddressRange"] = "127.0.0.0/8" });
        var bulk = (await Ok(api.Post("allowed-ip-address-ranges/bulk-create", new JObject { ["allowedIpAddressRanges"] = new JArray("10.0.0.0/8", "2001:db8::/32") }))).Json;
        await Ok(api.Get("allowed-ip-address-ranges"));
        await Ok(api.Get("allowed-ip-address-ranges?limit=2&offset=1&sorts=ipAddress:desc"));
        await Ok(api.Post("allowed-ip-address-ranges/bulk-delete", new JObject
        {
            ["allowedIpAddressRangeIds"] = new JArray(bulk["allowedIpAddressRanges"]!.Select(r => r["id"])),
        }));

        await Status(api.Post("teams", new JObject { ["description"] = "no name" }), 400);
        await Status(api.Post("teams", new JObject { ["name"] = "workload-team" }), 409);
        await Status(api.Get("teams/cnosuchteam00000000000000"), 404);
        await Status(api.Post("roles", new JObject { ["name"] = "x", ["scopeType"] = "DEPLOYMENT", ["permissions"] = new JArray("nope") }), 400);
        await Status(api.Delete($"roles/{role}"), 409);
        await Status(api.Post("invites", new JObject { ["inviteeEmail"] = "ada@astro-sim.local", ["role"] = "ORGANIZATION_MEMBER" }), 409);
        await Status(api.Post("allowed-ip-address-ranges", new JObject { ["ipAddressRange"] = "127.1.0.0/8" }), 409);
        await Status(api.Get("users/cnosuchuser00000000000000"), 404);

        await Ok(api.Delete($"allowed-ip-address-ranges/{range}"));
        await Ok(api.Delete($"teams/{team}"));
        await Ok(api.Post($"users/{SeededUsers.MemberId}/roles", new JObject
        {
            ["organizationRole"] = "ORGANIZATION_MEMBER", ["deploymentRoles"] = new JArray(), ["dagRoles"] = new JArray(),
        }));
        await Ok(api.Delete($"roles/{role}"));
        await Ok(api.Delete($"roles/{dagRole}"));
    }
}
