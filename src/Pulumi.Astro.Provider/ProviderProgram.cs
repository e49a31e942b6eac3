namespace Pulumi.Astro.Provider;

/// <summary>
/// The <c>pulumi-resource-astro</c> executable. The engine passes optional flags first and its own gRPC address last,
/// without a scheme (protocol fact sheet §1.2); the first stdout line is the port we listen on, and nothing else.
/// </summary>
public static class ProviderProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [JsonRoundTrip.Flag]) return await JsonRoundTrip.RunAsync().ConfigureAwait(false);
        try
        {
            await using var host = await ProviderHost.StartAsync(EngineAddress(args)).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            await host.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"pulumi-resource-astro: fatal: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The last positional argument; flags (<c>--logtostderr</c>, <c>-v=9</c>, <c>--tracing X</c>) are skipped.</summary>
    public static string? EngineAddress(IReadOnlyList<string> args)
    {
        string? address = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "--tracing" or "-tracing") { i++; continue; }
            if (a.StartsWith('-')) continue;
            address = a;
        }
        return address;
    }
}
