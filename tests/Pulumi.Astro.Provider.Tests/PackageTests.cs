using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Provider.Rpc;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// scripts/package.sh builds the archives `pulumi plugin install resource astro V` takes, one per platform Pulumi
/// supports, named as the engine downloads them. A quick framework-dependent build always runs and is started; the
/// release archives (Native AOT for linux-amd64, single-file builds elsewhere) are checked when .ci/run built them
/// (ASTRO_PACKAGE_DIR) or when ASTRO_PACKAGE_TEST_FULL=1 asks this test to build them (many minutes on 2 cores). Those
/// for other systems cannot start here: their layout and executable format are checked instead.
/// </summary>
public sealed class PackageTests
{
    private const string DirVariable = "ASTRO_PACKAGE_DIR";
    private const string FullVariable = "ASTRO_PACKAGE_TEST_FULL";
    private static readonly Lazy<Task<string>> Release = new(BuildOrFindReleaseArchives);

    private static Task<(int Exit, string Stdout, string Stderr)> Package(TimeSpan timeout, params string[] args) =>
        Bash.RunAsync(Repo.Path("scripts", "package.sh"), Repo.Root, new Dictionary<string, string>(), timeout, args);

    private static string HostPlatform =>
        (OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : "windows") + "-" +
        (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64");

    /// <summary>Entry names and, for the executable, its mode and bytes; extracts the files when asked to.</summary>
    private static async Task<(List<string> Entries, UnixFileMode Mode, byte[] Executable)> ReadArchive(string archive, string executable, string? extractTo = null)
    {
        var entries = new List<string>();
        var mode = default(UnixFileMode);
        var bytes = Array.Empty<byte>();
        await using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            entries.Add(entry.Name);
            if (entry.Name == executable && entry.DataStream is not null)
            {
                mode = entry.Mode;
                using var copy = new MemoryStream();
                await entry.DataStream.CopyToAsync(copy);
                bytes = copy.ToArray();
                if (extractTo is not null) await File.WriteAllBytesAsync(Path.Combine(extractTo, entry.Name), bytes);
            }
            else if (extractTo is not null && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                await entry.ExtractToFileAsync(Path.Combine(extractTo, entry.Name), overwrite: true);
            }
        }
        if (extractTo is not null && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(extractTo, executable), mode);
        return (entries, mode, bytes);
    }

