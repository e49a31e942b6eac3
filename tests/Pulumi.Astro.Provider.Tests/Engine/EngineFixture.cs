using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// One astro-sim (short transitions), a fake engine and a pool of plugin processes per fixture. Each test makes its
/// own stack with <see cref="NewStack"/>; stacks of one fixture share the pool, as tests of a fixture run one at a time.
/// </summary>
public abstract class EngineFixture
{
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
        Sim = await SimServer.StartAsync();
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

    protected EngineReplay NewStack() => new(Pool);

    /// <summary>astro-sim's address as a stack config value: the host without a trailing slash.</summary>
    protected string Host => Sim.BaseUrl.ToString().TrimEnd('/');

    /// <summary>The stack's astro:* config for astro-sim, as the default provider gets it (strings, the token secret).</summary>
    protected Struct Config(string? host = null) => Struct(("host", S(host ?? Host)), ("organizationId", S(Sim.OrganizationId)), ("token", Secret(S(Sim.Token))));

    protected StackProgram NewProgram() => new() { Config = Config() };

    /// <summary>A unique, valid Astro name for this test's objects.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Write calls (not GET) to Astro's API since the log was last cleared.</summary>
    protected async Task<IReadOnlyList<SimRequest>> WritesAsync() =>
        (await Sim.Control.RequestsAsync()).Where(r => r.Method != "GET" && r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();

    /// <summary>A call to astro-sim's API under the organization, as the Astro UI or another stack would make it.</summary>
    protected async Task<JObject> Api(HttpMethod method, string path, JObject? body = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, $"{Sim.OrgUrl}/{path}");
        request.Headers.Add("Authorization", $"Bearer {Sim.Token}");
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
}
