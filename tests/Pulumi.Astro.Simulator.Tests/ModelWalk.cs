using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// Walks an answer along its model type, through required fields, array items and map values, and reports the optional
/// fields of every object it reaches: the ones present (with their values) and the ones absent.
/// </summary>
internal static class ModelWalk
{
    public static IEnumerable<(string Where, JToken Value)> OptionalFields(ApiModel model, JToken value, ApiTypeRef type, string where) =>
        Walk(model, value, type, where).Where(f => f.Value is not null).Select(f => (f.Where, f.Value!));

    public static IEnumerable<string> AbsentOptionalFields(ApiModel model, JToken value, ApiTypeRef type, string where) =>
        Walk(model, value, type, where).Where(f => f.Value is null).Select(f => f.Where);

    private static IEnumerable<(string Where, JToken? Value)> Walk(ApiModel model, JToken value, ApiTypeRef type, string where)
    {
        switch (type.Kind)
        {
            case "array" when value is JArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var f in Walk(model, array[i], type.Items!, $"{where}[{i}]")) yield return f;
                yield break;
            case "map" when value is JObject map:
                foreach (var p in map.Properties())
                    foreach (var f in Walk(model, p.Value, type.Values!, $"{where}.{p.Name}")) yield return f;
                yield break;
            case "ref" when value is JObject obj && model.Resolve(type) is { } named:
                var objectType = named.Kind == "union" ? model.Variant(named, obj) : named;
                if (objectType is not { Kind: "object" }) yield break;
                foreach (var field in objectType.Fields.Values)
                {
                    var path = $"{where}.{field.Name}";
                    if (!field.Required) yield return (path, obj[field.Name]);
                    else if (obj[field.Name] is { } child)
                        foreach (var f in Walk(model, child, field.Type, path)) yield return f;
                }
                yield break;
        }
    }
}
