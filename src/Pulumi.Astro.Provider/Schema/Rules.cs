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
    /// The old resource must be deleted before its replacement is created: for a resource whose replacement cannot
    /// coexist with it (the engine's default is create-before-delete).
    /// </summary>
    public bool DeleteBeforeReplace { get; init; }

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
/// The generic rules every resource gets from its <see cref="Prop"/> table (design note: docs/design/property-model.md):
/// <list type="bullet">
/// <item>Check: types, required, enums, ranges and defaults; unknowns (preview) are never checked; secret wrappers are kept,
/// and every value of a secret property is made secret at any depth.</item>
/// <item>Diff: null, empty and the property's default all mean "not set"; a property Astro fills in
/// (<see cref="Prop.ServerDefault"/>) left out is no change; canonical forms and unordered lists compare as such.</item>
/// <item>Read: the live object's values reconciled with the old inputs, so that a value Astro did not send keeps what
/// the state had, and an unchanged value keeps the program's spelling and secret marks (<see cref="Reconcile(PropertyMap, PropertyMap?, IEnumerable{Prop})"/>).</item>
/// </list>
/// In the maps a resource builds from Astro's answers, <see cref="PropertyValue.Unknown"/> means "Astro did not say"
/// (the field was left out or null), and a missing key means "Astro says it is not set".
/// </summary>
public static class Rules
{
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // ---- Check ----

