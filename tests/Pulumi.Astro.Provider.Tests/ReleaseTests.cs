using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// scripts/release.sh, what the release workflow runs on a version tag. The Pulumi CLI and GitHub cannot be reached
/// here, so `pulumi` and `gh` are fakes that record their arguments (the fake `pulumi package gen-sdk` writes a small
/// .NET project for the real `dotnet pack`), and the archives are small stand-ins: what is tested is the order, the
/// checks, the names and the files handed to the release.
/// </summary>
[NonParallelizable]
public sealed class ReleaseTests
{
    private static readonly string[] Platforms = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];
    private string _dir = null!;
    private string _shims = null!;
    private string _archives = null!;
    private string _out = null!;
    private string _pulumiLog = null!;
    private string _ghLog = null!;
    private static string Version => ProviderVersion.Value;

    [SetUp]
    public async Task FakeToolsAndArchives()
    {
        _dir = Directory.CreateTempSubdirectory("release-").FullName;
        _shims = Directory.CreateDirectory(Path.Combine(_dir, "shims")).FullName;
        _archives = Directory.CreateDirectory(Path.Combine(_dir, "archives")).FullName;
        _out = Path.Combine(_dir, "out");
        _pulumiLog = Path.Combine(_dir, "pulumi.log");
        _ghLog = Path.Combine(_dir, "gh.log");
        var schema = Path.Combine(_dir, "schema.json");
        await File.WriteAllTextAsync(schema, $"{{\n  \"name\": \"astro\",\n  \"version\": \"{Version}\",\n  \"pluginDownloadURL\": \"github://api.github.com/acme/pulumi-astro\"\n}}\n");
        Bash.Shim(_shims, "pulumi", $$"""
            echo "$*" >> {{_pulumiLog}}
            case "$1 $2" in
              "package get-schema") [ -x "$3" ] || { echo "no plugin at $3" >&2; exit 3; }; cat {{schema}} ;;
              "package gen-sdk")
                mkdir -p "$7/$5"
                if [ "$5" = dotnet ]; then
                  printf '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n' > "$7/$5/Pulumi.Astro.csproj"
                  printf 'namespace Pulumi.Astro; public static class Generated { }\n' > "$7/$5/Generated.cs"
                else
                  echo "$5 SDK" > "$7/$5/README.md"
                fi ;;
              *) exit 9 ;;
            esac
            """);
        Bash.Shim(_shims, "gh", $"echo \"$*\" >> {_ghLog}\ncase \"$1 $2\" in \"release view\") exit 1 ;; esac");
        foreach (var platform in Platforms)
        {
            var exe = platform.StartsWith("windows", StringComparison.Ordinal) ? "pulumi-resource-astro.exe" : "pulumi-resource-astro";
            var src = Directory.CreateDirectory(Path.Combine(_dir, "src", platform)).FullName;
            Bash.Shim(src, exe, $"echo {platform}");
            await using var file = File.Create(Path.Combine(_archives, $"pulumi-resource-astro-v{Version}-{platform}.tar.gz"));
            await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            await TarFile.CreateFromDirectoryAsync(src, gzip, includeBaseDirectory: false);
        }
    }

    [TearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    private Task<(int Exit, string Stdout, string Stderr)> Release(params string[] args) =>
        Bash.RunAsync(Repo.Path("scripts", "release.sh"), Repo.Root,
            new Dictionary<string, string> { ["PATH"] = $"{_shims}:/usr/local/bin:/usr/bin:/bin" }, TimeSpan.FromMinutes(5), args);

    [Test]
    public async Task Release_VersionTag_SdksNuGetChecksumsAndOneGitHubRelease()
    {
        var (exit, stdout, stderr) = await Release($"v{Version}", "--repository", "acme/pulumi-astro", "--archives", _archives, "--out", _out, "--publish");
        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim().Split('\n')[^1], Is.EqualTo(_out));

        var pulumi = await File.ReadAllLinesAsync(_pulumiLog);
        Assert.That(pulumi[0], Does.StartWith("package get-schema ").And.EndWith("/pulumi-resource-astro"), "the schema comes from this machine's archive");
        Assert.That(pulumi[1..], Is.EqualTo(new[] { "dotnet", "nodejs", "python", "go" }.Select(l => $"package gen-sdk {_out}/schema.json --language {l} --out {_out}/sdk")));

        var nupkg = Path.Combine(_out, $"Pulumi.Astro.{Version}.nupkg");
        Assert.That(File.Exists(nupkg), Is.True, "the .NET SDK is packed as Pulumi.Astro");
        using (var package = ZipFile.OpenRead(nupkg))
            Assert.That(package.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/Pulumi.Astro.dll"));

        var expected = Platforms.Select(p => $"pulumi-resource-astro-v{Version}-{p}.tar.gz")
            .Concat(new[] { "nodejs", "python", "go" }.Select(l => $"pulumi-astro-sdk-{l}-v{Version}.tar.gz"))
            .Append($"Pulumi.Astro.{Version}.nupkg").Append("schema.json").ToList();
        var sums = Path.Combine(_out, $"pulumi-astro-v{Version}-checksums.txt");
        var lines = (await File.ReadAllLinesAsync(sums)).Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        Assert.That(lines.Keys, Is.EquivalentTo(expected));
        foreach (var (name, sum) in lines)
            Assert.That(sum, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_out, name))))), name);

        var gh = await File.ReadAllLinesAsync(_ghLog);
        Assert.That(gh[0], Is.EqualTo($"release view v{Version} --repo acme/pulumi-astro"));
        Assert.That(gh, Has.Length.EqualTo(2));
        var create = gh[1].Split(' ');
        Assert.That(create[..2], Is.EqualTo(new[] { "release", "create" }));
        Assert.That(create[2], Is.EqualTo($"v{Version}"));
        Assert.That(create.Where(a => a.StartsWith(_out, StringComparison.Ordinal)).Select(Path.GetFileName),
            Is.EquivalentTo(expected.Append(Path.GetFileName(sums))), "every file and the checksums are attached");
        Assert.That(gh[1], Does.Contain("--repo acme/pulumi-astro").And.Contain("--verify-tag"));
    }

    [Test]
    public async Task Release_TagIsNotTheProviderVersion_ExitsWith2BeforeAnything()
    {
        var (exit, _, stderr) = await Release("v99.0.0", "--repository", "acme/pulumi-astro", "--archives", _archives, "--out", _out, "--publish");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"tag v99.0.0 is not v{Version}, the provider's version"));
        Assert.That(File.Exists(_pulumiLog) || File.Exists(_ghLog), Is.False);
    }

    [Test]
    public async Task Release_ArchivesBuiltForAnotherRepository_StopsBeforeSdksAndRelease()
    {
        var (exit, _, stderr) = await Release($"v{Version}", "--repository", "other/pulumi-astro", "--archives", _archives, "--out", _out, "--publish");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("names pluginDownloadURL 'github://api.github.com/acme/pulumi-astro', not 'github://api.github.com/other/pulumi-astro'"));
        Assert.That(await File.ReadAllLinesAsync(_pulumiLog), Has.Length.EqualTo(1), "only get-schema ran");
        Assert.That(File.Exists(_ghLog), Is.False);
    }

    [Test]
    public async Task Release_PlatformArchiveMissing_StopsNamingIt()
    {
        File.Delete(Path.Combine(_archives, $"pulumi-resource-astro-v{Version}-darwin-arm64.tar.gz"));
        var (exit, _, stderr) = await Release($"v{Version}", "--repository", "acme/pulumi-astro", "--archives", _archives, "--out", _out);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain($"has no pulumi-resource-astro-v{Version}-darwin-arm64.tar.gz"));
        Assert.That(File.Exists(_pulumiLog), Is.False);
    }

    [Test]
    public void Workflow_OnVersionTag_RunsReleaseScriptWithItsRepository()
    {
        var workflow = File.ReadAllText(Repo.Path(".github", "workflows", "release.yml"));
        Assert.That(workflow, Does.Contain("tags: [\"v*.*.*\"]"));
        Assert.That(workflow, Does.Contain("scripts/release.sh \"$GITHUB_REF_NAME\" --repository \"$GITHUB_REPOSITORY\""));
        Assert.That(workflow, Does.Contain("--publish"));
        Assert.That(workflow, Does.Contain("contents: write"));
    }
}
