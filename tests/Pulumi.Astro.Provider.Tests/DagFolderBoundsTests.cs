using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Rpc;
using Pulumi.Astro.Provider.Schema;
using static Pulumi.Astro.Provider.Tests.Props;
using CheckFailure = Pulumi.Astro.Provider.Schema.CheckFailure;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// dagsPath is read with bounds: only regular files and folders inside it, no special file ever opened, a size limit
/// per file and per deploy, and a time limit at Check. Each breach is a Check failure on dagsPath naming the file and the
/// rule. Small limits stand in for the real ones, so nothing writes gigabytes.
/// </summary>
public sealed class DagFolderBoundsTests
{
    /// <summary>Check answers long before this even on a loaded machine; a hang (an opened pipe) fails the test instead of the run.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private static async Task<(PropertyMap Inputs, List<CheckFailure> Failures)> Check(string folder, DagLimits? limits = null)
    {
        var failures = new List<CheckFailure>();
        var deploy = new Deploy { Limits = limits ?? DagLimits.Default };
        var news = Marshal.FromStruct(Struct(("deploymentId", S("cdep")), ("dagsPath", S(folder))));
        var inputs = await Task.Run(() => deploy.Check("res", PropertyMap.Empty, news, failures)).WaitAsync(Ceiling);
        return (inputs, failures);
    }

