using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Schema;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>Marshalling: unknowns, secrets, nulls and numbers (protocol fact sheet §3).</summary>
public sealed class MarshalTests
{
    [TestCase("04da6b54-80e4-46f7-96ec-b56ff0331ba9")]
    [TestCase("1c4a061d-8072-4f0a-a4cb-0ff528b18fe7")]
    [TestCase("3eeb2bf0-c639-47a8-9e75-3b44932eb421")]
    [TestCase("6a19a0b0-7e62-4c92-b797-7f8e31da9cc2")]
    [TestCase("dd056dcd-154b-4c76-9bd3-c8f88648b5ff")]
    public void FromValue_AnyUnknownSentinel_IsUnknown(string sentinel) =>
        Assert.That(Marshal.FromValue(Value.ForString(sentinel)).IsUnknown, Is.True);

    [Test]
    public void RoundTrip_NestedSecretNullAndNumber_Preserved()
    {
        var s = Struct(("a", Obj(("pw", Secret(S("x"))), ("n", N(2.5)), ("z", Value.ForNull()))), ("list", List(B(true), Unknown)));
        var map = Marshal.FromStruct(s);
        Assert.Multiple(() =>
        {
            Assert.That(map["a"].AsObject["pw"].IsSecret, Is.True);
            Assert.That(map["a"].AsObject["pw"].Unwrapped.AsString, Is.EqualTo("x"));
            Assert.That(map["a"].AsObject["n"].AsNumber, Is.EqualTo(2.5));
            Assert.That(map["a"].AsObject["z"].IsNull, Is.True);
            Assert.That(map["list"].AsArray[1].IsUnknown, Is.True);
            Assert.That(map.ContainsSecretsOrFalse(), Is.True);
        });
        Assert.That(Marshal.ToStruct(map), Is.EqualTo(s));
    }

    [Test]
    public void FromValue_ResourceReference_IsItsIdOrUnknown()
    {
        Value Ref(Value id) => Obj((Marshal.SigKey, S(Marshal.ResourceReferenceSig)), ("urn", S("urn:x")), ("id", id));
        Assert.That(Marshal.FromValue(Ref(S("c123"))).AsString, Is.EqualTo("c123"));
        Assert.That(Marshal.FromValue(Ref(S(""))).IsUnknown, Is.True);
    }

    [Test]
    public void ToString_Secret_NeverShowsValue() =>
        Assert.That(PropertyValue.Secret(PropertyValue.From("hunter2")).ToString(), Does.Not.Contain("hunter2"));
}

internal static class PropertyMapTestExtensions
{
    public static bool ContainsSecretsOrFalse(this PropertyMap map) => map.Values.Any(v => v.ContainsSecrets);
}

/// <summary>Check rules of the Deployment, as a table (API fact sheet §8).</summary>
public sealed class DeploymentCheckTests
{
    private static List<CheckFailure> Check(Struct news)
    {
        var failures = new List<CheckFailure>();
        new Deployment().Check("res", PropertyMap.Empty, Marshal.FromStruct(news), failures);
        return failures;
    }

    private static Struct Changed(string field, Value? value)
    {
        var s = StandardDeployment("cws");
        if (value is null) s.Fields.Remove(field);
        else s.Fields[field] = value;
        return s;
    }

    [Test]
    public void Check_ValidStandard_NoFailuresAndProviderDefaultsOnly()
    {
        var failures = new List<CheckFailure>();
        var inputs = new Deployment().Check("res", PropertyMap.Empty, Marshal.FromStruct(StandardDeployment("cws")), failures);
        Assert.That(failures, Is.Empty);
        // Astro's defaults (optional and computed) are not invented at Check: left out, they are no change.
        Assert.That(inputs.Has("schedulerSize"), Is.False);
        Assert.That(inputs.Has("isHighAvailability"), Is.False);
        Assert.That(inputs["waitForHealthy"].AsBool, Is.True);
        Assert.That(inputs["environmentVariables"].AsArray[1].AsObject["value"].IsSecret, Is.True, "Check keeps secret wrappers");
    }

