using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// A reference to a type in <see cref="ApiModel"/>: a primitive (<c>string</c>, <c>integer</c>, <c>number</c>,
/// <c>boolean</c>, <c>datetime</c>, <c>any</c>), an <c>array</c> of <see cref="Items"/>, a <c>map</c> of
/// <see cref="Values"/>, or a <c>ref</c> to the named type <see cref="Name"/>.
/// </summary>
public sealed record ApiTypeRef(string Kind, string? Name = null, ApiTypeRef? Items = null, ApiTypeRef? Values = null)
{
    public override string ToString() => Kind switch
    {
        "ref" => Name!,
        "array" => $"[]{Items}",
        "map" => $"map[string]{Values}",
        _ => Kind,
    };

    internal static ApiTypeRef Parse(JToken json) => new(
        (string)json["kind"]!,
        (string?)json["name"],
        json["items"] is JObject items ? Parse(items) : null,
        json["values"] is JObject values ? Parse(values) : null);
}

/// <summary>One field of an object type: its JSON name, type and whether the API always sends (or needs) it.</summary>
public sealed record ApiField(string Name, ApiTypeRef Type, bool Required, bool Pointer, bool Omitempty, bool Nullable);

/// <summary>
/// A named type of the API: an <c>object</c> with <see cref="Fields"/>, an <c>enum</c> with <see cref="Values"/>, or a
/// <c>union</c> whose variant the <see cref="Discriminator"/> property selects through <see cref="Mapping"/>.
/// </summary>
public sealed record ApiType(
    string Name,
    string Kind,
    IReadOnlyDictionary<string, ApiField> Fields,
    IReadOnlyList<string> Values,
    string? Discriminator,
    IReadOnlyDictionary<string, string> Mapping);

/// <summary>One operation: method, path template (relative to <c>/v1</c>), query parameters, body and responses.</summary>
public sealed record ApiOperation(
    string Name,
    string Method,
    string Path,
    IReadOnlyDictionary<string, ApiField> Query,
    string? RequestBody,
    IReadOnlyDictionary<string, ApiTypeRef?> Responses)
{
    /// <summary>The type of the success answer (the first 2xx response with a body), or null when there is none.</summary>
    public ApiTypeRef? SuccessType => Responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).FirstOrDefault(t => t is not null);

    /// <summary>The type of an answer with this status: the exact code, then <c>4XX</c>/<c>5XX</c>.</summary>
    public ApiTypeRef? ResponseType(int status) =>
        Responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var exact) ? exact
        : Responses.TryGetValue($"{status / 100}XX", out var range) ? range
        : null;
}

/// <summary>
/// The Astro API v1 as the JSON model generated from the astro CLI's client (<c>astro-client-v1/api.gen.go</c> in
/// github:astronomer/astro-cli): every type's fields with their JSON names and whether they are required, every enum,
/// every operation. astro-sim reads it from a file at startup (<c>--model</c>) and never embeds a copy, so the answers it
/// shapes follow whatever model the tests hand it.
/// </summary>
public sealed class ApiModel
{
    private readonly List<(ApiOperation Operation, Regex Pattern, int Literals)> _routes;

    private ApiModel(IReadOnlyDictionary<string, ApiType> types, IReadOnlyDictionary<string, ApiOperation> operations)
    {
        Types = types;
        Operations = operations;
        _routes = operations.Values.Select(o => (o, Compile(o.Path), o.Path.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{')))).ToList();
    }

    public IReadOnlyDictionary<string, ApiType> Types { get; }
    public IReadOnlyDictionary<string, ApiOperation> Operations { get; }

    /// <summary>Reads the model file; throws <see cref="ArgumentException"/> naming the file when it is missing or malformed.</summary>
    public static ApiModel Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read the API model '{path}': {e.Message}", e);
        }
        try
        {
            return Parse(JObject.Parse(text));
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or NullReferenceException or KeyNotFoundException)
        {
            throw new ArgumentException($"'{path}' is not an Astro API model (types and operations): {e.Message}", e);
        }
    }

    public static ApiModel Parse(JObject json)
    {
        var types = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        foreach (var (name, token) in (JObject)json["types"]!)
        {
            var t = (JObject)token!;
            types[name] = new ApiType(
                name,
                (string)t["kind"]!,
                Fields(t["fields"] as JObject),
                (t["values"] as JArray)?.Select(v => (string)v!).ToList() ?? [],
                (string?)t["discriminator"],
                (t["mapping"] as JObject)?.Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal)
                    ?? new Dictionary<string, string>(StringComparer.Ordinal));
        }
        var operations = new Dictionary<string, ApiOperation>(StringComparer.Ordinal);
        foreach (var (name, token) in (JObject)json["operations"]!)
        {
            var o = (JObject)token!;
            var responses = new Dictionary<string, ApiTypeRef?>(StringComparer.Ordinal);
            foreach (var (code, r) in (JObject)o["responses"]!)
                responses[code] = r?["type"] is JObject type ? ApiTypeRef.Parse(type) : null;
            operations[name] = new ApiOperation(
                name,
                (string)o["method"]!,
                (string)o["path"]!,
                Fields(o["query"] as JObject),
                (string?)o["requestBody"],
                responses);
        }
        return new ApiModel(types, operations);
    }

    private static Dictionary<string, ApiField> Fields(JObject? fields)
    {
        var result = new Dictionary<string, ApiField>(StringComparer.Ordinal);
        foreach (var (name, token) in fields ?? [])
        {
            var f = (JObject)token!;
            result[name] = new ApiField(name, ApiTypeRef.Parse(f["type"]!), (bool?)f["required"] ?? false,
                (bool?)f["pointer"] ?? false, (bool?)f["omitempty"] ?? false, (bool?)f["nullable"] ?? false);
        }
        return result;
    }

    /// <summary>
    /// The operation a request is for: <paramref name="path"/> is the request path under the API root (with or without
    /// the leading <c>/v1</c>). Where two templates match, the one with more literal segments wins
    /// (<c>/deployments/{id}</c> never takes <c>/deployment-options</c>).
    /// </summary>
    public ApiOperation? Match(string method, string path)
    {
        if (path.StartsWith("/v1/", StringComparison.Ordinal)) path = path[3..];
        ApiOperation? best = null;
        var bestLiterals = -1;
        foreach (var (operation, pattern, literals) in _routes)
        {
            if (!string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase) || !pattern.IsMatch(path)) continue;
            if (literals > bestLiterals) (best, bestLiterals) = (operation, literals);
        }
        return best;
    }

    /// <summary>The named type a reference points to; null for primitives, arrays and maps.</summary>
    public ApiType? Resolve(ApiTypeRef type) => type.Kind == "ref" && type.Name is { } name && Types.TryGetValue(name, out var t) ? t : null;

    /// <summary>The variant of a union that <paramref name="value"/>'s discriminator selects, or null when it selects none.</summary>
    public ApiType? Variant(ApiType union, JObject value) =>
        union.Discriminator is { } d && value[d] is { Type: JTokenType.String } tag && union.Mapping.TryGetValue((string)tag!, out var variant)
            ? Types.GetValueOrDefault(variant)
            : null;

    private static Regex Compile(string template)
    {
        var parts = template.Split('/').Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s));
        return new Regex("^" + string.Join("/", parts) + "/?$", RegexOptions.CultureInvariant);
    }
}
