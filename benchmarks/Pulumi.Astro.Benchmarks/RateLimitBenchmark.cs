using System.Diagnostics;
using Grpc.Core;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Benchmarks.Stats;

namespace Pulumi.Astro.Benchmarks;

/// <summary>
/// Large stacks against a rate-limited API: astro-sim limited to 10 requests per second (burst 20), the plugin with the
/// client's adaptive rate limit on (the new client) and off (<c>ASTRO_ADAPTIVE_RATE_LIMIT=off</c>: the in-flight limit
/// only, each throttled call retrying on its own, as before), side by side in one run:
/// (a) a refresh of 500 Deployments, 500 Reads sent at once as the engine does, with the plugin's peak RSS;
/// (b) 100 Deployments created at once with 3 s transitions. <c>BENCH_DUMP=PREFIX</c> writes each client's request
/// log (seconds from the first request, method, status) to <c>PREFIX-*.txt</c>.
/// </summary>
public static class RateLimitBenchmark
{
    private const double Rate = 10;
    private const int Burst = 20;

    private static readonly (string Label, Dictionary<string, string> Environment)[] Clients =
    [
        ("today's client (limiter off)", new() { ["ASTRO_ADAPTIVE_RATE_LIMIT"] = "off" }),
        ("new client (adaptive limiter)", new()),
    ];

    public static async Task Run(string plugin, bool quick)
    {
        await Refresh(plugin, quick ? 200 : 500);
        await Creates(plugin, quick ? 50 : 100);
    }

    // (a) Deployments made once without a limit, then refreshed by a fresh plugin per client against a full bucket.
    private static async Task Refresh(string plugin, int count)
    {
        await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = 0);
        var states = new List<(string Name, string Id, Google.Protobuf.WellKnownTypes.Struct Inputs, Google.Protobuf.WellKnownTypes.Struct Outputs)>();
        await using (var setup = await Plugin.StartAsync(plugin))
        {
            await setup.ConfigureAsync(sim);
            foreach (var chunk in Enumerable.Range(0, count).Chunk(50))
            {
                states.AddRange(await Task.WhenAll(chunk.Select(async i =>
                {
                    var name = $"refresh-{i:000}";
                    var (id, inputs, outputs) = await setup.CreateDeploymentStateAsync(sim.WorkspaceId, name);
                    return (name, id, inputs, outputs);
                })));
            }
        }
        var ideal = count / Rate;
        Console.WriteLine();
        Console.WriteLine($"### Refresh of {count} Deployments: {count} Reads at once, astro-sim at {Rate:0}/s (burst {Burst}); ideal {count} / {Rate:0} = {ideal:0} s");
        Console.WriteLine("| client | wall time | × ideal | API requests | answered 429 | Reads that succeeded | plugin peak RSS (VmHWM) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var timelines = new List<string>();
        foreach (var (label, environment) in Clients)
        {
            // A fresh, full bucket and an empty log for each client.
            await sim.Control.SetRateLimitAsync(Rate, Burst);
            await sim.Control.ClearRequestsAsync();
            await using var p = await Plugin.StartAsync(plugin, environment);
            await p.ConfigureAsync(sim);
            var errors = new List<string>();
            var started = Stopwatch.GetTimestamp();
            var reads = await Task.WhenAll(states.Select(async s =>
            {
                try
                {
                    return (await p.ReadDeploymentAsync(s.Name, s.Id, s.Inputs, s.Outputs)).Id == s.Id;
                }
                catch (RpcException e)
                {
                    lock (errors) errors.Add(e.Status.Detail);
                    return false;
                }
            }));
            var wall = Stopwatch.GetElapsedTime(started);
            var rss = p.PeakRssMiB();
            var requests = (await sim.Control.RequestsAsync()).Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
            var throttled = requests.Count(r => r.Status == 429);
            if (Environment.GetEnvironmentVariable("BENCH_DUMP") is { } dump)
                File.WriteAllLines($"{dump}-{(environment.Count == 0 ? "new" : "old")}.txt", requests.Select(r => $"{(r.Time - requests[0].Time).TotalSeconds:0.000} {r.Method} {r.Status}"));
            Console.WriteLine($"| {label} | {F(wall.TotalSeconds, "0.0")} s | {F(wall.TotalSeconds / ideal, "0.00")} | {requests.Count} | {throttled} ({F(100.0 * throttled / Math.Max(1, requests.Count), "0.0")} %) | {reads.Count(r => r)}/{count} | {F(rss, "0")} MiB |");
            if (errors.Count > 0) timelines.Add($"{label}: {errors.Count} Reads failed, e.g. \"{errors[0]}\"");
            timelines.Add($"{label}, per 10 s from the first request: " + Timeline(requests));
        }
        await sim.Control.SetRateLimitAsync(null);
        foreach (var line in timelines) Console.WriteLine($"- {line}");
    }

