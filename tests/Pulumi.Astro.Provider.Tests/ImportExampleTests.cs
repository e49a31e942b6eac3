using System.Text.RegularExpressions;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// examples/import-existing comes with create-legacy.sh, which makes the Deployment to adopt outside Pulumi. What it
/// makes must be what the program describes: imported by id, it gives no diff against the program's `legacy`, so the
/// `pulumi up` after `pulumi import` changes nothing.
/// </summary>
public sealed class ImportExampleTests : PluginFixture
{
    private const string Type = "astro:index:Deployment";

    private Task<(int Exit, string Stdout, string Stderr)> CreateLegacy() =>
        Bash.RunAsync(Repo.Path("examples", "import-existing", "create-legacy.sh"), Repo.Path("examples", "import-existing"),
            new Dictionary<string, string>
            {
                ["ASTRO_HOST"] = Sim.BaseUrl.ToString(),
                ["ASTRO_ORGANIZATION_ID"] = Sim.OrganizationId,
                ["ASTRO_API_TOKEN"] = Sim.Token,
                ["ASTRO_WORKSPACE_ID"] = Sim.WorkspaceId,
            }, TimeSpan.FromSeconds(60));

    [Test]
    public async Task CreateLegacy_ThenImport_MatchesProgramWithNoDiffAndRunsOnce()
    {
        var first = await CreateLegacy();
        Assert.That(first.Exit, Is.EqualTo(0), first.Stderr);
        var id = Regex.Match(first.Stdout, @"created Deployment legacy-etl outside Pulumi: (\w+)").Groups[1].Value;
        Assert.That(id, Is.Not.Empty, first.Stdout);
        Assert.That(first.Stdout, Does.Contain($"pulumi import astro:index:Deployment legacy {id}"));

        // `pulumi import`: Read by id alone gives the inputs; the program's resource must then show no change.
        var urn = UrnOf("legacy", Type);
        var read = await Plugin.Client.ReadAsync(new ReadRequest { Id = id, Urn = urn, Type = Type });
        Assert.That(read.Id, Is.EqualTo(id));
        var program = YamlProgram.Load(Repo.Path("examples", "import-existing", "Pulumi.yaml"));
        var news = await CheckedAs(Type, "legacy", program.CheckInputs(program.Resources["legacy"]), read.Inputs);
        var diff = await Plugin.Client.DiffAsync(new DiffRequest { Id = id, Urn = urn, Type = Type, Olds = read.Properties, OldInputs = read.Inputs, News = news });
        Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), string.Join(", ", diff.Diffs));

        // Run again: it finds the Deployment instead of making a second one.
        var second = await CreateLegacy();
        Assert.That(second.Exit, Is.EqualTo(0), second.Stderr);
        Assert.That(second.Stdout, Does.Contain($"Deployment legacy-etl exists already: {id}"));
        var list = await Api(HttpMethod.Get, "deployments?names=legacy-etl");
        Assert.That(list["deployments"]!.Select(d => (string?)d["id"]), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task CreateLegacy_WrongToken_ExitsNonZeroWithAstrosAnswer()
    {
        var (exit, _, stderr) = await Bash.RunAsync(Repo.Path("examples", "import-existing", "create-legacy.sh"), Repo.Path("examples", "import-existing"),
            new Dictionary<string, string> { ["ASTRO_HOST"] = Sim.BaseUrl.ToString(), ["ASTRO_API_TOKEN"] = "not-the-token" }, TimeSpan.FromSeconds(60));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("answered 401"));
    }
}
