using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Testing;

/// <summary>A fault for astro-sim to inject into matching API requests (see the README's control API).</summary>
public sealed record SimFault
{
    /// <summary>HTTP method or "*".</summary>
    public string Method { get; init; } = "*";
    /// <summary>Regex matched against the request path.</summary>
    public string PathPattern { get; init; } = ".*";
    /// <summary>Answer with this error status and Astro's error body.</summary>
    public int? Status { get; init; }
    /// <summary>Retry-After header of the fault response: seconds or an HTTP date.</summary>
    public string? RetryAfter { get; init; }
    /// <summary>Abort the connection without processing the request.</summary>
    public bool Drop { get; init; }
    /// <summary>Wait this long before handling the request (then handle it normally unless Status or Drop).</summary>
    public int DelayMs { get; init; }
    /// <summary>Handle the request first, then delay, drop or replace the response: "processed, but the answer was lost".</summary>
    public bool AfterHandling { get; init; }
    /// <summary>How many matching requests it applies to; 0 means unlimited.</summary>
    public int Times { get; init; } = 1;
    public double Probability { get; init; } = 1.0;
    /// <summary>The error body's message instead of "injected fault N".</summary>
    public string? Message { get; init; }
    /// <summary>The error body's fieldErrors: (field, message) pairs.</summary>
    public IReadOnlyList<(string Field, string Message)>? FieldErrors { get; init; }
    /// <summary>Echo the request's Authorization header and body in the message, as a misbehaving gateway might.</summary>
    public bool EchoRequest { get; init; }
}

/// <summary>One API request from astro-sim's request log; status 0 means the connection was dropped.</summary>
public sealed record SimRequest(string Method, string Path, string Query, int Status, DateTimeOffset Time)
{
    /// <summary>Answered 429 by astro-sim's rate limiter (an injected 429 fault is not).</summary>
    public bool Throttled { get; init; }

    /// <summary>The request's JSON body, when the log keeps bodies (<see cref="SimControl.SetLogBodiesAsync"/>).</summary>
    public string? RequestBody { get; init; }

    /// <summary>The response's JSON body as sent, when the log keeps bodies.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The response mode the answer was given in: "full", "lean" or "null".</summary>
    public string Responses { get; init; } = "full";
}

/// <summary>astro-sim's rate limiter: its settings (null when off) and what it admitted and throttled.</summary>
public sealed record SimRateLimit(double? PerSecond, int? Burst, long Admitted, long Throttled, int Buckets);

/// <summary>A client of astro-sim's control API under /_sim.</summary>
public sealed class SimControl : IDisposable
{
    private readonly HttpClient _http;

    public SimControl(Uri baseUrl, string token)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task ResetAsync() => Send(HttpMethod.Post, "/_sim/reset");

    public async Task<string> AddFaultAsync(SimFault fault)
    {
        var body = new JObject
        {
            ["method"] = fault.Method,
            ["pathPattern"] = fault.PathPattern,
            ["status"] = fault.Status,
            ["retryAfter"] = fault.RetryAfter,
            ["drop"] = fault.Drop,
            ["delayMs"] = fault.DelayMs,
            ["afterHandling"] = fault.AfterHandling,
            ["times"] = fault.Times,
            ["probability"] = fault.Probability,
            ["message"] = fault.Message,
            ["echoRequest"] = fault.EchoRequest,
        };
        if (fault.FieldErrors is { } errors)
            body["fieldErrors"] = new JArray(errors.Select(e => new JObject { ["field"] = e.Field, ["code"] = "invalid", ["message"] = e.Message }));
        return (string)(await Send(HttpMethod.Post, "/_sim/faults", body))!["id"]!;
    }

    public Task ClearFaultsAsync() => Send(HttpMethod.Delete, "/_sim/faults");

    public async Task<IReadOnlyList<SimRequest>> RequestsAsync()
    {
        var body = await Send(HttpMethod.Get, "/_sim/requests");
        return body!["requests"]!.Select(r => new SimRequest(
            (string)r["method"]!, (string)r["path"]!, (string)r["query"]!, (int)r["status"]!,
            DateTimeOffset.Parse((string)r["time"]!, System.Globalization.CultureInfo.InvariantCulture))
        {
            Throttled = (bool?)r["throttled"] ?? false,
            RequestBody = (string?)r["requestBody"],
            ResponseBody = (string?)r["responseBody"],
            Responses = (string?)r["responses"] ?? "full",
        }).ToList();
    }

    /// <summary>Whether the request log keeps request and response bodies from now on.</summary>
    public Task SetLogBodiesAsync(bool bodies) => Send(HttpMethod.Post, "/_sim/log", new JObject { ["bodies"] = bodies });

