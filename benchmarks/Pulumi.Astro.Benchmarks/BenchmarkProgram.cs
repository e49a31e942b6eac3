using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Simulator;
using Pulumi.Astro.Testing;
using static Pulumi.Astro.Benchmarks.Stats;

namespace Pulumi.Astro.Benchmarks;

/// <summary>
/// <c>Pulumi.Astro.Benchmarks --jit PATH --aot PATH [--single-file PATH] [--node DIR] [--quick] [coldstart|rpc|wait|scale|sim|faults|ratelimit ...]</c>:
/// the measurements of BENCHMARKS.md, printed as Markdown table rows. With no names it runs them all. <c>--node DIR</c>
/// names a folder with <c>index.js</c>, a trivial provider on <c>@pulumi/pulumi</c>'s own provider server, measured
/// in the cold-start run beside the plugin as the reference.
/// </summary>
public static class BenchmarkProgram
{
    private static string _jit = "";
    private static string _aot = "";
    private static string _singleFile = "";
    private static string _node = "";
    private static bool _quick;

    public static async Task<int> Main(string[] args)
    {
        var names = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--jit": _jit = args[++i]; break;
                case "--aot": _aot = args[++i]; break;
                case "--single-file": _singleFile = args[++i]; break;
                case "--node": _node = args[++i]; break;
                case "--quick": _quick = true; break;
                default: names.Add(args[i]); break;
            }
        }
        if (_aot.Length == 0 && _jit.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: --jit PATH --aot PATH [--quick] [coldstart rpc wait scale sim faults ratelimit]");
            return 2;
        }
        if (names.Count == 0) names = ["coldstart", "rpc", "wait", "scale", "sim", "faults", "ratelimit"];
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var name in names)
        {
            var watch = Stopwatch.StartNew();
            switch (name)
            {
                case "coldstart": await ColdStart(); break;
                case "rpc": await Rpc(); break;
                case "wait": await Wait(); break;
                case "scale": await Scale(); break;
                case "sim": await SimThroughput(); break;
                case "faults": await FaultSuite.RunAsync(Shipped); break;
                case "ratelimit": await RateLimitBenchmark.Run(Shipped, _quick); break;
                default: await Console.Error.WriteLineAsync($"unknown benchmark '{name}'"); return 2;
            }
            Console.Error.WriteLine($"({name} took {watch.Elapsed.TotalSeconds:0} s)");
        }
        return 0;
    }

    /// <summary>The plugin to measure: the AOT binary when given, else the JIT one.</summary>
    private static string Shipped => _aot.Length > 0 ? _aot : _jit;

    // 1. Spawn to port line, and spawn to the first answered RPC, 20 starts each (after 2 unmeasured starts). The
    // builds take turns start by start, so a change in the shared machine's load falls on all of them alike.
    private static async Task ColdStart()
    {
        Console.WriteLine();
        Console.WriteLine($"### Cold start (20 starts each, taking turns; ms; load {File.ReadAllText("/proc/loadavg").Trim()})");
        Console.WriteLine("| build | port line median | p90 | min–max | first RPC answered, median | p90 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var builds = new List<(string Label, string Executable, string[] Args)>();
        if (_aot.Length > 0) builds.Add(("Native AOT (the default linux-amd64 archive)", _aot, []));
        if (_singleFile.Length > 0) builds.Add(("self-contained single file, ReadyToRun (the other platforms' build)", _singleFile, []));
        if (_jit.Length > 0) builds.Add(("JIT (framework-dependent, as the quickstart publishes)", _jit, []));
        if (_node.Length > 0) builds.Add(("Node.js: @pulumi/pulumi provider.main, a trivial provider", "node", [Path.Combine(_node, "index.js")]));
        var portLine = builds.Select(_ => new List<double>()).ToList();
        var firstRpc = builds.Select(_ => new List<double>()).ToList();
        for (var i = -2; i < 20; i++)
        {
            for (var b = 0; b < builds.Count; b++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var plugin = await Plugin.StartAsync(builds[b].Executable, null, builds[b].Args);
                await plugin.Client.GetPluginInfoAsync(new Empty());
                var rpc = Stopwatch.GetElapsedTime(started);
                if (i < 0) continue;
                portLine[b].Add(plugin.PortLine.TotalMilliseconds);
                firstRpc[b].Add(rpc.TotalMilliseconds);
            }
        }
        for (var b = 0; b < builds.Count; b++)
            Console.WriteLine($"| {builds[b].Label} | {F(Percentile(portLine[b], 50), "0")} | {F(Percentile(portLine[b], 90), "0")} | {F(portLine[b].Min(), "0")}–{F(portLine[b].Max(), "0")} | {F(Percentile(firstRpc[b], 50), "0")} | {F(Percentile(firstRpc[b], 90), "0")} |");
        if (_aot.Length > 0 && _node.Length > 0)
            Console.WriteLine($"\nNative AOT against Node.js, port line medians: {F(Percentile(portLine[^1], 50) / Percentile(portLine[0], 50), "0.0")}× faster");
    }

    // 2. Check, Diff and Create(preview) round trips over gRPC, 1,000 each after 200 warm-up calls.
    private static async Task Rpc()
    {
        await using var sim = await SimServer.StartAsync();
        await using var plugin = await Plugin.StartAsync(Shipped);
        await plugin.ConfigureAsync(sim);
        var news = Plugin.Deployment(sim.WorkspaceId, "rpc");
        var check = await plugin.Client.CheckAsync(new CheckRequest { Urn = Plugin.Urn("rpc"), Name = "rpc", Type = Plugin.Type, Olds = new Struct(), News = news });
        var inputs = check.Inputs;
        var changed = inputs.Clone();
        changed.Fields["description"] = Google.Protobuf.WellKnownTypes.Value.ForString("changed");
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("Check", () => plugin.Client.CheckAsync(new CheckRequest { Urn = Plugin.Urn("rpc"), Name = "rpc", Type = Plugin.Type, Olds = inputs, News = news }).ResponseAsync),
            ("Diff", () => plugin.Client.DiffAsync(new DiffRequest { Id = "c0000000000000000000000001", Urn = Plugin.Urn("rpc"), Type = Plugin.Type, Olds = inputs, OldInputs = inputs, News = changed }).ResponseAsync),
            ("Create (preview)", () => plugin.Client.CreateAsync(new CreateRequest { Urn = Plugin.Urn("rpc"), Name = "rpc", Type = Plugin.Type, Properties = inputs, Preview = true }).ResponseAsync),
        };
        Console.WriteLine();
        Console.WriteLine($"### RPC round trips ({(_aot.Length > 0 ? "Native AOT" : "JIT")} plugin, 1,000 calls each; ms)");
        Console.WriteLine("| RPC | p50 | p99 | max |");
        Console.WriteLine("|---|---|---|---|");
        var p50 = new Dictionary<string, double>();
        foreach (var (name, call) in calls)
        {
            for (var i = 0; i < 200; i++) await call();
            var times = new List<double>(1000);
            for (var i = 0; i < 1000; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            p50[name] = Percentile(times, 50);
            Console.WriteLine($"| {name} | {F(p50[name], "0.000")} | {F(Percentile(times, 99), "0.000")} | {F(times.Max(), "0.000")} |");
        }
        Console.WriteLine($"| Check + Diff (p50s added) | {F(p50["Check"] + p50["Diff"], "0.000")} | | |");
    }

    // 3. Wait lag and GETs: the plugin's create wait against astro-sim, beside the published schedules (§7.1, §7.2).
    private static async Task Wait()
    {
        double[] transitions = _quick ? [3, 30] : [3, 30, 300];
        await using var sim = await SimServer.StartAsync();
        await using var plugin = await Plugin.StartAsync(Shipped);
        await plugin.ConfigureAsync(sim);
        Console.WriteLine();
        Console.WriteLine("### Wait lag and GETs (lag = returned − turned terminal)");
        Console.WriteLine("| resource, transition | ours: lag | ours: GETs | goal: lag ≤ | our schedule, computed: lag / GETs | Terraform provider: lag / GETs | CLI: lag / GETs |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        // One row per transition: create through the plugin, then lag and GETs from astro-sim's request log.
        async Task Measure(string resource, string collection, Func<double, Task> setTiming, Func<string, Task<string>> create, Func<double, string> terraform, Func<double, string> cli)
        {
            foreach (var t in transitions)
            {
                await setTiming(t);
                await sim.Control.ClearRequestsAsync();
                var id = await create($"wait-{collection}-{t}");
                var returned = DateTimeOffset.UtcNow;
                var requests = await sim.Control.RequestsAsync();
                var post = requests.First(r => r.Method == "POST" && r.Path.EndsWith("/" + collection, StringComparison.Ordinal));
                var lag = (returned - post.Time.AddSeconds(t)).TotalSeconds;
                var gets = requests.Count(r => r.Method == "GET" && r.Path.EndsWith($"/{collection}/{id}", StringComparison.Ordinal));
                var goal = Math.Min(15, Math.Max(0.5, 0.05 * t));
                var ours = Schedule.Ours(t);
                Console.WriteLine($"| {resource} create, {t:0} s | {F(lag, "0.00")} s | {gets} | {F(goal, "0.0#")} s | {F(ours.Lag, "0.0")} s / {ours.Gets} | {terraform(t)} | {cli(t)} |");
            }
        }

        await Measure("Deployment", "deployments", t => sim.Control.SetTimingsAsync(deploymentSeconds: t), name => plugin.CreateDeploymentAsync(sim.WorkspaceId, name),
            _ => "does not wait (returns while CREATING)", Schedule.Cli);
        await Measure("Cluster", "clusters", t => sim.Control.SetTimingsAsync(clusterSeconds: t), name => plugin.CreateClusterAsync(sim.WorkspaceId, name),
            Schedule.Terraform, _ => "no wait (§7.1 lists none)");
        await sim.Control.SetTimingsAsync(clusterSeconds: SimServer.FastSeconds);
        await sim.Control.SetTimingsAsync(deploymentSeconds: SimServer.FastSeconds);
    }

    // 4. 100 Deployments created at once through one plugin, as `pulumi up --parallel 100`; then with 20 % 429s.
    private static async Task Scale()
    {
        Console.WriteLine();
        Console.WriteLine("### Scale: 100 Deployments at once, 2 s transitions");
        Console.WriteLine("| run | wall time | API calls (of which 429) | converged | duplicates | peak RSS (VmHWM) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var faults in new[] { false, true })
        {
            await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = 2);
            await using var plugin = await Plugin.StartAsync(Shipped);
            await plugin.ConfigureAsync(sim);
            await sim.Control.ClearRequestsAsync();
            if (faults) await sim.Control.AddFaultAsync(new SimFault { Method = "*", PathPattern = "^/v1/", Status = 429, RetryAfter = "0", Times = 0, Probability = 0.2 });
            var started = Stopwatch.GetTimestamp();
            var creates = Enumerable.Range(0, 100).Select(async i =>
            {
                try { return await plugin.CreateDeploymentAsync(sim.WorkspaceId, $"scale-{i:000}"); }
                catch (Exception e) { Console.Error.WriteLine($"scale-{i:000}: {e.Message}"); return null; }
            }).ToList();
            var ids = await Task.WhenAll(creates);
            var wall = Stopwatch.GetElapsedTime(started);
            var rss = plugin.PeakRssMiB();
            await sim.Control.ClearFaultsAsync();
            var requests = (await sim.Control.RequestsAsync()).Where(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
            var names = await DeploymentNames(sim);
            var duplicates = names.GroupBy(n => n).Sum(g => g.Count() - 1);
            var label = faults ? "429 on 20 % of requests" : "no faults";
            Console.WriteLine($"| {label} | {F(wall.TotalSeconds, "0.00")} s | {requests.Count} ({requests.Count(r => r.Status == 429)}) | {ids.Count(i => i is not null)}/100 | {duplicates} | {F(rss, "0")} MiB |");
        }
    }

    internal static async Task<List<string>> DeploymentNames(SimServer sim)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("Authorization", $"Bearer {sim.Token}");
        var body = Newtonsoft.Json.Linq.JObject.Parse(await http.GetStringAsync($"{sim.OrgUrl}/deployments?limit=1000"));
        return body["deployments"]!.Select(d => (string)d["name"]!).Where(n => n.StartsWith("scale-", StringComparison.Ordinal)).ToList();
    }

    // 5. astro-sim's GET throughput on loopback: 8 clients for 5 s each on one deployment.
    private static async Task SimThroughput()
    {
        await using var sim = await SimServer.StartAsync(o => o.DeploymentSeconds = 0);
        await using var plugin = await Plugin.StartAsync(Shipped);
        await plugin.ConfigureAsync(sim);
        var id = await plugin.CreateDeploymentAsync(sim.WorkspaceId, "throughput");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 });
        http.DefaultRequestHeaders.Add("Authorization", $"Bearer {sim.Token}");
        var url = $"{sim.OrgUrl}/deployments/{id}";
        var stop = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var n = 0;
            while (stop.Elapsed < TimeSpan.FromSeconds(5))
            {
                using var response = await http.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                n++;
            }
            return n;
        }));
        Console.WriteLine();
        Console.WriteLine("### astro-sim GET throughput (in-process, loopback, 8 clients, 5 s)");
        Console.WriteLine($"| GET deployment | {F(counts.Sum() / stop.Elapsed.TotalSeconds, "0")} requests/s |");
    }
}

