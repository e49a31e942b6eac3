using System.Diagnostics;
using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The Native AOT plugin (BENCHMARKS.md) against the JIT build of the same source: same port line, same schema, same
/// Deployment life, and every client model read and written identically. Runs when ASTRO_AOT_PLUGIN names the binary
/// that <c>dotnet publish src/Pulumi.Astro.Provider -c Release -p:AstroAot=true</c> made (.ci/run sets it).
/// </summary>
[NonParallelizable]
public sealed class AotTests
{
    private const string Type = "astro:index:Deployment";
    private const string Variable = "ASTRO_AOT_PLUGIN";
    private SimServer _sim = null!;
    private FakeEngine _engine = null!;
    private PluginProcess _aot = null!;
    private PluginProcess _jit = null!;
    private string _aotPath = "";

    private static string Urn(string name) => $"urn:pulumi:dev::proj::{Type}::{name}";

    [OneTimeSetUp]
    public async Task Start()
    {
        _aotPath = Environment.GetEnvironmentVariable(Variable) ?? "";
        if (_aotPath.Length == 0)
            Assert.Ignore($"{Variable} is not set: publish the AOT plugin (scripts/publish-aot.sh) and point {Variable} at it to run these tests.");
        Assert.That(File.Exists(_aotPath), Is.True, $"{Variable}={_aotPath} does not exist");
        _sim = await SimServer.StartAsync();
        _engine = await FakeEngine.StartAsync();
        _aot = await StartConfigured(_aotPath);
        _jit = await StartConfigured(PluginProcess.Executable);
    }

