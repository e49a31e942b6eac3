using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// The one set of JSON settings the client uses for every body it writes or reads. They are explicit, so nothing
/// depends on Newtonsoft's or Flurl's global defaults.
/// </summary>
internal static class AstroJson
{
    /// <summary>
    /// Absent optional fields are not sent (<see cref="NullValueHandling.Ignore"/>); unknown response fields are
    /// ignored, because Astro adds fields; strings that look like dates stay strings
    /// (<see cref="DateParseHandling.None"/>), because a blob version id such as <c>dagTarballVersion</c>
    /// (<c>2024-01-12T18:32:20.5898930Z</c>, §5.6) must come back byte for byte; no type names are ever read.
    /// </summary>
    public static JsonSerializerSettings Settings { get; } = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        TypeNameHandling = TypeNameHandling.None,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        ContractResolver = new AstroContractResolver(),
        Culture = CultureInfo.InvariantCulture,
        MaxDepth = 64,
        Converters = { new TimestampConverter() },
    };

    /// <summary>Writes <paramref name="value"/> as compact JSON with <see cref="Settings"/>.</summary>
    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Formatting.None, Settings);

    /// <summary>Reads <paramref name="json"/> as a <typeparamref name="T"/> with <see cref="Settings"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON of that shape.</exception>
    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException("The JSON body is null.");
}

/// <summary>
/// Newtonsoft's default resolver, except that the client's open string enums get <see cref="AstroEnumJsonConverter"/>,
/// which works in Native AOT builds: the one place an enum's JSON form is decided (AstroEnum.cs).
/// </summary>
internal sealed class AstroContractResolver : DefaultContractResolver
{
    // Every IAstroEnum is a record struct of this assembly with a (string Value) constructor, and AOT builds root the
    // whole assembly (Pulumi.Astro.Provider.csproj), so its constructors are always there.
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification =
        "IAstroEnum types are record structs of Pulumi.Astro.Client, which AOT builds root whole (TrimmerRootAssembly).")]
    protected override JsonConverter? ResolveContractConverter(Type objectType) =>
        AstroEnumJsonConverter.Handles(objectType) ? new AstroEnumJsonConverter(Nullable.GetUnderlyingType(objectType) ?? objectType) : base.ResolveContractConverter(objectType);
}
