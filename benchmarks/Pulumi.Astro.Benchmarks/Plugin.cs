using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Benchmarks;

/// <summary>A published plugin binary started as the engine starts it; the first stdout line is the port.</summary>
public sealed class Plugin : IAsyncDisposable
{
    private readonly Process _process;
    private readonly GrpcChannel _channel;

    private Plugin(Process process, int port, TimeSpan portLine)
    {
        _process = process;
        PortLine = portLine;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
        {
            // The engine keeps many calls in flight on one connection (--parallel); allow more than one connection.
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        Client = new ResourceProvider.ResourceProviderClient(_channel);
    }

    public ResourceProvider.ResourceProviderClient Client { get; }
    public TimeSpan PortLine { get; }
    public int Pid => _process.Id;

    public static async Task<Plugin> StartAsync(string executable, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var info = new ProcessStartInfo(executable, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"plugin: {e.Data}"); };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!int.TryParse(line, CultureInfo.InvariantCulture, out var port)) throw new InvalidOperationException($"{executable}: first line '{line}'");
        return new Plugin(process, port, elapsed);
    }

    /// <summary>Configures the provider against astro-sim, as `pulumi up` does before the first resource.</summary>
    public async Task ConfigureAsync(SimServer sim)
    {
        var config = new Struct();
        config.Fields["host"] = Value.ForString(sim.BaseUrl.ToString());
        config.Fields["organizationId"] = Value.ForString(sim.OrganizationId);
        var token = new Struct();
        token.Fields[Marshal.SigKey] = Value.ForString(Marshal.SecretSig);
        token.Fields["value"] = Value.ForString(sim.Token);
        config.Fields["token"] = Value.ForStruct(token);
        var check = await Client.CheckConfigAsync(new CheckRequest { Urn = "urn:pulumi:bench::bench::pulumi:providers:astro::default", News = config });
        await Client.ConfigureAsync(new ConfigureRequest { Args = check.Inputs, AcceptSecrets = true });
    }

    /// <summary>VmHWM of the plugin process: its peak resident set, in MiB.</summary>
    public double PeakRssMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public const string Type = "astro:index:Deployment";
    public static string Urn(string name) => $"urn:pulumi:bench::bench::{Type}::{name}";

    /// <summary>A valid STANDARD Deployment, as the lifecycle tests use.</summary>
    public static Struct Deployment(string workspaceId, string name)
    {
        static Value S(string s) => Value.ForString(s);
        static Value N(double n) => Value.ForNumber(n);
        var queue = new Struct();
        queue.Fields["name"] = S("default");
        queue.Fields["isDefault"] = Value.ForBool(true);
        queue.Fields["astroMachine"] = S("A5");
        queue.Fields["minWorkerCount"] = N(0);
        queue.Fields["maxWorkerCount"] = N(10);
        queue.Fields["workerConcurrency"] = N(5);
        var s = new Struct();
        s.Fields["type"] = S("STANDARD");
        s.Fields["name"] = S(name);
        s.Fields["workspaceId"] = S(workspaceId);
        s.Fields["cloudProvider"] = S("AWS");
        s.Fields["region"] = S("us-east-1");
        s.Fields["executor"] = S("CELERY");
        s.Fields["defaultTaskPodCpu"] = S("0.5");
        s.Fields["defaultTaskPodMemory"] = S("1Gi");
        s.Fields["resourceQuotaCpu"] = S("10");
        s.Fields["resourceQuotaMemory"] = S("20Gi");
        s.Fields["workerQueues"] = Value.ForList(Value.ForStruct(queue));
        return s;
    }

    /// <summary>Check then Create, as the engine does for a new resource; returns the created id.</summary>
    public async Task<string> CreateDeploymentAsync(string workspaceId, string name)
    {
        var check = await Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = new Struct(), News = Deployment(workspaceId, name) });
        if (check.Failures.Count > 0) throw new InvalidOperationException(string.Join("; ", check.Failures.Select(f => $"{f.Property}: {f.Reason}")));
        var created = await Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = check.Inputs });
        return created.Id;
    }

    /// <summary>Check then Create; returns the id, the checked inputs and the outputs (a state to refresh later).</summary>
    public async Task<(string Id, Struct Inputs, Struct Outputs)> CreateDeploymentStateAsync(string workspaceId, string name)
    {
        var check = await Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = new Struct(), News = Deployment(workspaceId, name) });
        if (check.Failures.Count > 0) throw new InvalidOperationException(string.Join("; ", check.Failures.Select(f => $"{f.Property}: {f.Reason}")));
        var created = await Client.CreateAsync(new CreateRequest { Urn = Urn(name), Name = name, Type = Type, Properties = check.Inputs });
        return (created.Id, check.Inputs, created.Properties);
    }

    /// <summary>The Read of a refresh, as the engine sends it: the id with the state's inputs and outputs.</summary>
    public async Task<ReadResponse> ReadDeploymentAsync(string name, string id, Struct inputs, Struct outputs) =>
        await Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn(name), Type = Type, Inputs = inputs, Properties = outputs });

    /// <summary>Checks and creates a small DEDICATED AWS Cluster, waiting until CREATED as `pulumi up` does; returns its id.</summary>
    public async Task<string> CreateClusterAsync(string workspaceId, string name)
    {
        const string type = "astro:index:Cluster";
        var urn = $"urn:pulumi:bench::bench::{type}::{name}";
        var news = new Struct();
        news.Fields["name"] = Value.ForString(name);
        news.Fields["cloudProvider"] = Value.ForString("AWS");
        news.Fields["type"] = Value.ForString("DEDICATED");
        news.Fields["region"] = Value.ForString("us-east-1");
        news.Fields["vpcSubnetRange"] = Value.ForString("172.20.0.0/22");
        news.Fields["workspaceIds"] = Value.ForList(Value.ForString(workspaceId));
        var check = await Client.CheckAsync(new CheckRequest { Urn = urn, Name = name, Type = type, Olds = new Struct(), News = news });
        if (check.Failures.Count > 0) throw new InvalidOperationException(string.Join("; ", check.Failures.Select(f => $"{f.Property}: {f.Reason}")));
        var created = await Client.CreateAsync(new CreateRequest { Urn = urn, Name = name, Type = type, Properties = check.Inputs });
        return created.Id;
    }
}

/// <summary>Medians and percentiles of a sample.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = p / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
}
