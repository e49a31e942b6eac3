using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator.Validation;

internal enum FieldKind { String, Bool, Int, Number, Object, Array, Map }

/// <summary>
/// One JSON field of a request type: its kind, whether it is required, and its value rules. Request bodies are checked
/// against these tables the way Astro's request binding does it: 400 with a <c>fieldErrors</c> entry per broken rule.
/// </summary>
internal sealed record FieldSpec(string Name, FieldKind Kind)
{
    public bool Required { get; init; }
    public IReadOnlyList<string>? Enum { get; init; }
    public ObjectSpec? Object { get; init; }
    public FieldSpec? Items { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    public int? MaxLength { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    /// <summary>A format rule: returns an error message, or null when the value is fine.</summary>
    public Func<string, string?>? Format { get; init; }

    public FieldSpec Req() => this with { Required = true };
    public FieldSpec Opt() => this with { Required = false };
    public FieldSpec OneOf(params string[] values) => this with { Enum = values };
    public FieldSpec Range(long min, long max) => this with { Min = min, Max = max };
    public FieldSpec Fmt(Func<string, string?> format) => this with { Format = format };
    public FieldSpec Len(int max) => this with { MaxLength = max };
    public FieldSpec Count(int min, int max) => this with { MinItems = min, MaxItems = max };
}

/// <summary>An object type: its name (used in messages) and fields.</summary>
internal sealed class ObjectSpec(string name, IEnumerable<FieldSpec> fields)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, FieldSpec> Fields { get; } = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Fields that exist in sibling union variants, with the message to give when one is sent here.</summary>
    public Dictionary<string, string> Foreign { get; } = new(StringComparer.Ordinal);

    public ObjectSpec With(string name, params FieldSpec[] overrides)
    {
        var merged = Fields.Values.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var f in overrides) merged[f.Name] = f;
        return new ObjectSpec(name, merged.Values);
    }

    public ObjectSpec Without(string name, params string[] removed) =>
        new(name, Fields.Values.Where(f => !removed.Contains(f.Name)));
}

internal static class F
{
    public static FieldSpec Str(string name) => new(name, FieldKind.String);
    public static FieldSpec Bool(string name) => new(name, FieldKind.Bool);
    public static FieldSpec Int(string name) => new(name, FieldKind.Int);
    public static FieldSpec Num(string name) => new(name, FieldKind.Number);
    public static FieldSpec Obj(string name, ObjectSpec spec) => new(name, FieldKind.Object) { Object = spec };
    public static FieldSpec Arr(string name, FieldSpec items) => new(name, FieldKind.Array) { Items = items };
    public static FieldSpec StrArr(string name) => Arr(name, Str("item"));
    public static FieldSpec ObjArr(string name, ObjectSpec spec) => Arr(name, Obj("item", spec));

    /// <summary>A JSON object used as a map: any keys, each value checked against <paramref name="values"/> (null: any JSON).</summary>
    public static FieldSpec Map(string name, FieldSpec? values = null) => new(name, FieldKind.Map) { Items = values };

    /// <summary>
    /// Marks the fields of each union variant that only its siblings have, so that a field sent to the wrong variant
    /// is reported as "not allowed for X" rather than as unknown (§8).
    /// </summary>
    public static void Union(params (string Label, ObjectSpec Spec)[] variants)
    {
        foreach (var (label, spec) in variants)
        {
            foreach (var (_, other) in variants)
            {
                foreach (var name in other.Fields.Keys.Where(n => !spec.Fields.ContainsKey(n)))
                    spec.Foreign[name] = $"is not allowed for {label}";
            }
        }
    }
}

/// <summary>
/// Checks a JSON value against a spec and collects every error with its JSON path. An update may pass the object as
/// astro-sim stores it (<c>stored</c>): an enum value equal to the stored value at the same place is accepted even if
/// the spec does not list it, as Astro accepts its own values back (a value it added after astro-sim's tables, or one
/// patched in through <c>/_sim/patch</c>). Objects in arrays are matched with stored ones by <c>id</c>.
/// </summary>
internal static class Validator
{
    public static List<FieldError> Validate(JObject body, ObjectSpec spec, JObject? stored = null)
    {
        var errors = new List<FieldError>();
        ValidateObject(body, spec, "", errors, stored);
        return errors;
    }

