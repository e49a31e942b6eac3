using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json;
using Pulumi.Astro.Client;
using Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider;

/// <summary>
/// <c>pulumi-resource-astro --json-roundtrip</c>: reads lines <c>TYPE&lt;tab&gt;JSON</c> from stdin, reads each JSON as
/// the client model <c>Pulumi.Astro.Client.Models.TYPE</c>, and writes it back as one line <c>ok&lt;tab&gt;JSON</c>
/// (or <c>error&lt;tab&gt;MESSAGE</c>) with the client's own settings. The engine never passes this flag. It exists so
/// the tests can prove that a Native AOT build, where trimming could drop what Newtonsoft.Json reflects over, reads
/// and writes every model exactly as the JIT build does (AotTests).
/// </summary>
public static class JsonRoundTrip
{
    public const string Flag = "--json-roundtrip";

    public static async Task<int> RunAsync()
    {
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var name = tab < 0 ? line : line[..tab];
            string result;
            try
            {
                var type = ModelType(name) ?? throw new ArgumentException($"no client model named '{name}'");
                var value = JsonConvert.DeserializeObject(tab < 0 ? "" : line[(tab + 1)..], type, AstroJson.Settings)
                    ?? throw new JsonSerializationException("The JSON body is null.");
                result = "ok\t" + AstroJson.Serialize(value);
            }
            catch (Exception e)
            {
                result = $"error\t{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
            }
            await Console.Out.WriteLineAsync(result).ConfigureAwait(false);
        }
        return 0;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "Pulumi.Astro.Client is a TrimmerRootAssembly in AOT builds (Pulumi.Astro.Provider.csproj): none of its types is trimmed.")]
    private static Type? ModelType(string name) =>
        typeof(AstroClient).Assembly.GetType(typeof(Deployment).Namespace + "." + name, throwOnError: false);
}
