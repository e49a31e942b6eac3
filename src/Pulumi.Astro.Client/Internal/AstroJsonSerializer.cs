using Flurl.Http.Configuration;
using Newtonsoft.Json;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Client.Internal;

/// <summary>
/// Flurl's JSON serializer, over Newtonsoft.Json with the client's one set of settings (<see cref="AstroJson.Settings"/>),
/// in place of Flurl.Http 4's System.Text.Json default: Astro's models, open enums and timestamps are written for
/// Newtonsoft.Json. It plays the part of the Flurl.Http.Newtonsoft package, which this project does not use.
/// </summary>
internal sealed class AstroJsonSerializer : ISerializer
{
    public static AstroJsonSerializer Instance { get; } = new();

    private AstroJsonSerializer()
    {
    }

    public string Serialize(object? obj) => obj is null ? "null" : AstroJson.Serialize(obj);

    /// <exception cref="JsonException">The text is not JSON of that shape.</exception>
    public T Deserialize<T>(string s) => AstroJson.Deserialize<T>(s);

    /// <exception cref="JsonException">The stream is not JSON of that shape.</exception>
    public T Deserialize<T>(Stream stream)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        using var json = new JsonTextReader(reader) { CloseInput = false };
        return JsonSerializer.Create(AstroJson.Settings).Deserialize<T>(json)
            ?? throw new JsonSerializationException("The JSON body is null.");
    }
}
