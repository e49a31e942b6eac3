using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Client.Models;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Schema;
using static Pulumi.Astro.Provider.Tests.Props;
using ApiCluster = Pulumi.Astro.Client.Models.Cluster;
using Cluster = Pulumi.Astro.Provider.Resources.Cluster;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>Valid cluster programs per cloud, as the engine sends them, and JSON patches of them for tables.</summary>
public static class ClusterInputs
{
    public static Struct Aws(string workspaceId = "cws", string name = "prod") => Struct(
        ("cloudProvider", S("AWS")), ("type", S("DEDICATED")), ("name", S(name)), ("region", S("us-east-1")),
        ("vpcSubnetRange", S("172.20.0.0/19")),
        ("nodePools", List(Obj(("name", S("default")), ("nodeInstanceType", S("m5.xlarge")), ("maxNodeCount", N(10))))),
        ("k8sTags", List(Obj(("key", S("team")), ("value", S("data"))))),
        ("workspaceIds", List(S(workspaceId))));

    public static Struct Gcp(string workspaceId = "cws", string name = "prod") => Struct(
        ("cloudProvider", S("GCP")), ("type", S("DEDICATED")), ("name", S(name)), ("region", S("us-central1")),
        ("vpcSubnetRange", S("172.20.0.0/22")), ("podSubnetRange", S("172.21.0.0/19")),
        ("serviceSubnetRange", S("172.22.0.0/22")), ("servicePeeringRange", S("172.23.0.0/20")),
        ("workspaceIds", List(S(workspaceId))));

    public static Struct Azure(string workspaceId = "cws", string name = "prod") => Struct(
        ("cloudProvider", S("AZURE")), ("type", S("DEDICATED")), ("name", S(name)), ("region", S("eastus2")),
        ("vpcSubnetRange", S("172.20.0.0/19")), ("workspaceIds", List(S(workspaceId))));

    public static Struct Base(string cloud) => cloud switch
    {
        "aws" => Aws(),
        "gcp" => Gcp(),
        "azure" => Azure(),
        _ => throw new ArgumentException(cloud),
    };

    /// <summary>Applies a JSON object: each field is set, or removed when null.</summary>
    public static Struct Patch(Struct s, string? json)
    {
        var result = s.Clone();
        if (string.IsNullOrEmpty(json)) return result;
        foreach (var (k, v) in Google.Protobuf.WellKnownTypes.Struct.Parser.ParseJson(json).Fields)
        {
            if (v.KindCase == Value.KindOneofCase.NullValue) result.Fields.Remove(k);
            else result.Fields[k] = v;
        }
        return result;
    }
}

/// <summary>Check rules of the Cluster, as a table: each rule has a failing and a passing row (API fact sheet §8).</summary>
public sealed class ClusterCheckTests
{
    private static (PropertyMap Inputs, List<CheckFailure> Failures) Check(Struct news, PropertyMap? olds = null)
    {
        var failures = new List<CheckFailure>();
        var inputs = new Cluster().Check("res", olds ?? PropertyMap.Empty, Marshal.FromStruct(news), failures);
        return (inputs, failures);
    }

    [TestCase("aws")]
    [TestCase("gcp")]
    [TestCase("azure")]
    public void Check_ValidProgram_NoFailures(string cloud) =>
        Assert.That(Check(ClusterInputs.Base(cloud)).Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);

