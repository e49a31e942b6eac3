using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Protocol;

namespace Pulumi.Astro.Provider.Schema;

/// <summary>
/// Renders the Pulumi package schema (protocol fact sheet §5) from the <see cref="Prop"/> tables: resources,
/// functions, provider config, and every object and enum type they reach.
/// </summary>
public static class PackageSchema
{
    public const string PackageName = "astro";

    public static string Render(string version, IReadOnlyList<Prop> config, IEnumerable<ResourceType> resources, IEnumerable<FunctionType> functions)
    {
        var types = new SortedDictionary<string, JObject>(StringComparer.Ordinal);
        var resourceList = resources.ToList();
        var functionList = functions.ToList();

        var configRequired = config.Where(p => p.Required).Select(p => p.Name).ToList();
        var schema = new JObject
        {
            ["name"] = PackageName,
            ["displayName"] = "Astro",
            ["version"] = version,
            ["description"] = "A native Pulumi provider for Astronomer's Astro (managed Apache Airflow): clusters, deployments, " +
                              "DAG and image deploys and hibernation, with waits until Astro reports a terminal state.",
            ["keywords"] = new JArray("pulumi", "astro", "astronomer", "airflow", "category/cloud", "kind/native"),
            ["homepage"] = "https://www.astronomer.io/",
            ["license"] = "Apache-2.0",
            ["publisher"] = "Pulumi.Astro",
            ["pluginDownloadURL"] = PluginDownload.Url,
            ["config"] = new JObject
            {
                ["variables"] = Properties(config, types),
                ["defaults"] = new JArray(config.Where(p => !p.Required).Select(p => p.Name)),
            },
            ["provider"] = new JObject
            {
                ["description"] = "The provider type for the astro package. Its inputs are the same as the `astro:*` stack config keys.",
                ["inputProperties"] = Properties(config, types),
                ["properties"] = Properties(config.Where(p => !p.Secret), types),
            },
            ["resources"] = new JObject(resourceList.Select(r => new JProperty(r.Token, Resource(r, types)))),
            ["functions"] = new JObject(functionList.Select(f => new JProperty(f.Token, Function(f, types)))),
            ["language"] = new JObject
            {
                // The C# SDK reads Pulumi.Astro (§5.4).
                ["csharp"] = new JObject
                {
                    ["rootNamespace"] = "Pulumi",
                    ["namespaces"] = new JObject { [PackageName] = "Astro" },
                    ["respectSchemaVersion"] = true,
                },
                ["nodejs"] = new JObject { ["packageName"] = "@pulumi-astro/astro", ["respectSchemaVersion"] = true },
                ["python"] = new JObject { ["packageName"] = "pulumi_astro", ["respectSchemaVersion"] = true },
                ["go"] = new JObject { ["importBasePath"] = "github.com/pulumi-astro/pulumi-astro/sdk/go/astro", ["respectSchemaVersion"] = true },
            },
        };
        if (configRequired.Count > 0) ((JObject)schema["provider"]!)["requiredInputs"] = new JArray(configRequired);
        schema["types"] = new JObject(types.Select(t => new JProperty(t.Key, t.Value)));
        return schema.ToString(Formatting.Indented);
    }

    private static JObject Resource(ResourceType r, SortedDictionary<string, JObject> types)
    {
        var outputs = r.Props.ToList();
        var json = new JObject
        {
            ["description"] = r.Description,
            ["properties"] = Properties(outputs, types),
            ["required"] = new JArray(outputs.Where(p => p.AlwaysSet || p.Required).Select(p => p.Name)),
            ["inputProperties"] = Properties(r.Inputs, types),
            ["requiredInputs"] = new JArray(r.Inputs.Where(p => p.Required).Select(p => p.Name)),
        };
        return json;
    }

    private static JObject Function(FunctionType f, SortedDictionary<string, JObject> types) => new()
    {
        ["description"] = f.Description,
        ["inputs"] = new JObject
        {
            ["properties"] = Properties(f.Inputs, types),
            ["required"] = new JArray(f.Inputs.Where(p => p.Required).Select(p => p.Name)),
        },
        ["outputs"] = new JObject
        {
            ["properties"] = Properties(f.Outputs, types),
            ["required"] = new JArray(f.Outputs.Where(p => p.AlwaysSet || p.Required).Select(p => p.Name)),
        },
    };

    private static JObject Properties(IEnumerable<Prop> props, SortedDictionary<string, JObject> types) =>
        new(props.Select(p => new JProperty(p.Name, Property(p, types, top: true))));

    private static JObject Property(Prop p, SortedDictionary<string, JObject> types, bool top)
    {
        var json = TypeSpec(p, types);
        if (top || p.Description.Length > 0) json["description"] = Describe(p);
        if (p.Secret) json["secret"] = true;
        if (p.ReplaceOnChanges) json["replaceOnChanges"] = true;
        if (p.Env is { } env) json["defaultInfo"] = new JObject { ["environment"] = new JArray(env) };
        if (p.Default is { Kind: PropertyKind.String or PropertyKind.Bool or PropertyKind.Number } def)
            json["default"] = def.Kind switch
            {
                PropertyKind.String => def.AsString,
                PropertyKind.Bool => def.AsBool,
                _ => def.AsNumber,
            };
        return json;
    }

    private static string Describe(Prop p)
    {
        var text = p.Description;
        if (p.ReplaceOnChanges && !text.Contains("replace", StringComparison.OrdinalIgnoreCase)) text += " Changing it replaces the resource.";
        if (p.MaxLength is { } longest) text += $" At most {longest} characters.";
        return text;
    }

    private static JObject TypeSpec(Prop p, SortedDictionary<string, JObject> types)
    {
        switch (p.Type)
        {
            case PropType.String: return new JObject { ["type"] = "string" };
            case PropType.Boolean: return new JObject { ["type"] = "boolean" };
            case PropType.Integer: return new JObject { ["type"] = "integer" };
            case PropType.Number: return new JObject { ["type"] = "number" };
            case PropType.Array: return new JObject { ["type"] = "array", ["items"] = Property(p.Items!, types, top: false) };
            case PropType.Map: return new JObject { ["type"] = "object", ["additionalProperties"] = Property(p.Items!, types, top: false) };
            case PropType.Enum:
                if (!types.ContainsKey(p.Enum!.Token))
                {
                    types[p.Enum.Token] = new JObject
                    {
                        ["type"] = "string",
                        ["description"] = p.Enum.Description,
                        ["enum"] = new JArray(p.Enum.Values.Select(v => new JObject
                        {
                            ["value"] = v.Value,
                            ["name"] = EnumName(v.Value),
                            ["description"] = v.Description,
                        })),
                    };
                }
                return new JObject { ["$ref"] = $"#/types/{p.Enum.Token}" };
            default:
                var o = p.Object!;
                if (!types.ContainsKey(o.Token))
                {
                    types[o.Token] = new JObject(); // placeholder first: object types may nest
                    types[o.Token] = new JObject
                    {
                        ["type"] = "object",
                        ["description"] = o.Description,
                        ["properties"] = Properties(o.Props, types),
                        ["required"] = new JArray(o.Props.Where(x => x.Required).Select(x => x.Name)),
                    };
                }
                return new JObject { ["$ref"] = $"#/types/{o.Token}" };
        }
    }

    /// <summary>A C#-friendly constant name for an enum value: EXTRA_LARGE → ExtraLarge, us-east-1 → UsEast1.</summary>
    public static string EnumName(string value) =>
        string.Concat(value.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()));
}
