using System.Globalization;
using Pulumi.Astro.Provider.Protocol;

namespace Pulumi.Astro.Provider.Schema;

/// <summary>A Check failure: the property path (e.g. <c>workerQueues[0].astroMachine</c>) and the rule it broke.</summary>
public sealed record CheckFailure(string Property, string Reason);

public enum DiffKind { Add = 0, AddReplace = 1, Delete = 2, DeleteReplace = 3, Update = 4, UpdateReplace = 5 }

/// <summary>What changed between old and new inputs: top-level keys, the replacing ones, and a detailed diff by path.</summary>
public sealed record DiffResult(IReadOnlyList<string> Changed, IReadOnlyList<string> Replaces, IReadOnlyDictionary<string, DiffKind> Detailed)
{
    public bool HasChanges => Changed.Count > 0;

    /// <summary>
    /// The same diff where the changed top-level properties among <paramref name="props"/> also replace: for rules a
    /// resource decides from values (e.g. development mode turned on again), beyond its table's replaceOnChanges.
    /// </summary>
    public DiffResult Replacing(IEnumerable<string> props)
    {
        var replaces = new HashSet<string>(Replaces, StringComparer.Ordinal);
        replaces.UnionWith(props.Where(Changed.Contains));
        if (replaces.Count == Replaces.Count) return this;
        return this with
        {
            Replaces = Changed.Where(replaces.Contains).ToList(),
            Detailed = Detailed.ToDictionary(e => e.Key, e => replaces.Contains(TopLevel(e.Key)) ? AsReplace(e.Value) : e.Value),
        };
    }

    /// <summary>The same diff without <paramref name="prop"/>: for a change the resource knows is none.</summary>
    public DiffResult Without(string prop) => this with
    {
        Changed = Changed.Where(c => c != prop).ToList(),
        Replaces = Replaces.Where(c => c != prop).ToList(),
        Detailed = Detailed.Where(e => TopLevel(e.Key) != prop).ToDictionary(),
    };

    private static string TopLevel(string path) => path.Split('.', '[')[0];

    private static DiffKind AsReplace(DiffKind kind) => kind switch
    {
        DiffKind.Add => DiffKind.AddReplace,
        DiffKind.Delete => DiffKind.DeleteReplace,
        DiffKind.Update => DiffKind.UpdateReplace,
        _ => kind,
    };
}