    /// <summary>
    /// Validates <paramref name="news"/> against the input properties and returns it with defaults filled in. A reason
    /// never quotes a value that is secret (wrapped, or of a secret property): <paramref name="secret"/> says the whole
    /// of <paramref name="news"/> is. <paramref name="olds"/> (the old inputs, when there are any) lets an enum value
    /// Astro reported, and the program kept, pass although this provider does not know it: Astro adds values over time.
    /// </summary>
    public static PropertyMap Check(PropertyMap news, IEnumerable<Prop> props, List<CheckFailure> failures, string path = "", bool secret = false, PropertyMap? olds = null)
    {
        var all = props as IReadOnlyList<Prop> ?? props.ToList();
        var inputs = all.Where(p => p.IsInput).ToList();
        // What Check writes into the inputs itself, the engine may feed back (ignoreChanges copies old inputs): accept it.
        var accepted = all.Where(p => p.IsInput || p.SetByCheck).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in news.Keys.Where(k => !accepted.Contains(k)))
        {
            var computed = all.Any(p => p.Name == key);
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
            var checkedValue = CheckValue(value, olds?[prop.Name] ?? PropertyValue.Null, prop, propPath, failures, secret);
            if (!ReferenceEquals(checkedValue, value)) result = result.With(prop.Name, checkedValue);
        }
        return result;
    }

    private static PropertyValue CheckValue(PropertyValue value, PropertyValue old, Prop prop, string path, List<CheckFailure> failures, bool secret)
    {
        if (value.IsUnknown) return value;
        var plain = value.Unwrapped;
        if (plain.IsUnknown) return value;
        secret |= value.IsSecret || prop.Secret;
        var oldPlain = old.Unwrapped;
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
                // A value Astro reported (and the state kept) passes even if this provider does not know it yet.
                else if (!prop.Enum!.Allows(plain.AsString) && !(oldPlain.Kind == PropertyKind.String && oldPlain.AsString == plain.AsString))
                    failures.Add(new CheckFailure(path, $"must be one of {prop.Enum.List}{(secret ? "" : $", not \"{plain.AsString}\"")}"));
                break;
            case PropType.Array:
                if (plain.Kind != PropertyKind.Array)
                {
                    failures.Add(new CheckFailure(path, $"must be a list, not {Show(plain)}"));
                    break;
                }
                var oldItems = oldPlain.Kind == PropertyKind.Array ? oldPlain.AsArray : [];
                var items = plain.AsArray.Select((item, i) => item.IsNull
                    ? Fail(item, failures, $"{path}[{i}]", "must not be null")
                    : CheckValue(item, Counterpart(item, i, oldItems, prop.Items), prop.Items!, $"{path}[{i}]", failures, secret)).ToList();
                if (!items.SequenceEqual(plain.AsArray, ReferenceEqualityComparer.Instance)) return value.KeepSecrecy(PropertyValue.From(items));
                break;
            case PropType.Map:
                if (plain.Kind != PropertyKind.Object)
                {
                    failures.Add(new CheckFailure(path, $"must be a map, not {Show(plain)}"));
                    break;
                }
                foreach (var (k, v) in plain.AsObject.Entries)
                    CheckValue(v, oldPlain.Kind == PropertyKind.Object ? oldPlain.AsObject[k] : PropertyValue.Null, prop.Items!, $"{path}[\"{k}\"]", failures, secret);
                break;
            case PropType.Object:
                if (plain.Kind != PropertyKind.Object)
                {
                    failures.Add(new CheckFailure(path, $"must be an object, not {Show(plain)}"));
                    break;
                }
                var inner = Check(plain.AsObject, prop.Object!.Props, failures, path, secret, oldPlain.Kind == PropertyKind.Object ? oldPlain.AsObject : null);
                if (!ReferenceEquals(inner, plain.AsObject)) return value.KeepSecrecy(PropertyValue.From(inner));
                break;
        }
        return value;
    }

    /// <summary>The old element that corresponds to <paramref name="item"/>: by the item type's key, else by position.</summary>
    private static PropertyValue Counterpart(PropertyValue item, int index, IReadOnlyList<PropertyValue> olds, Prop? itemProp)
    {
        if (itemProp?.Object?.Key is { } key)
        {
            var k = KeyOf(item, key);
            return k is null ? PropertyValue.Null : olds.FirstOrDefault(o => KeyOf(o, key) == k) ?? PropertyValue.Null;
        }
        return index < olds.Count ? olds[index] : PropertyValue.Null;
    }

    private static string? KeyOf(PropertyValue item, string key) =>
        item.Unwrapped is { Kind: PropertyKind.Object } o && o.AsObject[key].Unwrapped is { Kind: PropertyKind.String } s ? s.AsString : null;

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

    // ---- secrets ----

    /// <summary>The map with every value of a secret property made secret, at any depth.</summary>
    public static PropertyMap MarkSecrets(PropertyMap map, IEnumerable<Prop> props)
    {
        var byName = new Dictionary<string, Prop>(StringComparer.Ordinal);
        foreach (var p in props) byName.TryAdd(p.Name, p);
        return new PropertyMap(map.Entries.Select(e => byName.TryGetValue(e.Key, out var p) ? new KeyValuePair<string, PropertyValue>(e.Key, MarkSecrets(e.Value, p)) : e));
    }

    /// <summary>The value with every part whose property is secret made secret; other secret marks are kept.</summary>
    public static PropertyValue MarkSecrets(PropertyValue value, Prop prop)
    {
        if (value.IsNull || value.IsUnknown) return value;
        if (prop.Secret) return PropertyValue.Secret(value);
        var plain = value.Unwrapped;
        PropertyValue marked;
        if (plain.Kind == PropertyKind.Object && prop.Type == PropType.Object) marked = PropertyValue.From(MarkSecrets(plain.AsObject, prop.Object!.Props));
        else if (plain.Kind == PropertyKind.Object && prop.Type == PropType.Map)
            marked = PropertyValue.From(new PropertyMap(plain.AsObject.Entries.Select(e => new KeyValuePair<string, PropertyValue>(e.Key, MarkSecrets(e.Value, prop.Items!)))));
        else if (plain.Kind == PropertyKind.Array && prop.Items is { } items) marked = PropertyValue.From(plain.AsArray.Select(i => MarkSecrets(i, items)));
        else return value;
        return value.KeepSecrecy(marked);
    }

    // ---- Diff ----

    /// <summary>Null, an empty string, list or map, or an object with nothing set: "not set".</summary>
    private static bool IsEmpty(PropertyValue v, Prop? prop)
    {
        v = v.Unwrapped;
        return v.Kind switch
        {
            PropertyKind.Null => true,
            PropertyKind.String => v.AsString.Length == 0,
            PropertyKind.Array => v.AsArray.Count == 0,
            // An object whose only values are ones Astro fills in (or owned elsewhere) is not set by the program either.
            PropertyKind.Object when prop?.Type == PropType.Object => v.AsObject.Entries.All(e => Unset(e.Value, prop.Object![e.Key]) || prop.Object![e.Key]?.ServerDefault == true),
            PropertyKind.Object => v.AsObject.Count == 0,
            _ => false,
        };
    }

    /// <summary>"Not set": empty (see <see cref="IsEmpty"/>) or the property's default.</summary>
    private static bool Unset(PropertyValue v, Prop? prop) =>
        IsEmpty(v, prop) || prop?.Default is { } d && !v.Unwrapped.IsUnknown && v.Unwrapped.Equals(d.Unwrapped);

    /// <summary>
    /// True when <paramref name="old"/> and <paramref name="new"/> are the same for Diff: secrets compare by value; null,
    /// empty and the property's default are one "not set"; a <see cref="Prop.ServerDefault"/> property the new side leaves
    /// out is no change; strings compare by their canonical form; unordered lists compare as multisets.
    /// </summary>
    public static bool Same(PropertyValue old, PropertyValue @new, Prop? prop)
    {
        var (a, b) = (old.Unwrapped, @new.Unwrapped);
        if (a.IsUnknown || b.IsUnknown) return false;
        if (prop?.ServerDefault == true && b.IsNull) return true;
        if (Unset(a, prop) && Unset(b, prop)) return true;
        if (a.Kind != b.Kind) return false;
        switch (a.Kind)
        {
            case PropertyKind.String:
                return prop?.Canonical is { } canonical ? Canonical(canonical, a.AsString) == Canonical(canonical, b.AsString) : a.AsString == b.AsString;
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

    private static string Canonical(Func<string, string> canonical, string value)
    {
        try
        {
            return canonical(value);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return value;
        }
    }

    private static Prop? Child(Prop? prop, string key) => prop?.Type switch
    {
        PropType.Object => prop.Object![key],
        PropType.Map => prop.Items,
        _ => null,
    };

    /// <summary>
    /// Diffs old inputs against new inputs over the input properties. A <see cref="Prop.ServerDefault"/> property the
    /// program leaves out is no change; one it sets is compared with the old input, or, when the old inputs left it out
    /// too, with the live value in <paramref name="oldOutputs"/>.
    /// </summary>
    public static DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news, IEnumerable<Prop> props)
    {
        var changed = new List<string>();
        var replaces = new List<string>();
        var detailed = new Dictionary<string, DiffKind>(StringComparer.Ordinal);
        foreach (var prop in props.Where(p => p.IsInput))
        {
            var (o, n) = (oldInputs[prop.Name], news[prop.Name]);
            if (prop.ServerDefault && o.IsNull) o = oldOutputs[prop.Name];
            if (Same(o, n, prop)) continue;
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
        if (Unset(a, prop))
        {
            detailed[path] = replace ? DiffKind.AddReplace : DiffKind.Add;
            return;
        }
        if (Unset(b, prop))
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
        if (a.Kind == PropertyKind.Array && b.Kind == PropertyKind.Array && prop?.Unordered == true && prop.Items?.Object?.Key is not null)
        {
            // Matched by key, whatever the order: a changed element shows at its new index, a removed one at its old.
            for (var i = 0; i < b.AsArray.Count; i++)
                Walk($"{path}[{i}]", Counterpart(b.AsArray[i], i, a.AsArray, prop.Items), b.AsArray[i], prop.Items, replace, detailed);
            for (var i = 0; i < a.AsArray.Count; i++)
                if (Counterpart(a.AsArray[i], i, b.AsArray, prop.Items).IsNull)
                    detailed.TryAdd($"{path}[{i}]", replace ? DiffKind.DeleteReplace : DiffKind.Delete);
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

    // ---- Read ----

    /// <summary>
    /// Read's inputs: the live object's inputs (<paramref name="live"/>, Unknown where Astro did not say) reconciled
    /// with <paramref name="old"/> (null on import): a value Astro did not send keeps the old one (never invented,
    /// never lost); a value that is the same for Diff keeps the old spelling and its secret marks, so a refresh of an
    /// unchanged program changes nothing; list elements are matched by their type's key. Values Check writes
    /// (<see cref="Prop.SetByCheck"/>) come from the old inputs.
    /// </summary>
    public static PropertyMap Reconcile(PropertyMap live, PropertyMap? old, IEnumerable<Prop> props)
    {
        var entries = new List<KeyValuePair<string, PropertyValue>>();
        foreach (var prop in props.Where(p => p.IsInput || p.SetByCheck))
        {
            var liveValue = prop.SetByCheck && !live.TryGet(prop.Name, out _) ? PropertyValue.Unknown : live[prop.Name];
            var value = Reconcile(liveValue, old?[prop.Name] ?? PropertyValue.Null, prop);
            if (!value.IsNull) entries.Add(new(prop.Name, value));
        }
        return new PropertyMap(entries);
    }

    /// <summary>One value of <see cref="Reconcile(PropertyMap, PropertyMap?, IEnumerable{Prop})"/>.</summary>
    public static PropertyValue Reconcile(PropertyValue live, PropertyValue old, Prop? prop)
    {
        if (live.IsUnknown) return old;
        if (old.IsNull) return Known(live);
        if (Same(live, old, prop)) return old;
        var (l, o) = (live.Unwrapped, old.Unwrapped);
        PropertyValue merged;
        if (l.Kind == PropertyKind.Object && o.Kind == PropertyKind.Object && prop?.Type == PropType.Object)
            merged = PropertyValue.From(Reconcile(l.AsObject, o.AsObject, prop.Object!.Props));
        else if (l.Kind == PropertyKind.Object && o.Kind == PropertyKind.Object && prop?.Type == PropType.Map)
            merged = PropertyValue.From(new PropertyMap(l.AsObject.Entries
                .Select(e => new KeyValuePair<string, PropertyValue>(e.Key, Reconcile(e.Value, o.AsObject[e.Key], prop.Items)))
                .Where(e => !e.Value.IsNull)));
        else if (l.Kind == PropertyKind.Array && o.Kind == PropertyKind.Array)
            merged = PropertyValue.From(ReconcileList(l.AsArray, o.AsArray, prop));
        else merged = Known(live);
        // A value the program marked secret stays secret when Astro changed it.
        return old.IsSecret || live.IsSecret ? PropertyValue.Secret(merged) : merged;
    }

    private static IEnumerable<PropertyValue> ReconcileList(IReadOnlyList<PropertyValue> live, IReadOnlyList<PropertyValue> old, Prop? prop)
    {
        var itemProp = prop?.Items;
        var remaining = old.ToList();
        for (var i = 0; i < live.Count; i++)
        {
            if (live[i].IsUnknown) continue;
            PropertyValue counterpart;
            if (itemProp?.Object?.Key is not null || prop?.Unordered != true)
                counterpart = Counterpart(live[i], i, old, itemProp);
            else
            {
                var match = remaining.FindIndex(o => Same(live[i], o, itemProp));
                counterpart = match < 0 ? PropertyValue.Null : remaining[match];
                if (match >= 0) remaining.RemoveAt(match);
            }
            var value = Reconcile(live[i], counterpart, itemProp);
            if (!value.IsNull) yield return value;
        }
    }

    /// <summary>The value without the parts Astro did not say (Unknown): those are simply absent.</summary>
    public static PropertyValue Known(PropertyValue value)
    {
        var plain = value.Unwrapped;
        return plain.Kind switch
        {
            PropertyKind.Unknown => PropertyValue.Null,
            PropertyKind.Object => value.KeepSecrecy(PropertyValue.From(Known(plain.AsObject))),
            PropertyKind.Array => value.KeepSecrecy(PropertyValue.From(plain.AsArray.Where(v => !v.Unwrapped.IsUnknown).Select(Known))),
            _ => value,
        };
    }

    /// <summary>The map without the values Astro did not say.</summary>
    public static PropertyMap Known(PropertyMap map) =>
        new(map.Entries.Select(e => new KeyValuePair<string, PropertyValue>(e.Key, Known(e.Value))).Where(e => !e.Value.IsNull));

    /// <summary>
    /// Live values Astro did not send (Unknown) replaced by the last known ones in <paramref name="old"/> (outputs of an
    /// earlier operation), so an output never becomes empty because one answer was lean. With <paramref name="props"/>,
    /// at any depth: a field of an object, or of a list element matched by its type's key (a worker queue by name).
    /// </summary>
    public static PropertyMap KeepLastKnown(PropertyMap live, PropertyMap? old, IEnumerable<Prop>? props = null) =>
        Known(LastKnown(live, old, props?.ToList()));

    private static PropertyMap LastKnown(PropertyMap live, PropertyMap? old, IReadOnlyList<Prop>? props) =>
        new(live.Entries.Select(e => new KeyValuePair<string, PropertyValue>(e.Key,
            LastKnown(e.Value, old?[e.Key] ?? PropertyValue.Null, props?.FirstOrDefault(p => p.Name == e.Key)))));

    private static PropertyValue LastKnown(PropertyValue live, PropertyValue old, Prop? prop)
    {
        if (live.IsUnknown) return old;
        var (l, o) = (live.Unwrapped, old.Unwrapped);
        if (prop is null || o.IsNull) return live;
        if (l.Kind == PropertyKind.Object && o.Kind == PropertyKind.Object && prop.Type == PropType.Object)
            return live.KeepSecrecy(PropertyValue.From(LastKnown(l.AsObject, o.AsObject, prop.Object!.Props)));
        if (l.Kind == PropertyKind.Array && o.Kind == PropertyKind.Array && prop.Items?.Object?.Key is { } key)
            return live.KeepSecrecy(PropertyValue.From(l.AsArray.Select(item =>
                KeyOf(item, key) is { } k && o.AsArray.FirstOrDefault(x => KeyOf(x, key) == k) is { } match ? LastKnown(item, match, prop.Items) : item)));
        return live;
    }

    /// <summary>
    /// The inputs an update sends: <paramref name="news"/>, with every <see cref="Prop.ServerDefault"/> value the program
    /// left out taken from <paramref name="live"/> (Astro's current value), at any depth, so a full-replacement update
    /// never resets what the program does not manage.
    /// </summary>
    public static PropertyMap WithServerDefaults(PropertyMap news, PropertyMap live, IEnumerable<Prop> props)
    {
        var result = news;
        foreach (var prop in props.Where(p => p.IsInput))
        {
            var (n, l) = (news[prop.Name], live[prop.Name]);
            if (l.IsNull || l.IsUnknown) continue;
            if (n.IsNull)
            {
                if (prop.ServerDefault) result = result.With(prop.Name, l);
                continue;
            }
            var filled = WithServerDefaults(n, l, prop);
            if (!ReferenceEquals(filled, n)) result = result.With(prop.Name, filled);
        }
        return result;
    }

    private static PropertyValue WithServerDefaults(PropertyValue news, PropertyValue live, Prop prop)
    {
        var (n, l) = (news.Unwrapped, live.Unwrapped);
        if (n.Kind == PropertyKind.Object && l.Kind == PropertyKind.Object && prop.Type == PropType.Object)
        {
            var filled = WithServerDefaults(n.AsObject, l.AsObject, prop.Object!.Props);
            return ReferenceEquals(filled, n.AsObject) ? news : news.KeepSecrecy(PropertyValue.From(filled));
        }
        if (n.Kind == PropertyKind.Array && l.Kind == PropertyKind.Array && prop.Items?.Object?.Key is { } key)
        {
            var items = n.AsArray.Select(item =>
                KeyOf(item, key) is { } k && l.AsArray.FirstOrDefault(x => KeyOf(x, key) == k) is { } match ? WithServerDefaults(item, match, prop.Items) : item).ToList();
            return items.SequenceEqual(n.AsArray, ReferenceEqualityComparer.Instance) ? news : news.KeepSecrecy(PropertyValue.From(items));
        }
        return news;
    }
}