    /// <summary>Validates and throws <see cref="ApiError"/> (400) when anything is wrong.</summary>
    public static void Require(JObject body, ObjectSpec spec, JObject? stored = null)
    {
        var errors = Validate(body, spec, stored);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void ValidateObject(JObject obj, ObjectSpec spec, string path, List<FieldError> errors, JToken? stored)
    {
        foreach (var prop in obj.Properties())
        {
            var fieldPath = Join(path, prop.Name);
            if (!spec.Fields.TryGetValue(prop.Name, out var field))
            {
                errors.Add(spec.Foreign.TryGetValue(prop.Name, out var why)
                    ? new FieldError(fieldPath, "not_allowed", why)
                    : new FieldError(fieldPath, "unknown_field", $"is not a field of {spec.Name}"));
                continue;
            }
            if (prop.Value.Type != JTokenType.Null) ValidateValue(prop.Value, field, fieldPath, errors, (stored as JObject)?[prop.Name]);
        }
        foreach (var field in spec.Fields.Values.Where(f => f.Required))
        {
            if (obj[field.Name] is null or { Type: JTokenType.Null })
                errors.Add(new FieldError(Join(path, field.Name), "required", "is required"));
        }
    }

    /// <summary>
    /// The stored counterpart of a request array item: for an object, the stored item with the same id (one without an id
    /// is new and has none); for a plain value, the one at its index.
    /// </summary>
    private static JToken? StoredItem(JToken item, int index, JToken? stored)
    {
        if (stored is not JArray items) return null;
        if (item is JObject o)
            return o["id"] is { Type: JTokenType.String } id
                ? items.OfType<JObject>().FirstOrDefault(s => s["id"] is { Type: JTokenType.String } sid && (string)sid! == (string)id!)
                : null;
        return index < items.Count ? items[index] : null;
    }

    private static void ValidateValue(JToken value, FieldSpec field, string path, List<FieldError> errors, JToken? stored)
    {
        switch (field.Kind)
        {
            case FieldKind.String:
                if (value.Type != JTokenType.String && value.Type != JTokenType.Date)
                {
                    errors.Add(new FieldError(path, "invalid_type", "must be a string"));
                    return;
                }
                var s = value.Type == JTokenType.Date ? value.ToString(Newtonsoft.Json.Formatting.None).Trim('"') : (string)value!;
                var storedValue = stored is { Type: JTokenType.String } ? (string?)stored : null;
                if (field.Enum is not null && !field.Enum.Contains(s, StringComparer.Ordinal) && s != storedValue)
                    errors.Add(new FieldError(path, "oneof", $"must be one of {string.Join(", ", field.Enum)}, not '{s}'"));
                else if (field.MaxLength is { } max && s.Length > max)
                    errors.Add(new FieldError(path, "max", $"must be at most {max} characters"));
                else if (field.Format?.Invoke(s) is { } problem)
                    errors.Add(new FieldError(path, "invalid", problem));
                break;
            case FieldKind.Bool:
                if (value.Type != JTokenType.Boolean) errors.Add(new FieldError(path, "invalid_type", "must be a boolean"));
                break;
            case FieldKind.Int:
                if (value.Type != JTokenType.Integer)
                {
                    errors.Add(new FieldError(path, "invalid_type", "must be an integer"));
                    return;
                }
                var n = (long)value;
                if (field.Min is { } lo && n < lo || field.Max is { } hi && n > hi)
                    errors.Add(new FieldError(path, "range", $"must be from {field.Min} to {field.Max}, not {n}"));
                break;
            case FieldKind.Number:
                if (value.Type is not (JTokenType.Integer or JTokenType.Float))
                    errors.Add(new FieldError(path, "invalid_type", "must be a number"));
                break;
            case FieldKind.Object:
                if (value is JObject o) ValidateObject(o, field.Object!, path, errors, stored);
                else errors.Add(new FieldError(path, "invalid_type", "must be an object"));
                break;
            case FieldKind.Map:
                if (value is not JObject map)
                {
                    errors.Add(new FieldError(path, "invalid_type", "must be an object"));
                    return;
                }
                if (field.Items is { } values)
                {
                    foreach (var member in map.Properties())
                    {
                        if (member.Value.Type == JTokenType.Null) errors.Add(new FieldError($"{path}.{member.Name}", "invalid_type", "must not be null"));
                        else ValidateValue(member.Value, values, $"{path}.{member.Name}", errors, (stored as JObject)?[member.Name]);
                    }
                }
                break;
            case FieldKind.Array:
                if (value is not JArray a)
                {
                    errors.Add(new FieldError(path, "invalid_type", "must be an array"));
                    return;
                }
                if (field.MinItems is { } minItems && a.Count < minItems || field.MaxItems is { } maxItems && a.Count > maxItems)
                    errors.Add(new FieldError(path, "count", $"must have from {field.MinItems} to {field.MaxItems} items, not {a.Count}"));
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i].Type == JTokenType.Null) errors.Add(new FieldError($"{path}[{i}]", "invalid_type", "must not be null"));
                    else ValidateValue(a[i], field.Items!, $"{path}[{i}]", errors, StoredItem(a[i], i, stored));
                }
                break;
        }
    }
}