    [TestCase("type", "\"SHARED\"", "type", "must be one of")]
    [TestCase("region", null, "region", "is required for STANDARD")]
    [TestCase("clusterId", "\"c1\"", "clusterId", "not allowed for STANDARD")]
    [TestCase("defaultTaskPodMemory", "\"2Gi\"", "defaultTaskPodMemory", "exactly 2 ×")]
    [TestCase("defaultTaskPodMemory", "\"1G\"", "defaultTaskPodMemory", "must be given in Gi")]
    [TestCase("resourceQuotaCpu", null, "resourceQuotaCpu", "is required for hosted")]
    [TestCase("resourceQuotaCpu", "\"lots\"", "resourceQuotaCpu", "not a Kubernetes quantity")]
    [TestCase("executor", "\"KUBERNETES\"", "workerQueues", "do not apply to the KUBERNETES")]
    [TestCase("scheduler", "{\"au\":5}", "scheduler", "only for HYBRID")]
    [TestCase("scalingSpec", "{\"hibernationSpec\":{\"schedules\":[{\"hibernateAtCron\":\"0 18 * *\",\"wakeAtCron\":\"0 8 * * *\"}]}}", "scalingSpec", "development-mode")]
    [TestCase("remoteExecution", "{\"enabled\":true}", "remoteExecution", "only available for DEDICATED")]
    [TestCase("contactEmails", "[\"nope\"]", "contactEmails[0]", "not an email")]
    [TestCase("bogus", "1", "bogus", "is not a property")]
    [TestCase("status", "\"HEALTHY\"", "status", "computed by Astro")]
    [TestCase("workerQueues", "[{\"name\":\"other\",\"isDefault\":false,\"astroMachine\":\"A5\",\"minWorkerCount\":0,\"maxWorkerCount\":1,\"workerConcurrency\":1}]", "workerQueues", "named `default` is required")]
    [TestCase("workerQueues", "[{\"name\":\"default\",\"isDefault\":true,\"minWorkerCount\":0,\"maxWorkerCount\":1,\"workerConcurrency\":1}]", "workerQueues[0].astroMachine", "is required for STANDARD")]
    [TestCase("workerQueues", "[{\"name\":\"default\",\"isDefault\":true,\"astroMachine\":\"A7\",\"minWorkerCount\":0,\"maxWorkerCount\":1,\"workerConcurrency\":1}]", "workerQueues[0].astroMachine", "must be one of")]
    [TestCase("workerQueues", "[{\"name\":\"default\",\"isDefault\":true,\"astroMachine\":\"A5\",\"minWorkerCount\":3,\"maxWorkerCount\":1,\"workerConcurrency\":1}]", "workerQueues[0].minWorkerCount", "must not exceed")]
    [TestCase("workerQueues", "[{\"name\":\"default\",\"isDefault\":true,\"astroMachine\":\"A5\",\"minWorkerCount\":0.5,\"maxWorkerCount\":1,\"workerConcurrency\":1}]", "workerQueues[0].minWorkerCount", "whole number")]
    [TestCase("environmentVariables", "[{\"key\":\"A\",\"value\":\"1\"},{\"key\":\"A\",\"value\":\"2\"}]", "environmentVariables[1].key", "set twice")]
    public void Check_RuleBroken_FailureNamesPathAndRule(string field, string? json, string path, string reason)
    {
        var value = json is null ? null : Value.Parser.ParseJson(json);
        var failures = Check(Changed(field, value));
        Assert.That(failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Some.Matches<string>(f => f.StartsWith(path + ": ", StringComparison.Ordinal) && f.Contains(reason)));
    }

    [Test]
    public void Check_UnknownValuesInPreview_AreNotChecked()
    {
        var s = StandardDeployment("cws");
        s.Fields["defaultTaskPodMemory"] = Unknown;
        s.Fields["region"] = Unknown;
        s.Fields["workerQueues"] = Unknown;
        Assert.That(Check(s), Is.Empty);
    }

    [Test]
    public void Check_RuntimeChanged_Fails()
    {
        var olds = Marshal.FromStruct(StandardDeployment("cws")).With("astroRuntimeVersion", PropertyValue.From("3.0-9"));
        var news = Marshal.FromStruct(StandardDeployment("cws")).With("astroRuntimeVersion", PropertyValue.From("3.1-5"));
        var failures = new List<CheckFailure>();
        new Deployment().Check("res", olds, news, failures);
        Assert.That(failures.Single().Property, Is.EqualTo("astroRuntimeVersion"));
    }