    // GCP needs its ranges.
    [TestCase("gcp", "{\"podSubnetRange\":null}", "podSubnetRange", "is required for GCP")]
    [TestCase("gcp", "{\"servicePeeringRange\":null}", "servicePeeringRange", "is required for GCP")]
    [TestCase("aws", "{\"podSubnetRange\":\"172.21.0.0/19\"}", "podSubnetRange", "only for GCP clusters, not AWS")]
    [TestCase("gcp", "{\"podSubnetRange\":\"172.24.0.0/19\"}", null, null)]
    // tenantId is AZURE only.
    [TestCase("aws", "{\"tenantId\":\"t-1\"}", "tenantId", "only for AZURE clusters")]
    [TestCase("azure", "{\"tenantId\":\"t-1\"}", null, null)]
    // AWS-only fields.
    [TestCase("azure", "{\"secondaryVpcCidr\":\"10.1.0.0/16\"}", "secondaryVpcCidr", "only for AWS clusters, not AZURE")]
    [TestCase("gcp", "{\"isPrivateNetworkEgressEnabled\":true}", "isPrivateNetworkEgressEnabled", "only for AWS clusters, not GCP")]
    [TestCase("azure", "{\"drRegion\":\"westus2\",\"drSecondaryVpcCidr\":\"10.1.0.0/16\"}", "drSecondaryVpcCidr", "only for AWS clusters")]
    [TestCase("aws", "{\"secondaryVpcCidr\":\"10.1.0.0/16\",\"isPrivateNetworkEgressEnabled\":true}", null, null)]
    [TestCase("aws", "{\"secondaryVpcCidr\":\"10.1.0.0/24\"}", "secondaryVpcCidr", "/16 to a /20, not /24")]
    [TestCase("aws", "{\"secondaryVpcCidr\":\"10.1.0.0/20\"}", null, null)]
    // DR fields only when DR is on (drRegion set); the DR region differs from the region.
    [TestCase("aws", "{\"drVpcSubnetRange\":\"172.30.0.0/19\"}", "drVpcSubnetRange", "only valid when DR is on")]
    [TestCase("aws", "{\"enableReplicationTimeControl\":true}", "enableReplicationTimeControl", "only valid when DR is on")]
    [TestCase("aws", "{\"drRegion\":\"us-west-2\",\"drVpcSubnetRange\":\"172.30.0.0/19\",\"enableReplicationTimeControl\":true}", null, null)]
    [TestCase("aws", "{\"drRegion\":\"us-east-1\"}", "drRegion", "must differ from region")]
    // GCP DR needs all four DR ranges.
    [TestCase("gcp", "{\"drRegion\":\"us-east4\"}", "drPodSubnetRange", "required for GCP clusters with DR")]
    [TestCase("gcp", "{\"drRegion\":\"us-east4\",\"drVpcSubnetRange\":\"172.30.0.0/22\",\"drPodSubnetRange\":\"172.31.0.0/19\",\"drServiceSubnetRange\":\"172.29.0.0/22\",\"drServicePeeringRange\":\"172.28.0.0/20\"}", null, null)]
    // HYBRID needs providerAccount and dbInstanceType.
    [TestCase("aws", "{\"type\":\"HYBRID\",\"dbInstanceType\":\"db.t3.medium\"}", "providerAccount", "required for HYBRID")]
    [TestCase("aws", "{\"type\":\"HYBRID\",\"providerAccount\":\"123456789012\"}", "dbInstanceType", "required for HYBRID")]
    [TestCase("aws", "{\"type\":\"HYBRID\",\"providerAccount\":\"123456789012\",\"dbInstanceType\":\"db.t3.medium\"}", null, null)]
    // CIDRs are valid.
    [TestCase("aws", "{\"vpcSubnetRange\":\"172.20.0.1/19\"}", "vpcSubnetRange", "host bits set; the network is 172.20.0.0/19")]
    [TestCase("aws", "{\"vpcSubnetRange\":\"not-a-cidr\"}", "vpcSubnetRange", "not an IPv4 CIDR")]
    [TestCase("aws", "{\"vpcSubnetRange\":\"172.20.0.0/33\"}", "vpcSubnetRange", "not an IPv4 CIDR")]
    [TestCase("aws", "{\"vpcSubnetRange\":\"10.0.0.0/16\"}", null, null)]
    // Ranges do not overlap within the cluster, nor DR ranges among themselves.
    [TestCase("aws", "{\"secondaryVpcCidr\":\"172.16.0.0/12\"}", "secondaryVpcCidr", "overlaps vpcSubnetRange 172.20.0.0/19")]
    [TestCase("gcp", "{\"servicePeeringRange\":\"172.22.0.0/20\"}", "servicePeeringRange", "overlaps serviceSubnetRange 172.22.0.0/22")]
    [TestCase("gcp", "{\"drRegion\":\"us-east4\",\"drVpcSubnetRange\":\"172.30.0.0/22\",\"drPodSubnetRange\":\"172.30.0.0/19\",\"drServiceSubnetRange\":\"172.29.0.0/22\",\"drServicePeeringRange\":\"172.28.0.0/20\"}", "drPodSubnetRange", "overlaps drVpcSubnetRange")]
    [TestCase("gcp", "{\"drRegion\":\"us-east4\",\"drVpcSubnetRange\":\"172.20.0.0/22\",\"drPodSubnetRange\":\"172.21.0.0/19\",\"drServiceSubnetRange\":\"172.22.0.0/22\",\"drServicePeeringRange\":\"172.23.0.0/20\"}", null, null)]
    // Node pools: unique names, at most one default, maxNodeCount ≥ 1.
    [TestCase("aws", "{\"nodePools\":[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1},{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1}]}", "nodePools[1].name", "pool names must be unique")]
    [TestCase("aws", "{\"nodePools\":[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1,\"isDefault\":true},{\"name\":\"b\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1,\"isDefault\":true}]}", "nodePools[1].isDefault", "at most one node pool")]
    [TestCase("aws", "{\"nodePools\":[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":0}]}", "nodePools[0].maxNodeCount", "must be from 1")]
    [TestCase("aws", "{\"nodePools\":[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1},{\"name\":\"b\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1,\"isDefault\":true}]}", null, null)]
    // Tags and workspaces.
    [TestCase("aws", "{\"k8sTags\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"a\",\"value\":\"2\"}]}", "k8sTags[1].key", "listed twice")]
    [TestCase("aws", "{\"k8sTags\":[{\"value\":\"1\"}]}", "k8sTags[0].key", "is required")]
    [TestCase("aws", "{\"workspaceIds\":[\"w1\",\"w1\"]}", "workspaceIds[1]", "listed twice")]
    [TestCase("aws", "{\"k8sTags\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\"}],\"workspaceIds\":[\"w1\",\"w2\"]}", null, null)]
    // Generic rules from the table.
    [TestCase("aws", "{\"cloudProvider\":\"IBM\"}", "cloudProvider", "must be one of AWS, AZURE, GCP")]
    [TestCase("aws", "{\"status\":\"CREATED\"}", "status", "computed by Astro")]
    public void Check_RuleTable_FailsWithPathAndRuleOrPasses(string cloud, string patch, string? path, string? reason)
    {
        var failures = Check(ClusterInputs.Patch(ClusterInputs.Base(cloud), patch)).Failures.Select(f => $"{f.Property}: {f.Reason}").ToList();
        if (path is null)
            Assert.That(failures, Is.Empty);
        else
            Assert.That(failures, Has.Some.Matches<string>(f => f.StartsWith(path + ": ", StringComparison.Ordinal) && f.Contains(reason!)), string.Join("\n", failures));
    }

    [Test]
    public void Check_LeftOut_ProviderDefaultsFilledAndAstroDefaultsLeftToAstro()
    {
        var news = ClusterInputs.Patch(ClusterInputs.Aws(), "{\"name\":null,\"k8sTags\":null,\"workspaceIds\":null,\"secondaryVpcCidr\":\"10.1.0.0/16\",\"drRegion\":\"us-west-2\"," +
            "\"nodePools\":[{\"name\":\"a\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1},{\"name\":\"b\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":1}]}");
        var (inputs, failures) = Check(news);
        Assert.That(failures, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(inputs["name"].AsString, Is.EqualTo("res"));
            Assert.That(inputs["k8sTags"].AsArray, Is.Empty);
            Assert.That(inputs["workspaceIds"].AsArray, Is.Empty);
            // Astro fills these in (optional and computed): left out, they are no change, so Check does not invent them.
            Assert.That(inputs.Has("isPrivateNetworkEgressEnabled"), Is.False);
            Assert.That(inputs.Has("drVpcSubnetRange"), Is.False);
            Assert.That(inputs.Has("drSecondaryVpcCidr"), Is.False);
            Assert.That(inputs["nodePools"].AsArray.Select(p => p.AsObject["isDefault"].AsBool), Is.EqualTo(new[] { true, false }));
        });
    }

    [Test]
    public void Check_GcpWithDr_DrVpcRangeNotDefaulted()
    {
        var (inputs, _) = Check(ClusterInputs.Patch(ClusterInputs.Gcp(), "{\"drRegion\":\"us-east4\"}"));
        Assert.That(inputs.Has("drVpcSubnetRange"), Is.False);
    }

    [Test]
    public void Check_UnknownsInPreview_AreNotChecked()
    {
        var s = ClusterInputs.Gcp();
        s.Fields["podSubnetRange"] = Unknown;
        s.Fields["drRegion"] = Unknown;
        s.Fields["nodePools"] = Unknown;
        Assert.That(Check(s).Failures, Is.Empty);
    }

    [Test]
    public void Check_NameLeftOut_KeepsTheOldOne()
    {
        var olds = Marshal.FromStruct(ClusterInputs.Aws(name: "kept"));
        Assert.That(Check(ClusterInputs.Patch(ClusterInputs.Aws(), "{\"name\":null}"), olds).Inputs["name"].AsString, Is.EqualTo("kept"));
    }
}

