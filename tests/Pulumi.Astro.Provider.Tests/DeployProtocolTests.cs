using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The Deploy's Check, Diff and preview through a real gRPC channel, without Configure (no Astro needed).</summary>
public sealed class DeployProtocolTests
{
    private const string Type = "astro:index:Deploy";
    private PluginProcess _plugin = null!;
    private DagFolder _dags = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _plugin = await PluginProcess.StartAsync(engineAddress: null);
        _dags = new DagFolder();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _plugin.DisposeAsync();
        _dags.Dispose();
    }

    [Test]
    public async Task Check_DagFolder_ComputesContentHashInCheckedInputs()
    {
        var news = Struct(("deploymentId", Unknown), ("dagsPath", S(_dags.Path)));
        var check = await _plugin.Client.CheckAsync(new CheckRequest { Urn = "urn:pulumi:dev::proj::astro:index:Deploy::dags", Type = Type, Olds = new Struct(), News = news });
        Assert.That(check.Failures, Is.Empty);
        Assert.That(check.Inputs.Fields["contentHash"].StringValue, Is.EqualTo(DagFolder.HashOf(_dags.Path)));
        Assert.That(check.Inputs.Fields["deploymentId"].StringValue, Is.EqualTo(Marshal.UnknownSentinel), "unknowns pass through in preview");

        // Editing a file shows as a replacement in the next preview.
        _dags.Write("hello.py", DagFolder.DagSource + "\n# edited\n");
        var edited = await _plugin.Client.CheckAsync(new CheckRequest { Type = Type, Olds = check.Inputs, News = news });
        Assert.That(edited.Inputs.Fields["contentHash"].StringValue, Is.Not.EqualTo(check.Inputs.Fields["contentHash"].StringValue));
        var olds = check.Inputs.Clone();
        olds.Fields["deploymentId"] = S("cdep");
        var newer = edited.Inputs.Clone();
        newer.Fields["deploymentId"] = S("cdep");
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = "cdep/cd", Type = Type, OldInputs = olds, Olds = olds, News = newer });
        Assert.That(diff.Replaces, Is.EqualTo(new[] { "contentHash" }));
        Assert.That(diff.DetailedDiff["contentHash"].Kind, Is.EqualTo(PropertyDiff.Types.Kind.UpdateReplace));

        // The preview keeps the known hash rather than an unknown output.
        var preview = await _plugin.Client.CreateAsync(new CreateRequest { Type = Type, Properties = edited.Inputs, Preview = true });
        Assert.That(preview.Properties.Fields["contentHash"].StringValue, Is.EqualTo(edited.Inputs.Fields["contentHash"].StringValue));
        Assert.That(preview.Properties.Fields["status"].StringValue, Is.EqualTo(Marshal.UnknownSentinel));
    }

    [Test]
    public async Task Check_MissingFolder_FailureNamesDagsPath()
    {
        var news = Struct(("deploymentId", S("cdep")), ("dagsPath", S(Path.Combine(_dags.Path, "nope"))));
        var check = await _plugin.Client.CheckAsync(new CheckRequest { Type = Type, Olds = new Struct(), News = news });
        Assert.That(check.Failures.Select(f => f.Property), Is.EqualTo(new[] { "dagsPath" }));
        Assert.That(check.Failures[0].Reason, Does.Contain("does not exist"));
    }

    [Test]
    public async Task GetSchema_DeployAndGetDeploy_Present()
    {
        var json = JObject.Parse((await _plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema);
        var deploy = json["resources"]![Type]!;
        Assert.That((bool?)deploy["inputProperties"]!["deploymentId"]!["replaceOnChanges"], Is.True);
        Assert.That(deploy["inputProperties"]!["contentHash"], Is.Null, "contentHash is computed, not an input");
        Assert.That((string?)deploy["properties"]!["contentHash"]!["type"], Is.EqualTo("string"));
        Assert.That((string?)deploy["inputProperties"]!["dagsPath"]!["description"], Does.Contain("__pycache__"));
        var function = json["functions"]!["astro:index:getDeploy"]!;
        Assert.That(function["inputs"]!["required"]!.Select(t => (string)t!), Is.EquivalentTo(new[] { "deploymentId", "deployId" }));
        Assert.That(function["outputs"]!["properties"]!["status"], Is.Not.Null);
    }
}