    [Test]
    public async Task Package_FrameworkDependent_OneFileAtRootThatStartsAndServesBuildTimeDownloadUrl()
    {
        if (HostPlatform != "linux-amd64") Assert.Ignore($"packages and starts a linux-amd64 build; this machine is {HostPlatform}");
        var dir = Directory.CreateTempSubdirectory("package-").FullName;
        try
        {
            const string url = "github://api.github.com/acme/pulumi-astro";
            var (exit, stdout, stderr) = await Package(TimeSpan.FromMinutes(8),
                "--platform", "linux-amd64", "--framework-dependent", "--no-ready-to-run", "--plugin-download-url", url, "--out", dir);
            Assert.That(exit, Is.EqualTo(0), stderr);
            var archive = stdout.Trim().Split('\n')[^1];
            Assert.That(Path.GetFileName(archive), Is.EqualTo($"pulumi-resource-astro-v{ProviderVersion.Value}-linux-amd64.tar.gz"));
            Assert.That(stderr, Does.Contain("packaged linux-amd64 (framework-dependent single file)"));
            Assert.That(stderr, Does.Contain($"pulumi plugin install resource astro {ProviderVersion.Value} --file <archive>"));

            var extracted = Directory.CreateDirectory(Path.Combine(dir, "plugin")).FullName;
            var (entries, mode, binary) = await ReadArchive(archive, "pulumi-resource-astro", extracted);
            Assert.That(ExecutableFormat.Describe(binary), Is.EqualTo("ELF x86-64"));
            Assert.That(entries.Where(e => e != "LICENSE"), Is.EquivalentTo(new[] { "pulumi-resource-astro", "README.md" }), "one file and the README, at the root");
            Assert.That(mode & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));

            await using var engine = await FakeEngine.StartAsync();
            await using var plugin = await PluginProcess.StartAsync(engine.Address, executable: Path.Combine(extracted, "pulumi-resource-astro"));
            var info = await plugin.Client.GetPluginInfoAsync(new Empty());
            Assert.That(info.Version, Is.EqualTo(ProviderVersion.Value));
            var schema = JObject.Parse((await plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema);
            Assert.That((string?)schema["pluginDownloadURL"], Is.EqualTo(url), "--plugin-download-url is built into the schema");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("--platform", "solaris-sparc", "unknown platform 'solaris-sparc'")]
    [TestCase("--plugin-download-url", "ftp://example.com/x", "must be github://api.github.com/<owner>/<repo> or an http(s) URL")]
    [TestCase("--bogus", null, "unknown option '--bogus'")]
    public async Task Package_BadArguments_ExitsWith2NamingThem(string option, string? value, string message)
    {
        var (exit, _, stderr) = await Package(TimeSpan.FromMinutes(2), value is null ? [option] : [option, value]);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
    }

    [Test]
    public async Task Package_AotForAnotherPlatform_ExitsWith2SayingWhy()
    {
        var other = HostPlatform == "windows-amd64" ? "linux-arm64" : "windows-amd64";
        var (exit, stdout, stderr) = await Package(TimeSpan.FromMinutes(2), "--platform", other, "--aot", "--out", Path.GetTempPath());
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"Native AOT for {other} needs a {other} machine (this one is {HostPlatform})"));
        Assert.That(stdout, Is.Empty, "no archive");
    }

    private static async Task<string> BuildOrFindReleaseArchives()
    {
        if (Environment.GetEnvironmentVariable(DirVariable) is { Length: > 0 } dir) return dir;
        var built = Directory.CreateTempSubdirectory("package-all-").FullName;
        var (exit, _, stderr) = await Package(TimeSpan.FromMinutes(40), "--all", "--out", built);
        Assert.That(exit, Is.EqualTo(0), stderr);
        return built;
    }

    // The signature in the .NET host's single-file bundle marker (src/native/corehost/apphost/bundle_marker.cpp in
    // dotnet/runtime): every single-file build carries it, a Native AOT binary does not.
    private static readonly byte[] BundleSignature = Convert.FromHexString("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae");

    [TestCase("linux-amd64", "ELF", "x86-64")]
    [TestCase("linux-arm64", "ELF", "aarch64")]
    [TestCase("darwin-amd64", "Mach-O", "x86_64")]
    [TestCase("darwin-arm64", "Mach-O", "arm64")]
    [TestCase("windows-amd64", "PE", "x64")]
    public async Task Package_ReleaseArchive_ExecutableAtRootOfThePlatformsFormat(string platform, string format, string arch)
    {
        if (Environment.GetEnvironmentVariable(DirVariable) is not { Length: > 0 } && Environment.GetEnvironmentVariable(FullVariable) != "1")
            Assert.Ignore($"the release archives take many minutes to build: .ci/run builds them and sets {DirVariable}; or set {FullVariable}=1");
        var archive = Path.Combine(await Release.Value, $"pulumi-resource-astro-v{ProviderVersion.Value}-{platform}.tar.gz");
        Assert.That(File.Exists(archive), Is.True, $"{archive} is missing");
        var executable = platform.StartsWith("windows", StringComparison.Ordinal) ? "pulumi-resource-astro.exe" : "pulumi-resource-astro";
        var canRun = platform == HostPlatform;
        var extracted = canRun ? Directory.CreateTempSubdirectory("package-run-").FullName : null;
        try
        {
            var (entries, mode, binary) = await ReadArchive(archive, executable, extracted);
            Assert.That(entries.Where(e => e != "LICENSE"), Is.EquivalentTo(new[] { executable, "README.md" }), "the executable and the README, at the root");
            Assert.That(mode & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
            Assert.That(ExecutableFormat.Describe(binary), Is.EqualTo($"{format} {arch}"));
            if (format == "Mach-O")
                Assert.That(ExecutableFormat.MachOHasCodeSignature(binary), Is.True, "macOS on arm64 runs only signed binaries: the SDK signs ad hoc");
            // Native AOT where this machine can compile it (its own platform), a single-file bundle elsewhere.
            Assert.That(binary.AsSpan().IndexOf(BundleSignature) >= 0, Is.EqualTo(!canRun), canRun ? "Native AOT" : "a single-file bundle");

            if (extracted is null) return;
            await using var engine = await FakeEngine.StartAsync();
            await using var plugin = await PluginProcess.StartAsync(engine.Address, executable: Path.Combine(extracted, executable));
            Assert.That((await plugin.Client.GetPluginInfoAsync(new Empty())).Version, Is.EqualTo(ProviderVersion.Value));
            var schema = JObject.Parse((await plugin.Client.GetSchemaAsync(new GetSchemaRequest())).Schema);
            Assert.That((string?)schema["pluginDownloadURL"], Does.StartWith("github://api.github.com/"));
        }
        finally
        {
            if (extracted is not null) Directory.Delete(extracted, recursive: true);
        }
    }
}

/// <summary>Reads an executable's header: ELF, Mach-O or PE, and the machine it is for.</summary>
internal static class ExecutableFormat
{
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 20 && head[..4].SequenceEqual("\u007fELF"u8) && head[4] == 2 /* 64-bit */)
            return BinaryPrimitives.ReadUInt16LittleEndian(head[18..]) switch { 0x3E => "ELF x86-64", 0xB7 => "ELF aarch64", var m => $"ELF machine 0x{m:x}" };
        if (head.Length >= 16 && BinaryPrimitives.ReadUInt32LittleEndian(head) == 0xFEEDFACF /* MH_MAGIC_64 */ && BinaryPrimitives.ReadUInt32LittleEndian(head[12..]) == 2 /* MH_EXECUTE */)
            return BinaryPrimitives.ReadUInt32LittleEndian(head[4..]) switch { 0x01000007 => "Mach-O x86_64", 0x0100000C => "Mach-O arm64", var c => $"Mach-O cpu 0x{c:x}" };
        if (head.Length >= 0x40 && head[..2].SequenceEqual("MZ"u8))
        {
            var pe = BinaryPrimitives.ReadInt32LittleEndian(head[0x3C..]);
            if (pe > 0 && pe + 26 <= head.Length && head.Slice(pe, 4).SequenceEqual("PE\0\0"u8)
                && BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 24)..]) == 0x20B /* PE32+ */)
                return BinaryPrimitives.ReadUInt16LittleEndian(head[(pe + 4)..]) switch { 0x8664 => "PE x64", 0xAA64 => "PE arm64", var m => $"PE machine 0x{m:x}" };
        }
        return "unknown";
    }

    /// <summary>Whether a 64-bit Mach-O executable has an LC_CODE_SIGNATURE load command.</summary>
    public static bool MachOHasCodeSignature(ReadOnlySpan<byte> head)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(head[16..]);
        var offset = 32; // mach_header_64
        for (var i = 0; i < count && offset + 8 <= head.Length; i++)
        {
            var command = BinaryPrimitives.ReadUInt32LittleEndian(head[offset..]);
            if (command == 0x1D) return true;
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(head[(offset + 4)..]);
        }
        return false;
    }
}
