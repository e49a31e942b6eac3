using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Property-level rules as tables over every registered resource and every property the served schema marks, so a
/// new resource or property cannot skip them: secrets at every depth (through Check, Create, Read and the state), and
/// Check idempotency (the engine feeds Check its own earlier output: ignoreChanges, refresh, import).
/// </summary>
public sealed class PropertyRuleContractTests : EngineFixture
{
    private DagFolder _dags = null!;
    private EngineReplay _support = null!;
    private Task<string>? _deploymentId;

    [OneTimeSetUp]
    public void MakeSupport()
    {
        _dags = new DagFolder();
        _support = NewStack();
    }

    [OneTimeTearDown]
    public async Task DropSupport()
    {
        await _support.DisposeAsync();
        _dags.Dispose();
    }

    /// <summary>One development-mode Deployment per fixture, for the samples that point at a Deployment.</summary>
    private SampleContext Context => new(Sim.WorkspaceId, () => _deploymentId ??= MakeDeployment(), _dags.Path);

    private async Task<string> MakeDeployment()
    {
        const string name = "sample-target";
        await _support.UpAsync(NewProgram().Add(DeploymentType, name, ResourceSamples.DevelopmentDeployment(Sim.WorkspaceId, name)));
        return _support.State[name].Id;
    }

    public static IEnumerable<string> RegisteredTokens => ProviderRegistry.Default().Resources.Select(r => r.Type.Token);

    /// <summary>(resource, schema path) for every secret property at any depth, from the schema the built plugin serves.</summary>
    public static IEnumerable<TestCaseData> SecretPaths() =>
        ResourceSamples.SecretPaths(ServedSchema.GetAsync().GetAwaiter().GetResult().Json)
            .Select(p => new TestCaseData(p.Token, p.Path).SetArgDisplayNames(p.Token, p.Path).SetCategory("EngineContract"));

    /// <summary>Every registered resource; those whose Check is not idempotent today are in the EngineContract category.</summary>
    public static IEnumerable<TestCaseData> CheckCases() => RegisteredTokens.Select(token =>
    {
        var row = new TestCaseData(token).SetArgDisplayNames(token);
        // Deploy: Check rejects its own contentHash when it is fed back ("is an output computed by Astro").
        return token == "astro:index:Deploy" ? row.SetCategory("EngineContract") : row;
    });

    [Test]
    public void Samples_EveryRegisteredResource_HasOne()
    {
        Assert.That(ResourceSamples.ByToken.Keys, Is.SupersetOf(RegisteredTokens), "add a sample to ResourceSamples for every new resource");
    }

    [Test]
    public async Task Samples_ServedSchema_HasEveryRegisteredResource()
    {
        var schema = await ServedSchema.GetAsync();
        Assert.That(schema.ResourceTokens, Is.EquivalentTo(RegisteredTokens));
        Assert.That(ResourceSamples.SecretPaths(schema.Json).Select(p => p.Path), Does.Contain("environmentVariables[].value"), "the walk finds nested secrets");
    }

