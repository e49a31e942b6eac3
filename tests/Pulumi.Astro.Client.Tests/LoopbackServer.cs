using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// A Kestrel server on a loopback port, over http or (with a certificate) https, that answers with the test's own
/// handler. Unlike astro-sim it tells the test when a request arrives and how many are in flight, so a test can act
/// while a request is held instead of guessing with a timer.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<HttpContext> _arrivals = Channel.CreateUnbounded<HttpContext>();
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _count;

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The most requests the handler was running at once.</summary>
    public int MaxInFlight
    {
        get
        {
            lock (_gate)
                return _maxInFlight;
        }
    }

    /// <summary>How many requests arrived.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handle, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(async context =>
        {
            lock (server._gate)
            {
                server._count++;
                server._inFlight++;
                server._maxInFlight = Math.Max(server._maxInFlight, server._inFlight);
            }
            try
            {
                server._arrivals.Writer.TryWrite(context);
                await handle(context);
            }
            finally
            {
                lock (server._gate)
                    server._inFlight--;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>
    /// The next request to arrive, as the handler sees it. The 60 s ceiling is far above the milliseconds a loopback
    /// request takes, so a failure means the request never came.
    /// </summary>
    public async Task<HttpContext> NextArrivalAsync() =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>A handler that holds every request until the client gives up on it (cancel, timeout).</summary>
    public static async Task HoldUntilAborted(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
