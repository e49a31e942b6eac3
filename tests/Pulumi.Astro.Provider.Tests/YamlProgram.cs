using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>A scalar as written in YAML: plain scalars may be numbers or booleans, quoted ones are strings.</summary>
public sealed record YScalar(string Value, bool Plain)
{
    public bool IsBool => Plain && Value is "true" or "false";
    public bool IsNumber => Plain && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    public bool IsInteger => Plain && long.TryParse(Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
    public bool IsNull => Plain && Value is "null" or "~" or "";
    /// <summary>Holds a Pulumi YAML interpolation (`${...}`): a value known only at run time.</summary>
    public bool IsExpression => Value.Contains("${", StringComparison.Ordinal);
}

/// <summary>
/// A Pulumi YAML program (Pulumi.yaml with runtime yaml) read as Pulumi YAML reads it: config, resources with their
/// type, properties and options, outputs. Values are YScalar, List&lt;object?&gt; or Dictionary&lt;string, object?&gt;.
/// </summary>
public sealed partial class YamlProgram
{
    public required string Path { get; init; }
    public required Dictionary<string, object?> Config { get; init; }
    public required Dictionary<string, YamlResource> Resources { get; init; }
    public required Dictionary<string, object?> Outputs { get; init; }

    public sealed record YamlResource(string Name, string Type, Dictionary<string, object?> Properties, Dictionary<string, object?> Options);

    public static YamlProgram Load(string path) => Parse(File.ReadAllText(path), path);

    public static YamlProgram Parse(string text, string path = "<inline>")
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (Dictionary<string, object?>)Convert(stream.Documents[0].RootNode)!;
        var resources = new Dictionary<string, YamlResource>();
        foreach (var (name, value) in Map(root, "resources"))
        {
            var r = (Dictionary<string, object?>)value!;
            resources[name] = new YamlResource(name, ((YScalar)r["type"]!).Value, Map(r, "properties"), Map(r, "options"));
        }
        return new YamlProgram { Path = path, Config = Map(root, "config"), Resources = resources, Outputs = Map(root, "outputs") };
    }

