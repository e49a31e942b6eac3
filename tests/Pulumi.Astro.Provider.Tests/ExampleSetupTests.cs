using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>What a newcomer copies from the README and the examples works together: one stack passphrase everywhere,
/// and the C# example targets the .NET that the README's prerequisite (the repository's SDK) runs.</summary>
public sealed partial class ExampleSetupTests
{
    [GeneratedRegex(@"PULUMI_CONFIG_PASSPHRASE[=-]([A-Za-z0-9_.-]+)")]
    private static partial Regex Passphrase();

    private static IEnumerable<string> UserFacingFiles() =>
        new[] { "quickstart.sh", "README.md" }.Select(f => Repo.Path(f))
            .Concat(Directory.GetFiles(Repo.Path("examples"), "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")));

    [Test]
    public void Passphrase_QuickstartReadmeAndExamples_UseTheQuickstartsOne()
    {
        var quickstart = Passphrase().Match(File.ReadAllText(Repo.Path("quickstart.sh"))).Groups[1].Value;
        Assert.That(quickstart, Is.Not.Empty, "quickstart.sh sets a default PULUMI_CONFIG_PASSPHRASE");
        var uses = UserFacingFiles().SelectMany(f => Passphrase().Matches(File.ReadAllText(f))
            .Select(m => (File: Path.GetRelativePath(Repo.Root, f), Value: m.Groups[1].Value))).ToList();
        Assert.That(uses.Select(u => u.File), Does.Contain("examples/deploy-dags/Pulumi.yaml").And.Contain("examples/csharp/README.md"), "the examples are searched");
        Assert.That(uses.Where(u => u.Value != quickstart).Select(u => $"{u.File}: {u.Value}"), Is.Empty,
            $"every example opens the quickstart's local stacks (.pulumi-state) with its passphrase '{quickstart}'");
    }

    [Test]
    public void CSharpExample_TargetFramework_IsWhatTheRepositorysSdkRuns()
    {
        static string? Tfm(string path) => XDocument.Load(path).Descendants("TargetFramework").Select(e => e.Value).FirstOrDefault();
        var repo = Tfm(Repo.Path("Directory.Build.props"));
        var sdkMajor = JObject.Parse(File.ReadAllText(Repo.Path("global.json")))["sdk"]!["version"]!.ToString().Split('.')[0];
        Assert.That(repo, Is.EqualTo($"net{sdkMajor}.0"), "the repository targets its SDK's own runtime");
        var example = Tfm(Repo.Path("examples", "csharp", "Directory.Build.props"));
        Assert.That(example, Is.EqualTo(repo), "examples/csharp must start on a machine that has only the README's .NET");
        foreach (var project in Directory.GetFiles(Repo.Path("examples", "csharp"), "*.csproj", SearchOption.AllDirectories))
            Assert.That(Tfm(project), Is.Null.Or.EqualTo(repo), Path.GetRelativePath(Repo.Root, project));
    }
}
