using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The plugin's protocol surface through a real gRPC channel, without Configure.</summary>
public sealed class ProtocolTests
{
    private PluginProcess _plugin = null!;

    [OneTimeSetUp]
    public async Task Start() => _plugin = await PluginProcess.StartAsync(engineAddress: null);

    [OneTimeTearDown]
    public async Task Stop() => await _plugin.DisposeAsync();

    [Test]
    public async Task GetPluginInfo_BeforeConfigure_ReturnsSemver()
    {
        var info = await _plugin.Client.GetPluginInfoAsync(new Empty());
        Assert.That(info.Version, Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public async Task Handshake_AcceptsSecretsAndResources()
    {
        var reply = await _plugin.Client.HandshakeAsync(new ProviderHandshakeRequest());
        Assert.That(reply.AcceptSecrets, Is.True);
        Assert.That(reply.AcceptResources, Is.True);
    }

    [Test]
    public async Task GetSchema_IsValidAgainstPulumisMetaSchema()
    {
        var schema = (await _plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema;
        var json = JObject.Parse(schema);
        Assert.That((string?)json["name"], Is.EqualTo("astro"));
        Assert.That((string?)json["version"], Is.EqualTo((await _plugin.Client.GetPluginInfoAsync(new Empty())).Version));
        Assert.That((string?)json["language"]!["csharp"]!["namespaces"]!["astro"], Is.EqualTo("Astro"));
        Assert.That((bool?)json["config"]!["variables"]!["token"]!["secret"], Is.True);
        var deployment = json["resources"]!["astro:index:Deployment"]!;
        Assert.That((bool?)deployment["inputProperties"]!["workspaceId"]!["replaceOnChanges"], Is.True);
        Assert.That((bool?)json["types"]!["astro:index:EnvironmentVariable"]!["properties"]!["value"]!["secret"], Is.True);
        // Every property has a description, at every level.
        var undocumented = json.Descendants().OfType<JProperty>()
            .Where(p => p.Name is "properties" or "inputProperties" or "variables")
            .SelectMany(p => ((JObject)p.Value).Properties())
            .Where(p => string.IsNullOrWhiteSpace((string?)p.Value["description"]))
            .Select(p => p.Path).ToList();
        Assert.That(undocumented, Is.Empty);
        // Every $ref resolves.
        var refs = json.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref").Select(p => (string)p.Value!).Distinct();
        Assert.That(refs.Where(r => json["types"]![r.Replace("#/types/", "")] is null), Is.Empty);

        var file = Path.Combine(Path.GetTempPath(), $"astro-schema-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, schema);
        try
        {
            var (code, output) = await RunPython(Shared("pulumi-package-schema.json"), file);
            Assert.That(code, Is.Zero, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task CheckConfig_MissingOrganizationAndToken_NamesKeyAndEnvVar()
    {
        var reply = await _plugin.Client.CheckConfigAsync(new CheckRequest { News = Struct(("host", S("http://127.0.0.1:1"))) });
        var reasons = reply.Failures.Select(f => $"{f.Property}: {f.Reason}").ToList();
        Assert.That(reasons, Has.Some.Contains("organizationId").And.Some.Contains("ASTRO_ORGANIZATION_ID"));
        Assert.That(reasons, Has.Some.Contains("astro:token").And.Some.Contains("ASTRO_API_TOKEN"));
    }

    [TestCase("http://astro.example.com", "use https")]
    [TestCase("not a url", "absolute URL")]
    public async Task CheckConfig_BadHost_Fails(string host, string expected)
    {
        var reply = await _plugin.Client.CheckConfigAsync(new CheckRequest { News = Struct(("host", S(host)), ("organizationId", S("corg")), ("token", Secret(S("t")))) });
        Assert.That(reply.Failures.Select(f => f.Reason), Has.Some.Contains(expected));
        Assert.That(reply.Failures.Select(f => f.Reason), Has.None.Contains("\"t\""), "the token is never quoted");
    }

    [Test]
    public async Task Create_BeforeConfigure_FailedPrecondition()
    {
        var e = Assert.ThrowsAsync<RpcException>(async () => await _plugin.Client.CreateAsync(new CreateRequest { Type = "astro:index:Deployment", Properties = StandardDeployment("cws") }));
        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        await Task.CompletedTask;
    }

    [Test]
    public void Unimplemented_Construct_ReturnsUnimplemented()
    {
        var e = Assert.ThrowsAsync<RpcException>(async () => await _plugin.Client.ConstructAsync(new ConstructRequest()));
        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
    }

    [Test]
    public async Task Check_UnknownType_InvalidArgument()
    {
        var e = Assert.ThrowsAsync<RpcException>(async () => await _plugin.Client.CheckAsync(new CheckRequest { Type = "astro:index:Nope", News = new Struct() }));
        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.Status.Detail, Does.Contain("astro:index:Deployment"));
        await Task.CompletedTask;
    }

    /// <summary>../shared, beside the repository (CI clones it there).</summary>
    private static string Shared(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pulumi.Astro.sln"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "the repository root was not found above the test assembly");
        var path = Path.Combine(dir!.Parent!.FullName, "shared", file);
        Assert.That(File.Exists(path), Is.True, $"{path} is missing");
        return path;
    }

    /// <summary>Validates with python3's jsonschema (draft 2020-12); JsonSchema.Net's dependencies are not in our NuGet mirror.</summary>
    private static async Task<(int Code, string Output)> RunPython(string metaSchema, string document)
    {
        const string script = """
            import json, re, sys
            from jsonschema import Draft202012Validator
            # The meta-schema's patterns use ECMA named groups (?<name>...); Python's re spells them (?P<name>...).
            def fix(node):
                if isinstance(node, dict):
                    return {k: (re.sub(r"\(\?<([A-Za-z])", r"(?P<\1", v) if k == "pattern" and isinstance(v, str) else fix(v)) for k, v in node.items()}
                return [fix(x) for x in node] if isinstance(node, list) else node
            schema = fix(json.load(open(sys.argv[1]))); doc = json.load(open(sys.argv[2]))
            errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
            for e in errors[:20]: print("/".join(map(str, e.path)), ":", e.message)
            sys.exit(1 if errors else 0)
            """;
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(metaSchema);
        info.ArgumentList.Add(document);
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, output);
    }
}
