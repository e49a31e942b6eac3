using Grpc.Net.Client;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider;

/// <summary>
/// Sends warnings and progress to the engine's Log RPC (protocol fact sheet §2.10). Tolerates a missing or gone
/// engine: logging never fails an operation. Messages must never contain secrets: callers redact what they know
/// (<see cref="Resources.Operation"/>), and <see cref="EngineLog"/> redacts the configured token and caps every line
/// (<see cref="EngineText"/>) whatever the caller did.
/// </summary>
public interface IEngineLog
{
    Task LogAsync(LogSeverity severity, string message, string urn = "", bool ephemeral = false);
}

public sealed class EngineLog : IEngineLog, IDisposable
{
    private GrpcChannel? _channel;
    private Engine.EngineClient? _client;

    public void Connect(string? address)
    {
        if (string.IsNullOrEmpty(address) || _client is not null) return;
        // The engine address comes without a scheme (style.md gotchas); it speaks h2c.
        _channel = GrpcChannel.ForAddress(address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address);
        _client = new Engine.EngineClient(_channel);
    }

    public bool IsConnected => _client is not null;

    /// <summary>The provider-wide secrets (the configured token), set at Configure.</summary>
    public Redactor Redactor { get; set; } = Redactor.None;

    public async Task LogAsync(LogSeverity severity, string message, string urn = "", bool ephemeral = false)
    {
        message = EngineText.Clean(message, Redactor);
        if (_client is null)
        {
            await Console.Error.WriteLineAsync($"astro: {severity}: {message}").ConfigureAwait(false);
            return;
        }
        try
        {
            await _client.LogAsync(new LogRequest { Severity = severity, Message = message, Urn = urn, Ephemeral = ephemeral },
                deadline: DateTime.UtcNow.AddSeconds(10)).ConfigureAwait(false);
        }
        catch (Grpc.Core.RpcException)
        {
            await Console.Error.WriteLineAsync($"astro: {severity}: {message}").ConfigureAwait(false);
        }
    }

    public void Dispose() => _channel?.Dispose();
}
