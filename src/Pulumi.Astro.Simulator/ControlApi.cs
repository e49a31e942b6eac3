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
            ["responses"] = Responses(sim),
            ["transitional"] = Transitional(sim),
            ["rateLimit"] = sim.Limiter.ToJson(),
            ["logBodies"] = sim.LogBodies,
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

        MapSettings(app, sim);
        MapPatch(app, sim);
        AccessControlApi.Map(app, sim);

        app.MapGet("/_sim/blobs/{deployId}", (string deployId, HttpContext ctx) =>
        {
            Blob? blob;
            lock (sim.Store.Gate) blob = sim.GetBlob(deployId, ctx.Request.Query["version"].FirstOrDefault());
            if (blob is null) throw ApiError.NotFound("blob for deploy", deployId);
            ctx.Response.Headers["x-ms-version-id"] = blob.VersionId;
            return Results.Bytes(blob.Data, "application/octet-stream");
        });
    }

    /// <summary>Answer shape, transitional statuses, rate limit and body logging; a reset restores the startup options.</summary>
    private static void MapSettings(WebApplication app, AstroSim sim)
    {
        app.MapGet("/_sim/responses", () => SimulatorHost.Json(Responses(sim)));
        app.MapPost("/_sim/responses", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            var name = AstroSim.Str(body, "mode");
            if (!ResponseModes.TryParse(name, out var mode)) throw ApiError.Field("mode", "oneof", "must be full, lean or null");
            if (mode != ResponseMode.Full && sim.Model is null)
                throw ApiError.Field("mode", "invalid", $"{name} answers follow the API model: start astro-sim with --model FILE (astro-v1-model.json)");
            sim.Responses = mode;
            return SimulatorHost.Json(Responses(sim));
        });

        app.MapGet("/_sim/transitional", () => SimulatorHost.Json(Transitional(sim)));
        app.MapPost("/_sim/transitional", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            var fraction = body["fraction"] switch
            {
                null or { Type: JTokenType.Null } => sim.Transitional.Fraction,
                { Type: JTokenType.Integer or JTokenType.Float } f when (double)f > 0 && (double)f <= 1 => (double)f,
                _ => throw ApiError.Field("fraction", "range", "must be a number more than 0 and at most 1"),
            };
            string? Status(string name) => body[name] switch
            {
                null or { Type: JTokenType.Null } => null,
                { Type: JTokenType.String } t when ((string)t!).Length > 0 => (string)t!,
                _ => throw ApiError.Field(name, "invalid", "must be a status name or null"),
            };
            var deployment = Status("deployment");
            var cluster = Status("cluster");
            lock (sim.Store.Gate)
            {
                sim.Transitional.Deployment = deployment;
                sim.Transitional.Cluster = cluster;
                sim.Transitional.Fraction = fraction;
            }
            return SimulatorHost.Json(Transitional(sim));
        });

        app.MapGet("/_sim/ratelimit", () => SimulatorHost.Json(sim.Limiter.ToJson()));
        app.MapPost("/_sim/ratelimit", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            double? perSecond = body["perSecond"] switch
            {
                null or { Type: JTokenType.Null } => null,
                { Type: JTokenType.Integer or JTokenType.Float } r => (double)r,
                _ => throw ApiError.Field("perSecond", "invalid_type", "must be a number of requests per second, or null for no limit"),
            };
            int? burst = body["burst"] switch
            {
                null or { Type: JTokenType.Null } => null,
                { Type: JTokenType.Integer } b => (int)b,
                _ => throw ApiError.Field("burst", "invalid_type", "must be a whole number of requests"),
            };
            try
            {
                sim.Limiter.Configure(perSecond, burst);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw ApiError.Field(e.ParamName ?? "perSecond", "range", e.Message.Split(" (Parameter", 2)[0]);
            }
            return SimulatorHost.Json(sim.Limiter.ToJson());
        });

        app.MapPost("/_sim/log", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            if (body["bodies"] is not { Type: JTokenType.Boolean } bodies) throw ApiError.Field("bodies", "required", "must be true or false");
            sim.LogBodies = (bool)bodies;
            return SimulatorHost.Json(new JObject { ["bodies"] = sim.LogBodies });
        });
    }

    /// <summary>
    /// Changes one field of a stored object out of band, as Astro's own changes would: a value a client does not know
    /// (a new machine size, cloud or type), a null, or a field removed. Body: <c>{kind, id, path, value}</c> or
    /// <c>{kind, id, path, remove: true}</c>; the path is a field name, with dots into objects and <c>[i]</c> into arrays
    /// (<c>workerQueues[0].astroMachine</c>).
    /// </summary>
    private static void MapPatch(WebApplication app, AstroSim sim)
    {
        app.MapPost("/_sim/patch", async (HttpContext ctx) =>
        {
            var body = await SimulatorHost.ReadBody(ctx);
            var kind = AstroSim.Str(body, "kind");
            if (kind is not (SimStore.Cluster or SimStore.Deployment or SimStore.Deploy or SimStore.Workspace or SimStore.EnvironmentObject or SimStore.ApiToken))
                throw ApiError.Field("kind", "oneof", "must be one of cluster, deployment, deploy, workspace, environmentObject, apiToken");
            var id = AstroSim.Str(body, "id") ?? throw ApiError.Field("id", "required", "is required");
            var path = AstroSim.Str(body, "path") ?? throw ApiError.Field("path", "required", "is required");
            var remove = AstroSim.Bool(body, "remove") == true;
            if (!remove && body.Property("value") is null) throw ApiError.Field("value", "required", "is required (it may be null), or set remove: true");
            lock (sim.Store.Gate)
            {
                var obj = sim.Find(kind, id) ?? throw ApiError.NotFound(kind, id);
                FieldPath.Set(obj, path, remove ? null : body["value"]!.DeepClone(), remove);
                sim.Store.Put(kind, id, obj);
            }
            return Results.StatusCode(204);
        });
    }

    private static JObject Responses(AstroSim sim) => new()
    {
        ["mode"] = ResponseModes.Name(sim.Responses),
        ["model"] = sim.Model is not null,
    };

    private static JObject Transitional(AstroSim sim) => new()
    {
        ["deployment"] = sim.Transitional.Deployment,
        ["cluster"] = sim.Transitional.Cluster,
        ["fraction"] = sim.Transitional.Fraction,
    };

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
