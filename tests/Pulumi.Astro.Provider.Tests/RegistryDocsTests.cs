using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// docs/_index.md and docs/installation-configuration.md, the pages Pulumi's registry shows for a provider, against
/// the schema the plugin serves: the examples in YAML and C# use real types and pass the plugin's Check, and every
/// config key is documented with its environment variable.
/// </summary>
public sealed partial class RegistryDocsTests
{
    private static string Doc(string name) => File.ReadAllText(Repo.Path("docs", name));

    [GeneratedRegex(@"```(\w+)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private static string Block(string doc, string language) =>
        CodeBlock().Matches(doc).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value).Single();

    [TestCase("_index.md")]
    [TestCase("installation-configuration.md")]
    public void Doc_FrontMatter_HasTitleMetaDescAndPackageLayout(string name)
    {
        var doc = Doc(name);
        Assert.That(doc, Does.StartWith("---\n"));
        var front = doc[4..doc.IndexOf("\n---\n", 4, StringComparison.Ordinal)].Split('\n');
        Assert.That(front.Select(l => l.Split(':', 2)[0]), Is.EquivalentTo(new[] { "title", "meta_desc", "layout" }));
        Assert.That(front, Does.Contain("layout: package"));
    }

    [Test]
    public async Task Index_YamlExample_UsesServedSchemaAndPassesCheck()
    {
        var schema = await ServedSchema.GetAsync();
        var yaml = YamlProgram.Parse(Block(Doc("_index.md"), "yaml"), "docs/_index.md");
        Assert.That(yaml.Resources, Is.Not.Empty);
        Assert.That(yaml.Resources.Values.SelectMany(r => yaml.SchemaErrors(r, schema)).Concat(yaml.ReferenceErrors(schema)), Is.Empty);
        await using var plugin = await PluginProcess.StartAsync(engineAddress: null);
        foreach (var (name, resource) in yaml.Resources)
        {
            var type = ServedSchema.Normalize(resource.Type);
            var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = $"urn:pulumi:dev::docs::{type}::{name}", Name = name, Type = type, News = yaml.CheckInputs(resource) });
            Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty, name);
        }
    }

    [Test]
    public async Task Index_CSharpExample_MatchesGeneratedSdk()
    {
        var code = Block(Doc("_index.md"), "csharp");
        Assert.That(code, Does.Contain("new Astro.Deployment("));
        var problems = new CSharpSdkNames(await ServedSchema.GetAsync()).Check(code, "docs/_index.md");
        Assert.That(problems.Select(p => p.Message), Is.Empty);
    }

    [Test]
    public async Task InstallationConfiguration_EveryConfigKey_WithItsEnvironmentVariable()
    {
        var schema = await ServedSchema.GetAsync();
        var doc = Doc("installation-configuration.md");
        var variables = (JObject)schema.Json["config"]!["variables"]!;
        Assert.That(variables.Properties().Count(), Is.GreaterThanOrEqualTo(3));
        foreach (var variable in variables.Properties())
        {
            var environment = variable.Value["defaultInfo"]?["environment"]?.Values<string>().ToList() ?? [];
            Assert.That(environment, Is.Not.Empty, variable.Name);
            var row = doc.Split('\n').FirstOrDefault(l => l.StartsWith($"| `astro:{variable.Name}` |", StringComparison.Ordinal));
            Assert.That(row, Is.Not.Null, $"astro:{variable.Name} has a row");
            Assert.That(row, Does.Contain($"`{environment[0]}`"), $"astro:{variable.Name} names {environment[0]}");
        }
        var documented = Regex.Matches(doc, @"`astro:(\w+)`").Select(m => m.Groups[1].Value).Distinct();
        Assert.That(documented.Where(k => variables[k] is null), Is.Empty, "no config key the provider does not have");
    }

    [Test]
    public async Task InstallationConfiguration_DownloadUrl_IsTheSchemasDefault()
    {
        var url = (string?)(await ServedSchema.GetAsync()).Json["pluginDownloadURL"];
        Assert.That(url, Does.StartWith("github://api.github.com/"));
        Assert.That(Doc("installation-configuration.md"), Does.Contain($"pluginDownloadURL: {url}").And.Contain($"--server {url}"));
    }
}
