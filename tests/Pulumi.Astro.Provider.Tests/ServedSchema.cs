using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The repository root (where Pulumi.Astro.sln is), for tests of the files users run: examples, scripts.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.Astro.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Pulumi.Astro.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// The package schema as the built plugin serves it (GetSchema), read once per test run. Example tests check against
/// this, never against a list of names of their own, so they follow every schema change.
/// </summary>
public sealed class ServedSchema
{
    private static readonly Lazy<Task<ServedSchema>> Instance = new(LoadAsync);

    private ServedSchema(JObject json) => Json = json;

    public JObject Json { get; }

    public static Task<ServedSchema> GetAsync() => Instance.Value;

    private static async Task<ServedSchema> LoadAsync()
    {
        await using var plugin = await PluginProcess.StartAsync(engineAddress: null);
        var schema = (await plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema;
        return new ServedSchema(JObject.Parse(schema));
    }

    public IReadOnlyList<string> ResourceTokens => ((JObject)Json["resources"]!).Properties().Select(p => p.Name).ToList();

    /// <summary>A resource by token (`astro:index:Deployment`; `astro:Deployment` as YAML allows); the provider for `pulumi:providers:astro`.</summary>
    public JObject? Resource(string token)
    {
        if (token == "pulumi:providers:astro") return (JObject)Json["provider"]!;
        return Json["resources"]?[Normalize(token)] as JObject;
    }

    public JObject? Type(string token) => Json["types"]?[token] as JObject;

    /// <summary>`astro:Deployment` is short for `astro:index:Deployment` in Pulumi YAML.</summary>
    public static string Normalize(string token)
    {
        var parts = token.Split(':');
        return parts.Length == 2 ? $"{parts[0]}:index:{parts[1]}" : token;
    }

    /// <summary>The sentence every example test uses when a program names a resource type the plugin does not serve.</summary>
    public string MissingResource(string token) =>
        $"resource type {Normalize(token)} is not in the schema the plugin serves (it has: {string.Join(", ", ResourceTokens)})";
}
