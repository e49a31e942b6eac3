using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Every YAML program users run (the quickstart's Pulumi.yaml and examples/*/Pulumi.yaml) against the schema the
/// built plugin serves: types and properties exist, references name real outputs, and each resource's literal inputs
/// pass the plugin's own Check (references unknown, as in preview). One case per resource, so a failure names it.
/// </summary>
public sealed class YamlExampleTests
{
    private readonly Dictionary<string, PluginProcess> _byProgramFolder = [];

    public static IEnumerable<string> Programs() =>
        new[] { "Pulumi.yaml" }.Concat(Directory.GetDirectories(Repo.Path("examples"))
            .Where(d => File.Exists(Path.Combine(d, "Pulumi.yaml")) && File.ReadAllText(Path.Combine(d, "Pulumi.yaml")).Contains("runtime: yaml"))
            .Select(d => Path.GetRelativePath(Repo.Root, Path.Combine(d, "Pulumi.yaml")))
            .Order(StringComparer.Ordinal));

    public static IEnumerable<TestCaseData> Resources() =>
        Programs().SelectMany(p => YamlProgram.Load(Repo.Path(p)).Resources.Keys.Select(r => new TestCaseData(p, r)));

    [OneTimeTearDown]
    public async Task Stop()
    {
        foreach (var plugin in _byProgramFolder.Values) await plugin.DisposeAsync();
    }

    /// <summary>A plugin started in the program's folder, as the engine starts it, so a relative dagsPath resolves as in `pulumi up`.</summary>
    private async Task<PluginProcess> PluginFor(string program)
    {
        var folder = Path.GetDirectoryName(Repo.Path(program))!;
        if (!_byProgramFolder.TryGetValue(folder, out var plugin))
            _byProgramFolder[folder] = plugin = await PluginProcess.StartAsync(engineAddress: null, workingDirectory: folder);
        return plugin;
    }

    [Test]
    public void Programs_QuickstartAndEveryExample_AreFound()
    {
        Assert.That(Programs(), Is.SupersetOf(new[]
        {
            "Pulumi.yaml", "examples/cluster-and-deployment/Pulumi.yaml", "examples/deploy-dags/Pulumi.yaml",
            "examples/hibernation/Pulumi.yaml", "examples/import-existing/Pulumi.yaml",
        }));
    }

    [Test]
    public void ExamplesReadme_EveryExampleFolder_HasItsLine()
    {
        var readme = File.ReadAllText(Repo.Path("examples", "README.md"));
        var folders = Directory.GetDirectories(Repo.Path("examples")).Select(Path.GetFileName).ToList();
        Assert.That(folders.Where(f => !readme.Contains($"[`{f}/`]({f}/)", StringComparison.Ordinal)), Is.Empty,
            "examples/README.md needs one line per folder, linking it as [`name/`](name/)");
    }

    [TestCaseSource(nameof(Resources))]
    public async Task YamlResource_TypeAndProperties_ExistInServedSchema(string program, string resource)
    {
        var schema = await ServedSchema.GetAsync();
        var yaml = YamlProgram.Load(Repo.Path(program));
        Assert.That(yaml.SchemaErrors(yaml.Resources[resource], schema), Is.Empty, $"{program} drifted from the schema");
    }

    [TestCaseSource(nameof(Resources))]
    public async Task YamlResource_LiteralInputs_PassPluginCheck(string program, string resource)
    {
        var schema = await ServedSchema.GetAsync();
        var yaml = YamlProgram.Load(Repo.Path(program));
        var r = yaml.Resources[resource];
        if (schema.Resource(r.Type) is null) Assert.Fail($"{program}: {resource}: {schema.MissingResource(r.Type)}");
        var news = yaml.CheckInputs(r);
        var isProvider = r.Type == "pulumi:providers:astro";
        var type = isProvider ? r.Type : ServedSchema.Normalize(r.Type);
        var request = new CheckRequest { Urn = $"urn:pulumi:dev::example::{type}::{resource}", Name = resource, Type = type, News = news };
        var plugin = await PluginFor(program);
        var check = isProvider ? await plugin.Client.CheckConfigAsync(request) : await plugin.Client.CheckAsync(request);
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty, $"{program}: {resource} fails the plugin's Check");
    }

    [TestCaseSource(nameof(Programs))]
    public async Task YamlProgram_References_NameExistingOutputs(string program)
    {
        var schema = await ServedSchema.GetAsync();
        Assert.That(YamlProgram.Load(Repo.Path(program)).ReferenceErrors(schema), Is.Empty, $"{program} refers to outputs the schema lacks");
    }

    // The checks above can fail: a program with a typo, a wrong enum value, a missing required input and a reference
    // to an output that does not exist.
    [Test]
    public async Task SchemaErrors_DriftedProgram_NamesEachProblem()
    {
        var schema = await ServedSchema.GetAsync();
        var yaml = YamlProgram.Parse("""
            name: drift
            runtime: yaml
            resources:
              d:
                type: astro:Deployment
                properties:
                  type: STANDARD
                  executor: CELERI
                  workspaceIdd: x
                  workerQueues:
                    - name: default
                      isDefault: yes-please
                      minWorkerCount: 0
                      maxWorkerCount: 1
                      workerConcurrency: 1
                      astroMachine: A5
              c:
                type: astro:index:NoSuchThing
            outputs:
              url: ${d.uiUrll}
            """);
        var errors = yaml.SchemaErrors(yaml.Resources["d"], schema).Concat(yaml.SchemaErrors(yaml.Resources["c"], schema))
            .Concat(yaml.ReferenceErrors(schema)).ToList();
        Assert.That(errors, Has.Some.StartsWith("d.executor: 'CELERI' is not a value of astro:index:Executor"));
        Assert.That(errors, Has.Some.StartsWith("d.workspaceIdd: astro:index:Deployment has no input 'workspaceIdd'"));
        Assert.That(errors, Has.Some.StartsWith("d.workerQueues[0].isDefault: expected true or false"));
        Assert.That(errors, Has.Some.EqualTo("d.workspaceId: required by astro:index:Deployment but missing"));
        Assert.That(errors, Has.Some.StartsWith("c: resource type astro:index:NoSuchThing is not in the schema the plugin serves"));
        Assert.That(errors, Has.Some.EqualTo("outputs.url: ${d.uiUrll}: astro:index:Deployment has no output 'uiUrll'"));
    }

    [Test]
    public void CheckInputs_ConfigAndResourceReferences_AreDefaultsAndUnknowns()
    {
        var yaml = YamlProgram.Parse("""
            name: refs
            runtime: yaml
            config:
              workspaceId:
                type: string
                default: clsimwks00000000000000001
            resources:
              d:
                type: astro:index:Deployment
                properties:
                  workspaceId: ${workspaceId}
                  clusterId: ${cluster.id}
                  name: "${workspaceId}-x"
                  maxish: 3
                  secretish:
                    fn::secret: s3cret
            """);
        var s = yaml.CheckInputs(yaml.Resources["d"]);
        Assert.That(s.Fields["workspaceId"].StringValue, Is.EqualTo("clsimwks00000000000000001"));
        Assert.That(s.Fields["clusterId"], Is.EqualTo(Props.Unknown));
        Assert.That(s.Fields["name"], Is.EqualTo(Props.Unknown));
        Assert.That(s.Fields["maxish"].NumberValue, Is.EqualTo(3));
        Assert.That(s.Fields["secretish"], Is.EqualTo(Props.Secret(Props.S("s3cret"))));
    }
}
