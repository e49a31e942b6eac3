using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>What a sample needs from its test: the workspace, a development-mode Deployment to point at, a DAG folder.</summary>
public sealed record SampleContext(string WorkspaceId, Func<Task<string>> DeploymentId, string DagsPath);

/// <summary>
/// A valid program for every resource the provider registers, for the property-rule tables (secrets at every depth,
/// Check idempotency). A resource added to <see cref="ProviderRegistry"/> without a sample fails
/// <c>Samples_EveryRegisteredResource_HasOne</c>, so no new resource skips the tables. Values are plain (never marked
/// secret) so the tables see what the provider itself does with them.
/// </summary>
public static class ResourceSamples
{
    /// <summary>The plain values the samples put where the schema says secret; they must never show unwrapped.</summary>
    public static readonly IReadOnlyList<string> SecretValues = ["sample-value-of-a-plain-variable", "sample-value-left-unmarked-by-the-program"];

    public static readonly IReadOnlyDictionary<string, Func<SampleContext, string, Task<Struct>>> ByToken =
        new Dictionary<string, Func<SampleContext, string, Task<Struct>>>
        {
            ["astro:index:Deployment"] = (c, name) => Task.FromResult(Struct(
                ("type", S("STANDARD")), ("name", S(name)), ("workspaceId", S(c.WorkspaceId)), ("cloudProvider", S("AWS")), ("region", S("us-east-1")),
                ("executor", S("CELERY")), ("defaultTaskPodCpu", S("0.5")), ("defaultTaskPodMemory", S("1Gi")), ("resourceQuotaCpu", S("10")),
                ("resourceQuotaMemory", S("20Gi")),
                ("workerQueues", List(Obj(("name", S("default")), ("isDefault", B(true)), ("astroMachine", S("A5")),
                    ("minWorkerCount", N(0)), ("maxWorkerCount", N(10)), ("workerConcurrency", N(5))))),
                ("environmentVariables", List(
                    Obj(("key", S("PLAIN")), ("value", S(SecretValues[0])), ("isSecret", B(false))),
                    Obj(("key", S("UNMARKED_SECRET")), ("value", S(SecretValues[1])), ("isSecret", B(true))))))),
            ["astro:index:Cluster"] = (c, name) => Task.FromResult(ClusterInputs.Aws(c.WorkspaceId, name)),
            ["astro:index:Deploy"] = async (c, _) => Struct(("deploymentId", S(await c.DeploymentId())), ("dagsPath", S(c.DagsPath)), ("description", S("a sample deploy"))),
            ["astro:index:HibernationOverride"] = async (c, _) => Struct(("deploymentId", S(await c.DeploymentId())), ("isHibernating", B(true))),
        };

    /// <summary>The Deployment the context's DeploymentId should give: development mode, so HibernationOverride and Deploy both work.</summary>
    public static Struct DevelopmentDeployment(string workspaceId, string name)
    {
        var d = Struct(
            ("type", S("STANDARD")), ("name", S(name)), ("workspaceId", S(workspaceId)), ("cloudProvider", S("AWS")), ("region", S("us-east-1")),
            ("executor", S("CELERY")), ("defaultTaskPodCpu", S("0.5")), ("defaultTaskPodMemory", S("1Gi")), ("resourceQuotaCpu", S("10")),
            ("resourceQuotaMemory", S("20Gi")), ("isDevelopmentMode", B(true)));
        return d;
    }

    /// <summary>
    /// Every property path the package schema marks secret, at any depth, per resource: <c>environmentVariables[].value</c>
    /// for a secret field of an object in a list, <c>a.b</c> for a nested object, <c>tags{}</c> for a map's values.
    /// </summary>
    public static IEnumerable<(string Token, string Path)> SecretPaths(JObject schema)
    {
        var types = (JObject?)schema["types"] ?? [];
        foreach (var resource in ((JObject)schema["resources"]!).Properties())
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var section in new[] { "inputProperties", "properties" })
                if (resource.Value[section] is JObject props) Walk(props, "", found, types, []);
            foreach (var path in found) yield return (resource.Name, path);
        }
    }

    private static void Walk(JObject props, string prefix, ISet<string> found, JObject types, HashSet<string> seen)
    {
        foreach (var prop in props.Properties())
            Visit((JObject)prop.Value, prefix + prop.Name, found, types, seen);
    }

    private static void Visit(JObject spec, string path, ISet<string> found, JObject types, HashSet<string> seen)
    {
        if ((bool?)spec["secret"] == true) found.Add(path);
        if (spec["items"] is JObject items) Visit(items, path + "[]", found, types, seen);
        if (spec["additionalProperties"] is JObject values) Visit(values, path + "{}", found, types, seen);
        if ((string?)spec["$ref"] is { } reference && reference.StartsWith("#/types/", StringComparison.Ordinal))
        {
            var token = Uri.UnescapeDataString(reference["#/types/".Length..]);
            if (seen.Contains(token) || types[token]?["properties"] is not JObject nested) return;
            Walk(nested, path + ".", found, types, [.. seen, token]);
        }
    }

    /// <summary>The concrete paths of a schema path that are set in <paramref name="inputs"/> (<c>a[].b</c> → <c>a[0].b</c>, <c>a[1].b</c>).</summary>
    public static IReadOnlyList<string> Expand(Struct inputs, string schemaPath)
    {
        var results = new List<string>();
        Expand(Value.ForStruct(inputs), "", Parts(schemaPath), results);
        return results;
    }

    private static List<string> Parts(string schemaPath)
    {
        var parts = new List<string>();
        foreach (var segment in schemaPath.Split('.'))
        {
            var name = segment.TrimEnd('[', ']', '{', '}');
            if (name.Length > 0) parts.Add(name);
            for (var rest = segment[name.Length..]; rest.Length > 0; rest = rest[2..]) parts.Add(rest[..2]);
        }
        return parts;
    }

    private static void Expand(Value? value, string path, List<string> parts, List<string> results)
    {
        if (value is null || value.KindCase is Value.KindOneofCase.None or Value.KindOneofCase.NullValue) return;
        if (Wire.IsSecret(value)) value = value.StructValue.Fields["value"];
        if (parts.Count == 0)
        {
            results.Add(path);
            return;
        }
        var (head, rest) = (parts[0], parts[1..]);
        switch (head)
        {
            case "[]" when value.KindCase == Value.KindOneofCase.ListValue:
                for (var i = 0; i < value.ListValue.Values.Count; i++) Expand(value.ListValue.Values[i], $"{path}[{i}]", rest, results);
                break;
            case "{}" when value.KindCase == Value.KindOneofCase.StructValue:
                foreach (var (k, v) in value.StructValue.Fields) Expand(v, $"{path}.{k}", rest, results);
                break;
            default:
                if (value.KindCase == Value.KindOneofCase.StructValue)
                    Expand(value.StructValue.Fields.GetValueOrDefault(head), path.Length == 0 ? head : $"{path}.{head}", rest, results);
                break;
        }
    }
}