/// <summary>Diff rules of the Cluster: replace vs in place per field (§8.2, §9).</summary>
public sealed class ClusterDiffTests
{
    private static DiffResult Diff(string cloud, string? before, string? after)
    {
        var c = new Cluster();
        Struct Checked(string? patch)
        {
            var failures = new List<CheckFailure>();
            var inputs = c.Check("res", PropertyMap.Empty, Marshal.FromStruct(ClusterInputs.Patch(ClusterInputs.Base(cloud), patch)), failures);
            Assert.That(failures, Is.Empty, string.Join("; ", failures));
            return Marshal.ToStruct(inputs);
        }
        return c.Diff(Marshal.FromStruct(Checked(before)), PropertyMap.Empty, Marshal.FromStruct(Checked(after)));
    }

    // Replaced (§9).
    [TestCase("aws", null, "{\"region\":\"us-west-2\"}", "region")]
    [TestCase("aws", null, "{\"vpcSubnetRange\":\"172.24.0.0/19\"}", "vpcSubnetRange")]
    [TestCase("aws", null, "{\"type\":\"HYBRID\",\"providerAccount\":\"1\",\"dbInstanceType\":\"db.t3.medium\"}", "type,providerAccount,dbInstanceType")]
    [TestCase("aws", "{\"secondaryVpcCidr\":\"10.1.0.0/16\"}", "{\"secondaryVpcCidr\":\"10.2.0.0/16\"}", "secondaryVpcCidr")]
    [TestCase("gcp", null, "{\"podSubnetRange\":\"172.24.0.0/19\"}", "podSubnetRange")]
    [TestCase("gcp", null, "{\"serviceSubnetRange\":\"172.24.0.0/22\"}", "serviceSubnetRange")]
    [TestCase("gcp", null, "{\"servicePeeringRange\":\"172.24.0.0/20\"}", "servicePeeringRange")]
    [TestCase("azure", "{\"tenantId\":\"t-1\"}", "{\"tenantId\":\"t-2\"}", "tenantId")]
    [TestCase("azure", null, "{\"providerAccount\":\"sub-1\"}", "providerAccount")]
    [TestCase("aws", "{\"drRegion\":\"us-west-2\"}", "{\"drRegion\":\"eu-west-1\"}", "drRegion")]
    [TestCase("aws", "{\"drRegion\":\"us-west-2\"}", "{\"drRegion\":\"us-west-2\",\"drVpcSubnetRange\":\"172.30.0.0/19\"}", "drVpcSubnetRange")]
    [TestCase("aws", "{\"secondaryVpcCidr\":\"10.1.0.0/16\",\"drRegion\":\"us-west-2\"}", "{\"secondaryVpcCidr\":\"10.1.0.0/16\",\"drRegion\":\"us-west-2\",\"drSecondaryVpcCidr\":\"10.3.0.0/16\"}", "drSecondaryVpcCidr")]
    // Turning DR on later: only the update API of AZURE can (§4.6), so AWS and GCP replace.
    [TestCase("aws", null, "{\"drRegion\":\"us-west-2\"}", "drRegion")]
    // HYBRID: the update takes only workspaceIds.
    [TestCase("aws", "{\"type\":\"HYBRID\",\"providerAccount\":\"1\",\"dbInstanceType\":\"db.t3.medium\"}", "{\"type\":\"HYBRID\",\"providerAccount\":\"1\",\"dbInstanceType\":\"db.t3.medium\",\"name\":\"renamed\"}", "name")]
    // In place (§8.2).
    [TestCase("aws", null, "{\"name\":\"renamed\"}", "")]
    [TestCase("aws", null, "{\"k8sTags\":[{\"key\":\"team\",\"value\":\"ml\"}]}", "")]
    [TestCase("aws", null, "{\"workspaceIds\":[\"cws\",\"other\"]}", "")]
    [TestCase("aws", null, "{\"nodePools\":[{\"name\":\"default\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":20}]}", "")]
    [TestCase("aws", null, "{\"dbInstanceType\":\"db.r5.xlarge\"}", "")]
    [TestCase("aws", null, "{\"isPrivateNetworkEgressEnabled\":true}", "")]
    [TestCase("aws", "{\"drRegion\":\"us-west-2\"}", null, "")]
    [TestCase("aws", "{\"drRegion\":\"us-west-2\"}", "{\"drRegion\":\"us-west-2\",\"enableReplicationTimeControl\":true}", "")]
    [TestCase("azure", null, "{\"drRegion\":\"westus2\"}", "")]
    [TestCase("gcp", "{\"drRegion\":\"us-east4\",\"drVpcSubnetRange\":\"172.30.0.0/22\",\"drPodSubnetRange\":\"172.31.0.0/19\",\"drServiceSubnetRange\":\"172.29.0.0/22\",\"drServicePeeringRange\":\"172.28.0.0/20\"}",
        "{\"drRegion\":\"us-east4\",\"drVpcSubnetRange\":\"172.30.0.0/22\",\"drPodSubnetRange\":\"172.31.0.0/19\",\"drServiceSubnetRange\":\"172.29.0.0/22\",\"drServicePeeringRange\":\"172.27.0.0/20\"}", "")]
    [TestCase("aws", "{\"type\":\"HYBRID\",\"providerAccount\":\"1\",\"dbInstanceType\":\"db.t3.medium\"}", "{\"type\":\"HYBRID\",\"providerAccount\":\"1\",\"dbInstanceType\":\"db.t3.medium\",\"workspaceIds\":[\"w2\"]}", "")]
    public void Diff_FieldChanged_ReplacesPerApiRules(string cloud, string? before, string? after, string replaces)
    {
        var diff = Diff(cloud, before, after);
        Assert.That(diff.HasChanges, Is.True);
        var expected = replaces.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(diff.Replaces, Is.EquivalentTo(expected), "changed: " + string.Join(",", diff.Changed));
        foreach (var (path, kind) in diff.Detailed)
        {
            var replacing = kind is DiffKind.AddReplace or DiffKind.DeleteReplace or DiffKind.UpdateReplace;
            Assert.That(replacing, Is.EqualTo(expected.Contains(path.Split('.', '[')[0])), $"detailed diff of {path} is {kind}");
        }
    }

    [Test]
    public void Diff_WorkspacesAndTagsReordered_NoChanges()
    {
        var diff = Diff("aws", "{\"workspaceIds\":[\"a\",\"b\"],\"k8sTags\":[{\"key\":\"x\",\"value\":\"1\"},{\"key\":\"y\",\"value\":\"2\"}]}",
            "{\"workspaceIds\":[\"b\",\"a\"],\"k8sTags\":[{\"key\":\"y\",\"value\":\"2\"},{\"key\":\"x\",\"value\":\"1\"}]}");
        Assert.That(diff.HasChanges, Is.False);
    }

    [Test]
    public void Diff_UnknownRegion_Replaces()
    {
        var c = new Cluster();
        var olds = Marshal.FromStruct(ClusterInputs.Aws());
        var news = olds.With("region", PropertyValue.Unknown);
        Assert.That(c.Diff(olds, PropertyMap.Empty, news).Replaces, Is.EqualTo(new[] { "region" }));
    }
}

