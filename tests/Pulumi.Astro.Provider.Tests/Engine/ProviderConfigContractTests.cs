using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Rpc.DiffResponse.Types;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// A provider config edit that changes nothing replaces nothing. The engine replaces every resource of a provider
/// whose DiffConfig says replace (step_generator.go providerChanged), so DiffConfig must compare the effective
/// configuration: defaults applied, environment fallbacks resolved, the host normalized. An unknown value (preview)
/// must not plan replacements (providers/registry.go turns DIFF_UNKNOWN into DiffNone or DiffSome, never a replace).
/// </summary>
public sealed class ProviderConfigContractTests : EngineFixture
{
    private const string DefaultProviderUrn = "urn:pulumi:dev::proj::pulumi:providers:astro::default";
    private const string Token = "a-token-for-diffconfig-only";
    private const string Organization = "clsimorg00000000000000001";

    private static Struct Cfg(string? host = null, string? organizationId = Organization, Value? token = null)
    {
        var s = Struct(("token", token ?? Secret(S(Token))));
        if (host is not null) s.Fields["host"] = S(host);
        if (organizationId is not null) s.Fields["organizationId"] = S(organizationId);
        return s;
    }

    /// <summary>DiffConfig as the engine sends it for a provider (registry.go Diff): old inputs, old outputs (= old inputs), new inputs.</summary>
    private static async Task<DiffResponse> DiffConfig(PluginProcess plugin, Struct olds, Struct news) =>
        await plugin.Client.DiffConfigAsync(new DiffRequest { Urn = DefaultProviderUrn, Id = "5e2b3f0c-0000-4000-8000-000000000001", OldInputs = olds, Olds = olds, News = news });

    private async Task<DiffResponse> DiffConfig(Struct olds, Struct news)
    {
        var plugin = await Pool.RentAsync();
        try
        {
            return await DiffConfig(plugin, olds, news);
        }
        finally
        {
            Pool.Return(plugin);
        }
    }

    [Test, Category("EngineContract")]
    public async Task DiffConfig_DefaultHostMadeExplicit_DiffNone()
    {
        var diff = await DiffConfig(Cfg(host: null), Cfg(host: "https://api.astronomer.io"));
        Assert.That(diff.Changes, Is.EqualTo(DiffChanges.DiffNone), diff.ToString());
        Assert.That(EngineReplay.IsReplace(diff), Is.False);
    }

    [TestCase("https://api.astronomer.io/")]
    [TestCase("HTTPS://API.ASTRONOMER.IO")]
    [TestCase("https://api.astronomer.io:443")]
    [TestCase("https://Api.Astronomer.io:443/")]
    [Category("EngineContract")]
    public async Task DiffConfig_HostSpelledDifferently_DiffNone(string host)
    {
        var diff = await DiffConfig(Cfg(host: "https://api.astronomer.io"), Cfg(host: host));
        Assert.That(diff.Changes, Is.EqualTo(DiffChanges.DiffNone), diff.ToString());
        Assert.That(EngineReplay.IsReplace(diff), Is.False);
    }

    [Test, Category("EngineContract")]
    public async Task DiffConfig_OrganizationMovedFromEnvironmentIntoConfig_DiffNone()
    {
        await using var plugin = await PluginProcess.StartAsync(null, new Dictionary<string, string?> { ["ASTRO_ORGANIZATION_ID"] = Organization });
        var diff = await DiffConfig(plugin, Cfg(organizationId: null), Cfg(organizationId: Organization));
        Assert.That(diff.Changes, Is.EqualTo(DiffChanges.DiffNone), diff.ToString());
    }

    [Test]
    public async Task DiffConfig_OrganizationChanged_Replaces()
    {
        var diff = await DiffConfig(Cfg(), Cfg(organizationId: "clotherorg000000000000001"));
        Assert.That(diff.Changes, Is.EqualTo(DiffChanges.DiffSome));
        Assert.That(diff.Replaces, Is.EquivalentTo(new[] { "organizationId" }));
    }

    [Test]
    public async Task DiffConfig_NewToken_UpdatesWithoutReplace()
    {
        var diff = await DiffConfig(Cfg(), Cfg(token: Secret(S("a-rotated-token-value"))));
        Assert.That(diff.Changes, Is.EqualTo(DiffChanges.DiffSome));
        Assert.That(EngineReplay.IsReplace(diff), Is.False);
        Assert.That(diff.ToString(), Does.Not.Contain("a-rotated-token-value"));
    }

    [Test, Category("EngineContract")]
    public async Task DiffConfig_UnknownOrganizationInPreview_UnknownOrSomeWithoutReplace()
    {
        var diff = await DiffConfig(Cfg(), Cfg(organizationId: null).Also("organizationId", Unknown));
        Assert.That(diff.Changes, Is.AnyOf(DiffChanges.DiffUnknown, DiffChanges.DiffSome), diff.ToString());
        Assert.That(EngineReplay.IsReplace(diff), Is.False, "an unknown config value must not plan a replacement: " + diff);
    }

    // ---- through the replay ----

