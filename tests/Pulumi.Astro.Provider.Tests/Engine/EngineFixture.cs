using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// One astro-sim (short transitions), a fake engine and a pool of plugin processes per fixture. Each test makes its
/// own stack with <see cref="NewStack"/>; stacks of one fixture share the pool, as tests of a fixture run one at a time.
/// <paramref name="responses"/> is how astro-sim answers the plugin: <c>full</c>, <c>lean</c> (every field the API
/// model marks optional left out) or <c>null</c> (sent as null); the fixture's own look at astro-sim (<see cref="Api"/>)
/// always sees the full stored object.
/// </summary>
public abstract class EngineFixture(string responses = "full")
{
    /// <summary>The response mode astro-sim answers the plugin in.</summary>
    protected string Responses { get; } = responses;

    /// <summary>Whether the plugin gets lean (or null) answers.</summary>
    protected bool Lean => Responses != "full";

    public const string DeploymentType = "astro:index:Deployment";
    public const string ClusterType = "astro:index:Cluster";
    public const string DeployType = "astro:index:Deploy";
    public const string HibernationOverrideType = "astro:index:HibernationOverride";

    protected SimServer Sim { get; private set; } = null!;
    protected FakeEngine Engine { get; private set; } = null!;
    protected PluginPool Pool { get; private set; } = null!;

    /// <summary>Environment variables for every plugin the fixture starts (besides the ASTRO_* ones, which are cleared).</summary>
    protected virtual IDictionary<string, string?>? PluginEnvironment => null;

    [OneTimeSetUp]
    public async Task StartEngine()
    {
        Sim = await SimServer.StartAsync(o =>
        {
            if (!Simulator.ResponseModes.TryParse(Responses, out var mode)) throw new ArgumentException($"no response mode '{Responses}'");
            o.Responses = mode;
        });
        Engine = await FakeEngine.StartAsync();
        Pool = new PluginPool(Engine, PluginEnvironment);
    }

    [OneTimeTearDown]
    public async Task StopEngine()
    {
        await Pool.DisposeAsync();
        await Engine.DisposeAsync();
        await Sim.DisposeAsync();
    }

    protected EngineReplay NewStack(ImportRule imports = ImportRule.Strict) => new(Pool) { Imports = imports };

    /// <summary>astro-sim's address as a stack config value: the host without a trailing slash.</summary>
    protected string Host => Sim.BaseUrl.ToString().TrimEnd('/');

    /// <summary>The stack's astro:* config for astro-sim, as the default provider gets it (strings, the token secret).</summary>
    protected Struct Config(string? host = null) => Struct(("host", S(host ?? Host)), ("organizationId", S(Sim.OrganizationId)), ("token", Secret(S(Sim.Token))));

    protected StackProgram NewProgram() => new() { Config = Config() };

