using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

// Astro adds enum values without notice and already returns values outside some declared enums (API fact sheet §6,
// §11). A C# enum would make such a value a deserialization error, so each Astro enum is a struct around the string
// with its known values as static members; an unknown value reads, compares and writes back unchanged.

/// <summary>An open string enum, seen without its type: what <see cref="AstroEnumJsonConverter"/> writes.</summary>
internal interface IAstroEnum
{
    string Value { get; }
}

/// <summary>An open string enum: a struct around the string Astro sends.</summary>
internal interface IAstroEnum<TSelf> : IAstroEnum
    where TSelf : struct, IAstroEnum<TSelf>
{
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

/// <summary>
/// The converter <see cref="AstroJson"/> uses for every <see cref="IAstroEnum"/> type, in place of the
/// <see cref="AstroEnumConverter{T}"/> named by the types' attributes. Newtonsoft.Json would create that converter by
/// reflection, and a Native AOT build has no code for a generic class made over a struct that nothing constructs
/// directly (BENCHMARKS.md, Native AOT). This one is not generic and builds each value through the struct's
/// <c>(string Value)</c> constructor, so every enum works under AOT, including ones added later, without listing them.
/// </summary>
internal sealed class AstroEnumJsonConverter : JsonConverter
{
    private const DynamicallyAccessedMemberTypes Constructors = DynamicallyAccessedMemberTypes.PublicConstructors;

    [DynamicallyAccessedMembers(Constructors)]
    private readonly Type enumType;

    public AstroEnumJsonConverter([DynamicallyAccessedMembers(Constructors)] Type enumType) => this.enumType = enumType;

    /// <summary>Whether <paramref name="type"/> (or the type a nullable wraps) is an open string enum.</summary>
    public static bool Handles(Type type) => typeof(IAstroEnum).IsAssignableFrom(Nullable.GetUnderlyingType(type) ?? type);

    public override bool CanConvert(Type objectType) => (Nullable.GetUnderlyingType(objectType) ?? objectType) == enumType;

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is IAstroEnum e && e.Value is not null)
            writer.WriteValue(e.Value);
        else
            writer.WriteNull();
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        reader.TokenType switch
        {
            JsonToken.String => Create((string)reader.Value!),
            JsonToken.Null => Nullable.GetUnderlyingType(objectType) is null ? Create(null) : null,
            _ => throw new JsonSerializationException(
                $"Expected a string for {enumType.Name} at '{reader.Path}', found {reader.TokenType}."),
        };

    // A null makes default(T), as AstroEnumConverter<T> does.
    private object Create(string? value) =>
        value is null
            ? Activator.CreateInstance(enumType)!
            : enumType.GetConstructor([typeof(string)])!.Invoke([value]);
}