    private static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key) =>
        parent.TryGetValue(key, out var v) && v is Dictionary<string, object?> d ? d : [];

    private static object? Convert(YamlNode node) => node switch
    {
        YamlScalarNode s => new YScalar(s.Value ?? "", s.Style is ScalarStyle.Plain or ScalarStyle.Any),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Convert(kv.Value)),
        _ => throw new InvalidOperationException($"unsupported YAML node {node.NodeType}"),
    };

    /// <summary>The default of a config key, whether written `key: value` or `key: {type, default}`.</summary>
    public YScalar? ConfigDefault(string key) => Config.GetValueOrDefault(key) switch
    {
        YScalar s => s,
        Dictionary<string, object?> d => d.GetValueOrDefault("default") as YScalar,
        _ => null,
    };

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Interpolation();

    /// <summary>Every `${...}` expression in the program's properties, options and outputs, with where it is.</summary>
    public IEnumerable<(string Where, string Expression)> References()
    {
        IEnumerable<(string, string)> Walk(string where, object? value) => value switch
        {
            YScalar s => Interpolation().Matches(s.Value).Select(m => (where, m.Groups[1].Value.Trim())),
            List<object?> list => list.SelectMany((v, i) => Walk($"{where}[{i}]", v)),
            Dictionary<string, object?> map => map.SelectMany(kv => Walk($"{where}.{kv.Key}", kv.Value)),
            _ => [],
        };
        foreach (var r in Resources.Values)
        {
            foreach (var x in Walk(r.Name, r.Properties)) yield return x;
            foreach (var x in Walk($"{r.Name}.options", r.Options)) yield return x;
        }
        foreach (var x in Walk("outputs", Outputs)) yield return x;
    }

    /// <summary>
    /// The resource's literal inputs as the engine sends them to Check during preview: `${config}` with a default is
    /// that value, every other reference is unknown, `fn::secret` is a secret.
    /// </summary>
    /// <remarks>
    /// With <paramref name="resolve"/>, a whole-value reference (`${etl.id}`, `${host}`) is what it returns, as in
    /// `pulumi up` once the referenced resource exists; null leaves it to the rules above.
    /// </remarks>
    public Struct CheckInputs(YamlResource resource, Func<string, Value?>? resolve = null)
    {
        var s = new Struct();
        foreach (var (k, v) in resource.Properties) s.Fields[k] = ToValue(v, resolve);
        return s;
    }

    private Value ToValue(object? value, Func<string, Value?>? resolve = null)
    {
        switch (value)
        {
            case YScalar s when s.IsExpression:
                var whole = Interpolation().Match(s.Value);
                var wholeValue = whole.Success && whole.Length == s.Value.Length;
                if (wholeValue && resolve?.Invoke(whole.Groups[1].Value.Trim()) is { } resolved)
                    return resolved;
                if (wholeValue && ConfigDefault(whole.Groups[1].Value.Trim()) is { } def && !def.IsExpression)
                    return ToValue(def);
                return Props.Unknown;
            case YScalar { IsNull: true }: return Value.ForNull();
            case YScalar { IsBool: true } s: return Value.ForBool(s.Value == "true");
            case YScalar { IsNumber: true } s: return Value.ForNumber(double.Parse(s.Value, CultureInfo.InvariantCulture));
            case YScalar s: return Value.ForString(s.Value);
            case List<object?> list: return Value.ForList(list.Select(v => ToValue(v, resolve)).ToArray());
            case Dictionary<string, object?> { Count: 1 } fn when fn.Keys.First() == "fn::secret": return Props.Secret(ToValue(fn.Values.First(), resolve));
            case Dictionary<string, object?> fn when fn.Keys.Any(k => k.StartsWith("fn::", StringComparison.Ordinal)): return Props.Unknown;
            case Dictionary<string, object?> map:
                var s2 = new Struct();
                foreach (var (k, v) in map) s2.Fields[k] = ToValue(v, resolve);
                return Value.ForStruct(s2);
            default: return Value.ForNull();
        }
    }

    /// <summary>
    /// Checks a resource against the schema: its type exists, every property is an input of that type (recursively
    /// through object types), literal values have the schema's type and enum values, and required inputs are there.
    /// </summary>
    public List<string> SchemaErrors(YamlResource resource, ServedSchema schema)
    {
        var errors = new List<string>();
        var spec = schema.Resource(resource.Type);
        if (spec is null)
        {
            errors.Add($"{resource.Name}: {schema.MissingResource(resource.Type)}");
            return errors;
        }
        var label = resource.Type == "pulumi:providers:astro" ? "the astro provider" : ServedSchema.Normalize(resource.Type);
        CheckObject(resource.Properties, (JObject?)spec["inputProperties"] ?? [], (JArray?)spec["requiredInputs"] ?? [], label, resource.Name, schema, errors);
        return errors;
    }

    private static void CheckObject(Dictionary<string, object?> values, JObject props, JArray required, string label, string path, ServedSchema schema, List<string> errors)
    {
        foreach (var (key, value) in values)
        {
            if (props[key] is not JObject prop)
            {
                errors.Add($"{path}.{key}: {label} has no input '{key}' (it has: {string.Join(", ", props.Properties().Select(p => p.Name))})");
                continue;
            }
            CheckValue(value, prop, $"{path}.{key}", schema, errors);
        }
        foreach (var name in required.Select(r => r.ToString()).Where(r => !values.ContainsKey(r)))
            errors.Add($"{path}.{name}: required by {label} but missing");
    }

    private static void CheckValue(object? value, JObject spec, string path, ServedSchema schema, List<string> errors)
    {
        if (value is YScalar { IsExpression: true }) return; // known at run time only; Check sees it as unknown
        if (value is Dictionary<string, object?> { Count: 1 } fn && fn.Keys.First().StartsWith("fn::", StringComparison.Ordinal))
        {
            if (fn.Keys.First() == "fn::secret") CheckValue(fn.Values.First(), spec, path, schema, errors);
            return;
        }
        if (spec["$ref"]?.ToString() is { } reference)
        {
            var token = reference.Replace("#/types/", "", StringComparison.Ordinal);
            if (schema.Type(token) is not { } type)
            {
                errors.Add($"{path}: refers to type {token}, which the schema does not define");
                return;
            }
            if (type["enum"] is JArray values)
            {
                var allowed = values.Select(v => v["value"]!.ToString()).ToList();
                if (value is not YScalar s || !allowed.Contains(s.Value))
                    errors.Add($"{path}: '{Show(value)}' is not a value of {token} ({string.Join(", ", allowed)})");
                return;
            }
            if (value is not Dictionary<string, object?> obj)
            {
                errors.Add($"{path}: expected an object of type {token}, found '{Show(value)}'");
                return;
            }
            CheckObject(obj, (JObject?)type["properties"] ?? [], (JArray?)type["required"] ?? [], token, path, schema, errors);
            return;
        }
        switch (spec["type"]?.ToString())
        {
            case "string" when value is not YScalar || value is YScalar { IsBool: true } or YScalar { IsNumber: true }:
                errors.Add($"{path}: expected a string, found '{Show(value)}' (quote it)");
                break;
            case "boolean" when value is not YScalar { IsBool: true }:
                errors.Add($"{path}: expected true or false, found '{Show(value)}'");
                break;
            case "integer" when value is not YScalar { IsInteger: true }:
                errors.Add($"{path}: expected an integer, found '{Show(value)}'");
                break;
            case "number" when value is not YScalar { IsNumber: true }:
                errors.Add($"{path}: expected a number, found '{Show(value)}'");
                break;
            case "array":
                if (value is not List<object?> list) errors.Add($"{path}: expected a list, found '{Show(value)}'");
                else for (var i = 0; i < list.Count; i++) CheckValue(list[i], (JObject)spec["items"]!, $"{path}[{i}]", schema, errors);
                break;
            case "object" when spec["additionalProperties"] is JObject items:
                if (value is not Dictionary<string, object?> map) errors.Add($"{path}: expected a map, found '{Show(value)}'");
                else foreach (var (k, v) in map) CheckValue(v, items, $"{path}.{k}", schema, errors);
                break;
        }
    }

    private static string Show(object? value) => value switch
    {
        YScalar s => s.Value,
        List<object?> => "a list",
        Dictionary<string, object?> => "an object",
        _ => "null",
    };

    /// <summary>
    /// Checks every `${name.property}` against the schema: `name` is a resource or a config key, and a resource's
    /// property is one of its outputs (or id, urn).
    /// </summary>
    public List<string> ReferenceErrors(ServedSchema schema)
    {
        var errors = new List<string>();
        foreach (var (where, expression) in References())
        {
            var parts = expression.Split('.', 2);
            var root = parts[0].Split('[')[0];
            if (root == "pulumi" || Config.ContainsKey(root)) continue;
            if (!Resources.TryGetValue(root, out var target))
            {
                errors.Add($"{where}: ${{{expression}}} names '{root}', which is neither a resource nor a config key of {System.IO.Path.GetFileName(Path)}");
                continue;
            }
            if (parts.Length == 1 || target.Type.StartsWith("pulumi:providers:", StringComparison.Ordinal)) continue;
            var property = Regex.Match(parts[1], "^[A-Za-z0-9_]+").Value;
            if (property is "id" or "urn") continue;
            if (schema.Resource(target.Type) is not { } spec)
            {
                errors.Add($"{where}: ${{{expression}}}: {schema.MissingResource(target.Type)}");
                continue;
            }
            if (spec["properties"]?[property] is null)
                errors.Add($"{where}: ${{{expression}}}: {ServedSchema.Normalize(target.Type)} has no output '{property}'");
        }
        return errors;
    }
}
