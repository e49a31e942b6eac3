using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pulumi.Astro.Provider;

/// <summary>
/// The plugin's gRPC host: Kestrel on 127.0.0.1:0 with HTTP/2 only (h2c, as the engine dials it), logging to stderr,
/// and a watchdog that shuts the plugin down when the engine goes away (protocol fact sheet §1).
/// </summary>
/// <remarks>
/// Shutting down (SIGINT, which the engine sends its plugins before it kills them 5 s later, SIGTERM, or the engine
/// gone) cancels every operation in progress (<see cref="AstroProviderService"/>), and Kestrel's graceful shutdown waits
/// up to <see cref="ShutdownTimeout"/> for their answers. See sdk/go/common/resource/plugin/plugin.go in pulumi/pulumi
/// for the engine's side.
/// </remarks>
public sealed class ProviderHost : IAsyncDisposable
{
    /// <summary>
    /// The largest request the plugin reads, 64 MiB: a resource's inputs and state are kilobytes, and 64 MiB is more
    /// than a thousand times the largest Astro object. Larger requests end RESOURCE_EXHAUSTED. Kestrel's own body limit
    /// (30 MB by default) is set to match, so the gRPC limit is the one that applies.
    /// </summary>
    public const int MaxRequestBytes = 64 * 1024 * 1024;

    /// <summary>The largest response: the engine reads up to 400 MiB (pulumi/pulumi sdk/go/common/util/rpcutil/serve.go).</summary>
    public const int MaxResponseBytes = 400 * 1024 * 1024;

    /// <summary>How long shutdown waits for in-flight calls to answer, below the 5 s after which the engine kills a plugin.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    private readonly WebApplication _app;

    private ProviderHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ProviderHost> StartAsync(string? engineAddress, ProviderServices? services = null, ProviderRegistry? registry = null)
    {
        // The empty builder reads no appsettings.json, so it neither scans nor watches the working directory (the
        // engine starts us in the user's project folder, which may be large): this and the small stderr logger take
        // about 15 ms off every start (BENCHMARKS.md, cold start).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        // stdout carries only the port line, so warnings go to stderr.
        builder.Logging.AddProvider(new StderrLoggerProvider());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
            k.AddServerHeader = false;
            // A gRPC message is framed with a 5-byte prefix.
            k.Limits.MaxRequestBodySize = MaxRequestBytes + 5;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxRequestBytes;
            o.MaxSendMessageSize = MaxResponseBytes;
        });
        // The service's methods are bound with request deserializers that answer a malformed request INVALID_ARGUMENT
        // (GuardedMethods), instead of grpc-dotnet's default binding by reflection.
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton<IServiceMethodProvider<AstroProviderService>, GuardedMethods>();
        var log = new EngineLog();
        log.Connect(engineAddress);
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(services ?? ProviderServices.Default);
        builder.Services.AddSingleton(registry ?? ProviderRegistry.Default());
        builder.Services.AddSingleton<AstroProviderService>();
        var app = builder.Build();
        app.MapGrpcService<AstroProviderService>();
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        if (!string.IsNullOrEmpty(engineAddress)) _ = WatchEngine(engineAddress, app);
        return new ProviderHost(app, port);
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // grpc.health.v1.Health/Check with an empty HealthCheckRequest; only reachability matters, so no proto is needed.
    private static readonly Method<byte[], byte[]> HealthCheck = new(MethodType.Unary, "grpc.health.v1.Health", "Check",
        Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    /// <summary>
    /// Polls the engine as the Go SDK does, and stops the plugin once the engine has been unreachable twice in a row,
    /// so a crashed CLI leaves no orphaned plugin behind. Any answer, even UNIMPLEMENTED, means the engine is there.
    /// </summary>
    private static async Task WatchEngine(string engineAddress, WebApplication app)
    {
        using var channel = GrpcChannel.ForAddress(engineAddress.Contains("://", StringComparison.Ordinal) ? engineAddress : "http://" + engineAddress);
        var invoker = channel.CreateCallInvoker();
        var lifetime = app.Lifetime;
        var misses = 0;
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), lifetime.ApplicationStopping).ConfigureAwait(false);
                await invoker.AsyncUnaryCall(HealthCheck, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5)), []).ResponseAsync.ConfigureAwait(false);
                misses = 0;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                if (++misses >= 2)
                {
                    await Console.Error.WriteLineAsync("pulumi-resource-astro: the engine is gone; shutting down").ConfigureAwait(false);
                    lifetime.StopApplication();
                    return;
                }
            }
            catch (RpcException)
            {
                misses = 0;
            }
        }
    }
}
