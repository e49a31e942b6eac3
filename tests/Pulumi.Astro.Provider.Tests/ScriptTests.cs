using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>Runs a bash script with a chosen PATH and environment, and collects its exit code and output.</summary>
internal static class Bash
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string script, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var name in new[] { "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "ASTRO_SIM", "ASTRO_SIM_PORT", "PULUMI_CLI_DOWNLOAD_URL" }) info.Environment.Remove(name);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(true); throw new TimeoutException($"{script} ran longer than {timeout}: {await stdout} {await stderr}"); }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>An executable bash script in <paramref name="dir"/>.</summary>
    public static string Shim(string dir, string name, string body)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}

/// <summary>
/// quickstart.sh without the Pulumi CLI (it is not installed here): the missing-CLI path, and the whole flow with a
/// fake `pulumi` and `dotnet` that record their arguments, and the real astro-sim.
/// </summary>
public sealed class QuickstartTests
{
    private string _dir = null!;
    private string _shims = null!;

    [SetUp]
    public void CopyScript()
    {
        _dir = Directory.CreateTempSubdirectory("quickstart-").FullName;
        _shims = Directory.CreateDirectory(Path.Combine(_dir, ".shims")).FullName;
        File.Copy(Repo.Path("quickstart.sh"), Path.Combine(_dir, "quickstart.sh"));
        File.Copy(Repo.Path("Pulumi.yaml"), Path.Combine(_dir, "Pulumi.yaml"));
    }

    [TearDown]
    public void StopLeftovers()
    {
        // A sim the script started and a failed assertion left behind.
        var pidFile = Path.Combine(_dir, ".astro-sim", "sim.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            try { Process.GetProcessById(pid).Kill(true); } catch (ArgumentException) { }
        Directory.Delete(_dir, recursive: true);
    }

    // Without curl the CLI cannot be installed (QuickstartInstallTests covers the install): the same stop as offline.
    [Test]
    public async Task Quickstart_NoPulumiAndNoCurlOnPath_ExitsWith2AndBuildsNothing()
    {
        var dotnetLog = Path.Combine(_dir, "dotnet.log");
        Bash.Shim(_shims, "dotnet", $"echo \"$*\" >> {dotnetLog}");
        var (exit, stdout, stderr) = await Bash.RunAsync(Path.Combine(_dir, "quickstart.sh"), _dir,
            new Dictionary<string, string> { ["PATH"] = _shims }, TimeSpan.FromSeconds(30));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("cannot install the Pulumi CLI without 'curl'"));
        Assert.That(stderr, Does.Contain("the Pulumi CLI is not on PATH").And.Contain("https://www.pulumi.com/docs/install/"));
        Assert.That(stdout, Is.Empty);
        Assert.That(File.Exists(dotnetLog), Is.False, "nothing may be built before the Pulumi CLI check");
        Assert.That(Directory.Exists(Path.Combine(_dir, "bin")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(_dir, ".astro-sim")), Is.False);
    }

