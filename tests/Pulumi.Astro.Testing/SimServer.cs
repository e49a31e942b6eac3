using Pulumi.Astro.Simulator;

namespace Pulumi.Astro.Testing;

/// <summary>
/// astro-sim started in-process on 127.0.0.1 with a free port and in-memory state, with sub-second transitions
/// so that waits are tested without sleeping.
/// </summary>
public sealed class SimServer : IAsyncDisposable
{
    /// <summary>The transition time tests use unless they set their own.</summary>
    public const double FastSeconds = 0.3;

    private readonly SimulatorHost _host;

    private SimServer(SimulatorHost host)
    {
        _host = host;
        Control = new SimControl(BaseUrl, Token);
        Registry = new SimRegistry(Token);
    }

    /// <summary>
    /// Starts astro-sim. It reads the repository's API model (<see cref="AstroModel"/>, when found) unless
    /// <paramref name="configure"/> sets another <see cref="SimulatorOptions.ModelPath"/>, so any test can switch to lean
    /// or null answers through <see cref="SimControl.SetResponsesAsync"/>.
    /// </summary>
    public static async Task<SimServer> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            ClusterSeconds = FastSeconds,
            DeploymentSeconds = FastSeconds,
            DeploySeconds = FastSeconds,
            ModelPath = AstroModel.Path,
        };
        configure?.Invoke(options);
        return new SimServer(await SimulatorHost.StartAsync(options));
    }

    public Uri BaseUrl => _host.BaseUrl;
    public string Token => _host.Options.Token;
    public string OrganizationId => _host.Options.OrganizationId;
    public string WorkspaceId => _host.Options.WorkspaceId;
    public SimControl Control { get; }

    /// <summary>Pushes and reads manifests in the sim's image registry (the Deployments' imageRepository).</summary>
    public SimRegistry Registry { get; }

    /// <summary>The organization's API root, e.g. http://127.0.0.1:41234/v1/organizations/{org}.</summary>
    public string OrgUrl => $"{BaseUrl.ToString().TrimEnd('/')}/v1/organizations/{OrganizationId}";

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        Registry.Dispose();
        await _host.DisposeAsync();
    }
}
