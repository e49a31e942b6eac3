using System.Globalization;
using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

/// <summary>
/// Reads RFC 3339 timestamps and writes them in Astro's documented form, UTC with a <c>Z</c> (API fact sheet legend
/// "ts"). Newtonsoft's own writer would emit <c>+00:00</c>.
/// </summary>
internal sealed class TimestampConverter : JsonConverter
{
    // F (not f) drops trailing zeros, and the dot with them, so whole seconds print as documented: 2024-01-12T18:32:20Z.
    internal const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is DateTimeOffset t)
            writer.WriteValue(t.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
        else
            writer.WriteNull();
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return objectType == typeof(DateTimeOffset?) ? null : default(DateTimeOffset);
            case JsonToken.String:
                var s = (string)reader.Value!;
                if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                    return t;
                throw new JsonSerializationException($"'{s}' at '{reader.Path}' is not an RFC 3339 timestamp.");
            default:
                throw new JsonSerializationException($"Expected a timestamp string at '{reader.Path}', found {reader.TokenType}.");
        }
    }
}
