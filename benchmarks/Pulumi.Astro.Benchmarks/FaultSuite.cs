using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Benchmarks.Stats;

namespace Pulumi.Astro.Benchmarks;

/// <summary>
/// The fault suite: Deployments created, updated and deleted through one plugin, 20 resources in flight at once, against
/// astro-sim injecting 429s, 5xx, dropped connections, delays and create answers lost after Astro processed them. A
/// small engine model keeps the state (name → id) as `pulumi up` would: a create's id (success or partial state), an
/// update that fails keeps the old state, a delete that fails keeps the id. At the end, with faults cleared, every
/// Deployment at astro-sim is compared with that state.
/// </summary>
public static class FaultSuite
{
    private const int Resources = 186;
    private const int InFlight = 20;
    private const string Prefix = "fault-";

    /// <summary>The faults, matched in this order; each fires with its probability on every matching request.</summary>
    public static readonly (string What, SimFault Fault)[] Faults =
    [
        ("create answer lost: connection dropped after the create", new SimFault { Method = "POST", PathPattern = "/deployments$", AfterHandling = true, Drop = true, Probability = 0.04, Times = 0 }),
        ("create answer lost: 502 after the create", new SimFault { Method = "POST", PathPattern = "/deployments$", AfterHandling = true, Status = 502, Probability = 0.04, Times = 0 }),
        ("create answer lost: 500 after the create", new SimFault { Method = "POST", PathPattern = "/deployments$", AfterHandling = true, Status = 500, Probability = 0.02, Times = 0 }),
        ("500 on a GET of a Deployment (a poll)", new SimFault { Method = "GET", PathPattern = "/deployments/c[a-z0-9]{24}$", Status = 500, Probability = 0.05, Times = 0 }),
        ("503 before processing", new SimFault { PathPattern = "^/v1/", Status = 503, Probability = 0.03, Times = 0 }),
        ("connection dropped before processing", new SimFault { PathPattern = "^/v1/", Drop = true, Probability = 0.02, Times = 0 }),
        ("429, Retry-After 0", new SimFault { PathPattern = "^/v1/", Status = 429, RetryAfter = "0", Probability = 0.05, Times = 0 }),
        ("300 ms delay", new SimFault { PathPattern = "^/v1/", DelayMs = 300, Probability = 0.05, Times = 0 }),
    ];

    private sealed record Outcome(string Op, string Name, string Result, string Why);

    public static async Task RunAsync(string plugin)
    {
        await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = 2);
        await using var p = await Plugin.StartAsync(plugin);
        await p.ConfigureAsync(sim);
        foreach (var (_, fault) in Faults) await sim.Control.AddFaultAsync(fault);

