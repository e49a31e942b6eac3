using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// astro-sim enforces Astro's documented limits at create, as the provider's Check does (AstroLimitsTests there): each
/// rule refused one past its boundary, accepted at it.
/// </summary>
public sealed class LimitTests : SimFixture
{
    private static string Many(char c, int n) => new(c, n);

    private static IEnumerable<TestCaseData> Rows()
    {
        yield return new TestCaseData($"name={Many('n', 101)}", "name", "max").SetName("Create_Name101_Refused");
        yield return new TestCaseData($"name={Many('n', 100)}", null, null).SetName("Create_Name100_Accepted");
        yield return new TestCaseData($"description={Many('d', 1001)}", "description", "max").SetName("Create_Description1001_Refused");
        yield return new TestCaseData($"description={Many('d', 1000)}", null, null).SetName("Create_Description1000_Accepted");
        yield return new TestCaseData($"environmentVariables[0].key={Many('K', 256)}", "environmentVariables[0].key", "max").SetName("Create_VariableKey256_Refused");
        yield return new TestCaseData($"environmentVariables[0].key={Many('K', 255)}", null, null).SetName("Create_VariableKey255_Accepted");
        yield return new TestCaseData("remoteExecution={\"enabled\":false,\"allowedIpAddressRanges\":[\"10.0.0.1/8\"]}", "remoteExecution.allowedIpAddressRanges[0]", "invalid")
            .SetName("Create_AllowedRangeHostBits_Refused");
        yield return new TestCaseData("defaultTaskPodCpu=\"12\"", "defaultTaskPodCpu", "invalid").SetName("Create_TaskPodCpuOverQuota_Refused");
    }

    [TestCaseSource(nameof(Rows))]
    public async Task Create_StandardLimitRow_RefusedPastTheBoundaryOnly(string change, string? field, string? code)
    {
        var body = Bodies.Change(Bodies.Standard(Sim.WorkspaceId, "limits-" + Guid.NewGuid().ToString("N")[..8]), change);
        if (change.StartsWith("defaultTaskPodCpu", StringComparison.Ordinal)) body["defaultTaskPodMemory"] = "24Gi";
        var reply = await Api.Post("deployments", body);
        if (field is null)
        {
            Assert.That(reply.Status, Is.EqualTo(200), reply.ToString());
            return;
        }
        Assert.That(reply.Status, Is.EqualTo(400), reply.ToString());
        Assert.That(reply.Code(field), Is.EqualTo(code), reply.ToString());
    }

    [TestCase("2099-12-24T18:00:00", 400)]
    [TestCase("2099-12-24T18:00:00Z", 200)]
    [TestCase("2099-12-24T19:00:00+01:00", 200)]
    public async Task Create_OverrideUntil_NeedsATimeZone(string until, int status)
    {
        var body = Bodies.Standard(Sim.WorkspaceId, "zone-" + Guid.NewGuid().ToString("N")[..8]);
        body["isDevelopmentMode"] = true;
        body["scalingSpec"] = new JObject { ["hibernationSpec"] = new JObject { ["override"] = new JObject { ["isHibernating"] = true, ["overrideUntil"] = until } } };
        var reply = await Api.Post("deployments", body);
        Assert.That(reply.Status, Is.EqualTo(status), reply.ToString());
        if (status == 400) Assert.That(reply.Code("scalingSpec.hibernationSpec.override.overrideUntil"), Is.EqualTo("invalid"));
    }

    [TestCase(101, 400)]
    [TestCase(100, 200)]
    public async Task Create_ClusterNameLength_RefusedPastOneHundred(int length, int status)
    {
        var reply = await Api.Post("clusters", Bodies.AwsCluster(Many('c', length)));
        Assert.That(reply.Status, Is.EqualTo(status), reply.ToString());
        if (status == 400) Assert.That(reply.Code("name"), Is.EqualTo("max"));
    }
}