    private async Task<PluginProcess> StartConfigured(string executable)
    {
        var plugin = await PluginProcess.StartAsync(_engine.Address, executable: executable);
        await plugin.Client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = _engine.Address });
        var config = Struct(("host", S(_sim.BaseUrl.ToString())), ("organizationId", S(_sim.OrganizationId)), ("token", Secret(S(_sim.Token))));
        var check = await plugin.Client.CheckConfigAsync(new CheckRequest { Urn = "urn:pulumi:dev::proj::pulumi:providers:astro::default", News = config });
        Assert.That(check.Failures, Is.Empty);
        await plugin.Client.ConfigureAsync(new ConfigureRequest { Args = check.Inputs, AcceptSecrets = true });
        return plugin;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_aot is not null) await _aot.DisposeAsync();
        if (_jit is not null) await _jit.DisposeAsync();
        if (_engine is not null) await _engine.DisposeAsync();
        if (_sim is not null) await _sim.DisposeAsync();
    }

    [Test]
    public async Task Start_AotBinary_PrintsOnlyThePortLineAndServes()
    {
        // PluginProcess parsed the first stdout line as the port; the plugin answers on it and prints nothing else.
        var info = await _aot.Client.GetPluginInfoAsync(new Empty());
        Assert.That(info.Version, Is.EqualTo((await _jit.Client.GetPluginInfoAsync(new Empty())).Version));
        var plugin = await PluginProcess.StartAsync(null, executable: _aotPath);
        Assert.That(await plugin.StopAsync(), Is.EqualTo(0));
        Assert.That(await plugin.RestOfStdout(), Is.Empty);
    }

    [Test]
    public async Task GetSchema_AotBinary_EqualsJitBuild()
    {
        var aot = await _aot.Client.GetSchemaAsync(new GetSchemaRequest());
        var jit = await _jit.Client.GetSchemaAsync(new GetSchemaRequest());
        Assert.That(aot.Schema, Has.Length.GreaterThan(1000));
        Assert.That(aot.Schema, Is.EqualTo(jit.Schema));
    }

    [Test]
    public async Task Check_AotBinaryDagFolderWithNamedPipeAndDeepNesting_AnswersAsJit()
    {
        // The file type comes from lstat through System.Native, and the guarded request binding replaces grpc-dotnet's:
        // both must work in the AOT binary.
        using var dags = new DagFolder();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [System.IO.Path.Combine(dags.Path, "pipe")])!) mkfifo.WaitForExit();
        var deploy = new CheckRequest
        {
            Urn = "urn:pulumi:dev::proj::astro:index:Deploy::dags", Name = "dags", Type = "astro:index:Deploy", Olds = new Struct(),
            News = Struct(("deploymentId", S("cdep")), ("dagsPath", S(dags.Path))),
        };
        var aot = await _aot.Client.CheckAsync(deploy, deadline: DateTime.UtcNow.AddSeconds(60));
        Assert.That(aot.Failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Some.StartsWith("dagsPath: pipe is a named pipe (FIFO)"));
        Assert.That(aot.Failures, Is.EqualTo((await _jit.Client.CheckAsync(deploy)).Failures));

        var deep = S("x");
        for (var i = 0; i < 48; i++) deep = Obj(("a", deep));
        var news = StandardDeployment(_sim.WorkspaceId, "deep");
        news.Fields["description"] = deep;
        var error = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await _aot.Client.CheckAsync(new CheckRequest { Urn = Urn("deep"), Name = "deep", Type = Type, Olds = new Struct(), News = news }))!;
        Assert.That(error.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.InvalidArgument), error.Status.Detail);
    }

    /// <summary>A STANDARD development-mode Deployment with every optional input set.</summary>
    private Struct Everything(string name)
    {
        var s = StandardDeployment(_sim.WorkspaceId, name);
        s.Fields["description"] = S("every optional field set");
        s.Fields["isCicdEnforced"] = B(true);
        s.Fields["isDagDeployEnabled"] = B(true);
        s.Fields["isDevelopmentMode"] = B(true);
        s.Fields["isHighAvailability"] = B(false);
        s.Fields["schedulerSize"] = S("MEDIUM");
        s.Fields["contactEmails"] = List(S("ops@example.com"), S("data@example.com"));
        s.Fields["workloadIdentity"] = S("arn:aws:iam::123456789012:role/astro");
        s.Fields["scalingSpec"] = Obj(("hibernationSpec", Obj(
            ("override", Obj(("isHibernating", B(false)), ("overrideUntil", S("2099-01-01T00:00:00Z")))),
            ("schedules", List(Obj(("hibernateAtCron", S("0 20 * * 1-5")), ("wakeAtCron", S("0 7 * * 1-5")),
                ("isEnabled", B(true)), ("description", S("nights"))))))));
        var queue = s.Fields["workerQueues"].ListValue.Values[0].StructValue;
        queue.Fields["podEphemeralStorage"] = S("10Gi");
        s.Fields["workerQueues"].ListValue.Values.Add(Obj(("name", S("heavy")), ("isDefault", B(false)), ("astroMachine", S("A20")),
            ("minWorkerCount", N(1)), ("maxWorkerCount", N(4)), ("workerConcurrency", N(8))));
        return s;
    }

    private async Task<Struct> Checked(PluginProcess plugin, string name, Struct news, Struct? olds = null)
    {
        var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = olds ?? new Struct(), News = news });
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        return check.Inputs;
    }

    private async Task<(ReadResponse Aot, ReadResponse Jit)> ReadBoth(string id, string name, Struct properties, Struct inputs)
    {
        var request = new ReadRequest { Id = id, Urn = Urn(name), Type = Type, Properties = properties, Inputs = inputs };
        return (await _aot.Client.ReadAsync(request), await _jit.Client.ReadAsync(request));
    }

    [Test]
    public async Task Lifecycle_AotBinaryAllOptionalFields_CreateReadUpdateDeleteLikeJit()
    {
        var inputs = await Checked(_aot, "everything", Everything("everything"));
        Assert.That(inputs, Is.EqualTo(await Checked(_jit, "everything", Everything("everything"))), "Check agrees");

        var created = await _aot.Client.CreateAsync(new CreateRequest { Urn = Urn("everything"), Name = "everything", Type = Type, Properties = inputs });
        Assert.That(created.Properties.Fields["status"].StringValue, Is.AnyOf("HEALTHY", "HIBERNATING"));
        Assert.That(created.Properties.Fields["scalingSpec"].StructValue.Fields["hibernationSpec"].StructValue.Fields["schedules"].ListValue.Values, Has.Count.EqualTo(1));
        Assert.That(created.Properties.Fields["workerQueues"].ListValue.Values, Has.Count.EqualTo(2));
        var (aotRead, jitRead) = await ReadBoth(created.Id, "everything", created.Properties, inputs);
        Assert.That(aotRead.Id, Is.EqualTo(created.Id));
        Assert.That(aotRead.Properties, Is.EqualTo(jitRead.Properties), "the AOT build reads the Deployment as the JIT build does");
        Assert.That(aotRead.Inputs, Is.EqualTo(jitRead.Inputs));
        Assert.That(aotRead.Properties, Is.EqualTo(created.Properties));

        var changedNews = Everything("everything");
        changedNews.Fields["description"] = S("changed");
        changedNews.Fields["contactEmails"] = List(S("ops@example.com"));
        var changed = await Checked(_aot, "everything", changedNews, inputs);
        var updated = await _aot.Client.UpdateAsync(new UpdateRequest { Id = created.Id, Urn = Urn("everything"), Type = Type, Olds = created.Properties, OldInputs = inputs, News = changed });
        Assert.That(updated.Properties.Fields["description"].StringValue, Is.EqualTo("changed"));
        (aotRead, jitRead) = await ReadBoth(created.Id, "everything", updated.Properties, changed);
        Assert.That(aotRead.Properties, Is.EqualTo(jitRead.Properties));
        Assert.That(aotRead.Properties.Fields["contactEmails"].ListValue.Values.Select(v => v.StringValue), Is.EqualTo(new[] { "ops@example.com" }));

        await _aot.Client.DeleteAsync(new DeleteRequest { Id = created.Id, Urn = Urn("everything"), Type = Type, Properties = updated.Properties });
        (aotRead, jitRead) = await ReadBoth(created.Id, "everything", updated.Properties, changed);
        Assert.That(aotRead.Id, Is.Empty, "gone after delete");
        Assert.That(jitRead.Id, Is.Empty);
    }

    /// <summary>Every concrete model of the client, by name, as JSON with every field set.</summary>
    private static IEnumerable<System.Type> ModelTypes() =>
        typeof(AstroClient).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Pulumi.Astro.Client.Models" && !t.IsAbstract && !t.IsInterface && !t.IsGenericTypeDefinition
                && t.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    [Test]
    public async Task JsonRoundTrip_EveryClientModel_AotReadsAndWritesLikeJit()
    {
        var types = ModelTypes().ToList();
        Assert.That(types, Has.Count.GreaterThan(30), "the model list is found");
        var lines = types.Select(t => $"{t.Name}\t{ModelSample.Json(t)}").ToList();
        var aot = await RoundTrip(_aotPath, lines);
        var jit = await RoundTrip(PluginProcess.Executable, lines);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < types.Count; i++)
            {
                Assert.That(jit[i], Does.StartWith("ok\t"), $"JIT {types[i].Name}");
                Assert.That(aot[i], Is.EqualTo(jit[i]), $"AOT {types[i].Name}");
                var sent = JObject.Parse(lines[i][(lines[i].IndexOf('\t') + 1)..]);
                var back = jit[i].StartsWith("ok\t", StringComparison.Ordinal) ? JObject.Parse(jit[i][3..]) : [];
                // Every field of the sample comes back: the sample exercised the whole model.
                Assert.That(back.Properties().Select(p => p.Name), Is.SupersetOf(sent.Properties().Select(p => p.Name)), types[i].Name);
            }
        });
    }

    private static async Task<List<string>> RoundTrip(string executable, IReadOnlyList<string> lines)
    {
        var info = new ProcessStartInfo(executable, [JsonRoundTrip.Flag])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        foreach (var line in lines) await process.StandardInput.WriteLineAsync(line);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        Assert.That(process.ExitCode, Is.EqualTo(0), await stderr);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.That(results, Has.Count.EqualTo(lines.Count), await stderr);
        return results;
    }
}