    /// <summary>
    /// Answers from now on in <paramref name="mode"/>: "full", "lean" (optional fields of the API model left out) or
    /// "null" (optional fields null). A reset returns to the startup mode.
    /// </summary>
    public Task SetResponsesAsync(string mode) => Send(HttpMethod.Post, "/_sim/responses", new JObject { ["mode"] = mode });

    /// <summary>
    /// Changes a stored object's field out of band, e.g. ("deployment", id, "schedulerSize", "XXL_NEW") or
    /// ("deployment", id, "workerQueues[0].astroMachine", "A240"); kinds are cluster, deployment, deploy and workspace.
    /// </summary>
    public Task PatchAsync(string kind, string id, string path, JToken? value) =>
        Send(HttpMethod.Post, "/_sim/patch", new JObject { ["kind"] = kind, ["id"] = id, ["path"] = path, ["value"] = value ?? JValue.CreateNull() });

    /// <summary>Removes a stored object's field out of band.</summary>
    public Task RemoveFieldAsync(string kind, string id, string path) =>
        Send(HttpMethod.Post, "/_sim/patch", new JObject { ["kind"] = kind, ["id"] = id, ["path"] = path, ["remove"] = true });

    /// <summary>
    /// Deployments and Clusters show these statuses (unknown to the API model, e.g. "PROVISIONING") for the first
    /// <paramref name="fraction"/> of each create or update transition; nulls turn it off.
    /// </summary>
    public Task SetTransitionalStatusAsync(string? deployment, string? cluster, double fraction = 0.5) =>
        Send(HttpMethod.Post, "/_sim/transitional", new JObject { ["deployment"] = deployment, ["cluster"] = cluster, ["fraction"] = fraction });

    /// <summary>Limits each API token to <paramref name="perSecond"/> requests per second with a burst; null turns it off.</summary>
    public Task SetRateLimitAsync(double? perSecond, int? burst = null) =>
        Send(HttpMethod.Post, "/_sim/ratelimit", new JObject { ["perSecond"] = perSecond, ["burst"] = burst });

    public async Task<SimRateLimit> RateLimitAsync()
    {
        var body = (await Send(HttpMethod.Get, "/_sim/ratelimit"))!;
        return new SimRateLimit((double?)body["perSecond"], (int?)body["burst"], (long)body["admitted"]!, (long)body["throttled"]!, (int)body["buckets"]!);
    }

    public Task ClearRequestsAsync() => Send(HttpMethod.Delete, "/_sim/requests");

    /// <summary>Forces an object into a status ("cluster", "deployment" or "deploy") until cleared with null.</summary>
    public Task ForceStatusAsync(string kind, string id, string? status, string? reason = null) =>
        Send(HttpMethod.Post, "/_sim/force", new JObject { ["kind"] = kind, ["id"] = id, ["status"] = status, ["reason"] = reason });

    public Task SetTimingsAsync(double? clusterSeconds = null, double? deploymentSeconds = null, double? deploySeconds = null) =>
        Send(HttpMethod.Post, "/_sim/timings", new JObject
        {
            ["clusterSeconds"] = clusterSeconds,
            ["deploymentSeconds"] = deploymentSeconds,
            ["deploySeconds"] = deploySeconds,
        });

    /// <summary>The last DAG tarball uploaded for a deploy, or null.</summary>
    public async Task<byte[]?> GetBlobAsync(string deployId)
    {
        using var response = await _http.GetAsync($"/_sim/blobs/{Uri.EscapeDataString(deployId)}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// The address astro-sim takes API requests to come from, for the organization's IP access list; null goes back to
    /// the connection's own (127.0.0.1).
    /// </summary>
    public Task SetCallerIpAsync(string? ip) => Send(HttpMethod.Post, "/_sim/caller-ip", new JObject { ["ip"] = ip });

    /// <summary>Adds an ACTIVE user to the organization, as if they had joined outside the API; returns the user's id.</summary>
    public async Task<string> AddUserAsync(string username, string? organizationRole = null) =>
        (string)(await Send(HttpMethod.Post, "/_sim/users", new JObject { ["username"] = username, ["organizationRole"] = organizationRole }))!["id"]!;

    /// <summary>The invitee of a pending invite accepts it: their user turns ACTIVE.</summary>
    public Task AcceptInviteAsync(string inviteId) => Send(HttpMethod.Post, $"/_sim/invites/{Uri.EscapeDataString(inviteId)}/accept", new JObject());

    private async Task<JObject?> Send(HttpMethod method, string path, JObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"astro-sim control {method} {path}: {(int)response.StatusCode} {text}");
        if (text.Length == 0) return null;
        // Times stay the strings astro-sim sent (with their fractions), not culture-formatted dates.
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    public void Dispose() => _http.Dispose();
}