    [TestCase("{0}/")]
    [TestCase("HTTP://{1}:{2}")]
    [TestCase("HTTP://{1}:{2}/")]
    [Category("EngineContract")]
    public async Task Up_HostSpelledDifferently_ReplacesNothingAndWritesNothing(string spelling)
    {
        await using var stack = NewStack();
        var name = Unique("spelled");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);
        var host = string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, Host, Sim.BaseUrl.Host, Sim.BaseUrl.Port);

        await Sim.Control.ClearRequestsAsync();
        var up = await stack.UpAsync(program.WithConfig(Config(host)));

        Assert.That(up.Replaced, Is.Empty, up.ToString());
        Assert.That(up.Steps.Where(s => s.IsProvider).Select(s => s.Op), Is.EqualTo(new[] { StepOp.Same }), up.ToString());
        Assert.That(await WritesAsync(), Is.Empty);
    }

    [Test]
    public async Task Preview_OrganizationChanged_ReplacesEveryDeploymentOfTheProvider()
    {
        await using var stack = NewStack();
        var (a, b) = (Unique("org-a"), Unique("org-b"));
        var program = NewProgram().Add(DeploymentType, a, PlainDeployment(a)).Add(DeploymentType, b, PlainDeployment(b));
        await stack.UpAsync(program);

        var config = Config();
        config.Fields["organizationId"] = S("clotherorg000000000000001");
        await Sim.Control.ClearRequestsAsync();
        var preview = await stack.UpAsync(program.WithConfig(config), preview: true);

        Assert.That(preview.Replaced, Is.EquivalentTo(new[] { a, b }), preview.ToString());
        Assert.That(preview.ResourceSteps.Where(s => s.Op == StepOp.CreateReplacement).Select(s => s.Diff!.Replaces.Single()), Is.All.EqualTo("provider"));
        Assert.That(await WritesAsync(), Is.Empty);
    }

    [Test]
    public async Task Up_OrganizationAndHostChanged_CreatesInTheNewOneAndDeletesThroughTheOld()
    {
        await using var other = await SimServer.StartAsync(o => o.OrganizationId = "clotherorg000000000000001");
        await using var stack = NewStack();
        var name = Unique("moving");
        var program = NewProgram().Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);
        var oldId = stack.State[name].Id;

        var config = Struct(("host", S(other.BaseUrl.ToString())), ("organizationId", S(other.OrganizationId)), ("token", Secret(S(other.Token))));
        var up = await stack.UpAsync(program.WithConfig(config));

        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.CreateReplacement, StepOp.DeleteReplaced }));
        var newId = stack.State[name].Id;
        Assert.That(newId, Is.Not.EqualTo(oldId));
        Assert.That((await Api(HttpMethod.Get, $"deployments/{oldId}"))["id"], Is.Null, "deleted through the old host");
        Assert.That(stack.State.Providers.Single().Inputs.Fields["organizationId"].StringValue, Is.EqualTo(other.OrganizationId));
        await stack.DestroyAsync();
    }

    [Test, Category("EngineContract")]
    public async Task Preview_ExplicitProviderWithUnknownOrganization_ReplacesNothing()
    {
        await using var stack = NewStack();
        var (a, b) = (Unique("explicit-a"), Unique("explicit-b"));
        var explicitConfig = Struct(("host", S(Host)), ("organizationId", S(Sim.OrganizationId)), ("token", Secret(S(Sim.Token))));
        var uses = new Options { Provider = "explicit" };
        var program = NewProgram().WithProvider("explicit", explicitConfig)
            .Add(DeploymentType, a, PlainDeployment(a), uses).Add(DeploymentType, b, PlainDeployment(b), uses);
        await stack.UpAsync(program);

        // The provider's organizationId comes from another resource's output, unknown in a preview.
        var unknown = explicitConfig.Clone();
        unknown.Fields["organizationId"] = Unknown;
        var preview = await stack.UpAsync(program.WithProvider("explicit", unknown), preview: true);

        Assert.That(preview.Replaced, Is.Empty, preview.ToString());
        Assert.That(preview.Steps.Single(s => s.IsProvider).Op, Is.Not.EqualTo(StepOp.CreateReplacement), preview.ToString());
    }
}

/// <summary>The organization moved from ASTRO_ORGANIZATION_ID into config, through the replay: the plugins run with that variable.</summary>
public sealed class OrganizationFromEnvironmentContractTests : EngineFixture
{
    protected override IDictionary<string, string?>? PluginEnvironment => new Dictionary<string, string?> { ["ASTRO_ORGANIZATION_ID"] = Sim.OrganizationId };

    [Test, Category("EngineContract")]
    public async Task Up_OrganizationMovedFromEnvironmentIntoConfig_ReplacesNothing()
    {
        await using var stack = NewStack();
        var name = Unique("env-org");
        var fromEnvironment = Config();
        fromEnvironment.Fields.Remove("organizationId");
        var program = new StackProgram { Config = fromEnvironment }.Add(DeploymentType, name, PlainDeployment(name));
        await stack.UpAsync(program);

        await Sim.Control.ClearRequestsAsync();
        var up = await stack.UpAsync(program.WithConfig(Config()));

        Assert.That(up.Replaced, Is.Empty, up.ToString());
        Assert.That(up.OpsOf(name), Is.EqualTo(new[] { StepOp.Same }));
        Assert.That(await WritesAsync(), Is.Empty);
    }
}

internal static class StructExtensions
{
    /// <summary>The struct with one more field (for building test inputs inline).</summary>
    public static Struct Also(this Struct s, string key, Value value)
    {
        var copy = s.Clone();
        copy.Fields[key] = value;
        return copy;
    }
}
