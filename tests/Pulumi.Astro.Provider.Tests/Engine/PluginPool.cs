using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests.Replay;

/// <summary>
/// Plugin processes for the replay. The engine loads a plugin per provider instance (providers/registry.go
/// loadProvider); the replay rents one per provider instance and gives it back when the provider is deleted or the
/// stack is disposed, so a fixture starts only a few processes. A rented process is always configured again
/// (Configure replaces the plugin's whole configuration) before resources use it, so reuse cannot leak settings.
/// </summary>
public sealed class PluginPool(FakeEngine engine, IDictionary<string, string?>? environment = null) : IAsyncDisposable
{
    private readonly Stack<PluginProcess> _idle = new();
    private readonly List<PluginProcess> _all = [];

    public FakeEngine Engine { get; } = engine;

    /// <summary>An idle plugin process, or a newly started and handshaken one (provider_plugin.go NewProvider, handshake).</summary>
    public async Task<PluginProcess> RentAsync()
    {
        lock (_idle)
        {
            if (_idle.TryPop(out var idle)) return idle;
        }
        var plugin = await PluginProcess.StartAsync(Engine.Address, environment);
        await plugin.Client.HandshakeAsync(new ProviderHandshakeRequest { EngineAddress = Engine.Address });
        lock (_idle) _all.Add(plugin);
        return plugin;
    }

    public void Return(PluginProcess plugin)
    {
        lock (_idle)
        {
            if (!_idle.Contains(plugin)) _idle.Push(plugin);
        }
    }

    /// <summary>All stderr the pool's plugins wrote, for "never in the logs" checks.</summary>
    public string Stderr
    {
        get
        {
            lock (_idle) return string.Concat(_all.Select(p => p.Stderr));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var plugin in _all) await plugin.DisposeAsync();
    }
}
