using System.Diagnostics;

namespace Pulumi.Astro.Simulator.Tests;

/// <summary>
/// `--db` with a relative path, as the README runs it (`dotnet run --project src/Pulumi.Astro.Simulator -- --db
/// .astro-sim/state.db`): the file lands in the directory the command was run from, and astro-sim says where.
/// </summary>
public sealed class DbPathTests
{
    [Test]
    public void Parse_AbsoluteDb_KeptAsIs()
    {
        var path = Path.Combine(Path.GetTempPath(), "astro-sim-abs", "state.db");
        Assert.That(SimulatorOptions.Parse(["--db", path]).DbPath, Is.EqualTo(path));
    }

    [Test]
    public async Task DotnetRun_RelativeDb_CreatesFileInCallersDirectoryAndPrintsAbsolutePath()
    {
        var caller = Directory.CreateTempSubdirectory("astro-sim-caller-").FullName;
        var project = Path.Combine(RepoRoot(), "src", "Pulumi.Astro.Simulator");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = caller,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The solution is built in Release before the tests run (test.sh), so `dotnet run` needs no build.
        foreach (var a in new[] { "run", "--project", project, "-c", "Release", "--no-build", "--", "--port", "0", "--db", ".astro-sim/state.db" })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = new System.Text.StringBuilder();
        var startLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.StartsWith("astro-sim: organization", StringComparison.Ordinal)) startLine.TrySetResult(e.Data);
        };
        process.BeginErrorReadLine();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var url = await process.StandardOutput.ReadLineAsync(cts.Token);
            Assert.That(url, Does.StartWith("http://127.0.0.1:"), () => { lock (stderr) return stderr.ToString(); });
            var expected = Path.Combine(caller, ".astro-sim", "state.db");
            Assert.That(File.Exists(expected), Is.True, "the database is created under the caller's directory");
            Assert.That(File.Exists(Path.Combine(project, ".astro-sim", "state.db")), Is.False, "not under the project folder");
            // The start line on stderr follows the URL line.
            Assert.That(await startLine.Task.WaitAsync(cts.Token), Does.Contain($"state {expected};"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(caller, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pulumi.Astro.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Pulumi.Astro.sln not found");
    }
}