    [Test]
    public void Check_NameLeftOut_IsTheResourceNameOrTheOldOne()
    {
        var news = Marshal.FromStruct(StandardDeployment("cws")).Without("name");
        var failures = new List<CheckFailure>();
        Assert.That(new Deployment().Check("etl", PropertyMap.Empty, news, failures)["name"].AsString, Is.EqualTo("etl"));
        Assert.That(new Deployment().Check("etl", news.With("name", PropertyValue.From("kept")), news, failures)["name"].AsString, Is.EqualTo("kept"));
    }
}

/// <summary>Diff rules of the Deployment, as a table.</summary>
public sealed class DeploymentDiffTests
{
    private static DiffResult Diff(Action<Struct> change, Action<Struct>? before = null)
    {
        var olds = StandardDeployment("cws");
        before?.Invoke(olds);
        var news = olds.Clone();
        change(news);
        return new Deployment().Diff(Marshal.FromStruct(olds), PropertyMap.Empty, Marshal.FromStruct(news));
    }

    [TestCase("workspaceId", true)]
    [TestCase("region", true)]
    [TestCase("cloudProvider", true)]
    [TestCase("name", false)]
    [TestCase("description", false)]
    [TestCase("schedulerSize", false)]
    public void Diff_FieldChanged_ReplacesPerApiRules(string field, bool replaces)
    {
        var diff = Diff(s => s.Fields[field] = S(field == "cloudProvider" ? "GCP" : "changed-" + field));
        Assert.That(diff.Changed, Is.EqualTo(new[] { field }));
        Assert.That(diff.Replaces.Contains(field), Is.EqualTo(replaces));
    }

    [Test]
    public void Diff_SameInputsSecretRewrapped_NoChanges() =>
        Assert.That(Diff(_ => { }).HasChanges, Is.False);

    [Test]
    public void Diff_ContactEmailsReordered_NoChanges()
    {
        var diff = Diff(s => s.Fields["contactEmails"] = List(S("b@x.io"), S("a@x.io")), s => s.Fields["contactEmails"] = List(S("a@x.io"), S("b@x.io")));
        Assert.That(diff.HasChanges, Is.False);
    }

    [Test]
    public void Diff_SecretValueChanged_DetailedPathWithoutValue()
    {
        var diff = Diff(s => s.Fields["environmentVariables"].ListValue.Values[1].StructValue.Fields["value"] = Secret(S("new")));
        Assert.That(diff.Detailed.Keys, Is.EqualTo(new[] { "environmentVariables[1].value" }));
    }

    [TestCase(false, true, true)]
    [TestCase(true, false, false)]
    public void Diff_DevelopmentMode_OnAgainReplacesOffUpdates(bool was, bool now, bool replaces)
    {
        var diff = Diff(s => s.Fields["isDevelopmentMode"] = B(now), s => s.Fields["isDevelopmentMode"] = B(was));
        Assert.That(diff.Replaces.Contains("isDevelopmentMode"), Is.EqualTo(replaces));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Diff_DevelopmentModeAstroNeverReported_TurnedOnOrLeftUnknownIsNoReplacement(bool unknown)
    {
        // Neither the old inputs nor the old outputs say whether development mode was on (a lean answer was imported).
        var diff = Diff(s => s.Fields["isDevelopmentMode"] = unknown ? Unknown : B(true), s => s.Fields.Remove("isDevelopmentMode"));
        Assert.That(diff.Replaces, Is.Empty);
    }

    [Test]
    public void Diff_UnknownReplaceField_Replaces()
    {
        var diff = Diff(s => s.Fields["region"] = Unknown);
        Assert.That(diff.Replaces, Is.EqualTo(new[] { "region" }));
    }
}

/// <summary>The adaptive poll schedule the waits use.</summary>
public sealed class WaiterTests
{
    [TestCase(0, 500)]
    [TestCase(5, 500)]
    [TestCase(60, 6000)]
    [TestCase(3600, 15000)]
    public void NextInterval_GrowsWithElapsedAndIsCapped(double elapsedSeconds, double expectedMs) =>
        Assert.That(Waiter.NextInterval(TimeSpan.FromSeconds(elapsedSeconds)).TotalMilliseconds, Is.EqualTo(expectedMs).Within(1));
}
