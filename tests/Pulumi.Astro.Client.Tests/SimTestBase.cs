using System.Net;
using System.Net.Sockets;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// One astro-sim per fixture, reset before every test. Transitions take no time (all timings 0), so objects are
/// ready at once and a deleted one answers 404 at once: no test waits for state.
/// </summary>
public abstract class SimTestBase
{
    /// <summary>Retries quickly; the clock of <see cref="NewClient"/> skips the waits anyway.</summary>
    protected static readonly AstroRetryPolicy FastRetry = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        MaxElapsed = TimeSpan.FromSeconds(20),
    };

    private readonly List<AstroClient> _clients = [];
    private CancellationTokenSource? _testTimeout;

    protected SimServer Sim { get; private set; } = null!;

    /// <summary>Cancelled if a test runs over 30 s, so a hang fails one test instead of the run.</summary>
    protected CancellationToken Ct => _testTimeout!.Token;

    [OneTimeSetUp]
    public async Task StartSimAsync() =>
        Sim = await SimServer.StartAsync(o =>
        {
            o.ClusterSeconds = 0;
            o.DeploymentSeconds = 0;
            o.DeploySeconds = 0;
        });

    [OneTimeTearDown]
    public async Task StopSimAsync()
    {
        if (Sim is not null)
            await Sim.DisposeAsync();
    }

    [SetUp]
    public async Task ResetSimAsync()
    {
        _testTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Sim.Control.ResetAsync();
    }

    [TearDown]
    public void DisposeClients()
    {
        foreach (var client in _clients)
            client.Dispose();
        _clients.Clear();
        _testTimeout?.Dispose();
    }

    /// <summary>
    /// A client of the sim; tests change only what they are about. Its clock is a <see cref="RecordingTimeProvider"/>
    /// unless a test gives one, so retry delays never wait in real time.
    /// </summary>
    protected AstroClient NewClient(
        AstroRetryPolicy? retry = null,
        TimeSpan? requestTimeout = null,
        Action<AstroRequestLog>? logger = null,
        TimeProvider? time = null,
        int maxConcurrentRequests = 8,
        string? token = null,
        string? organizationId = null,
        Uri? host = null)
    {
        var client = new AstroClient(new AstroClientOptions
        {
            Host = host ?? Sim.BaseUrl,
            OrganizationId = organizationId ?? Sim.OrganizationId,
            Token = token ?? Sim.Token,
            Retry = retry ?? FastRetry,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            RequestLogger = logger,
            TimeProvider = time ?? new RecordingTimeProvider(DateTimeOffset.UtcNow),
            MaxConcurrentRequests = maxConcurrentRequests,
        });
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// The API requests astro-sim logged with this method and a path ending in <paramref name="pathSuffix"/>, once at
    /// least <paramref name="atLeast"/> match. astro-sim adds a request to its log only after the response has gone out
    /// (or the connection was aborted), so a count taken the instant a call returns can miss the last request. This
    /// re-reads the log, never sleeping, until enough are there or for at most 30 s, far above the milliseconds it
    /// takes; once the client has returned no more requests come, so an exact count asserted afterwards is exact.
    /// </summary>
    protected async Task<IReadOnlyList<SimRequest>> RequestsAsync(string method, string pathSuffix, int atLeast = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var requests = (await Sim.Control.RequestsAsync())
                .Where(r => r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal))
                .ToList();
            if (requests.Count >= atLeast || DateTime.UtcNow > deadline)
                return requests;
        }
    }

    /// <summary>A loopback port nothing listens on, so a connect is refused at once.</summary>
    protected static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
