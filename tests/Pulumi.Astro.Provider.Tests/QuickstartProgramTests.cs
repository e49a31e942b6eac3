using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// The quickstart's Pulumi.yaml run the way `pulumi up` runs it, with this test as the engine (the Pulumi CLI cannot
/// be installed here): each resource in dependency order is checked and created with its references resolved; a second
/// `pulumi up` (and a `pulumi refresh`) must show no change for any resource; `pulumi destroy` deletes in reverse.
/// This is the quickstart's "a second run shows no changes" promise (issue 7), checked against astro-sim.
/// </summary>
public sealed class QuickstartProgramTests
{
    private sealed record State(string Type, string Id, Struct Inputs, Struct Outputs);

    [Test]
    public async Task QuickstartProgram_UpTwiceRefreshDestroy_SecondUpAndRefreshShowNoChanges()
    {
        await using var sim = await SimServer.StartAsync();
        await using var engine = await FakeEngine.StartAsync();
        // The engine starts the plugin in the program's folder, so `dagsPath: examples/dags` resolves from the repo root.
        await using var plugin = await PluginProcess.StartAsync(engine.Address, workingDirectory: Repo.Root);
        var program = YamlProgram.Load(Repo.Path("Pulumi.yaml"));
        var config = new Dictionary<string, Value>
        {
            ["host"] = S(sim.BaseUrl.ToString()),
            ["organizationId"] = S(sim.OrganizationId),
            ["workspaceId"] = S(sim.WorkspaceId),
            ["token"] = Secret(S(sim.Token)),
        };
        var state = new Dictionary<string, State>();

        Value? Resolve(string expression)
        {
            if (config.TryGetValue(expression, out var c)) return c;
            var parts = expression.Split('.', 2);
            if (!state.TryGetValue(parts[0], out var s)) return null;
            if (parts.Length == 1) return S(s.Id);
            return parts[1] == "id" ? S(s.Id) : s.Outputs.Fields.GetValueOrDefault(parts[1]);
        }

        string Urn(string name, string type) => $"urn:pulumi:dev::astro-quickstart::{type}::{name}";

        // ---- pulumi up: create everything, in dependency order ----
        var order = DependencyOrder(program);
        foreach (var name in order)
        {
            var r = program.Resources[name];
            var news = program.CheckInputs(r, Resolve);
            if (r.Type == "pulumi:providers:astro")
            {
                var checkedConfig = await plugin.Client.CheckConfigAsync(new CheckRequest { Urn = Urn(name, r.Type), News = news });
                Assert.That(checkedConfig.Failures, Is.Empty, name);
                await plugin.Client.ConfigureAsync(new ConfigureRequest { Args = checkedConfig.Inputs, AcceptSecrets = true });
                continue;
            }
            var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name, r.Type), Name = name, Type = r.Type, Olds = new Struct(), News = news });
            Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty, name);
            var created = await plugin.Client.CreateAsync(new CreateRequest { Urn = Urn(name, r.Type), Name = name, Type = r.Type, Properties = check.Inputs, Timeout = 60 });
            state[name] = new State(r.Type, created.Id, check.Inputs, created.Properties);
        }
        Assert.That(state["etl"].Outputs.Fields["status"].StringValue, Is.EqualTo("HEALTHY"));
        Assert.That(state["sandbox"].Outputs.Fields["status"].StringValue, Is.EqualTo("HEALTHY"), "the override came after the sandbox's create");
        Assert.That(state["sandboxAsleep"].Outputs.Fields["deploymentStatus"].StringValue, Is.EqualTo("HIBERNATING"));
        Assert.That(state["dags"].Outputs.Fields["status"].StringValue, Is.EqualTo("DEPLOYED"));
        Assert.That(state["cluster"].Outputs.Fields["status"].StringValue, Is.EqualTo("CREATED"));

        // ---- pulumi up again: Check against the stored inputs, then Diff: nothing may change ----
        foreach (var name in state.Keys)
        {
            var s = state[name];
            var news = program.CheckInputs(program.Resources[name], Resolve);
            var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name, s.Type), Name = name, Type = s.Type, Olds = s.Inputs, News = news });
            Assert.That(check.Failures, Is.Empty, name);
            var diff = await plugin.Client.DiffAsync(new DiffRequest { Id = s.Id, Urn = Urn(name, s.Type), Type = s.Type, Olds = s.Outputs, OldInputs = s.Inputs, News = check.Inputs });
            Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), $"second up: {name} shows changes to {string.Join(", ", diff.Diffs)}");
        }

        // ---- pulumi refresh, then up: what Astro reports must match the program ----
        foreach (var name in state.Keys)
        {
            var s = state[name];
            var read = await plugin.Client.ReadAsync(new ReadRequest { Id = s.Id, Urn = Urn(name, s.Type), Type = s.Type, Properties = s.Outputs, Inputs = s.Inputs });
            Assert.That(read.Id, Is.EqualTo(s.Id), $"refresh: {name} is still there");
            var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name, s.Type), Name = name, Type = s.Type, Olds = read.Inputs, News = program.CheckInputs(program.Resources[name], Resolve) });
            var diff = await plugin.Client.DiffAsync(new DiffRequest { Id = s.Id, Urn = Urn(name, s.Type), Type = s.Type, Olds = read.Properties, OldInputs = read.Inputs, News = check.Inputs });
            Assert.That(diff.Changes, Is.EqualTo(DiffResponse.Types.DiffChanges.DiffNone), $"after refresh: {name} shows changes to {string.Join(", ", diff.Diffs)}");
        }

        // ---- pulumi destroy: reverse order; nothing is left in Astro ----
        foreach (var name in order.AsEnumerable().Reverse().Where(state.ContainsKey))
        {
            var s = state[name];
            await plugin.Client.DeleteAsync(new DeleteRequest { Id = s.Id, Urn = Urn(name, s.Type), Type = s.Type, Properties = s.Outputs, OldInputs = s.Inputs, Timeout = 60 });
        }
        Assert.That(await Count(sim, "deployments", "deployments"), Is.Zero);
        Assert.That(await Count(sim, "clusters", "clusters"), Is.Zero);
        Assert.That(plugin.Stderr + string.Join("\n", engine.Logs.Select(l => l.Message)), Does.Not.Contain("quickstart-not-a-real-password"));
    }

    /// <summary>Resources after everything their properties or options refer to (`${name}` or `${name.prop}`).</summary>
    private static List<string> DependencyOrder(YamlProgram program)
    {
        var deps = program.Resources.Keys.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var (where, expression) in program.References())
        {
            var owner = where.Split('.', '[')[0];
            var target = expression.Split('.')[0];
            if (deps.ContainsKey(owner) && program.Resources.ContainsKey(target)) deps[owner].Add(target);
        }
        var order = new List<string>();
        while (order.Count < deps.Count)
        {
            var next = deps.Keys.Where(n => !order.Contains(n) && deps[n].All(order.Contains)).ToList();
            if (next.Count == 0) throw new InvalidOperationException("the program has a reference cycle");
            order.AddRange(next);
        }
        return order;
    }

    private static async Task<int> Count(SimServer sim, string path, string field)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{sim.OrgUrl}/{path}");
        request.Headers.Add("Authorization", $"Bearer {sim.Token}");
        using var response = await http.SendAsync(request);
        return ((JArray)JObject.Parse(await response.Content.ReadAsStringAsync())[field]!).Count;
    }
}