/// <summary>CIDR parsing and overlap (§4.5 ranges).</summary>
public sealed class CidrTests
{
    [TestCase("10.0.0.0/16", "10.0.1.0/24", true)]
    [TestCase("10.0.1.0/24", "10.0.0.0/16", true)]
    [TestCase("10.0.0.0/16", "10.1.0.0/16", false)]
    [TestCase("172.20.0.0/19", "172.20.32.0/19", false)]
    [TestCase("172.20.0.0/19", "172.20.31.0/24", true)]
    [TestCase("0.0.0.0/0", "192.168.0.0/16", true)]
    [TestCase("192.168.1.1/32", "192.168.1.1/32", true)]
    [TestCase("192.168.1.1/32", "192.168.1.2/32", false)]
    public void Overlaps_TwoRanges_SharesAnAddress(string a, string b, bool overlap) =>
        Assert.That(Cidr.Overlaps(a, b), Is.EqualTo(overlap));

    [TestCase("172.20.0.0/22", true)]
    [TestCase("0.0.0.0/0", true)]
    [TestCase("172.20.0.1/22", false)]
    [TestCase("172.20.0.0", false)]
    [TestCase("172.20.0/22", false)]
    [TestCase("172.20.0.0/-1", false)]
    [TestCase("fd00::/8", false)]
    [TestCase("", false)]
    public void TryParse_Text_AcceptsOnlyIpv4NetworkCidrs(string value, bool ok) =>
        Assert.That(Cidr.TryParse(value, out _), Is.EqualTo(ok));
}

