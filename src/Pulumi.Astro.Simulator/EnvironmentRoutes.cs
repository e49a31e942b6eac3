using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The routes of workspaces, environment objects, API tokens and agent tokens, registered by
/// <see cref="SimulatorHost"/> with its own request runners (organization check, store lock, answer shaping).
/// </summary>
internal static class EnvironmentRoutes
{
    public static void Map(
        WebApplication app,
        AstroSim sim,
        Func<string, Func<JToken?>, IResult> run,
        Func<HttpContext, string, Func<JObject, JToken?>, Task<IResult>> runWithBody)
    {
        const string Org = "/v1/organizations/{org}";
        const string Objects = Org + "/environment-objects";
        const string Tokens = Org + "/tokens";
        const string AgentTokens = Org + "/deployments/{dep}/agent-tokens";

        app.MapPost(Org + "/workspaces", (string org, HttpContext ctx) => runWithBody(ctx, org, sim.CreateWorkspace));
        app.MapPost(Org + "/workspaces/{id}", (string org, string id, HttpContext ctx) => runWithBody(ctx, org, b => sim.UpdateWorkspace(id, b)));
        app.MapDelete(Org + "/workspaces/{id}", (string org, string id) => run(org, () => { sim.DeleteWorkspace(id); return null; }));

        app.MapGet(Objects, (string org, HttpContext ctx) => run(org, () => sim.ListEnvironmentObjects(ctx.Request.Query)));
        app.MapPost(Objects, (string org, HttpContext ctx) => runWithBody(ctx, org, sim.CreateEnvironmentObject));
        app.MapGet(Objects + "/{id}", (string org, string id) => run(org, () => sim.GetEnvironmentObject(id)));
        app.MapPost(Objects + "/{id}", (string org, string id, HttpContext ctx) => runWithBody(ctx, org, b => sim.UpdateEnvironmentObject(id, b)));
        app.MapDelete(Objects + "/{id}", (string org, string id) => run(org, () => { sim.DeleteEnvironmentObject(id); return null; }));
        app.MapPost(Objects + "/{id}/exclude-linking", (string org, string id, HttpContext ctx) =>
            runWithBody(ctx, org, b => { sim.ExcludeLinkEnvironmentObject(id, b); return null; }));

        app.MapGet(Tokens, (string org, HttpContext ctx) => run(org, () => sim.ListApiTokens(ctx.Request.Query)));
        app.MapPost(Tokens, (string org, HttpContext ctx) => runWithBody(ctx, org, sim.CreateApiToken));
        app.MapGet(Tokens + "/{id}", (string org, string id) => run(org, () => sim.GetApiToken(id)));
        app.MapPost(Tokens + "/{id}", (string org, string id, HttpContext ctx) => runWithBody(ctx, org, b => sim.UpdateApiToken(id, b)));
        app.MapDelete(Tokens + "/{id}", (string org, string id) => run(org, () => { sim.DeleteApiToken(id); return null; }));
        app.MapPost(Tokens + "/{id}/roles", (string org, string id, HttpContext ctx) => runWithBody(ctx, org, b => sim.UpdateApiTokenRoles(id, b)));
        // Rotate takes no body (the model's RotateApiToken has none).
        app.MapPost(Tokens + "/{id}/rotate", (string org, string id) => run(org, () => sim.RotateApiToken(id)));

        app.MapGet(AgentTokens, (string org, string dep, HttpContext ctx) => run(org, () => sim.ListAgentTokens(dep, ctx.Request.Query)));
        app.MapPost(AgentTokens, (string org, string dep, HttpContext ctx) => runWithBody(ctx, org, b => sim.CreateAgentToken(dep, b)));
        app.MapGet(AgentTokens + "/{id}", (string org, string dep, string id) => run(org, () => sim.GetAgentToken(dep, id)));
        app.MapDelete(AgentTokens + "/{id}", (string org, string dep, string id) => run(org, () => { sim.DeleteAgentToken(dep, id); return null; }));
    }
}
