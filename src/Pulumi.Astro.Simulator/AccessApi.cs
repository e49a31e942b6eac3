using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The routes of organization access: teams and their members and roles, roles and custom roles, permission groups,
/// users and their roles, invites, the IP access list and the organization update. Paths, methods and bodies are the
/// operations of Astro's API v1 model (ListTeams … UpdateOrganization); the handlers are in TeamApi.cs, RoleApi.cs,
/// UserApi.cs, AllowedIpApi.cs and OrganizationSettingsApi.cs.
/// </summary>
internal static class AccessApi
{
    public static void Map(WebApplication app, AstroSim sim)
    {
        const string Org = "/v1/organizations/{org}";
        const string Team = Org + "/teams/{id}";
        const string Ranges = Org + "/allowed-ip-address-ranges";

        IResult Run(string org, Func<JToken?> action)
        {
            sim.CheckOrganization(org);
            JToken? result;
            lock (sim.Store.Gate) result = action();
            return result is null ? Results.StatusCode(204) : new SimulatorHost.ApiAnswer(sim, result, 200);
        }

        IResult Do(string org, Action action) => Run(org, () => { action(); return null; });

        async Task<IResult> RunWithBody(HttpContext ctx, string org, Func<JObject, JToken?> action)
        {
            sim.CheckOrganization(org);
            var body = await SimulatorHost.ReadBody(ctx).ConfigureAwait(false);
            return Run(org, () => action(body));
        }

        // Permission groups are not under an organization; the token's organization is the one asked about.
        app.MapGet("/v1/authorization/permission-groups", (HttpContext ctx) => Run(sim.Options.OrganizationId, () => sim.ListPermissionGroups(ctx.Request.Query)));

        app.MapPost(Org, (string org, HttpContext ctx) => RunWithBody(ctx, org, sim.UpdateOrganization));

        app.MapGet(Org + "/roles", (string org, HttpContext ctx) => Run(org, () => sim.ListRoles(ctx.Request.Query)));
        app.MapPost(Org + "/roles", (string org, HttpContext ctx) => RunWithBody(ctx, org, sim.CreateCustomRole));
        app.MapGet(Org + "/roles/{id}", (string org, string id) => Run(org, () => sim.GetCustomRole(id)));
        app.MapPost(Org + "/roles/{id}", (string org, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateCustomRole(id, b)));
        app.MapDelete(Org + "/roles/{id}", (string org, string id) => Do(org, () => sim.DeleteCustomRole(id)));

        app.MapGet(Org + "/teams", (string org, HttpContext ctx) => Run(org, () => sim.ListTeams(ctx.Request.Query)));
        app.MapPost(Org + "/teams", (string org, HttpContext ctx) => RunWithBody(ctx, org, sim.CreateTeam));
        app.MapGet(Team, (string org, string id) => Run(org, () => sim.GetTeam(id)));
        app.MapPost(Team, (string org, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateTeam(id, b)));
        app.MapDelete(Team, (string org, string id) => Do(org, () => sim.DeleteTeam(id)));
        app.MapGet(Team + "/members", (string org, string id, HttpContext ctx) => Run(org, () => sim.ListTeamMembers(id, ctx.Request.Query)));
        app.MapPost(Team + "/members", (string org, string id, HttpContext ctx) => RunWithBody(ctx, org, b => { sim.AddTeamMembers(id, b); return null; }));
        app.MapDelete(Team + "/members/{memberId}", (string org, string id, string memberId) => Do(org, () => sim.RemoveTeamMember(id, memberId)));
        app.MapPost(Team + "/roles", (string org, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateTeamRoles(id, b)));

        app.MapGet(Org + "/users", (string org, HttpContext ctx) => Run(org, () => sim.ListUsers(ctx.Request.Query)));
        app.MapGet(Org + "/users/{id}", (string org, string id) => Run(org, () => sim.GetUser(id)));
        app.MapPost(Org + "/users/{id}/roles", (string org, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateUserRoles(id, b)));
        app.MapGet(Org + "/users/{id}/teams", (string org, string id, HttpContext ctx) => Run(org, () => sim.ListUserTeams(id, ctx.Request.Query)));

        app.MapPost(Org + "/invites", (string org, HttpContext ctx) => RunWithBody(ctx, org, sim.CreateUserInvite));
        app.MapDelete(Org + "/invites/{id}", (string org, string id) => Do(org, () => sim.DeleteUserInvite(id)));

        app.MapGet(Ranges, (string org, HttpContext ctx) => Run(org, () => sim.ListAllowedIpAddressRanges(ctx.Request.Query)));
        app.MapPost(Ranges, (string org, HttpContext ctx) => RunWithBody(ctx, org, b => sim.CreateAllowedIpAddressRange(ctx, b)));
        app.MapDelete(Ranges + "/{id}", (string org, string id) => Do(org, () => sim.DeleteAllowedIpAddressRange(id)));
        app.MapPost(Ranges + "/bulk-create", (string org, HttpContext ctx) => RunWithBody(ctx, org, b => sim.BulkCreateAllowedIpAddressRanges(ctx, b)));
        app.MapPost(Ranges + "/bulk-delete", (string org, HttpContext ctx) => RunWithBody(ctx, org, b => { sim.BulkDeleteAllowedIpAddressRanges(b); return null; }));
    }
}

/// <summary>
/// The control API's part for organization access (Astro has no such API): users who joined outside the API, invites
/// accepted, and the address astro-sim takes API requests to come from (for the IP access list).
/// </summary>
internal static class AccessControlApi
{
    public static void Map(WebApplication app, AstroSim sim)
    {
        app.MapPost("/_sim/users", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            JObject user;
            lock (sim.Store.Gate) user = sim.AddUser(body);
            return SimulatorHost.Json(user);
        });

        app.MapPost("/_sim/invites/{id}/accept", async (string id, HttpContext ctx) =>
        {
            var body = ctx.Request.ContentLength is null or 0 ? [] : await SimulatorHost.ReadBody(ctx);
            if (body["fullName"] is { Type: not (JTokenType.String or JTokenType.Null) })
                throw ApiError.Field("fullName", "invalid_type", "must be a string");
            JObject user;
            lock (sim.Store.Gate) user = sim.AcceptInvite(id, AstroSim.Str(body, "fullName"));
            return SimulatorHost.Json(user);
        });

        app.MapGet("/_sim/caller-ip", (HttpContext ctx) => SimulatorHost.Json(CallerIp(sim, ctx)));
        app.MapPost("/_sim/caller-ip", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            sim.CallerIpOverride = body["ip"] switch
            {
                null or { Type: JTokenType.Null } => null,
                { Type: JTokenType.String } t when System.Net.IPAddress.TryParse((string)t!, out var ip) => ip.ToString(),
                var t => throw ApiError.Field("ip", "invalid", $"must be an IPv4 or IPv6 address, or null for the connection's own, not {t}"),
            };
            return SimulatorHost.Json(CallerIp(sim, ctx));
        });
    }

    private static JObject CallerIp(AstroSim sim, HttpContext ctx) => new()
    {
        ["ip"] = sim.CallerIp(ctx).ToString(),
        ["override"] = sim.CallerIpOverride is not null,
    };
}
