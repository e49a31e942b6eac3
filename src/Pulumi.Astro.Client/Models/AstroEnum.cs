using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

// Astro adds enum values without notice and already returns values outside some declared enums (API fact sheet §6,
// §11). A C# enum would make such a value a deserialization error, so each Astro enum is a struct around the string
// with its known values as static members; an unknown value reads, compares and writes back unchanged.

/// <summary>An open string enum: a struct around the string Astro sends.</summary>
internal interface IAstroEnum<TSelf>
    where TSelf : struct, IAstroEnum<TSelf>
{
    string Value { get; }

    static abstract TSelf FromValue(string value);
}

/// <summary>Reads and writes an <see cref="IAstroEnum{TSelf}"/> as a JSON string, also as a nullable property.</summary>
internal sealed class AstroEnumConverter<T> : JsonConverter
    where T : struct, IAstroEnum<T>
{
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is T e && e.Value is not null)
            writer.WriteValue(e.Value);
        else
            writer.WriteNull();
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        reader.TokenType switch
        {
            JsonToken.String => T.FromValue((string)reader.Value!),
            JsonToken.Null => objectType == typeof(T?) ? null : default(T),
            _ => throw new JsonSerializationException(
                $"Expected a string for {typeof(T).Name} at '{reader.Path}', found {reader.TokenType}."),
        };
}
