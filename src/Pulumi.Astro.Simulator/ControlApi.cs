using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// The control API under <c>/_sim</c>, which Astro itself does not have. It takes the same bearer token and lets
/// tests inject faults, force statuses, read the request log, change transition times, read uploaded blobs and reset.
/// </summary>
internal static class ControlApi
{
    public static void Map(WebApplication app, AstroSim sim, FaultInjector faults, RequestLog log)
    {
        app.MapGet("/_sim/info", () => SimulatorHost.Json(new JObject
        {
            ["organizationId"] = sim.Options.OrganizationId,
            ["workspaceId"] = sim.Options.WorkspaceId,
            ["workspaceName"] = sim.Options.WorkspaceName,
            ["durable"] = sim.Store.IsDurable,
            ["timings"] = Timings(sim),
        }));

        app.MapPost("/_sim/reset", () =>
        {
            lock (sim.Store.Gate) sim.Reset();
            faults.Clear();
            log.Clear();
            return Results.StatusCode(204);
        });

        app.MapGet("/_sim/faults", () => SimulatorHost.Json(new JObject { ["faults"] = faults.List() }));
        app.MapPost("/_sim/faults", async (HttpContext ctx) =>
        {
            var fault = Fault.Parse(await SimulatorHost.ReadBody(ctx));
            faults.Add(fault);
            return SimulatorHost.Json(fault.ToJson());
        });
        app.MapDelete("/_sim/faults", () =>
        {
            faults.Clear();
            return Results.StatusCode(204);
        });

        app.MapGet("/_sim/requests", () => SimulatorHost.Json(new JObject { ["requests"] = log.ToJson() }));
        app.MapDelete("/_sim/requests", () =>
        {
            log.Clear();
            return Results.StatusCode(204);
        });

        app.MapGet("/_sim/timings", () => SimulatorHost.Json(Timings(sim)));
        app.MapPost("/_sim/timings", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            lock (sim.Store.Gate)
            {
                sim.Timings.ClusterSeconds = Seconds(body, "clusterSeconds") ?? sim.Timings.ClusterSeconds;
                sim.Timings.DeploymentSeconds = Seconds(body, "deploymentSeconds") ?? sim.Timings.DeploymentSeconds;
                sim.Timings.DeploySeconds = Seconds(body, "deploySeconds") ?? sim.Timings.DeploySeconds;
            }
            return SimulatorHost.Json(Timings(sim));
        });

        // Forces an object into a status until cleared (status null), e.g. CREATE_FAILED, UNHEALTHY or FAILED.
        app.MapPost("/_sim/force", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            var kind = AstroSim.Str(body, "kind");
            var id = AstroSim.Str(body, "id") ?? throw ApiError.Field("id", "required", "is required");
            var status = AstroSim.Str(body, "status");
            var allowed = kind switch
            {
                "cluster" => Catalog.ClusterStatuses,
                "deployment" => Catalog.DeploymentStatuses,
                "deploy" => Catalog.DeployStatuses,
                _ => throw ApiError.Field("kind", "oneof", "must be one of cluster, deployment, deploy"),
            };
            if (status is not null && !allowed.Contains(status))
                throw ApiError.Field("status", "oneof", $"must be one of {string.Join(", ", allowed)} or null");
            lock (sim.Store.Gate)
            {
                var obj = sim.Store.Get(kind, id) ?? throw ApiError.NotFound(kind, id);
                var state = AstroSim.Sim(obj);
                if (status is null)
                {
                    state.Remove("forced");
                    state.Remove("forcedReason");
                }
                else
                {
                    state["forced"] = status;
                    if (AstroSim.Str(body, "reason") is { } reason) state["forcedReason"] = reason;
                    else state.Remove("forcedReason");
                    if (kind == "deployment") sim.Log(obj, "scheduler", $"Deployment status {status}: {AstroSim.Str(body, "reason") ?? "forced by astro-sim"}");
                }
                sim.Store.Put(kind, id, obj);
            }
            return Results.StatusCode(204);
        });

        app.MapGet("/_sim/blobs/{deployId}", (string deployId, HttpContext ctx) =>
        {
            Blob? blob;
            lock (sim.Store.Gate) blob = sim.GetBlob(deployId, ctx.Request.Query["version"].FirstOrDefault());
            if (blob is null) throw ApiError.NotFound("blob for deploy", deployId);
            ctx.Response.Headers["x-ms-version-id"] = blob.VersionId;
            return Results.Bytes(blob.Data, "application/octet-stream");
        });
    }

    private static JObject Timings(AstroSim sim) => new()
    {
        ["clusterSeconds"] = sim.Timings.ClusterSeconds,
        ["deploymentSeconds"] = sim.Timings.DeploymentSeconds,
        ["deploySeconds"] = sim.Timings.DeploySeconds,
    };

    private static double? Seconds(JObject body, string name)
    {
        if (body[name] is not { Type: JTokenType.Integer or JTokenType.Float } t) return null;
        var seconds = (double)t;
        return seconds is >= 0 and <= 86_400 ? seconds : throw ApiError.Field(name, "range", "must be from 0 to 86400 seconds");
    }
}
