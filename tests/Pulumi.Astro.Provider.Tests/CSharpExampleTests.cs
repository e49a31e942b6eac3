namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// examples/csharp cannot be built here (no Pulumi NuGet packages), so its code is checked against the SDK that
/// `pulumi package add` would generate from the served schema: every Astro type, Args class, property and enum member
/// it uses. One case per file and Astro type family (a resource with its Args, an object type, an enum), so a failure
/// names what drifted.
/// </summary>
public sealed class CSharpExampleTests
{
    public static IEnumerable<string> Files() =>
        Directory.GetFiles(Repo.Path("examples", "csharp"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}sdks{Path.DirectorySeparatorChar}"))
            .Select(f => Path.GetRelativePath(Repo.Root, f)).Order(StringComparer.Ordinal);

    /// <summary>(file, family) for every Astro family a file mentions; the families come from the code alone.</summary>
    public static IEnumerable<TestCaseData> Uses() => Files().SelectMany(f =>
        System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Repo.Path(f)), @"\bAstro\.(?:(?:Inputs|Outputs)\.)?([A-Z][A-Za-z0-9]*)")
            .Select(m => Family(m.Groups[1].Value)).Distinct().Order(StringComparer.Ordinal).Select(family => new TestCaseData(f, family)));

    private static string Family(string name)
    {
        foreach (var suffix in new[] { "InvokeArgs", "GetArgs", "Args", "Result" })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length) return name[..^suffix.Length];
        return name;
    }

    [Test]
    public void Files_ComponentProgramAndMocksTest_AreFound()
    {
        Assert.That(Files(), Is.SupersetOf(new[]
        {
            "examples/csharp/AirflowEnvironment.cs", "examples/csharp/Program.cs", "examples/csharp/tests/AirflowEnvironmentTests.cs",
        }));
        Assert.That(Uses().Select(u => (string)u.Arguments[1]!), Does.Contain("Deployment"));
    }

    [TestCaseSource(nameof(Uses))]
    public async Task CSharpExample_AstroFamily_MatchesGeneratedSdk(string file, string family)
    {
        var names = new CSharpSdkNames(await ServedSchema.GetAsync());
        var problems = names.Check(File.ReadAllText(Repo.Path(file)), file).Where(p => p.Family == family).Select(p => p.Message);
        Assert.That(problems, Is.Empty, $"{file} uses Astro.{family} differently from the SDK generated from the served schema");
    }

    [Test]
    public async Task Names_ServedSchema_FollowPulumiDotnetCodegen()
    {
        var names = new CSharpSdkNames(await ServedSchema.GetAsync());
        Assert.That(names.Classes["Deployment"].Properties.Keys, Does.Contain("UiUrl").And.Contain("WorkspaceId"));
        Assert.That(names.Classes["DeploymentArgs"].Properties.Keys, Does.Contain("WorkerQueues").And.Not.Contain("UiUrl"));
        Assert.That(names.Classes["Inputs.WorkerQueueArgs"].Properties.Keys, Does.Contain("AstroMachine"));
        Assert.That(names.Classes["Executor"].Members, Is.EquivalentTo(new[] { "Astro", "Celery", "Kubernetes" }));
        Assert.That(names.Classes["SchedulerSize"].Members, Does.Contain("ExtraLarge"));
        Assert.That(names.Classes["ProviderArgs"].Properties.Keys, Is.EquivalentTo(new[] { "Host", "OrganizationId", "Token" }));
    }

    [TestCase("DAG_ONLY", "Deploy", "DAG_ONLY")]
    [TestCase("us-east-1", "Region", "Us_east_1")]
    [TestCase("Equals", "X", "EqualsValue")]
    [TestCase("_private", "Kind", "Kind_private")]
    public void EnumMember_Name_AsDotnetCodegen(string name, string type, string expected) =>
        Assert.That(CSharpSdkNames.EnumMember(name, type), Is.EqualTo(expected));

    // The checker can fail: each kind of drift in one snippet.
    [Test]
    public async Task Check_DriftedCode_ReportsEachProblem()
    {
        var names = new CSharpSdkNames(await ServedSchema.GetAsync());
        var problems = names.Check("""
            using Astro = Pulumi.Astro;
            var d = new Astro.Deployment("d", new Astro.DeploymentArgs
            {
                WorkspaceIdd = "w",
                Executor = "CELERY",
                Type = Astro.Executor.Celery,
                SchedulerSize = Astro.SchedulerSize.Huge,
                WorkerQueues = { new Astro.Inputs.EnvironmentVariableArgs { Key = "k" } },
            });
            var url = d.UiUrll;
            var c = new Astro.Nope("c");
            """).Select(p => p.Message).ToList();
        Assert.That(problems, Has.Some.Contains("Astro.DeploymentArgs has no property 'WorkspaceIdd'"));
        Assert.That(problems, Has.Some.Contains("Astro.DeploymentArgs.Executor is the enum Astro.Executor"));
        Assert.That(problems, Has.Some.Contains("Astro.DeploymentArgs.Type is the enum Astro.DeploymentType"));
        Assert.That(problems, Has.Some.Contains("Astro.SchedulerSize has no member 'Huge'"));
        Assert.That(problems, Has.Some.Contains("Astro.DeploymentArgs.WorkerQueues takes Astro.Inputs.WorkerQueueArgs, not Astro.Inputs.EnvironmentVariableArgs"));
        Assert.That(problems, Has.Some.Contains("d is Astro.Deployment, which has no property 'UiUrll'"));
        Assert.That(problems, Has.Some.Contains("Astro.Nope is not a type of the generated SDK"));
    }
}
