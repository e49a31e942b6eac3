using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Provider configuration through the real plugin: the default provider's strings, an explicit provider's typed
/// values, the environment fallbacks, the legacy variables map, and DiffConfig (protocol fact sheet §2.3, §2.5).
/// </summary>
public sealed class ProviderConfigTests
{
    private const string ProviderUrn = "urn:pulumi:dev::proj::pulumi:providers:astro::default";
    private SimServer _sim = null!;

    [OneTimeSetUp]
    public async Task Start() => _sim = await SimServer.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _sim.DisposeAsync();

    private Struct Config(string? token = null, string? organizationId = null, string? host = null) => Struct(
        ("host", S(host ?? _sim.BaseUrl.ToString())),
        ("organizationId", S(organizationId ?? _sim.OrganizationId)),
        ("token", Secret(S(token ?? _sim.Token))));

    /// <summary>A Read of an id that does not exist: proves the configured client reaches astro-sim with a good token.</summary>
    private static Task<ReadResponse> Probe(PluginProcess plugin) => plugin.Client.ReadAsync(new ReadRequest
    {
        Id = "cnotthereatallxxxxxxxxxxx", Type = "astro:index:Deployment", Urn = "urn:pulumi:dev::proj::astro:index:Deployment::probe",
    }).ResponseAsync;

    [Test]
    public async Task CheckConfig_ExplicitProviderWithVersionAndSecretToken_NoFailuresAndVersionKept()
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        var news = Config();
        news.Fields["version"] = S("0.1.0");
        var reply = await plugin.Client.CheckConfigAsync(new CheckRequest { Urn = ProviderUrn, News = news });
        Assert.That(reply.Failures, Is.Empty);
        Assert.That(reply.Inputs.Fields["version"].StringValue, Is.EqualTo("0.1.0"), "the engine restores version anyway; we keep it");
        Assert.That(reply.Inputs.Fields["token"].StructValue.Fields.ContainsKey(Protocol.Marshal.SigKey), Is.True, "the token stays secret");
    }

    [Test]
    public async Task CheckConfig_UnknownValueInPreview_NoFailures()
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        var reply = await plugin.Client.CheckConfigAsync(new CheckRequest { Urn = ProviderUrn, News = Struct(("organizationId", Unknown)) });
        Assert.That(reply.Failures, Is.Empty, "config with unknowns is not configured at all, so nothing is checked yet");
    }

    [Test]
    public async Task Configure_OnlyEnvironmentVariables_ReachesAstro()
    {
        await using var plugin = await PluginProcess.StartAsync(null, new Dictionary<string, string?>
        {
            ["ASTRO_HOST"] = _sim.BaseUrl.ToString(),
            ["ASTRO_ORGANIZATION_ID"] = _sim.OrganizationId,
            ["ASTRO_API_TOKEN"] = _sim.Token,
        });
        var check = await plugin.Client.CheckConfigAsync(new CheckRequest { Urn = ProviderUrn, News = new Struct() });
        Assert.That(check.Failures, Is.Empty);
        await plugin.Client.ConfigureAsync(new ConfigureRequest { Args = check.Inputs, AcceptSecrets = true });
        Assert.That((await Probe(plugin)).Id, Is.Empty);
    }

    [Test]
    public async Task Configure_LegacyVariablesMapOnly_ReachesAstro()
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        var request = new ConfigureRequest { AcceptSecrets = true };
        request.Variables["astro:config:host"] = _sim.BaseUrl.ToString();
        request.Variables["astro:config:organizationId"] = _sim.OrganizationId;
        request.Variables["astro:config:token"] = _sim.Token;
        var reply = await plugin.Client.ConfigureAsync(request);
        Assert.That(reply.AcceptSecrets && reply.SupportsPreview, Is.True);
        Assert.That((await Probe(plugin)).Id, Is.Empty);
    }

    [Test]
    public async Task Configure_WrongToken_CallsFailUnauthenticatedWithoutTheToken()
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        await plugin.Client.ConfigureAsync(new ConfigureRequest { Args = Config(token: "wrong-token-abcdef"), AcceptSecrets = true });
        var e = Assert.ThrowsAsync<RpcException>(() => Probe(plugin))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(e.Status.Detail, Does.Not.Contain("wrong-token-abcdef"));
        Assert.That(plugin.Stderr, Does.Not.Contain("wrong-token-abcdef"));
    }

    [Test]
    public async Task Configure_MissingToken_InvalidArgumentNamingKeyAndEnvVar()
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        var e = Assert.ThrowsAsync<RpcException>(async () =>
            await plugin.Client.ConfigureAsync(new ConfigureRequest { Args = Struct(("organizationId", S(_sim.OrganizationId))), AcceptSecrets = true }))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.Status.Detail, Does.Contain("astro:token").And.Contain("ASTRO_API_TOKEN"));
    }

    [TestCase("token", false)]
    [TestCase("organizationId", true)]
    [TestCase("host", true)]
    public async Task DiffConfig_KeyChanged_ReplacesOnlyWhenResourcesWouldBeOrphaned(string key, bool replaces)
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        var olds = Config();
        var news = key switch
        {
            "token" => Config(token: "a-rotated-token"),
            "organizationId" => Config(organizationId: "clotherorg000000000000001"),
            _ => Config(host: "https://api.astronomer.io"),
        };
        var diff = await plugin.Client.DiffConfigAsync(new DiffRequest { Urn = ProviderUrn, Olds = olds, OldInputs = olds, News = news });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffSome));
        Assert.That(diff.Diffs, Is.EquivalentTo(new[] { key }));
        Assert.That(diff.Replaces, replaces ? Is.EquivalentTo(new[] { key }) : Is.Empty);
        Assert.That(diff.ToString(), Does.Not.Contain("a-rotated-token"), "a diff never shows a secret");
    }

    [Test]
    public async Task DiffConfig_SameValuesTokenRewrapped_NoChanges()
    {
        await using var plugin = await PluginProcess.StartAsync(null);
        var olds = Config();
        var news = Config();
        news.Fields["token"] = S(_sim.Token);
        var diff = await plugin.Client.DiffConfigAsync(new DiffRequest { Urn = ProviderUrn, Olds = olds, OldInputs = olds, News = news });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone));
    }
}