/// <summary>
/// The generic rules every resource gets from its <see cref="Prop"/> table: type, required, enum and range checks
/// with defaults at Check time, and a detailed diff with replacements at Diff time. Unknowns (preview) are never
/// checked, and secret wrappers are kept in what Check returns.
/// </summary>
public static class Rules
{
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>
    /// Validates <paramref name="news"/> against the input properties and returns it with defaults filled in. A reason
    /// never quotes a value that is secret (wrapped, or of a secret property): <paramref name="secret"/> says the whole
    /// of <paramref name="news"/> is.
    /// </summary>
    public static PropertyMap Check(PropertyMap news, IEnumerable<Prop> props, List<CheckFailure> failures, string path = "", bool secret = false)
    {
        var inputs = props.Where(p => p.IsInput).ToList();
        var known = inputs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in news.Keys.Where(k => !known.Contains(k)))
        {
            var computed = props.Any(p => p.Name == key);
            failures.Add(new CheckFailure(Join(path, key), computed
                ? "is an output computed by Astro and cannot be set"
                : $"is not a property; expected one of {string.Join(", ", inputs.Select(p => p.Name))}"));
        }
        var result = news;
        foreach (var prop in inputs)
        {
            var value = news[prop.Name];
            var propPath = Join(path, prop.Name);
            if (value.IsNull)
            {
                if (prop.Default is { } def) result = result.With(prop.Name, def);
                else if (prop.Required) failures.Add(new CheckFailure(propPath, "is required"));
                continue;
            }
            var checkedValue = CheckValue(value, prop, propPath, failures, secret);
            if (!ReferenceEquals(checkedValue, value)) result = result.With(prop.Name, checkedValue);
        }
        return result;
    }

    private static PropertyValue CheckValue(PropertyValue value, Prop prop, string path, List<CheckFailure> failures, bool secret)
    {
        if (value.IsUnknown) return value;
        var plain = value.Unwrapped;
        if (plain.IsUnknown) return value;
        secret |= value.IsSecret || prop.Secret;
        string Show(PropertyValue v) => Describe(v, secret);
        switch (prop.Type)
        {
            case PropType.String:
                if (plain.Kind != PropertyKind.String) failures.Add(new CheckFailure(path, $"must be a string, not {Show(plain)}"));
                else if (prop.MaxLength is { } longest && plain.AsString.Length > longest)
                    failures.Add(new CheckFailure(path, $"must be at most {longest} characters, not {plain.AsString.Length}"));
                break;
            case PropType.Boolean:
                if (plain.Kind != PropertyKind.Bool) failures.Add(new CheckFailure(path, $"must be a boolean, not {Show(plain)}"));
                break;
            case PropType.Integer:
            case PropType.Number:
                if (plain.Kind != PropertyKind.Number)
                {
                    failures.Add(new CheckFailure(path, $"must be a number, not {Show(plain)}"));
                    break;
                }
                var n = plain.AsNumber;
                var (low, high) = (prop.Min ?? (prop.Type == PropType.Integer ? int.MinValue : null), prop.Max ?? (prop.Type == PropType.Integer ? int.MaxValue : null));
                var shown = secret ? "a secret number" : Number(n);
                if (!double.IsFinite(n))
                    failures.Add(new CheckFailure(path, $"must be a finite number, not {shown}"));
                else if (prop.Type == PropType.Integer && Math.Floor(n) != n)
                    failures.Add(new CheckFailure(path, $"must be a whole number, not {shown}"));
                // Astro's integers are 32-bit: a larger one would overflow on its way to the API.
                else if (low is { } min && n < min || high is { } max && n > max)
                    failures.Add(new CheckFailure(path, $"must be from {Number(low)} to {Number(high)}, not {shown}"));
                break;
            case PropType.Enum:
                if (plain.Kind != PropertyKind.String) failures.Add(new CheckFailure(path, $"must be one of {prop.Enum!.List}"));
                else if (!prop.Enum!.Allows(plain.AsString))
                    failures.Add(new CheckFailure(path, $"must be one of {prop.Enum.List}{(secret ? "" : $", not \"{plain.AsString}\"")}"));
                break;
            case PropType.Array:
                if (plain.Kind != PropertyKind.Array)
                {
                    failures.Add(new CheckFailure(path, $"must be a list, not {Show(plain)}"));
                    break;
                }
                var items = plain.AsArray.Select((item, i) => item.IsNull
                    ? Fail(item, failures, $"{path}[{i}]", "must not be null")
                    : CheckValue(item, prop.Items!, $"{path}[{i}]", failures, secret)).ToList();
                if (!items.SequenceEqual(plain.AsArray, ReferenceEqualityComparer.Instance)) return value.KeepSecrecy(PropertyValue.From(items));
                break;
            case PropType.Map:
                if (plain.Kind != PropertyKind.Object)
                {
                    failures.Add(new CheckFailure(path, $"must be a map, not {Show(plain)}"));
                    break;
                }
                foreach (var (k, v) in plain.AsObject.Entries) CheckValue(v, prop.Items!, $"{path}[\"{k}\"]", failures, secret);
                break;
            case PropType.Object:
                if (plain.Kind != PropertyKind.Object)
                {
                    failures.Add(new CheckFailure(path, $"must be an object, not {Show(plain)}"));
                    break;
                }
                var inner = Check(plain.AsObject, prop.Object!.Props, failures, path, secret);
                if (!ReferenceEquals(inner, plain.AsObject)) return value.KeepSecrecy(PropertyValue.From(inner));
                break;
        }
        return value;
    }

    private static PropertyValue Fail(PropertyValue value, List<CheckFailure> failures, string path, string reason)
    {
        failures.Add(new CheckFailure(path, reason));
        return value;
    }

    private static string Number(double? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>What a rejected value is, for a reason; a secret is described by its kind only, never quoted.</summary>
    private static string Describe(PropertyValue v, bool secret) => v.Kind switch
    {
        PropertyKind.String => secret ? "a secret string" : $"the string \"{v.AsString}\"",
        PropertyKind.Number => secret ? "a secret number" : $"the number {v.AsNumber.ToString(CultureInfo.InvariantCulture)}",
        PropertyKind.Bool => secret ? "a secret boolean" : v.AsBool ? "true" : "false",
        PropertyKind.Array => "a list",
        PropertyKind.Object => "an object",
        _ => v.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>True when two values are the same for Diff: secrets compare by value, null equals absent.</summary>
    public static bool Same(PropertyValue a, PropertyValue b, Prop? prop)
    {
        a = a.Unwrapped;
        b = b.Unwrapped;
        if (a.IsUnknown || b.IsUnknown) return false;
        if (a.Kind != b.Kind) return false;
        switch (a.Kind)
        {
            case PropertyKind.Array:
                var (xs, ys) = (a.AsArray, b.AsArray);
                if (xs.Count != ys.Count) return false;
                if (prop?.Unordered == true)
                {
                    var remaining = ys.ToList();
                    foreach (var x in xs)
                    {
                        var match = remaining.FindIndex(y => Same(x, y, prop.Items));
                        if (match < 0) return false;
                        remaining.RemoveAt(match);
                    }
                    return true;
                }
                return xs.Zip(ys).All(p => Same(p.First, p.Second, prop?.Items));
            case PropertyKind.Object:
                var (ma, mb) = (a.AsObject, b.AsObject);
                return ma.Keys.Concat(mb.Keys).Distinct().All(k => Same(ma[k], mb[k], Child(prop, k)));
            default:
                return a.Equals(b);
        }
    }

    private static Prop? Child(Prop? prop, string key) => prop?.Type switch
    {
        PropType.Object => prop.Object!.Props.FirstOrDefault(p => p.Name == key),
        PropType.Map => prop.Items,
        _ => null,
    };

    /// <summary>Diffs old inputs against new inputs over the input properties.</summary>
    public static DiffResult Diff(PropertyMap olds, PropertyMap news, IEnumerable<Prop> props)
    {
        var changed = new List<string>();
        var replaces = new List<string>();
        var detailed = new Dictionary<string, DiffKind>(StringComparer.Ordinal);
        foreach (var prop in props.Where(p => p.IsInput))
        {
            var (o, n) = (olds[prop.Name], news[prop.Name]);
            if (Same(o, n, prop) || o.IsNull && n.IsNull) continue;
            changed.Add(prop.Name);
            if (prop.ReplaceOnChanges) replaces.Add(prop.Name);
            Walk(prop.Name, o, n, prop, prop.ReplaceOnChanges, detailed);
        }
        return new DiffResult(changed, replaces, detailed);
    }

    private static void Walk(string path, PropertyValue o, PropertyValue n, Prop? prop, bool replace, Dictionary<string, DiffKind> detailed)
    {
        if (Same(o, n, prop)) return;
        var (a, b) = (o.Unwrapped, n.Unwrapped);
        if (a.IsNull)
        {
            detailed[path] = replace ? DiffKind.AddReplace : DiffKind.Add;
            return;
        }
        if (b.IsNull)
        {
            detailed[path] = replace ? DiffKind.DeleteReplace : DiffKind.Delete;
            return;
        }
        if (a.Kind == PropertyKind.Object && b.Kind == PropertyKind.Object && prop?.Type is PropType.Object or PropType.Map)
        {
            foreach (var key in a.AsObject.Keys.Concat(b.AsObject.Keys).Distinct())
            {
                var childPath = prop.Type == PropType.Map ? $"{path}[\"{key}\"]" : $"{path}.{key}";
                Walk(childPath, a.AsObject[key], b.AsObject[key], Child(prop, key), replace, detailed);
            }
            return;
        }
        if (a.Kind == PropertyKind.Array && b.Kind == PropertyKind.Array && prop?.Unordered != true)
        {
            // Element by element; extra elements are additions or deletions at their index.
            for (var i = 0; i < Math.Max(a.AsArray.Count, b.AsArray.Count); i++)
            {
                var x = i < a.AsArray.Count ? a.AsArray[i] : PropertyValue.Null;
                var y = i < b.AsArray.Count ? b.AsArray[i] : PropertyValue.Null;
                Walk($"{path}[{i}]", x, y, prop?.Items, replace, detailed);
            }
            return;
        }
        detailed[path] = replace ? DiffKind.UpdateReplace : DiffKind.Update;
    }
}