    [TestCaseSource(nameof(SecretPaths))]
    public async Task Lifecycle_SchemaSecretPropertySetPlainly_SecretInCheckCreateReadAndState(string token, string schemaPath)
    {
        await using var stack = NewStack();
        var name = Unique("secret");
        var sample = await ResourceSamples.ByToken[token](Context, name);
        var paths = ResourceSamples.Expand(sample, schemaPath);
        Assert.That(paths, Is.Not.Empty, $"the sample of {token} must set {schemaPath}, so the table tests it");
        Assert.That(paths.Where(p => Wire.SecretAt(sample, p)), Is.Empty, "the sample leaves its values unmarked");

        await stack.UpAsync(NewProgram().Add(token, name, sample));
        var created = stack.State[name];
        Assert.Multiple(() =>
        {
            foreach (var path in paths)
            {
                Assert.That(Wire.SecretAt(created.Inputs, path), Is.True, $"Check's inputs: {path}");
                Assert.That(Wire.SecretAt(created.Outputs, path), Is.True, $"Create's outputs: {path}");
            }
            AssertNoPlainSecret(created.Inputs, "Check's inputs");
            AssertNoPlainSecret(created.Outputs, "Create's outputs");
        });

        // Read with the old inputs and outputs (refresh), whose results replace the state's.
        await stack.RefreshAsync();
        var refreshed = stack.State[name];
        Assert.Multiple(() =>
        {
            foreach (var path in paths)
            {
                Assert.That(Wire.SecretAt(refreshed.Inputs, path), Is.True, $"Read's inputs: {path}");
                Assert.That(Wire.SecretAt(refreshed.Outputs, path), Is.True, $"Read's outputs: {path}");
            }
            AssertNoPlainSecret(refreshed.Inputs, "Read's inputs");
            AssertNoPlainSecret(refreshed.Outputs, "Read's outputs");
        });

        // Read with no inputs (import): whatever comes back at those paths is secret.
        var imported = await stack.PluginOf(name).Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = created.Urn, Name = name, Type = token, Properties = new Struct() });
        Assert.Multiple(() =>
        {
            foreach (var path in paths)
            {
                Assert.That(Wire.At(imported.Inputs, path) is null || Wire.SecretAt(imported.Inputs, path), Is.True, $"imported inputs: {path}");
                Assert.That(Wire.At(imported.Properties, path) is null || Wire.SecretAt(imported.Properties, path), Is.True, $"imported outputs: {path}");
            }
            AssertNoPlainSecret(imported.Inputs, "imported inputs");
            AssertNoPlainSecret(imported.Properties, "imported outputs");
        });
        Assert.That(Pool.Stderr, Does.Not.Contain(ResourceSamples.SecretValues[1]));
    }

    private static void AssertNoPlainSecret(Struct s, string where) =>
        Assert.That(Wire.PlainStrings(s).Intersect(ResourceSamples.SecretValues), Is.Empty, $"{where} hold a schema-secret value in plain text");

    [Test, Category("EngineContract")]
    public async Task Refresh_DescriptionMarkedSecretByTheProgram_StaysSecretAfterRefreshAndRead()
    {
        await using var stack = NewStack();
        var name = Unique("classified");
        var program = PlainDeployment(name);
        program.Fields["description"] = Secret(S("a classified description"));
        await stack.UpAsync(NewProgram().Add(DeploymentType, name, program));
        var created = stack.State[name];
        Assert.That(Wire.IsSecret(created.Inputs.Fields["description"]), Is.True, "Check keeps the program's mark");
        Assert.That(Wire.IsSecret(created.Outputs.Fields["description"]), Is.True, "Create keeps the program's mark");

        var read = await stack.PluginOf(name).Client.ReadAsync(new ReadRequest { Id = created.Id, Urn = created.Urn, Name = name, Type = DeploymentType, Inputs = created.Inputs, Properties = created.Outputs });
        Assert.That(Wire.IsSecret(read.Inputs.Fields["description"]), Is.True, "Read's inputs keep the mark they were given");
        Assert.That(Wire.IsSecret(read.Properties.Fields["description"]), Is.True, "Read's outputs keep the mark they were given");

        await stack.RefreshAsync();
        var refreshed = stack.State[name];
        Assert.That(Wire.IsSecret(refreshed.Inputs.Fields["description"]), Is.True, "after refresh, the state's inputs");
        Assert.That(Wire.IsSecret(refreshed.Outputs.Fields["description"]), Is.True, "after refresh, the state's outputs");
        Assert.That(Wire.PlainStrings(refreshed.Inputs).Concat(Wire.PlainStrings(refreshed.Outputs)), Has.None.EqualTo("a classified description"));
    }

    [TestCaseSource(nameof(CheckCases))]
    public async Task Check_OwnOutputFedBack_SameInputsAndNoFailures(string token)
    {
        var sample = await ResourceSamples.ByToken[token](new SampleContext(Sim.WorkspaceId, () => Task.FromResult("cnotarealdeployment000001"), _dags.Path), "idempotent");
        var plugin = await Pool.RentAsync();
        try
        {
            var urn = $"urn:pulumi:dev::proj::{token}::idempotent";
            var first = await plugin.Client.CheckAsync(new CheckRequest { Urn = urn, Name = "idempotent", Type = token, Olds = new Struct(), News = sample });
            Assert.That(first.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty, "the sample is valid");
            var again = await plugin.Client.CheckAsync(new CheckRequest { Urn = urn, Name = "idempotent", Type = token, Olds = first.Inputs, News = first.Inputs });
            Assert.That(again.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty, "Check accepts its own output");
            Assert.That(again.Inputs, Is.EqualTo(first.Inputs), "Check of its own output changes nothing");
        }
        finally
        {
            Pool.Return(plugin);
        }
    }
}
