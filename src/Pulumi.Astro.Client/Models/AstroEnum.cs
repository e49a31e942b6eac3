using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json;

namespace Pulumi.Astro.Client.Models;

// Astro adds enum values without notice and already returns values outside some declared enums (API fact sheet §6,
// §11). A C# enum would make such a value a deserialization error, so each Astro enum is a struct around the string
// with its known values as static members; an unknown value reads, compares and writes back unchanged.
//
// One mechanism serves all of them: a type declares only its values (Enums.cs); IAstroEnum<TSelf> names what every
// one has, AstroEnum gives each IsKnown, and AstroEnumJsonConverter, which AstroJson's contract resolver picks for
// every IAstroEnum, reads and writes the string.

/// <summary>An open string enum, seen without its type: the string Astro sends.</summary>
public interface IAstroEnum
{
    /// <summary>The value exactly as Astro writes it.</summary>
    string Value { get; }
}

/// <summary>An open string enum: a <c>readonly record struct T(string Value)</c> with its known values as static members.</summary>
/// <typeparam name="TSelf">The enum type itself.</typeparam>
public interface IAstroEnum<TSelf> : IAstroEnum
    where TSelf : struct, IAstroEnum<TSelf>
{
    /// <summary>The values this client knows, in the order the API fact sheet lists them.</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }
}

/// <summary>What every open string enum has beyond its values.</summary>
public static class AstroEnum
{
    /// <param name="value">An open enum value.</param>
    /// <typeparam name="T">The enum type.</typeparam>
    extension<T>(T value)
        where T : struct, IAstroEnum<T>
    {
        /// <summary>Whether this is one of the type's known values; false for a value Astro added since.</summary>
        public bool IsKnown => T.KnownValues.Contains(value);
    }
}

/// <summary>
/// Reads and writes every <see cref="IAstroEnum"/> type as a JSON string, also as a nullable property; a JSON null
/// makes a non-nullable property <c>default</c>. <see cref="AstroJson"/>'s contract resolver makes one per enum type.
/// It is not generic and builds each value through the struct's <c>(string Value)</c> constructor: Newtonsoft.Json
/// would create a generic converter by reflection, and a Native AOT build has no code for a generic class made over a
/// struct that nothing constructs directly (BENCHMARKS.md, Native AOT). So every enum works under AOT, including ones
/// added later, without listing them.
/// </summary>
internal sealed class AstroEnumJsonConverter : JsonConverter
{
    private const DynamicallyAccessedMemberTypes Constructors = DynamicallyAccessedMemberTypes.PublicConstructors;

    [DynamicallyAccessedMembers(Constructors)]
    private readonly Type enumType;

    public AstroEnumJsonConverter([DynamicallyAccessedMembers(Constructors)] Type enumType) => this.enumType = enumType;

    /// <summary>
    /// Whether <paramref name="type"/> (or the type a nullable wraps) is one of this client's open string enums. Only the
    /// client's own: they are the ones a Native AOT build roots whole, constructors included.
    /// </summary>
    public static bool Handles(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && t.IsValueType && t.Assembly == typeof(IAstroEnum).Assembly && typeof(IAstroEnum).IsAssignableFrom(t);

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

    private object Create(string? value) =>
        value is null
            ? Activator.CreateInstance(enumType)!
            : enumType.GetConstructor([typeof(string)])!.Invoke([value]);
}
