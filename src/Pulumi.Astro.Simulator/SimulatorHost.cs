using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// astro-sim as a running web host: the Astro API under <c>/v1</c>, pre-signed blob uploads under <c>/_blob</c>, the
/// Deployments' image registry under <c>/v2</c> (RegistryApi.cs) and
/// the control API under <c>/_sim</c>. It listens on 127.0.0.1 only. Tests start it in-process with
/// <see cref="StartAsync"/>; the <c>astro-sim</c> executable does the same and prints <see cref="BaseUrl"/>.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AstroSim _sim;

    private SimulatorHost(WebApplication app, AstroSim sim, Uri baseUrl)
    {
        _app = app;
        _sim = sim;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>; the API is under <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    public SimulatorOptions Options => _sim.Options;

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        var sim = new AstroSim(options);
        try
        {
            var app = Build(sim);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUrl = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
            sim.BaseUrl = baseUrl.ToString().TrimEnd('/');
            return new SimulatorHost(app, sim, baseUrl);
        }
        catch
        {
            sim.Dispose();
            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _sim.Dispose();
    }

    private static WebApplication Build(AstroSim sim)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // stdout carries only the base URL; framework logging goes to stderr, warnings and up.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, sim.Options.Port, l => l.Protocols = HttpProtocols.Http1);
            k.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(sim);
        var app = builder.Build();
        var faults = new FaultInjector();
        var log = new RequestLog();

        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path.Value ?? "/";
            var control = path.StartsWith("/_sim", StringComparison.Ordinal);
            var started = Stopwatch.GetTimestamp();
            var received = sim.Now;
            var logged = 0;
            // Logged as the response starts (or the connection is dropped), so a client that has its answer can
            // already count the request.
            void Log(int status)
            {
                if (!control && Interlocked.Exchange(ref logged, 1) == 0)
                {
                    log.Add(new LoggedRequest(ctx.Request.Method, path, ctx.Request.QueryString.Value ?? "", status, received, Stopwatch.GetElapsedTime(started).TotalMilliseconds)
                    {
                        Throttled = ctx.Items.ContainsKey(ThrottledKey),
                        RequestBody = ctx.Items.TryGetValue(RequestBodyKey, out var request) ? (string?)request : null,
                        ResponseBody = ctx.Items.TryGetValue(ResponseBodyKey, out var response) ? (string?)response : null,
                        Responses = ctx.Items.TryGetValue(ResponsesKey, out var mode) ? (ResponseMode)mode! : sim.Responses,
                    });
                }
            }
            ctx.Response.OnStarting(() =>
            {
                Log(ctx.Response.StatusCode);
                return Task.CompletedTask;
            });
            try
            {
                // A rate-limited API throttles before anything else looks at the request (and before the token is checked,
                // so a wrong token spends its own bucket, not the right one's).
                if (path.StartsWith("/v1/", StringComparison.Ordinal) && sim.Limiter.Take(BearerToken(ctx)) is { Admitted: false } throttled)
                {
                    ctx.Items[ThrottledKey] = true;
                    ctx.Response.Headers.RetryAfter = throttled.RetryAfterSeconds!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await WriteError(ctx, new ApiError(429, $"rate limit exceeded: retry after {throttled.RetryAfterSeconds} s")).ConfigureAwait(false);
                    return;
                }
                var fault = control ? null : faults.Match(ctx.Request.Method, path);
                if (fault is { EchoRequest: true }) ctx.Request.EnableBuffering();
                if (fault is { AfterHandling: false })
                {
                    if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs, ctx.RequestAborted).ConfigureAwait(false);
                    if (fault.Drop)
                    {
                        Log(0);
                        ctx.Abort();
                        return;
                    }
                    if (fault.Status is { } status)
                    {
                        await WriteFault(ctx, fault, status).ConfigureAwait(false);
                        return;
                    }
                }
                if ((path.StartsWith("/v1/", StringComparison.Ordinal) || control) && !Authorized(ctx, sim, control))
                {
                    await WriteError(ctx, new ApiError(401, "Unauthorized: a valid bearer token is required")).ConfigureAwait(false);
                    return;
                }
                // The organization's IP access list (AllowedIpApi.cs) applies to the API, not to the control API.
                if (!control && path.StartsWith("/v1/", StringComparison.Ordinal) && sim.AccessListRefuses(ctx) is { } refused)
                {
                    await WriteError(ctx, refused).ConfigureAwait(false);
                    return;
                }
                if (fault is { AfterHandling: true })
                {
                    // Handle the request for real, then lose, delay or replace its answer.
                    var original = ctx.Response.Body;
                    using var buffer = new MemoryStream();
                    ctx.Response.Body = buffer;
                    try
                    {
                        await Handle(ctx, next).ConfigureAwait(false);
                    }
                    finally
                    {
                        ctx.Response.Body = original;
                    }
                    if (fault.DelayMs > 0) await Task.Delay(fault.DelayMs, ctx.RequestAborted).ConfigureAwait(false);
                    if (fault.Drop)
                    {
                        Log(0);
                        ctx.Abort();
                        return;
                    }
                    if (fault.Status is { } status)
                    {
                        ctx.Response.Clear();
                        await WriteFault(ctx, fault, status).ConfigureAwait(false);
                        return;
                    }
                    buffer.Position = 0;
                    await buffer.CopyToAsync(original, ctx.RequestAborted).ConfigureAwait(false);
                    return;
                }
                await Handle(ctx, next).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                Log(0);
            }
            finally
            {
                Log(ctx.RequestAborted.IsCancellationRequested && !ctx.Response.HasStarted ? 0 : ctx.Response.StatusCode);
            }
        });

        MapApi(app, sim);
        AccessApi.Map(app, sim);
        MapBlobs(app, sim);
        RegistryApi.Map(app, sim);
        ControlApi.Map(app, sim, faults, log);
        app.MapFallback((HttpContext ctx) => throw new ApiError(404, $"no route for {ctx.Request.Method} {ctx.Request.Path}"));
        return app;
    }

    /// <summary>Runs the endpoint; one place turns exceptions into Astro's error body.</summary>
    private static async Task Handle(HttpContext ctx, RequestDelegate next)
    {
        try
        {
            await next(ctx).ConfigureAwait(false);
        }
        catch (ApiError e)
        {
            await WriteError(ctx, e).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await WriteError(ctx, ApiError.BadRequest($"request body is not valid JSON: {e.Message}")).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ctx.RequestAborted.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"astro-sim: {ctx.Request.Method} {ctx.Request.Path}: {e}").ConfigureAwait(false);
            if (!ctx.Response.HasStarted) await WriteError(ctx, new ApiError(500, "internal error in astro-sim")).ConfigureAwait(false);
        }
    }

    private static async Task WriteFault(HttpContext ctx, Fault fault, int status)
    {
        if (fault.RetryAfter is { } retryAfter) ctx.Response.Headers.RetryAfter = retryAfter;
        var message = fault.Message ?? (status == 429 ? "rate limit exceeded (injected by astro-sim)" : $"injected fault {status}");
        if (fault.EchoRequest)
        {
            ctx.Request.Body.Position = 0;
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
            message += $" (request: Authorization: {ctx.Request.Headers.Authorization}; body: {body})";
        }
        await WriteError(ctx, new ApiError(status, message, fault.FieldErrors)).ConfigureAwait(false);
    }

    // Per-request notes the request log picks up (HttpContext.Items keys).
    private const string ThrottledKey = "astro-sim.throttled";
    private const string RequestBodyKey = "astro-sim.request-body";
    private const string ResponseBodyKey = "astro-sim.response-body";
    private const string ResponsesKey = "astro-sim.responses";

    /// <summary>The startup token opens everything; a live API token's value (ApiTokenApi.cs) opens the API under /v1.</summary>
    private static bool Authorized(HttpContext ctx, AstroSim sim, bool control) =>
        string.Equals(BearerToken(ctx), sim.Options.Token, StringComparison.Ordinal) || !control && sim.Authenticates(BearerToken(ctx));

    /// <summary>The bearer token the request presents, or "" without one.</summary>
    private static string BearerToken(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : "";
    }

    internal static async Task WriteError(HttpContext ctx, ApiError error)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = error.Status;
        ctx.Response.ContentType = "application/json";
        var requestId = Ids.RandomString(20);
        ctx.Response.Headers["x-request-id"] = requestId;
        var text = error.ToBody(requestId).ToString(Formatting.None);
        KeepResponseBody(ctx, text);
        await ctx.Response.WriteAsync(text).ConfigureAwait(false);
    }

    /// <summary>
    /// A body for the log with secret values replaced: the value of any object marked <c>isSecret: true</c> (a secret
    /// environment variable), any <c>password</c>, <c>basicToken</c> or API token value (<c>token</c>), the value of an
    /// environment object's variable or variable override (an update does not say whether it is secret), and the secret
    /// <c>extra</c> keys of the connection auth types (AccessCatalog). Astro never answers with them (except a new
    /// token's value), and the log does not keep them.
    /// </summary>
    internal static string Redacted(string text)
    {
        JToken token;
        try
        {
            // Timestamps stay the strings the client sent.
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            return text;
        }
        static bool Secret(JObject o, JProperty p) =>
            p.Name is "password" or "basicToken" or "token"
            || p.Name == "value" && (o["isSecret"] is { Type: JTokenType.Boolean } secret && (bool)secret
                || o.Parent is JProperty { Name: "airflowVariable" or "environmentVariable" })
            || o.Parent is JProperty { Name: "extra" } && SecretExtraKeys.Contains(p.Name);
        var objects = token.SelectTokens("$..*").OfType<JObject>().ToList();
        if (token is JObject root) objects.Add(root);
        var secrets = objects
            .SelectMany(o => o.Properties().Where(p => Secret(o, p)))
            .Where(p => p.Value.Type == JTokenType.String)
            .ToList();
        if (secrets.Count == 0) return text;
        foreach (var p in secrets) p.Value = "[redacted]";
        return token.ToString(Formatting.None);
    }

    private static readonly HashSet<string> SecretExtraKeys = AccessCatalog.ConnectionAuthTypes.Values
        .SelectMany(a => a.Parameters).Where(p => p.InExtra && p.Secret).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private static void KeepResponseBody(HttpContext ctx, string text)
    {
        if (ctx.RequestServices.GetService<AstroSim>() is { LogBodies: true }) ctx.Items[ResponseBodyKey] = Redacted(text);
    }

    internal static IResult Json(JToken body, int status = 200) =>
        Results.Content(body.ToString(Formatting.None), "application/json", Encoding.UTF8, status);

    /// <summary>
    /// A request header that asks for this one answer in another response mode (<c>full</c>, <c>lean</c> or <c>null</c>),
    /// whatever the current mode: for a test or an operator that looks at what astro-sim stores while the client under
    /// test gets lean answers. Astro has no such header.
    /// </summary>
    public const string ResponsesHeader = "X-Astro-Sim-Responses";

    /// <summary>
    /// An API answer, shaped on its way out by the response mode (or the request's <see cref="ResponsesHeader"/>): the
    /// operation the request matches in the API model gives the answer's type, whose optional fields lean and null modes
    /// leave out or null. The stored state stays full.
    /// </summary>
    internal sealed class ApiAnswer(AstroSim sim, JToken body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext ctx)
        {
            var mode = ResponseModes.TryParse(ctx.Request.Headers[ResponsesHeader].FirstOrDefault(), out var asked) ? asked : sim.Responses;
            ctx.Items[ResponsesKey] = mode;
            if (mode != ResponseMode.Full && sim.Model is { } model
                && model.Match(ctx.Request.Method, ctx.Request.Path.Value ?? "")?.SuccessType is { } type)
                ResponseShaper.Shape(model, body, type, mode);
            var text = body.ToString(Formatting.None);
            KeepResponseBody(ctx, text);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json; charset=utf-8";
            return ctx.Response.WriteAsync(text);
        }
    }

    internal static async Task<JObject> ReadBody(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        if (ctx.RequestServices.GetService<AstroSim>() is { LogBodies: true }) ctx.Items[RequestBodyKey] = Redacted(text);
        if (string.IsNullOrWhiteSpace(text)) throw ApiError.BadRequest("request body is required");
        JToken token;
        try
        {
            using var json = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            token = JToken.ReadFrom(json);
        }
        catch (JsonException e)
        {
            throw ApiError.BadRequest($"request body is not valid JSON: {e.Message}");
        }
        return token as JObject ?? throw ApiError.BadRequest("request body must be a JSON object");
    }

    private static void MapApi(WebApplication app, AstroSim sim)
    {
        const string Org = "/v1/organizations/{org}";
        const string Dep = Org + "/deployments/{dep}";

        IResult Run(string org, Func<JToken?> action, int status = 200)
        {
            sim.CheckOrganization(org);
            JToken? result;
            lock (sim.Store.Gate) result = action();
            return result is null ? Results.StatusCode(204) : new ApiAnswer(sim, result, status);
        }

        async Task<IResult> RunWithBody(HttpContext ctx, string org, Func<JObject, JToken?> action)
        {
            sim.CheckOrganization(org);
            var body = await ReadBody(ctx).ConfigureAwait(false);
            return Run(org, () => action(body));
        }

        app.MapGet("/v1/organizations", (HttpContext ctx) => Run(sim.Options.OrganizationId, () => sim.ListOrganizations(ctx.Request.Query)));
        app.MapGet(Org, (string org, HttpContext ctx) =>
            Run(org, () => sim.GetOrganization(string.Equals(ctx.Request.Query["isLookUpOnly"], "true", StringComparison.OrdinalIgnoreCase))));
        app.MapGet(Org + "/workspaces", (string org, HttpContext ctx) => Run(org, () => sim.ListWorkspaces(ctx.Request.Query)));
        app.MapGet(Org + "/workspaces/{id}", (string org, string id) => Run(org, () => sim.GetWorkspace(id)));
        app.MapGet(Org + "/cluster-options", (string org, HttpContext ctx) => Run(org, () => sim.ClusterOptions(ctx.Request.Query)));
        app.MapGet(Org + "/deployment-options", (string org, HttpContext ctx) => Run(org, () => sim.DeploymentOptions(ctx.Request.Query)));

        app.MapGet(Org + "/clusters", (string org, HttpContext ctx) => Run(org, () => sim.ListClusters(ctx.Request.Query)));
        app.MapPost(Org + "/clusters", (string org, HttpContext ctx) => RunWithBody(ctx, org, sim.CreateCluster));
        app.MapGet(Org + "/clusters/{id}", (string org, string id) => Run(org, () => sim.GetCluster(id)));
        app.MapPost(Org + "/clusters/{id}", (string org, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateCluster(id, b)));
        app.MapDelete(Org + "/clusters/{id}", (string org, string id) => Run(org, () => { sim.DeleteCluster(id); return null; }));

        app.MapGet(Org + "/deployments", (string org, HttpContext ctx) => Run(org, () => sim.ListDeployments(ctx.Request.Query)));
        app.MapPost(Org + "/deployments", (string org, HttpContext ctx) => RunWithBody(ctx, org, sim.CreateDeployment));
        app.MapGet(Dep, (string org, string dep) => Run(org, () => sim.GetDeployment(dep)));
        app.MapPost(Dep, (string org, string dep, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateDeployment(dep, b)));
        app.MapDelete(Dep, (string org, string dep) => Run(org, () => { sim.DeleteDeployment(dep); return null; }));
        app.MapPost(Dep + "/hibernation-override", (string org, string dep, HttpContext ctx) => RunWithBody(ctx, org, b => sim.SetHibernationOverride(dep, b)));
        app.MapDelete(Dep + "/hibernation-override", (string org, string dep) => Run(org, () => { sim.DeleteHibernationOverride(dep); return null; }));
        app.MapGet(Dep + "/logs", (string org, string dep, HttpContext ctx) => Run(org, () => sim.DeploymentLogs(dep, ctx.Request.Query)));

        app.MapGet(Dep + "/deploys", (string org, string dep, HttpContext ctx) => Run(org, () => sim.ListDeploys(dep, ctx.Request.Query)));
        app.MapPost(Dep + "/deploys", (string org, string dep, HttpContext ctx) => RunWithBody(ctx, org, b => sim.CreateDeploy(dep, b)));
        app.MapGet(Dep + "/deploys/{id}", (string org, string dep, string id) => Run(org, () => sim.GetDeploy(dep, id)));
        app.MapPost(Dep + "/deploys/{id}", (string org, string dep, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.UpdateDeploy(dep, id, b)));
        app.MapPost(Dep + "/deploys/{id}/finalize", (string org, string dep, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.FinalizeDeploy(dep, id, b)));
        app.MapPost(Dep + "/deploys/{id}/rollback", (string org, string dep, string id, HttpContext ctx) => RunWithBody(ctx, org, b => sim.RollbackDeploy(dep, id, b)));

        EnvironmentRoutes.Map(app, sim, (org, action) => Run(org, action), RunWithBody);
    }

    private static void MapBlobs(WebApplication app, AstroSim sim)
    {
        async Task<IResult> Put(HttpContext ctx, string id)
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
            Blob blob;
            lock (sim.Store.Gate) blob = sim.PutBlob(id, ctx.Request.Query["sig"], ctx.Request.Headers["x-ms-blob-type"], buffer.ToArray());
            ctx.Response.Headers["x-ms-version-id"] = blob.VersionId;
            ctx.Response.Headers["x-ms-request-server-encrypted"] = "true";
            ctx.Response.Headers["Content-MD5"] = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(blob.Data));
            ctx.Response.Headers.ETag = $"\"0x{blob.VersionId.GetHashCode():X8}\"";
            return Results.StatusCode(201);
        }

        IResult Get(HttpContext ctx, string id)
        {
            Blob? blob;
            lock (sim.Store.Gate)
            {
                var deploy = sim.Store.Get(SimStore.Deploy, id);
                if (deploy is null || AstroSim.Str(AstroSim.Sim(deploy), "sig") != ctx.Request.Query["sig"])
                    throw new ApiError(403, "AuthenticationFailed: Server failed to authenticate the request.");
                blob = sim.GetBlob(id, ctx.Request.Query["versionid"].FirstOrDefault());
            }
            if (blob is null) throw new ApiError(404, "BlobNotFound: The specified blob does not exist.");
            ctx.Response.Headers["x-ms-version-id"] = blob.VersionId;
            return Results.Bytes(blob.Data, "application/octet-stream");
        }

        app.MapPut("/_blob/dags/{id}", Put);
        app.MapPut("/_blob/bundles/{id}", Put);
        app.MapGet("/_blob/dags/{id}", Get);
        app.MapGet("/_blob/bundles/{id}", Get);
    }
}
