using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>Transition times; the control API can change them at run time.</summary>
internal sealed class Timings
{
    public double ClusterSeconds { get; set; }
    public double DeploymentSeconds { get; set; }
    public double DeploySeconds { get; set; }
}

/// <summary>
/// Statuses the model does not list that Deployments and Clusters show for the first <see cref="Fraction"/> of each
/// create or update transition (null: none), so clients meet a status added to the API after they were built.
/// </summary>
internal sealed class TransitionalStatuses
{
    public string? Deployment { get; set; }
    public string? Cluster { get; set; }
    public double Fraction { get; set; } = 0.5;
}

/// <summary>
/// The simulated Astro organization: the store, the clock and the transition times, with the helpers every
/// endpoint shares. Each <c>*Api</c> partial holds one resource's endpoints.
/// </summary>
internal sealed partial class AstroSim : IDisposable
{
    public const string Internal = "_sim";

    public SimulatorOptions Options { get; }
    public SimStore Store { get; }
    public Timings Timings { get; }
    public TimeProvider Time => Options.Time;

    /// <summary>The API model lean and null answers follow; null when astro-sim was started without one.</summary>
    public ApiModel? Model { get; }

    private volatile int _responses;

    /// <summary>How answers are shaped now; the control API changes it.</summary>
    public ResponseMode Responses
    {
        get => (ResponseMode)_responses;
        set => _responses = (int)value;
    }

    public TransitionalStatuses Transitional { get; } = new();
    public RateLimiter Limiter { get; }

    /// <summary>Whether the request log keeps bodies now; the control API changes it.</summary>
    public bool LogBodies { get; set; }

    /// <summary>Set once the host listens, so upload URLs can point back at astro-sim's own blob endpoint.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    public AstroSim(SimulatorOptions options)
    {
        options.Validate();
        Options = options;
        Model = options.ModelPath is { } modelPath ? ApiModel.Load(modelPath) : null;
        Limiter = new RateLimiter(options.Time);
        RestoreSettings();
        Timings = new Timings
        {
            ClusterSeconds = options.ClusterSeconds,
            DeploymentSeconds = options.DeploymentSeconds,
            DeploySeconds = options.DeploySeconds,
        };
        Store = new SimStore(options.DbPath);
        lock (Store.Gate) Seed();
    }

    public void Dispose() => Store.Dispose();

    public DateTimeOffset Now => Time.GetUtcNow();
    public long NowMs => Now.ToUnixTimeMilliseconds();
    public string Stamp() => Formats.FormatTime(Now);
    public static string Stamp(long ms) => Formats.FormatTime(DateTimeOffset.FromUnixTimeMilliseconds(ms));
    public static long After(long ms, double seconds) => ms + (long)Math.Round(seconds * 1000);

    /// <summary>Seeds the organization's workspace and users if they are not there yet (a reused --db keeps its own).</summary>
    public void Seed()
    {
        SeedUsers();
        if (Store.Get(SimStore.Workspace, Options.WorkspaceId) is not null) return;
        var now = Stamp();
        var ws = new JObject
        {
            ["id"] = Options.WorkspaceId,
            ["name"] = Options.WorkspaceName,
            ["organizationId"] = Options.OrganizationId,
            ["organizationName"] = OrganizationName,
            ["description"] = "Seeded by astro-sim",
            ["cicdEnforcedDefault"] = false,
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject { ["created"] = NowMs },
        };
        Store.Put(SimStore.Workspace, Options.WorkspaceId, ws);
    }

    public void Reset()
    {
        Store.Clear();
        Seed();
        RestoreSettings();
    }

    /// <summary>Answer shape, transitional statuses, rate limit, body logging and caller address as the startup options set them.</summary>
    private void RestoreSettings()
    {
        Responses = Options.Responses;
        Transitional.Deployment = Options.TransitionalStatus;
        Transitional.Cluster = Options.TransitionalStatus;
        Transitional.Fraction = Options.TransitionalFraction;
        Limiter.Configure(Options.RateLimit, Options.RateBurst);
        Limiter.ResetCounters();
        LogBodies = Options.LogBodies;
        CallerIpOverride = null;
    }

    /// <summary>
    /// The status an object shows: its derived <paramref name="status"/>, or the configured transitional status during the
    /// first part of a create or update transition. Only answers change; every rule keeps using the derived status.
    /// </summary>
    public string Shown(string? transitional, JObject obj, string status)
    {
        var sim = Sim(obj);
        if (transitional is null || Str(sim, "forced") is not null) return status;
        if (Ms(sim, "busySince") is not { } from || Ms(sim, "busyUntil") is not { } until) return status;
        var now = NowMs;
        return now < until && now < from + (until - from) * Transitional.Fraction ? transitional : status;
    }

    public string OrganizationName => CurrentOrganizationName;

    /// <summary>The API token's subject, as Astro records who created or updated an object (§5.5).</summary>
    public static JObject Subject() => new()
    {
        ["id"] = "clsimtoken000000000000001",
        ["subjectType"] = "SERVICEKEY",
        ["apiTokenName"] = "astro-sim token",
    };

    /// <summary>Paths of another organization answer 403, which every endpoint documents (§2).</summary>
    public void CheckOrganization(string org)
    {
        if (!string.Equals(org, Options.OrganizationId, StringComparison.Ordinal))
            throw new ApiError(403, $"the API token is not authorized for organization {org}");
    }

    public static JObject Sim(JObject obj)
    {
        if (obj[Internal] is not JObject sim) obj[Internal] = sim = new JObject();
        return sim;
    }

    public static long? Ms(JObject sim, string name) => sim[name] is { Type: JTokenType.Integer } t ? (long)t : null;

    /// <summary>A copy of a stored object without its private members: what the API returns.</summary>
    public static JObject Public(JObject stored)
    {
        var copy = (JObject)stored.DeepClone();
        copy.Remove(Internal);
        return copy;
    }

    /// <summary>Gets a live object; one whose deletion has completed is purged and reads as absent (404).</summary>
    public JObject? Find(string kind, string id)
    {
        var obj = Store.Get(kind, id);
        if (obj is null) return null;
        if (Ms(Sim(obj), "goneAt") is { } gone && NowMs >= gone)
        {
            Store.Remove(kind, id);
            return null;
        }
        return obj;
    }

    public IEnumerable<JObject> Live(string kind) =>
        Store.All(kind).ToList().Where(o => Find(kind, (string)o["id"]!) is not null);

    public static string? Str(JObject obj, string name) => obj[name] is { Type: JTokenType.String } t ? (string?)t : null;
    public static bool? Bool(JObject obj, string name) => obj[name] is { Type: JTokenType.Boolean } t ? (bool)t : null;

    /// <summary>Copies the given fields from a request to an object, dropping explicit nulls.</summary>
    public static void CopyFields(JObject from, JObject to, params string[] names)
    {
        foreach (var name in names)
        {
            if (from[name] is { } v && v.Type != JTokenType.Null) to[name] = v.DeepClone();
            else to.Remove(name);
        }
    }

    /// <summary>Appends a line to a deployment's log stream (served by the logs endpoint, §2).</summary>
    public void Log(JObject deployment, string source, string raw)
    {
        var sim = Sim(deployment);
        if (sim["events"] is not JArray events) sim["events"] = events = [];
        events.Add(new JObject { ["t"] = NowMs, ["source"] = source, ["raw"] = raw });
        while (events.Count > 500) events.RemoveAt(0);
    }
}
