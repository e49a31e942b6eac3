using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Pulumi.Astro.Provider;

/// <summary>
/// The plugin's gRPC host: Kestrel on 127.0.0.1:0 with HTTP/2 only (h2c, as the engine dials it), logging to stderr,
/// and a watchdog that shuts the plugin down when the engine goes away (protocol fact sheet §1).
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
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
        });
        builder.Services.AddGrpc(o =>
        {
            // The engine accepts responses up to 400 MiB (§1.3); schemas and states can be large.
            o.MaxReceiveMessageSize = 400 * 1024 * 1024;
            o.MaxSendMessageSize = 400 * 1024 * 1024;
        });
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
