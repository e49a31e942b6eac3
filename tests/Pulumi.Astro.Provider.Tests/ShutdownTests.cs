using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The plugin told to stop while a create waits: SIGINT (what the engine sends its plugins before it kills them), SIGTERM,
/// or the engine gone (the watchdog). Every wait is cancelled at once and the in-flight create answers with partial
/// state (the Deployment's id) before the process exits. Each test has its own plugin, which it stops.
/// </summary>
public sealed class ShutdownTests
{
    private const string Type = "astro:index:Deployment";

    /// <summary>The Deployment takes ten minutes to become HEALTHY: the interrupted wait is far longer than any ceiling here.</summary>
    private const double DeploymentSeconds = 600;

    /// <summary>A generous ceiling for an answer that comes within a second or two on an idle machine.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    [TestCase("INT")]
    [TestCase("TERM")]
    public async Task Signal_DuringCreateWait_AnswersPartialStateWithIdAndExits(string signal)
    {
        await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = DeploymentSeconds);
        await using var engine = await FakeEngine.StartAsync();
        await using var plugin = await PluginProcess.StartAsync(engine.Address, defaultSigint: true);
        var create = await CreateAndWaitForTheWait(sim, engine, plugin, "signalled");

        plugin.Signal(signal);

        var error = Assert.ThrowsAsync<RpcException>(async () => await create.WaitAsync(Ceiling))!;
        await AssertPartialStateOfLiveDeployment(sim, error);
        Assert.That(await plugin.ExitCodeAsync(Ceiling), Is.Zero, plugin.Stderr);
    }

    [Test]
    public async Task EngineGone_DuringCreateWait_AnswersPartialStateWithIdAndExits()
    {
        await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = DeploymentSeconds);
        var engine = await FakeEngine.StartAsync();
        await using var plugin = await PluginProcess.StartAsync(engine.Address);
        var create = await CreateAndWaitForTheWait(sim, engine, plugin, "orphaned");

        // The CLI crashed: the watchdog finds the engine unreachable twice (it polls every 5 s) and stops the plugin.
        await engine.DisposeAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await create.WaitAsync(Ceiling))!;
        await AssertPartialStateOfLiveDeployment(sim, error);
        Assert.That(await plugin.ExitCodeAsync(Ceiling), Is.Zero, plugin.Stderr);
        Assert.That(plugin.Stderr, Does.Contain("the engine is gone"));
    }

    /// <summary>Configures the plugin, starts a Deployment create and returns its call once the wait is under way.</summary>
    private static async Task<Task<CreateResponse>> CreateAndWaitForTheWait(SimServer sim, FakeEngine engine, PluginProcess plugin, string name)
    {
        await plugin.Client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = engine.Address });
        await plugin.Client.ConfigureAsync(new ConfigureRequest
        {
            Args = Struct(("host", S(sim.BaseUrl.ToString())), ("organizationId", S(sim.OrganizationId)), ("token", Secret(S(sim.Token)))),
            AcceptSecrets = true,
        });
        var urn = $"urn:pulumi:dev::proj::{Type}::{name}";
        var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = urn, Name = name, Type = Type, Olds = new Struct(), News = StandardDeployment(sim.WorkspaceId, name) });
        Assert.That(check.Failures, Is.Empty);
        var create = plugin.Client.CreateAsync(new CreateRequest { Urn = urn, Name = name, Type = Type, Properties = check.Inputs }).ResponseAsync;
        // The wait is under way once the first progress line arrives.
        await engine.WaitForLogAsync(l => l.Urn == urn && l.Ephemeral && l.Message.StartsWith("CREATING", StringComparison.Ordinal), Ceiling);
        return create;
    }

    private static async Task AssertPartialStateOfLiveDeployment(SimServer sim, RpcException error)
    {
        Assert.That(error.StatusCode, Is.Not.EqualTo(StatusCode.Internal), error.Status.Detail);
        var detail = PartialState.From(error);
        Assert.That(detail, Is.Not.Null, $"no partial state: {error.Status}");
        Assert.That(detail!.Id, Does.Match("^c[a-z0-9]{24}$"));
        Assert.That(detail.Properties.Fields["status"].StringValue, Is.EqualTo("CREATING"));
        Assert.That(error.Status.Detail, Does.Contain("cancelled"));
        // The id names the Deployment Astro has: nothing is orphaned.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", sim.Token);
        using var live = await http.GetAsync($"{sim.OrgUrl}/deployments/{detail.Id}");
        Assert.That((int)live.StatusCode, Is.EqualTo(200));
    }
}
