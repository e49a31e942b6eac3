using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The Cluster's Check, Diff and schema through the plugin's real gRPC channel (no Configure needed).</summary>
public sealed class ClusterProtocolTests
{
    private const string Type = "astro:index:Cluster";
    private const string Urn = "urn:pulumi:dev::proj::astro:index:Cluster::prod";
    private PluginProcess _plugin = null!;

    [OneTimeSetUp]
    public async Task Start() => _plugin = await PluginProcess.StartAsync(engineAddress: null);

    [OneTimeTearDown]
    public async Task Stop() => await _plugin.DisposeAsync();

    [Test]
    public async Task Check_BrokenGcpCluster_FailuresNamePathAndRule()
    {
        var news = ClusterInputs.Patch(ClusterInputs.Gcp(), "{\"podSubnetRange\":null,\"servicePeeringRange\":\"172.22.0.0/20\",\"tenantId\":\"t\"}");
        var reply = await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn, Name = "prod", Type = Type, News = news });
        var failures = reply.Failures.Select(f => $"{f.Property}: {f.Reason}").ToList();
        Assert.That(failures, Is.EquivalentTo(new[]
        {
            "podSubnetRange: is required for GCP clusters",
            "tenantId: is only for AZURE clusters, not GCP",
            "servicePeeringRange: 172.22.0.0/20 overlaps serviceSubnetRange 172.22.0.0/22; the cluster's ranges must not overlap",
        }));
    }

    [Test]
    public async Task Check_ValidAwsCluster_ProviderDefaultsInReturnedInputs()
    {
        var reply = await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn, Name = "prod", Type = Type, News = ClusterInputs.Patch(ClusterInputs.Aws(), "{\"name\":null}") });
        Assert.That(reply.Failures, Is.Empty);
        Assert.That(reply.Inputs.Fields["name"].StringValue, Is.EqualTo("prod"));
        Assert.That(reply.Inputs.Fields.ContainsKey("isPrivateNetworkEgressEnabled"), Is.False, "Astro's to fill in");
        Assert.That(reply.Inputs.Fields["nodePools"].ListValue.Values[0].StructValue.Fields["isDefault"].BoolValue, Is.True);
    }

    [TestCase("{\"region\":\"us-west-2\"}", "region", PropertyDiff.Types.Kind.UpdateReplace)]
    [TestCase("{\"name\":\"renamed\"}", "name", PropertyDiff.Types.Kind.Update)]
    [TestCase("{\"drRegion\":\"us-west-2\"}", "drRegion", PropertyDiff.Types.Kind.AddReplace)]
    public async Task Diff_FieldChanged_DetailedKindThroughGrpc(string patch, string field, PropertyDiff.Types.Kind kind)
    {
        var olds = (await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn, Name = "prod", Type = Type, News = ClusterInputs.Aws() })).Inputs;
        var news = (await _plugin.Client.CheckAsync(new CheckRequest { Urn = Urn, Name = "prod", Type = Type, Olds = olds, News = ClusterInputs.Patch(ClusterInputs.Aws(), patch) })).Inputs;
        var diff = await _plugin.Client.DiffAsync(new DiffRequest { Id = "c1", Urn = Urn, Type = Type, OldInputs = olds, Olds = olds, News = news });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffSome));
        Assert.That(diff.DetailedDiff[field].Kind, Is.EqualTo(kind));
        Assert.That(diff.Replaces.Contains(field), Is.EqualTo(kind != PropertyDiff.Types.Kind.Update));
    }

    [Test]
    public async Task GetSchema_ClusterAndGetCluster_Described()
    {
        var json = JObject.Parse((await _plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema);
        var cluster = json["resources"]![Type]!;
        Assert.That((bool?)cluster["inputProperties"]!["region"]!["replaceOnChanges"], Is.True);
        // DR fields replace only sometimes (turning DR off is an update), so they must not force replacement in SDKs.
        Assert.That(cluster["inputProperties"]!["drRegion"]!["replaceOnChanges"], Is.Null);
        Assert.That(cluster["requiredInputs"]!.Select(t => (string)t!), Is.EquivalentTo(new[] { "cloudProvider", "type", "region", "vpcSubnetRange" }));
        Assert.That(cluster["properties"]!["nodePoolDetails"], Is.Not.Null);
        var function = json["functions"]!["astro:index:getCluster"]!;
        Assert.That(function["inputs"]!["required"]!.Select(t => (string)t!), Is.EqualTo(new[] { "id" }));
        var outputs = ((JObject)function["outputs"]!["properties"]!).Properties().Select(p => p.Name).ToList();
        Assert.That(outputs, Is.SupersetOf(((JObject)cluster["properties"]!).Properties().Select(p => p.Name)).And.Contain("id"));
        Assert.That(function.SelectTokens("$..replaceOnChanges"), Is.Empty);
    }
}
