namespace Pulumi.Astro.Simulator;

/// <summary>The <c>astro-sim</c> executable. Its own entry type, so that test projects that also reference the
/// provider do not see two <c>Program</c> classes (style.md, gotchas).</summary>
public static class AstroSimProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.Out.WriteLine(SimulatorOptions.Usage);
            return 0;
        }
        SimulatorOptions options;
        try
        {
            options = SimulatorOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"astro-sim: {e.Message}\n{SimulatorOptions.Usage}");
            return 2;
        }

        SimulatorHost started;
        try
        {
            started = await SimulatorHost.StartAsync(options);
        }
        catch (ArgumentException e)
        {
            // A model file that cannot be read: as clear as a bad option.
            await Console.Error.WriteLineAsync($"astro-sim: {e.Message}");
            return 2;
        }
        await using var host = started;
        // The first stdout line is the base URL and nothing else: scripts and tests read it to find the port.
        Console.Out.WriteLine(host.BaseUrl.ToString().TrimEnd('/'));
        Console.Out.Flush();
        await Console.Error.WriteLineAsync(
            $"astro-sim: organization {options.OrganizationId}, workspace {options.WorkspaceId}, " +
            $"state {(options.DbPath is null ? "in memory" : options.DbPath)}; Ctrl-C to stop");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