/// <summary>
/// The published wait schedules on one timeline where the status turns terminal at <c>t</c> seconds after the create
/// returned, a GET at time x sees it terminal when x ≥ t, and requests take no time.
/// </summary>
public static class Schedule
{
    /// <summary>Ours: the Waiter's pauses (its first check is one pause after the create).</summary>
    public static (double Lag, int Gets) Ours(double t)
    {
        var now = 0.0;
        var gets = 0;
        while (true)
        {
            now += Waiter.NextInterval(TimeSpan.FromSeconds(now)).TotalSeconds;
            gets++;
            if (now >= t) return (now - t, gets);
        }
    }

    /// <summary>Polls first at <paramref name="first"/> s, then every <paramref name="every"/> s.</summary>
    public static (double Lag, int Gets) Fixed(double t, double first, double every)
    {
        var now = first;
        var gets = 1;
        while (now < t)
        {
            now += every;
            gets++;
        }
        return (now - t, gets);
    }

    public static string Terraform(double t)
    {
        var (lag, gets) = Fixed(t, 60, 10);
        return $"{Stats.F(lag, "0.0")} s / {gets}";
    }

    public static string Cli(double t)
    {
        var (lag, gets) = Fixed(t, 180, 10);
        return $"{Stats.F(lag, "0.0")} s / {gets}";
    }
}