/// <summary>The update body (§4.6): tags always sent, pool ids kept by name, DR switched off with enableDr: false.</summary>
public sealed class ClusterUpdateRequestTests
{
    private static ApiCluster Live(string type = "DEDICATED", bool dr = false) => new()
    {
        Id = "ccluster", Name = "prod", CloudProvider = new CloudProvider("AWS"), Type = new ClusterType(type), IsDrEnabled = dr,
        NodePools = [new NodePool { Id = "cpool1", Name = "default", NodeInstanceType = "m5.xlarge", MaxNodeCount = 10 }],
    };

    private static PropertyMap Checked(string? patch)
    {
        var failures = new List<CheckFailure>();
        var inputs = new Cluster().Check("res", PropertyMap.Empty, Marshal.FromStruct(ClusterInputs.Patch(ClusterInputs.Aws(), patch)), failures);
        Assert.That(failures, Is.Empty);
        return inputs;
    }

    [Test]
    public void BuildUpdate_Dedicated_TagsAlwaysSentAndPoolIdsByName()
    {
        var request = (UpdateDedicatedClusterRequest)Cluster.BuildUpdate(Checked("{\"k8sTags\":null,\"nodePools\":[" +
            "{\"name\":\"default\",\"nodeInstanceType\":\"m5.xlarge\",\"maxNodeCount\":20},{\"name\":\"big\",\"nodeInstanceType\":\"m5.2xlarge\",\"maxNodeCount\":5}]}"), Live(), Cluster.PoolIds(Live(), null)!);
        Assert.That(request.K8sTags, Is.Empty.And.Not.Null);
        Assert.That(request.NodePools!.Select(p => p.Id), Is.EqualTo(new[] { "cpool1", null }));
        Assert.That(request.EnableDr, Is.Null);
        // Left out of the program, private egress is Astro's: the update leaves it as it is.
        Assert.That(request.IsPrivateNetworkEgressEnabled, Is.Null);
    }