        var state = new ConcurrentDictionary<string, (string Id, Struct Inputs, Struct Outputs)>();
        var outcomes = new ConcurrentBag<Outcome>();
        using var gate = new SemaphoreSlim(InFlight);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Resources).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await LifeOf($"{Prefix}{i:000}", p, sim, state, outcomes);
            }
            finally
            {
                gate.Release();
            }
        }));
        var wall = Stopwatch.GetElapsedTime(started);
        await sim.Control.ClearFaultsAsync();
        var requests = (await sim.Control.RequestsAsync()).Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();

        var live = await LiveDeployments(sim);
        var stateIds = state.Values.Select(s => s.Id).ToHashSet();
        var orphans = live.Where(d => !stateIds.Contains(d.Id)).ToList();
        var duplicates = live.GroupBy(d => d.Name).Sum(g => g.Count() - 1);
        var stale = stateIds.Count(id => live.All(d => d.Id != id));

        Console.WriteLine();
        Console.WriteLine($"### Fault suite ({Resources} Deployments, {InFlight} at a time: create, update, delete each)");
        Console.WriteLine("| operations (create / update / delete) | succeeded | failed with partial state | failed without partial state | orphans | duplicates | ids in state Astro no longer has | API calls (injected faults) | wall time |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var ops = outcomes.ToList();
        string Count(string op) => ops.Count(o => o.Op == op).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var faulted = requests.Count(r => r.Status is 0 or 429 or >= 500);
        Console.WriteLine($"| {ops.Count} ({Count("create")} / {Count("update")} / {Count("delete")}) | {ops.Count(o => o.Result == "ok")} | " +
            $"{ops.Count(o => o.Result == "partial")} | {ops.Count(o => o.Result == "failed")} | {orphans.Count} | {duplicates} | {stale} | " +
            $"{requests.Count} ({faulted}) | {F(wall.TotalSeconds, "0")} s |");

        Console.WriteLine();
        Console.WriteLine("| failure (operation, result, cause) | count |");
        Console.WriteLine("|---|---|");
        foreach (var g in ops.Where(o => o.Result != "ok").GroupBy(o => $"{o.Op}, {o.Result}: {o.Why}").OrderByDescending(g => g.Count()))
            Console.WriteLine($"| {g.Key} | {g.Count()} |");
        foreach (var o in orphans)
            Console.Error.WriteLine($"orphan: {o.Name} {o.Id}; outcomes: {string.Join("; ", ops.Where(x => x.Name == o.Name).Select(x => $"{x.Op} {x.Result} {x.Why}"))}");
    }

    private static async Task LifeOf(string name, Plugin p, SimServer sim, ConcurrentDictionary<string, (string Id, Struct Inputs, Struct Outputs)> state, ConcurrentBag<Outcome> outcomes)
    {
        var urn = Plugin.Urn(name);
        var news = Plugin.Deployment(sim.WorkspaceId, name);
        var check = await p.Client.CheckAsync(new CheckRequest { Urn = urn, Name = name, Type = Plugin.Type, Olds = new Struct(), News = news });
        try
        {
            var created = await p.Client.CreateAsync(new CreateRequest { Urn = urn, Name = name, Type = Plugin.Type, Properties = check.Inputs });
            state[name] = (created.Id, check.Inputs, created.Properties);
            outcomes.Add(new Outcome("create", name, "ok", ""));
        }
        catch (RpcException e)
        {
            var partial = Partial(e);
            if (partial is not null) state[name] = (partial.Id, check.Inputs, partial.Properties);
            outcomes.Add(new Outcome("create", name, partial is null ? "failed" : "partial", Cause(e)));
        }
        if (!state.TryGetValue(name, out var current)) return;

        var changed = news.Clone();
        changed.Fields["description"] = Value.ForString("updated under faults");
        var updateCheck = await p.Client.CheckAsync(new CheckRequest { Urn = urn, Name = name, Type = Plugin.Type, Olds = current.Inputs, News = changed });
        try
        {
            var updated = await p.Client.UpdateAsync(new UpdateRequest { Id = current.Id, Urn = urn, Type = Plugin.Type, Olds = current.Outputs, OldInputs = current.Inputs, News = updateCheck.Inputs });
            current = (current.Id, updateCheck.Inputs, updated.Properties);
            state[name] = current;
            outcomes.Add(new Outcome("update", name, "ok", ""));
        }
        catch (RpcException e)
        {
            outcomes.Add(new Outcome("update", name, Partial(e) is null ? "failed" : "partial", Cause(e)));
        }

        try
        {
            await p.Client.DeleteAsync(new DeleteRequest { Id = current.Id, Urn = urn, Type = Plugin.Type, Properties = current.Outputs });
            state.TryRemove(name, out _);
            outcomes.Add(new Outcome("delete", name, "ok", ""));
        }
        catch (RpcException e)
        {
            outcomes.Add(new Outcome("delete", name, "failed", Cause(e)));
        }
    }

    /// <summary>The status code and the message with ids, numbers and request ids taken out, so alike failures group.</summary>
    private static string Cause(RpcException e)
    {
        var text = e.Status.Detail;
        text = System.Text.RegularExpressions.Regex.Replace(text, @"c[a-z0-9]{24}", "<id>");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\(requestId [^)]*\)", "");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"'fault-\d+'", "'<name>'");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\d+(\.\d+)?(s|ms| s|m\d+s)\b", "<t>");
        return $"{e.StatusCode}: {(text.Length > 160 ? text[..160] + "…" : text)}";
    }

    private static ErrorResourceInitFailed? Partial(RpcException e)
    {
        var bin = e.Trailers.GetValueBytes("grpc-status-details-bin");
        if (bin is null) return null;
        var input = new Google.Protobuf.CodedInputStream(bin);
        while (input.ReadTag() is var tag and not 0)
        {
            if (tag >> 3 == 3)
            {
                var any = new Any();
                input.ReadMessage(any);
                if (any.Is(ErrorResourceInitFailed.Descriptor)) return any.Unpack<ErrorResourceInitFailed>();
            }
            else input.SkipLastField();
        }
        return null;
    }

    private static async Task<List<(string Id, string Name)>> LiveDeployments(SimServer sim)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("Authorization", $"Bearer {sim.Token}");
        var body = JObject.Parse(await http.GetStringAsync($"{sim.OrgUrl}/deployments?limit=1000"));
        return body["deployments"]!.Select(d => ((string)d["id"]!, (string)d["name"]!)).Where(d => d.Item2.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
    }
}
