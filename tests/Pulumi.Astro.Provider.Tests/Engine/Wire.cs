using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Property values as they travel over gRPC (google.protobuf.Struct with the secret signature object and the unknown
/// sentinel, sdk/go/common/resource/plugin/rpc.go in pulumi/pulumi): the few operations the replay and its tests need.
/// </summary>
public static partial class Wire
{
    public static bool IsSecret(Value? v) =>
        v?.KindCase == Value.KindOneofCase.StructValue && v.StructValue.Fields.TryGetValue(Marshal.SigKey, out var sig) && sig.StringValue == Marshal.SecretSig;

    public static bool IsUnknown(Value? v) => v?.KindCase == Value.KindOneofCase.StringValue && v.StringValue == Marshal.UnknownSentinel;

    public static bool ContainsUnknowns(Value v) => v.KindCase switch
    {
        Value.KindOneofCase.StringValue => IsUnknown(v),
        Value.KindOneofCase.ListValue => v.ListValue.Values.Any(ContainsUnknowns),
        Value.KindOneofCase.StructValue => v.StructValue.Fields.Values.Any(ContainsUnknowns),
        _ => false,
    };

    public static bool ContainsUnknowns(Struct s) => s.Fields.Values.Any(ContainsUnknowns);

    /// <summary>The value without secret wrappers at any depth (step_generator.go unwrapResourceSecretsAndOutputs).</summary>
    public static Value Unwrap(Value v)
    {
        if (IsSecret(v)) return Unwrap(v.StructValue.Fields.GetValueOrDefault("value") ?? Value.ForNull());
        return v.KindCase switch
        {
            Value.KindOneofCase.ListValue => Value.ForList([.. v.ListValue.Values.Select(Unwrap)]),
            Value.KindOneofCase.StructValue => Value.ForStruct(Unwrap(v.StructValue)),
            _ => v,
        };
    }

    public static Struct Unwrap(Struct s)
    {
        var result = new Struct();
        foreach (var (k, v) in s.Fields) result.Fields[k] = Unwrap(v);
        return result;
    }

    /// <summary>The value at a property path such as <c>environmentVariables[1].value</c>, looking through secrets; null when absent.</summary>
    public static Value? At(Struct s, string path)
    {
        Value? current = Value.ForStruct(s);
        foreach (Match m in PathPart().Matches(path))
        {
            if (current is null) return null;
            if (IsSecret(current)) current = current.StructValue.Fields["value"];
            if (m.Groups["key"].Success)
                current = current.KindCase == Value.KindOneofCase.StructValue ? current.StructValue.Fields.GetValueOrDefault(m.Groups["key"].Value) : null;
            else
            {
                var i = int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                current = current.KindCase == Value.KindOneofCase.ListValue && i < current.ListValue.Values.Count ? current.ListValue.Values[i] : null;
            }
        }
        return current;
    }

    /// <summary>True when the value at <paramref name="path"/>, or a value around it, is wrapped as a secret.</summary>
    public static bool SecretAt(Struct s, string path)
    {
        Value? current = Value.ForStruct(s);
        foreach (Match m in PathPart().Matches(path))
        {
            if (current is null) return false;
            if (IsSecret(current)) return true;
            current = m.Groups["key"].Success
                ? current.KindCase == Value.KindOneofCase.StructValue ? current.StructValue.Fields.GetValueOrDefault(m.Groups["key"].Value) : null
                : current.KindCase == Value.KindOneofCase.ListValue && int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < current.ListValue.Values.Count
                    ? current.ListValue.Values[i] : null;
        }
        return IsSecret(current);
    }

    /// <summary>Every plain (unwrapped) string at any depth, for "a secret never appears in plain text" checks.</summary>
    public static IEnumerable<string> PlainStrings(Value v)
    {
        if (IsSecret(v)) yield break;
        switch (v.KindCase)
        {
            case Value.KindOneofCase.StringValue:
                yield return v.StringValue;
                break;
            case Value.KindOneofCase.ListValue:
                foreach (var s in v.ListValue.Values.SelectMany(PlainStrings)) yield return s;
                break;
            case Value.KindOneofCase.StructValue:
                foreach (var s in v.StructValue.Fields.Values.SelectMany(PlainStrings)) yield return s;
                break;
        }
    }

    public static IEnumerable<string> PlainStrings(Struct s) => PlainStrings(Value.ForStruct(s));

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathPart();
}