    [Test]
    public void BuildUpdate_DrRemoved_SendsEnableDrFalse()
    {
        var request = (UpdateDedicatedClusterRequest)Cluster.BuildUpdate(Checked(null), Live(dr: true), Cluster.PoolIds(Live(dr: true), null)!);
        Assert.That(request.EnableDr, Is.False);
        Assert.That(request.DrRegion, Is.Null);
    }

    [Test]
    public void BuildUpdate_AzureDrAdded_EnablesDrWithRegionAndRange()
    {
        var failures = new List<CheckFailure>();
        var news = new Cluster().Check("res", PropertyMap.Empty, Marshal.FromStruct(ClusterInputs.Patch(ClusterInputs.Azure(), "{\"drRegion\":\"westus2\"}")), failures);
        Assert.That(failures, Is.Empty);
        var live = new ApiCluster { Id = "ccluster", Name = "prod", CloudProvider = new CloudProvider("AZURE"), Type = new ClusterType("DEDICATED") };
        var request = (UpdateDedicatedClusterRequest)Cluster.BuildUpdate(news, live, Cluster.PoolIds(live, null)!);
        Assert.That((request.EnableDr, request.DrRegion, request.DrVpcSubnetRange), Is.EqualTo((true, "westus2", "172.20.0.0/19")));
        Assert.That(request.IsPrivateNetworkEgressEnabled, Is.Null, "AWS only");
    }

    [Test]
    public void BuildUpdate_Hybrid_OnlyWorkspaces()
    {
        var request = Cluster.BuildUpdate(Checked("{\"type\":\"HYBRID\",\"providerAccount\":\"1\",\"dbInstanceType\":\"db.t3.medium\"}"), Live("HYBRID"), Cluster.PoolIds(Live("HYBRID"), null) ?? new Dictionary<string, string>());
        Assert.That(request, Is.TypeOf<UpdateHybridClusterRequest>());
        Assert.That(request.WorkspaceIds, Is.EqualTo(new[] { "cws" }));
    }
}
