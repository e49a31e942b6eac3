using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>How astro-sim answers: every field it knows, or as lean as the API's model allows.</summary>
public enum ResponseMode
{
    /// <summary>Every field astro-sim has (the default).</summary>
    Full,

    /// <summary>Fields the model marks not required are left out, at every level.</summary>
    Lean,

    /// <summary>Fields the model marks not required are sent as JSON null, at every level.</summary>
    Null,
}

/// <summary>The names of <see cref="ResponseMode"/> on the command line and in the control API.</summary>
public static class ResponseModes
{
    public static string Name(ResponseMode mode) => mode switch
    {
        ResponseMode.Lean => "lean",
        ResponseMode.Null => "null",
        _ => "full",
    };

    public static bool TryParse(string? value, out ResponseMode mode)
    {
        (var ok, mode) = value switch
        {
            "full" => (true, ResponseMode.Full),
            "lean" => (true, ResponseMode.Lean),
            "null" => (true, ResponseMode.Null),
            _ => (false, ResponseMode.Full),
        };
        return ok;
    }
}

/// <summary>
/// Rewrites a success answer the way the real API may send it: the model's optional fields are left out (lean) or
/// null (null), in the answer's own type and in every required object, array item and map value under it. The real
/// API's generated clients decode optional fields as pointers with <c>omitempty</c>, so either form is a valid answer.
/// Fields the model does not know are left alone (the model validator in the tests reports them).
/// </summary>
internal static class ResponseShaper
{
    public static void Shape(ApiModel model, JToken? body, ApiTypeRef type, ResponseMode mode)
    {
        if (mode == ResponseMode.Full || body is null || body.Type == JTokenType.Null) return;
        switch (type.Kind)
        {
            case "array" when body is JArray array:
                foreach (var item in array) Shape(model, item, type.Items!, mode);
                return;
            case "map" when body is JObject map:
                foreach (var property in map.Properties()) Shape(model, property.Value, type.Values!, mode);
                return;
            case "ref" when body is JObject obj && model.Resolve(type) is { } named:
                var objectType = named.Kind == "union" ? model.Variant(named, obj) : named;
                if (objectType is { Kind: "object" }) ShapeObject(model, obj, objectType, mode);
                return;
        }
    }

    private static void ShapeObject(ApiModel model, JObject obj, ApiType type, ResponseMode mode)
    {
        foreach (var field in type.Fields.Values)
        {
            if (!field.Required)
            {
                if (mode == ResponseMode.Lean) obj.Remove(field.Name);
                else obj[field.Name] = JValue.CreateNull();
            }
            else if (obj[field.Name] is { } value)
            {
                Shape(model, value, field.Type, mode);
            }
        }
    }
}
