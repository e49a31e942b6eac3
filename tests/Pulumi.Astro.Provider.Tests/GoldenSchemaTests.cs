using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The schema GetSchema serves, pinned in schema.json so every change shows in review. After an intended change,
/// run the tests with UPDATE_GOLDEN=1 and commit the new file.
/// </summary>
public sealed class GoldenSchemaTests
{
    [Test]
    public async Task GetSchema_MatchesGoldenFile()
    {
        await using var plugin = await PluginProcess.StartAsync(engineAddress: null);
        var schema = (await plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema.Replace("\r\n", "\n") + "\n";
        var version = (await plugin.Client.GetPluginInfoAsync(new Empty())).Version;
        // The version moves with every release; the golden file pins the rest.
        schema = schema.Replace($"\"version\": \"{version}\"", "\"version\": \"<version>\"");
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pulumi.Astro.sln"))) dir = dir.Parent;
        var golden = Path.Combine(dir!.FullName, "tests", "Pulumi.Astro.Provider.Tests", "schema.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") await File.WriteAllTextAsync(golden, schema);
        Assert.That(File.Exists(golden), Is.True, "schema.json is missing: run the tests once with UPDATE_GOLDEN=1");
        Assert.That(schema, Is.EqualTo(await File.ReadAllTextAsync(golden)),
            "the schema changed: review it, then run the tests with UPDATE_GOLDEN=1 and commit tests/Pulumi.Astro.Provider.Tests/schema.json");
    }
}
