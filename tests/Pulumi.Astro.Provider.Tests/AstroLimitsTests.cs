using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Schema;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Check enforces the limits Astro enforces at create (astro-sim's request rules mirror them): lengths, CIDRs, time
/// zones, task pod CPU within the quota. Each rule has a row that fails with the property path and one accepted at the
/// boundary (expected path null).
/// </summary>
public sealed class AstroLimitsTests
{
    private static readonly string N100 = new('n', 100);
    private static readonly string N101 = new('n', 101);

    private static List<string> Failures(AstroResource resource, Struct news, string name = "res")
    {
        var failures = new List<CheckFailure>();
        resource.Check(name, PropertyMap.Empty, Marshal.FromStruct(news), failures);
        return failures.Select(f => $"{f.Property}: {f.Reason}").ToList();
    }

    private static void AssertRow(List<string> failures, string? path, string? reason)
    {
        if (path is null) Assert.That(failures, Is.Empty);
        else Assert.That(failures, Has.Some.Matches<string>(f => f.StartsWith(path + ": ", StringComparison.Ordinal) && f.Contains(reason!)), string.Join("\n", failures));
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static IEnumerable<TestCaseData> DeploymentRows()
    {
        yield return new TestCaseData($"{{\"name\":{Json(N101)}}}", "name", "must be at most 100 characters, not 101").SetName("Check_Deployment_Name101_Fails");
        yield return new TestCaseData($"{{\"name\":{Json(N100)}}}", null, null).SetName("Check_Deployment_Name100_Passes");
        yield return new TestCaseData($"{{\"description\":{Json(new string('d', 1001))}}}", "description", "must be at most 1000 characters, not 1001").SetName("Check_Deployment_Description1001_Fails");
        yield return new TestCaseData($"{{\"description\":{Json(new string('d', 1000))}}}", null, null).SetName("Check_Deployment_Description1000_Passes");
        yield return new TestCaseData($"{{\"environmentVariables\":[{{\"key\":{Json(new string('K', 256))},\"value\":\"v\"}}]}}", "environmentVariables[0].key", "must be at most 255 characters, not 256")
            .SetName("Check_Deployment_VariableKey256_Fails");
        yield return new TestCaseData($"{{\"environmentVariables\":[{{\"key\":{Json(new string('K', 255))},\"value\":\"v\"}}]}}", null, null).SetName("Check_Deployment_VariableKey255_Passes");
        yield return new TestCaseData("{\"remoteExecution\":{\"enabled\":false,\"allowedIpAddressRanges\":[\"10.0.0.0/8\",\"10.0.0.1/8\"]}}",
            "remoteExecution.allowedIpAddressRanges[1]", "has host bits set").SetName("Check_Deployment_AllowedRangeHostBits_Fails");
        yield return new TestCaseData("{\"remoteExecution\":{\"enabled\":false,\"allowedIpAddressRanges\":[\"office\"]}}",
            "remoteExecution.allowedIpAddressRanges[0]", "is not an IPv4 CIDR").SetName("Check_Deployment_AllowedRangeNotCidr_Fails");
        yield return new TestCaseData("{\"remoteExecution\":{\"enabled\":false,\"allowedIpAddressRanges\":[\"10.0.0.0/8\",\"203.0.113.7/32\"]}}", null, null)
            .SetName("Check_Deployment_AllowedRangesCidrs_Pass");
        yield return new TestCaseData("{\"defaultTaskPodCpu\":\"12\",\"defaultTaskPodMemory\":\"24Gi\"}", "defaultTaskPodCpu", "must not exceed resourceQuotaCpu")
            .SetName("Check_Deployment_TaskPodCpuOverQuota_Fails");
        yield return new TestCaseData("{\"defaultTaskPodCpu\":\"10001m\",\"defaultTaskPodMemory\":\"20.002Gi\"}", "defaultTaskPodCpu", "must not exceed resourceQuotaCpu")
            .SetName("Check_Deployment_TaskPodMilliCpuOverQuota_Fails");
        yield return new TestCaseData("{\"defaultTaskPodCpu\":\"10\",\"defaultTaskPodMemory\":\"20Gi\"}", null, null).SetName("Check_Deployment_TaskPodCpuAtQuota_Passes");
        foreach (var (until, reason, name) in new (string, string?, string)[]
        {
            ("2099-12-24T18:00:00", "has no time zone: add Z for UTC", "NoZone_Fails"),
            ("2099-12-24 18:00:00Z", "must be an RFC 3339 time", "Space_Fails"),
            ("tomorrow", "must be an RFC 3339 time", "Words_Fails"),
            ("2099-12-24T18:00:00Z", null, "Utc_Passes"),
            ("2099-12-24T19:00:00.5+01:00", null, "Offset_Passes"),
        })
        {
            yield return new TestCaseData(
                $"{{\"isDevelopmentMode\":true,\"scalingSpec\":{{\"hibernationSpec\":{{\"override\":{{\"isHibernating\":true,\"overrideUntil\":{Json(until)}}}}}}}}}",
                reason is null ? null : "scalingSpec.hibernationSpec.override.overrideUntil", reason).SetName($"Check_Deployment_OverrideUntil{name}");
        }
        yield return new TestCaseData("{\"isDevelopmentMode\":true,\"scalingSpec\":{\"hibernationSpec\":{\"override\":{\"isHibernating\":true},\"schedules\":[]}}}",
            "scalingSpec.hibernationSpec.schedules", "must have 1 to 10 schedules, not 0").SetName("Check_Deployment_NoSchedulesList_Fails");
    }

    [TestCaseSource(nameof(DeploymentRows))]
    public void Check_DeploymentLimitRow_FailsPastTheBoundaryOnly(string patch, string? path, string? reason) =>
        AssertRow(Failures(new Deployment(), ClusterInputs.Patch(StandardDeployment("cws"), patch)), path, reason);

    [TestCase(101, "name", "must be at most 100 characters, not 101")]
    [TestCase(100, null, null)]
    public void Check_ClusterNameLength_FailsPastOneHundred(int length, string? path, string? reason)
    {
        var cluster = ClusterInputs.Aws();
        cluster.Fields["name"] = S(new string('n', length));
        AssertRow(Failures(new Cluster(), cluster), path, reason);
    }

    [TestCase(101, "name", "defaults to the resource name, which has 101 characters; Astro allows at most 100: set name")]
    [TestCase(100, null, null)]
    public void Check_NameDefaultedFromLongResourceName_FailsPastOneHundred(int length, string? path, string? reason)
    {
        var resourceName = new string('r', length);
        var deployment = StandardDeployment("cws");
        deployment.Fields.Remove("name");
        var cluster = ClusterInputs.Aws();
        cluster.Fields.Remove("name");
        AssertRow(Failures(new Deployment(), deployment, resourceName), path, reason);
        AssertRow(Failures(new Cluster(), cluster, resourceName), path, reason);
    }

    [TestCase("2099-12-24T18:00:00", "overrideUntil", "'2099-12-24T18:00:00' has no time zone: add Z for UTC (e.g. 2099-12-24T18:00:00Z) or an offset such as +01:00")]
    [TestCase("2099-12-24", "overrideUntil", "must be an RFC 3339 time such as 2026-12-24T18:00:00Z, not '2099-12-24'")]
    [TestCase("2099-12-24T18:00:00Z", null, null)]
    [TestCase("2099-12-24T18:00:00-05:00", null, null)]
    public void Check_HibernationOverrideUntil_NeedsATimeZone(string until, string? path, string? reason) =>
        AssertRow(Failures(new HibernationOverride(), Struct(("deploymentId", S("cdep")), ("isHibernating", B(true)), ("overrideUntil", S(until)))), path, reason);

    [Test]
    public void Schema_MaxLength_IsInThePropertyDocs()
    {
        Assert.That(Deployment.Name.MaxLength, Is.EqualTo(100));
        var schema = Newtonsoft.Json.Linq.JObject.Parse(PackageSchema.Render("0.0.0", ProviderConfig.Props, ProviderRegistry.Default().Resources.Select(r => r.Type), ProviderRegistry.Default().Functions));
        Assert.That((string?)schema["resources"]!["astro:index:Deployment"]!["inputProperties"]!["name"]!["description"], Does.EndWith("At most 100 characters."));
        Assert.That((string?)schema["types"]!["astro:index:EnvironmentVariable"]!["properties"]!["key"]!["description"], Does.EndWith("At most 255 characters."));
    }
}
