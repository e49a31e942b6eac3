using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Pulumi.Astro.Testing;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// quickstart.sh installs the Pulumi CLI when none is on PATH: a pinned version, checked against Pulumi's checksums
/// file, into the project's .pulumi-cli/bin. Pulumi's download server cannot be reached here, so a loopback HTTP server
/// (<see cref="FileServer"/>) serves a fake CLI archive and checksums file under the names Pulumi publishes.
/// </summary>
[NonParallelizable]
public sealed partial class QuickstartInstallTests
{
    private string _dir = null!;
    private string _shims = null!;
    private string _dotnetLog = null!;

    [SetUp]
    public void CopyScript()
    {
        _dir = Directory.CreateTempSubdirectory("quickstart-install-").FullName;
        _shims = Directory.CreateDirectory(Path.Combine(_dir, ".shims")).FullName;
        File.Copy(Repo.Path("quickstart.sh"), Path.Combine(_dir, "quickstart.sh"));
        File.Copy(Repo.Path("Pulumi.yaml"), Path.Combine(_dir, "Pulumi.yaml"));
        _dotnetLog = Path.Combine(_dir, "dotnet.log");
        Bash.Shim(_shims, "dotnet", $"echo \"$*\" >> {_dotnetLog}");
    }

    [TearDown]
    public void StopLeftovers()
    {
        var pidFile = Path.Combine(_dir, ".astro-sim", "sim.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            try { Process.GetProcessById(pid).Kill(true); } catch (ArgumentException) { }
        Directory.Delete(_dir, recursive: true);
    }

    [GeneratedRegex(@"^pulumi_cli_version=(\d+\.\d+\.\d+)$", RegexOptions.Multiline)]
    private static partial Regex PinnedVersion();

    /// <summary>The version the script pins, read from it.</summary>
    private static string Pinned => PinnedVersion().Match(File.ReadAllText(Repo.Path("quickstart.sh"))).Groups[1].Value;

    /// <summary>The archive name Pulumi publishes for this machine (pulumi-v3.x.y-linux-x64.tar.gz).</summary>
    private static string ArchiveName()
    {
        var os = OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        return $"pulumi-v{Pinned}-{os}-{arch}.tar.gz";
    }

    private static string ChecksumsName => $"pulumi-{Pinned}-checksums.txt";

    /// <summary>A Pulumi CLI release archive as Pulumi lays it out (pulumi/pulumi and its language plugins).</summary>
    private string FakeCliArchive(string pulumiScript)
    {
        var src = Directory.CreateDirectory(Path.Combine(_dir, ".fake-cli", "pulumi")).FullName;
        Bash.Shim(src, "pulumi", pulumiScript);
        Bash.Shim(src, "pulumi-language-yaml", "exit 0");
        var archive = Path.Combine(_dir, ".fake-cli", ArchiveName());
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            TarFile.CreateFromDirectory(src, gzip, includeBaseDirectory: true);
        return archive;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private Dictionary<string, string> Env(string downloadUrl, int? simPort = null)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = $"{_shims}:/usr/local/bin:/usr/bin:/bin",
            ["PULUMI_CLI_DOWNLOAD_URL"] = downloadUrl,
        };
        if (simPort is { } port)
        {
            env["ASTRO_SIM_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            env["ASTRO_SIM"] = SimProcess.Executable;
        }
        return env;
    }

    private string Script => Path.Combine(_dir, "quickstart.sh");
    private string InstalledCli => Path.Combine(_dir, ".pulumi-cli", "bin", "pulumi");

    [Test]
    public async Task Quickstart_Help_PrintsUsageWithNoToolOnPath()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, ".empty")).FullName;
        var (exit, stdout, stderr) = await Bash.RunAsync(Script, _dir, new Dictionary<string, string> { ["PATH"] = empty }, TimeSpan.FromSeconds(30), "--help");
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.StartWith("Quickstart: `pulumi up` of ./Pulumi.yaml"));
        Assert.That(stdout, Does.Contain("--destroy").And.Contain("--no-install").And.Contain("PULUMI_CLI_DOWNLOAD_URL"));
        Assert.That(stdout, Does.Contain($"installs Pulumi CLI v{Pinned} into .pulumi-cli/bin"), "the help names the pinned version");
        Assert.That(stdout, Does.Not.Contain("#"), "comment markers are stripped");
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public async Task Quickstart_NoPulumiAndOffline_ExitsWith2WithInstallHintAndBuildsNothing()
    {
        var (exit, stdout, stderr) = await Bash.RunAsync(Script, _dir, Env($"http://127.0.0.1:{ClosedPort()}/releases/sdk"), TimeSpan.FromSeconds(120));
        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain("could not download the Pulumi CLI (offline?)"));
        Assert.That(stderr, Does.Contain("the Pulumi CLI is not on PATH").And.Contain("https://www.pulumi.com/docs/install/"));
        Assert.That(File.Exists(InstalledCli), Is.False);
        Assert.That(File.Exists(_dotnetLog), Is.False, "nothing is built without a Pulumi CLI");
        Assert.That(Directory.Exists(Path.Combine(_dir, ".astro-sim")), Is.False);
    }

    [Test]
    public async Task Quickstart_NoPulumiAndNoInstall_ExitsWith2WithoutDownloading()
    {
        await using var server = FileServer.Start(new Dictionary<string, string>());
        var (exit, _, stderr) = await Bash.RunAsync(Script, _dir, Env(server.BaseUrl), TimeSpan.FromSeconds(60), "--no-install");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("the Pulumi CLI is not on PATH"));
        Assert.That(server.Requests, Is.Empty, "--no-install downloads nothing");
        Assert.That(File.Exists(_dotnetLog), Is.False);
    }

    [Test]
    public async Task Quickstart_DownloadFailsChecksum_ExitsWith2AndInstallsNothing()
    {
        var archive = FakeCliArchive("echo v3.259.0");
        var sumsFile = Path.Combine(_dir, ".fake-cli", ChecksumsName);
        // The published file lists every platform; this machine's line has another archive's digest.
        await File.WriteAllTextAsync(sumsFile,
            $"{new string('0', 64)}  pulumi-v{Pinned}-windows-x64.zip\n{new string('a', 64)}  {ArchiveName()}\n");
        await using var server = FileServer.Start(new Dictionary<string, string> { [ArchiveName()] = archive, [ChecksumsName] = sumsFile });

        var (exit, stdout, stderr) = await Bash.RunAsync(Script, _dir, Env(server.BaseUrl), TimeSpan.FromSeconds(120));
        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain($"{ArchiveName()} does not match Pulumi's published checksum (expected '{new string('a', 64)}', got '{Sha256(archive)}'); nothing was installed."));
        Assert.That(server.Requests, Is.EquivalentTo(new[] { $"/{ChecksumsName}", $"/{ArchiveName()}" }));
        Assert.That(Directory.Exists(Path.Combine(_dir, ".pulumi-cli")), Is.False);
        Assert.That(File.Exists(_dotnetLog), Is.False);
    }

    [Test]
    public async Task Quickstart_ChecksumsFileWithoutThisPlatform_ExitsWith2()
    {
        var archive = FakeCliArchive("echo v3.259.0");
        var sumsFile = Path.Combine(_dir, ".fake-cli", ChecksumsName);
        await File.WriteAllTextAsync(sumsFile, $"{Sha256(archive)}  pulumi-v{Pinned}-windows-x64.zip\n");
        await using var server = FileServer.Start(new Dictionary<string, string> { [ArchiveName()] = archive, [ChecksumsName] = sumsFile });

        var (exit, _, stderr) = await Bash.RunAsync(Script, _dir, Env(server.BaseUrl), TimeSpan.FromSeconds(120));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"expected 'no line for it in {ChecksumsName}'"));
        Assert.That(File.Exists(InstalledCli), Is.False);
    }

    [Test]
    public async Task Quickstart_NoPulumiOnPath_InstallsVerifiedPinnedCliAndRunsWithIt()
    {
        var pulumiLog = Path.Combine(_dir, "pulumi.log");
        var archive = FakeCliArchive($$"""
            echo "$*" >> {{pulumiLog}}
            case "$*" in
              version) echo v{{Pinned}} ;;
            esac
            exit 0
            """);
        var sumsFile = Path.Combine(_dir, ".fake-cli", ChecksumsName);
        await File.WriteAllTextAsync(sumsFile, $"{new string('0', 64)}  pulumi-v{Pinned}-windows-x64.zip\n{Sha256(archive)}  {ArchiveName()}\n");
        var port = ClosedPort();
        await using (var server = FileServer.Start(new Dictionary<string, string> { [ArchiveName()] = archive, [ChecksumsName] = sumsFile }))
        {
            var first = await Bash.RunAsync(Script, _dir, Env(server.BaseUrl, port), TimeSpan.FromSeconds(180));
            Assert.That(first.Exit, Is.EqualTo(0), first.Stdout + first.Stderr);
            Assert.That(server.Requests, Is.EqualTo(new[] { $"/{ChecksumsName}", $"/{ArchiveName()}" }));
            Assert.That(first.Stdout, Does.Contain($"installed Pulumi CLI v{Pinned} in .pulumi-cli/bin"));
        }
        Assert.That(File.Exists(InstalledCli), Is.True);
        Assert.That(File.Exists(Path.Combine(_dir, ".pulumi-cli", "bin", "pulumi-language-yaml")), Is.True, "the language plugins come along");
        var commands = await File.ReadAllLinesAsync(pulumiLog);
        Assert.That(commands, Does.Contain("stack select dev --create --non-interactive").And.Contain("up --yes --non-interactive --stack dev"));
        Assert.That(File.ReadAllLines(_dotnetLog), Does.Contain("publish src/Pulumi.Astro.Provider -c Release -o bin --nologo -v quiet"));

        // The server is gone (offline): the next runs use the installed CLI and download nothing.
        File.Delete(pulumiLog);
        var second = await Bash.RunAsync(Script, _dir, Env($"http://127.0.0.1:{ClosedPort()}", port), TimeSpan.FromSeconds(180));
        Assert.That(second.Exit, Is.EqualTo(0), second.Stdout + second.Stderr);
        Assert.That(second.Stdout, Does.Not.Contain("installing"));
        Assert.That(await File.ReadAllLinesAsync(pulumiLog), Does.Contain("up --yes --non-interactive --stack dev"));

        var destroy = await Bash.RunAsync(Script, _dir, Env($"http://127.0.0.1:{ClosedPort()}", port), TimeSpan.FromSeconds(120), "--destroy");
        Assert.That(destroy.Exit, Is.EqualTo(0), destroy.Stdout + destroy.Stderr);
        Assert.That(await File.ReadAllLinesAsync(pulumiLog), Does.Contain("destroy --yes --non-interactive --stack dev"));
    }

    [Test]
    public void Readme_FirstCommandAndPinnedVersion_AreTheQuickstarts()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        var firstBlock = readme[(readme.IndexOf("```bash\n", StringComparison.Ordinal) + 8)..];
        Assert.That(firstBlock, Does.StartWith("./quickstart.sh "), "a newcomer's first command");
        Assert.That(readme, Does.Contain($"installs a pinned version ({Pinned})"), "the README names the version the script pins");
    }

    [Test]
    public void PinnedVersion_IsAPulumi3Release() =>
        Assert.That(Pinned, Does.Match(@"^3\.\d+\.\d+$"), "quickstart.sh pins pulumi_cli_version=3.x.y");

    private static int ClosedPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>A loopback HTTP server for a few files, by name; it records the paths asked for.</summary>
internal sealed class FileServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyDictionary<string, string> _files;
    private readonly List<string> _requests = [];
    private readonly Task _loop;

    private FileServer(HttpListener listener, IReadOnlyDictionary<string, string> files, string baseUrl)
    {
        _listener = listener;
        _files = files;
        BaseUrl = baseUrl;
        _loop = Task.Run(Serve);
    }

    /// <summary>Ends without a slash; files are at BaseUrl/name.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<string> Requests { get { lock (_requests) return [.. _requests]; } }

    public static FileServer Start(IReadOnlyDictionary<string, string> files)
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FileServer(listener, files, $"http://127.0.0.1:{port}");
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken between the probe and the start: try another
            }
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var path = ctx.Request.Url!.AbsolutePath;
            lock (_requests) _requests.Add(path);
            if (_files.TryGetValue(path.TrimStart('/'), out var file))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                ctx.Response.ContentLength64 = bytes.Length;
                await ctx.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                ctx.Response.StatusCode = 404;
            }
            ctx.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