    // (b) 100 Deployments created at once, each waiting until HEALTHY (3 s transitions), on a fresh astro-sim per client.
    private static async Task Creates(string plugin, int count)
    {
        // A create makes at least three requests: the lookup by name (so that nothing foreign is adopted), the POST, and
        // the poll that sees HEALTHY. The burst is free.
        var ideal = Math.Max(3, (3.0 * count - Burst) / Rate);
        Console.WriteLine();
        Console.WriteLine($"### {count} Deployments created at once, 3 s transitions, astro-sim at {Rate:0}/s (burst {Burst}); ideal (3 × {count} requests − {Burst}) / {Rate:0} = {ideal:0} s");
        Console.WriteLine("| client | wall time | × ideal | API requests (lookup / POST / poll) | answered 429 | converged | in astro-sim | duplicates | plugin peak RSS |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var notes = new List<string>();
        foreach (var (label, environment) in Clients)
        {
            await using var sim = await SimServer.StartAsync(o =>
            {
                o.DeploymentSeconds = 3;
                o.RateLimit = Rate;
                o.RateBurst = Burst;
            });
            await using var p = await Plugin.StartAsync(plugin, environment);
            await p.ConfigureAsync(sim);
            var errors = new List<string>();
            var started = Stopwatch.GetTimestamp();
            var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                try
                {
                    return await p.CreateDeploymentAsync(sim.WorkspaceId, $"scale-{i:000}");
                }
                catch (Exception e) when (e is RpcException or InvalidOperationException)
                {
                    lock (errors) errors.Add(e is RpcException r ? r.Status.Detail : e.Message);
                    return null;
                }
            }));
            var wall = Stopwatch.GetElapsedTime(started);
            var rss = p.PeakRssMiB();
            await sim.Control.SetRateLimitAsync(null);
            var requests = (await sim.Control.RequestsAsync()).Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
            var throttled = requests.Count(r => r.Status == 429);
            if (Environment.GetEnvironmentVariable("BENCH_DUMP") is { } dump)
                File.WriteAllLines($"{dump}-create-{(environment.Count == 0 ? "new" : "old")}.txt", requests.Select(r => $"{(r.Time - requests[0].Time).TotalSeconds:0.000} {r.Method} {r.Status} {r.Path.Split('/').Last()}"));
            var names = await BenchmarkProgram.DeploymentNames(sim);
            var duplicates = names.GroupBy(n => n).Sum(g => g.Count() - 1);
            Console.WriteLine($"| {label} | {F(wall.TotalSeconds, "0.0")} s | {F(wall.TotalSeconds / ideal, "0.00")} | {requests.Count} ({requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/deployments", StringComparison.Ordinal))} / {requests.Count(r => r.Method == "POST")} / {requests.Count(r => r.Method == "GET" && !r.Path.EndsWith("/deployments", StringComparison.Ordinal))}) | {throttled} ({F(100.0 * throttled / Math.Max(1, requests.Count), "0.0")} %) | {ids.Count(i => i is not null)}/{count} | {names.Count} | {duplicates} | {F(rss, "0")} MiB |");
            if (errors.Count > 0) notes.Add($"{label}: {errors.Count} creates failed, e.g. \"{errors[0]}\"");
            notes.Add($"{label}, per 10 s from the first request: " + Timeline(requests));
        }
        foreach (var line in notes) Console.WriteLine($"- {line}");
    }

    /// <summary>Requests (of which 429) in each 10 s from the first one: how the load was spread.</summary>
    private static string Timeline(IReadOnlyList<SimRequest> requests)
    {
        if (requests.Count == 0) return "no requests";
        var first = requests.Min(r => r.Time);
        return string.Join(" · ", requests
            .GroupBy(r => (int)((r.Time - first).TotalSeconds / 10))
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key * 10}–{g.Key * 10 + 10} s: {g.Count()} ({g.Count(r => r.Status == 429)})"));
    }
}
