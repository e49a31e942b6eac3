using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>The engine's side of the Log RPC: records every line the plugin sends.</summary>
public sealed class FakeEngine : Engine.EngineBase, IAsyncDisposable
{
    private WebApplication? _app;
    public ConcurrentQueue<LogRequest> Logs { get; } = new();
    public string Address { get; private set; } = "";

    private readonly List<(Func<LogRequest, bool> Match, TaskCompletionSource<LogRequest> Seen)> _waiters = [];

    public override Task<Empty> Log(LogRequest request, ServerCallContext context)
    {
        Logs.Enqueue(request);
        lock (_waiters)
        {
            foreach (var w in _waiters.Where(w => w.Match(request)).ToList())
            {
                w.Seen.TrySetResult(request);
                _waiters.Remove(w);
            }
        }
        return Task.FromResult(new Empty());
    }

    /// <summary>The first log line (already received or still to come) that matches; fails after <paramref name="timeout"/>.</summary>
    public Task<LogRequest> WaitForLogAsync(Func<LogRequest, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<LogRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (Logs.FirstOrDefault(match) is { } already) return Task.FromResult(already);
            _waiters.Add((match, seen));
        }
        return seen.Task.WaitAsync(timeout);
    }

    public static async Task<FakeEngine> StartAsync()
    {
        var engine = new FakeEngine();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(engine);
        var app = builder.Build();
        app.MapGrpcService<FakeEngine>();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        engine._app = app;
        engine.Address = $"127.0.0.1:{address.Port}";
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>
/// The built plugin started as the engine starts it: flags, then the engine address last; the first stdout line is
/// the port. Drives it over a real gRPC channel (h2c).
/// </summary>
public sealed class PluginProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly GrpcChannel _channel;

    private PluginProcess(Process process, int port, StringBuilder stderr)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        Client = new ResourceProvider.ResourceProviderClient(_channel);
    }

    public int Port { get; }
    public ResourceProvider.ResourceProviderClient Client { get; }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public bool HasExited => _process.HasExited;

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "pulumi-resource-astro");

    /// <summary>
    /// Starts the plugin. <paramref name="defaultSigint"/> starts it with SIGINT's default disposition, as the engine (Go,
    /// which catches SIGINT) starts its plugins, even when this test run inherited SIGINT ignored (a background CI job):
    /// through GNU env's <c>--default-signal</c>, which then execs the plugin in the same process.
    /// </summary>
    public static async Task<PluginProcess> StartAsync(string? engineAddress, IDictionary<string, string?>? environment = null, string? executable = null,
        string? workingDirectory = null, bool defaultSigint = false)
    {
        var info = new ProcessStartInfo(defaultSigint ? "env" : executable ?? Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The engine starts plugins in the program's folder (protocol fact sheet §1.1): relative paths resolve there.
            WorkingDirectory = workingDirectory ?? "",
        };
        if (defaultSigint)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add(executable ?? Executable);
        }
        info.ArgumentList.Add("--logtostderr");
        info.ArgumentList.Add("-v=9");
        if (engineAddress is not null) info.ArgumentList.Add(engineAddress);
        foreach (var name in new[] { "ASTRO_HOST", "ASTRO_ORGANIZATION_ID", "ASTRO_API_TOKEN" }) info.Environment.Remove(name);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) info.Environment[k] = v;
        var process = Process.Start(info)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (!int.TryParse(line, out var port)) throw new InvalidOperationException($"the plugin's first stdout line was '{line}', not a port; stderr: {stderr}");
        return new PluginProcess(process, port, stderr);
    }

    /// <summary>The rest of stdout after the port line (read once the process has exited).</summary>
    public Task<string> RestOfStdout() => _process.StandardOutput.ReadToEndAsync();

    /// <summary>Sends a signal (e.g. "INT", "TERM") to the plugin process.</summary>
    public void Signal(string signal) =>
        Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>The exit code once the process has exited; fails after <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, not the engine's SIGINT: a test run started as a background job inherits SIGINT ignored (POSIX),
            // and .NET leaves an inherited SIG_IGN alone. Both signals go through the same clean shutdown.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(true); }
        }
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await StopAsync();
        _process.Dispose();
    }
}

/// <summary>Builds property structs as the engine sends them.</summary>
public static class Props
{
    public static Value Secret(Value inner)
    {
        var s = new Struct();
        s.Fields[Marshal.SigKey] = Value.ForString(Marshal.SecretSig);
        s.Fields["value"] = inner;
        return Value.ForStruct(s);
    }

    public static Value Unknown => Value.ForString(Marshal.UnknownSentinel);

    public static Struct Struct(params (string Key, Value Value)[] fields)
    {
        var s = new Struct();
        foreach (var (k, v) in fields) s.Fields[k] = v;
        return s;
    }

    public static Value Obj(params (string Key, Value Value)[] fields) => Value.ForStruct(Struct(fields));
    public static Value List(params Value[] items) => Value.ForList(items);
    public static Value S(string s) => Value.ForString(s);
    public static Value N(double n) => Value.ForNumber(n);
    public static Value B(bool b) => Value.ForBool(b);

    /// <summary>A valid STANDARD Deployment with a plain and a secret environment variable.</summary>
    public static Struct StandardDeployment(string workspaceId, string name = "analytics") => Struct(
        ("type", S("STANDARD")),
        ("name", S(name)),
        ("workspaceId", S(workspaceId)),
        ("cloudProvider", S("AWS")),
        ("region", S("us-east-1")),
        ("executor", S("CELERY")),
        ("defaultTaskPodCpu", S("0.5")),
        ("defaultTaskPodMemory", S("1Gi")),
        ("resourceQuotaCpu", S("10")),
        ("resourceQuotaMemory", S("20Gi")),
        ("workerQueues", List(Obj(("name", S("default")), ("isDefault", B(true)), ("astroMachine", S("A5")),
            ("minWorkerCount", N(0)), ("maxWorkerCount", N(10)), ("workerConcurrency", N(5))))),
        ("environmentVariables", List(
            Obj(("key", S("PLAIN")), ("value", S("visible")), ("isSecret", B(false))),
            Obj(("key", S("DB_PASSWORD")), ("value", Secret(S("hunter2-very-secret"))), ("isSecret", B(true))))));
}

/// <summary>Reads the engine's view of a partial failure: the ErrorResourceInitFailed detail of a gRPC status (protocol §2.11).</summary>
public static class PartialState
{
    public static ErrorResourceInitFailed? From(RpcException e)
    {
        var bin = e.Trailers.GetValueBytes("grpc-status-details-bin");
        if (bin is null) return null;
        var input = new Google.Protobuf.CodedInputStream(bin);
        ErrorResourceInitFailed? found = null;
        while (input.ReadTag() is var tag and not 0)
        {
            if (tag >> 3 == 3)
            {
                var any = new Any();
                input.ReadMessage(any);
                if (any.Is(ErrorResourceInitFailed.Descriptor)) found = any.Unpack<ErrorResourceInitFailed>();
            }
            else input.SkipLastField();
        }
        return found;
    }
}