/// <summary>
/// Writes JSON for a client model with every property set, from the model's own shape: strings, numbers, booleans,
/// timestamps, open enums (their first known value), lists and nested models. Read-only discriminators are written
/// too, with the value the type itself gives them.
/// </summary>
internal static class ModelSample
{
    public static string Json(System.Type type) => Value(type, "", 0)!.ToString(Formatting.None);

    private static JToken? Value(System.Type type, string name, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return $"{name}-value";
        if (t == typeof(bool)) return true;
        if (t == typeof(int) || t == typeof(long)) return 7;
        if (t == typeof(double) || t == typeof(decimal)) return 2.5;
        if (t == typeof(DateTimeOffset)) return "2024-01-12T18:32:20Z";
        if (t.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static) is { } known)
            return ((System.Collections.IEnumerable)known.GetValue(null)!).Cast<object>().First().ToString();
        if (t.IsGenericType && t.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
            return Value(item, name, depth) is { } one ? new JArray(one) : new JArray();
        if (t.IsGenericType && t.GetGenericArguments() is [var key, var val] && key == typeof(string))
            return Value(val, name, depth) is { } v ? new JObject { ["key1"] = v } : new JObject();
        if (t.IsAbstract || depth > 6) return null;
        var json = new JObject();
        var instance = t.GetConstructor(System.Type.EmptyTypes) is not null ? Activator.CreateInstance(t) : null;
        foreach (var p in t.GetProperties())
        {
            if (p.GetCustomAttribute<JsonPropertyAttribute>() is not { PropertyName: { } field }) continue;
            // A read-only discriminator keeps the value its type sets.
            var value = !p.CanWrite && instance is not null ? JToken.FromObject(p.GetValue(instance)!.ToString()!) : Value(p.PropertyType, field, depth + 1);
            if (value is not null) json[field] = value;
        }
        return json;
    }
}