    private static string DagsPathFailure(List<CheckFailure> failures)
    {
        Assert.That(failures.Select(f => f.Property), Is.EqualTo(new[] { "dagsPath" }), string.Join("\n", failures));
        return failures[0].Reason;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero);
    }

    [Test]
    public async Task Check_FolderHoldsNamedPipe_FailsWithoutOpeningIt()
    {
        using var dags = new DagFolder();
        MakeFifo(Path.Combine(dags.Path, "include", "events.fifo"));
        var (inputs, failures) = await Check(dags.Path);
        Assert.That(DagsPathFailure(failures), Does.StartWith("include/events.fifo is a named pipe (FIFO); only regular files and folders can be deployed (in "));
        Assert.That(inputs.Has("contentHash"), Is.False);
    }

    [Test]
    public async Task Check_LinkToDevZero_FailsAsOutsideTheFolder()
    {
        using var dags = new DagFolder();
        File.CreateSymbolicLink(Path.Combine(dags.Path, "zeros.py"), "/dev/zero");
        var (_, failures) = await Check(dags.Path);
        Assert.That(DagsPathFailure(failures), Does.StartWith("zeros.py is a symbolic link to /dev/zero, outside the folder; only links to files inside the folder are followed"));
    }

    [Test]
    public async Task Check_LinkOutOfTheFolder_Fails()
    {
        using var dags = new DagFolder();
        using var elsewhere = new DagFolder(withJunk: false);
        File.CreateSymbolicLink(Path.Combine(dags.Path, "borrowed.py"), Path.Combine(elsewhere.Path, "hello.py"));
        Directory.CreateSymbolicLink(Path.Combine(dags.Path, "borrowed"), Path.Combine(elsewhere.Path, "include"));
        Directory.CreateSymbolicLink(Path.Combine(dags.Path, "up"), "..");
        var (_, failures) = await Check(dags.Path);
        Assert.That(DagsPathFailure(failures), Does.Contain(" is a symbolic link to ").And.Contain("outside the folder"));
    }

    [Test]
    public async Task Check_LinkLeadingNowhere_Fails()
    {
        using var dags = new DagFolder();
        File.CreateSymbolicLink(Path.Combine(dags.Path, "gone.py"), Path.Combine(dags.Path, "deleted.py"));
        var (_, failures) = await Check(dags.Path);
        Assert.That(DagsPathFailure(failures), Does.StartWith("gone.py is a symbolic link that leads nowhere"));
    }

    [Test]
    public void Pack_LinksInsideTheFolder_FileLinkPackedAsTheFileFolderLinkSkipped()
    {
        using var dags = new DagFolder(withJunk: false);
        File.CreateSymbolicLink(Path.Combine(dags.Path, "alias.py"), "hello.py");
        Directory.CreateSymbolicLink(Path.Combine(dags.Path, "loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dags.Path, "include", "again"), "../include");
        using var packed = DagTarball.Pack(dags.Path);
        var files = new Dictionary<string, string>();
        DagFolder.Entries(packed.Gzip, files);
        var expected = dags.Expected();
        expected["dags/alias.py"] = expected["dags/hello.py"];
        Assert.That(files, Is.EqualTo(expected));
    }

    [Test]
    public async Task Check_FileOverTheLimit_FailsNamingFileAndLimit()
    {
        using var dags = new DagFolder(withJunk: false);
        dags.Write("include/big.csv", new string('x', 1001));
        var (_, failures) = await Check(dags.Path, DagLimits.Default with { MaxFileBytes = 1000 });
        Assert.That(DagsPathFailure(failures), Does.StartWith("include/big.csv has 1,001 bytes, more than the 1,000 bytes a file may have (in "));
    }

    [Test]
    public async Task Check_FilesOverTheDeployLimit_Fails()
    {
        using var dags = new DagFolder(withJunk: false);
        var total = Directory.EnumerateFiles(dags.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var (_, failures) = await Check(dags.Path, DagLimits.Default with { MaxTotalBytes = total - 1 });
        Assert.That(DagsPathFailure(failures), Does.StartWith($"the files hold more than the {total - 1:N0} bytes a deploy may have"));
        var (inputs, none) = await Check(dags.Path, DagLimits.Default with { MaxTotalBytes = total });
        Assert.That(none, Is.Empty, "exactly at the limit is allowed");
        Assert.That(inputs["contentHash"].AsString, Does.StartWith("sha256:"));
    }

    [Test]
    public async Task Check_TooManyFiles_Fails()
    {
        using var dags = new DagFolder(withJunk: false);
        var (_, failures) = await Check(dags.Path, DagLimits.Default with { MaxFiles = 2 });
        Assert.That(DagsPathFailure(failures), Is.EqualTo($"the folder holds more than the 2 files a deploy may have (in {dags.Path})"));
    }

    [Test]
    public async Task Check_ReadOutlastsTheTimeLimit_Fails()
    {
        using var dags = new DagFolder(withJunk: false);
        var (_, failures) = await Check(dags.Path, DagLimits.Default with { MaxCheckTime = TimeSpan.Zero });
        Assert.That(DagsPathFailure(failures), Does.StartWith($"reading {dags.Path} took longer than the 0s a check may take"));
    }

    [Test]
    public void Hash_Streamed_IsTheHashOfTheWholeTar()
    {
        using var dags = new DagFolder();
        var files = DagTarball.Files(dags.Path);
        Assert.That(DagTarball.Hash(files), Is.EqualTo(DagTarball.Hash(DagTarball.Tar(files))));
        using var packed = DagTarball.Pack(dags.Path);
        Assert.That(packed.Hash, Is.EqualTo(DagTarball.Hash(files)));
        Assert.That(packed.GzipLength, Is.EqualTo(new FileInfo(packed.GzipFile).Length));
    }

    [Test]
    public void Pack_Disposed_TemporaryFileDeleted()
    {
        using var dags = new DagFolder();
        var packed = DagTarball.Pack(dags.Path);
        Assert.That(File.Exists(packed.GzipFile), Is.True);
        packed.Dispose();
        Assert.That(File.Exists(packed.GzipFile), Is.False);
    }
}

/// <summary>The FIFO through the plugin process: Check answers over the real channel, and the next call works.</summary>
public sealed class DagFolderProtocolTests
{
    [Test]
    public async Task Check_FolderHoldsNamedPipe_PluginAnswersCheckFailure()
    {
        using var dags = new DagFolder();
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(dags.Path, "pipe")])!) mkfifo.WaitForExit();
        await using var plugin = await PluginProcess.StartAsync(engineAddress: null);
        var check = await plugin.Client.CheckAsync(new CheckRequest
        {
            Urn = "urn:pulumi:dev::proj::astro:index:Deploy::dags", Name = "dags", Type = "astro:index:Deploy", Olds = new Struct(),
            News = Struct(("deploymentId", S("cdep")), ("dagsPath", S(dags.Path))),
        }, deadline: DateTime.UtcNow.AddSeconds(60));
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Some.StartsWith("dagsPath: pipe is a named pipe (FIFO)"));
        Assert.That((await plugin.Client.GetPluginInfoAsync(new Empty(), deadline: DateTime.UtcNow.AddSeconds(60))).Version, Is.Not.Empty);
    }
}
