using System.Diagnostics;
using System.Text;

namespace Pulumi.Astro.Testing;

/// <summary>
/// The real <c>astro-sim</c> executable as a child process, as the quickstart runs it: the first stdout line is
/// its base URL.
/// </summary>
public sealed class SimProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private SimProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; private set; }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>The astro-sim apphost copied next to the test assembly by the project reference.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "astro-sim.exe" : "astro-sim");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    public static async Task<SimProcess> StartAsync(params string[] args)
    {
        var process = Process.Start(StartInfo(args)) ?? throw new InvalidOperationException("astro-sim did not start");
        var sim = new SimProcess(process, new Uri("http://127.0.0.1"));
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (sim._stderr) sim._stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line is null || !Uri.TryCreate(line, UriKind.Absolute, out var url))
        {
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"astro-sim printed '{line}' instead of its URL; stderr: {sim.Stderr}");
        }
        sim.BaseUrl = url;
        return sim;
    }

    /// <summary>Stops it the way Ctrl-C does, and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host shuts down gracefully.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
