using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Pulumi.Astro.Provider.Protocol;

/// <summary>The kinds of a Pulumi property value (protocol fact sheet §3).</summary>
public enum PropertyKind { Null, Bool, Number, String, Array, Object, Unknown, Secret, Raw }

/// <summary>
/// One property value as the engine sends it: plain JSON-like values, unknowns (preview) and secrets. Assets,
/// archives and other signature objects are kept as <see cref="PropertyKind.Raw"/> and passed through untouched.
/// Immutable; secrets wrap their inner value so that a secret input comes back secret.
/// </summary>
public sealed class PropertyValue : IEquatable<PropertyValue>
{
    public static readonly PropertyValue Null = new(PropertyKind.Null, null);
    public static readonly PropertyValue Unknown = new(PropertyKind.Unknown, null);
    public static readonly PropertyValue True = new(PropertyKind.Bool, true);
    public static readonly PropertyValue False = new(PropertyKind.Bool, false);

    private readonly object? _value;

    private PropertyValue(PropertyKind kind, object? value)
    {
        Kind = kind;
        _value = value;
    }

    public PropertyKind Kind { get; }

    public static PropertyValue From(bool b) => b ? True : False;
    public static PropertyValue From(double n) => new(PropertyKind.Number, n);
    public static PropertyValue From(string? s) => s is null ? Null : new(PropertyKind.String, s);
    public static PropertyValue From(IEnumerable<PropertyValue> items) => new(PropertyKind.Array, items.ToArray());
    public static PropertyValue From(PropertyMap map) => new(PropertyKind.Object, map);
    public static PropertyValue Secret(PropertyValue inner) => inner.Kind == PropertyKind.Secret ? inner : new(PropertyKind.Secret, inner);
    public static PropertyValue FromRaw(Value raw) => new(PropertyKind.Raw, raw.Clone());

    public bool IsNull => Kind == PropertyKind.Null;
    public bool IsUnknown => Kind == PropertyKind.Unknown;
    public bool IsSecret => Kind == PropertyKind.Secret;

    /// <summary>The value with any secret wrapper removed.</summary>
    public PropertyValue Unwrapped => Kind == PropertyKind.Secret ? ((PropertyValue)_value!).Unwrapped : this;

    /// <summary>True when this value, or anything inside it, is unknown.</summary>
    public bool ContainsUnknowns => Kind switch
    {
        PropertyKind.Unknown => true,
        PropertyKind.Secret => Unwrapped.ContainsUnknowns,
        PropertyKind.Array => AsArray.Any(v => v.ContainsUnknowns),
        PropertyKind.Object => AsObject.Values.Any(v => v.ContainsUnknowns),
        _ => false,
    };

    /// <summary>True when this value, or anything inside it, is secret.</summary>
    public bool ContainsSecrets => Kind switch
    {
        PropertyKind.Secret => true,
        PropertyKind.Array => AsArray.Any(v => v.ContainsSecrets),
        PropertyKind.Object => AsObject.Values.Any(v => v.ContainsSecrets),
        _ => false,
    };

    public bool AsBool => Unwrapped._value is bool b ? b : throw Mismatch("a boolean");
    public double AsNumber => Unwrapped._value is double d ? d : throw Mismatch("a number");
    public string AsString => Unwrapped._value is string s ? s : throw Mismatch("a string");
    public IReadOnlyList<PropertyValue> AsArray => Unwrapped._value is PropertyValue[] a ? a : throw Mismatch("an array");
    public PropertyMap AsObject => Unwrapped._value is PropertyMap m ? m : throw Mismatch("an object");
    public Value AsRaw => Unwrapped._value is Value v ? v : throw Mismatch("a raw value");

    private InvalidOperationException Mismatch(string expected) =>
        new($"provider bug: expected {expected} but the value is {Unwrapped.Kind}");

    /// <summary>Wraps the result in a secret when this value is secret, so secrecy survives a transformation.</summary>
    public PropertyValue KeepSecrecy(PropertyValue result) => IsSecret ? Secret(result) : result;

    public bool Equals(PropertyValue? other)
    {
        if (other is null || other.Kind != Kind) return false;
        return Kind switch
        {
            PropertyKind.Null or PropertyKind.Unknown => true,
            PropertyKind.Array => AsArray.SequenceEqual(other.AsArray),
            PropertyKind.Object => AsObject.Equals(other.AsObject),
            PropertyKind.Raw => AsRaw.Equals(other.AsRaw),
            _ => Equals(_value, other._value),
        };
    }

    public override bool Equals(object? obj) => Equals(obj as PropertyValue);

    public override int GetHashCode() => Kind switch
    {
        PropertyKind.Array => AsArray.Count,
        PropertyKind.Object => AsObject.Count,
        _ => HashCode.Combine(Kind, _value),
    };

    /// <summary>A display form for diagnostics and tests. Secrets print as <c>[secret]</c>, never their value.</summary>
    public override string ToString() => Kind switch
    {
        PropertyKind.Null => "null",
        PropertyKind.Unknown => "<unknown>",
        PropertyKind.Secret => "[secret]",
        PropertyKind.Bool => AsBool ? "true" : "false",
        PropertyKind.Number => AsNumber.ToString(CultureInfo.InvariantCulture),
        PropertyKind.String => $"\"{AsString}\"",
        PropertyKind.Array => $"[{string.Join(", ", AsArray)}]",
        PropertyKind.Object => AsObject.ToString(),
        _ => "<raw>",
    };
}

/// <summary>An immutable map of property values keyed by name, in insertion order.</summary>
public sealed class PropertyMap : IEquatable<PropertyMap>
{
    public static readonly PropertyMap Empty = new([]);

    private readonly KeyValuePair<string, PropertyValue>[] _entries;
    private readonly Dictionary<string, int> _index;

    public PropertyMap(IEnumerable<KeyValuePair<string, PropertyValue>> entries)
    {
        var list = new List<KeyValuePair<string, PropertyValue>>();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (_index.TryGetValue(e.Key, out var at)) list[at] = e;
            else
            {
                _index[e.Key] = list.Count;
                list.Add(e);
            }
        }
        _entries = [.. list];
    }

    public int Count => _entries.Length;
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);
    public IEnumerable<PropertyValue> Values => _entries.Select(e => e.Value);
    public IEnumerable<KeyValuePair<string, PropertyValue>> Entries => _entries;

    /// <summary>The value, or <see cref="PropertyValue.Null"/> when absent: absent and null both mean "not set".</summary>
    public PropertyValue this[string key] => _index.TryGetValue(key, out var i) ? _entries[i].Value : PropertyValue.Null;

    public bool TryGet(string key, out PropertyValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }
        value = PropertyValue.Null;
        return false;
    }

    /// <summary>True when the key is present with a non-null value.</summary>
    public bool Has(string key) => !this[key].IsNull;

    public PropertyMap With(string key, PropertyValue value) => new(_entries.Append(new(key, value)));

    public PropertyMap Without(string key) => new(_entries.Where(e => e.Key != key));

    public bool Equals(PropertyMap? other)
    {
        if (other is null) return false;
        // Null and absent are the same (§3.1).
        var keys = Keys.Concat(other.Keys).Distinct();
        return keys.All(k => this[k].Equals(other[k]));
    }

    public override bool Equals(object? obj) => Equals(obj as PropertyMap);
    public override int GetHashCode() => Count;
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
