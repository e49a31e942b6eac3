using Google.Protobuf.WellKnownTypes;

namespace Pulumi.Astro.Provider.Protocol;

/// <summary>
/// Converts google.protobuf.Struct to and from <see cref="PropertyMap"/>: unknown sentinels, secret signature
/// objects and nulls (protocol fact sheet §3).
/// </summary>
public static class Marshal
{
    public const string SigKey = "4dabf18193072939515e22adb298388d";
    public const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";
    public const string ResourceReferenceSig = "5cf8f73096256a8f31e491e813e4eb8e";
    public const string OutputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    /// <summary>The unknown sentinel we return (the general one).</summary>
    public const string UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    // All seven sentinels mean unknown (§3.2).
    private static readonly HashSet<string> UnknownSentinels =
    [
        UnknownSentinel,
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
        "030794c1-ac77-496b-92df-f27374a8bd58",
        "e48ece36-62e2-4504-bad9-02848725956a",
    ];

    public static PropertyMap FromStruct(Struct? s) =>
        s is null ? PropertyMap.Empty : new PropertyMap(s.Fields.Select(f => new KeyValuePair<string, PropertyValue>(f.Key, FromValue(f.Value))));

    public static PropertyValue FromValue(Value? v)
    {
        if (v is null) return PropertyValue.Null;
        switch (v.KindCase)
        {
            case Value.KindOneofCase.None:
            case Value.KindOneofCase.NullValue:
                return PropertyValue.Null;
            case Value.KindOneofCase.BoolValue:
                return PropertyValue.From(v.BoolValue);
            case Value.KindOneofCase.NumberValue:
                return PropertyValue.From(v.NumberValue);
            case Value.KindOneofCase.StringValue:
                return UnknownSentinels.Contains(v.StringValue) ? PropertyValue.Unknown : PropertyValue.From(v.StringValue);
            case Value.KindOneofCase.ListValue:
                return PropertyValue.From(v.ListValue.Values.Select(FromValue));
            default:
                var fields = v.StructValue.Fields;
                if (!fields.TryGetValue(SigKey, out var sig)) return PropertyValue.From(FromStruct(v.StructValue));
                switch (sig.StringValue)
                {
                    case SecretSig:
                        return PropertyValue.Secret(FromValue(fields.GetValueOrDefault("value")));
                    case ResourceReferenceSig:
                        // A resource reference stands for its id, or is unknown while the id is (§3.3).
                        var id = fields.GetValueOrDefault("id");
                        return id is null || id.KindCase != Value.KindOneofCase.StringValue || id.StringValue.Length == 0 || UnknownSentinels.Contains(id.StringValue)
                            ? PropertyValue.Unknown
                            : PropertyValue.From(id.StringValue);
                    case OutputValueSig:
                        var inner = fields.TryGetValue("value", out var value) ? FromValue(value) : PropertyValue.Unknown;
                        return fields.TryGetValue("secret", out var secret) && secret.BoolValue ? PropertyValue.Secret(inner) : inner;
                    default:
                        return PropertyValue.FromRaw(v);
                }
        }
    }

    public static Struct ToStruct(PropertyMap map)
    {
        var s = new Struct();
        foreach (var (key, value) in map.Entries) s.Fields[key] = ToValue(value);
        return s;
    }

    public static Value ToValue(PropertyValue v) => v.Kind switch
    {
        PropertyKind.Null => Value.ForNull(),
        PropertyKind.Bool => Value.ForBool(v.AsBool),
        PropertyKind.Number => Value.ForNumber(v.AsNumber),
        PropertyKind.String => Value.ForString(v.AsString),
        PropertyKind.Unknown => Value.ForString(UnknownSentinel),
        PropertyKind.Array => Value.ForList([.. v.AsArray.Select(ToValue)]),
        PropertyKind.Object => Value.ForStruct(ToStruct(v.AsObject)),
        PropertyKind.Secret => SecretValue(v),
        _ => v.AsRaw.Clone(),
    };

    private static Value SecretValue(PropertyValue secret)
    {
        // Inner is never itself a secret: PropertyValue.Secret flattens nesting.
        var inner = secret.Unwrapped;
        var s = new Struct();
        s.Fields[SigKey] = Value.ForString(SecretSig);
        s.Fields["value"] = ToValue(inner);
        return Value.ForStruct(s);
    }
}