    /// <summary>A unique, valid Astro name for this test's objects.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Write calls (not GET) to Astro's API since the log was last cleared, or since entry <paramref name="since"/> of the log.</summary>
    protected async Task<IReadOnlyList<SimRequest>> WritesAsync(int since = 0) =>
        (await Sim.Control.RequestsAsync()).Skip(since).Where(r => r.Method != "GET" && r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();

    /// <summary>How many entries the request log has now: a mark for <see cref="WritesAsync"/>.</summary>
    protected async Task<int> LogMarkAsync() => (await Sim.Control.RequestsAsync()).Count;

    /// <summary>
    /// A call to astro-sim's API under the organization, as the Astro UI or another stack would make it. It always gets
    /// the full answer (astro-sim's X-Astro-Sim-Responses header), so a test sees what astro-sim stores whatever the
    /// plugin is answered.
    /// </summary>
    protected async Task<JObject> Api(HttpMethod method, string path, JObject? body = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, $"{Sim.OrgUrl}/{path}");
        request.Headers.Add("Authorization", $"Bearer {Sim.Token}");
        request.Headers.Add(Simulator.SimulatorHost.ResponsesHeader, "full");
        if (body is not null) request.Content = new StringContent(body.ToString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return text.Length == 0 ? [] : JObject.Load(reader);
    }

    /// <summary>The Deployments astro-sim has with this name (in the fixture's workspace).</summary>
    protected async Task<IReadOnlyList<JObject>> DeploymentsNamed(string name) =>
        (await Api(HttpMethod.Get, $"deployments?names={Uri.EscapeDataString(name)}"))["deployments"]!.Cast<JObject>().ToList();

    /// <summary>The clusters astro-sim has with this name.</summary>
    protected async Task<IReadOnlyList<JObject>> ClustersNamed(string name) =>
        (await Api(HttpMethod.Get, $"clusters?names={Uri.EscapeDataString(name)}"))["clusters"]!.Cast<JObject>().ToList();

    /// <summary>A STANDARD Deployment program (no secrets): what most engine tests declare.</summary>
    protected Struct PlainDeployment(string name) => Struct(
        ("type", S("STANDARD")), ("name", S(name)), ("workspaceId", S(Sim.WorkspaceId)), ("cloudProvider", S("AWS")), ("region", S("us-east-1")),
        ("executor", S("CELERY")), ("defaultTaskPodCpu", S("0.5")), ("defaultTaskPodMemory", S("1Gi")), ("resourceQuotaCpu", S("10")),
        ("resourceQuotaMemory", S("20Gi")),
        ("workerQueues", List(Obj(("name", S("default")), ("isDefault", B(true)), ("astroMachine", S("A5")),
            ("minWorkerCount", N(0)), ("maxWorkerCount", N(10)), ("workerConcurrency", N(5))))));

    /// <summary>A CREATED cluster of <paramref name="type"/> made directly at astro-sim; its id and its node pool's id.</summary>
    protected async Task<(string Id, string PoolId)> SimCluster(string type)
    {
        var body = new JObject
        {
            ["cloudProvider"] = "AWS", ["type"] = type, ["name"] = Unique(type.ToLowerInvariant()), ["region"] = "us-east-1",
            ["vpcSubnetRange"] = "172.20.0.0/22", ["workspaceIds"] = new JArray(Sim.WorkspaceId),
            ["nodePools"] = new JArray(new JObject { ["name"] = "pool", ["nodeInstanceType"] = "m5.xlarge", ["maxNodeCount"] = 10, ["isDefault"] = true }),
        };
        if (type == "HYBRID")
        {
            body["providerAccount"] = "123456789012";
            body["dbInstanceType"] = "db.t3.medium";
        }
        var id = (string)(await Api(HttpMethod.Post, "clusters", body))["id"]!;
        var cluster = await Until($"clusters/{id}", c => (string?)c["status"] == "CREATED");
        return (id, (string)cluster["nodePools"]![0]!["id"]!);
    }

    /// <summary>A HEALTHY STANDARD Deployment made directly at astro-sim.</summary>
    protected async Task<string> SimDeployment(string name, bool developmentMode)
    {
        var body = new JObject
        {
            ["type"] = "STANDARD", ["name"] = name, ["workspaceId"] = Sim.WorkspaceId, ["cloudProvider"] = "AWS", ["region"] = "us-east-1",
            ["isDevelopmentMode"] = developmentMode, ["defaultTaskPodCpu"] = "0.5", ["defaultTaskPodMemory"] = "1Gi",
            ["resourceQuotaCpu"] = "10", ["resourceQuotaMemory"] = "20Gi",
        };
        var id = (string)(await Api(HttpMethod.Post, "deployments", body))["id"]!;
        await Until($"deployments/{id}", d => (string?)d["status"] == "HEALTHY");
        return id;
    }

    /// <summary>The stored object once <paramref name="done"/> holds, polled briefly; fails after a ceiling far above astro-sim's 0.3 s transitions.</summary>
    protected async Task<JObject> Until(string path, Func<JObject, bool> done)
    {
        using var ceiling = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var stored = await Api(HttpMethod.Get, path);
            if (done(stored)) return stored;
            await Task.Delay(50, ceiling.Token);
        }
    }
}