    [Test]
    public async Task Quickstart_WithFakePulumi_PublishesStartsSimRunsUpReusesSimAndDestroys()
    {
        var pulumiLog = Path.Combine(_dir, "pulumi.log");
        var dotnetLog = Path.Combine(_dir, "dotnet.log");
        var simArgs = Path.Combine(_dir, "sim-args.txt");
        Bash.Shim(_shims, "pulumi", $$"""
            echo "$*" >> {{pulumiLog}}
            echo "backend=$PULUMI_BACKEND_URL passphrase=${PULUMI_CONFIG_PASSPHRASE:+set}" >> {{pulumiLog}}.env
            case "$*" in
              version) echo v3.190.0 ;;
              "stack output --stack dev etlUrl") echo https://etl.example ;;
              "stack output --stack dev etlStatus") echo HEALTHY ;;
            esac
            exit 0
            """);
        Bash.Shim(_shims, "dotnet", $"echo \"$*\" >> {dotnetLog}");
        var sim = Bash.Shim(_shims, "astro-sim-wrapper", $"echo \"$*\" > {simArgs}\nexec \"{SimProcess.Executable}\" \"$@\"");
        var port = FreePort();
        var env = new Dictionary<string, string>
        {
            ["PATH"] = $"{_shims}:/usr/local/bin:/usr/bin:/bin",
            ["ASTRO_SIM"] = sim,
            ["ASTRO_SIM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var script = Path.Combine(_dir, "quickstart.sh");

        var first = await Bash.RunAsync(script, _dir, env, TimeSpan.FromSeconds(120));
        Assert.That(first.Exit, Is.EqualTo(0), first.Stdout + first.Stderr);
        Assert.That(File.ReadAllLines(dotnetLog), Is.EqualTo(new[] { "publish src/Pulumi.Astro.Provider -c Release -o bin --nologo -v quiet" }));
        Assert.That(File.ReadAllText(simArgs).Trim(), Is.EqualTo($"--port {port} --db .astro-sim/state.db"));
        Assert.That(File.Exists(Path.Combine(_dir, ".astro-sim", "state.db")), Is.True, "astro-sim keeps its state in .astro-sim/state.db");
        Assert.That(await SimAnswers(port), Is.True, "astro-sim runs in the background after the script ends");
        Assert.That(File.ReadAllLines(pulumiLog), Is.EqualTo(new[]
        {
            "version",
            "stack select dev --create --non-interactive",
            $"config set --stack dev host http://127.0.0.1:{port}",
            "config set --stack dev --secret token astro-sim-token",
            "up --yes --non-interactive --stack dev",
            "stack output --stack dev",
            "stack output --stack dev etlUrl",
            "stack output --stack dev etlStatus",
            "stack output --stack dev sandboxUrl",
            "stack output --stack dev sandboxStatus",
            "stack output --stack dev dagsDeployStatus",
        }));
        Assert.That(File.ReadAllLines(pulumiLog + ".env").Distinct().ToArray(), Is.EqualTo(new[] { $"backend=file://{_dir}/.pulumi-state passphrase=set" }));
        Assert.That(first.Stdout, Does.Contain("ETL deployment:     https://etl.example  (HEALTHY)"));

        // A second run reuses the running astro-sim.
        File.Delete(simArgs);
        File.Delete(pulumiLog);
        var second = await Bash.RunAsync(script, _dir, env, TimeSpan.FromSeconds(120));
        Assert.That(second.Exit, Is.EqualTo(0), second.Stdout + second.Stderr);
        Assert.That(second.Stdout, Does.Contain($"astro-sim is already running on http://127.0.0.1:{port}; reusing it"));
        Assert.That(File.Exists(simArgs), Is.False, "no second astro-sim");
        Assert.That(File.ReadAllLines(pulumiLog), Does.Contain("up --yes --non-interactive --stack dev"));

        // --destroy: pulumi destroy, then astro-sim stops.
        File.Delete(pulumiLog);
        var destroy = await Bash.RunAsync(script, _dir, env, TimeSpan.FromSeconds(120), "--destroy");
        Assert.That(destroy.Exit, Is.EqualTo(0), destroy.Stdout + destroy.Stderr);
        Assert.That(File.ReadAllLines(pulumiLog), Is.EqualTo(new[] { "version", "stack select dev --non-interactive", "destroy --yes --non-interactive --stack dev" }));
        Assert.That(await SimAnswers(port), Is.False, "astro-sim is stopped");
        Assert.That(File.Exists(Path.Combine(_dir, ".astro-sim", "sim.pid")), Is.False);
    }

    [Test]
    public async Task Quickstart_PortTakenByAnotherServer_StopsWithClearMessage()
    {
        Bash.Shim(_shims, "pulumi", "case \"$*\" in version) echo v3.190.0 ;; esac");
        Bash.Shim(_shims, "dotnet", "exit 0");
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        var answer = Task.Run(async () =>
        {
            using var client = await other.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        });
        var (exit, _, stderr) = await Bash.RunAsync(Path.Combine(_dir, "quickstart.sh"), _dir, new Dictionary<string, string>
        {
            ["PATH"] = $"{_shims}:/usr/local/bin:/usr/bin:/bin",
            ["ASTRO_SIM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, TimeSpan.FromSeconds(60));
        await answer;
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain($"port {port} is taken by something that is not astro-sim"));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<bool> SimAnswers(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "astro-sim-token");
        try { return (await http.GetAsync($"http://127.0.0.1:{port}/_sim/info")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
    }
}
